"""Sources a reader can weigh: every source graded, and no row resting only on weak ones.

A grade (``sources.grade``, named in :mod:`karabakh.grades`) says what sort of authority a source
has. An encyclopedia, a copy of one, an aggregator or repost site, or a sanctioned state outlet is a
lead to the work it copies or cites, not a source to rest a row on. Rows that still rest only on such
sources are recorded in ``fixtures/weak_only_sources.csv`` (no original was among the stored pages
when they were checked) and listed for readers on the bibliography page: a new row of that kind
fails this test, and a recorded row that has since gained an original must leave the list, so it
only shrinks. Each run writes the current list to ``_build/test-reports/weak-only-sources.csv``.
"""

from __future__ import annotations

import csv
from pathlib import Path

from karabakh import data, grades, project, provenance

RECORDED = Path(__file__).parent / "fixtures" / "weak_only_sources.csv"
REPORTS = project.ROOT / "_build" / "test-reports"


def weak_only_cells() -> set[tuple[str, str, str]]:
    return {(item["table"], item["key"], item["column"]) for item in provenance.weak_only_rows()}


def test_the_host_lists_tell_copies_from_originals():
    assert grades.copy_kind("https://perceptiontime.com/wiki/x", "reference_work") == "wiki_mirror"
    assert grades.copy_kind("https://www.urdupoint.com/en/world/x.html", "news") == "aggregator"
    assert grades.copy_kind("https://xocali.net/en/resolution-874", "primary_document") == "document_copy"
    assert grades.copy_kind("https://en.wikipedia.org/wiki/Shusha", "reference_work") is None
    assert grades.copy_kind("https://tass.com/world/1205641", "news") is None


def test_hosts_fix_the_grade_where_they_decide_it():
    assert grades.host_grade("https://en.wikipedia.org/wiki/Shusha") == "encyclopedia"
    assert grades.host_grade("https://perceptiode.com/wiki/x") == "aggregator_mirror"
    assert grades.host_grade("https://de.news-front.su/2021/04/14/x") == "sanctioned"
    assert grades.host_grade("https://southfront.org/x") == "sanctioned"
    assert grades.host_grade("https://tass.com/world/1205641") is None
    row = {"url": "https://en.wikipedia.org/wiki/Shusha", "grade": "scholarship", "kind": "reference_work",
           "read_on": "publisher_site"}
    assert any("graded 'encyclopedia'" in problem for problem in grades.problems(row))
    copy = {"url": "https://xocali.net/en/resolution-874", "grade": "primary", "kind": "primary_document",
            "read_on": "publisher_site"}
    assert any("third parties' copies" in problem for problem in grades.problems(copy))


def test_every_source_is_graded_as_its_host_and_kind_allow():
    sources = data.load_table("sources")
    assert set(sources["grade"]) <= set(grades.GRADES) and sources["grade"].notna().all()
    wrong = [(row["source_id"], problem) for row in sources.to_dict("records") for problem in grades.problems(row)]
    assert wrong == []


#: Primary texts still read in a third party's copy: no copy on the UN's sites or in Wikisource, in any
#: official language, was among the stored pages (searched in English, Russian and Chinese). Each
#: entry names its copy in the bibliography and on the UN chapter; the list may only shrink.
PRIMARY_TEXTS_ON_COPIES = {"unsc-res-822", "unsc-res-853", "unsc-res-874", "unsc-res-884"}


def test_primary_texts_are_read_on_their_issuers_site_or_an_exact_reproduction():
    """The resolutions and the statement of 10 November 2020: the issuer's text, not a partisan copy."""
    sources = data.sources_by_id()
    used = set(data.load_table("un_resolutions")["full_text_source_id"]) | set(data.load_table("agreement_terms")["text_source_id"].dropna())
    copies = {source_id for source_id in used if sources[source_id]["read_on"] == "third_party_copy"}
    assert copies - PRIMARY_TEXTS_ON_COPIES == set()
    assert PRIMARY_TEXTS_ON_COPIES - copies == set(), "a text is now read on its issuer's site: drop it from the list"
    assert all(sources[source_id]["grade"] == "primary" or source_id == "unsc-res-853" for source_id in copies)


def test_no_new_row_rests_only_on_weak_sources():
    found = weak_only_cells()
    REPORTS.mkdir(parents=True, exist_ok=True)
    with open(REPORTS / "weak-only-sources.csv", "w", newline="", encoding="utf-8") as report:
        csv.writer(report, lineterminator="\n").writerows([("table", "key", "column"), *sorted(found)])
    with open(RECORDED, encoding="utf-8") as recorded_file:
        recorded = {(row["table"], row["key"], row["column"]) for row in csv.DictReader(recorded_file)}
    new = sorted(found - recorded)
    assert new == [], f"{len(new)} rows rest only on encyclopedias, copies or sanctioned outlets: cite the original, e.g. {new[:10]}"
    gone = sorted(recorded - found)
    assert gone == [], f"{len(gone)} rows of {RECORDED.name} now rest on an original: drop them from it, e.g. {gone[:10]}"
