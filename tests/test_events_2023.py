"""The 2023 chapter: running totals, claimants kept apart, parameters, the page."""

from __future__ import annotations

import pandas as pd
import pytest

from karabakh import accounts as accounts_module
from karabakh import data, figures, parameters
from karabakh import page as page_module
from karabakh.chapters import events_2023
from karabakh.parameters import ParameterError


def test_a_running_total_never_decreases_within_one_claimants_series():
    table = data.load_table("figures")
    running = table[table["metric"] == "displaced_cumulative"]
    for (claimant, scope), rows in running.groupby(["claimant", "scope"]):
        values = figures.plotted_value(figures.same_day_order(rows)).tolist()
        assert values == sorted(values), f"{claimant} ({scope}): {values}"
    government = running[running["claimant"] == events_2023.EXODUS_CLAIMANT]
    announcements = government[government["scope"].str.contains("running total")]
    assert len(announcements) >= 28, "every running total the government announced (issue 19: at least 28)"
    timed = announcements[announcements["as_of"].duplicated(keep=False)]
    assert (figures.time_rank(timed) != "").mean() > 0.8, "same-day announcements carry their time of day"


def test_every_figure_has_a_claimant_an_as_of_date_and_a_source():
    table = figures.load()
    assert table["claimant_name"].notna().all(), "a claimant is not in data/actors.csv"
    assert table["as_of"].notna().all()
    assert table["source_ids"].map(len).gt(0).all()
    stated = table[["value_low", "value_best", "value_high"]].notna().any(axis=1)
    assert stated.all(), f"figures with no value: {table.loc[~stated, 'figure_id'].tolist()}"


def test_the_exodus_curve_is_one_claimants_own_count():
    stated = events_2023.exodus("2023-09-01", "2024-12-31")
    curve = events_2023.exodus_curve(stated)
    own = stated[(stated["claimant"] == events_2023.EXODUS_CLAIMANT) & (stated["metric"] == "displaced_cumulative")]
    # Every point of the curve is a value the government itself announced, the day's last one.
    announced = set(figures.plotted_value(own))
    assert set(curve["total"]) <= announced
    assert len(curve) == own["as_of"].nunique()
    # The derived arrivals are differences of that same count, never another body's figure.
    assert curve["since_previous"].dropna().tolist() == curve["total"].diff().dropna().tolist()


def test_the_exodus_chart_draws_other_bodies_apart():
    stated = events_2023.exodus("2023-09-01", "2024-12-31")
    curve = events_2023.exodus_curve(stated)
    others = stated[stated["claimant"] != events_2023.EXODUS_CLAIMANT]
    spec = events_2023.exodus_chart(curve, others).to_dict()
    datasets = list(spec["datasets"].values())
    government = [rows for rows in datasets if rows and "total" in rows[0]]
    other = [rows for rows in datasets if rows and "series" in rows[0]]
    assert government and all("series" not in row for row in government[0])
    assert other and all(row["claimant"] != events_2023.EXODUS_CLAIMANT for rows in other for row in rows)


def test_series_never_mixes_claimants():
    points = figures.series(figures.load())
    for series, rows in points.groupby("series"):
        assert rows["claimant"].nunique() == 1, series
    # A point is a row, not a sum: every plotted value is the row's own stated value.
    table = figures.load().set_index("figure_id")
    for row in points.itertuples():
        stated = table.loc[row.figure_id]
        assert row.value in {stated.value_best, stated.value_low, stated.value_high}


def test_accounts_name_their_speaker_and_sources():
    """Every topic gives both parties' words and a third party's, or says under its table which it lacks."""
    table = accounts_module.load()
    told = set(accounts_module.topic_labels("events_2023")) | set(accounts_module.topic_labels("civilians_prisoners_heritage"))
    assert set(table["topic"]) == told, "every subject of those chapters has accounts, and no account is of another"
    assert set(events_2023.accounts()["topic"]) == set(accounts_module.topic_labels("events_2023"))
    assert table["name"].notna().all()
    for topic, rows in table.groupby("topic"):
        sides = set(rows["side"])
        both = ({"armenia", "azerbaijan"} <= sides or {"nagorno_karabakh", "azerbaijan"} <= sides)
        third = bool(sides - {"armenia", "nagorno_karabakh", "azerbaijan"})
        assert (both and third) or topic in accounts_module.PARTIAL_TOPICS, topic
        if topic in accounts_module.PARTIAL_TOPICS:
            assert not (both and third), f"{topic} is now told by all: drop it from PARTIAL_TOPICS"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"start": "2019-01-01"}, "parameter 'start' of events_2023: got '2019-01-01'; allowed: a date as YYYY-MM-DD from 2020-11-10 to 2026-12-31"),
        ({"indicators": "weather"}, "parameter 'indicators' of events_2023: got 'weather'; allowed: one or more of exodus, blockade, casualties, comma-separated"),
        ({"claimants": "nobody"}, "parameter 'claimants' of events_2023: got 'nobody'"),
    ],
)
def test_bad_parameters_are_refused(values, message):
    with pytest.raises(ParameterError) as caught:
        parameters.validate("events_2023", **values)
    assert str(caught.value).startswith(message)


