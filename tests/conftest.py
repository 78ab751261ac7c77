"""Shared fixtures: a clean build of the whole book into a temporary build directory."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from karabakh import project

#: The input articles, beside the repository where CI has them; tests that read their texts run
#: only there. CI sets KARABAKH_REQUIRE_ARTICLES=1, so such a test fails there instead of skipping.
SEEDS = project.DEFAULT_SEEDS_DIR
ARTICLES_REQUIRED = os.environ.get("KARABAKH_REQUIRE_ARTICLES") == "1"


def needs_articles(test):
    """Run ``test`` where the articles are beside the repository; skip it, with the reason, elsewhere."""
    if ARTICLES_REQUIRED and not SEEDS.is_dir():
        raise RuntimeError(f"KARABAKH_REQUIRE_ARTICLES=1 but the articles are not at {SEEDS}")
    return pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the input articles are not beside the repository ({SEEDS})")(test)


@dataclass
class Build:
    directory: Path
    stderr: str

    @property
    def html(self) -> Path:
        return self.directory / "html"


def run_cli(*args: str, build_dir: Path, cwd: Path = project.ROOT, check: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "KARABAKH_BUILD_DIR": str(build_dir), "PYTHONPATH": str(cwd)}
    completed = subprocess.run([sys.executable, "-m", "karabakh", *args], cwd=cwd, env=env, capture_output=True, text=True)
    if check and completed.returncode != 0:
        raise AssertionError(f"python -m karabakh {' '.join(args)} failed:\n{completed.stderr[-5000:]}")
    return completed


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Build:
    directory = tmp_path_factory.mktemp("build-a")
    completed = run_cli("build", build_dir=directory, check=True)
    return Build(directory, completed.stderr)


#: Folders of the repository a copy needs to build the book (the rest is tooling or output).
COPIED = shutil.ignore_patterns("_build", ".venv", "node_modules", ".git", ".pytest_cache", "__pycache__")


def built_copy_of_repository(tmp_path_factory, name: str) -> tuple[Path, Path]:
    """A copy of the repository and a build folder holding its built book (for tests that damage inputs)."""
    root = tmp_path_factory.mktemp(name)
    repository = copy_repository(root)
    build = root / "build"
    run_cli("build", build_dir=build, cwd=repository, check=True)
    return repository, build


def copy_repository(destination: Path) -> Path:
    """A copy of the working tree at ``destination/main`` with the articles folder beside it, as in CI."""
    repository = destination / "main"
    shutil.copytree(project.ROOT, repository, ignore=COPIED)
    seeds = project.DEFAULT_SEEDS_DIR
    if seeds.is_dir():
        (destination / "shared").mkdir(exist_ok=True)
        (destination / "shared" / "seeds").symlink_to(seeds)
    return repository
