"""Tables on the page: plain HTML with the sources in the caption, and the names the book uses."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

from karabakh import charts, data


def show_table(frame: pd.DataFrame, source_ids: list[str], caption: str = "") -> HTML:
    """An HTML table with a caption naming its sources."""
    if not source_ids:
        raise ValueError("a table needs at least one source: every row must be traceable")
    text = (caption + " " if caption else "") + charts.cite(source_ids)
    body = frame.to_html(index=False, escape=True, border=0, classes="karabakh-table", na_rep="")
    return HTML(f"<figure>{body}<figcaption>{html.escape(text)}</figcaption></figure>")


def place_names() -> dict[str, str]:
    """English primary name by place_id (the book's naming convention)."""
    places = data.load_table("places")
    return dict(zip(places["place_id"], places["name_en"]))


def name_list(place_ids: list[str]) -> str:
    names = place_names()
    return ", ".join(names[place_id] for place_id in place_ids)


def join_sources(frame: pd.DataFrame, column: str = "source_ids") -> pd.Series:
    """Every row's source ids as one comma-separated string, for a table column."""
    return frame[column].map(lambda ids: ", ".join(ids))



def references(source_ids: list[str]) -> str:
    """Markdown: the sources behind a page, one item each, in order of first citation."""
    sources = data.sources_by_id()
    items = []
    for source_id in dict.fromkeys(source_ids):
        row = sources[source_id]
        parts = [f"**{source_id}**: {row['title']}"]
        parts += [str(value) for value in (row["publisher"], charts.date_text(row["date"])) if value and value == value]
        kind = row["kind"].replace("_", " ")
        link = f" <{row['url']}>" if isinstance(row["url"], str) else ""
        items.append(f"- {'. '.join(parts)} ({kind}).{link}")
    return "\n".join(items)
