"""How the input articles frame the conflict: which place-name forms and loaded terms they use.

The articles never enter the repository. What the book needs from them is derived data:
``data/framing_counts.csv`` holds, per article file and per form or term, how often it occurs, and
the table's entry in ``data/datapackage.json`` records how and when it was computed (the command,
the day, and the hash and length of every article read). ``python -m karabakh framing FOLDER``
(``make framing``) rewrites both from a folder of articles. The chapter reads that table by default;
its ``articles_dir`` parameter recomputes the counts from another folder instead.
The vocabulary lives in ``data/framing_vocabulary.csv``: one case-insensitive regular expression
per form or term.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path

import altair as alt
import pandas as pd

from karabakh import charts, data, parameters, project

COUNTS_TABLE = "framing_counts"

USAGE_LABELS = {
    "azerbaijani_usage": "Azerbaijani usage",
    "armenian_usage": "Armenian usage",
    "international_usage": "International usage",
}


def read_articles(folder: str | Path) -> dict[str, str]:
    """The text of every ``*.txt`` file in ``folder``, by file name; empty if the folder is absent."""
    path = parameters.resolve_folder(folder)
    if not path.is_dir():
        return {}
    return {file.name: file.read_text(encoding="utf-8") for file in sorted(path.glob("*.txt"))}


def vocabulary() -> pd.DataFrame:
    return data.load_table("framing_vocabulary")


def count_terms(texts: dict[str, str], terms: pd.DataFrame) -> pd.DataFrame:
    """Occurrences of every term in every text (zero rows included), with the term's group and usage."""
    rows = []
    for term in terms.itertuples():
        pattern = re.compile(term.pattern, re.IGNORECASE)
        for name, text in texts.items():
            rows.append(
                {"file": name, "term_id": term.term_id, "group": term.group, "term": term.term,
                 "usage": term.usage, "count": len(pattern.findall(text))}
            )
    return pd.DataFrame(rows, columns=["file", "term_id", "group", "term", "usage", "count"])


def vocabulary_digest(terms: pd.DataFrame) -> str:
    """A hash of the vocabulary's ids and patterns: the committed counts are stale when it changes."""
    material = sorted(zip(terms["term_id"], terms["pattern"]))
    return hashlib.sha256(json.dumps(material).encode()).hexdigest()


def counts(articles_dir: str = "") -> pd.DataFrame:
    """The counts the chapter shows: recomputed from ``articles_dir``, or the committed table if it is empty."""
    terms = vocabulary()
    if articles_dir:
        return count_terms(read_articles(articles_dir), terms)
    stored = data.load_table(COUNTS_TABLE)
    frame = stored.merge(terms[["term_id", "group", "term", "usage"]], on="term_id", how="left")
    return frame[["file", "term_id", "group", "term", "usage", "count"]]


