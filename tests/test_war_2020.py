"""The 2020 war chapter: control changes, the statement's terms, figures per claimant, parameters."""

from __future__ import annotations

import pandas as pd
import pytest

from karabakh import data, events, figures, maps, page, parameters, project
from karabakh.chapters import war2020
from karabakh.parameters import ParameterError


@pytest.fixture(scope="module")
def changes():
    return war2020.load_changes("2020-09-27", "2022-12-31")


def test_every_control_change_has_sources_and_a_place_drawn_only_where_it_is_known(changes):
    every = data.load_table("control_changes")
    assert len(changes) == every["date"].between(pd.Timestamp("2020-09-27"), pd.Timestamp("2022-12-31")).sum()
    places = data.load_table("places").set_index("place_id")
    unlocated = changes[changes["lat"].isna() | changes["lon"].isna()]
    # A place without coordinates keeps its row; it says so and names its district (never a false point).
    assert (places.loc[unlocated["place_id"], "coordinate_precision"] == "none").all()
    assert unlocated["parent_id"].str.endswith("_district").all()
    listed = str(war2020.unmapped_html(changes))
    for row in war2020.announced(unlocated).itertuples():
        assert f'href="#{page.anchor("change", row.change_id)}"' in listed, f"{row.place_id} is neither drawn nor listed"
    assert changes["claim_source_ids"].map(len).gt(0).all()
    confirmed = changes[changes["confirmed_by"].notna()]
    assert confirmed["confirmation_date"].notna().all() and confirmed["confirmation_source_ids"].map(len).gt(0).all()
    # A capture is confirmed after it is claimed; a handover may be confirmed by the other side's
    # withdrawal the day before the announcement.
    military = confirmed[confirmed["mode"] == "military"]
    assert (military["confirmation_date"] >= military["date"]).all(), "a confirmation before the change it confirms"


def test_every_announced_capture_is_dated_inside_the_war_by_its_first_claim(changes):
    captures = changes[(changes["mode"] == "military") & changes["claimed_by"].isin(war2020.ANNOUNCERS)]
    assert captures["claim_date"].between(war2020.WAR_START, war2020.WAR_END).all()
    assert (captures["date"] == captures["claim_date"]).all(), "a capture is placed on the map on the day it was claimed"
    assert len(war2020.announced(changes)) >= 270, "the war's announced captures (issue 18: at least 270 of about 295)"


def test_no_place_is_claimed_twice_without_a_note(changes):
    military = changes[changes["mode"] == "military"]
    twice = military[military.duplicated("place_id", keep=False)]
    assert twice.empty, f"claimed in two rows (the first claim is the row, later ones its note): {twice['change_id'].tolist()}"
    again = military[military["later_claim_source_ids"].map(len) > 0]
    assert not again.empty
    for row in again.itertuples():
        assert "Named again by" in row.note, f"{row.change_id}: a later announcement without a note"


def test_the_official_total_is_a_claim_with_sources_and_the_page_counts_against_it(changes):
    total = war2020.official_total()
    assert sorted(total["value_best"].astype(int)) == [4, 5, 286]
    assert total["source_ids"].map(len).gt(0).all()
    text = str(war2020.coverage_html(changes, war2020.load_denials(changes)))
    assert "5 cities, 4 towns and 286 villages (295 settlements)" in text
    assert f"<strong>{len(war2020.announced(changes))}</strong> of them by name" in text


def test_a_denial_follows_its_claim_and_the_admission_follows_the_denials(changes):
    denials = war2020.load_denials(changes)
    assert len(denials) >= 10
    claims = changes.set_index("change_id")
    for row in denials.itertuples():
        claim = claims.loc[row.change_id]
        assert claim["mode"] == "military" and row.denial_date >= claim["date"], row.denial_id
        assert claims.loc[row.change_id, "to_party"] == "azerbaijani_forces"
        assert data.load_table("actors").set_index("actor_id").loc[row.denied_by, "side"] in ("armenia", "nagorno_karabakh")
    for change_id, rows in denials.groupby("change_id"):
        admitted = claims.loc[change_id, "confirmation_date"]
        if pd.notna(admitted) and claims.loc[change_id, "confirmation_kind"] == "other_side":
            assert admitted >= rows["denial_date"].min(), f"{change_id}: admitted before it was denied"
    spec = war2020.claim_denial_chart(changes, denials).to_dict()
    steps = {row["step"] for rows in spec["datasets"].values() for row in rows if "step" in row}
    assert steps == {"Claimed", "Denied", "Admitted or confirmed"}


