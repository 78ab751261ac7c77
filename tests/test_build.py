"""End to end: papermill runs, the book build, caching, determinism, failures and bad parameters."""

from __future__ import annotations

import hashlib
import json
import shutil

import nbformat
import pytest

from karabakh import project

from conftest import run_cli

pytestmark = pytest.mark.build


def tree_digest(directory):
    return {
        path.relative_to(directory).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def test_every_notebook_executes_and_the_book_builds_without_warnings(built_book):
    for chapter in project.chapters().values():
        assert f"executed  {chapter.stem} in " in built_book.stderr
        assert (built_book.directory / "executed" / f"{chapter.stem}.ipynb").exists()
        assert (built_book.html / "notebooks" / f"{chapter.stem}.html").exists()
    assert (built_book.html / "index.html").exists()
    assert "WARNING" not in built_book.stderr


def test_injected_parameters_cell_is_hidden_in_the_book(built_book):
    chapter = project.find_chapter("un_resolutions_1993")
    notebook = nbformat.read(built_book.directory / "executed" / f"{chapter.stem}.ipynb", as_version=4)
    injected = [cell for cell in notebook.cells if cell["id"] == "injected-parameters"]
    assert injected and "remove-cell" in injected[0].metadata["tags"]
    page = (built_book.html / "notebooks" / f"{chapter.stem}.html").read_text()
    assert "# Parameters" not in page
    assert "resolutions = [822, 853, 874, 884]" not in page


def test_a_rebuild_with_nothing_changed_executes_nothing(built_book):
    before = tree_digest(built_book.html)
    completed = run_cli("build", build_dir=built_book.directory, check=True)
    assert "executing" not in completed.stderr
    for chapter in project.chapters().values():
        assert f"cached    {chapter.stem}" in completed.stderr
    assert tree_digest(built_book.html) == before


def test_two_clean_builds_are_byte_identical(built_book, tmp_path):
    second = tmp_path / "build-b"
    run_cli("build", build_dir=second, check=True)
    for part in ("executed", "html"):
        first_tree, second_tree = tree_digest(built_book.directory / part), tree_digest(second / part)
        assert first_tree.keys() == second_tree.keys()
        differing = [name for name in first_tree if first_tree[name] != second_tree[name]]
        assert differing == [], f"{part} differs between clean builds: {differing[:10]}"


def test_outputs_carry_no_absolute_paths(built_book):
    markers = [str(project.ROOT), str(built_book.directory), "/tmp/", "/root/"]
    for path in [*(built_book.directory / "executed").glob("*.ipynb"), *built_book.html.rglob("*.html")]:
        text = path.read_text(encoding="utf-8")
        for marker in markers:
            assert marker not in text, f"{path.name} contains {marker}"


@pytest.mark.parametrize(
    ("chapter", "arguments", "expected"),
    [
        ("un_resolutions_1993", ["-p", "resolutions", "822", "-p", "start", "1993-03-01", "-p", "end", "1993-06-30"],
         {"resolutions": [822], "start": "1993-03-01", "end": "1993-06-30"}),
    ],
)
def test_notebooks_run_with_non_default_parameters(tmp_path, chapter, arguments, expected):
    completed = run_cli("execute", chapter, *arguments, build_dir=tmp_path, check=True)
    stem = project.find_chapter(chapter).stem
    assert f"executed  {stem}" in completed.stderr
    notebook = nbformat.read(tmp_path / "executed" / f"{stem}.ipynb", as_version=4)
    assert notebook.metadata["papermill"]["parameters"] == expected
    manifest = json.loads((tmp_path / "cache" / f"{stem}.json").read_text())
    assert manifest["parameters"]["start"] == expected.get("start", manifest["parameters"].get("start"))


def test_non_default_resolutions_change_what_the_page_shows(tmp_path):
    run_cli("execute", "un_resolutions_1993", "-p", "resolutions", "884", build_dir=tmp_path, check=True)
    notebook = nbformat.read(tmp_path / "executed" / "02_un_resolutions_1993.ipynb", as_version=4)
    html = "".join(
        output.get("data", {}).get("text/html", "") for cell in notebook.cells for output in cell.get("outputs", [])
    )
    assert "S/RES/884 (1993)" in html and "S/RES/822 (1993)" not in html


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["run", "un_resolutions_1993", "-p", "resolutions", "822,999"],
         "error: parameter 'resolutions' of un_resolutions_1993: got '822,999'; allowed: one or more of 822, 853, 874, 884, comma-separated\n"),
        (["run", "un_resolutions_1993", "-p", "start", "1993-02-30"],
         "error: parameter 'start' of un_resolutions_1993: got '1993-02-30'; allowed: a date as YYYY-MM-DD\n"),
        (["run", "un_resolutions_1993", "-p", "window", "1993"],
         "error: unknown parameter 'window' for un_resolutions_1993; allowed: end, resolutions, start\n"),
    ],
)
def test_bad_parameters_stop_with_one_line(tmp_path, arguments, message):
    completed = run_cli(*arguments, build_dir=tmp_path)
    assert completed.returncode == 2
    assert completed.stderr == message
    assert not (tmp_path / "executed").exists()


def test_a_failing_notebook_fails_the_build_and_keeps_the_previous_book(tmp_path):
    repository = tmp_path / "repository"
    shutil.copytree(project.ROOT, repository, ignore=shutil.ignore_patterns("_build", ".venv", "node_modules", ".git"))
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# A chapter that breaks"),
        nbformat.v4.new_code_cell("1 / 0"),
    ])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, repository / "notebooks" / "99_failing.ipynb")
    build = tmp_path / "build"
    (build / "html").mkdir(parents=True)
    (build / "html" / "index.html").write_text("the previous book")

    completed = run_cli("run", "failing", build_dir=build, cwd=repository)

    assert completed.returncode == 1
    assert completed.stderr.splitlines()[-1] == (
        "error: notebook 99_failing failed in cell 1 (execution count 1): ZeroDivisionError: division by zero"
    )
    assert (build / "html" / "index.html").read_text() == "the previous book"
    assert not (build / "executed" / "99_failing.ipynb").exists()
    assert (build / "failed" / "99_failing.ipynb").exists()
