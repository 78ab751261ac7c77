"""Events drawn and listed the same way on every page: the event-type labels and colours, the
timeline, the table of events, and the recorded disputes and figures of a slice of events.

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
    "political_violence": "Political violence",
    "cultural_heritage": "Cultural heritage",
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


#: The events table gives every event of a slice of up to LIST_TOTAL events; past that, the first
#: LIST_LIMIT_PER_PERIOD of each period and how many more (a page stays under 1 MB of its own).
LIST_TOTAL = 400
LIST_LIMIT_PER_PERIOD = 40


def listed_events(selected: pd.DataFrame) -> pd.DataFrame:
    """Every event of a slice of up to LIST_TOTAL events; past that, the first LIST_LIMIT_PER_PERIOD of each period."""
    if len(selected) <= LIST_TOTAL:
        return selected
    return selected.groupby("period_id", sort=False, group_keys=False).head(LIST_LIMIT_PER_PERIOD)


def events_table(listed: pd.DataFrame) -> pd.DataFrame:
    table = periods()
    labels = dict(zip(table["period_id"], table["label"]))
    return pd.DataFrame(
        {
            "Date": listed.apply(events.date_label, axis=1),
            "Place": [row["place"] if isinstance(row["place"], str) else row["place_id"] for row in listed.to_dict("records")],
            "Event": [page.Markup('<a class="karabakh-anchor" href="#{}" title="Link to this event">{}</a>').format(
                page.anchor("event", row.event_id), row.title) for row in listed.itertuples()],
            "What happened": listed["summary"],
            "Type": listed["event_type"].map(TYPE_LABELS),
            "Period": listed["period_id"].map(labels),
            "Sources": [page.cite(ids) for ids in listed["source_ids"]],
        }
    ).reset_index(drop=True)


def events_view(selected: pd.DataFrame):
    """Every event of the slice in one table a reader can search (any name of a place), filter by
    period and type and by date, each row linkable (#event-...)."""
    listed = listed_events(selected).reset_index(drop=True)
    more = ""
    if len(listed) < len(selected):
        more = (f" The first {LIST_LIMIT_PER_PERIOD} events of each period are listed; {len(selected) - len(listed)} "
                "more events of this slice are in data/events.csv.")
    return tables.show_table(
        events_table(listed), events.all_source_ids(listed),
        f"{len(listed)} events, by date.{more}",
        anchors=listed["event_id"].map(lambda event_id: page.anchor("event", event_id)),
        filters=("Period", "Type"), dates=tables.iso_dates(listed["date_start"]), date_column="Date",
        details=("What happened",), search_text=listed["place_id"].map(tables.other_names()).fillna(""),
        search_column="Place",
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
            x=alt.X("start:T", title=None, axis=alt.Axis(labelFlush=True, labelOverlap=True, labelBound=0)),
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
            x=alt.X("month:T", title=None, axis=alt.Axis(labelFlush=True, labelOverlap=True, labelBound=0)),
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
FIGURES_PER_EVENT = 6


def latest_figures(rows: pd.DataFrame, limit: int = FIGURES_PER_EVENT) -> pd.DataFrame:
    """Each claimant's latest figure per count and side, in the rows' order, at most ``limit``."""
    if len(rows) <= limit:
        return rows
    latest = figures.same_day_order(rows).groupby(["claimant", "metric", "subject_side"], sort=False).tail(1)
    return rows.loc[rows.index.isin(latest.index)].head(limit)


def _event_cells(event_ids: pd.Series, selected: pd.DataFrame, link_to_chronology: bool) -> list[page.Markup]:
    """Each event's title, linked to its row (on this page, or in the chronology), and its date."""
    rows = {row["event_id"]: row for row in selected.to_dict("records")}
    cells = []
    for event_id in event_ids:
        href = page.event_href(event_id) if link_to_chronology else "#" + page.anchor("event", event_id)
        cells.append(page.Markup('<a href="{}">{}</a> ({})').format(href, rows[event_id]["title"],
                                                                   events.date_label(rows[event_id])))
    return cells


def figures_view(stated: pd.DataFrame, selected: pd.DataFrame, link_to_chronology: bool = False):
    """Per event: the figures stated about it, with who states it and as of when; none is added up.

    An event with more than FIGURES_PER_EVENT figures lists each claimant's latest; the caption says
    how many more there are (the event's own chapter charts every revision).
    """
    shown = pd.concat([latest_figures(every) for _, every in stated.groupby("event_id", sort=False)])
    more = len(stated) - len(shown)
    caption = f"{len(shown)} figures about {shown['event_id'].nunique()} events, each as its claimant stated it."
    if more:
        caption += (f" For events with more than {FIGURES_PER_EVENT} figures, each claimant's latest is listed; "
                    f"{more} earlier or further figures are in data/figures.csv, and the event's chapter charts every revision.")
    return figures.show(
        shown, caption,
        extra={"Event": _event_cells(shown["event_id"], selected, link_to_chronology)},
    )


def disputes_table(disputed: pd.DataFrame, selected: pd.DataFrame, link_to_chronology: bool = False) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Event": _event_cells(disputed["event_id"], selected, link_to_chronology),
            "What is disputed": disputed["field"].map({"date_start": "start date", "date_end": "end date", "other": "other"}),
            "Competing value": disputed["value"],
            "Context": disputed["note"].fillna(""),
            "Sources": [page.cite(ids) for ids in disputed["source_ids"]],
        }
    ).reset_index(drop=True)


def disputes_view(disputed: pd.DataFrame, selected: pd.DataFrame, link_to_chronology: bool = False):
    """Per event and disputed field, every competing value with its sources and context, searchable."""
    starts = disputed["event_id"].map(dict(zip(selected["event_id"], selected["date_start"])))
    return tables.show_table(
        disputes_table(disputed, selected, link_to_chronology), events.all_source_ids(disputed),
        f"{len(disputed)} competing values for {disputed['event_id'].nunique()} events; none is picked.",
        filters=("What is disputed",), dates=tables.iso_dates(starts.reset_index(drop=True)), date_column="Event",
        details=("Context",),
    )
