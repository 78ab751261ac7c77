"""Validate ``data/`` before anything uses it: Frictionless, then the book's own integrity checks.

``python -m karabakh check-data`` prints the problems; ``python -m karabakh build`` runs the same
checks before executing any notebook and stops with the same messages, so bad data never reaches
a page. Every message names the file, the row (the line in the CSV file) and the column.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from karabakh import data, project

#: How many problems a failed build prints (check-data prints all of them).
SHOWN_IN_BUILD = 20


class DataError(RuntimeError):
    """``data/`` failed validation; the message lists the problems."""


def _describe(resource_path: str, error) -> str:
    row = getattr(error, "row_number", None)
    field = getattr(error, "field_name", None)
    if error.type == "foreign-key":
        field = ", ".join(error.field_names)
        values = ", ".join(repr(value) for value in error.field_cells)
        return (f"data/{resource_path}, row {row}, column {field}: {values} is not a {error.reference_name or 'this table'} "
                f"key ({', '.join(error.reference_field_names)})")
    if error.type == "primary-key":
        return f"data/{resource_path}, row {row}: duplicate primary key ({error.note})"
    where = [f"data/{resource_path}"]
    if row:
        where.append(f"row {row}")
    if field:
        where.append(f"column {field}")
    cell = getattr(error, "cell", None)
    detail = error.note or error.message
    if cell is not None and field:
        detail = f"value {cell!r}: {detail}"
    return f"{', '.join(where)}: {detail}"


def frictionless_errors() -> list[str]:
    import frictionless

    paths = {item["name"]: item["path"] for item in data.descriptor()["resources"]}
    problems = []
    for resource in data.descriptor()["resources"]:
        path = project.DATA_DIR / resource["path"]
        if not path.is_file():
            problems.append(f"data/{resource['path']}: file missing (listed in data/datapackage.json)")
        elif path.stat().st_size == 0:
            problems.append(f"data/{resource['path']}: file is empty (a header row is required)")
    if problems:
        return problems
    report = frictionless.validate(str(project.DATAPACKAGE_PATH))
    if report.valid:
        return []
    for task in report.tasks:
        for error in task.errors:
            problems.append(_describe(paths.get(task.name, task.name), error))
    for error in report.errors:
        problems.append(f"data/datapackage.json: {error.message}")
    return problems


def problems() -> list[str]:
    """Every problem in ``data/``; the integrity checks need the Frictionless checks to have passed."""
    return frictionless_errors() or data.integrity_problems()


def fingerprint() -> str:
    """A hash of every file of the data package (what a validation result depends on)."""
    digest = hashlib.sha256()
    for path in sorted(project.DATA_DIR.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(project.ROOT).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def require_valid(cache: Path | None = None) -> None:
    """Raise :class:`DataError` unless ``data/`` is valid; remember a pass in ``cache`` by content hash."""
    key = fingerprint()
    if cache is not None and cache.exists():
        try:
            if json.loads(cache.read_text()).get("valid") == key:
                return
        except ValueError:
            pass  # an unreadable record is no record
    found = problems()
    if found:
        shown = "\n".join(f"  {problem}" for problem in found[:SHOWN_IN_BUILD])
        more = f"\n  … and {len(found) - SHOWN_IN_BUILD} more (make check-data lists them all)" if len(found) > SHOWN_IN_BUILD else ""
        raise DataError(f"data/ failed validation ({len(found)} problem(s)); nothing was executed or published:\n{shown}{more}")
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps({"valid": key}) + "\n")


def main() -> int:
    found = problems()
    for problem in found:
        print(problem, file=sys.stderr)
    if found:
        print(f"invalid: {len(found)} problem(s)")
        return 1
    print("valid: " + ", ".join(f"{name} ({len(data.load_table(name))} rows)" for name in data.table_names()))
    return 0
