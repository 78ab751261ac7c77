"""Balance: every period told from both sides, each war's scale from both sides and from outside,
and the subjects that cross both wars told with each side's words.

A period's events rest on sources whose stance is recorded (official statements and partisan
commentary voice one side; news, reports and documents none). A period is told from one side when
most of its events rest only on one side's sources, or when only one side is heard in it at all (no
source of its stance, no figure it states, no account it gives).
"""

from __future__ import annotations

import pandas as pd
import pytest

from karabakh import accounts, data, figures
from karabakh.chapters import civilians

SIDE_OF_STANCE = {
    "armenian_government": "armenian", "pro_armenian": "armenian", "critical_of_azerbaijani_government": "armenian",
    "azerbaijani_government": "azerbaijani", "pro_azerbaijani": "azerbaijani", "critical_of_armenian_government": "azerbaijani",
}
SIDE_OF_ACTOR = {"armenia": "armenian", "nagorno_karabakh": "armenian", "azerbaijan": "azerbaijani"}
#: At most this share of a period's events may rest only on one side's sources (each of those says
#: whose account it is: see test_accuracy).
ONE_SIDED_SHARE = 0.25


def periods_told(sources=None, stated=None, spoken=None):
    """(period, events, events resting on one side's sources, the sides heard) for each period."""
    sources = (data.load_table("sources") if sources is None else sources).set_index("source_id")
    events = data.load_table("events")
    stated = figures.load() if stated is None else stated
    spoken = accounts.load() if spoken is None else spoken
    for period in data.load_table("periods").itertuples():
        inside = events[(events["date_start"] >= period.date_start) & (events["date_start"] <= period.date_end)]
        one_sided, heard = 0, set()
        for row in inside.itertuples():
            sides = {SIDE_OF_STANCE.get(sources.loc[source_id, "stance"]) for source_id in row.source_ids}
            heard |= sides - {None}
            if len(sides) == 1 and None not in sides:
                one_sided += 1
        ids = set(inside["event_id"])
        heard |= set(stated.loc[stated["event_id"].isin(ids), "claimant_side"].map(SIDE_OF_ACTOR).dropna())
        in_window = (spoken["date"] >= period.date_start) & (spoken["date"] <= period.date_end)
        heard |= set(spoken.loc[in_window, "side"].map(SIDE_OF_ACTOR).dropna())
        yield period.period_id, len(inside), one_sided, heard


@pytest.mark.parametrize("period_id", list(data.load_table("periods")["period_id"]))
def test_every_period_is_told_from_both_sides(period_id):
    _, count, one_sided, heard = next(item for item in periods_told() if item[0] == period_id)
    assert count >= 2, f"{period_id}: {count} events"
    assert heard == {"armenian", "azerbaijani"}, f"{period_id}: only {heard} heard"
    assert one_sided <= ONE_SIDED_SHARE * count, f"{period_id}: {one_sided} of {count} events rest on one side's sources"


def test_the_checks_would_catch_a_one_sided_period():
    """Silence every Azerbaijani voice and the check hears one side only."""
    sources = data.load_table("sources")
    sources.loc[sources["stance"].isin(["azerbaijani_government", "pro_azerbaijani"]), "stance"] = pd.NA
    stated, spoken = figures.load(), accounts.load()
    stated = stated[stated["claimant_side"] != "azerbaijan"]
    spoken = spoken[spoken["side"] != "azerbaijan"]
    heard = {period_id: sides for period_id, _, _, sides in periods_told(sources, stated, spoken)}
    assert heard["republics-1918-1922"] == {"armenian"}


@pytest.mark.parametrize("war", list(figures.WARS))
def test_each_war_has_both_parties_counts_and_an_independent_estimate_never_summed(war):
    rows = figures.scale(war)
    stated = figures.load().set_index("figure_id")
    # Every row is a figure as stated, not a sum.
    for row in rows.itertuples():
        assert (row.value_low, row.value_best, row.value_high) == tuple(
            stated.loc[row.figure_id, ["value_low", "value_best", "value_high"]])
    assert rows["_independent"].any(), f"{war}: no independent estimate"
    parties = set(rows.loc[~rows["_independent"], "claimant_side"])
    if war == "war_2020":
        assert {"armenia", "azerbaijan"} <= parties | ({"armenia"} if "nagorno_karabakh" in parties else set())
    else:
        assert parties & {"armenia", "azerbaijan", "nagorno_karabakh"}
    # One claimant's one count per side appears once: the latest, with its breakdown of that day.
    assert not rows.duplicated(["claimant", "metric", "subject_side", "scope"]).any()


def test_the_civilian_subjects_each_have_events_figures_and_accounts():
    for topic in ("prisoners", "foreign_fighters", "missing", "detainees", "landmines", "heritage"):
        assert not civilians.topic_events([topic], "1905-01-01", "2026-12-31").empty, topic
        assert not civilians.topic_figures(topic, "1905-01-01", "2026-12-31").empty, topic
        assert not civilians.topic_accounts(topic, "1905-01-01", "2026-12-31").empty, topic


def test_event_topics_are_account_topics():
    tags = {tag for tags in data.load_table("events")["topics"] for tag in tags}
    assert tags and tags <= set(accounts.topic_labels())


def test_the_landmine_chart_draws_one_line_per_body_of_one_count():
    stated = civilians.topic_figures("landmines", "1905-01-01", "2026-12-31")
    spec = civilians.chart("landmines", stated).to_dict()
    points = next(rows for rows in spec["datasets"].values() if rows and "series" in rows[0])
    assert {point["metric"] for point in points} == {"killed_total"}
    for series in {point["series"] for point in points}:
        assert len({point["claimant"] for point in points if point["series"] == series}) == 1
