"""``python -m karabakh check-data``: Frictionless validation plus the book's own integrity checks."""

from __future__ import annotations

import sys

from karabakh import data, project


def frictionless_errors() -> list[str]:
    import frictionless

    report = frictionless.validate(str(project.DATAPACKAGE_PATH))
    if report.valid:
        return []
    return [f"{row[0]}: {row[1]}" for row in report.flatten(["title", "message"])]


def main() -> int:
    # The integrity checks load the tables, which needs the Frictionless checks to have passed.
    problems = frictionless_errors() or data.integrity_problems()
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"invalid: {len(problems)} problem(s)")
        return 1
    print("valid: " + ", ".join(f"{name} ({len(data.load_table(name))} rows)" for name in data.table_names()))
    return 0
