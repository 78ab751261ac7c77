"""What changed in ``data/`` between two revisions, and data releases.

``python -m karabakh changes OLD [NEW]`` (``make changes SINCE=OLD``) reads every table of the data
package at two git revisions (``git show REV:data/...``; NEW defaults to ``HEAD``), keys each row by
its table's primary key, and reports the rows added, removed and changed, and for a changed row each
field that changed, from what to what. A renamed id is a removal and an addition. Output as
Markdown, or as CSV with ``--csv``.

``python -m karabakh release VERSION`` (``make release VERSION=x.y.z``) cuts a data release: it
compares the data at ``HEAD`` with the previous release's commit (the first release compares with
``--since``), writes the release into ``data/changelog.json`` (version, date, the commit it was cut
from, counts per table, and every changed field one by one), and sets the version and date in
``data/datapackage.json`` and ``CITATION.cff``. The book's "What changed" page is built from that file,
so building the book needs no git history.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from karabakh import data, project

VERSION_PATTERN = re.compile(r"^[0-9]+\.[0-9]+\.[0-9]+$")


class ChangesError(RuntimeError):
    """A revision that git does not know, a bad version, or a release that cannot be cut."""


@dataclass
class TableChanges:
    """The rows of one table added, removed and changed between two revisions (keys as strings)."""

    table: str
    rows: int = 0
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _git(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)


def resolve(revision: str, root: Path = project.ROOT) -> str:
    """The full commit id of ``revision``, or a ChangesError naming it."""
    completed = _git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", cwd=root)
    if completed.returncode != 0:
        raise ChangesError(f"'{revision}' is not a commit of this repository")
    return completed.stdout.strip()


def _show(revision: str, path: str, root: Path) -> str | None:
    completed = _git("show", f"{revision}:{path}", cwd=root)
    return completed.stdout if completed.returncode == 0 else None


def _descriptor(revision: str, root: Path) -> dict:
    text = _show(revision, "data/datapackage.json", root)
    return json.loads(text) if text else {"resources": []}


def _primary_key(resource: dict) -> list[str]:
    key = resource.get("schema", {}).get("primaryKey", [])
    return [key] if isinstance(key, str) else list(key)


def read_tables(revision: str, root: Path = project.ROOT) -> dict[str, tuple[list[str], dict[str, dict[str, str]]]]:
    """Every tabular resource at ``revision``: its primary key and its rows keyed by that key, as text."""
    tables = {}
    for resource in _descriptor(revision, root)["resources"]:
        text = _show(revision, f"data/{resource['path']}", root)
        key = _primary_key(resource)
        if text is None or not key:
            continue
        rows = {}
        for row in csv.DictReader(io.StringIO(text)):
            rows["|".join(row.get(part, "") for part in key)] = row
        tables[resource["name"]] = (key, rows)
    return tables


def compare(old: str, new: str = "HEAD", root: Path = project.ROOT) -> list[TableChanges]:
    """Per table of either revision: rows added, removed and changed (field by field) from ``old`` to ``new``."""
    before, after = read_tables(resolve(old, root), root), read_tables(resolve(new, root), root)
    result = []
    for name in list(dict.fromkeys([*after, *before])):
        old_rows = before.get(name, ([], {}))[1]
        new_rows = after.get(name, ([], {}))[1]
        changes = TableChanges(name, rows=len(new_rows))
        changes.added = [key for key in new_rows if key not in old_rows]
        changes.removed = [key for key in old_rows if key not in new_rows]
        for key in new_rows.keys() & old_rows.keys():
            fields = list(dict.fromkeys([*old_rows[key], *new_rows[key]]))
            differ = {
                name_: (old_rows[key].get(name_, "") or "", new_rows[key].get(name_, "") or "")
                for name_ in fields
                if (old_rows[key].get(name_, "") or "") != (new_rows[key].get(name_, "") or "")
            }
            if differ:
                changes.changed[key] = differ
        changes.changed = dict(sorted(changes.changed.items()))
        result.append(changes)
    return result


def _cell(text: str, limit: int = 120) -> str:
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def markdown(changes: list[TableChanges], old: str, new: str) -> str:
    """The comparison as Markdown: a count per table, then every added, removed and changed row."""
    lines = [f"# Changes in data/ from {old} to {new}", "", "| table | rows now | added | removed | changed |",
             "| --- | ---: | ---: | ---: | ---: |"]
    for table in changes:
        lines.append(f"| {table.table} | {table.rows} | {len(table.added)} | {len(table.removed)} | {len(table.changed)} |")
    for table in changes:
        if table.empty:
            continue
        lines += ["", f"## {table.table}", ""]
        if table.added:
            lines.append(f"Added ({len(table.added)}): " + ", ".join(f"`{key}`" for key in table.added))
            lines.append("")
        if table.removed:
            lines.append(f"Removed ({len(table.removed)}): " + ", ".join(f"`{key}`" for key in table.removed))
            lines.append("")
        if table.changed:
            lines += ["| row | field | from | to |", "| --- | --- | --- | --- |"]
            for key, fields in table.changed.items():
                for name, (before, after) in fields.items():
                    lines.append(f"| `{key}` | {name} | {_cell(before)} | {_cell(after)} |")
    return "\n".join(lines) + "\n"


def csv_text(changes: list[TableChanges]) -> str:
    """The comparison as CSV: one line per added or removed row and per changed field."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["table", "key", "change", "field", "from", "to"])
    for table in changes:
        writer.writerows([table.table, key, "added", "", "", ""] for key in table.added)
        writer.writerows([table.table, key, "removed", "", "", ""] for key in table.removed)
        for key, fields in table.changed.items():
            writer.writerows([table.table, key, "changed", name, before, after] for name, (before, after) in fields.items())
    return buffer.getvalue()


