"""Shared fixtures: a clean build of the whole book into a temporary build directory."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
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
    clean: dict[str, dict[str, str]]  # "executed" / "html" -> tree_digest, taken right after the build

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


@contextlib.contextmanager
def shared_folder(tmp_path_factory, name: str):
    """A folder all pytest-xdist workers of this run share, and a lock on it (one worker makes it, the others wait)."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's base folder, above each worker's own
    folder = root / name
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield folder
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Build:
    """The one clean build of the run, shared by every worker (built by the first that needs it)."""
    with shared_folder(tmp_path_factory, "built-book") as directory:
        log, digests = directory.with_suffix(".stderr"), directory.with_suffix(".digests.json")
        if not log.exists():
            completed = run_cli("build", build_dir=directory, check=True)
            digests.write_text(json.dumps({part: tree_digest(directory / part) for part in ("executed", "html")}))
            log.write_text(completed.stderr, encoding="utf-8")
        return Build(directory, log.read_text(encoding="utf-8"), json.loads(digests.read_text()))


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


def copy_build(built: Build, destination: Path) -> Path:
    """The built book's folder (cache, executed notebooks, HTML) copied to ``destination``.

    Cache keys are content hashes of the inputs, not paths: a copy of the repository builds from it
    without executing anything, and a copy whose data differs re-executes only the chapters that read it.
    """
    shutil.copytree(built.directory, destination, ignore=shutil.ignore_patterns("html-*", "runs", "*.lock"))
    return destination


@pytest.fixture(scope="session")
def built_copy(tmp_path_factory, built_book) -> BuiltCopy:
    """A copy of the repository elsewhere on disk with the built book's folder: the bad-input and fault
    tests damage the copy's inputs, each restoring what it changed (each xdist worker has its own copy)."""
    root = tmp_path_factory.mktemp("copy")
    repository = copy_repository(root)
    build = copy_build(built_book, root / "build")
    completed = run_cli("build", build_dir=build, cwd=repository, check=True)
    assert "executing" not in completed.stderr, "the copy should reuse the built book's executed notebooks"
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

