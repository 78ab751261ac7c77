"""Tables on the page: plain HTML with the sources in the caption, and the names the book uses."""

from __future__ import annotations

import itertools

import pandas as pd
from IPython.display import HTML

from karabakh import data, page


#: Past this many rows a table is searchable, filterable, sortable and paged in the browser
#: (book/_static/karabakh-tables.js with the vendored simple-datatables); the page still carries
#: every row as HTML, so it reads without scripts, prints whole and the site search indexes it.
SEARCHABLE_ROWS = 25


def show_table(frame: pd.DataFrame, source_ids: list[str], caption: str = "", anchors: pd.Series | None = None,
               provenance: str = "", *, filters: tuple[str, ...] = (), dates: pd.Series | None = None,
               date_column: str | None = None, details: tuple[str, ...] = (),
               search_text: pd.Series | None = None, search_column: str | None = None) -> HTML:
    """An HTML table, every cell escaped, with a caption citing its sources.

    ``anchors`` (one element id per row) makes each row linkable: ``page.html#event-…``. A table of
    counts the book computed (not of cited rows) names how it was computed in ``provenance`` instead.

    A table of more than :data:`SEARCHABLE_ROWS` rows is searchable in the browser: ``filters`` name
    its key columns (a drop-down each), ``dates`` (ISO dates, one per row) give the date range filter
    and the sort order of ``date_column``, and ``search_text`` is text a row is found by without showing it (a place's names in
    other languages), carried in ``search_column``. In any table, ``details`` name long columns
    (notes, quotes, accounts) whose text opens on demand, so that a row stays a line or two tall.
    """
    if not source_ids and not provenance:
        raise ValueError("a table needs at least one source or its provenance: every row must be traceable")
    columns = list(frame.columns)
    for name in (*filters, *details, *([date_column] if date_column else []), *([search_column] if search_column else [])):
        if name not in columns:
            raise ValueError(f"column {name!r} is not in the table ({', '.join(map(str, columns))})")
    searchable = len(frame) > SEARCHABLE_ROWS
    header = page.Markup("").join(page.Markup("<th>{}</th>").format(column) for column in columns)
    rows = []
    for position, values in enumerate(frame.itertuples(index=False)):
        cells = []
        for column, value in zip(columns, values):
            content, attributes = _cell(value), page.Markup("")
            if search_text is not None and column == search_column and isinstance(search_text.iloc[position], str):
                content = page.Markup('{}<span class="karabakh-also">{}</span>').format(content, " " + search_text.iloc[position])
            if dates is not None and column == date_column and isinstance(dates.iloc[position], str):
                attributes = page.Markup(' data-order="{}"').format(dates.iloc[position])
            if column in details and content:
                content = page.Markup("<details><summary>{}</summary>{}</details>").format(column, content)
            cells.append(page.Markup("<td{}>{}</td>").format(attributes, content))
        row_attributes = page.Markup("")
        if anchors is not None:
            row_attributes += page.Markup(' id="{}"').format(anchors.iloc[position])
        if dates is not None and isinstance(dates.iloc[position], str):
            row_attributes += page.Markup(' data-date="{}"').format(dates.iloc[position])
        rows.append(page.Markup("<tr{}>{}</tr>").format(row_attributes, page.Markup("").join(cells)))
    table_attributes = page.Markup("")
    if searchable:
        table_attributes = page.Markup(' data-filters="{}"').format(",".join(str(columns.index(name)) for name in filters))
        if dates is not None and date_column:
            table_attributes += page.Markup(' data-date-column="{}"').format(columns.index(date_column))
    text = page.Markup(" ").join(part for part in (page.escape(caption), page.escape(provenance),
                                                   page.sources_caption(source_ids) if source_ids else None) if part)
    table_id = f"table-{next(_numbers)}"
    return page.show(
        page.Markup(
            '{}<figure class="karabakh-table-figure"><div class="karabakh-table-scroll">'
            '<table id="{}" class="karabakh-table{}"{}><thead><tr>{}</tr></thead><tbody>{}</tbody></table></div>'
            "<figcaption>{}</figcaption></figure>"
        ).format(_card_labels(table_id, columns, details), table_id, " karabakh-datatable" if searchable else "",
                 table_attributes, header, page.Markup("").join(rows), text)
    )


#: Tables are numbered in the order a page makes them (one notebook runs in one kernel), so their
#: ids are the same in every build.
_numbers = itertools.count(1)


def _card_labels(table_id: str, columns: list[str], details: tuple[str, ...]) -> page.Markup:
    """On a phone each row reads as a card of labelled fields: the labels, once per table as a style
    (``td:nth-child(n)::before``) instead of an attribute on every cell. A column shown on demand
    carries its name in its summary. Column names are written in code; they are quoted for CSS."""
    rules = "".join(
        f'#{table_id} td:nth-child({position})::before{{content:"{_css_string(str(column))}: "}}'
        for position, column in enumerate(columns, start=1) if column not in details
    )
    return page.Markup("<style>@media (max-width: 640px){{{}}}</style>").format(page.Markup(rules))


def _css_string(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in " →,.()-" else f"\\{ord(ch):x} " for ch in text)


def iso_dates(values: pd.Series) -> pd.Series:
    """``YYYY-MM-DD`` per row (for a table's date filter and sort), or None where there is no date."""
    return values.map(lambda day: None if pd.isna(day) else pd.Timestamp(day).strftime("%Y-%m-%d"))


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


def other_names() -> dict[str, str]:
    """Every other name of each place (Azerbaijani, Armenian, Russian, variants) by place_id: what a
    reader may search a table for."""
    places = data.load_table("places")
    found = {}
    for row in places.to_dict("records"):
        names = [row[column] for column in ("name_az", "name_hy", "name_ru") if isinstance(row[column], str)]
        names += list(row["variants"]) if isinstance(row["variants"], list) else []
        found[row["place_id"]] = ", ".join(dict.fromkeys(names))
    return found


def name_list(place_ids: list[str]) -> str:
    names = place_names()
    return ", ".join(names[place_id] for place_id in place_ids)


def join_sources(frame: pd.DataFrame, column: str = "source_ids") -> pd.Series:
    """Every row's source ids as one comma-separated string, for a table column."""
    return frame[column].map(lambda ids: ", ".join(ids))
