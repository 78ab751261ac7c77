"""Tables on the page: plain HTML with the sources in the caption, and the names the book uses."""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML

from karabakh import charts, data, page


#: From this many columns a table is shown as cards (one per row) at every width: columns of
#: prose that narrow are unreadable even on a desktop.
WIDE_TABLE_COLUMNS = 6


def show_table(frame: pd.DataFrame, source_ids: list[str], caption: str = "", anchors: pd.Series | None = None,
               provenance: str = "") -> HTML:
    """An HTML table, every cell escaped, with a caption citing its sources.

    ``anchors`` (one element id per row) makes each row linkable: ``page.html#event-…``. A table of
    counts the book computed (not of cited rows) names how it was computed in ``provenance`` instead.
    """
    if not source_ids and not provenance:
        raise ValueError("a table needs at least one source or its provenance: every row must be traceable")
    header = page.Markup("").join(page.Markup("<th>{}</th>").format(column) for column in frame.columns)
    rows = []
    for position, values in enumerate(frame.itertuples(index=False)):
        # data-label: on a phone (and for wide tables everywhere) each row reads as a card of labelled fields.
        cells = page.Markup("").join(
            page.Markup('<td data-label="{}">{}</td>').format(column, _cell(value)) for column, value in zip(frame.columns, values)
        )
        row_id = page.Markup(' id="{}"').format(anchors.iloc[position]) if anchors is not None else page.Markup("")
        rows.append(page.Markup("<tr{}>{}</tr>").format(row_id, cells))
    text = page.Markup(" ").join(part for part in (page.escape(caption), page.escape(provenance),
                                                   charts.cite(source_ids) if source_ids else None) if part)
    return page.show(
        page.Markup(
            '<figure class="karabakh-table-figure"><div class="karabakh-table-scroll">'
            '<table class="karabakh-table{}"><thead><tr>{}</tr></thead><tbody>{}</tbody></table></div>'
            "<figcaption>{}</figcaption></figure>"
        ).format(" karabakh-records" if len(frame.columns) >= WIDE_TABLE_COLUMNS else "", header,
                 page.Markup("").join(rows), text)
    )


def _cell(value) -> page.Markup:
    if isinstance(value, page.Markup):
        return value
    if value is None or (not isinstance(value, (list, str)) and pd.isna(value)):
        return page.Markup("")
    if isinstance(value, list):
        return page.escape("; ".join(map(str, value)))
    return page.escape(str(value))


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
