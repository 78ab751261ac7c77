"""The matrix of bad inputs: each is refused with a message naming where, a non-zero exit, and the
previous book left untouched (docs: the table in README.md, "When something is wrong")."""

from __future__ import annotations

import hashlib
import re

import pytest

from conftest import run_cli

pytestmark = pytest.mark.build

ROW = "1918-12-01-andranik-advance-halted"


def edit_row(text: str, old: str, new: str) -> str:
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(ROW))
    assert old in lines[index], f"{old!r} not in the row"
    lines[index] = lines[index].replace(old, new, 1)
    return "\n".join(lines)


def row_number(text: str) -> int | None:
    return next((i for i, line in enumerate(text.split("\n"), start=1) if line.startswith(ROW)), None)


#: name -> (file, how to damage its text (None: delete the file), expected message as a regex).
DATA_CASES = {
    "stray quote": ("events.csv", lambda t: edit_row(t, ",month,", ',"month,'), r"data/events\.csv, row {row}, column date_precision"),
    "wrong type": ("places.csv", lambda t: t.replace(",39.", ",north", 1), r"data/places\.csv, row \d+, column lat: value 'north[0-9]+': type is \"number"),
    "missing required value": ("events.csv", lambda t: edit_row(t, ",month,", ",,"), r"data/events\.csv, row {row}, column date_precision: value '': constraint \"required\""),
    "value outside an enumeration": ("events.csv", lambda t: edit_row(t, ",month,", ",weekly,"), r"data/events\.csv, row {row}, column date_precision: value 'weekly': constraint \"enum\""),
    "duplicate key": ("events.csv", lambda t: t.rstrip("\n") + "\n" + next(l for l in t.split("\n") if l.startswith(ROW)) + "\n", r"data/events\.csv, row \d+: duplicate primary key"),
    "dangling foreign key": ("events.csv", lambda t: edit_row(t, ",shusha,", ",nowhere,"), r"data/events\.csv, row {row}, column place_id: 'nowhere' is not a places key"),
    "dangling list-valued key": ("events.csv", lambda t: edit_row(t, "wikipedia-first-nagorno-karabakh-war", "no-such-source"), r"data/events\.csv, row {row}, column source_ids: 'no-such-source' is not a sources key"),
    "impossible date": ("events.csv", lambda t: edit_row(t, "1918-12-31", "1918-02-30"), r"data/events\.csv, row {row}, column date_end: value '1918-02-30': type is \"date"),
    "end before start": ("events.csv", lambda t: edit_row(t, "1918-12-31", "1918-11-30"), r"data/events\.csv, row {row}, column date_end: before date_start"),
    "invalid UTF-8": ("events.csv", lambda t: t.replace("Andranik", "Andr\udce9nik", 1), r"data/events\.csv: 'utf-8' codec can't decode byte 0xe9"),
    "empty file": ("events.csv", lambda t: "", r"data/events\.csv: file is empty"),
    "missing file": ("events.csv", None, r"data/events\.csv: file missing"),
    "missing column": ("events.csv", lambda t: "\n".join(line.rsplit(",", 1)[0] for line in t.split("\n")), r"data/events\.csv, column topics: There is a missing label"),
}


BOTH_COMMANDS = (
    "import sys\n"
    "from karabakh.publishing.cli import main\n"
    "for command in ('check-data', 'build'):\n"
    "    code = main([command])\n"
    "    print(f'== {command} exit {code}', file=sys.stderr, flush=True)\n"
)


def digest(directory) -> str:
    sha = hashlib.sha256()
    for path in sorted(directory.rglob("*")):
        if path.is_file():
            sha.update(path.relative_to(directory).as_posix().encode() + path.read_bytes())
    return sha.hexdigest()



@pytest.mark.parametrize("case", sorted(DATA_CASES))
def test_bad_data_stops_the_build_before_anything_runs(built_copy, case):
    repository, build = built_copy
    file, damage, expected = DATA_CASES[case]
    path = repository / "data" / file
    original = path.read_bytes()
    before = digest(build / "html")
    try:
        if damage is None:
            path.unlink()
        else:
            path.write_bytes(damage(original.decode("utf-8")).encode("utf-8", "surrogateescape"))
        expected = expected.format(row=row_number(original.decode("utf-8")))
        # Both commands in one process (what `make check-data` and `make book` run), to start Python once.
        completed = run_cli("-c", BOTH_COMMANDS, build_dir=build, cwd=repository, module=False)
        results = re.findall(r"(?s)(.*?)== (check-data|build) exit (\d+)\n", completed.stderr)
        assert [(command, code) for _, command, code in results] == [("check-data", "1"), ("build", "1")], completed.stderr
        for text, command, _ in results:
            assert re.search(expected, text), f"{command}: {text}"
        assert "nothing was executed or published" in results[1][0]
        assert "executing" not in completed.stderr
        assert digest(build / "html") == before, "the previous book changed"
    finally:
        path.write_bytes(original)
