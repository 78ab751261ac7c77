"""Where things are, and what ``_config.yml`` says about each chapter."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CONFIG_PATH = ROOT / "_config.yml"
TOC_PATH = ROOT / "_toc.yml"
BOOK_DIR = ROOT / "book"
NOTEBOOK_DIR = ROOT / "notebooks"
DATA_DIR = ROOT / "data"
DATAPACKAGE_PATH = DATA_DIR / "datapackage.json"
#: The data releases (written by `python -m karabakh release`, read by the "What changed" page).
CHANGELOG_PATH = DATA_DIR / "changelog.json"
#: The base map every map draws on: built by `make vendor` (karabakh.publishing.vendor), read here as data.
BOUNDARIES_PATH = DATA_DIR / "boundaries" / "south-caucasus-10m.topojson"
PACKAGE_DIR = ROOT / "karabakh"
#: Input articles: read from beside the repository, never copied into it.
DEFAULT_SEEDS_DIR = ROOT.parent / "shared" / "seeds"


def build_dir() -> Path:
    """The build directory: ``_build`` unless ``KARABAKH_BUILD_DIR`` names another."""
    return Path(os.environ.get("KARABAKH_BUILD_DIR", ROOT / "_build")).resolve()


@dataclass(frozen=True)
class Chapter:
    """A chapter notebook: ``notebooks/NN_name.ipynb`` is chapter ``name``."""

    name: str
    path: Path

    @property
    def stem(self) -> str:
        return self.path.stem


@functools.lru_cache(maxsize=None)
def config() -> dict:
    with CONFIG_PATH.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def chapters() -> dict[str, Chapter]:
    """Every chapter notebook, by name, in file order."""
    found = {}
    for path in sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb")):
        name = path.stem.split("_", 1)[1]
        found[name] = Chapter(name=name, path=path)
    return found


def find_chapter(name: str) -> Chapter:
    """A chapter by its name (``un_resolutions_1993``) or its file stem (``02_un_resolutions_1993``)."""
    known = chapters()
    for chapter in known.values():
        if name in (chapter.name, chapter.stem):
            return chapter
    raise KeyError(f"unknown chapter {name!r}; known chapters: {', '.join(known)}")


def default_parameters(name: str) -> dict:
    """The defaults of a chapter's parameters, from the ``parameters:`` section of ``_config.yml``."""
    return dict(config().get("parameters", {}).get(name, {}))
