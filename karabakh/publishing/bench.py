"""``python -m karabakh bench`` (``make bench``): what a build costs, measured in one run on this machine.

Everything runs in a temporary copy of the repository with its own build folder, so the checkout
and its book are untouched. It prints one table:

- the floor: a kernel start plus an empty notebook through papermill, and an empty one-page book;
- a clean build, and its ratio to (kernel floor x chapters + book floor);
- a rebuild with nothing changed (it must execute nothing);
- a rebuild after changing one data file (only the chapters that read it re-execute);
- one chapter rerun with new parameters;
- the test suite (unless ``--skip-tests``);
- what a chart page loads: its scripts and styles, and the page itself, gzipped;
- each page's height at 1280 and 390 px, and how long it takes to be usable at 390 px on a CPU
  throttled 4x (``--pages`` measures only this, on the book already built);
- a scale run: the events table multiplied 10x and 50x with synthetic rows (in the copy only):
  the chronology's execution time and page size at each size.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from karabakh import project
from karabakh.publishing import pipeline

COPY_IGNORE = shutil.ignore_patterns("_build", ".venv", "node_modules", ".git", ".pytest_cache", "__pycache__")
#: The data file the one-file rebuild changes, and the chapters expected to re-execute (those that read it).
CHANGED_FILE = "data/framing_vocabulary.csv"
PAGE_BUDGET_BYTES = 1_000_000
#: The goals `make bench` measures against (issue 16): a clean build within twice its floor, the
#: test suite within 3 minutes on 2 cores, a chart page's scripts and styles within 400 KB gzipped.
GOAL_CLEAN_RATIO = 2.0
GOAL_TESTS_SECONDS = 180
GOAL_CHART_ASSETS_BYTES = 400_000
#: Issue 24: with scripts on, every page at most 25,000 px tall at 1280 px and 60,000 px at 390 px,
#: and usable (text, charts and tables drawn) within 2.5 s at 390 px on a 4x-throttled CPU.
GOAL_HEIGHTS = {1280: 25_000, 390: 60_000}
GOAL_PHONE_LOAD_SECONDS = 2.5
PHONE_THROTTLE = 4
#: A page is usable once its text is parsed and every chart has drawn its marks; its long tables
#: read from the start (their first rows) and become searchable right after (TABLES_READY).
READY = """() => document.readyState !== "loading" && document.querySelectorAll('figure.karabakh-chart svg.marks').length >=
    document.querySelectorAll('figure.karabakh-chart').length"""
#: When it became so, in seconds from navigation: the later of the largest text paint (Largest
#: Contentful Paint) and the last chart drawn (a performance mark karabakh.js sets); and when its
#: tables became searchable (the mark karabakh-tables.js sets, or the end of DOMContentLoaded).
TIMES = """() => new Promise(resolve => {
    const marks = name => performance.getEntriesByName(name).map(mark => mark.startTime);
    new PerformanceObserver(list => {
        const paints = list.getEntries().map(entry => entry.startTime);
        const navigation = performance.getEntriesByType('navigation')[0];
        const usable = Math.max(...paints, ...marks('karabakh-chart-drawn'));
        const tables = Math.max(navigation.domContentLoadedEventEnd, ...marks('karabakh-tables-ready'));
        resolve([usable / 1000, tables / 1000]);
    }).observe({type: 'largest-contentful-paint', buffered: true});
})"""
TABLES_READY = """() => document.readyState !== "loading" && (!document.querySelector('table.karabakh-datatable') ||
    document.documentElement.classList.contains('karabakh-tables-ready'))"""
ASSET = re.compile(r'<(?:script[^>]*\bsrc|link[^>]*\bhref)="([^"?#]+\.(?:js|css))[^"]*"')


def _goal(met: bool, goal: str) -> str:
    return f"goal {goal}: {'met' if met else 'MISSED'}"


def chart_page_weight(html: Path, page: str) -> tuple[int, int]:
    """Gzipped bytes of what ``page`` loads (its scripts and style sheets) and of the page itself."""
    path = html / page
    text = path.read_text(encoding="utf-8")
    assets = {(path.parent / link).resolve() for link in ASSET.findall(text)}
    loaded = sum(len(gzip.compress(asset.read_bytes(), 9)) for asset in assets if asset.is_file())
    return loaded, len(gzip.compress(text.encode("utf-8"), 9))


def page_metrics(html: Path, runs: int = 3) -> list[tuple[str, str, str]]:
    """Each page's height at 1280 and 390 px, and the median time (of ``runs``) until it is usable at
    390 px with the CPU throttled 4x (Chromium's DevTools emulation), against the goals."""
    from playwright.sync_api import sync_playwright

    from karabakh.publishing import pdf

    pages = sorted(path.relative_to(html).as_posix() for folder in ("book", "notebooks") for path in (html / folder).glob("*.html"))
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=pdf.chromium(), headless=True, args=pdf.CHROMIUM_FLAGS)
        for page in pages:
            heights = {}
            for width in GOAL_HEIGHTS:
                context = browser.new_context(viewport={"width": width, "height": 900}, offline=True)
                tab = context.new_page()
                tab.goto((html / page).as_uri(), wait_until="load")
                tab.wait_for_function(READY, timeout=60_000)
                tab.wait_for_function(TABLES_READY, timeout=60_000)
                heights[width] = tab.evaluate("document.documentElement.scrollHeight")
                context.close()
            times, searchable = [], []
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 390, "height": 844}, offline=True)
                tab = context.new_page()
                tab.context.new_cdp_session(tab).send("Emulation.setCPUThrottlingRate", {"rate": PHONE_THROTTLE})
                tab.goto((html / page).as_uri(), wait_until="commit")
                tab.wait_for_function(READY, timeout=60_000, polling=50)
                tab.wait_for_function(TABLES_READY, timeout=60_000, polling=50)
                usable, tables = tab.evaluate(TIMES)
                times.append(usable)
                searchable.append(tables)
                context.close()
            load, tables_at = sorted(times)[len(times) // 2], sorted(searchable)[len(searchable) // 2]
            met = all(heights[width] <= goal for width, goal in GOAL_HEIGHTS.items()) and load <= GOAL_PHONE_LOAD_SECONDS
            rows.append((f"page {page}", f"{load:.2f} s",
                         f"usable at 390 px, CPU /{PHONE_THROTTLE} (tables searchable at {tables_at:.2f} s); "
                         f"height {heights[1280]:,} px at 1280, "
                         f"{heights[390]:,} px at 390; "
                         + _goal(met, f"<= {GOAL_PHONE_LOAD_SECONDS} s, <= {GOAL_HEIGHTS[1280]:,} / {GOAL_HEIGHTS[390]:,} px")))
        browser.close()
    return rows


def _copy(destination: Path) -> Path:
    repository = destination / "main"
    shutil.copytree(project.ROOT, repository, ignore=COPY_IGNORE)
    if project.DEFAULT_SEEDS_DIR.is_dir():
        (destination / "shared").mkdir()
        (destination / "shared" / "seeds").symlink_to(project.DEFAULT_SEEDS_DIR)
    return repository


def _cli(repository: Path, build: Path, *args: str) -> tuple[float, str]:
    env = {**os.environ, "KARABAKH_BUILD_DIR": str(build), "PYTHONPATH": str(repository)}
    started = time.perf_counter()
    completed = subprocess.run([sys.executable, "-m", "karabakh", *args], cwd=repository, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if completed.returncode != 0:
        raise RuntimeError(f"python -m karabakh {' '.join(args)} failed:\n{completed.stderr[-3000:]}")
    return seconds, completed.stderr


def _executed(stderr: str) -> list[str]:
    return re.findall(r"^executed  (\S+)", stderr, flags=re.MULTILINE)


def kernel_floor(scratch: Path) -> float:
    """A kernel start plus an empty notebook through papermill, with the pipeline's kernel manager."""
    import papermill

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    source = scratch / "empty.ipynb"
    nbformat.write(notebook, source)
    with tempfile.TemporaryDirectory(prefix=pipeline.SOCKETS_PREFIX + f"{os.getpid()}-") as sockets:
        started = time.perf_counter()
        papermill.execute_notebook(
            str(source), str(scratch / "empty-out.ipynb"), kernel_name="python3", progress_bar=False,
            kernel_manager_class=pipeline._ipc_kernel_manager(Path(sockets), scratch / "kernel.log"),
        )
        return time.perf_counter() - started


def book_floor(scratch: Path) -> float:
    """An empty one-page Jupyter Book, with the same builder flags as the real one."""
    book = scratch / "empty-book"
    book.mkdir()
    (book / "_config.yml").write_text("title: empty\nexecute:\n  execute_notebooks: 'off'\n")
    (book / "_toc.yml").write_text("format: jb-book\nroot: intro\n")
    (book / "intro.md").write_text("# Empty\n\nOne page.\n")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build", str(book),
         "--path-output", str(scratch / "empty-book-out"), "--builder", "html", "-W", "-n", "--keep-going"],
        check=True, capture_output=True,
    )
    return time.perf_counter() - started


