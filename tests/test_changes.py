"""Data releases and `python -m karabakh changes`: added, removed, changed and renamed rows, read
from git revisions of a small fixture repository; the release recorded in data/changelog.json."""

from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest

from karabakh.publishing import changes

from conftest import run_cli

DESCRIPTOR = {
    "name": "fixture",
    "title": "Fixture",
    "resources": [
        {"name": "items", "path": "items.csv", "schema": {"fields": [{"name": "item_id"}, {"name": "date"}, {"name": "value"}],
                                                          "primaryKey": "item_id"}},
        {"name": "pairs", "path": "pairs.csv", "schema": {"fields": [{"name": "a"}, {"name": "b"}, {"name": "note"}],
                                                          "primaryKey": ["a", "b"]}},
    ],
}


def git(root, *args):
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin"})


@pytest.fixture
def repository(tmp_path):
    root = tmp_path / "repo"
    (root / "data").mkdir(parents=True)
    (root / "data" / "datapackage.json").write_text(json.dumps(DESCRIPTOR, indent=2) + "\n")
    (root / "CITATION.cff").write_text('cff-version: 1.2.0\ntitle: "Fixture"\nversion: "0.1.0"\ndate-released: "2026-01-01"\n')
    (root / "data" / "items.csv").write_text(
        "item_id,date,value\nkept,2020-01-01,1\nremoved,2020-01-02,2\nchanged,2020-01-03,3\nold-name,2020-01-04,4\n")
    (root / "data" / "pairs.csv").write_text("a,b,note\nx,1,first\nx,2,second\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "first")
    (root / "data" / "items.csv").write_text(
        "item_id,date,value\nkept,2020-01-01,1\nchanged,2020-02-03,30\nnew-name,2020-01-04,4\nadded,2020-01-05,5\n")
    (root / "data" / "pairs.csv").write_text("a,b,note\nx,1,first\nx,2,\"second, corrected\"\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "second")
    return root


def test_added_removed_changed_and_renamed_rows(repository):
    by_table = {table.table: table for table in changes.compare("HEAD~1", "HEAD", root=repository)}
    items = by_table["items"]
    assert items.rows == 4
    assert sorted(items.added) == ["added", "new-name"], "a renamed id is an addition..."
    assert sorted(items.removed) == ["old-name", "removed"], "...and a removal"
    assert items.changed == {"changed": {"date": ("2020-01-03", "2020-02-03"), "value": ("3", "30")}}
    pairs = by_table["pairs"]
    assert pairs.changed == {"x|2": {"note": ("second", "second, corrected")}}, "composite keys"
    assert not pairs.added and not pairs.removed


def test_markdown_and_csv_say_the_same(repository):
    found = changes.compare("HEAD~1", "HEAD", root=repository)
    text = changes.markdown(found, "HEAD~1", "HEAD")
    assert "| items | 4 | 2 | 2 | 1 |" in text
    assert "| `changed` | value | 3 | 30 |" in text
    rows = changes.csv_text(found).splitlines()
    assert rows[0] == "table,key,change,field,from,to"
    assert "items,changed,changed,date,2020-01-03,2020-02-03" in rows
    assert "items,removed,removed,,," in rows and "items,added,added,,," in rows
    assert 'pairs,x|2,changed,note,second,"second, corrected"' in rows


def test_a_release_is_recorded_with_its_version_date_and_commit(repository):
    entry = changes.cut_release("1.0.0", since="HEAD~1", date=dt.date(2026, 3, 4), root=repository)
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repository, capture_output=True, text=True).stdout.strip()
    assert entry["commit"] == head and entry["date"] == "2026-03-04"
    assert entry["tables"]["items"] == {"rows": 4, "added": 2, "removed": 2, "changed": 1}
    assert {"table": "items", "key": "changed", "field": "value", "from": "3", "to": "30"} in entry["changes"]
    logged = json.loads((repository / "data" / "changelog.json").read_text())
    assert logged["releases"][0]["version"] == "1.0.0"
    descriptor = json.loads((repository / "data" / "datapackage.json").read_text())
    assert descriptor["version"] == "1.0.0" and descriptor["created"].startswith("2026-03-04")
    citation = (repository / "CITATION.cff").read_text()
    assert 'version: "1.0.0"' in citation and 'date-released: "2026-03-04"' in citation
    # The next release needs a committed data/ and a higher version; it compares with the last release.
    with pytest.raises(changes.ChangesError, match="uncommitted"):
        changes.cut_release("1.0.1", root=repository)
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "release 1.0.0")
    with pytest.raises(changes.ChangesError, match="not after"):
        changes.cut_release("0.9.0", root=repository)
    second = changes.cut_release("1.0.1", date=dt.date(2026, 3, 5), root=repository)
    assert second["since"] == {"version": "1.0.0", "commit": head}
    assert all(counts["added"] == counts["removed"] == counts["changed"] == 0 for counts in second["tables"].values())


def test_an_unknown_revision_is_one_line(tmp_path):
    completed = run_cli("changes", "no-such-revision", build_dir=tmp_path)
    assert completed.returncode == 2
    assert completed.stderr.strip() == "error: 'no-such-revision' is not a commit of this repository"


def test_the_changes_page_lists_each_release_with_links_that_resolve(built_book):
    from karabakh.chapters import changes as page_changes

    html = (built_book.html / "notebooks" / "92_changes.html").read_text(encoding="utf-8")
    for release in page_changes.releases():
        assert f"Version {release['version']}, released {release['date']}" in html
    assert 'class="karabakh-version"' in (built_book.html / "notebooks" / "03_war_2020.html").read_text(encoding="utf-8")


def test_the_page_tells_corrections_of_fact_from_edits():
    from karabakh.chapters import changes as page_changes

    for field in ("claim_date", "value_best", "claimant", "lat", "place_id", "confirmed_by"):
        assert page_changes.is_fact(field), field
    for field in ("violation_note", "note", "summary", "scope", "claim_source_ids", "confirmation_source_ids", "title"):
        assert not page_changes.is_fact(field), field
