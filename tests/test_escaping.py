"""Data is text: markup in any free-text field reaches the page exactly as written, and never runs.

The test poisons every free-text field the book shows (events, periods, places, sources, claims,
articles, resolutions, their follow-up) in a copy of the repository, builds the whole book from it,
and opens every page in headless Chromium: no handler runs, no element is injected, and the text
is on the page as written.
"""

from __future__ import annotations

import csv
import io

import pytest

from conftest import copy_build, copy_repository, shared_folder, run_cli

pytestmark = [pytest.mark.build, pytest.mark.browser]

HTML_PAYLOAD = '<img src=x class=injected onerror="window.__injected=(window.__injected||0)+1">'
SCRIPT_PAYLOAD = "<script>window.__injected=(window.__injected||0)+1</script>"
MARKDOWN_PAYLOAD = "**not bold** [a link](javascript:window.__injected=1) {{ substitution }} {ref}`role`"
PAYLOADS = (HTML_PAYLOAD, SCRIPT_PAYLOAD, MARKDOWN_PAYLOAD)
#: (file, key column, key, column): one row per table, every free-text column the book shows.
POISONED = [
    ("events.csv", "event_id", "1988-02-20-nkao-soviet-requests-transfer", "summary"),
    ("events.csv", "event_id", "1993-04-03-kalbajar-captured", "summary"),
    ("periods.csv", "period_id", "movement-1988-1991", "description"),
    ("places.csv", "place_id", "stepanakert", "variants"),
    ("sources.csv", "source_id", "unsc-res-822", "title"),
    ("claims.csv", "claim_id", "C001", "quote"),
    ("claims.csv", "claim_id", "C001", "explanation"),
    ("articles.csv", "source_id", "seed-000", "argument_summary"),
    ("un_resolutions.csv", "resolution", "822", "occupied_wording"),
    ("un_resolution_followup.csv", "resolution", "822", "summary"),
]
PAGES = ["notebooks/01_chronology.html", "notebooks/02_un_resolutions_1993.html",
         "notebooks/05_sources_and_claims.html", "notebooks/90_glossary.html"]


def poison(data_dir):
    for file, key_column, key, column in POISONED:
        path = data_dir / file
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            fieldnames, rows = reader.fieldnames, list(reader)
        hits = [row for row in rows if row[key_column] == key]
        assert hits, f"{file}: no row {key}"
        for row in hits[:1]:
            # A list field (variants) keeps its other items after the payload; ";" is its separator.
            row[column] = " ".join(PAYLOADS) + (";" + row[column] if column == "variants" and row[column] else "")
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(buffer.getvalue(), encoding="utf-8")


@pytest.fixture(scope="session")
def poisoned_book(tmp_path_factory, built_book):
    """A book built from poisoned data, once per run (shared by the xdist workers)."""
    with shared_folder(tmp_path_factory, "poisoned") as root:
        build = root / "build"
        if not (build / "html").is_dir():
            root.mkdir(exist_ok=True)
            repository = copy_repository(root)
            poison(repository / "data")
            copy_build(built_book, build)  # only the chapters that read poisoned data re-execute
            run_cli("build", build_dir=build, cwd=repository, check=True)
        return build / "html"


@pytest.mark.parametrize("page", PAGES)
def test_markup_in_data_is_shown_as_text_and_never_runs(poisoned_book, browser, page):
    html = (poisoned_book / page).read_text(encoding="utf-8")
    assert HTML_PAYLOAD not in html and SCRIPT_PAYLOAD not in html, "raw markup from data in the page source"
    context = browser.new_context(offline=True)
    tab = context.new_page()
    tab.goto((poisoned_book / page).as_uri(), wait_until="load")
    tab.wait_for_timeout(500)
    # The long tables were paged by the table library, which redraws their cells: nothing may run
    # there either. Then every row is shown again, as for printing, to read the whole page's text.
    tab.evaluate("() => { window.__pagedInjected = window.__injected || 0; }")
    tab.evaluate("() => window.karabakhPrintable && window.karabakhPrintable()")
    tab.wait_for_timeout(200)
    state = tab.evaluate(
        """() => ({
            injected: (window.__injected || 0) + (window.__pagedInjected || 0),
            elements: document.querySelectorAll('img.injected, a[href^="javascript:"]').length,
            text: document.body.innerText,
        })"""
    )
    context.close()
    assert state["injected"] == 0, "a handler or script from the data ran"
    assert state["elements"] == 0, "an element from the data was injected"
    shown = [payload for payload in PAYLOADS if payload in state["text"]]
    assert shown, f"{page}: the poisoned text is not on the page as written"
