"""The claims ledger and the framing analysis."""

import datetime as dt
import re

import pandas as pd
import pytest

from karabakh import data, project
from karabakh.chapters import claims, framing

from conftest import SEEDS, needs_articles


def test_every_claim_is_graded_from_the_vocabulary_with_outside_evidence():
    ledger = data.load_table("claims")
    assert set(ledger["grade"]) <= set(claims.GRADE_LABELS)
    for row in ledger.itertuples():
        outside = [source for source in row.evidence_source_ids if source != row.source_id]
        assert outside, f"{row.claim_id} rests only on the article itself"


def test_quotes_are_short():
    ledger = data.load_table("claims")
    too_long = ledger[ledger["quote"].map(claims.word_count) > 40]
    assert too_long.empty, too_long[["claim_id", "quote"]].to_string()


def test_ledger_covers_every_article_with_enough_claims():
    ledger = data.load_table("claims")
    articles = data.load_table("articles")
    assert len(ledger) >= 40
    per_article = ledger.groupby("source_id").size()
    assert set(per_article.index) == set(articles["source_id"])
    assert (per_article >= 6).all()


def test_articles_agree_with_their_source_rows():
    sources = data.load_table("sources").set_index("source_id")
    for row in data.load_table("articles").itertuples():
        assert sources.loc[row.source_id, "kind"] == "partisan_commentary"
        assert sources.loc[row.source_id, "stance"] == row.stance, row.source_id
        assert pd.isna(sources.loc[row.source_id, "url"]), "the articles are not published from this repository"


def test_opinions_are_a_minority():
    ledger = data.load_table("claims")
    assert (ledger["grade"] == "opinion").mean() <= 0.25


def test_the_wrong_districts_for_822_are_graded_contradicted_or_partly_correct():
    ledger = data.load_table("claims")
    about_822 = ledger[(ledger["topic"] == "un_resolutions") & ledger["claim"].str.contains("822")]
    assert not about_822.empty
    assert set(about_822["grade"]) <= {"contradicted", "partly_correct"}


@needs_articles
def test_quotes_are_verbatim_from_their_article():
    articles = data.load_table("articles").set_index("source_id")
    squash = lambda text: re.sub(r"\s+", " ", text).strip()
    for row in data.load_table("claims").itertuples():
        text = squash((SEEDS / articles.loc[row.source_id, "file"]).read_text(encoding="utf-8"))
        assert squash(row.quote) in text, f"{row.claim_id}: quote not found in {row.source_id}"


def test_framing_counts_on_a_fixture(tmp_path):
    (tmp_path / "a.txt").write_text("Stepanakert, then Stepanakert again; Shushi was liberated. Liberation!", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Khankendi and Xankəndi; Shusha under occupation, occupied since 1992.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("Stepanakert", encoding="utf-8")  # not an article: not .txt
    terms = pd.DataFrame(
        {
            "term_id": ["stepanakert", "khankendi", "shusha", "shushi", "liberation", "occupation"],
            "group": ["toponym"] * 4 + ["loaded_term"] * 2,
            "term": ["Stepanakert", "Khankendi", "Shusha", "Shushi", "liberation", "occupation"],
            "pattern": [r"\bstepanakert\b", r"\bkh?ankendi\b|\bxank[əa]ndi\b", r"\bshusha\b", r"\bshushi\b",
                        r"\bliberat\w*", r"\boccup\w*"],
            "usage": ["armenian_usage", "azerbaijani_usage", "azerbaijani_usage", "armenian_usage", "contested", "contested"],
            "note": [""] * 6,
        }
    )
    texts = framing.read_articles(tmp_path)
    assert list(texts) == ["a.txt", "b.txt"]
    counts = framing.count_terms(texts, terms).set_index(["file", "term_id"])["count"]
    assert counts[("a.txt", "stepanakert")] == 2 and counts[("b.txt", "stepanakert")] == 0
    assert counts[("b.txt", "khankendi")] == 2
    assert counts[("a.txt", "shushi")] == 1 and counts[("b.txt", "shusha")] == 1
    assert counts[("a.txt", "liberation")] == 2 and counts[("b.txt", "occupation")] == 2
    shares = framing.usage_shares(framing.count_terms(texts, terms)).set_index(["file", "usage"])["share"]
    assert shares[("a.txt", "armenian_usage")] == 1.0
    assert shares[("b.txt", "azerbaijani_usage")] == 1.0


def test_framing_reads_nothing_from_an_absent_folder(tmp_path):
    assert framing.read_articles(tmp_path / "absent") == {}


def test_vocabulary_patterns_compile_and_usages_are_known():
    vocabulary = framing.vocabulary()
    for row in vocabulary.itertuples():
        re.compile(row.pattern)
    assert set(vocabulary[vocabulary["group"] == "toponym"]["usage"]) <= set(framing.USAGE_LABELS)


def test_committed_counts_are_current_for_the_vocabulary():
    """The counts were computed with today's vocabulary; after editing it, run make framing."""
    recorded = framing.derivation()
    assert recorded.get("vocabulary_sha256") == framing.vocabulary_digest(framing.vocabulary()), (
        "data/framing_vocabulary.csv changed since data/framing_counts.csv was computed: run make framing"
    )
    stored = data.load_table(framing.COUNTS_TABLE)
    assert set(stored["term_id"]) == set(framing.vocabulary()["term_id"])
    assert set(stored["file"]) == {article["file"] for article in recorded["articles"]}
    assert set(stored["file"]) == set(data.load_table("articles")["file"])


@needs_articles
def test_committed_counts_match_a_recount_of_the_articles():
    recount = framing.count_terms(framing.read_articles(SEEDS), framing.vocabulary())
    stored = framing.counts("")
    key = ["file", "term_id"]
    merged = stored.merge(recount, on=key, suffixes=("_stored", "_recount"), how="outer")
    differ = merged[merged["count_stored"] != merged["count_recount"]]
    assert differ.empty, differ.to_string()
    texts = framing.read_articles(SEEDS)
    for article in framing.derivation()["articles"]:
        assert len(texts[article["file"]]) == article["characters"]


def test_write_counts_recomputes_the_table_and_records_how(tmp_path, monkeypatch):
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(project.DATA_DIR, copy)
    monkeypatch.setattr(project, "DATA_DIR", copy)
    monkeypatch.setattr(project, "DATAPACKAGE_PATH", copy / "datapackage.json")
    data.descriptor.cache_clear()
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "x.txt").write_text("Stepanakert and Khankendi; Stepanakert.", encoding="utf-8")
    try:
        path, read = framing.write_counts(articles, today=dt.date(2026, 1, 2))
        assert read == 1 and path == copy / "framing_counts.csv"
        table = pd.read_csv(path)
        assert list(table.columns) == ["file", "term_id", "count"]
        counted = table.set_index("term_id")["count"]
        assert counted["stepanakert"] == 2 and counted["khankendi"] == 1
        recorded = framing.derivation()
        assert recorded["computed"] == "2026-01-02"
        assert recorded["articles"][0]["file"] == "x.txt" and recorded["articles"][0]["characters"] == 39
        assert "Stepanakert and" not in (copy / "datapackage.json").read_text(), "no text of an article is stored"
    finally:
        data.descriptor.cache_clear()
