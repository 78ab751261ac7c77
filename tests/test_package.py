"""Unit tests of the package: normalisation, chart embedding, vendoring, events selection, caching."""

import json

import altair as alt
import nbformat
import pandas as pd
import pytest

from karabakh import charts, events, project
from karabakh.publishing import normalize, pipeline, vendor


def test_normalize_strips_timings_and_fixes_injected_cell():
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("y = 2")])
    notebook.metadata["papermill"] = {
        "start_time": "2026-01-01T00:00:00", "end_time": "x", "duration": 1.5,
        "input_path": "/abs/in.ipynb", "output_path": "/abs/out.ipynb", "parameters": {"a": 1}, "exception": None,
    }
    injected = notebook.cells[0]
    injected["id"] = "random-3f2a"
    injected.metadata["tags"] = ["injected-parameters"]
    injected.metadata["papermill"] = {"duration": 0.1, "status": "completed"}
    notebook.cells[1].metadata["execution"] = {"iopub.status.busy": "2026-01-01T00:00:00"}
    normalize.normalize(notebook)
    assert notebook.metadata["papermill"] == {"parameters": {"a": 1}}
    assert injected["id"] == "injected-parameters"
    assert injected.metadata == {"tags": ["injected-parameters", "remove-cell"]}
    assert notebook.cells[1].metadata == {}


def test_chart_html_is_deterministic_offline_and_safe():
    chart = alt.Chart(pd.DataFrame({"a": [1, 2], "t": ["x</script>", "y"]})).mark_bar().encode(x="a:Q", y="t:N")
    first = charts.embed_html(chart.to_dict(), "demo", "Sources: test.")
    second = charts.embed_html(chart.to_dict(), "demo", "Sources: test.")
    assert first == second
    assert 'id="chart-demo"' in first and 'data-chart="demo"' in first
    assert "</script>" not in first.split("<script>", 1)[1].rsplit("</script>", 1)[0]
    assert "http" not in first.replace("https://vega.github.io/schema", "")
    with pytest.raises(ValueError):
        charts.embed_html({}, "Bad Name", "")


def test_a_chart_without_sources_is_refused():
    with pytest.raises(ValueError, match="no sources"):
        charts.show(alt.Chart(pd.DataFrame({"a": [1]})).mark_point(), "x", [])


def test_vendored_libraries_match_altair():
    installed = vendor.library_versions()
    assert vendor.versions_match(installed), (installed, vendor.expected_versions())
    for package in vendor.LIBRARIES:
        assert (vendor.VENDOR_DIR / f"{package}.LICENSE.txt").exists()
    # Pages with a chart load exactly these files (book/_ext/karabakh_assets.py), and nothing else does.
    import importlib.util

    spec = importlib.util.spec_from_file_location("karabakh_assets", project.BOOK_DIR / "_ext" / "karabakh_assets.py")
    assets = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(assets)
    assert list(assets.CHART_SCRIPTS) == [f"vendor/{file.split('/')[-1]}" for file in vendor.LIBRARIES.values()]
    assert "html_js_files" not in project.config()["sphinx"]["config"] or all(
        "vega" not in name for name in project.config()["sphinx"]["config"]["html_js_files"])


def test_map_boundaries_hold_the_countries_drawn():
    topology = json.loads(vendor.BOUNDARIES_PATH.read_text())
    ids = {g["id"] for g in topology["objects"]["countries"]["geometries"]}
    assert ids == set(vendor.MAP_COUNTRIES)


def test_event_selection_by_window_type_place_and_precision():
    frame = pd.DataFrame({
        "event_id": ["a", "b", "c"],
        "date_start": pd.to_datetime(["1993-01-01", "1993-06-01", "1994-01-01"]),
        "date_end": pd.to_datetime(["1993-02-01", "1993-06-01", "1994-12-31"]),
        "event_type": ["armed_clash", "agreement", "armed_clash"],
        "place_id": ["kalbajar", "moscow", "aghdam"],
        "parent_id": ["kalbajar_district", "russia", "aghdam_district"],
        "date_precision": ["day", "day", "year"],
    })
    assert events.select(frame, "1993-01-15", "1993-12-31")["event_id"].tolist() == ["a", "b"]
    assert events.select(frame, "1993-01-01", "1995-01-01", event_types=["armed_clash"])["event_id"].tolist() == ["a", "c"]
    assert events.select(frame, "1993-01-01", "1995-01-01", places=["kalbajar_district"])["event_id"].tolist() == ["a"]
    assert events.select(frame, "1993-01-01", "1995-01-01", min_precision="day")["event_id"].tolist() == ["a", "b"]


def test_cache_key_changes_with_source_parameters_and_data(tmp_path, monkeypatch):
    chapter = project.find_chapter("un_resolutions_1993")
    reads = ["data/un_resolutions.csv"]
    base = pipeline.cache_key(chapter, {"resolutions": [822]}, reads)
    assert base == pipeline.cache_key(chapter, {"resolutions": [822]}, reads)
    assert base != pipeline.cache_key(chapter, {"resolutions": [853]}, reads)
    assert base != pipeline.cache_key(chapter, {"resolutions": [822]}, reads + ["data/events.csv"])
    copy = tmp_path / chapter.path.name
    copy.write_text(chapter.path.read_text().replace("This chapter", "The chapter"))
    assert base != pipeline.cache_key(project.Chapter(chapter.name, copy), {"resolutions": [822]}, reads)


def test_the_chronology_stays_small_at_fifty_times_the_events():
    """Past the limits the timeline draws monthly counts and the lists are capped (make bench measures the page)."""
    import pandas as pd

    from karabakh import event_display, events
    base = events.load_events()
    many = pd.concat([base.assign(event_id=base["event_id"] + f"-synthetic-{copy}") for copy in range(50)], ignore_index=True)
    spec = event_display.timeline(many).to_dict()
    rows = sum(len(values) for values in spec["datasets"].values())
    assert rows < len(many) / 20, "the timeline must aggregate, not embed every event"
    listed = event_display.listed_events(many)
    assert len(listed) <= event_display.LIST_LIMIT_PER_PERIOD * len(event_display.periods())
    assert "more events of this slice are in data/events.csv" in str(event_display.events_view(many).data)


def test_the_icon_subset_adds_each_icon_with_its_aliases_to_the_core():
    families = {"bars": {"unicode": "f0c9", "aliases": {"names": ["navicon"]},
                         "svgs": {"classic": {"solid": {"width": 448, "height": 512, "path": "M0 96z"}}}}}
    script = vendor.icon_subset("/* core */\n", families, names=("bars",))
    assert script.startswith("/* core */\n")
    added = json.loads(script.split("FontAwesome.library.add(...", 1)[1].rsplit(");", 1)[0])
    assert added == [{"prefix": "fas", "iconName": "bars", "icon": [448, 512, ["navicon"], "f0c9", "M0 96z"]}]