def test_the_left_out_names_in_the_data_readme_match_the_data(changes):
    """data/README.md lists every name left out; none has a row, and every village of the war's
    districts in the gazetteer either has a row or is listed there."""
    readme = (project.DATA_DIR / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Announced captures left out of `control_changes`", 1)[1].split("\n#", 1)[0]
    listed = {line.split("|")[1].strip() for line in section.splitlines()
              if line.startswith("| ") and not line.startswith("| name") and not line.startswith("| ---")}
    assert len(listed) >= 15
    places = data.load_table("places")
    named = changes.merge(places[["place_id"]], on="place_id")["name_en"]
    assert listed.isdisjoint(set(named)), f"listed as left out but has a row: {listed & set(named)}"
    districts = {"jabrayil_district", "fuzuli_district", "zangilan_district", "gubadli_district", "khojavend_district",
                 "hadrut_district", "martuni_district", "khojaly_district", "askeran_district", "shusha_district"}
    villages = places[places["parent_id"].isin(districts) & (places["place_type"] == "village")]
    # A village with a row of another war (the first war's villages of these districts) has its row too.
    named_any = data.load_table("control_changes").merge(places[["place_id", "name_en"]], on="place_id")["name_en"]
    rowless = set(villages["name_en"]) - set(named_any) - listed
    assert rowless == set(), f"villages of the war's districts with neither a row nor a reason in data/README.md: {sorted(rowless)}"


def test_revision_chains_keep_to_one_claimant_in_date_order():
    for metric in ("military_dead", "civilian_dead", "wounded", "missing"):
        points = figures.series(war2020.war_figures(metric, [], "2020-09-27", "2025-12-31"))
        for series, chain in points.groupby("series"):
            assert chain["claimant"].nunique() == 1, f"{metric}, {series}: more than one claimant in a chain"
            assert chain["date"].is_monotonic_increasing, f"{metric}, {series}: drawn out of date order"
    counts = {claimant: len(rows) for claimant, rows in figures.series(
        war2020.war_figures("military_dead", [], "2020-09-27", "2025-12-31")).groupby("claimant")}
    assert counts.get("azerbaijan_mod", 0) >= 5 and counts.get("armenia_health_ministry", 0) >= 5


def test_each_places_changes_are_in_order_and_consistent(changes):
    for place_id, rows in changes.sort_values(["date", "change_id"]).groupby("place_id"):
        holder = None
        for row in rows.itertuples():
            assert row.from_party != row.to_party, f"{row.change_id}: from and to are the same side"
            if holder is not None:
                assert row.from_party == holder, f"{place_id}: taken twice by {row.to_party} without a change between"
            holder = row.to_party


def test_the_statement_handovers_are_there(changes):
    handed = changes[changes["mode"] == "agreement"].set_index("place_id")["date"].dt.strftime("%Y-%m-%d").to_dict()
    expected = {"aghdam_district": "2020-11-20", "kalbajar_district": "2020-11-25", "lachin_district": "2020-12-01"}
    assert {place: handed.get(place) for place in expected} == expected


def test_the_map_state_follows_claim_and_confirmation_dates(changes):
    row = changes[changes["confirmation_date"].notna() & (changes["mode"] == "military")].iloc[0]
    one = changes[changes["change_id"] == row["change_id"]]
    states = list(war2020.STATES)
    assert war2020.state_on(one, row["date"] - pd.Timedelta(days=1)).iloc[0] == states[0]
    if row["confirmation_date"] > row["date"]:
        assert war2020.state_on(one, row["date"]).iloc[0] == states[1]
    assert war2020.state_on(one, row["confirmation_date"]).iloc[0] == states[2]


def test_the_map_spec_draws_each_change_once_with_its_dates(changes):
    mapped = war2020.map_changes(changes)
    spec = war2020.control_map(mapped, "2020-09-27", war2020.map_end(mapped)).to_dict()
    points = next(rows for rows in spec["datasets"].values() if isinstance(rows, list) and rows and "place" in rows[0])
    assert len([point for point in points if point["mode"] != "initial"]) == mapped["lat"].notna().sum()
    # and each drawn place once more, for the side that held it before its first change
    assert len([point for point in points if point["mode"] == "initial"]) == mapped.loc[mapped["lat"].notna(), "place_id"].nunique()
    assert {param["name"] for param in spec["params"]} >= {"day"}


def test_every_announced_capture_is_counted_in_its_districts_shading_mapped_or_not(changes):
    """The districts' shading counts every announced capture, so the slider shows the whole advance."""
    mapped = war2020.map_changes(changes)
    origin = pd.Timestamp("2020-09-27")
    tally = war2020.tally_frame(mapped, origin)
    captures = war2020.announced(mapped)
    assert len(tally) == len(captures)
    assert (captures["lat"].isna()).sum() > 0, "the check is meant for captures without coordinates too"
    units = {geometry["properties"]["name"] for geometry in maps.boundaries()["objects"]["units"]["geometries"]}
    assert set(tally["unit"]) <= units, f"districts with no map unit: {set(tally['unit']) - units}"
    spec = war2020.control_map(mapped, "2020-09-27", war2020.map_end(mapped)).to_dict()
    shaded = next(rows for rows in spec["datasets"].values() if isinstance(rows, list) and rows and "unit" in rows[0])
    assert len(shaded) == len(captures)
    # By the last day every capture is claimed: each district's count is its number of captures.
    by_district = tally.groupby("unit").size()
    assert by_district.sum() == len(captures) and (tally["claim_day"] <= (mapped["date"].max() - origin).days).all()


def test_every_term_has_its_words_an_outcome_and_sources():
    terms = war2020.terms()
    assert sorted(terms["point"].unique()) == list(range(1, 10))
    assert terms["summary"].str.len().gt(0).all() and terms["what_happened"].str.len().gt(0).all()
    assert terms["outcome_source_ids"].map(len).gt(0).all()
    quoted = terms[terms["quote"].notna()]
    assert quoted["text_source_id"].notna().all(), "a quote must name the copy of the text it was read from"
    assert quoted["quote"].str.split().map(len).le(40).all()


def test_casualty_chart_points_are_rows_of_one_claimant_each():
    stated = war2020.war_figures("military_dead", [], "2020-09-27", "2022-12-31")
    points = figures.series(stated)
    assert not points.empty
    by_id = stated.set_index("figure_id")
    for row in points.itertuples():
        own = by_id.loc[row.figure_id]
        assert row.claimant == own.claimant
        assert row.value in {own.value_best, own.value_low, own.value_high}
    spec = figures.series_chart(points, "test").to_dict()
    for layer in spec["layer"]:
        assert "aggregate" not in str(layer.get("encoding", {})), "a chart must not add figures up"


def test_the_casualty_chart_takes_the_war_wide_counts_of_both_sides_and_nothing_else():
    stated = war2020.war_figures("military_dead", [], "2020-09-27", "2022-12-31")
    assert set(stated["event_id"]) == {war2020.WAR_EVENT}
    assert {"armenian_side", "azerbaijani_side"} <= set(stated["subject_side"])
    # Figures stated in the window about other events (1992, the 2021-22 border fighting) stay out.
    civilian = war2020.war_figures("civilian_dead", [], "2020-09-27", "2023-09-18")
    assert set(civilian["event_id"]) == {war2020.WAR_EVENT}


def test_strikes_are_towns_hit_during_the_war_not_the_war_or_later_fighting():
    tolls = war2020.strikes("2020-09-27", "2022-12-31")
    chosen = events.load_events().set_index("event_id").loc[sorted(set(tolls["event_id"]))]
    assert war2020.WAR_EVENT not in chosen.index
    assert (chosen["coordinate_precision"] == "settlement").all()
    assert chosen["date_start"].between(war2020.WAR_START, war2020.WAR_END).all()
    assert {"ganja", "barda", "stepanakert"} <= set(chosen["place_id"])


def test_strike_tolls_keep_their_claimants_apart():
    tolls = war2020.strikes("2020-09-27", "2020-11-10")
    assert not tolls.empty
    assert tolls["claimant_name"].notna().all()
    table = war2020.strikes_table(tolls)
    assert len(table) == len(tolls)  # one row per stated figure: nothing is summed per strike


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"start": "2019-01-01"}, "parameter 'start' of war_2020: got '2019-01-01'; allowed: a date as YYYY-MM-DD from 2020-09-27 to 2023-09-18"),
        ({"metric": "happiness"}, "parameter 'metric' of war_2020: got 'happiness'; allowed: one of military_dead, civilian_dead, wounded, missing, displaced"),
        ({"map_level": "country"}, "parameter 'map_level' of war_2020: got 'country'; allowed: one of settlement, district"),
        ({"start": "2020-11-01", "end": "2020-10-01"}, "parameter 'end' of war_2020: got '2020-10-01'; allowed: a date on or after start (2020-11-01)"),
    ],
)
def test_bad_parameters_are_refused(values, message):
    with pytest.raises(ParameterError) as caught:
        parameters.validate("war_2020", **values)
    assert str(caught.value) == message
