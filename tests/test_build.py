"""End to end: papermill runs, the book build, caching, determinism, failures and bad parameters."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
import re
import shutil

import nbformat
import pytest

from karabakh import project
from karabakh.publishing import vendor

from conftest import copy_repository, run_cli, tree_digest

pytestmark = pytest.mark.build


def test_every_notebook_executes_and_the_book_builds_without_warnings(built_book):
    for chapter in project.chapters().values():
        assert f"executed  {chapter.stem} in " in built_book.stderr
        assert (built_book.directory / "executed" / f"{chapter.stem}.ipynb").exists()
        assert (built_book.html / "notebooks" / f"{chapter.stem}.html").exists()
    assert (built_book.html / "index.html").exists()
    assert "WARNING" not in built_book.stderr


#: Font Awesome's style and size classes, which name no icon.
ICON_MODIFIERS = {"fa-solid", "fa-regular", "fa-brands", "fa-lg", "fa-sm", "fa-xs", "fa-fw", "fa-2x"}


def test_pages_load_only_the_theme_icons_and_every_icon_shown_is_among_them(built_book):
    shipped = built_book.html / "_static" / "scripts" / "fontawesome.js"
    assert shipped.read_bytes() == (vendor.VENDOR_DIR / vendor.ICONS_FILE).read_bytes()
    assert shipped.stat().st_size < 100_000, "the theme's 1.5 MB icon bundle was not replaced"
    assert not shipped.with_name("fontawesome.js.map").exists()
    used = set()
    for page in built_book.html.rglob("*.html"):
        for classes in re.findall(r'<i class="([^"]*)"', page.read_text(encoding="utf-8")):
            used |= {name for name in classes.split() if name.startswith("fa-")} - ICON_MODIFIERS
    assert used, "no icons found: has the theme's markup changed?"
    assert {name.removeprefix("fa-") for name in used} <= set(vendor.THEME_ICONS)


#: How pandas' missing values read when they slip into text: an empty cell must show as nothing (or a dash).
MISSING_MARKERS = re.compile(r"&lt;NA&gt;|&lt;NaT&gt;|>\s*(nan|NaN|None|NaT)\s*<|\bnan\b(?=[,.<])")


def test_no_page_shows_a_missing_value_as_text(built_book):
    for page in sorted((built_book.html / "notebooks").glob("*.html")):
        found = MISSING_MARKERS.findall(page.read_text(encoding="utf-8"))
        assert not found, f"{page.name} shows a missing value as text: {found[:5]}"


class _VisibleText(HTMLParser):
    """The text a reader sees: everything outside scripts, styles and the head."""

    HIDDEN = {"script", "style", "head", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.parts = 0, []

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth and data.strip():
            self.parts.append(data.strip())


#: Python and pandas output that must never reach a reader: reprs, missing-value markers, a data
#: frame printed as text, and markup shown as text (a value escaped twice, or markup passed as a str).
RAW_OUTPUT = {
    "a Markup repr": re.compile(r"Markup\("),
    "an object repr": re.compile(r"object at 0x[0-9a-f]+|<[a-zA-Z_.]+ object>"),
    "a missing value": re.compile(r"^(<NA>|NaN|nan|NaT|None)$|<NA>|\bNaN\b"),
    "a DataFrame repr": re.compile(r"\[\d+ rows x \d+ columns\]|dtype: (object|int64|float64)|Name: \w+, dtype"),
    "HTML shown as text": re.compile(r"</?(p|div|span|a|em|strong|table|tr|td|th|ul|li|br|figure|details)( [a-z-]+=\"[^\"]*\")*\s*/?>"),
    "an IPython display repr": re.compile(r"<IPython\.core\.display\.|<HTML object>|<Figure size"),
}


def visible_text(path: Path) -> list[str]:
    parser = _VisibleText()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.parts


def test_the_rules_recognise_raw_output():
    assert RAW_OUTPUT["a Markup repr"].search("Markup('<p class=\"karabakh-note\">…')")
    assert RAW_OUTPUT["a missing value"].search("None") and not RAW_OUTPUT["a missing value"].search("None of the sources")
    assert RAW_OUTPUT["HTML shown as text"].search('<p class="karabakh-note">') and not RAW_OUTPUT["HTML shown as text"].search("a < b")


@pytest.mark.parametrize("folder", ["book", "notebooks"])
def test_no_page_shows_raw_output(built_book, folder):
    found = []
    for page in sorted((built_book.html / folder).glob("*.html")):
        for text in visible_text(page):
            found += [f"{page.name}: {what}: {text[:100]!r}" for what, rule in RAW_OUTPUT.items() if rule.search(text)]
    assert found == [], "\n".join(found[:20])


def test_injected_parameters_cell_is_hidden_in_the_book(built_book):
    chapter = project.find_chapter("un_resolutions_1993")
    notebook = nbformat.read(built_book.directory / "executed" / f"{chapter.stem}.ipynb", as_version=4)
    injected = [cell for cell in notebook.cells if cell["id"] == "injected-parameters"]
    assert injected and "remove-cell" in injected[0].metadata["tags"]
    page = (built_book.html / "notebooks" / f"{chapter.stem}.html").read_text()
    assert "# Parameters" not in page
    assert "resolutions = [822, 853, 874, 884]" not in page


def test_a_rebuild_with_nothing_changed_executes_nothing(built_book):
    before = tree_digest(built_book.html)
    completed = run_cli("build", build_dir=built_book.directory, check=True)
    assert "executing" not in completed.stderr
    for chapter in project.chapters().values():
        assert f"cached    {chapter.stem}" in completed.stderr
    assert "cached    book" in completed.stderr
    assert tree_digest(built_book.html) == before


def test_a_changed_page_rebuilds_the_book_but_executes_nothing(built_book, tmp_path):
    """Editing a page outside the notebooks recompiles the book and leaves every notebook cached."""
    repository = copy_repository(tmp_path)
    build = tmp_path / "build"
    shutil.copytree(built_book.directory, build, ignore=shutil.ignore_patterns("source", "html-*"))
    # The copy's package and notebooks are byte-identical, so its cache keys match the built ones.
    methods = repository / "book" / "methods.md"
    methods.write_text(methods.read_text() + "\nA sentence added by the test.\n")
    completed = run_cli("build", build_dir=build, cwd=repository, check=True)
    assert "executing" not in completed.stderr
    assert "built     " in completed.stderr
    assert "A sentence added by the test." in (build / "html" / "book" / "methods.html").read_text()


@pytest.fixture(scope="module")
def second_clean_build(tmp_path_factory) -> dict[str, dict[str, str]]:
    """The run's only second build from scratch: a copy of the repository in another folder, no cache."""
    root = tmp_path_factory.mktemp("second")
    repository = copy_repository(root)
    run_cli("build", build_dir=root / "build", cwd=repository, check=True)
    return {part: tree_digest(root / "build" / part) for part in ("executed", "html")}


