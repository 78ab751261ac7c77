"""Sources a reader can weigh: no row rests only on an aggregator or a mirror where an original is stored.

A mirror (a copy of Wikipedia on another host, often machine-translated), a news aggregator or a
repost site is a lead to the work it copies, not a source to rest a row on. The hosts are listed
here. Rows that still rest only on such copies are recorded in ``fixtures/weak_only_sources.csv``
(no original was among the stored pages when they were checked): a new row of that kind fails
this test, and a recorded row that has since gained an original must leave the list, so it only
shrinks. Each run writes the current list to ``_build/test-reports/weak-only-sources.csv``.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from urllib.parse import urlparse

from karabakh import data, project

WIKI_MIRROR_PATTERNS = [
    r'^perceptio[a-z]*\.com$', r'(^|\.)wikiwand\.com$', r'(^|\.)dbpedia\.org$',
    r'^everything\.explained\.today$', r'^piglix\.com$', r'^onehourindexing01\.prideseotools\.com$',
    r'(^|\.)wiki\.x\.io$', r'wikipedia-on-ipfs\.org$', r'\.ipfs\.dweb\.link$', r'^gateway\.ipfs\.io$',
    r'^ipfs\.desmos\.network$', r'^a\.osmarks\.net$', r'^alem\.dynip\.sapo\.pt$', r'^206\.189\.44\.186$',
    r'^cryer\.org\.uk$', r'^de\.knowledgr\.com$', r'qaz\.wiki$', r'^de\.wiki\.li$', r'wikial\.top$',
    r'zxc\.wiki$', r'academic\.com$', r'^encyclopedia\.datana\.cloud$', r'^encycloreader\.org$',
    r'^enwikipedia\.net$', r'^es\.stringtranslate\.com$', r'wiki7\.org$', r'^ewikikk\.top$',
    r'^fanyv88\.com', r'chinapedia\.org$', r'frwiki\.wiki$', r'^hessslslslsls\.azureedge\.net$',
    r'^home\.cydlabs\.com$', r'^iiab\.(me|live)$', r'^info\.babylon\.com$', r'^jablog\.org$',
    r'^kampuspedia\.com$', r'^kihulane\.eu$', r'^kiwix\.', r'^memim\.com$', r'^movatter\.jp$',
    r'^pinocchiopedia\.com$', r'^profilbaru\.com$', r'^profilpelajar\.com$', r'other\.wiki$',
    r'^readtiger\.com$', r'^reference\.allrefer\.com$', r'^russianwiki\.com$', r'^s\.gtool\.pro$',
    r'^self\.gutenberg\.org$', r'^soft\.lk$', r'^talk\.dob\.jp$', r'the-uncensored-wiki\.com',
    r'^uz\.wikicsu\.ru$', r'^wafarin\.com$', r'^wiki-gateway\.eudic\.net$', r'^wiki-org\.ru$',
    r'^wiki\.av1\.space$', r'^wiki\.inamatrix\.xyz$', r'^wiki\.outremer\.quest$', r'^wiki\.riteme\.site$',
    r'^wiki\.studentb\.eu$', r'^wikiclassic\.com$', r'wikimili\.com$', r'^wikipedia\.anarim\.az$',
    r'^wikisum\.wiki$', r'^wikizero\.(com|net)$', r'^workmall\.com$', r'^ww-w\.pages\.dev$',
    r'^www\.liquisearch\.com$', r'^www\.mapnall\.com$', r'^www\.search\.com\.vn$', r'^www\.theinfolist\.com$',
    r'nina\.az$', r'^yoda\.wiki$', r'^calendarz\.com$',
]
#: News aggregators / content farms / repost sites that republish other outlets' text wholesale
AGGREGATOR_HOSTS = {
    'pledgetimes.com', 'www.urdupoint.com', 'urdupoint.com', 'menafn.com', 'news-pravda.com', 'my.ua',
    'exbulletin.com', 'world-today-news.com', 'dailynewsen.com', 'myboxingnews.com',
    'azerbaijan764.rssing.com', 'civilnet5.rssing.com', 'lfwp.net', 'www.ahsaimo.com', 'asian-news.net',
    'newsreadonline.com', 'clearstory.news', '34.80.245.248', 'daynews.space', 'ria24.today',
    'discover24.ru', 'verdeprofilo.ru', 'generico.ru', 'thenewsintel.com', 'panafricannews.blogspot.com',
    'uprootedpalestinians.wordpress.com', 'www.tolerance.ca', 'docslib.org', 'newsmir.info',
    'news.eurabota.ua', 'ocmedianew.vecto.digital', 'ocmediatest.fourthestate.app', 'lrahos.com',
    'radiofree.asia', 'armenianclub.com', 'www.armenianclub.com', 'hyetert.org', 'armeniandiaspora.com',
    'www.armeniandiaspora.com', '44days.info', 'www.terrorismwatch.org', 'caucasusrecord.com', 'kaaf.at',
    'israelan.com', 'indianeconomicobserver.com', 'conflictandwarreport.com', 'news.bigmir.net',
    'azerbaijannewsgazette.com', 'gagrule.net', 'www.devdiscourse.com', 'www.einpresswire.com',
    'zefer.az', 'livebooks.pro', 'scribd.com', 'workmall.com', 'reference.allrefer.com', 'lawglobalhub.com',
}
#: Third-party hosts that reproduce a body's document (UN, OSCE, governments): counted only for
# sources whose own kind is a primary document / official statement / report hosted there
DOC_HOSTS = {
    'allinnet.info', 'xocali.net', 'nagorno-karabach.se', 'www.virtualkarabakh.az', 'mykarabakh.com',
    'karabakhfacts.com', 'karabakh99.com', 'garabagh.net', 'nkrusa.org', 'www.mountainous-karabakh.org',
    'mountainous-karabakh.org', 'armenian-genocide.org', 'www.armenian-genocide.org', 'ankakhutyun.am',
    'aniarc.am', 'www.zentralrat.org', 'inenuitvoer.sdu.nl', 'www.azer.com',
}
DOC_KINDS = {"primary_document", "official_statement", "report"}
RECORDED = Path(__file__).parent / "fixtures" / "weak_only_sources.csv"
REPORTS = project.ROOT / "_build" / "test-reports"


def copy_kind(url: str, kind: str) -> str | None:
    """'aggregator', 'wiki_mirror' or 'document_copy' for a copy on such a host, else None."""
    host = urlparse(url).netloc.lower().split(":")[0].rstrip(".") if isinstance(url, str) else ""
    if host in AGGREGATOR_HOSTS:
        return "aggregator"
    if any(re.search(pattern, host) for pattern in WIKI_MIRROR_PATTERNS):
        return "wiki_mirror"
    if host in DOC_HOSTS and kind in DOC_KINDS:
        return "document_copy"
    return None


def source_columns():
    """(table, primary key, column) of every column that lists source ids."""
    for resource in data.descriptor()["resources"]:
        schema = resource["schema"]
        key = schema.get("primaryKey")
        key = [key] if isinstance(key, str) else key
        by_reference = {fk["fields"] for fk in schema.get("foreignKeys", []) if fk["reference"]["resource"] == "sources"}
        for field in schema["fields"]:
            if (field.get("references") == "sources" or field["name"] in by_reference) and resource["name"] != "articles":
                yield resource["name"], key, field["name"]


def weak_only_cells() -> set[tuple[str, str, str]]:
    sources = data.load_table("sources").set_index("source_id")
    weak = {source_id for source_id, row in sources.iterrows() if copy_kind(row["url"], row["kind"])}
    found = set()
    for table, key, column in source_columns():
        frame = data.load_table(table)
        for row in frame.to_dict("records"):
            value = row[column]
            ids = value if isinstance(value, list) else ([value] if isinstance(value, str) and value else [])
            if ids and all(source_id in weak for source_id in ids):
                found.add((table, "|".join(str(row[part].date() if hasattr(row[part], "date") else row[part])
                                           for part in key), column))
    return found


def test_the_host_lists_tell_copies_from_originals():
    assert copy_kind("https://perceptiontime.com/wiki/x", "reference_work") == "wiki_mirror"
    assert copy_kind("https://www.urdupoint.com/en/world/x.html", "news") == "aggregator"
    assert copy_kind("https://xocali.net/en/resolution-874", "primary_document") == "document_copy"
    assert copy_kind("https://en.wikipedia.org/wiki/Shusha", "reference_work") is None
    assert copy_kind("https://tass.com/world/1205641", "news") is None


def test_no_new_row_rests_only_on_an_aggregator_or_mirror():
    found = weak_only_cells()
    REPORTS.mkdir(parents=True, exist_ok=True)
    with open(REPORTS / "weak-only-sources.csv", "w", newline="", encoding="utf-8") as report:
        csv.writer(report, lineterminator="\n").writerows([("table", "key", "column"), *sorted(found)])
    with open(RECORDED, encoding="utf-8") as recorded_file:
        recorded = {(row["table"], row["key"], row["column"]) for row in csv.DictReader(recorded_file)}
    new = sorted(found - recorded)
    assert new == [], f"{len(new)} rows rest only on aggregators or mirrors: cite the original, e.g. {new[:10]}"
    gone = sorted(recorded - found)
    assert gone == [], f"{len(gone)} rows of {RECORDED.name} now rest on an original: drop them from it, e.g. {gone[:10]}"