def read_changelog(path: Path = project.CHANGELOG_PATH) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"releases": []}


def release_entry(version: str, changes: list[TableChanges], commit: str, since: dict, date: dt.date) -> dict:
    """One release of the changelog: what it counts per table and every change, one by one."""
    return {
        "version": version,
        "date": date.isoformat(),
        "commit": commit,
        "since": since,
        "tables": {
            table.table: {"rows": table.rows, "added": len(table.added), "removed": len(table.removed),
                          "changed": len(table.changed)}
            for table in changes
        },
        "added": {table.table: table.added for table in changes if table.added},
        "removed": {table.table: table.removed for table in changes if table.removed},
        "changes": [
            {"table": table.table, "key": key, "field": name, "from": before, "to": after}
            for table in changes for key, fields in table.changed.items() for name, (before, after) in fields.items()
        ],
    }


def _set_version(version: str, date: dt.date, root: Path) -> None:
    descriptor_path = root / "data" / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    # Version and release date first, after the package's name and title.
    ordered = {}
    for key, value in descriptor.items():
        if key in ("version", "created"):
            continue
        ordered[key] = value
        if key == "title":
            ordered["version"] = version
            ordered["created"] = f"{date.isoformat()}T00:00:00Z"
    data.write_descriptor(ordered, descriptor_path)
    citation = root / "CITATION.cff"
    text = citation.read_text(encoding="utf-8")
    text = re.sub(r'^version: .*$', f'version: "{version}"', text, flags=re.MULTILINE)
    text = re.sub(r'^date-released: .*$', f'date-released: "{date.isoformat()}"', text, flags=re.MULTILINE)
    citation.write_text(text, encoding="utf-8")


def cut_release(version: str, since: str | None = None, date: dt.date | None = None, root: Path = project.ROOT) -> dict:
    """Record a release of the data at ``HEAD`` in data/changelog.json and set the version everywhere."""
    if not VERSION_PATTERN.match(version):
        raise ChangesError(f"version '{version}' is not MAJOR.MINOR.PATCH")
    dirty = _git("status", "--porcelain", "--", "data", cwd=root).stdout.strip()
    if dirty:
        raise ChangesError("data/ has uncommitted changes: commit them first (a release is cut from a commit)")
    changelog_path = root / "data" / "changelog.json"
    changelog = read_changelog(changelog_path)
    releases = changelog["releases"]
    if any(release["version"] == version for release in releases):
        raise ChangesError(f"version {version} is already released")
    if releases:
        previous = releases[0]
        if tuple(map(int, version.split("."))) <= tuple(map(int, previous["version"].split("."))):
            raise ChangesError(f"version {version} is not after {previous['version']}")
        since_info = {"version": previous["version"], "commit": previous["commit"]}
    elif since:
        since_info = {"version": None, "commit": resolve(since, root)}
    else:
        raise ChangesError("the first release needs --since REVISION (what it is compared with)")
    head = resolve("HEAD", root)
    entry = release_entry(version, compare(since_info["commit"], head, root), head, since_info, date or dt.date.today())
    changelog["releases"] = [entry, *releases]
    changelog_path.write_text(json.dumps(changelog, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    _set_version(version, date or dt.date.today(), root)
    # A tag helps where the host keeps tags; nothing depends on it.
    _git("tag", f"data-v{version}", head, cwd=root)
    return entry


def main(argv: list[str] | None = None, command: str = "changes") -> int:
    parser = argparse.ArgumentParser(prog=f"python -m karabakh {command}", description=__doc__.split("\n")[0])
    if command == "changes":
        parser.add_argument("old", metavar="OLD", help="the earlier revision (a commit, tag or branch)")
        parser.add_argument("new", metavar="NEW", nargs="?", default="HEAD", help="the later revision (default HEAD)")
        parser.add_argument("--csv", action="store_true", help="CSV instead of Markdown")
        args = parser.parse_args(argv)
        changes = compare(args.old, args.new)
        sys.stdout.write(csv_text(changes) if args.csv else markdown(changes, args.old, args.new))
        return 0
    parser.add_argument("version", metavar="VERSION", help="MAJOR.MINOR.PATCH: a new table or column is minor, rows a patch")
    parser.add_argument("--since", help="for the first release: the revision it is compared with")
    args = parser.parse_args(argv)
    entry = cut_release(args.version, args.since)
    changed = sum(table["added"] + table["removed"] + table["changed"] for table in entry["tables"].values())
    print(f"released data {entry['version']} from {entry['commit'][:10]}: {changed} rows added, removed or changed; "
          "commit data/changelog.json, data/datapackage.json and CITATION.cff", file=sys.stderr)
    return 0