def test_each_toll_table_holds_only_the_tolls_of_its_event_whenever_a_figure_was_stated():
    starts = data.load_table("events").set_index("event_id")["date_start"]
    for event_id in events_2023.TOLL_EVENTS:
        toll = events_2023.casualty_figures("2021-01-01", "2025-12-31", None, event_id)
        assert not toll.empty and set(toll["event_id"]) == {event_id}
    # Another event's tolls after the offensive (a 2024 border shooting) exist and are in no table.
    later = figures.load(events_2023.TOLL_METRICS, None, "2023-09-19", "2030-12-31", event_ids=events_2023.events_since_offensive())
    others = later[~later["event_id"].isin(events_2023.TOLL_EVENTS)]
    assert not others.empty, "the data has no toll of another event after the offensive; this test needs one"
    # Statements made after 19 Sep 2023 about earlier fighting (2016, 2020, 2022) exist and stay out.
    stated_later = figures.load(events_2023.TOLL_METRICS, None, "2023-09-19", "2025-12-31")
    about_earlier = stated_later[stated_later["event_id"].map(starts) < events_2023.OFFENSIVE_START]
    assert not about_earlier.empty, "the data has no later statement about earlier fighting; this test needs one"
    with pytest.raises(ValueError, match="no toll table"):
        events_2023.casualty_figures("2021-01-01", "2025-12-31", None, others["event_id"].iloc[0])


def test_the_exodus_figures_are_about_2023_not_the_2020_war_displacement():
    stated = events_2023.exodus("2020-11-10", "2025-12-31")
    assert set(stated["event_id"]) == {"2023-09-24-karabakh-armenian-exodus"}
    war_displaced = figures.load(["displaced"], None, "2020-11-10", "2025-12-31")
    assert (war_displaced["event_id"] == "2020-09-27-second-karabakh-war").any(), "this test needs a 2020 figure"


def test_each_year_after_the_2020_war_is_told():
    """At least 15 sourced events in 2021 and 2022 and 10 in 2024 and 2025 (2023 is told event by event)."""
    table = data.load_table("events")
    per_year = table["date_start"].dt.year.value_counts()
    minimum = {2021: 15, 2022: 15, 2023: 15, 2024: 10, 2025: 10}
    short = {year: int(per_year.get(year, 0)) for year, least in minimum.items() if per_year.get(year, 0) < least}
    assert short == {}, f"years below their minimum: {short}"
    assert table["source_ids"].map(len).gt(0).all()


def test_a_window_inside_2021_shows_2021(tmp_path):
    from conftest import run_cli

    run_cli("execute", "events_2023", "-p", "start", "2021-01-01", "-p", "end", "2021-12-31",
            build_dir=tmp_path, check=True)
    from test_build import executed_html

    page = executed_html(tmp_path, "events_2023")
    shown = [event_id for event_id in data.load_table("events")["event_id"] if f'id="{page_module.anchor("event", event_id)}"' in page]
    assert len(shown) >= 15 and all(event_id.startswith("2021-") for event_id in shown), shown


def test_every_account_has_a_speaker_and_a_source_that_can_carry_its_words():
    """A speaker is an actors row; the source is the speaker's own statement, a primary document, or
    a news agency or paper reporting it (never commentary or an encyclopedia)."""
    accounts = data.load_table("accounts")
    actors = set(data.load_table("actors")["actor_id"])
    sources = data.load_table("sources").set_index("source_id")
    for row in accounts.itertuples():
        assert row.actor_id in actors, row.account_id
        kinds = {sources.loc[source_id, "kind"] for source_id in row.source_ids}
        assert kinds <= {"official_statement", "primary_document", "news", "report"}, f"{row.account_id}: {kinds}"


def test_the_exodus_chart_draws_totals_of_people_only_never_children_or_a_days_arrivals():
    stated = events_2023.exodus("2023-09-01", "2023-12-31")
    assert {"children_displaced_cumulative", "displaced_daily"} & set(stated["metric"]), "this test needs such figures"
    chart = events_2023.exodus_chart(events_2023.exodus_curve(stated), stated[stated["claimant"] != events_2023.EXODUS_CLAIMANT])
    others = chart.layer[2].data
    assert set(others["figure_id"]) and set(others["figure_id"]) <= set(
        stated.loc[stated["metric"].isin(events_2023.TOTAL_METRICS), "figure_id"])
    children = stated[stated["scope"].str.contains("children", case=False)]
    assert not children.empty and set(children["metric"]) == {"children_displaced_cumulative"}


def test_the_road_map_draws_the_road_past_lachin_since_august_2022():
    spec = events_2023.road_map().to_dict()
    rows = [rows for rows in spec["datasets"].values() if isinstance(rows, list) and rows and "place_id" in rows[0]]
    line = next(rows for rows in rows if "order" in rows[0])
    assert "lachin" not in {row["place_id"] for row in line} and {"goris", "stepanakert"} <= {row["place_id"] for row in line}
    bypassed = next(row for rows in rows for row in rows if row["place_id"] == "lachin")
    assert bypassed["bypassed"] and "30 Aug 2022" in bypassed["note"]
    assert set(events_2023.BYPASSED["lachin"][1]) <= set(events_2023.road_sources())
