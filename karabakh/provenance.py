"""Which rows rest on which grades of source: the rows a reader should not take on trust.

Every column of the data package that lists source ids is read; a row whose sources are all weak
(see :data:`karabakh.grades.WEAK`) is reported with its table, key and column.
"""

from __future__ import annotations

from karabakh import data
from karabakh.grades import WEAK


#: Place names may rest on an encyclopedia in the name's language: a name is not a claim about the
#: conflict, and each language's Wikipedia is where its spelling is kept. Copies and aggregators still
#: cannot carry one.
NAMES_MAY_REST_ON_ENCYCLOPEDIAS = {("places", "name_source_ids")}


def source_columns():
    """(table, primary key columns, column) of every column that lists source ids."""
    for resource in data.descriptor()["resources"]:
        schema = resource["schema"]
        key = schema.get("primaryKey")
        key = [key] if isinstance(key, str) else key
        by_reference = {fk["fields"] for fk in schema.get("foreignKeys", []) if fk["reference"]["resource"] == "sources"}
        for field in schema["fields"]:
            if (field.get("references") == "sources" or field["name"] in by_reference) and resource["name"] != "articles":
                yield resource["name"], key, field["name"]


def weak_only_rows() -> list[dict]:
    """Every cell of a source column whose sources are all weak: table, key, column, row and grades."""
    grade_of = {source_id: row["grade"] for source_id, row in data.sources_by_id().items()}
    found = []
    for table, key, column in source_columns():
        allowed = {"encyclopedia"} if (table, column) in NAMES_MAY_REST_ON_ENCYCLOPEDIAS else set()
        for row in data.load_table(table).to_dict("records"):
            value = row[column]
            ids = value if isinstance(value, list) else ([value] if isinstance(value, str) and value else [])
            found_grades = [grade_of[source_id] for source_id in ids]
            if ids and all(grade in WEAK and grade not in allowed for grade in found_grades):
                key_text = "|".join(str(row[part].date() if hasattr(row[part], "date") else row[part]) for part in key)
                found.append({"table": table, "key": key_text, "column": column, "row": row, "grades": found_grades})
    return found
