"""What a chapter puts on its page: data as escaped text, never as markup.

Everything a table holds (titles, summaries, quotes, names, parameters) reaches the page through
this module as HTML built with MarkupSafe: each value is escaped, so ``<img onerror=…>``,
``**bold**``, ``[x](javascript:…)`` or MyST's ``{{ }}`` and ``{role}`` appear exactly as written.
myst-nb passes ``text/html`` outputs through untouched, so nothing in them is read as Markdown or
MyST either. Only the templates written here, in the code, are markup.

Citations are numbered per page in order of first use; :func:`cite` links each number to its entry
in :func:`references`, which gives publisher, title, date and address.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from IPython.display import HTML
from markupsafe import Markup, escape

from karabakh import data, grades, project

__all__ = ["Markup", "escape", "show", "note", "paragraph", "bullets", "cite", "references", "anchor", "reset"]

_SAFE_ID = re.compile(r"[^a-z0-9-]+")
#: Source ids cited on this page, in order of first citation (one notebook runs in one kernel).
_cited: dict[str, int] = {}


def reset() -> None:
    """Forget the page's citations (tests; a notebook starts with a fresh kernel)."""
    _cited.clear()


def show(markup: Markup | str) -> HTML:
    """An output cell holding ``markup``; a plain ``str`` is escaped first."""
    return HTML(str(escape(markup)))


def paragraph(template: str, *values, **named) -> Markup:
    """``<p>`` from a template written in code; ``values`` are escaped unless already Markup."""
    return Markup("<p>" + template + "</p>").format(*values, **named)


def note(template: str, *values, **named) -> HTML:
    """An italic note about what the page shows (counts, empty selections, parameters)."""
    return show(Markup('<p class="karabakh-note"><em>' + template + "</em></p>").format(*values, **named))


def bullets(items: Iterable[Markup | str], css_class: str = "") -> Markup:
    class_attribute = Markup(' class="{}"').format(css_class) if css_class else Markup("")
    body = Markup("").join(Markup("<li>{}</li>").format(item) for item in items)
    return Markup("<ul{}>{}</ul>").format(class_attribute, body)


def anchor(kind: str, key: str) -> str:
    """A stable, linkable element id: ``event-1993-04-30-kalbajar-captured``."""
    return f"{kind}-{_SAFE_ID.sub('-', str(key).lower()).strip('-')}"


#: The page listing every source with the rows that cite it.
BIBLIOGRAPHY_PAGE = "91_bibliography.html"
#: The page whose list carries every event's anchor (the chronology, with its default parameters).
EVENTS_PAGE = "01_chronology.html"


#: (table, id column, list-of-sources columns, page the row is shown on, anchor kind, label column):
#: where a row of each table is shown, for links from the bibliography and the changes page.
ROW_PAGES = [
    ("events", "event_id", ["source_ids"], EVENTS_PAGE, "event", "title"),
    ("claims", "claim_id", ["evidence_source_ids"], "05_sources_and_claims.html", "claim", "claim_id"),
    ("figures", "figure_id", ["source_ids"], None, "figure", "figure_id"),
    ("control_changes", "change_id", ["claim_source_ids", "later_claim_source_ids", "confirmation_source_ids"],
     "03_war_2020.html", "change", "change_id"),
    ("control_denials", "denial_id", ["source_ids"], "03_war_2020.html", "denial", "denial_id"),
    ("agreement_terms", "term_id", ["outcome_source_ids"], "03_war_2020.html", "term", "term_id"),
    ("accounts", "account_id", ["source_ids"], "04_events_2023.html", "account", "account_id"),
    ("un_resolution_followup", "demand", ["source_ids"], "02_un_resolutions_1993.html", None, "demand"),
    ("places", "place_id", ["name_source_ids"], "90_glossary.html", "place", "name_en"),
    ("sources", "source_id", [], "91_bibliography.html", "source", "source_id"),
    ("ceasefires", "event_id", [], "03_war_2020.html", "ceasefire", "event_id"),
    ("un_resolutions", "resolution", [], "02_un_resolutions_1993.html", "resolution", "symbol"),
]
FIRST_WAR_PAGE = "07_first_war.html"
#: The page of the whole conflict's map of control, which tables the changes between and after the wars.
CONTROL_PAGE = "08_control_1988_2024.html"
#: The page of each chapter that tells subjects (data/topics.csv's chapter column).
TOPIC_PAGES = {"events_2023": "04_events_2023.html", "civilians_prisoners_heritage": "06_civilians_prisoners_heritage.html",
               "first_war": FIRST_WAR_PAGE}
