"""From the end of the 2020 war to the end of the Nagorno-Karabakh authorities, and after.

The exodus curve is the Armenian government's own running count of arrivals, point by point as it
was announced; the arrivals per day are the differences between two consecutive announcements of
that same count (never between two claimants). Other bodies' figures are drawn as separate marks.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from karabakh import accounts as accounts_module
from karabakh import charts, data, events, figures, maps, page

EXODUS_CLAIMANT = "armenia_government"
#: The first day of the September 2023 offensive: the casualty figures of this chapter count it and after.
OFFENSIVE_START = pd.Timestamp("2023-09-19")
#: Other bodies' figures are drawn on the curve when they fall within this many days of its last
#: announcement; later ones (a factsheet months on) are in the table, not stretching the axis.
OTHERS_ON_CURVE_DAYS = 21
#: The places of the Lachin road and of the 2023 events, drawn on the base map (ids in places.csv).
ROAD_PLACES = ["goris", "kornidzor", "lachin", "stepanakert"]
#: Places the road no longer passes, with what replaced it and the sources that say so.
BYPASSED = {
    "lachin": ("Bypassed since 30 Aug 2022: the road runs via Mets Shen and Hin Shen; Azerbaijan's army took "
               "the town, Zabukh and Sus on 26 Aug 2022",
               ["civilnet-three-days-left-lachin-aghavno-2022", "massispost-new-road-bypassing-lachin-2022"]),
}


def select_events(start: str, end: str) -> pd.DataFrame:
    return events.select(events.load_events(), start, end)


def events_since_offensive() -> list[str]:
    """The events the chapter's figures count: the September 2023 offensive and what followed it.

    A figure is chosen by the event it counts, not by when it was stated: the 2020 war's displaced
    or a 2024 revision of its dead belong to that war, not to 2023.
    """
    evs = events.load_events()
    return evs.loc[evs["date_start"] >= OFFENSIVE_START, "event_id"].tolist()


def exodus(start: str, end: str, claimants: list[str] | None = None) -> pd.DataFrame:
    """Every stated figure of people who left or arrived in 2023, with its claimant (running totals included)."""
    return figures.load(["displaced_cumulative", "displaced_daily", "displaced", "children_displaced_cumulative"],
                        claimants, start, end, event_ids=events_since_offensive())


#: What the exodus chart's axis counts: all people who left or arrived (never children alone, never a day's arrivals).
TOTAL_METRICS = ("displaced_cumulative", "displaced")


def exodus_curve(stated: pd.DataFrame) -> pd.DataFrame:
    """The Armenian government's running count, point by point, and the arrivals between announcements."""
    own = stated[(stated["claimant"] == EXODUS_CLAIMANT) & (stated["metric"] == "displaced_cumulative")]
    own = figures.same_day_order(own.assign(value=figures.plotted_value(own)).dropna(subset=["value"]))
    # One point per day: the last announcement of that day (by its time) is that day's running total.
    own = own.groupby("as_of", as_index=False).last()
    curve = pd.DataFrame(
        {
            "date": own["as_of"].dt.strftime("%Y-%m-%d"),
            "total": own["value"],
            "since_previous": own["value"].diff(),
            "days": own["as_of"].diff().dt.days,
            "stated": own.apply(figures.value_text, axis=1),
            "scope": own["scope"],
            "sources": own["source_ids"].map(", ".join),
        }
    )
    curve["per_day"] = curve["since_previous"] / curve["days"]
    return curve.reset_index(drop=True)


def exodus_chart(curve: pd.DataFrame, others: pd.DataFrame) -> alt.LayerChart:
    """The running total as a line of announced points; arrivals per day between them as bars."""
    x = alt.X("date:T", title="2023", axis=alt.Axis(format="%d %b", labelOverlap=True))
    tooltip = [
        alt.Tooltip("date:T", title="As of", format="%d %B %Y"),
        alt.Tooltip("stated:N", title="Running total (announced)"),
        alt.Tooltip("since_previous:Q", title="Since the previous announcement", format=",d"),
        alt.Tooltip("scope:N", title="Scope"),
        alt.Tooltip("sources:N", title="Sources"),
    ]
    total = alt.Chart(curve).encode(x=x, y=alt.Y("total:Q", title="People (running total)", axis=alt.Axis(format=",d")))
    line = total.mark_line(color="#0072b2", strokeWidth=2)
    dots = total.mark_point(filled=True, size=55, color="#0072b2").encode(tooltip=tooltip)
    layers = [line, dots]
    others = others[others["metric"].isin(TOTAL_METRICS)]
    if not curve.empty:
        last = pd.Timestamp(curve["date"].max()) + pd.Timedelta(days=OTHERS_ON_CURVE_DAYS)
        others = others[others["as_of"] <= last]
    if not others.empty:
        marks = figures.series(others).assign(series=lambda frame: frame["series"].str.split(" — ").str[0])
        layers.append(
            alt.Chart(marks).mark_point(shape="diamond", filled=True, size=90, opacity=0.9).encode(
                x="date:T", y="value:Q",
                color=alt.Color("series:N", title="Other bodies' figures",
                                scale=alt.Scale(range=["#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9"]),
                                legend=alt.Legend(orient="bottom", columns=1, labelLimit=220)),
                tooltip=[alt.Tooltip("series:N", title="Who"), alt.Tooltip("date:T", title="As of", format="%d %B %Y"),
                         alt.Tooltip("stated:N", title="Figure"), alt.Tooltip("scope:N", title="Scope"),
                         alt.Tooltip("sources:N", title="Sources")],
            )
        )
    return alt.layer(*layers).properties(
        width="container", height=280,
        title=charts.title("Arrivals in Armenia from Nagorno-Karabakh, as the Armenian government counted them",
                           "Blue: the government's running total at each announcement; diamonds: other bodies' figures"),
    )