def multiply_events(repository: Path, factor: int) -> int:
    """Write ``factor`` copies of every event (new ids, same facts) into the copy's events table."""
    path = repository / "data" / "events.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    original = [row for row in rows if "-synthetic-" not in row["event_id"]]
    out = list(original)
    for copy in range(1, factor):
        out += [{**row, "event_id": f"{row['event_id']}-synthetic-{copy}"} for row in original]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(out)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return len(out)


def run(skip_tests: bool = False) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="karabakh-bench-") as scratch_name:
        scratch = Path(scratch_name)
        repository = _copy(scratch)
        build = scratch / "build"
        chapters = len(project.chapters())

        # The first kernel start of a session is a cold one (files not yet in the page cache): take the
        # faster of two, the floor a build's kernels actually pay.
        kernel = min(kernel_floor(scratch), kernel_floor(scratch))
        empty_book = book_floor(scratch)
        rows.append(("floor: kernel + empty notebook (papermill)", f"{kernel:.1f} s", ""))
        rows.append(("floor: empty one-page book", f"{empty_book:.1f} s", ""))

        clean, stderr = _cli(repository, build, "build")
        floor = kernel * chapters + empty_book
        rows.append(("clean build", f"{clean:.1f} s", f"{clean / floor:.2f} x floor ({chapters} chapters); "
                     + _goal(clean / floor <= GOAL_CLEAN_RATIO, f"<= {GOAL_CLEAN_RATIO:.0f} x floor")))
        for page in ("notebooks/03_war_2020.html", "notebooks/01_chronology.html"):
            loaded, own = chart_page_weight(build / "html", page)
            rows.append((f"chart page {page.split('/')[-1]}: scripts and styles", f"{loaded / 1e3:.0f} KB",
                         f"gzipped; the page itself {own / 1e3:.0f} KB; "
                         + _goal(loaded <= GOAL_CHART_ASSETS_BYTES, f"<= {GOAL_CHART_ASSETS_BYTES // 1000} KB")))

        rows += page_metrics(build / "html")

        again, stderr = _cli(repository, build, "build")
        rows.append(("rebuild, nothing changed", f"{again:.2f} s",
                     f"{100 * again / clean:.1f}% of clean; executed: {', '.join(_executed(stderr)) or 'nothing'}"))

        changed = repository / CHANGED_FILE
        lines = changed.read_text(encoding="utf-8").split("\n")
        lines[1] = lines[1].replace("usage", "use", 1)  # a real edit to one row's text
        changed.write_text("\n".join(lines), encoding="utf-8")
        one, stderr = _cli(repository, build, "build")
        rows.append((f"rebuild after editing {CHANGED_FILE}", f"{one:.1f} s",
                     f"executed: {', '.join(_executed(stderr)) or 'nothing'}"))

        rerun, stderr = _cli(repository, build, "run", "chronology", "-p", "start", "1991-01-01")
        rows.append(("one chapter rerun, new parameters", f"{rerun:.1f} s", f"executed: {', '.join(_executed(stderr))}"))

        if not skip_tests:
            started = time.perf_counter()
            completed = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=project.ROOT,
                                       capture_output=True, text=True)
            summary = (completed.stdout.strip().splitlines() or ["?"])[-1]
            seconds = time.perf_counter() - started
            rows.append(("test suite", f"{seconds:.0f} s",
                         f"{summary}; {_goal(seconds <= GOAL_TESTS_SECONDS, f'<= {GOAL_TESTS_SECONDS} s')}"))

        for factor in (1, 10, 50):
            events = multiply_events(repository, factor)
            # A parameter no other run used, so the chapter executes at every size (even 1x).
            seconds, stderr = _cli(repository, build, "execute", "chronology", "-p", "start", f"1918-01-0{factor % 9 + 1}")
            executed = build / "executed" / f"{project.find_chapter('chronology').stem}.ipynb"
            # The page's own weight: the executed chapter's HTML outputs (what the book page embeds).
            notebook = nbformat.read(executed, as_version=4)
            size = sum(len(str(output.get("data", {}).get("text/html", "")).encode())
                       for cell in notebook.cells for output in cell.get("outputs", []))
            verdict = "within budget" if size <= PAGE_BUDGET_BYTES else "OVER the 1 MB budget"
            rows.append((f"scale x{factor}: chronology, {events} events", f"{seconds:.1f} s", f"page data {size / 1e6:.2f} MB ({verdict})"))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m karabakh bench", description=__doc__.split("\n")[0])
    parser.add_argument("--skip-tests", action="store_true", help="do not time the test suite")
    parser.add_argument("--pages", action="store_true", help="only measure the pages of the built book (_build/html)")
    args = parser.parse_args(argv)
    rows = page_metrics(project.build_dir() / "html") if args.pages else run(skip_tests=args.skip_tests)
    width = max(len(row[0]) for row in rows)
    print(f"{'measure'.ljust(width)}  {'time':>8}  note")
    for name, value, note in rows:
        print(f"{name.ljust(width)}  {value:>8}  {note}")
    return 0
