"""The chronology: events by period, an interactive timeline, a map, and the recorded disputes."""

from __future__ import annotations

import altair as alt
import pandas as pd

from karabakh import charts, data, events, maps, page, tables

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
#: The lists give every event of a slice of up to LIST_TOTAL events; past that, the first
#: LIST_LIMIT_PER_PERIOD of each period and how many more (a page stays under 1 MB of its own).
LIST_TOTAL = 400
LIST_LIMIT_PER_PERIOD = 40


def type_colour(show_legend: bool = True) -> alt.Color:
    """The same colour for an event type on every chart of the book (field ``type``: the label)."""
    return alt.Color(
        "type:N",
        title="Event type",
        scale=alt.Scale(domain=list(TYPE_LABELS.values()), scheme="tableau20"),
        legend=alt.Legend(orient="bottom", columns=1, labelLimit=170) if show_legend else None,
    )


def select(start: str, end: str, event_types: list[str], places: list[str], min_precision: str) -> pd.DataFrame:
    return events.select(events.load_events(), start, end, event_types, places, min_precision)


def periods() -> pd.DataFrame:
    return data.load_table("periods")


def period_counts(selected: pd.DataFrame) -> pd.DataFrame:
    """Events per period and type, for the periods the slice has events in."""
    table = periods()
    counts = selected.groupby(["period_id", "event_type"]).size().rename("events").reset_index()
    counts = counts.merge(table[["period_id", "label", "date_start"]], on="period_id")
    counts["type"] = counts["event_type"].map(TYPE_LABELS)
    return counts.sort_values(["date_start", "type"], ignore_index=True)


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


def period_sections(selected: pd.DataFrame) -> page.Markup:
    """Per period that has events in the slice: a heading, what defines it, and every event."""
    blocks = []
    for period in periods().itertuples():
        inside = selected[selected["period_id"] == period.period_id]
        if inside.empty:
            continue
        count = len(inside)
        listed = inside if len(selected) <= LIST_TOTAL else inside.head(LIST_LIMIT_PER_PERIOD)
        more = page.Markup("")
        if count > len(listed):
            more = page.Markup('<p class="karabakh-note"><em>The first {} are listed; {} more events of this period '
                               "are in data/events.csv.</em></p>").format(len(listed), count - len(listed))
        blocks.append(
            page.Markup('<section id="{}" class="karabakh-period"><h3>{}</h3><p><em>{}</em> {} recorded event{} in this slice.</p>{}{}</section>').format(
                page.anchor("period", period.period_id), period.label, period.description, count,
                "s" if count != 1 else "", page.bullets(event_item(row) for row in listed.to_dict("records")), more,
            )
        )
    return page.Markup("").join(blocks)


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


def disputes(selected: pd.DataFrame) -> pd.DataFrame:
    """The recorded disagreements about the slice's events: each competing value with its source."""
    table = data.load_table("event_disputes")
    table = table[table["event_id"].isin(selected["event_id"])]
    order = {event_id: rank for rank, event_id in enumerate(selected["event_id"])}
    return table.assign(_order=table["event_id"].map(order)).sort_values(["_order", "field"]).drop(columns="_order")


def event_figures(selected: pd.DataFrame) -> pd.DataFrame:
    """The figures stated about the slice's events (killed, displaced...), each with its claimant."""
    from karabakh import figures

    stated = figures.load(event_ids=selected["event_id"].tolist())
    order = {event_id: rank for rank, event_id in enumerate(selected["event_id"])}
    return stated.assign(_order=stated["event_id"].map(order)).sort_values(
        ["_order", "metric", "as_of", "figure_id"]).drop(columns="_order").reset_index(drop=True)


def figures_html(stated: pd.DataFrame, selected: pd.DataFrame, link_to_chronology: bool = False) -> page.Markup:
    """Per event: every figure stated about it, with who states it and as of when; none is added up."""
    from karabakh import figures

    titles = dict(zip(selected["event_id"], selected["title"]))
    dates = {row["event_id"]: events.date_label(row) for row in selected.to_dict("records")}
    items = []
    for event_id, rows in stated.groupby("event_id", sort=False):
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
        items.append(page.Markup('<a href="{}"><strong>{}</strong></a> ({}): {}').format(
            href, titles[event_id], dates[event_id], stated_items))
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
