"""The bibliography page: every source of the data package, and the rows that cite it.

Each chapter numbers its own references; this page is the one list of everything, so that a reader
who meets a source can see every event, figure, claim or change of control that rests on it.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from karabakh import data, grades, page, provenance, tables

def citations() -> dict[str, list[tuple[str, str, str]]]:
    """source_id -> [(what, link, label)] for every row that cites it, in table order."""
    cited: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    tables = set(data.table_names())
    for table, key, columns, target, kind, label in page.ROW_PAGES:
        if table not in tables or not columns:
            continue
        frame = data.load_table(table)
        for row in frame.to_dict("records"):
            # A figure is listed under its event in the chronology, or in its chapter.
            href = page.row_href(table, row)
            for column in columns:
                ids = row[column] if isinstance(row[column], list) else []
                for source_id in ids:
                    cited[source_id].append((table.replace("_", " ").rstrip("s"), href, str(row[label])))
    for resolution in data.load_table("un_resolutions").to_dict("records"):
        cited[resolution["full_text_source_id"]].append(
            ("resolution text", f"02_un_resolutions_1993.html#{page.anchor('resolution', resolution['resolution'])}",
             resolution["symbol"])
        )
    for article in data.load_table("articles").to_dict("records"):
        cited[article["source_id"]].append(
            ("article", f"05_sources_and_claims.html#{page.anchor('article', article['source_id'])}", article["title"])
        )
    return cited


#: The rows listed under a source; past that, how many more (the page stays under 1 MB of its own).
USES_SHOWN = 4


def entries_table(sources: pd.DataFrame, cited: dict[str, list[tuple[str, str, str]]]) -> pd.DataFrame:
    uses_column = []
    for source_id in sources["source_id"]:
        uses = cited.get(source_id, [])
        if uses:
            links = page.Markup("; ").join(
                page.Markup('<a href="{}">{}: {}</a>').format(href, what, label) for what, href, label in uses[:USES_SHOWN])
            more = page.Markup(" and {} more").format(len(uses) - USES_SHOWN) if len(uses) > USES_SHOWN else page.Markup("")
            uses_column.append(page.Markup("{}{}").format(links, more))
        else:
            uses_column.append(page.Markup("not cited by any row"))
    return pd.DataFrame(
        {
            "Source": [page.Markup("{} <code>{}</code>").format(page.reference_entry(row, with_grade=False), row["source_id"])
                       for row in sources.to_dict("records")],
            "Grade": sources["grade"].map(grades.label),
            "Kind": sources["kind"].str.replace("_", " "),
            "Year": sources["date"].map(lambda day: "" if pd.isna(day) else str(day.year)),
            "Rows citing it": [len(cited.get(source_id, [])) for source_id in sources["source_id"]],
            "Cited by": uses_column,
        }
    )


def view():
    """Every source, by publisher then title, with its anchor and the rows citing it: searchable,
    filterable by kind."""
    sources = data.load_table("sources")
    sources = sources.assign(_order=sources["publisher"].fillna("").str.casefold() + " " + sources["title"].str.casefold())
    sources = sources.sort_values("_order", ignore_index=True)
    return tables.show_table(
        entries_table(sources, citations()), [],
        f"{len(sources)} sources, by publisher.", provenance="Each entry is a row of data/sources.csv.",
        anchors=sources["source_id"].map(lambda source_id: page.anchor("source", source_id)),
        filters=("Grade", "Kind"), details=("Cited by",),
    )


def grade_counts() -> pd.DataFrame:
    """Sources and the rows citing them, per grade (strongest first)."""
    sources = data.load_table("sources")
    cited = citations()
    frame = pd.DataFrame({
        "Grade": [grades.label(grade) for grade in grades.GRADES],
        "What it covers": [description for _, description in grades.GRADES.values()],
        "Sources": [int((sources["grade"] == grade).sum()) for grade in grades.GRADES],
        "Citations by rows": [sum(len(cited.get(source_id, [])) for source_id in sources.loc[sources["grade"] == grade, "source_id"])
                              for grade in grades.GRADES],
    })
    return frame


def grades_view():
    return tables.show_table(grade_counts(), [], "Sources by grade: how many, and how often rows cite them.",
                             provenance="Counted from the grade column of data/sources.csv.")


def weak_rows_view():
    """The rows that rest only on an encyclopedia, a copy or aggregator, or a sanctioned outlet: shown,
    so that the gap is one a reader can see."""
    rows = provenance.weak_only_rows()
    if not rows:
        return page.note("No row rests only on an encyclopedia, a copy or a sanctioned outlet.")
    labels = {table: label for table, _key, _columns, _target, _kind, label in page.ROW_PAGES}
    links = []
    for item in rows:
        text = item["row"].get(labels.get(item["table"], ""), item["key"])
        text = str(text) if isinstance(text, str) and text else item["key"]
        href = page.row_href(item["table"], item["row"])
        links.append(page.Markup('<a href="{}">{}</a>').format(href, text) if href else text)
    frame = pd.DataFrame({
        "Table": [item["table"].replace("_", " ") for item in rows],
        "Row": links,
        "Column": [item["column"].replace("_", " ") for item in rows],
        "Rests on": [grades.mix(item["grades"]) for item in rows],
    })
    return tables.show_table(
        frame, [], f"{len(rows)} rows whose sources are all encyclopedias, copies or aggregators, or sanctioned outlets.",
        provenance=("No original of these was among the stored pages when they were checked; each still names the copy "
                    "it was read in. A place's names may rest on the encyclopedias of their languages, and are not listed."),
        filters=("Table", "Rests on"),
    )
