"""The chronology: events by period, an interactive timeline, a map, and the recorded disputes."""

from __future__ import annotations

import altair as alt
import pandas as pd

from karabakh import charts, data, event_display, events, maps, page
from karabakh.event_display import TYPE_LABELS, periods, type_colour



def select(start: str, end: str, event_types: list[str], places: list[str], min_precision: str) -> pd.DataFrame:
    return events.select(events.load_events(), start, end, event_types, places, min_precision)


def period_counts(selected: pd.DataFrame) -> pd.DataFrame:
    """Events per period and type, for the periods the slice has events in."""
    table = periods()
    counts = selected.groupby(["period_id", "event_type"]).size().rename("events").reset_index()
    counts = counts.merge(table[["period_id", "label", "date_start"]], on="period_id")
    counts["type"] = counts["event_type"].map(TYPE_LABELS)
    return counts.sort_values(["date_start", "type"], ignore_index=True)


def periods_summary(selected: pd.DataFrame) -> page.Markup:
    """Per period that has events in the slice: its name, how many events, and what defines it."""
    items = []
    for period in periods().itertuples():
        count = int((selected["period_id"] == period.period_id).sum())
        if count:
            items.append(page.Markup('<span id="{}"><strong>{}</strong> ({} event{}): {}</span>').format(
                page.anchor("period", period.period_id), period.label, count, "s" if count != 1 else "", period.description))
    return page.bullets(items)


def period_chart(counts: pd.DataFrame) -> alt.Chart:
    order = list(dict.fromkeys(counts["label"]))
    return (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            y=alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=130)),
            x=alt.X("sum(events):Q", title="Recorded events", axis=alt.Axis(tickMinStep=1)),
            color=type_colour(show_legend=False),
            tooltip=[alt.Tooltip("label:N", title="Period"), alt.Tooltip("type:N", title="Type"), alt.Tooltip("events:Q", title="Events")],
        )
        .properties(width="container", height=26 * len(order), title=charts.title(
            "Recorded events per period and type", "Colours as in the timeline above; hover a bar for its type"))
    )


def places_summary(selected: pd.DataFrame) -> pd.DataFrame:
    """One row per place of the slice: how many events, the years of the first and last, four titles."""
    places = data.load_table("places")[["place_id", "name_en", "variants", "lat", "lon", "coordinate_precision"]]
    grouped = selected.groupby("place_id").agg(
        events=("event_id", "size"),
        first=("date_start", "min"),
        last=("date_start", "max"),
        titles=("title", lambda titles: "; ".join(list(titles)[:4]) + (" …" if len(titles) > 4 else "")),
    )
    summary = grouped.reset_index().merge(places, on="place_id", how="left")
    summary["variants"] = summary["variants"].map(lambda names: ", ".join(names) if isinstance(names, list) else "")
    summary["years"] = summary["first"].dt.year.astype(str) + "–" + summary["last"].dt.year.astype(str)
    return summary.sort_values("events", ascending=False, ignore_index=True)


def split_for_map(summary: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Places drawn on the map, places abroad (outside it), places with no coordinates."""
    located, unlocated = maps.drawable(summary)
    inside = maps.inside_extent(located)
    return located[inside], located[~inside], unlocated


def event_map(drawn: pd.DataFrame) -> alt.LayerChart:
    return maps.point_map(
        drawn.drop(columns=["first", "last"]),
        color=alt.value("#b2182b"),
        tooltip=[
            alt.Tooltip("name_en:N", title="Place"),
            alt.Tooltip("variants:N", title="Also called"),
            alt.Tooltip("events:Q", title="Events"),
            alt.Tooltip("years:N", title="Years"),
            alt.Tooltip("titles:N", title="Events (first four)"),
            alt.Tooltip("coordinate_precision:N", title="Drawn at"),
        ],
        title="Where the recorded events happened, in and near Armenia and Azerbaijan",
        size=alt.Size("events:Q", title="Events", scale=alt.Scale(range=[40, 700], zero=False)),
    )


