"""Vendor what the book loads in the browser, from the npm packages pinned in ``package.json``.

``make vendor`` runs ``npm ci`` and then this module, which copies the three Vega libraries (with
their licences) into ``book/_static/vendor`` and cuts the map boundaries the book needs out of
``world-atlas``. The results are committed, so building or reading the book needs no network.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import altair as alt

from karabakh import project

NODE_MODULES = project.ROOT / "node_modules"
VENDOR_DIR = project.BOOK_DIR / "_static" / "vendor"
BOUNDARIES_PATH = project.DATA_DIR / "boundaries" / "south-caucasus-50m.topojson"
LIBRARIES = {  # npm package -> the browser build the book loads
    "vega": "build/vega.min.js",
    "vega-lite": "build/vega-lite.min.js",
    "vega-embed": "build/vega-embed.min.js",
}
#: ISO 3166-1 numeric codes of the countries drawn on the maps.
MAP_COUNTRIES = {"051": "Armenia", "031": "Azerbaijan", "268": "Georgia"}


def library_versions() -> dict[str, str]:
    return json.loads((VENDOR_DIR / "versions.json").read_text())


def expected_versions() -> dict[str, str]:
    """What Altair's HTML expects: a major version for Vega and vega-embed, an exact one for Vega-Lite."""
    return {"vega": alt.VEGA_VERSION, "vega-lite": alt.VEGALITE_VERSION, "vega-embed": alt.VEGAEMBED_VERSION}


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


def main() -> None:
    VENDOR_DIR.mkdir(parents=True, exist_ok=True)
    versions = {}
    for package, build_file in LIBRARIES.items():
        package_dir = NODE_MODULES / package
        versions[package] = json.loads((package_dir / "package.json").read_text())["version"]
        shutil.copyfile(package_dir / build_file, VENDOR_DIR / Path(build_file).name)
        shutil.copyfile(package_dir / "LICENSE", VENDOR_DIR / f"{package}.LICENSE.txt")
    if not versions_match(versions):
        raise SystemExit(f"vendored {versions} do not match Altair's {expected_versions()}: fix package.json")
    (VENDOR_DIR / "versions.json").write_text(json.dumps(versions, indent=1, sort_keys=True) + "\n")

    atlas = NODE_MODULES / "world-atlas"
    topology = json.loads((atlas / "countries-50m.json").read_text())
    BOUNDARIES_PATH.parent.mkdir(parents=True, exist_ok=True)
    subset = subset_topology(topology, set(MAP_COUNTRIES))
    BOUNDARIES_PATH.write_text(json.dumps(subset, separators=(",", ":"), sort_keys=True) + "\n")
    shutil.copyfile(atlas / "LICENSE", BOUNDARIES_PATH.parent / "world-atlas.LICENSE.txt")
    atlas_version = json.loads((atlas / "package.json").read_text())["version"]
    print(f"vendored {versions} and world-atlas {atlas_version} ({len(subset['arcs'])} arcs)")


if __name__ == "__main__":
    main()
