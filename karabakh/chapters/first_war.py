"""The first war, 1988–1994: who held what and when, by whose account; the displaced both ways; the
violence against civilians and its counts; the tolls; the ceasefire and the mediation after it.

The map and the table of changes of control are drawn by :mod:`karabakh.control`, as for 2020.
Counts are figures rows, one claimant each: a chart draws each figure as its own mark and never
joins two claimants' counts, or two scopes of one claimant's.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from karabakh import charts, control, data, events, figures, maps, page, tables

START, END = "1988-01-01", "1994-05-12"
#: The seven districts around the former NKAO (map units), whose seats the map's shading follows.
SEVEN_DISTRICTS = ("Kalbajar", "Lachin", "Gubadli", "Zangilan", "Jabrayil", "Fuzuli", "Aghdam")
DISPLACEMENT_SIDES = {
    "azerbaijani_side": "Azerbaijanis (and others) who fled or were driven out",
    "armenian_side": "Armenians who fled or were driven out",
}
TOLL_METRICS = ["military_dead", "civilian_dead", "killed_total", "wounded", "missing"]


def window_events(start: str, end: str) -> pd.DataFrame:
    return events.select(events.load_events(), start, end)


def changes(start: str, end: str) -> pd.DataFrame:
    return control.load(start, end)


def control_map(changed: pd.DataFrame, start: str, end: str) -> alt.LayerChart:
    origin = pd.Timestamp(start)
    return control.control_map(
        changed, start, end, "Who held what, by the chosen day",
        "Dots: places whose change of control the sources date; shaded: a district while Armenian forces held its seat",
        extra_layers=[*control.seat_shading(changed, origin), maps.district_layer()], shade_surrounding=False, notes=False,
    )


def seats_dated(changed: pd.DataFrame) -> tuple[int, list[str]]:
    """How many of the seven districts' seats have a dated capture in the window, and which lack one."""
    taken = set(control.seat_frame(changed, pd.Timestamp(START)).query("holder == 'Armenian forces'")["unit"])
    return len(taken & set(SEVEN_DISTRICTS)), [name for name in SEVEN_DISTRICTS if name not in taken]


resolution_places = control.resolution_places
resolution_places_view = control.resolution_places_view


def last_recorded_armenian(changed: pd.DataFrame) -> list[str]:
    """Places of the window whose latest recorded change, over the whole table, is to Armenian forces:
    the book dates their capture but no later change (their return, where it came, is not dated)."""
    every = control.load()
    every = every[every["place_id"].isin(set(changed["place_id"]))]
    states = control.state_on(every, every["date"].max())
    names = every.drop_duplicates("place_id").set_index("place_id")["name_en"]
    return sorted(names[place] for place in states.index if "Armenian" in states[place])


def coverage_html(changed: pd.DataFrame) -> page.Markup:
    counted, missing = seats_dated(changed)
    undated = last_recorded_armenian(changed)
    drawn = int(changed["lat"].notna().sum())
    per_year = changed.groupby(changed["date"].dt.year).size()
    years = page.Markup(", ").join(page.Markup("{}: {}").format(year, count) for year, count in per_year.items())
    missing_text = page.Markup(" The seats without one: {}.").format(", ".join(missing)) if missing else page.Markup("")
    return page.Markup(
        "<p>The book dates <strong>{}</strong> changes of control in this window ({}); <strong>{}</strong> are on the map, "
        "the others have no coordinates the book can cite and are listed under it. Of the seats of the seven districts "
        "around the former oblast, which Armenian forces held wholly or in part at the ceasefire, <strong>{}</strong> "
        "of 7 have a dated capture.{} The book knows of no complete list of the villages that changed hands, so the "
        "count of villages is what the sources name, not a share of a known total. Most village dates come from "
        "one side's later accounts; each row names its sources and whether the other side or an independent "
        "source confirmed it.{}</p>"
    ).format(len(changed), years, drawn, counted, missing_text,
             page.Markup(" For {} places the book dates a capture by Armenian forces but no later change, neither a "
                         "return nor a continued hold it can source: {}.").format(len(undated), ", ".join(undated))
             if undated else page.Markup(""))


def displacement(start: str, end: str) -> pd.DataFrame:
    """Every figure of people displaced by the events of the window (and the war as a whole)."""
    ids = window_events(start, end)["event_id"].tolist()
    return figures.load(["displaced"], None, None, None, event_ids=ids)


def displacement_chart(stated: pd.DataFrame, side: str) -> alt.Chart | None:
    """Each figure of one direction as its own mark, coloured by claimant: never a line between two figures."""
    points = figures.series(stated[stated["subject_side"] == side])
    if points.empty:
        return None
    return (
        alt.Chart(points)
        .mark_point(filled=True, size=80, opacity=0.9)
        .encode(
            x=alt.X("date:T", title="Date the figure refers to", axis=alt.Axis(format="%Y", labelOverlap=True)),
            y=alt.Y("value:Q", title="People (as stated)", axis=alt.Axis(format=",d")),
            color=alt.Color("claimant:N", title="Who states it", legend=alt.Legend(orient="bottom", columns=1, labelLimit=320),
                            scale=alt.Scale(scheme="tableau10")),
            tooltip=[alt.Tooltip("series:N", title="Who states it"), alt.Tooltip("stated:N", title="Figure"),
                     alt.Tooltip("date:T", title="As of", format="%d %b %Y"), alt.Tooltip("scope:N", title="Scope"),
                     alt.Tooltip("sources:N", title="Sources")],
        )
        .properties(width="container", height=260, title=charts.title(
            DISPLACEMENT_SIDES[side], "Each dot is one body's figure, with its own scope (hover); the figures are not added"))
    )


def violence(start: str, end: str) -> pd.DataFrame:
    selected = window_events(start, end)
    return selected[selected["event_type"] == "violence_against_civilians"].reset_index(drop=True)


def tolls(selected: pd.DataFrame, claimants: list[str] | None = None) -> pd.DataFrame:
    return figures.load(TOLL_METRICS, claimants or None, None, None, event_ids=selected["event_id"].tolist())


def mediation() -> pd.DataFrame:
    """The ceasefire and the mediation after it: every event tagged 'mediation', whatever its date."""
    evs = events.load_events()
    return evs[evs["topics"].map(lambda tags: "mediation" in tags)].reset_index(drop=True)