def daily_chart(curve: pd.DataFrame) -> alt.Chart:
    """Arrivals per day between consecutive announcements of the same running count."""
    frame = curve.dropna(subset=["per_day"])
    frame = frame.assign(day=pd.to_datetime(frame["date"]).dt.strftime("%-d %b"))
    return (
        alt.Chart(frame)
        .mark_bar(color="#56b4e9")
        .encode(
            x=alt.X("day:O", title="Day of the announcement", sort=list(frame["day"]), axis=alt.Axis(labelAngle=-40, labelAlign="right")),
            y=alt.Y("per_day:Q", title="Arrivals per day (derived)", axis=alt.Axis(format=",d")),
            tooltip=[
                alt.Tooltip("date:T", title="Announced", format="%d %B %Y"),
                alt.Tooltip("since_previous:Q", title="Arrivals since the previous announcement", format=",d"),
                alt.Tooltip("days:Q", title="Days since it"),
                alt.Tooltip("per_day:Q", title="Per day", format=",.0f"),
            ],
        )
        .properties(width="container", height=200, title=charts.title(
            "Arrivals per day, from the same running count",
            "Difference between two consecutive announcements, divided by the days between them"))
    )


def blockade_figures(start: str, end: str, claimants: list[str] | None = None) -> pd.DataFrame:
    return figures.load(["aid_deliveries", "people_crossed"], claimants, start, end)


#: The events whose tolls the chapter tables, one table each: a toll table holds only its event's tolls.
TOLL_EVENTS = {
    "2023-09-19-azerbaijani-offensive": "Casualties of the offensive of 19–20 September 2023, per claimant.",
    "2023-09-25-stepanakert-fuel-depot-explosion": "Casualties of the fuel depot explosion near Stepanakert on 25 September 2023, per claimant.",
}
TOLL_METRICS = ["military_dead", "civilian_dead", "killed_total", "wounded", "civilian_wounded", "missing"]


def casualty_figures(start: str, end: str, claimants: list[str] | None = None,
                     event_id: str = "2023-09-19-azerbaijani-offensive") -> pd.DataFrame:
    """The tolls of one event (the offensive, or the fuel depot explosion), stated in the window."""
    if event_id not in TOLL_EVENTS:
        raise ValueError(f"no toll table for event {event_id!r}; the chapter tables {', '.join(TOLL_EVENTS)}")
    return figures.load(TOLL_METRICS, claimants, start, end, event_ids=[event_id])


def accounts(topics: list[str] | None = None) -> pd.DataFrame:
    """The accounts of this chapter's topics (data/topics.csv), or of ``topics``."""
    return accounts_module.load(topics or list(accounts_module.topic_labels("events_2023")))


accounts_tables = accounts_module.tables_by_topic


def road_map(places: list[str] | None = None) -> alt.LayerChart:
    """The Lachin road's places on the shared base map, joined by a schematic line (not the road's
    course) through the places it passes now; a place it has bypassed is drawn apart, with when."""
    ids = places or ROAD_PLACES
    table = data.load_table("places").set_index("place_id")
    known = [place_id for place_id in ids if place_id in table.index and pd.notna(table.loc[place_id, "lat"])]
    frame = table.loc[known, ["name_en", "variants", "lat", "lon"]].reset_index()
    frame["also"] = frame["variants"].map(lambda names: ", ".join(names) if isinstance(names, list) else "")
    frame = frame.drop(columns="variants")
    frame["lat"] = frame["lat"].astype(float)
    frame["lon"] = frame["lon"].astype(float)
    frame["note"] = frame["place_id"].map(lambda place: BYPASSED[place][0] if place in BYPASSED else "On the road")
    frame["bypassed"] = frame["place_id"].isin(BYPASSED)
    passed = frame[~frame["bypassed"]].assign(order=lambda rows: range(len(rows)))
    line = alt.Chart(passed).mark_line(color="#d55e00", strokeWidth=2.5, strokeDash=[6, 3]).encode(
        longitude="lon:Q", latitude="lat:Q", order="order:Q")
    dots = alt.Chart(frame).mark_circle(size=90, stroke="white", strokeWidth=1).encode(
        longitude="lon:Q", latitude="lat:Q",
        color=alt.condition("datum.bypassed", alt.value("#8c8c8c"), alt.value("#d55e00")),
        tooltip=[alt.Tooltip("name_en:N", title="Place"), alt.Tooltip("also:N", title="Also called"),
                 alt.Tooltip("note:N", title="Note")])
    return (
        alt.layer(*maps.base_layers(), line, dots, maps.label_layer(frame, "name_en", extent=maps.KARABAKH_EXTENT))
        .project(**maps.projection(maps.KARABAKH_EXTENT))
        .properties(width="container", height=maps.MAP_HEIGHT, title=charts.title(
            "The Lachin road: from Armenia to Stepanakert",
            "Dashed: a schematic line through the places the road passes since 30 August 2022, not its course; "
            "grey: Lachin town, which it bypasses since then"))
    )


def road_sources() -> list[str]:
    """The gazetteer sources of the places on the road map, and those of the bypass."""
    table = data.load_table("places").set_index("place_id")
    names = events.all_source_ids(table.loc[[p for p in ROAD_PLACES if p in table.index]], "name_source_ids")
    return list(dict.fromkeys([*names, *(source for _, sources in BYPASSED.values() for source in sources)]))
