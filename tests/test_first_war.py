"""The first war chapter and the map of control over any window (karabakh.control)."""

from __future__ import annotations

import pandas as pd
import pytest

from karabakh import control, data, figures, page, parameters
from karabakh.chapters import first_war
from karabakh.parameters import ParameterError


@pytest.fixture(scope="module")
def every():
    return control.load()


@pytest.fixture(scope="module")
def war():
    return first_war.changes(first_war.START, first_war.END)


def test_every_places_changes_follow_each_other_over_the_whole_conflict(every):
    """A place is taken only from the side that held it: the first war, 2016, 2020 and after in one order."""
    for place_id, rows in every.sort_values(["date", "change_id"]).groupby("place_id"):
        holder = None
        for row in rows.itertuples():
            assert row.from_party != row.to_party, row.change_id
            assert holder is None or row.from_party == holder, f"{place_id}: {row.change_id} does not follow the change before it"
            holder = row.to_party


def test_the_first_war_has_the_towns_the_issue_names_in_both_directions(war):
    towns = set(war["place_id"])
    assert {"khojaly", "shusha", "lachin", "kalbajar", "aghdam", "fuzuli", "jabrayil", "gubadli", "zangilan", "horadiz",
            "martakert", "getashen", "artsvashen"} <= towns
    both_ways = war.groupby("place_id")["to_party"].nunique()
    assert {"martakert", "horadiz", "maraga"} <= set(both_ways[both_ways == 2].index)
    # Every row names a source; a confirmation has its actor, date and sources.
    assert (war["claim_source_ids"].map(len) + war["confirmation_source_ids"].map(len)).gt(0).all()
    confirmed = war[war["confirmed_by"].notna()]
    assert confirmed["confirmation_source_ids"].map(len).gt(0).all()


@pytest.mark.parametrize(("place_id", "day", "state"), [
    ("shusha", "1992-05-07", "Held by Azerbaijani forces"),
    ("shusha", "1992-05-10", "Held by Armenian forces"),
    ("martakert", "1993-01-01", "Taken by Azerbaijani forces, by one side's account"),
    ("martakert", "1993-07-01", "Held by Armenian forces"),
    ("horadiz", "1994-02-01", "Taken by Azerbaijani forces, by one side's account"),
])
def test_the_state_on_a_day_follows_the_latest_change_and_its_confirmation(every, place_id, day, state):
    assert control.state_on(every[every["place_id"] == place_id], day)[place_id] == state


def test_the_map_spec_has_a_day_slider_over_the_window_and_each_place_once_before_its_first_change(war):
    spec = first_war.control_map(war, first_war.START, first_war.END).to_dict()
    slider = next(param for param in spec["params"] if param["name"] == "day")
    assert slider["bind"]["max"] == (pd.Timestamp(first_war.END) - pd.Timestamp(first_war.START)).days
    points = next(rows for rows in spec["datasets"].values() if isinstance(rows, list) and rows and "place" in rows[0] and "held" in rows[0])
    drawn = war[war["lat"].notna()]
    assert len([point for point in points if point["mode"] != "initial"]) == len(drawn)
    assert len([point for point in points if point["mode"] == "initial"]) == drawn["place_id"].nunique()


def test_the_coverage_note_counts_what_the_table_holds(war):
    text = str(first_war.coverage_html(war))
    assert f"<strong>{len(war)}</strong> changes of control" in text
    assert f"<strong>{int(war['lat'].notna().sum())}</strong> are on the map" in text
    for year, count in war.groupby(war["date"].dt.year).size().items():
        assert f"{year}: {count}" in text
    counted, missing = first_war.seats_dated(war)
    assert counted + len(missing) == 7 and f"<strong>{counted}</strong> of 7" in text
    undated = first_war.last_recorded_armenian(war)
    assert undated and f"For {len(undated)} places" in text and all(name in text for name in undated)


def test_displacement_is_drawn_one_mark_per_figure_and_never_summed():
    stated = first_war.displacement(first_war.START, first_war.END)
    assert {"azerbaijani_side", "armenian_side"} <= set(stated["subject_side"])
    table = figures.load().set_index("figure_id")
    for side in first_war.DISPLACEMENT_SIDES:
        spec = first_war.displacement_chart(stated, side).to_dict()
        assert spec["mark"]["type"] == "point", "a line would join two claimants' or two scopes' figures"
        points = next(rows for rows in spec["datasets"].values() if rows and "figure_id" in rows[0])
        assert len(points) == (stated["subject_side"] == side).sum()
        for point in points:
            row = table.loc[point["figure_id"]]
            assert point["value"] in {row.value_best, row.value_low, row.value_high}
            assert point["claimant"] == row.claimant


def test_every_place_the_resolutions_name_has_its_capture_linked():
    table = first_war.resolution_places()
    assert len(table) == sum(len(places) for places in data.load_table("un_resolutions")["occupied_places"])
    for row in table.itertuples():
        taken = row.changes[row.changes["to_party"] == "armenian_forces"]
        assert not taken.empty, f"{row.name}: no dated capture"
        assert page.row_href("control_changes", taken.iloc[0].to_dict()).startswith(page.FIRST_WAR_PAGE)


def test_the_mediation_table_runs_from_the_csce_to_the_minsk_groups_closure():
    milestones = first_war.mediation()
    assert milestones["date_start"].min() <= pd.Timestamp("1992-03-24")
    assert milestones["date_start"].max() >= pd.Timestamp("2025-09-01")
    assert {"1994-05-05-bishkek-protocol", "1994-05-12-ceasefire-in-force"} <= set(milestones["event_id"])


@pytest.mark.parametrize(("values", "message"), [
    ({"start": "1987-12-31"}, "parameter 'start' of first_war: got '1987-12-31'; allowed: a date as YYYY-MM-DD from 1988-01-01 to 1994-05-12"),
    ({"end": "2020-01-01"}, "parameter 'end' of first_war: got '2020-01-01'"),
    ({"claimants": "nobody"}, "parameter 'claimants' of first_war: got 'nobody'"),
])
def test_bad_parameters_are_refused(values, message):
    with pytest.raises(ParameterError) as caught:
        parameters.validate("first_war", **values)
    assert str(caught.value).startswith(message)