def test_two_clean_builds_are_byte_identical(built_book, second_clean_build):
    """The book built here and the one built from a copy of the repository in another folder
    (so also no absolute path leaks in), each compared right after its build."""
    for part in ("executed", "html"):
        first_tree, second_tree = built_book.clean[part], second_clean_build[part]
        assert first_tree.keys() == second_tree.keys()
        differing = [name for name in first_tree if first_tree[name] != second_tree[name]]
        assert differing == [], f"{part} differs between clean builds: {differing[:10]}"


def test_outputs_carry_no_absolute_paths(built_book):
    markers = [str(project.ROOT), str(project.DEFAULT_SEEDS_DIR), str(built_book.directory), "/tmp/", "/root/", "file://"]
    for path in [*(built_book.directory / "executed").glob("*.ipynb"), *built_book.html.rglob("*.html")]:
        text = path.read_text(encoding="utf-8")
        for marker in markers:
            assert marker not in text, f"{path.name} contains {marker}"


def executed_html(build_dir, chapter: str) -> str:
    stem = project.find_chapter(chapter).stem
    notebook = nbformat.read(build_dir / "executed" / f"{stem}.ipynb", as_version=4)
    return "".join(
        str(output.get("data", {}).get(kind, ""))
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        for kind in ("text/html", "text/markdown")
    )


@pytest.mark.parametrize(
    ("chapter", "arguments", "expected", "shown"),
    [
        ("un_resolutions_1993", ["-p", "resolutions", "822", "-p", "start", "1993-03-01", "-p", "end", "1993-06-30"],
         {"resolutions": [822], "start": "1993-03-01", "end": "1993-06-30"}, "S/RES/822 (1993)"),
        ("chronology", ["-p", "start", "2020-09-27", "-p", "end", "2020-11-10", "-p", "event_types", "territory_change"],
         {"start": "2020-09-27", "end": "2020-11-10", "event_types": ["territory_change"], "places": [], "min_precision": "year"},
         "of types Territory change"),
        ("chronology", ["-p", "places", "shusha,shusha_district", "-p", "min_precision", "day"],
         {"start": "1905-01-01", "end": "2026-12-31", "event_types": [], "places": ["shusha", "shusha_district"], "min_precision": "day"},
         "at Shusha"),
        ("war_2020", ["-p", "start", "2020-10-01", "-p", "end", "2020-10-31", "-p", "metric", "civilian_dead",
                      "-p", "map_level", "district"],
         {"start": "2020-10-01", "end": "2020-10-31", "claimants": [], "metric": "civilian_dead", "map_level": "district"},
         "counting civilian dead stated from 2020-10-01 to 2020-10-31"),
        ("events_2023", ["-p", "start", "2023-09-01", "-p", "end", "2023-10-31", "-p", "indicators", "exodus",
                         "-p", "claimants", "armenia_government"],
         {"start": "2023-09-01", "end": "2023-10-31", "indicators": ["exodus"], "claimants": ["armenia_government"]},
         "Not the published page"),
        ("sources_and_claims", ["-p", "grades", "contradicted", "-p", "articles", "seed-001,seed-003"],
         {"articles_dir": "", "articles": ["seed-001", "seed-003"], "grades": ["contradicted"]},
         "graded contradicted"),
    ],
)
def test_notebooks_run_with_non_default_parameters(tmp_path, chapter, arguments, expected, shown):
    completed = run_cli("execute", chapter, *arguments, build_dir=tmp_path, check=True)
    stem = project.find_chapter(chapter).stem
    assert f"executed  {stem}" in completed.stderr
    notebook = nbformat.read(tmp_path / "executed" / f"{stem}.ipynb", as_version=4)
    assert notebook.metadata["papermill"]["parameters"] == expected
    manifest = json.loads((tmp_path / "cache" / f"{stem}.json").read_text())
    assert manifest["parameters"] == expected
    assert shown in executed_html(tmp_path, chapter)