#: Where a figure is shown when it belongs to no event: the war's figures and the 2023 figures.
FIGURE_PAGES = (("2020-09-27", "2023-09-18", "03_war_2020.html"), ("2023-09-19", "2100-01-01", "04_events_2023.html"))


def row_href(table: str, row: dict) -> str | None:
    """The link to a row on the page that shows it (a figure: under its event), or None if no page does."""
    import pandas as pd

    for name, key, _, target, kind, _ in ROW_PAGES:
        if name != table:
            continue
        if table == "control_changes":
            day = pd.Timestamp(row["date"])
            target = (FIRST_WAR_PAGE if day <= pd.Timestamp("1994-12-31") else
                      "03_war_2020.html" if pd.Timestamp("2020-09-27") <= day <= pd.Timestamp("2022-12-31") else CONTROL_PAGE)
            return f"{target}#{anchor(kind, row[key])}"
        if table == "accounts":
            chapters = dict(zip(*(data.load_table("topics")[column] for column in ("topic_id", "chapter"))))
            return f"{TOPIC_PAGES[chapters[row['topic']]]}#{anchor(kind, row[key])}"
        if table == "figures":
            if isinstance(row.get("event_id"), str) and row["event_id"]:
                return event_href(row["event_id"])
            as_of = pd.Timestamp(row["as_of"])
            for first, last, page_name in FIGURE_PAGES:
                if pd.Timestamp(first) <= as_of <= pd.Timestamp(last):
                    return page_name
            return EVENTS_PAGE
        return f"{target}#{anchor(kind, row[key])}" if kind else target
    return None


def event_href(event_id: str) -> str:
    """Where an event is listed, from any chapter page (they share one folder)."""
    return f"{EVENTS_PAGE}#{anchor('event', event_id)}"


def number(source_id: str) -> int:
    """The source's number on this page (assigned on first citation)."""
    sources = data.sources_by_id()
    if source_id not in sources:
        raise KeyError(f"source {source_id!r} is not in data/sources.csv")
    return _cited.setdefault(source_id, len(_cited) + 1)


def cite(source_ids: Iterable[str]) -> Markup:
    """``[1, 4]``: each number links to the source's entry in the page's references (``#ref-1``: the
    anchors are the numbers, which keeps a page citing hundreds of sources thousands of times light)."""
    ids = list(dict.fromkeys(source_ids))
    if not ids:
        return Markup("")
    links = Markup(", ").join(
        Markup('<a href="#ref-{}">{}</a>').format(number(source_id), number(source_id))
        for source_id in ids
    )
    return Markup('<span class="karabakh-citation">[{}]</span>').format(links)


#: Past this many sources a caption gives their number; each is still numbered in the references.
CAPTION_SOURCE_LIMIT = 12


def sources_caption(source_ids: list[str]) -> Markup:
    """'Sources: [1, 2]' for a chart's or a table's caption, each number linking to the page's references."""
    sources = data.sources_by_id()
    unique = list(dict.fromkeys(source_ids))
    missing = [source_id for source_id in unique if source_id not in sources]
    if missing:
        raise KeyError(f"sources not in data/sources.csv: {', '.join(missing)}")
    weights = Markup(' <span class="karabakh-grades">By grade: {}.</span>').format(
        grades.mix(sources[source_id]["grade"] for source_id in unique)) if unique else Markup("")
    if len(unique) > CAPTION_SOURCE_LIMIT:
        for source_id in unique:  # numbered in the references all the same
            number(source_id)
        return Markup(
            "Sources: {} documents, named row by row (hover a mark) and listed in the references at the end of the page.{}"
        ).format(len(unique), weights)
    return Markup("Sources: {}.{}").format(cite(unique), weights)


