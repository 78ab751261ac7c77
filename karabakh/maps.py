"""Maps: country outlines vendored from world-atlas (Natural Earth 1:50m), with places as points.

The outlines are embedded in each map's spec (a few kilobytes), so a map needs no network.
Districts are drawn at their seat town; places without coordinates are not drawn, and the
chapter says which ones.
"""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from karabakh import charts, data, vendor

MAP_HEIGHT = 420
#: What the maps show: Armenia, Azerbaijan and their surroundings (lon_min, lat_min, lon_max, lat_max).
EXTENT = (43.0, 38.2, 51.0, 42.2)


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


def inside_extent(frame: pd.DataFrame) -> pd.Series:
    """Which rows fall within the mapped area (places abroad, such as Moscow, do not)."""
    lon_min, lat_min, lon_max, lat_max = EXTENT
    return frame["lon"].between(lon_min, lon_max) & frame["lat"].between(lat_min, lat_max)


def point_map(
    points: pd.DataFrame, color, tooltip: list, title: str, label: str | None = None, size=None
) -> alt.LayerChart:
    """Outlines plus one point per row of ``points`` (which needs ``lat`` and ``lon`` inside EXTENT)."""
    frame = points.copy()
    frame["lat"] = frame["lat"].astype(float)
    frame["lon"] = frame["lon"].astype(float)
    outside = frame[~inside_extent(frame)]
    if not outside.empty:
        raise ValueError(f"points outside the mapped area: {outside.index.tolist()}")
    encoding = {"longitude": "lon:Q", "latitude": "lat:Q", "color": color, "tooltip": tooltip}
    if size is not None:
        encoding["size"] = size
    dots = (
        alt.Chart(frame)
        .mark_circle(size=90, opacity=0.8, stroke="white", strokeWidth=0.8)
        .encode(**encoding)
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
        .properties(width=charts.WIDTH, height=MAP_HEIGHT, title=title)
    )
