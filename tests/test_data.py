"""The data package: Frictionless validation, referential integrity, provenance rules."""

import re
import subprocess
import sys

import pandas as pd
import pytest

from karabakh import data, project


def test_frictionless_validates_the_package():
    completed = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", str(project.DATAPACKAGE_PATH)],
        capture_output=True, text=True,
    )
    assert completed.returncode == 0, completed.stdout[-4000:] + completed.stderr[-2000:]


def test_integrity_beyond_frictionless():
    assert data.integrity_problems() == []


def test_every_table_matches_its_schema_and_loads_typed():
    for name in data.table_names():
        table = data.load_table(name)
        assert len(table) > 0, name


def test_every_row_carries_provenance():
    for name in data.table_names():
        for field, spec in data.fields(name).items():
            if spec.get("references") == "sources" and spec.get("constraints", {}).get("required"):
                empty = data.load_table(name)[field].map(len) == 0
                assert not empty.any(), f"{name}.{field} is empty in rows {list(empty[empty].index + 2)}"


def test_un_resolutions_rest_on_their_texts():
    resolutions = data.load_table("un_resolutions")
    assert sorted(resolutions["resolution"]) == [822, 853, 874, 884]
    sources = data.load_table("sources").set_index("source_id")
    for row in resolutions.itertuples():
        assert row.full_text_source_id == f"unsc-res-{row.resolution}"
        assert sources.loc[row.full_text_source_id, "kind"] == "primary_document"
        assert row.symbol == f"S/RES/{row.resolution} (1993)"
        assert row.votes_for + row.votes_against + row.abstentions == 15


def test_resolution_822_names_only_kalbajar():
    """The text of 822 names the Kelbadjar district and no other place (an input article says otherwise)."""
    resolutions = data.load_table("un_resolutions").set_index("resolution")
    assert resolutions.loc[822, "occupied_places"] == ["kalbajar_district"]


def test_preceding_events_come_before_their_resolution():
    resolutions = data.load_table("un_resolutions")
    events = data.load_table("events").set_index("event_id")
    for row in resolutions.itertuples():
        for event_id in row.preceding_event_ids:
            assert events.loc[event_id, "date_start"] <= row.adoption_date, (row.resolution, event_id)


def test_event_ids_start_with_their_date():
    events = data.load_table("events")
    assert (events["event_id"].str[:10] == events["date_start"].dt.strftime("%Y-%m-%d")).all()


def test_source_ids_follow_the_naming_rule():
    sources = data.load_table("sources")
    wikipedia = sources[sources["source_id"].str.startswith("wikipedia-")]
    # A Wikipedia article keeps its id whichever copy was read; the publisher says which.
    assert wikipedia["publisher"].str.contains("Wikipedia").all()
    assert sources["source_id"].is_unique


def test_derived_periods_cover_every_event():
    from karabakh import events

    assert events.load_events()["period_id"].notna().all()


def test_no_event_is_recorded_twice():
    events = data.load_table("events")
    assert not events.duplicated(["date_start", "title"]).any()
    assert not events.duplicated(["date_start", "place_id", "event_type", "summary"]).any()
    # The helpers that researched the periods worked on disjoint windows; a repeat would show as
    # the same title on two dates close together.
    titles = events["title"].str.lower()
    assert titles.is_unique, events[titles.duplicated(keep=False)][["event_id", "title"]].to_string()


def test_events_cover_1905_to_2026_with_enough_rows():
    events = data.load_table("events")
    assert len(events) >= 150
    assert events["date_start"].min().year == 1905 and events["date_start"].max().year == 2026


def test_free_text_lists_live_in_a_child_table_so_any_punctuation_is_safe():
    """Resolution 874 calls upon the Secretary-General 'to attend and assist...; report...': one item."""
    from karabakh.chapters import un_resolutions

    called = un_resolutions.load_resolutions([874]).iloc[0]["called_upon"]
    assert any(";" in item and item.startswith("Secretary-General") for item in called)
    assert not any(item.strip().startswith("report with the CSCE") for item in called)
    # Every list-valued column of the package holds identifiers only (the integrity check says so).
    for name in data.table_names():
        for field, spec in data.fields(name).items():
            if spec.get("type") == "list" and field != "variants":
                assert spec.get("references"), f"{name}.{field}: a list of free text belongs in a child table"