def _link(url) -> Markup:
    # Only web addresses become links; anything else in the url column is shown as text.
    if isinstance(url, str) and url.startswith(("https://", "http://")):
        # The address is the link; its text is the host, which says where the copy was read.
        host = url.split("://", 1)[1].split("/", 1)[0]
        return Markup('<a href="{}">{}</a>').format(url, host)
    return escape(url) if isinstance(url, str) else Markup("")


def reference_entry(row: dict, with_grade: bool = True) -> Markup:
    """Publisher, title, date, kind (and grade) and address of one source."""
    parts = [Markup("<cite>{}</cite>").format(row["title"])]
    if isinstance(row["publisher"], str):
        parts.insert(0, escape(row["publisher"]))
    date = row["date"]
    parts.append(escape(f"{date.day} {date:%B %Y}") if date == date and date is not None else Markup("undated"))
    kind = escape(str(row["kind"]).replace("_", " "))
    link = _link(row["url"])
    copy = Markup(" ({})").format(grades.READ_ON_SHORT[row["read_on"]]) if row["read_on"] != "publisher_site" else Markup("")
    weight = Markup("; grade: {}").format(grades.label(row["grade"])) if with_grade else Markup("")
    return Markup("{}. <i>{}</i>{}. {}{}").format(Markup(". ").join(parts), kind, weight, link, copy)


def references(extra_ids: Iterable[str] = ()) -> HTML:
    """The page's numbered references: every source cited on it, then ``extra_ids`` not yet cited."""
    for source_id in extra_ids:
        number(source_id)
    if not _cited:
        return note("No source is cited on this page.")
    sources = data.sources_by_id()
    items = Markup("").join(
        Markup('<li id="ref-{}">{} <a href="{}#{}">All uses</a></li>').format(
            position, reference_entry(sources[source_id]), BIBLIOGRAPHY_PAGE, anchor("source", source_id),
        )
        for source_id, position in _cited.items()
    )
    # Opens on demand: a chapter cites hundreds of sources. A citation's link opens it (karabakh.js).
    return show(Markup('<details class="karabakh-list" id="references-list"><summary>The {} sources cited on this page, '
                       'numbered in order of first citation</summary><ol class="karabakh-references">{}</ol></details>'
                       ).format(len(_cited), items))


def parameters_note(chapter: str, values: dict) -> HTML:
    """A box at the top of a page built with non-default parameters, naming each value and its default.

    Nothing is shown for the defaults: the published book's pages carry no box.
    """
    from karabakh import parameters

    defaults = parameters.spec(chapter).validate({})
    changed = [(name, value, defaults[name]) for name, value in values.items() if defaults.get(name) != value]
    version = data_version_note()
    if not changed:
        return show(version)

    def text(value) -> str:
        if isinstance(value, list):
            return ", ".join(map(str, value)) if value else "(all)"
        return str(value)

    items = bullets(
        Markup("<code>{}</code> = {} (default: {})").format(name, text(value), text(default))
        for name, value, default in changed
    )
    return show(Markup(
        '<div class="karabakh-banner admonition warning" role="note"><p class="admonition-title">'
        "Not the published page: built with other parameters</p>{}</div>{}"
    ).format(items, version))


CHANGES_PAGE = "92_changes.html"


def data_version_note() -> Markup:
    """One line at the top of a chapter: the data release it was built from, with its date.

    Builds are byte-identical, so the page carries the release's date (data/datapackage.json), not
    the day of the build; the "What changed" page lists what each release changed.
    """
    data._record_read(project.DATAPACKAGE_PATH)
    descriptor = data.descriptor()
    version, created = descriptor.get("version"), str(descriptor.get("created", ""))[:10]
    if not version:
        return Markup('<p class="karabakh-version">Built from the unreleased data of the repository.</p>')
    return Markup('<p class="karabakh-version">Built from data version {} (released {}); see '
                  '<a href="{}">what changed</a>.</p>').format(version, created, CHANGES_PAGE)
