"""Events drawn and listed the same way on every page: the event-type labels and colours, the
timeline, an event's list entry, and the recorded disputes and figures of a slice of events.

The chronology, the UN-resolutions chapter, the 2020 war and the 2023 chapter all show events; what
they share lives here, in the core, so that no chapter imports another.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from karabakh import charts, data, events, figures, page, tables

TYPE_LABELS = {
    "political_decision": "Political decision",
    "protest": "Protest",
    "violence_against_civilians": "Violence against civilians",
    "armed_clash": "Armed clash",
    "military_offensive": "Military offensive",
    "territory_change": "Territory change",
    "ceasefire": "Ceasefire",
    "agreement": "Agreement",
    "negotiation": "Negotiation",
    "international_resolution": "International resolution",
    "election_referendum": "Election or referendum",
    "displacement": "Displacement",
    "blockade": "Blockade",
    "humanitarian": "Humanitarian",
}


ROW_HEIGHT = 24  # pixels per event type on the timelines
#: Past this many events the timeline draws monthly counts instead of one mark per event, so a
#: page's embedded data stays small (each event mark carries its summary for the tooltip).
TIMELINE_EVENT_LIMIT = 1500


def periods() -> pd.DataFrame:
    return data.load_table("periods")


def type_colour(show_legend: bool = True) -> alt.Color:
    """The same colour for an event type on every chart of the book (field ``type``: the label)."""
    return alt.Color(
        "type:N",
        title="Event type",
        scale=alt.Scale(domain=list(TYPE_LABELS.values()), scheme="tableau20"),
        legend=alt.Legend(orient="bottom", columns=1, labelLimit=170) if show_legend else None,
    )


def event_item(row: dict) -> page.Markup:
    """One event as a list item with a stable anchor: date, place, title, summary, citations."""
    place = row["place"] if isinstance(row["place"], str) else row["place_id"]
    return page.Markup(
        '<span id="{}" class="karabakh-row"><a class="karabakh-anchor" href="#{}" title="Link to this event">'
        "<strong>{}</strong></a>, {}: {}. {} {}</span>"
    ).format(
        page.anchor("event", row["event_id"]), page.anchor("event", row["event_id"]),
        events.date_label(row), place, row["title"], row["summary"], page.cite(row["source_ids"]),
    )


def timeline(selected: pd.DataFrame) -> alt.Chart:
    """Every event as a mark on a zoomable time axis; legend and dropdown filter; hover for details.

    Past :data:`TIMELINE_EVENT_LIMIT` events, monthly counts per type instead (:func:`monthly_timeline`).
    """
    if len(selected) > TIMELINE_EVENT_LIMIT:
        return monthly_timeline(selected)
    start, end = events.chart_span(selected)
    period_labels = dict(zip(periods()["period_id"], periods()["label"]))
    frame = pd.DataFrame(
        {
            "start": start,
            "end": end,
            "date": selected.apply(events.date_label, axis=1),
            "title": selected["title"],
            "place": selected["place"].fillna(selected["place_id"]),
            "type": selected["event_type"].map(TYPE_LABELS),
            "period": selected["period_id"].map(period_labels),
            "sources": tables.join_sources(selected),
        }
    )
    labels = [label for label in period_labels.values() if label in set(frame["period"])]
    period_choice = alt.param(
        name="period",
        bind=alt.binding_select(options=[None, *labels], labels=["All periods", *labels], name="Period "),
    )
    type_choice = alt.selection_point(fields=["type"], bind="legend", name="type_choice")
    zoom = alt.selection_interval(encodings=["x"], bind="scales", name="zoom")
    visible = "period == null || datum.period == period"
    return (
        alt.Chart(frame)
        .mark_tick(thickness=3, size=22)
        .encode(
            x=alt.X("start:T", title=None),
            y=alt.Y("type:N", title=None, sort=sorted(frame["type"].unique())),
            color=type_colour(),
            opacity=alt.condition(type_choice, alt.value(0.9), alt.value(0.08)),
            tooltip=[
                alt.Tooltip("title:N", title="Event"),
                alt.Tooltip("date:N", title="Date"),
                alt.Tooltip("place:N", title="Place"),
                alt.Tooltip("sources:N", title="Sources"),
            ],
        )
        .add_params(period_choice, type_choice, zoom)
        .transform_filter(visible)
        .properties(
            # The plot takes whatever width the column leaves beside the long axis labels. The height
            # is a number, not a step: Vega-Lite warns about a step height beside a container width.
            width="container",
            height=ROW_HEIGHT * frame["type"].nunique(),
            title=charts.title(
                "Events of the conflict",
                "Scroll to zoom, drag to pan, click a legend entry to highlight a type, pick a period below",
            ),
        )
    )


def monthly_timeline(selected: pd.DataFrame) -> alt.Chart:
    """Events per month and type: the timeline of a slice too large to draw event by event."""
    months = selected.assign(
        month=selected["date_start"].dt.to_period("M").dt.start_time.dt.strftime("%Y-%m-%d"),
        type=selected["event_type"].map(TYPE_LABELS),
    ).groupby(["month", "type"]).size().rename("events").reset_index()
    return (
        alt.Chart(months)
        .mark_tick(thickness=3, size=22)
        .encode(
            x=alt.X("month:T", title=None),
            y=alt.Y("type:N", title=None, sort=sorted(months["type"].unique())),
            color=type_colour(),
            opacity=alt.Opacity("events:Q", title="Events in the month", scale=alt.Scale(range=[0.3, 1])),
            tooltip=[alt.Tooltip("month:T", title="Month", format="%B %Y"), alt.Tooltip("type:N", title="Type"),
                     alt.Tooltip("events:Q", title="Events")],
        )
        .add_params(alt.selection_interval(encodings=["x"], bind="scales", name="zoom"))
        .properties(
            width="container", height=ROW_HEIGHT * months["type"].nunique(),
            title=charts.title("Events of the conflict, per month",
                               f"{len(selected)} events: too many to draw one by one; darker means more"),
        )
    )


def disputes(selected: pd.DataFrame) -> pd.DataFrame:
    """The recorded disagreements about the slice's events: each competing value with its source."""
    table = data.load_table("event_disputes")
    table = table[table["event_id"].isin(selected["event_id"])]
    order = {event_id: rank for rank, event_id in enumerate(selected["event_id"])}
    return table.assign(_order=table["event_id"].map(order)).sort_values(["_order", "field"]).drop(columns="_order")


