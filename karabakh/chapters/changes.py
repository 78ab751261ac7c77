"""The "What changed" page: each data release, what it added, removed and changed, and every change
one by one with a link to the row on the page that shows it.

It is built from ``data/changelog.json``, which ``python -m karabakh release`` writes when a release
is cut (see :mod:`karabakh.publishing.changes`), so building the book needs no git history.
"""

from __future__ import annotations

import json

import pandas as pd

from karabakh import data, page, project, tables

#: Fields whose change is a correction of fact (a date, a number, who said it, where): listed first.
#: Matched by whole name: a note, a summary or a list of sources changing is an edit, not a correction.
FACT_FIELDS = frozenset({
    "date", "date_start", "date_end", "date_precision", "claim_date", "confirmation_date", "denial_date",
    "as_of", "as_of_time", "as_of_precision", "value_low", "value_best", "value_high", "unit", "metric",
    "claimant", "claimed_by", "confirmed_by", "confirmation_kind", "denied_by", "actor_id", "subject_side",
    "place_id", "parent_id", "lat", "lon", "event_id", "mode", "from_party", "to_party",
})


def releases() -> list[dict]:
    """The releases recorded in data/changelog.json, newest first (none before the first release)."""
    # Recorded even when absent, so that the page is rebuilt once a first release writes the file.
    data._record_read(project.CHANGELOG_PATH)
    if not project.CHANGELOG_PATH.exists():
        return []
    return json.loads(project.CHANGELOG_PATH.read_text(encoding="utf-8"))["releases"]


def counts_table(release: dict) -> pd.DataFrame:
    """Per table: rows at the release, and rows added, removed and changed since the previous one."""
    return pd.DataFrame(
        [{"Table": name, "Rows": counts["rows"], "Added": counts["added"], "Removed": counts["removed"],
          "Changed": counts["changed"]} for name, counts in release["tables"].items()]
    )


def _current_rows() -> dict[str, dict[str, dict]]:
    """Today's rows of every table that a page shows, keyed as the changelog keys them (the CSV text)."""
    rows = {}
    for table, key, *_ in page.ROW_PAGES:
        if table in data.table_names():
            frame = data.load_table(table)
            rows[table] = {str(value): row for value, row in zip(frame[key], frame.to_dict("records"))}
    return rows


def is_fact(field: str) -> bool:
    return field in FACT_FIELDS


def changes_table(release: dict) -> pd.DataFrame:
    """Every changed field of the release, corrections of fact first, each linked to its row where a
    page shows it."""
    current = _current_rows()
    ordered = sorted(release["changes"], key=lambda change: (not is_fact(change["field"]), change["table"], change["key"]))
    rows = []
    for change in ordered:
        row = current.get(change["table"], {}).get(change["key"])
        href = page.row_href(change["table"], row) if row is not None else None
        rows.append({
            "Kind": "correction of fact" if is_fact(change["field"]) else "edit",
            "Table": change["table"],
            "Row": (page.Markup('<a href="{}"><code>{}</code></a>').format(href, change["key"]) if href
                    else page.Markup("<code>{}</code>").format(change["key"])),
            "Field": change["field"],
            "Before": _short(change["from"] or "(empty)"),
            "After": _short(change["to"] or "(empty)"),
        })
    return pd.DataFrame(rows, columns=["Kind", "Table", "Row", "Field", "Before", "After"])


def changes_view(release: dict):
    shown = changes_table(release)
    return tables.show_table(
        shown, [], f"{len(shown)} changed fields in version {release['version']}, corrections of fact first.",
        provenance="Recorded by python -m karabakh release in data/changelog.json.",
        filters=("Kind", "Table", "Field"),
    )


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def added_html(release: dict, limit: int = 30) -> page.Markup:
    """Per table, the rows the release added (the first ``limit``, then how many more)."""
    current = _current_rows()
    blocks = []
    for table, keys in release.get("added", {}).items():
        links = []
        for key in keys[:limit]:
            row = current.get(table, {}).get(key)
            href = page.row_href(table, row) if row is not None else None
            links.append(page.Markup('<a href="{}">{}</a>').format(href, key) if href else page.Markup("{}").format(key))
        more = page.Markup(" and {} more").format(len(keys) - limit) if len(keys) > limit else page.Markup("")
        blocks.append(page.Markup("<strong>{}</strong> ({}): {}{}").format(table, len(keys), page.Markup(", ").join(links), more))
    return page.bullets(blocks)
