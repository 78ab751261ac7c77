"""Accuracy patterns that must not come back (issue: accuracy pass).

1. A row that rests only on one side's sources says so in its own words (attribution).
2. A number in a summary names who states it (or lives in data/figures.csv with its claimant).
3. A disputed date that equals its source's publication date says which day it describes.
"""

from __future__ import annotations

import re

import pandas as pd

from karabakh import data

#: Stances and the side they speak for.
SIDES = {
    "armenian_government": "armenian", "pro_armenian": "armenian", "critical_of_azerbaijani_government": "armenian",
    "azerbaijani_government": "azerbaijani", "pro_azerbaijani": "azerbaijani", "critical_of_armenian_government": "azerbaijani",
}
ATTRIBUTION = re.compile(
    r"\b(according to|said|says|say|stated|states|claimed|claims|reported|reports|announced|announces|"
    r"declared|accused|alleged|put|puts|gave|gives|counted|counts|estimated|estimates|recorded|records|"
    r"per the|in the words of|wrote|writes|told|cites|cited|quotes|quoted|described|describes|called|calls|"
    r"listed|lists|figure of|census|official toll|official count)\b",
    re.IGNORECASE,
)
#: A figure: a number counting people, votes or land, or a rounded quantity ("about 30,000").
FIGURE = re.compile(
    r"\b(?!(?:19|20)\d\d\b)\d[\d,.]*\b(?!:)\s*(%|per ?cent\b|percent\b|(?:people|persons|civilians|soldiers|servicemen|troops|fighters|"
    r"dead|killed|wounded|injured|missing|refugees|displaced|residents|inhabitants|families|households|Armenians|"
    r"Azerbaijanis|children|prisoners|hostages|victims|casualties|deaths|bodies|voters|sq km|square kilomet|km²)\b)"
    r"|\b(?:about|some|over|more than|at least|nearly|almost|up to|around|roughly)\s+(?!(?:19|20)\d\d\b)\d[\d,.]*\b(?!:)",
    re.IGNORECASE,
)


def one_sided_unattributed() -> list[str]:
    sources = data.load_table("sources").set_index("source_id")
    found = []
    for row in data.load_table("events").itertuples():
        sides = {SIDES.get(sources.loc[source_id, "stance"]) if isinstance(sources.loc[source_id, "stance"], str) else None
                 for source_id in row.source_ids}
        if len(sides) == 1 and None not in sides and not ATTRIBUTION.search(row.summary):
            found.append(f"{row.event_id} ({sides.pop()} sources only)")
    return found


def figures_without_claimant() -> list[str]:
    found = []
    for row in data.load_table("events").itertuples():
        figures = [match.group(0) for match in FIGURE.finditer(row.summary)]
        if figures and not ATTRIBUTION.search(row.summary):
            found.append(f"{row.event_id}: {', '.join(figures)}")
    return found


def test_no_event_rests_on_one_sides_sources_without_attributing():
    assert one_sided_unattributed() == []


def test_every_number_in_an_event_summary_names_who_states_it():
    assert figures_without_claimant() == []


def test_a_disputed_date_equal_to_its_sources_publication_date_says_which_day_it_describes():
    sources = data.load_table("sources").set_index("source_id")
    disputes = data.load_table("event_disputes")
    dates = disputes[disputes["field"].isin(["date_start", "date_end"])]
    unexplained = []
    for row in dates.itertuples():
        published = [sources.loc[source_id, "date"] for source_id in row.source_ids]
        if any(pd.notna(day) and day.strftime("%Y-%m-%d") == row.value for day in published):
            if not (isinstance(row.note, str) and re.search(r"publi|print|describ|the day", row.note, re.IGNORECASE)):
                unexplained.append(f"{row.event_id} {row.field}={row.value}")
    assert unexplained == []


def test_the_checks_catch_what_they_are_for():
    """The two text checks flag a made-up unattributed figure and pass an attributed one."""
    assert FIGURE.search("About 30,000 people fled in 1993.")
    assert not FIGURE.search("On 23 April 1993 resolution 822 passed 15-0 at 00:01.")
    assert not ATTRIBUTION.search("About 30,000 people fled in 1993.")
    assert ATTRIBUTION.search("About 30,000 people fled, according to the UNHCR.")
