"""The bibliography page: every source of the data package, and the rows that cite it.

Each chapter numbers its own references; this page is the one list of everything, so that a reader
who meets a source can see every event, figure, claim or change of control that rests on it.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from karabakh import data, page

#: (table, id column, list-of-sources columns, page the row is shown on, anchor kind, label column).
CITING_TABLES = [
    ("events", "event_id", ["source_ids"], page.EVENTS_PAGE, "event", "title"),
    ("claims", "claim_id", ["evidence_source_ids"], "05_sources_and_claims.html", "claim", "claim_id"),
    ("figures", "figure_id", ["source_ids"], None, "figure", "figure_id"),
    ("control_changes", "change_id", ["claim_source_ids", "confirmation_source_ids"], "03_war_2020.html", "change", "change_id"),
    ("agreement_terms", "term_id", ["outcome_source_ids"], "03_war_2020.html", "term", "term_id"),
    ("un_resolution_followup", "demand", ["source_ids"], "02_un_resolutions_1993.html", None, "demand"),
    ("places", "place_id", ["name_source_ids"], "90_glossary.html", "place", "name_en"),
]
#: Where a figure is shown depends on its chapter: the war's figures and the 2023 figures.
FIGURE_PAGES = (("2020-09-27", "2023-09-18", "03_war_2020.html"), ("2023-09-19", "2100-01-01", "04_events_2023.html"))


def _figure_page(as_of: pd.Timestamp) -> str:
    for first, last, name in FIGURE_PAGES:
        if pd.Timestamp(first) <= as_of <= pd.Timestamp(last):
            return name
    return page.EVENTS_PAGE


def citations() -> dict[str, list[tuple[str, str, str]]]:
    """source_id -> [(what, link, label)] for every row that cites it, in table order."""
    cited: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    tables = set(data.table_names())
    for table, key, columns, target, kind, label in CITING_TABLES:
        if table not in tables:
            continue
        frame = data.load_table(table)
        for row in frame.to_dict("records"):
            if table == "figures":
                # A figure is listed under its event in the chronology, or in its chapter.
                href = page.event_href(row["event_id"]) if isinstance(row["event_id"], str) else _figure_page(row["as_of"])
            else:
                href = f"{target}#{page.anchor(kind, row[key])}" if kind else target
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


def entries() -> page.Markup:
    """Every source, by publisher then title, with its anchor and the rows citing it."""
    sources = data.load_table("sources")
    sources = sources.assign(_order=sources["publisher"].fillna("").str.casefold() + " " + sources["title"].str.casefold())
    cited = citations()
    items = []
    for row in sources.sort_values("_order").to_dict("records"):
        uses = cited.get(row["source_id"], [])
        links = page.Markup("; ").join(
            page.Markup('<a href="{}">{}: {}</a>').format(href, what, label) for what, href, label in uses[:12]
        )
        more = page.Markup(" and {} more").format(len(uses) - 12) if len(uses) > 12 else page.Markup("")
        used = page.Markup("<br><small>Cited by {}{}.</small>").format(links, more) if uses else page.Markup(
            "<br><small>Not cited by any row.</small>")
        items.append(page.Markup('<li id="{}"><code>{}</code>. {}{}</li>').format(
            page.anchor("source", row["source_id"]), row["source_id"], page.reference_entry(row), used))
    return page.Markup('<ol class="karabakh-bibliography">{}</ol>').format(page.Markup("").join(items))


def counts() -> pd.DataFrame:
    sources = data.load_table("sources")
    return sources.groupby("kind").size().rename("sources").reset_index().sort_values("sources", ascending=False)
