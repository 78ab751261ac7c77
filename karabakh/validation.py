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
    problems = frictionless_errors()
    if not problems:
        problems = data.integrity_problems()
    for problem in problems:
        print(problem, file=sys.stderr)
    tables = ", ".join(f"{name} ({len(data.load_table(name))} rows)" for name in data.table_names())
    print(("invalid: " if problems else "valid: ") + tables)
    return 1 if problems else 0