def test_the_2020_chapter_says_so_when_the_window_selects_nothing(tmp_path):
    run_cli("execute", "war_2020", "-p", "start", "2023-09-01", "-p", "end", "2023-09-18", build_dir=tmp_path, check=True)
    page = executed_html(tmp_path, "war_2020")
    assert "No change of control falls in this window" in page
    assert 'data-chart="war-2020-control-map"' not in page


def test_the_2023_chapter_says_so_when_the_window_selects_nothing(tmp_path):
    run_cli("execute", "events_2023", "-p", "start", "2026-12-30", "-p", "end", "2026-12-31", build_dir=tmp_path, check=True)
    page = executed_html(tmp_path, "events_2023")
    assert "No recorded event falls in this window" in page
    assert "No figure of the exodus matches these parameters" in page
    assert 'data-chart="events-2023-exodus"' not in page


def test_chronology_says_so_when_the_window_has_no_events(tmp_path):
    run_cli("execute", "chronology", "-p", "start", "1960-01-01", "-p", "end", "1960-12-31", build_dir=tmp_path, check=True)
    page = executed_html(tmp_path, "chronology")
    assert "This page shows the 0 recorded events" in page
    assert "No recorded event matches these parameters" in page
    assert 'data-chart="chronology-timeline"' not in page


def test_claims_chapter_with_an_empty_articles_folder_says_so(tmp_path):
    (tmp_path / "empty").mkdir()
    run_cli("execute", "sources_and_claims", "-p", "articles_dir", str(tmp_path / "empty"), build_dir=tmp_path / "b", check=True)
    page = executed_html(tmp_path / "b", "sources_and_claims")
    assert "holds no .txt files" in page
    assert 'data-chart="framing-usage"' not in page
    assert 'data-chart="claims-grades"' in page


def test_non_default_resolutions_change_what_the_page_shows(tmp_path):
    run_cli("execute", "un_resolutions_1993", "-p", "resolutions", "884", build_dir=tmp_path, check=True)
    html = executed_html(tmp_path, "un_resolutions_1993")
    assert ">S/RES/884 (1993)</td>" in html and ">S/RES/822 (1993)</td>" not in html


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["run", "un_resolutions_1993", "-p", "resolutions", "822,999"],
         "error: parameter 'resolutions' of un_resolutions_1993: got '822,999'; allowed: one or more of 822, 853, 874, 884, comma-separated\n"),
        (["run", "un_resolutions_1993", "-p", "start", "1993-02-30"],
         "error: parameter 'start' of un_resolutions_1993: got '1993-02-30'; allowed: a date as YYYY-MM-DD\n"),
        (["run", "un_resolutions_1993", "-p", "window", "1993"],
         "error: unknown parameter 'window' for un_resolutions_1993; allowed: end, resolutions, start\n"),
        (["run", "chronology", "-p", "min_precision", "week"],
         "error: parameter 'min_precision' of chronology: got 'week'; allowed: one of day, month, year\n"),
        (["run", "nowhere"], f"error: unknown chapter 'nowhere'; known chapters: {', '.join(project.chapters())}\n"),
    ],
)
def test_bad_parameters_stop_with_one_line(tmp_path, arguments, message):
    completed = run_cli(*arguments, build_dir=tmp_path)
    assert completed.returncode == 2
    assert completed.stderr == message
    assert not (tmp_path / "executed").exists()


def test_a_failing_notebook_fails_the_build_and_keeps_the_previous_book(tmp_path):
    repository = copy_repository(tmp_path)
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# A chapter that breaks"),
        nbformat.v4.new_code_cell("1 / 0"),
    ])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, repository / "notebooks" / "99_failing.ipynb")
    build = tmp_path / "build"
    (build / "html").mkdir(parents=True)
    (build / "html" / "index.html").write_text("the previous book")

    # Only this notebook executes (the others would take the time of a whole build and prove nothing here).
    completed = run_cli("execute", "failing", build_dir=build, cwd=repository)

    assert completed.returncode == 1
    assert completed.stderr.splitlines()[-1] == (
        "error: notebook 99_failing failed in cell 1 (execution count 1): ZeroDivisionError: division by zero"
    )
    assert (build / "html" / "index.html").read_text() == "the previous book"
    assert not (build / "executed" / "99_failing.ipynb").exists()
    assert (build / "failed" / "99_failing.ipynb").exists()
