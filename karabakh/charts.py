"""One chart theme for the whole book, and the way charts are put on a page.

Charts are shown with :func:`show`, which emits an HTML container with a fixed id (the chart's
name, so builds are byte-identical) and a call to ``karabakhEmbed`` (``book/_static/karabakh.js``),
which draws the chart with ``vegaEmbed`` once the page is parsed and the container has a width (a
chart drawn into a container of width 0 computes NaN coordinates, which the browser logs). The Vega libraries themselves are
vendored into ``book/_static/vendor`` and loaded once per page from there (see ``_config.yml``),
so a chart never asks the network for anything. Specs are compiled from Vega-Lite to Vega when the
page is built (``vl-convert``, the Vega project's compiler, pinned to Altair's Vega-Lite release),
so the pages need the Vega runtime only: the Vega-Lite compiler (79 KB gzipped) weighs more than
the few kilobytes the compiled specs add to a page. (The output carries no Vega-Lite MIME bundle:
myst-nb cannot render one and would warn, which fails the ``-W`` build.)
"""

from __future__ import annotations

import json
import re

import altair as alt
import vl_convert

from karabakh import data, page

import textwrap

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
CATEGORY_SCHEME = "tableau10"
WIDTH = 560  # the default view width, before a chart's container sets it
#: Characters per title line and per subtitle line: both fit a phone's column (390 px screen).
TITLE_LINE = 32
SUBTITLE_LINE = 48


def theme() -> dict:
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": WIDTH, "continuousHeight": 300, "stroke": None},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "gridColor": "#e6e6e6"},
            # One column under the plot: it fits a phone beside the plot's axis labels.
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom", "columns": 1, "labelLimit": 170},
            # The first and last labels of a time or number axis stay inside the plot (no overhang on a phone).
            "axisX": {"labelFlush": True, "labelOverlap": "greedy", "labelBound": 0},
            "title": {"fontSize": 15, "anchor": "start", "subtitleColor": "#555"},
            "range": {"category": {"scheme": CATEGORY_SCHEME}},
        }
    }


alt.theme.register("karabakh", enable=True)(theme)


def title(text: str, subtitle: str = "") -> alt.Title:
    """A chart title that states the finding, wrapped into lines that fit a phone's column."""
    lines = textwrap.wrap(text, TITLE_LINE) or [text]
    extra = {"subtitle": textwrap.wrap(subtitle, SUBTITLE_LINE)} if subtitle else {}
    return alt.Title(lines if len(lines) > 1 else lines[0], **extra)

_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def describe(spec: dict) -> str:
    """A text alternative for screen readers: what the chart shows, from its title and subtitle."""
    title = spec.get("title", "")
    if isinstance(title, dict):
        parts = [title.get("text", ""), title.get("subtitle", "")]
    else:
        parts = [title]
    words = [" ".join(part) if isinstance(part, list) else str(part) for part in parts if part]
    return ". ".join(word.rstrip(".") for word in words if word) + "."


def has_table_data(spec: dict) -> bool:
    return any(
        isinstance(values, list) and values and isinstance(values[0], dict) and "type" not in values[0]
        for values in spec.get("datasets", {}).values()
    )


#: The Vega-Lite release Altair writes (major.minor, as vl-convert names its compilers).
VEGA_LITE_RELEASE = ".".join(alt.VEGALITE_VERSION.split(".")[:2])


def compile_to_vega(spec: dict) -> dict:
    """A Vega-Lite spec compiled to the Vega spec the browser draws (no compiler needed on the page).

    A chart as wide as its column ("width": "container") compiles to a ``width`` signal that Vega
    recomputes on every window resize, even while the column is momentarily 0 px wide (a map then
    computes NaN coordinates). That listener is dropped: ``karabakhEmbed`` (book/_static/karabakh.js)
    redraws the chart when its column changes width, and only at a width above 0.
    """
    compiled = vl_convert.vegalite_to_vega(spec, vl_version=VEGA_LITE_RELEASE)
    for signal in compiled.get("signals", []):
        if signal.get("name") == "width" and "containerSize" in str(signal.get("init", "")):
            signal.pop("on", None)
    return compiled


