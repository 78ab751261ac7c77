"""Shared fixtures: a clean build of the whole book into a temporary build directory."""

from __future__ import annotations

import hashlib
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


def run_cli(*args: str, build_dir: Path, cwd: Path = project.ROOT, check: bool = False, module: bool = True) -> subprocess.CompletedProcess:
    """``python -m karabakh ARGS`` (or ``python ARGS`` with ``module=False``) in ``cwd``, building into ``build_dir``."""
    env = {**os.environ, "KARABAKH_BUILD_DIR": str(build_dir), "PYTHONPATH": str(cwd)}
    command = [sys.executable, "-m", "karabakh", *args] if module else [sys.executable, *args]
    completed = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
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


def tree_digest(directory: Path) -> dict[str, str]:
    """The SHA-256 of every file under ``directory``, by relative path."""
    return {
        path.relative_to(directory).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


@dataclass
class BuiltCopy:
    """A copy of the repository elsewhere on disk and its built book, with the digests of the clean build."""

    repository: Path
    build: Path
    clean: dict[str, dict[str, str]]  # "executed" / "html" -> tree_digest, taken right after the build

    def __iter__(self):  # `repository, build = built_copy`
        return iter((self.repository, self.build))


@pytest.fixture(scope="session")
def built_copy(tmp_path_factory) -> BuiltCopy:
    """One clean build of a copy of the repository, shared by the run: the determinism test compares
    it with ``built_book`` (another folder, so also no absolute path leaks in), and the bad-input and
    fault tests damage the copy's inputs, each restoring what it changed."""
    root = tmp_path_factory.mktemp("copy")
    repository = copy_repository(root)
    build = root / "build"
    run_cli("build", build_dir=build, cwd=repository, check=True)
    return BuiltCopy(repository, build, {part: tree_digest(build / part) for part in ("executed", "html")})


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every page check of the run (offline contexts are opened per page)."""
    from playwright.sync_api import sync_playwright

    from test_browser import CHROMIUM_FLAGS, chromium_path

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def copy_repository(destination: Path) -> Path:
    """A copy of the working tree at ``destination/main`` with the articles folder beside it, as in CI."""
    repository = destination / "main"
    shutil.copytree(project.ROOT, repository, ignore=COPIED)
    seeds = project.DEFAULT_SEEDS_DIR
    if seeds.is_dir():
        (destination / "shared").mkdir(exist_ok=True)
        (destination / "shared" / "seeds").symlink_to(seeds)
    return repository
