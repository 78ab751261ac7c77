"""Sources by kind and weight: each source's grade, and where its text was read.

A grade says what sort of authority a document has, as a scholar weighs it: the issuer's own text
of a primary document, a body's own publication, scholarship, a wire or newspaper of record, other
news, a partisan site, an encyclopedia, a copy or aggregator, or a sanctioned state outlet. The
grades are data (``sources.grade``); this module names them, says which are too weak to carry a row
alone, and checks that a grade agrees with what can be seen of the source (its host and kind).
``sources.read_on`` says where the text was read: on its publisher's own site, in an exact
reproduction (an archive, a library, a treaty database, Wikisource), or in a third party's copy.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

#: grade -> (label, what it covers), strongest first: the order of the bibliography's filter.
GRADES: dict[str, tuple[str, str]] = {
    "primary": ("primary document", "the issuer's own text: a resolution, order, treaty, decree or statement"),
    "body": ("a body's own publication", "a report or data of an international organisation, court, agency, NGO or monitor"),
    "scholarship": ("scholarship", "books, journal articles and research institutes' studies"),
    "wire_or_record": ("wire or newspaper of record", "news agencies and newspapers or broadcasters of record"),
    "other_news": ("other news", "other newspapers, broadcasters and news sites"),
    "partisan": ("partisan", "sites, authors and commentary that argue one side's case"),
    "encyclopedia": ("encyclopedia", "Wikipedia and other encyclopedias: a lead to the works they cite"),
    "aggregator_mirror": ("copy or aggregator", "copies of encyclopedias and aggregators or repost sites"),
    "sanctioned": ("sanctioned state outlet", "outlets under EU or US sanctions as state propaganda channels: a claimant at most"),
}
#: Grades that cannot carry a row alone: a row citing only these rests on no source a reader can weigh.
WEAK = frozenset({"encyclopedia", "aggregator_mirror", "sanctioned"})

#: How a reference list says where the text was read (short: a page lists hundreds of sources).
READ_ON_SHORT = {"exact_reproduction": "exact reproduction", "third_party_copy": "third party's copy"}
READ_ON: dict[str, str] = {
    "publisher_site": "the publisher's own site",
    "exact_reproduction": "an exact reproduction (an archive, a library, a treaty database, Wikisource)",
    "third_party_copy": "a copy on another site, which may abridge or translate it",
}

#: Copies of Wikipedia on other hosts, often machine-translated.
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
#: News aggregators, content farms and repost sites that republish other outlets' text wholesale.
AGGREGATOR_HOSTS = frozenset({
    'pledgetimes.com', 'www.urdupoint.com', 'urdupoint.com', 'menafn.com', 'news-pravda.com', 'my.ua',
    'exbulletin.com', 'world-today-news.com', 'dailynewsen.com', 'myboxingnews.com',
    'azerbaijan764.rssing.com', 'civilnet5.rssing.com', 'lfwp.net', 'www.ahsaimo.com', 'asian-news.net',
    'newsreadonline.com', 'clearstory.news', '34.80.245.248', 'daynews.space', 'ria24.today',
    'discover24.ru', 'verdeprofilo.ru', 'generico.ru', 'thenewsintel.com', 'panafricannews.blogspot.com',
    'uprootedpalestinians.wordpress.com', 'www.tolerance.ca', 'newsmir.info',
    'news.eurabota.ua', 'ocmedianew.vecto.digital', 'ocmediatest.fourthestate.app', 'lrahos.com',
    'radiofree.asia', 'armenianclub.com', 'www.armenianclub.com', 'hyetert.org', 'armeniandiaspora.com',
    'www.armeniandiaspora.com', '44days.info', 'www.terrorismwatch.org', 'kaaf.at',
    'israelan.com', 'indianeconomicobserver.com', 'conflictandwarreport.com', 'news.bigmir.net',
    'azerbaijannewsgazette.com', 'gagrule.net', 'www.devdiscourse.com', 'www.einpresswire.com',
    'zefer.az', 'livebooks.pro', 'workmall.com', 'reference.allrefer.com', 'lawglobalhub.com',
})
#: Archives of whole documents uploaded or reposted with their original publisher named (a report's
#: PDF, a newspaper article): a third party's copy, weighed as the document it copies.
ARCHIVE_HOSTS = frozenset({
    'docslib.org', 'scribd.com', 'www.scribd.com', 'caucasusrecord.com', 'hozir.org', 'vdocuments.mx',
    'documents.pub', 'www.readkong.com', 'ecoi.net', 'www.ecoi.net',
})
#: Encyclopedias read on their own sites.
ENCYCLOPEDIA_PATTERNS = [r'(^|\.)wikipedia\.org$', r'(^|\.)britannica\.com$', r'(^|\.)universalis\.fr$']
#: Outlets under sanctions as state propaganda channels: News Front and SouthFront (US Treasury,
#: April 2021), RT and Sputnik (Council of the EU, 2 March 2022), RIA Novosti (US State Department,
#: September 2024, with its parent Rossiya Segodnya).
SANCTIONED_PATTERNS = [r'(^|\.)news-front\.(su|info)$', r'(^|\.)southfront\.(org|press)$', r'(^|\.)rt\.com$',
                       r'(^|\.)sputniknews\.(com|ru|cn)$', r'^sarabic\.ae$', r'(^|\.)ria\.ru$']
#: Third-party hosts that reproduce a body's document (UN, OSCE, governments) on a partisan site.
DOC_HOSTS = frozenset({
    'allinnet.info', 'xocali.net', 'nagorno-karabach.se', 'www.virtualkarabakh.az', 'mykarabakh.com',
    'karabakhfacts.com', 'karabakh99.com', 'garabagh.net', 'nkrusa.org', 'www.mountainous-karabakh.org',
    'mountainous-karabakh.org', 'armenian-genocide.org', 'www.armenian-genocide.org', 'ankakhutyun.am',
    'aniarc.am', 'www.zentralrat.org', 'inenuitvoer.sdu.nl', 'www.azer.com',
})
DOC_KINDS = frozenset({"primary_document", "official_statement", "report"})


def host(url) -> str:
    return urlparse(url).netloc.lower().split(":")[0].rstrip(".") if isinstance(url, str) else ""


def copy_kind(url, kind) -> str | None:
    """'aggregator', 'wiki_mirror' or 'document_copy' for a copy on such a host, else None."""
    name = host(url)
    if name in AGGREGATOR_HOSTS:
        return "aggregator"
    if any(re.search(pattern, name) for pattern in WIKI_MIRROR_PATTERNS):
        return "wiki_mirror"
    if (name in DOC_HOSTS and kind in DOC_KINDS) or name in ARCHIVE_HOSTS:
        return "document_copy"
    return None


def host_grade(url) -> str | None:
    """The grade a source's host imposes whatever its content (a mirror, an encyclopedia, a
    sanctioned outlet), or None where the host leaves it to judgement."""
    name = host(url)
    if copy_kind(url, "") in {"aggregator", "wiki_mirror"}:
        return "aggregator_mirror"
    if any(re.search(pattern, name) for pattern in SANCTIONED_PATTERNS):
        return "sanctioned"
    if any(re.search(pattern, name) for pattern in ENCYCLOPEDIA_PATTERNS):
        return "encyclopedia"
    return None


def problems(row: dict) -> list[str]:
    """Where a source's grade or read_on contradicts its host or kind (what a reader can check)."""
    found = []
    expected = host_grade(row["url"])
    grade, kind, read_on = row["grade"], row["kind"], row["read_on"]
    if expected and grade != expected:
        found.append(f"grade {grade!r}: a source on {host(row['url'])} is graded {expected!r}")
    if kind == "reference_work" and grade not in {"encyclopedia", "aggregator_mirror"}:
        found.append(f"grade {grade!r}: a reference work is an encyclopedia or a copy of one")
    if kind == "scholarly_work" and grade != "scholarship":
        found.append(f"grade {grade!r}: a scholarly work is graded 'scholarship'")
    if kind == "partisan_commentary" and grade not in {"partisan", "aggregator_mirror"}:
        found.append(f"grade {grade!r}: partisan commentary is graded 'partisan'")
    if grade == "primary" and kind not in {"primary_document", "official_statement"}:
        found.append(f"grade 'primary' is for primary documents and official statements, not {kind!r}")
    if copy_kind(row["url"], kind) and read_on != "third_party_copy":
        found.append(f"read_on {read_on!r}: {host(row['url'])} holds third parties' copies")
    return found


def is_weak(grade) -> bool:
    return grade in WEAK


def label(grade) -> str:
    return GRADES[grade][0]


def mix(grades) -> str:
    """'primary document 2, encyclopedia 1': the grades of a list of sources, strongest first."""
    counts: dict[str, int] = {}
    for grade in grades:
        counts[grade] = counts.get(grade, 0) + 1
    return ", ".join(f"{label(grade)} {counts[grade]}" for grade in GRADES if grade in counts)