def event_figures(selected: pd.DataFrame) -> pd.DataFrame:
    """The figures stated about the slice's events (killed, displaced...), each with its claimant."""
    stated = figures.load(event_ids=selected["event_id"].tolist())
    order = {event_id: rank for rank, event_id in enumerate(selected["event_id"])}
    return stated.assign(_order=stated["event_id"].map(order)).sort_values(
        ["_order", "metric", "as_of", "figure_id"]).drop(columns="_order").reset_index(drop=True)


#: Past this many figures about one event (the war's revised tolls, the exodus's running totals),
#: the list gives each claimant's latest figure per count, up to this many, and says how many more
#: there are: the event's own chapter charts every revision, and a page stays under 1 MB.
FIGURES_PER_EVENT = 10


def latest_figures(rows: pd.DataFrame, limit: int = FIGURES_PER_EVENT) -> pd.DataFrame:
    """Each claimant's latest figure per count and side, in the rows' order, at most ``limit``."""
    if len(rows) <= limit:
        return rows
    latest = figures.same_day_order(rows).groupby(["claimant", "metric", "subject_side"], sort=False).tail(1)
    return rows.loc[rows.index.isin(latest.index)].head(limit)


def figures_html(stated: pd.DataFrame, selected: pd.DataFrame, link_to_chronology: bool = False) -> page.Markup:
    """Per event: the figures stated about it, with who states it and as of when; none is added up."""
    titles = dict(zip(selected["event_id"], selected["title"]))
    dates = {row["event_id"]: events.date_label(row) for row in selected.to_dict("records")}
    items = []
    for event_id, every in stated.groupby("event_id", sort=False):
        rows = latest_figures(every)
        more = page.Markup("")
        if len(every) > len(rows):
            more = page.Markup('<p class="karabakh-note"><em>Each claimant\'s latest figure is listed; {} earlier or '
                               "further figures about this event are in data/figures.csv, and its chapter charts every "
                               "revision.</em></p>").format(len(every) - len(rows))
        stated_items = page.bullets(
            page.Markup('<span id="{}">{}: {} ({}, as of {}{}) {}</span>').format(
                page.anchor("figure", row["figure_id"]), figures.METRIC_LABELS[row["metric"]], figures.value_text(row),
                row["claimant_name"], events.day_text(row["as_of"]) if row["as_of_precision"] == "day" else
                (row["as_of"].strftime("%B %Y") if row["as_of_precision"] == "month" else str(row["as_of"].year)),
                page.Markup("; {}").format(row["scope"]) if isinstance(row["scope"], str) else "",
                page.cite(row["source_ids"]),
            )
            for row in rows.to_dict("records")
        )
        href = page.event_href(event_id) if link_to_chronology else "#" + page.anchor("event", event_id)
        items.append(page.Markup('<a href="{}"><strong>{}</strong></a> ({}): {}{}').format(
            href, titles[event_id], dates[event_id], stated_items, more))
    return page.bullets(items)


def disputes_html(disputed: pd.DataFrame, selected: pd.DataFrame, link_to_chronology: bool = False) -> page.Markup:
    """Per event and disputed field, every competing value with its sources and note."""
    titles = dict(zip(selected["event_id"], selected["title"]))
    dates = {row["event_id"]: events.date_label(row) for row in selected.to_dict("records")}
    items = []
    for (event_id, field), values in disputed.groupby(["event_id", "field"], sort=False):
        competing = page.bullets(
            page.Markup("{}{} {}").format(
                row.value,
                page.Markup(" ({})").format(row.note) if isinstance(row.note, str) and row.note else "",
                page.cite(row.source_ids),
            )
            for row in values.itertuples()
        )
        href = page.event_href(event_id) if link_to_chronology else "#" + page.anchor("event", event_id)
        items.append(page.Markup('<a href="{}"><strong>{}</strong></a> ({}), {}: {}').format(
            href, titles[event_id], dates[event_id], field.replace("_", " "), competing
        ))
    return page.bullets(items)
