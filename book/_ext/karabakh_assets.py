"""What the book's pages load: the chart and table libraries only where a chart or a long table is, only the
icons the theme shows, and the search index only on the search page.

Charts are HTML outputs holding ``<figure class="karabakh-chart">`` and a ``vegaEmbed`` call; a page
without one (the introduction, methods, the glossary) needs none of the 570 KB of Vega scripts.
The files are the vendored copies in ``book/_static/vendor``; the browser caches them across pages.

The theme loads ``scripts/fontawesome.js`` on every page: all Font Awesome icons, 1.5 MB, to draw
a dozen. After the build that file is replaced by ``vendor/fontawesome-subset.js`` (the same Font
Awesome release's core with only the theme's icons; see ``karabakh.publishing.vendor.THEME_ICONS``), and the
source map of the replaced file, which would no longer match it, is removed.
"""

import re
import shutil
from pathlib import Path

CHART_MARKER = 'class="karabakh-chart"'
CHART_SCRIPTS = ("vendor/vega.min.js", "vendor/vega-embed.min.js")  # specs are compiled to Vega at build time
#: A table of more than 25 rows is enhanced in the browser (search, filters, sorting, pages) by the
#: vendored table library; the page carries the whole table as HTML, so it reads without them.
TABLE_MARKER = "karabakh-datatable"
TABLE_SCRIPTS = ("vendor/simple-datatables.js", "karabakh-tables.js")
TABLE_STYLES = ("vendor/simple-datatables.css",)
#: The theme loads Sphinx's search scripts and the whole search index on every page for its
#: search-as-you-type box, which this book leaves off (the theme's default): only the search page
#: uses them. Dropped from every other page after the build: 55 KB gzipped, parsed on every visit.
SEARCH_SCRIPTS = re.compile(
    r'[ \t]*<script src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js)"></script>\n?')
ICONS_SUBSET = "vendor/fontawesome-subset.js"
THEME_ICONS_SCRIPT = "scripts/fontawesome.js"


def add_page_scripts(app, pagename, templatename, context, doctree):
    body = context.get("body", "")
    if CHART_MARKER in body:
        for script in CHART_SCRIPTS:
            app.add_js_file(script)
    if TABLE_MARKER in body:
        for style in TABLE_STYLES:
            app.add_css_file(style)
        for script in TABLE_SCRIPTS:
            app.add_js_file(script)


def drop_search_scripts(outdir: Path) -> None:
    for page in outdir.rglob("*.html"):
        if page.name == "search.html" or "_static" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        stripped = SEARCH_SCRIPTS.sub("", text)
        if stripped != text:
            page.write_text(stripped, encoding="utf-8")


def replace_theme_icons(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    target = static / THEME_ICONS_SCRIPT
    if target.exists():
        shutil.copyfile(static / ICONS_SUBSET, target)
        target.with_name(target.name + ".map").unlink(missing_ok=True)
    drop_search_scripts(Path(app.outdir))


def setup(app):
    app.connect("html-page-context", add_page_scripts)
    app.connect("build-finished", replace_theme_icons)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
