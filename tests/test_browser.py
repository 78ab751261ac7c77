"""The built book in a real headless Chromium, offline: every chart renders, nothing leaves the machine."""

from __future__ import annotations

import re

import pytest

from karabakh import project
from karabakh.publishing import pdf
from karabakh.publishing.pipeline import BuildError

pytestmark = [pytest.mark.build, pytest.mark.browser]

#: Charts each page must show with its default parameters.
EXPECTED_CHARTS = {
    "book/intro.html": 0,
    "book/methods.html": 0,
    "notebooks/01_chronology.html": 3,
    "notebooks/02_un_resolutions_1993.html": 3,
    "notebooks/03_war_2020.html": 3,
    "notebooks/04_events_2023.html": 4,
    "notebooks/05_sources_and_claims.html": 4,
    "notebooks/06_civilians_prisoners_heritage.html": 1,
    "notebooks/07_first_war.html": 3,
    "notebooks/08_control_1988_2024.html": 1,
    "notebooks/90_glossary.html": 0,
    "notebooks/91_bibliography.html": 0,
    "notebooks/92_changes.html": 0,
}
#: The flags and the Chromium the PDF is printed with: the tests open pages the same way.
CHROMIUM_FLAGS = pdf.CHROMIUM_FLAGS


def chromium_path() -> str:
    try:
        return pdf.chromium()
    except BuildError:
        pytest.fail("Chromium is needed for the browser test: apt-get install chromium (or set CHROMIUM=/path)")



def test_every_page_is_covered(built_book):
    pages = {
        path.relative_to(built_book.html).as_posix()
        for folder in ("book", "notebooks")
        for path in (built_book.html / folder).glob("*.html")
    }
    assert pages == set(EXPECTED_CHARTS), "EXPECTED_CHARTS must list every page of the book"


@pytest.mark.parametrize("page", sorted(EXPECTED_CHARTS))
def test_page_renders_its_charts_offline(built_book, browser, page):
    context = browser.new_context(offline=True)
    outgoing, problems = [], []

    def guard(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            outgoing.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    tab = context.new_page()
    # A quiet page: any console error or warning (Vega's own, the browser's) fails it.
    tab.on("console", lambda message: problems.append(f"{message.type}: {message.text}")
           if message.type in ("error", "warning") else None)
    tab.on("pageerror", lambda error: problems.append(str(error)))
    tab.on("requestfailed", lambda request: problems.append(f"request failed: {request.url}"))
    path = built_book.html / page
    tab.goto(path.as_uri(), wait_until="load")
    containers = len(re.findall(r'class="karabakh-chart"', path.read_text()))
    assert containers == EXPECTED_CHARTS[page], f"{page}: {containers} chart containers in the HTML"
    if containers:
        tab.wait_for_function(
            "n => document.querySelectorAll('figure.karabakh-chart svg.marks').length >= n",
            arg=containers, timeout=30_000,
        )
    rendered = tab.evaluate(
        "() => [...document.querySelectorAll('figure.karabakh-chart')]"
        ".filter(f => f.querySelector('svg.marks g.mark-symbol path, svg.marks g.mark-rect path,"
        " svg.marks g.mark-shape path, svg.marks g.mark-rule line')).length"
    )
    context.close()
    assert rendered == EXPECTED_CHARTS[page]
    assert outgoing == [], f"{page} asked the network for {outgoing}"
    assert problems == [], f"{page} logged errors: {problems}"


def test_timeline_filters_by_period(built_book, browser):
    """The chronology's period dropdown filters the timeline in the browser (no network, no errors)."""
    context = browser.new_context(offline=True)
    tab = context.new_page()
    tab.goto((built_book.html / "notebooks" / "01_chronology.html").as_uri(), wait_until="load")
    marks = "#chart-chronology-timeline svg.marks g.mark-rect path"
    tab.wait_for_selector(marks)
    everything = tab.locator(marks).count()
    tab.select_option("#chart-chronology-timeline select", label="2020: the 44-day war")
    tab.wait_for_function(f"n => document.querySelectorAll('{marks}').length < n", arg=everything)
    assert 0 < tab.locator(marks).count() < everything
    context.close()
