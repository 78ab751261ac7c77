"""What the book's pages load: the chart libraries only where a chart is drawn, and only the icons the theme shows.

Charts are HTML outputs holding ``<figure class="karabakh-chart">`` and a ``vegaEmbed`` call; a page
without one (the introduction, methods, the glossary) needs none of the 570 KB of Vega scripts.
The files are the vendored copies in ``book/_static/vendor``; the browser caches them across pages.

The theme loads ``scripts/fontawesome.js`` on every page: all Font Awesome icons, 1.5 MB, to draw
a dozen. After the build that file is replaced by ``vendor/fontawesome-subset.js`` (the same Font
Awesome release's core with only the theme's icons; see ``karabakh.build.vendor.THEME_ICONS``), and the
source map of the replaced file, which would no longer match it, is removed.
"""

import shutil
from pathlib import Path

CHART_MARKER = 'class="karabakh-chart"'
CHART_SCRIPTS = ("vendor/vega.min.js", "vendor/vega-embed.min.js")  # specs are compiled to Vega at build time
ICONS_SUBSET = "vendor/fontawesome-subset.js"
THEME_ICONS_SCRIPT = "scripts/fontawesome.js"


def add_chart_scripts(app, pagename, templatename, context, doctree):
    if CHART_MARKER in context.get("body", ""):
        for script in CHART_SCRIPTS:
            app.add_js_file(script)


def replace_theme_icons(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    target = static / THEME_ICONS_SCRIPT
    if target.exists():
        shutil.copyfile(static / ICONS_SUBSET, target)
        target.with_name(target.name + ".map").unlink(missing_ok=True)


def setup(app):
    app.connect("html-page-context", add_chart_scripts)
    app.connect("build-finished", replace_theme_icons)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
