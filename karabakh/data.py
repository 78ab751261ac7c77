"""The book's Data Package: tables loaded with the types their schemas declare.

``data/datapackage.json`` is the single description of what is in ``data/``. Frictionless validates
it (types, enumerations, primary and foreign keys); :func:`integrity_problems` adds the checks
Frictionless cannot express, such as foreign keys held in list fields (``source_ids``).
"""

from __future__ import annotations

import functools
import json
import os
import re
from pathlib import Path

import pandas as pd

from karabakh import project

#: Set by the pipeline for each notebook it executes: the data files it read are appended here,
#: so that the cache knows which files a notebook depends on.
READS_LOG_VARIABLE = "KARABAKH_READS_LOG"
_IDENTIFIER = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@functools.lru_cache(maxsize=None)
def descriptor() -> dict:
    return json.loads(project.DATAPACKAGE_PATH.read_text(encoding="utf-8"))


def write_descriptor(descriptor_: dict, path: Path | None = None) -> None:
    """Write a data package descriptor in the repository's layout (2-space JSON, UTF-8 as written);
    the cached descriptor is read again on next use."""
    (path or project.DATAPACKAGE_PATH).write_text(json.dumps(descriptor_, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    descriptor.cache_clear()


def resource(name: str) -> dict:
    for item in descriptor()["resources"]:
        if item["name"] == name:
            return item
    known = ", ".join(item["name"] for item in descriptor()["resources"])
    raise KeyError(f"no table {name!r} in the data package; tables: {known}")


def table_names() -> list[str]:
    return [item["name"] for item in descriptor()["resources"]]


def table_path(name: str) -> Path:
    return project.DATA_DIR / resource(name)["path"]


def fields(name: str) -> dict[str, dict]:
    return {field["name"]: field for field in resource(name)["schema"]["fields"]}


def field_enum(name: str, field: str) -> list:
    return list(fields(name)[field]["constraints"]["enum"])


def _record_read(path: Path) -> None:
    log = os.environ.get(READS_LOG_VARIABLE)
    if log:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(path.relative_to(project.ROOT).as_posix() + "\n")


def _cast(column: pd.Series, field: dict) -> pd.Series:
    kind = field.get("type", "string")
    if kind == "integer":
        return pd.to_numeric(column).astype("Int64")
    if kind == "number":
        return pd.to_numeric(column).astype("Float64")
    if kind == "date":
        return pd.to_datetime(column, format="%Y-%m-%d")
    if kind == "boolean":
        return column.map({"true": True, "false": False}).astype("boolean")
    if kind == "list":
        delimiter = field.get("delimiter", ",")
        item = int if field.get("itemType") == "integer" else str
        return column.map(lambda text: [] if pd.isna(text) else [item(part) for part in text.split(delimiter)])
    return column.astype("string")


def load_table(name: str) -> pd.DataFrame:
    """A table of the data package, typed by its schema; empty cells are missing values.

    Each file is read and typed once per process (a chapter asks for ``places`` many times);
    callers get their own copy.
    """
    path = table_path(name)
    _record_read(path)
    _record_read(project.DATAPACKAGE_PATH)
    stat = path.stat()
    return _typed_table(name, path, stat.st_mtime_ns, stat.st_size).copy()


@functools.lru_cache(maxsize=None)
def _typed_table(name: str, path: Path, modified: int, size: int) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    schema_fields = fields(name)
    if list(frame.columns) != list(schema_fields):
        raise ValueError(f"{path.name}: columns {list(frame.columns)} differ from the schema {list(schema_fields)}")
    return pd.DataFrame({column: _cast(frame[column], schema_fields[column]) for column in frame.columns})


def sources_by_id() -> dict[str, dict]:
    """Every source as a dict, by ``source_id``: what captions and reference lists cite."""
    path = table_path("sources")
    _record_read(path)
    stat = path.stat()
    return _sources_by_id(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=None)
def _sources_by_id(path: Path, modified: int, size: int) -> dict[str, dict]:
    table = load_table("sources")
    return {row["source_id"]: row for row in table.to_dict("records")}


def integrity_problems() -> list[str]:
    """Checks beyond Frictionless: list-valued foreign keys resolve, date ranges are ordered."""
    problems = []
    tables = {name: load_table(name) for name in table_names()}
    keys = {
        name: set(tables[name][resource(name)["schema"]["primaryKey"]])
        for name in tables
        if isinstance(resource(name)["schema"].get("primaryKey"), str)
    }
    for name, table in tables.items():
        for field_name, field in fields(name).items():
            target = field.get("references")  # our own marker for list-valued foreign keys
            if not target:
                continue
            for row_number, items in enumerate(table[field_name], start=2):
                items = items if isinstance(items, list) else ([] if pd.isna(items) else [items])
                for item in items:
                    # Only identifiers go in a list cell: an item with other characters means free text
                    # (which may hold the separator) was put where a child table belongs.
                    if not _IDENTIFIER.match(str(item)):
                        problems.append(
                            f"data/{resource(name)['path']}, row {row_number}, column {field_name}: '{item}' is not an "
                            "identifier (list cells hold ids only; free text goes in a child table)"
                        )
                        continue
                    if item not in keys[target]:
                        problems.append(
                            f"data/{resource(name)['path']}, row {row_number}, column {field_name}: '{item}' is not a {target} key"
                        )
        if name == "sources":
            from karabakh import grades

            # A grade that its host or kind contradicts (a mirror graded as news, a reference work as scholarship).
            for row_number, row in enumerate(table.to_dict("records"), start=2):
                for problem in grades.problems(row):
                    problems.append(f"data/sources.csv, row {row_number}, column grade: {problem}")
        if name == "places":
            # Coordinates from a page rather than GeoNames name that page as a source.
            for row_number, value in enumerate(table["coordinate_source"], start=2):
                if isinstance(value, str) and value.startswith("source:") and value[len("source:"):] not in keys["sources"]:
                    problems.append(f"data/places.csv, row {row_number}, column coordinate_source: '{value}' is not a sources key")
        if {"date_start", "date_end"} <= set(table.columns):
            backwards = table[table["date_end"] < table["date_start"]]
            for row_number in backwards.index + 2:
                problems.append(f"data/{resource(name)['path']}, row {row_number}, column date_end: before date_start")
    return problems