def write_counts(folder: str | Path, today: dt.date | None = None) -> tuple[Path, int]:
    """Recompute ``data/framing_counts.csv`` from every ``.txt`` file of ``folder`` and record how.

    Returns the table's path and the number of articles read. The derivation note (command, day,
    vocabulary hash, and each article's SHA-256 and length in characters) goes into the table's
    entry of ``data/datapackage.json``; nothing of the texts themselves is written.
    """
    texts = read_articles(folder)
    if not texts:
        raise parameters.ParameterError(f"framing: '{folder}' holds no .txt articles")
    terms = vocabulary()
    table = count_terms(texts, terms)[["file", "term_id", "count"]]
    path = data.table_path(COUNTS_TABLE)
    table.to_csv(path, index=False, lineterminator="\n")
    descriptor = json.loads(project.DATAPACKAGE_PATH.read_text(encoding="utf-8"))
    entry = next(item for item in descriptor["resources"] if item["name"] == COUNTS_TABLE)
    entry["derivation"] = {
        "command": "python -m karabakh framing ARTICLES_DIR (make framing)",
        "computed": (today or dt.date.today()).isoformat(),
        "vocabulary_sha256": vocabulary_digest(terms),
        "articles": [
            {"file": name, "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "characters": len(text)}
            for name, text in texts.items()
        ],
    }
    data.write_descriptor(descriptor)
    return path, len(texts)


def derivation() -> dict:
    """How the committed counts were computed (see :func:`write_counts`)."""
    return data.resource(COUNTS_TABLE).get("derivation", {})


def provenance(articles_dir: str, articles: int) -> str:
    """The line under a framing chart: who counted, in what, and when."""
    if articles_dir:
        return f"Counted by the book's code (karabakh.chapters.framing) in {articles} article(s) of the folder {articles_dir}."
    computed = derivation().get("computed", "an unrecorded day")
    return (f"Counted by the book's code (karabakh.chapters.framing) in {articles} input article(s) on {computed}; "
            "the counts are kept in data/framing_counts.csv.")


def article_labels(files: list[str]) -> dict[str, str]:
    """A short label per file: the article's source id where the articles table knows the file."""
    articles = data.load_table("articles")
    known = dict(zip(articles["file"], articles["source_id"]))
    return {name: known.get(name, name) for name in files}


def usage_shares(counts: pd.DataFrame) -> pd.DataFrame:
    """Per article: how many place-name forms of each usage it uses, and their share."""
    toponyms = counts[counts["group"] == "toponym"]
    shares = toponyms.groupby(["file", "usage"])["count"].sum().reset_index()
    totals = shares.groupby("file")["count"].transform("sum")
    shares["share"] = (shares["count"] / totals.where(totals > 0)).fillna(0.0)
    return shares


def heatmap(counts: pd.DataFrame, group: str, title: str) -> alt.Chart:
    frame = counts[(counts["group"] == group) & (counts.groupby("term_id")["count"].transform("sum") > 0)].copy()
    frame["article"] = frame["file"].map(article_labels(sorted(frame["file"].unique())))
    frame["usage_label"] = frame["usage"].map(USAGE_LABELS).fillna(frame["usage"].str.replace("_", " "))
    base = alt.Chart(frame).encode(
        # Slanted labels end under their column, so the last one does not run off a phone screen.
        x=alt.X("article:N", title=None, axis=alt.Axis(labelAngle=-40, labelAlign="right")),
        y=alt.Y("term:N", title=None, sort=alt.EncodingSortField("count", op="sum", order="descending")),
    )
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color("count:Q", title="Occurrences", scale=alt.Scale(scheme="blues")),
        tooltip=[
            alt.Tooltip("article:N", title="Article"),
            alt.Tooltip("term:N", title="Form or term"),
            alt.Tooltip("usage_label:N", title="Signals"),
            alt.Tooltip("count:Q", title="Occurrences"),
        ],
    )
    labels = base.mark_text(fontSize=11).encode(
        text=alt.Text("count:Q"),
        color=alt.condition("datum.count > 8", alt.value("white"), alt.value("#333")),
    )
    return (cells + labels).properties(width="container", height=20 * frame["term"].nunique(), title=charts.title(title))


def usage_chart(shares: pd.DataFrame) -> alt.Chart:
    frame = shares.copy()
    frame["article"] = frame["file"].map(article_labels(sorted(frame["file"].unique())))
    frame["Usage"] = frame["usage"].map(USAGE_LABELS).fillna(frame["usage"])
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("article:N", title=None),
            x=alt.X("count:Q", stack="normalize", title="Share of place-name forms", axis=alt.Axis(format="%")),
            color=alt.Color("Usage:N", scale=alt.Scale(
                domain=list(USAGE_LABELS.values()), range=["#1b9e77", "#d95f02", "#7570b3"])),
            tooltip=["article:N", "Usage:N", alt.Tooltip("count:Q", title="Forms"), alt.Tooltip("share:Q", format=".0%")],
        )
        .properties(width="container", height=30 * shares["file"].nunique(), title=charts.title("Whose place names each article uses"))
    )