def embed_html(spec: dict, name: str, caption: "page.Markup | str") -> str:
    """The container, the embed call and the caption of one chart, with no random ids.

    The spec is written once, into ``window.karabakhCharts[name]``: the chart is drawn from it and
    the CSV download (book/_static/karabakh.js) reads exactly the data the chart shows from it.
    """
    if not _NAME.match(name):
        raise ValueError(f"chart name {name!r} must be lowercase letters, digits and hyphens")
    element_id = f"chart-{name}"
    spec = {**spec, "description": spec.get("description") or describe(spec)}
    payload = json.dumps(compile_to_vega(spec), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    payload = payload.replace("</", "<\\/")  # a spec string must not close the script element
    options = json.dumps({"actions": False, "renderer": "svg"}, sort_keys=True)
    download = (
        page.Markup(' <a class="karabakh-download" href="#{}" onclick="return karabakhDownload({})">'
                    "Download the data (CSV)</a>").format(element_id, json.dumps(name))
        if has_table_data(spec) else page.Markup("")
    )
    return (
        f'<figure class="karabakh-chart" data-chart="{name}" aria-label="{page.escape(spec["description"])}">'
        f'<div id="{element_id}" class="karabakh-chart-view"></div>'
        f"<script>(window.karabakhCharts = window.karabakhCharts || {{}})[{json.dumps(name)}] = {payload};"
        f"karabakhEmbed({json.dumps(name)}, {json.dumps('#' + element_id)}, {options});</script>"
        f"<figcaption>{page.escape(caption)}{download}</figcaption></figure>"
    )


#: Data sources that layers refer to by name (the map boundaries: see karabakh.maps), each with the
#: function that makes its values; :func:`spec_of` adds the values of those a spec uses, once.
SHARED_DATASETS: dict = {}


def _data_names(node, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "data" and isinstance(value, dict) and isinstance(value.get("name"), str):
                found.add(value["name"])
            _data_names(value, found)
    elif isinstance(node, list):
        for item in node:
            _data_names(item, found)
    return found


def spec_of(chart: alt.TopLevelMixin) -> dict:
    """The chart's Vega-Lite spec, with the shared datasets it refers to by name."""
    spec = chart.to_dict()
    if spec.get("width") == "container" or any(layer.get("width") == "container" for layer in spec.get("layer", [])):
        # A container-wide chart fits its column with room on the right for the last axis label,
        # which Vega centres on its tick and would otherwise push past the column on a phone.
        spec.setdefault("autosize", {"type": "fit-x", "contains": "padding"})
        spec.setdefault("padding", {"left": 5, "top": 5, "bottom": 5, "right": 22})
    for name in sorted(_data_names(spec, set()) & SHARED_DATASETS.keys()):
        spec.setdefault("datasets", {})[name] = SHARED_DATASETS[name]()
    return spec


class ChartOutput:
    """What a notebook cell returns to show a chart: the HTML container, with a text fallback."""

    def __init__(self, chart: alt.TopLevelMixin, name: str, source_ids: list[str], provenance: str = ""):
        if not source_ids and not provenance:
            raise ValueError(f"chart {name!r} has no sources: every figure must be traceable")
        self.name = name
        self.spec = spec_of(chart)
        parts = [page.escape(provenance) if provenance else None, page.sources_caption(source_ids) if source_ids else None]
        self.caption = page.Markup(" ").join(part for part in parts if part)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {
            "text/html": embed_html(self.spec, self.name, self.caption),
            "text/plain": f"<chart {self.name}: {self.caption.striptags()}>",
        }


def show(chart: alt.TopLevelMixin, name: str, source_ids: list[str], provenance: str = "") -> ChartOutput:
    """Put ``chart`` on the page as ``#chart-<name>``, captioned with its sources.

    ``provenance`` describes where the figures come from when they are not rows of cited sources
    (counts computed from a folder of texts, say); a chart needs sources, provenance, or both.
    """
    return ChartOutput(chart, name, source_ids, provenance)
