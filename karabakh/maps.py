"""Maps: country outlines vendored from world-atlas (Natural Earth 1:50m), with places as points.

The outlines are embedded in each map's spec (a few kilobytes), so a map needs no network.
Districts are drawn at their seat town; places without coordinates are not drawn, and the
chapter says which ones.
"""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from karabakh import data, vendor

MAP_HEIGHT = 420


def boundaries() -> dict:
    data._record_read(vendor.BOUNDARIES_PATH)
    return json.loads(vendor.BOUNDARIES_PATH.read_text(encoding="utf-8"))


def base_layer() -> alt.Chart:
    countries = alt.Data(values=boundaries(), format=alt.DataFormat(type="topojson", feature="countries"))
    return (
        alt.Chart(countries)
        .mark_geoshape(fill="#f2f0eb", stroke="#9a948a", strokeWidth=0.8)
        .encode(tooltip=alt.value(None))
    )


def drawable(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows with coordinates, and rows without (which a page should name)."""
    has = frame["lat"].notna() & frame["lon"].notna()
    return frame[has], frame[~has]


def point_map(points: pd.DataFrame, color: alt.Color, tooltip: list, title: str, label: str | None = None) -> alt.LayerChart:
    """Outlines plus one point per row of ``points`` (which needs ``lat`` and ``lon``)."""
    frame = points.copy()
    frame["lat"] = frame["lat"].astype(float)
    frame["lon"] = frame["lon"].astype(float)
    dots = (
        alt.Chart(frame)
        .mark_circle(size=90, opacity=0.85, stroke="white", strokeWidth=0.8)
        .encode(longitude="lon:Q", latitude="lat:Q", color=color, tooltip=tooltip)
    )
    layers = [base_layer(), dots]
    if label:
        layers.append(
            alt.Chart(frame)
            .mark_text(align="left", dx=7, dy=-6, fontSize=11, color="#333")
            .encode(longitude="lon:Q", latitude="lat:Q", text=f"{label}:N")
        )
    return (
        alt.layer(*layers)
        .project(type="mercator", center=[46.3, 40.0], scale=4200)
        .properties(width=640, height=MAP_HEIGHT, title=title)
    )
