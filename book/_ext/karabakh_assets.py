"""Load the chart libraries only on pages that draw a chart.

Charts are HTML outputs holding ``<figure class="karabakh-chart">`` and a ``vegaEmbed`` call; a page
without one (the introduction, methods, the glossary) needs none of the 800 KB of Vega scripts.
The files are the vendored copies in ``book/_static/vendor``; the browser caches them across pages.
"""

CHART_MARKER = 'class="karabakh-chart"'
CHART_SCRIPTS = ("vendor/vega.min.js", "vendor/vega-lite.min.js", "vendor/vega-embed.min.js")


def add_chart_scripts(app, pagename, templatename, context, doctree):
    if CHART_MARKER in context.get("body", ""):
        for script in CHART_SCRIPTS:
            app.add_js_file(script)


def setup(app):
    app.connect("html-page-context", add_chart_scripts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
