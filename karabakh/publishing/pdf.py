"""``python -m karabakh pdf`` (``make pdf``): the whole book as one PDF, charts included, offline.

Jupyter Book compiles the staged sources of the last build into a single HTML page; headless
Chromium (Debian's, driven by Playwright) opens it offline, waits until every chart is drawn by the
vendored Vega libraries, and prints it. Charts are printed as the vector graphics the browser drew,
so the PDF's charts are the book's charts. The file lands in ``<build>/html/downloads/``, and the
front page's mention of it (a ``<span class="karabakh-pdf">`` in a book built without it) becomes a
link: a build without the PDF has no dead link to it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from karabakh import project
from karabakh.publishing import browser, pipeline

PDF_NAME = "karabakh-book.pdf"
FRONT_PAGE = Path("book") / "intro.html"
_MENTION = re.compile(r'<span class="karabakh-pdf">(.*?)</span>', re.DOTALL)


def link_front_page(html: Path) -> bool:
    """Turn the front page's mention of the PDF into a link to it; True if the page changed."""
    page = html / FRONT_PAGE
    text = page.read_text(encoding="utf-8")
    linked = _MENTION.sub(rf'<a class="karabakh-pdf" href="../downloads/{PDF_NAME}">\1</a>', text)
    if linked == text:
        return False
    page.write_text(linked, encoding="utf-8")
    return True


CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
    "--disable-component-update", "--disable-sync", "--disable-quic",
]


def chromium() -> str:
    path = browser.find()
    if not path:
        raise pipeline.BuildError(browser.MISSING[len("error: "):])
    return path


def single_page(staging: Path, output: Path) -> Path:
    """The staged book compiled into one HTML page (warnings are errors, as for the book)."""
    command = [
        sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build", str(staging),
        "--path-output", str(output), "--builder", "singlehtml", "-W", "-n", "--keep-going",
    ]
    completed = subprocess.run(command, capture_output=True, text=True)
    if completed.returncode != 0:
        raise pipeline.BuildError("single-page build failed:\n" + "\n".join(completed.stdout.splitlines()[-20:]))
    # Sphinx writes the root page (book/intro) one folder down but with links computed for the
    # top folder (_static/...): a copy at the top is the page whose links resolve.
    site = output / "_build" / "singlehtml"
    page = site / "karabakh-book.html"
    shutil.copyfile(site / "book" / "intro.html", page)
    return page


def print_pdf(page: Path, target: Path) -> int:
    """Print ``page`` with every chart drawn; return the number of charts."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), headless=True, args=CHROMIUM_FLAGS)
        context = browser.new_context(offline=True, viewport={"width": 900, "height": 1200})
        tab = context.new_page()
        # Nothing leaves the machine (the single page also names a MathJax CDN that no page uses).
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://") else route.abort())
        tab.goto(page.as_uri(), wait_until="load")
        charts = tab.locator("figure.karabakh-chart").count()
        tab.wait_for_function(
            "n => document.querySelectorAll('figure.karabakh-chart svg.marks').length >= n", arg=charts, timeout=60_000
        )
        # Every row of every table and every note open (karabakh-tables.js pages and folds them on screen).
        tab.evaluate("() => window.karabakhPrintable && window.karabakhPrintable()")
        tab.evaluate("() => document.querySelectorAll('details').forEach(details => { details.open = true; })")
        tab.emulate_media(media="print")
        target.parent.mkdir(parents=True, exist_ok=True)
        tab.pdf(path=str(target), format="A4", print_background=True,
                margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"})
        browser.close()
    return charts


def build_pdf() -> Path:
    build = project.build_dir()
    staging = build / "source"
    if not (build / "html").exists() or not staging.exists():
        raise pipeline.BuildError("build the book first (make book): the PDF is printed from it")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="pdf-", dir=build) as scratch:
        page = single_page(staging, Path(scratch))
        target = build / "html" / "downloads" / PDF_NAME
        charts = print_pdf(page, target)
    link_front_page(build / "html")
    # The PDF belongs to the published book: record it, so a no-change rebuild keeps it.
    manifest = build / "cache" / "book.json"
    if manifest.exists():
        recorded = json.loads(manifest.read_text())
        recorded["html"] = pipeline._tree_digest(build / "html")
        manifest.write_text(json.dumps(recorded, indent=1) + "\n")
    pipeline.log(f"printed   {target} ({target.stat().st_size / 1e6:.1f} MB, {charts} charts) in {time.perf_counter() - started:.1f} s")
    return target
