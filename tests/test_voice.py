"""The data speaks in the book's voice: no research log in any text a reader sees.

Notes, summaries, scopes and statements say what the sources say and when. How a row was
researched (what was re-read, what is new, where nothing was found) belongs in the commit message,
and a place without a coordinate is an empty lat/lon in ``places``, not a sentence in a note.
"""

from __future__ import annotations

import re

import pytest

from karabakh import data

#: Working language, and why each is refused. Each pattern is written so that it does not match
#: ordinary prose about the conflict (a "new" government, a "found" mass grave).
WORKING_LANGUAGE = {
    r"\bNEW\b": "a marker of a row added in a session",
    r"\bTODO\b|\bFIXME\b|\bTo be checked\b|\bUNVERIFIED\b": "a to-do flag",
    r"(?i)\bre-?read\b": "how a source was read",
    r"(?i)\bnot read here\b|\bread here\b|\bused here\b|\bcounted here\b|, not here\)": "what 'here' (the research) did",
    r"(?i)\b(the|this|that|next|existing) rows?\b|\bthe row's\b": "a reference to rows of the table",
    r"(?i)\bthe book's existing\b": "a reference to the book's earlier rows",
    r"(?i)\bcitable coordinates?\b|\bno coordinates\b|\bcoordinates (were|was)? ?(not )?found\b": "a place without coordinates is empty lat/lon, not a note",
    r"(?i)\b(nothing|none|no source|no confirmation|no [a-z]+ admission|not) (was |were )?found\.?$": "a report on a search",
    r"(?i)\bfound here\b|\bstill none found\b": "a report on a search",
    r"(?i)\b(copy|excerpt|version|sources|text|list|page) read\b": "which copy the research read",
    r"(?i)\bwas not among the stored pages\b|\bstored (pages?|copy|excerpts?|text)\b|\bthe excerpt\b": "the research tool's store",
    r"(?i)\bshould be (checked|verified|re-?sourced)\b|\bneeds? (checking|a check)\b|\b(verify|check) (it|this|the wording)\b": "a to-do for the research",
    r"(?i)\beditor (to|may|should)\b|\bthe helper\b|\bresearch column\b": "the research process",
    r"(?i)\bcould not be (verified|checked) here\b|\bnot checked\b|\bchecked against\b|\bwas not verified\b": "what the research checked",
    r"(?i)\bsee above\b|\bsee (the )?next row\b|\bsee notes\b": "a cross-reference that only works in the CSV",
    r"(?i)\bprevious session\b|\bthis session\b|\bper the researcher\b": "the research process",
    r"(?i)\bsources? consulted\b|\bsearch(es)? returned\b": "the research process",
    r"(?i)\bstatement date not shown in the source\b|\bOne dispute row split\b": "data-migration bookkeeping",
    r"(?i)\bas_of set to\b|\bplaces\.csv\b|\bcontrol_changes row\b|\bdenials\.csv\b|\bplace_type\b|\bname_az\b": "column or file names in prose",
    r"(?i)\b(previously )?left out for (lack|want) of\b": "research history",
    r"(?i)\bproposed [a-z_]+ rows\b": "research history",
    r"^(The )?[Ss]ame (paragraph|statement|report|source|text|article|page|passage|document|quotation|book)\b": "a cross-reference to another row, which a reader does not see",
    r"\b[a-z0-9]+(?:-[a-z0-9]+){3,}\b": "a row or source id in prose",
    r"(?i)\bkeep both\b|\bdo not reconcile\b": "an instruction to the editor",
}
#: Columns that are not prose: ids, codes, addresses, patterns, dates and numbers.
NOT_PROSE = re.compile(r"(^|_)(id|ids|url|file|pattern|symbol|date|time|precision|kind|type|stance|grade|topic|"
                       r"metric|unit|side|scope_kind|mode|outcome|group|field|value|position|resolution|point|"
                       r"claimant|party|by|source|license|licence)$|^(lat|lon|name_[a-z]{2}|variants|term)$")


def text_cells():
    for table in data.table_names():
        frame = data.load_table(table)
        for column in frame.columns:
            if NOT_PROSE.search(column):
                continue
            for key, value in zip(frame.index, frame[column]):
                if isinstance(value, str):
                    yield table, column, key, value


def test_the_rules_refuse_the_working_language_they_name():
    samples = {
        "NEW. Named in the address of 2 Nov 2020.": True,
        "Confirmation is general (as in the book's existing Gubadli rows; those two sources were not re-read here).": True,
        "Named by the ministry. No citable coordinates found.": True,
        "No confirmation found.": True,
        "Its copy is undated, but the list was the annex of a government decision of 21 Nov 2020.": False,
        "A new government was formed; a mass grave was found near the village.": False,
        "Named again by the president on 3 Oct 2020.": False,
    }
    for text, refused in samples.items():
        assert any(re.search(pattern, text) for pattern in WORKING_LANGUAGE) is refused, text


def test_no_text_a_reader_sees_carries_working_language():
    found = [
        f"{table}.{column} row {key + 2}: {reason} ({match.group(0)!r}): {value[:120]}"
        for table, column, key, value in text_cells()
        for pattern, reason in WORKING_LANGUAGE.items()
        for match in [re.search(pattern, value)] if match
    ]
    assert found == [], f"{len(found)} cells in working language:\n" + "\n".join(found[:40])
