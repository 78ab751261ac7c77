"""Faults: a dying kernel, Ctrl-C, two builds at once, an unwritable build folder, a damaged vendored
library, inputs the cache must notice. Each ends with a clear message, a non-zero exit, the previous
book whole and nothing left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

from karabakh.publishing import pipeline

from conftest import copy_repository, run_cli
from test_bad_inputs import digest

pytestmark = pytest.mark.build



def leftovers(build, pid=None):
    found = [path.name for pattern in ("html-*", "tmp*", "html.previous") for path in build.glob(pattern)]
    if pid is not None:
        found += [path.name for path in Path(tempfile.gettempdir()).glob("kb-*")
                  if not pipeline._alive(int(path.name[3:].split("-")[0]))]
    return found


def test_a_kernel_that_dies_is_reported_and_the_book_stays(tmp_path):
    repository = copy_repository(tmp_path)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import os\nos._exit(3)")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, repository / "notebooks" / "99_dying.ipynb")
    build = tmp_path / "build"
    (build / "html").mkdir(parents=True)
    (build / "html" / "index.html").write_text("the previous book")
    completed = run_cli("execute", "dying", build_dir=build, cwd=repository)
    assert completed.returncode == 1
    last = completed.stderr.splitlines()[-1]
    assert last.startswith("error: notebook 99_dying") and "kernel" in last.lower(), completed.stderr
    assert (build / "html" / "index.html").read_text() == "the previous book"
    assert leftovers(build) == []


@pytest.mark.parametrize(
    "trigger, year", [("executing ", 1938), ("executed  01_chronology", 1958)], ids=["while-executing", "while-compiling"]
)
def test_ctrl_c_keeps_the_previous_book_and_leaves_nothing_behind(built_copy, trigger, year):
    repository, build = built_copy
    before = digest(build / "html")
    env = {**os.environ, "KARABAKH_BUILD_DIR": str(build), "PYTHONPATH": str(repository)}
    # New parameters, so the chapter executes and the book recompiles. The interrupt is sent once the
    # build says it has reached the stage (so a slow, loaded machine tests the same moment).
    process = subprocess.Popen(
        [sys.executable, "-m", "karabakh", "run", "chronology", "-p", "start", f"{year}-01-01"],
        cwd=repository, env=env, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    seen = []
    for line in process.stderr:
        seen.append(line)
        if line.startswith(trigger):
            break
    time.sleep(0.3)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    stderr = "".join(seen) + stderr
    if process.returncode == 0:
        pytest.skip("the run finished before the interrupt arrived")
    assert process.returncode == 130, stderr
    assert stderr.strip().splitlines()[-1] == "interrupted: nothing was published; the previous book is unchanged"
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert digest(build / "html") == before
    assert leftovers(build, pid=True) == []
    completed = run_cli("build", build_dir=build, cwd=repository, check=True)
    assert "built" in completed.stderr or "cached    book" in completed.stderr


def test_two_builds_at_once_the_second_is_refused(built_copy, monkeypatch):
    repository, build = built_copy
    with pipeline.build_lock(build):
        completed = run_cli("build", build_dir=build, cwd=repository)
    assert completed.returncode == 1
    assert completed.stderr.startswith(f"error: another build is running in {build} (process {os.getpid()})")


def test_a_build_folder_that_cannot_be_written_is_reported(tmp_path):
    not_a_folder = tmp_path / "build"
    not_a_folder.write_text("a file where the build folder should be")
    completed = run_cli("build", build_dir=not_a_folder)
    assert completed.returncode == 1
    assert completed.stderr.startswith(f"error: cannot write {not_a_folder}")
    assert "Traceback" not in completed.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_build_folder_is_reported(tmp_path):
    build = tmp_path / "build"
    build.mkdir()
    build.chmod(0o555)
    completed = run_cli("build", build_dir=build)
    build.chmod(0o755)
    assert completed.returncode == 1 and completed.stderr.startswith("error: cannot write")


@pytest.mark.parametrize("damage", ["missing", "altered"])
def test_a_missing_or_altered_vendored_library_stops_the_build(built_copy, damage):
    repository, build = built_copy
    library = repository / "book" / "_static" / "vendor" / "vega.min.js"
    original = library.read_bytes()
    before = digest(build / "html")
    try:
        library.unlink() if damage == "missing" else library.write_bytes(original + b"\n// edited")
        (repository / "book" / "methods.md").write_text((repository / "book" / "methods.md").read_text() + "\n")
        completed = run_cli("build", build_dir=build, cwd=repository)
    finally:
        library.write_bytes(original)
    assert completed.returncode == 1
    expected = "is missing, so no chart would render" if damage == "missing" else "differs from the recorded checksum"
    assert "book/_static/vendor/vega.min.js" in completed.stderr and expected in completed.stderr
    assert digest(build / "html") == before


def test_the_cache_notices_the_articles_folder_and_a_deleted_page(built_copy):
    repository, build = built_copy
    articles = tempfile.mkdtemp(prefix="articles-", dir=build.parent)
    run_cli("execute", "sources_and_claims", "-p", "articles_dir", articles, build_dir=build, cwd=repository, check=True)
    (build.parent / articles / "extra.txt").write_text("Stepanakert and Khankendi.", encoding="utf-8")
    completed = run_cli("execute", "sources_and_claims", "-p", "articles_dir", articles, build_dir=build, cwd=repository, check=True)
    assert "executed  05_sources_and_claims" in completed.stderr, "adding an article must re-execute the chapter"
    run_cli("build", build_dir=build, cwd=repository, check=True)
    page = build / "html" / "book" / "methods.html"
    page.unlink()
    completed = run_cli("build", build_dir=build, cwd=repository, check=True)
    assert "built" in completed.stderr and page.exists()


def test_a_non_utf8_article_is_named(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "bad.txt").write_bytes(b"Stepanakert \xff")
    completed = run_cli("run", "sources_and_claims", "-p", "articles_dir", str(folder), build_dir=tmp_path / "build")
    assert completed.returncode == 2
    assert "bad.txt" in completed.stderr and "is not UTF-8" in completed.stderr
