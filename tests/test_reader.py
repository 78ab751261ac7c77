"""What a reader meets: every page at phone and desktop width, accessible, light, with working links.

Screenshots of every page at both widths, and the list of external links (the build machine has no
network to check them), are kept in ``_build/reports/`` as build artefacts.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from karabakh.publishing import pdf as pdf_module
from karabakh import project

from test_browser import EXPECTED_CHARTS

pytestmark = [pytest.mark.build, pytest.mark.browser]

WIDTHS = {"phone": 390, "desktop": 1280}
PAGES = sorted(EXPECTED_CHARTS)
REPORTS = project.ROOT / "_build" / "reports"
AXE = project.ROOT / "tests" / "vendor" / "axe.min.js"
#: A chapter page's own weight: its HTML, chart data inline (shared theme and chart libraries are not
#: counted), as stored and as sent compressed. The chronology and the bibliography, which list every
#: event and every source, are the heaviest; what a reader downloads is the compressed page.
PAGE_BUDGET_BYTES = 1_300_000
PAGE_BUDGET_COMPRESSED_BYTES = 300_000
#: The tallest a page may be with its scripts on (long tables paged, long lists closed), charts
#: included: a reader scrolls a chapter, not a database.
HEIGHT_LIMITS = {"phone": 60_000, "desktop": 25_000}



def open_page(browser, built_book, page, width):
    """The page opened at ``width`` with its charts drawn; ``tab.console`` collects errors and warnings."""
    context = browser.new_context(viewport={"width": width, "height": 900}, offline=True)
    tab = context.new_page()
    tab.console = []
    tab.on("console", lambda message: tab.console.append(f"{message.type}: {message.text}")
           if message.type in ("error", "warning") else None)
    tab.on("pageerror", lambda error: tab.console.append(str(error)))
    tab.goto((built_book.html / page).as_uri(), wait_until="load")
    charts = EXPECTED_CHARTS[page]
    if charts:
        tab.wait_for_function("n => document.querySelectorAll('figure.karabakh-chart svg.marks').length >= n",
                              arg=charts, timeout=30_000)
    return context, tab


@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("page", PAGES)
def test_no_horizontal_overflow_pages_of_readable_height_and_charts_fit_their_column(built_book, browser, page, width):
    context, tab = open_page(browser, built_book, page, WIDTHS[width])
    measured = tab.evaluate(
        """() => ({
            page: document.documentElement.scrollWidth,
            viewport: window.innerWidth,
            height: document.documentElement.scrollHeight,
            charts: [...document.querySelectorAll('figure.karabakh-chart')].map(figure => {
                const svg = figure.querySelector('svg.marks');
                const view = figure.querySelector('.karabakh-chart-view');
                // Legends, titles and axes too: the svg box alone hides what it clips. (Map shapes
                // are clipped to the map on purpose and not measured.)
                const left = view.getBoundingClientRect().left;
                const parts = svg ? [svg, ...svg.querySelectorAll('.role-legend, .role-title, .role-axis')] : [];
                const drawn = Math.max(0, ...parts.map(part => part.getBoundingClientRect().right - left));
                return {name: figure.dataset.chart, chart: drawn, column: view.getBoundingClientRect().width};
            }),
        })"""
    )
    shots = REPORTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    # The top of the page, down to 4,000 px (the long lists below repeat the same layout): a whole
    # chronology page at desktop width takes seconds to paint.
    height = min(4000, tab.evaluate("() => document.documentElement.scrollHeight"))
    tab.screenshot(path=str(shots / f"{page.replace('/', '_').removesuffix('.html')}-{width}.png"), full_page=True,
                   clip={"x": 0, "y": 0, "width": WIDTHS[width], "height": height})
    context.close()
    assert tab.console == [], f"{page} at {width} logged: {tab.console}"
    assert measured["page"] <= measured["viewport"], f"{page} at {width}: the page scrolls sideways"
    assert measured["height"] <= HEIGHT_LIMITS[width], f"{page} at {width}: {measured['height']} px tall"
    too_wide = [c for c in measured["charts"] if c["chart"] > c["column"] + 2]  # 2 px: sub-pixel text
    assert too_wide == [], f"{page} at {width}: charts wider than their column: {too_wide}"


@pytest.mark.parametrize("page", PAGES)
def test_no_serious_or_critical_accessibility_violation(built_book, browser, page):
    if not AXE.exists():
        pytest.fail("tests/vendor/axe.min.js is missing: run make vendor")
    context, tab = open_page(browser, built_book, page, WIDTHS["desktop"])
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                          ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,"
                          " first: v.nodes[0] && v.nodes[0].html.slice(0, 160)}))")
    context.close()
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"axe-{page.replace('/', '_')}.json").write_text(json.dumps(result, indent=1))
    serious = [violation for violation in result if violation["impact"] in ("serious", "critical")]
    assert serious == [], f"{page}: {serious}"


@pytest.mark.parametrize("page", [page for page in PAGES if page.startswith("notebooks/")])
def test_a_chapter_page_weighs_at_most_1_3_mb_of_its_own_and_300_kb_compressed(built_book, page):
    import gzip

    content = (built_book.html / page).read_bytes()
    assert len(content) <= PAGE_BUDGET_BYTES, f"{page}: {len(content) / 1e6:.2f} MB"
    assert len(gzip.compress(content)) <= PAGE_BUDGET_COMPRESSED_BYTES, f"{page}: {len(gzip.compress(content)) / 1e3:.0f} KB compressed"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links = set(), []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])


def test_internal_links_and_citations_resolve_and_external_links_are_listed(built_book):
    # The default `make book` output: `make pdf` has not run (the PDF test prints into a copy),
    # so the front page must not link to a PDF that is not there.
    assert not (built_book.html / "downloads" / pdf_module.PDF_NAME).exists()
    pages = {path.relative_to(built_book.html).as_posix(): path for path in built_book.html.rglob("*.html")
             if "_static" not in path.parts}
    parsed = {}
    for name, path in pages.items():
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8"))
        parsed[name] = parser
    broken, external = [], set()
    for name, parser in parsed.items():
        for href in parser.links:
            if re.match(r"^(https?:|mailto:)", href):
                external.add(href)
                continue
            target, _, fragment = href.partition("#")
            target_name = (Path(name).parent / target).as_posix() if target else name
            target_name = str(Path(target_name)).replace("\\", "/")
            normalised = Path(target_name)
            parts = []
            for part in normalised.parts:
                if part == "..":
                    parts.pop()
                elif part != ".":
                    parts.append(part)
            target_name = "/".join(parts)
            if target_name.endswith("/") or target_name == "":
                target_name += "index.html"
            if target and not (built_book.html / target_name).exists():
                broken.append(f"{name}: {href}")
            elif fragment and target_name in parsed and fragment not in parsed[target_name].ids:
                broken.append(f"{name}: {href}")
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "external-links.txt").write_text("\n".join(sorted(external)) + "\n")
    assert broken == [], f"{len(broken)} broken links, e.g. {broken[:10]}"
    citations = [href for parser in parsed.values() for href in parser.links if href.startswith("#ref-")]
    assert citations, "no citation links at all"


def test_make_pdf_prints_the_whole_book_with_its_charts(built_book, tmp_path):
    from conftest import Build, copy_build, run_cli

    # Printed into a copy of the built book: the shared one stays the default `make book` output.
    built = Build(copy_build(built_book, tmp_path / "build"), built_book.stderr, built_book.clean)
    completed = run_cli("pdf", build_dir=built.directory, check=True)
    pdf = built.html / "downloads" / "karabakh-book.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    charts = sum(EXPECTED_CHARTS.values())
    assert f"{charts} charts)" in completed.stderr, completed.stderr
    assert pdf.read_bytes().count(b"/Type /Page") > 50
    # Now, and only now, the front page links to it, and the link resolves.
    front = (built.html / pdf_module.FRONT_PAGE).read_text(encoding="utf-8")
    assert f'href="../downloads/{pdf_module.PDF_NAME}"' in front
    assert (built.html / pdf_module.FRONT_PAGE).parent.joinpath("..", "downloads", pdf_module.PDF_NAME).resolve() == pdf.resolve()


def change_row(place_id: str) -> str:
    """The element id of the first change of control of ``place_id`` on the war page."""
    from karabakh import data, page

    changes = data.load_table("control_changes")
    return page.anchor("change", changes.loc[changes["place_id"] == place_id, "change_id"].iloc[0])


def test_a_reader_on_a_phone_finds_a_village_in_the_war_table_by_any_of_its_names(built_book, browser):
    context, tab = open_page(browser, built_book, "notebooks/03_war_2020.html", WIDTHS["phone"])
    changes = tab.locator("figure", has=tab.locator("table.karabakh-datatable")).filter(has_text="changes of control").first
    search = changes.get_by_role("searchbox", name=re.compile(r"Search the \d+ rows"))
    for name in ("Gorazilli", "Gorazıllı", "gorazilli"):
        search.fill(name)
        row = tab.locator("#" + change_row("gorazilli"))
        row.wait_for(state="visible", timeout=5_000)
        assert row.is_visible(), name
        status = changes.locator(".karabakh-table-status").first.inner_text()
        assert re.match(r"\d+ of \d+ rows match", status), status
    # Words narrow the rows together: a village and its district.
    search.fill("Ashaghi Veysalli Fuzuli")
    tab.locator("#" + change_row("ashaghi_veysalli")).wait_for(state="visible", timeout=5_000)
    context.close()
    assert tab.console == []


def test_a_filter_and_a_date_range_narrow_the_war_table(built_book, browser):
    context, tab = open_page(browser, built_book, "notebooks/03_war_2020.html", WIDTHS["desktop"])
    figure = tab.locator("figure", has=tab.locator("table.karabakh-datatable[data-date-column]")).filter(
        has_text="changes of control").first
    figure.get_by_label("District", exact=True).select_option("Fuzuli District")
    figure.get_by_label("From", exact=True).fill("2020-10-17")
    figure.get_by_label("To", exact=True).fill("2020-10-17")
    figure.get_by_label("To", exact=True).dispatch_event("change")
    tab.wait_for_timeout(300)
    shown = figure.locator("tbody tr").evaluate_all("rows => rows.map(row => [row.cells[1].innerText, row.dataset.date])")
    context.close()
    assert shown and all(district == "Fuzuli District" and date == "2020-10-17" for district, date in shown), shown
    assert len(shown) < 10


@pytest.mark.parametrize("page, target", [
    ("notebooks/91_bibliography.html", None),  # a source far down the list: filled in below
    ("notebooks/01_chronology.html", "event-2020-11-09-trilateral-ceasefire-statement"),
])
def test_a_link_to_a_row_lands_on_it_wherever_paging_put_it(built_book, browser, page, target):
    html = (built_book.html / page).read_text(encoding="utf-8")
    ids = re.findall(r'<tr id="((?:source|event)-[^"]+)"', html)
    if target is None or target not in ids:
        target = ids[-3]  # near the end: many pages into the paged table
    context = browser.new_context(viewport={"width": WIDTHS["phone"], "height": 900}, offline=True)
    tab = context.new_page()
    tab.goto((built_book.html / page).as_uri() + "#" + target, wait_until="load")
    row = tab.locator(f"[id='{target}']")
    row.wait_for(state="visible", timeout=5_000)
    highlighted = row.evaluate("row => row.classList.contains('karabakh-target')")
    in_view = row.evaluate("row => { const box = row.getBoundingClientRect(); return box.bottom > 0 && box.top < innerHeight; }")
    context.close()
    assert highlighted and in_view


def test_a_citation_opens_the_references_it_points_to(built_book, browser):
    context, tab = open_page(browser, built_book, "notebooks/02_un_resolutions_1993.html", WIDTHS["desktop"])
    link = tab.locator(".karabakh-citation a").first
    target = link.get_attribute("href")[1:]
    assert not tab.locator(f"[id='{target}']").is_visible()
    link.click()
    tab.locator(f"[id='{target}']").wait_for(state="visible", timeout=5_000)
    context.close()
