"""The 1993 Security Council resolutions: their texts as data, their context, their fate."""

from __future__ import annotations

import altair as alt
import pandas as pd

from karabakh import charts, data, event_display, events, maps, page, tables

OUTCOME_LABELS = {
    "implemented": "Implemented",
    "partially_implemented": "Partly implemented",
    "not_implemented": "Not implemented",
    "overtaken_by_events": "Overtaken by events",
}


def load_resolutions(numbers: list[int]) -> pd.DataFrame:
    """The resolutions, each with its demands and the parties it calls upon (from the child table)."""
    table = data.load_table("un_resolutions")
    table = table[table["resolution"].isin(numbers)].sort_values("resolution", ignore_index=True)
    provisions = data.load_table("un_resolution_provisions").sort_values(["resolution", "kind", "position"])
    for kind, column in (("demand", "demands"), ("called_upon", "called_upon")):
        texts = provisions[provisions["kind"] == kind].groupby("resolution")["text"].agg(list)
        table[column] = table["resolution"].map(texts).map(lambda items: items if isinstance(items, list) else [])
    return table


def resolution_table(resolutions: pd.DataFrame) -> pd.DataFrame:
    """One row per resolution: when, how adopted, what it names."""
    return pd.DataFrame(
        {
            "Resolution": resolutions["symbol"],
            "Adopted": resolutions["adoption_date"].map(events.day_text),
            "Meeting": resolutions["meeting_number"],
            "Vote (for–against–abstaining)": [
                f"{row.votes_for}–{row.votes_against}–{row.abstentions}" for row in resolutions.itertuples()
            ],
            "Places named as seized or occupied": resolutions["occupied_places"].map(tables.name_list).replace("", "none"),
        }
    )


def resolution_details(resolutions: pd.DataFrame) -> page.Markup:
    """For each resolution: how it words the occupation, what it demands, whom it calls upon."""
    blocks = []
    for row in resolutions.itertuples():
        blocks.append(page.Markup(
            '<div id="{}" class="karabakh-row"><p><strong>{}, {}</strong></p>'
            "<ul><li><em>The places:</em> {}</li><li><em>Demands:</em>{}</li><li><em>Calls upon:</em>{}</li></ul></div>"
        ).format(
            page.anchor("resolution", row.resolution), row.symbol, events.day_text(row.adoption_date),
            row.occupied_wording, page.bullets(row.demands), page.bullets(row.called_upon),
        ))
    return page.Markup("").join(blocks)


def named_places(resolutions: pd.DataFrame) -> pd.DataFrame:
    """One row per (resolution, place named as occupied), with the place's names and coordinates."""
    places = data.load_table("places")
    pairs = resolutions[["resolution", "adoption_date", "occupied_places"]].explode("occupied_places").dropna()
    pairs = pairs.rename(columns={"occupied_places": "place_id"}).merge(places, on="place_id", how="left")
    pairs["variants"] = pairs["variants"].map(lambda names: ", ".join(names) if isinstance(names, list) else "")
    pairs["Resolution"] = pairs["resolution"].astype(str)
    return pairs.reset_index(drop=True)


def context_events(numbers: list[int], start: str, end: str) -> pd.DataFrame:
    """Events of the window, with the resolutions that cite each as a preceding offensive."""
    window = events.select(events.load_events(), start, end)
    resolutions = load_resolutions(numbers)
    cited = resolutions[["resolution", "preceding_event_ids"]].explode("preceding_event_ids")
    cited_by = cited.groupby("preceding_event_ids")["resolution"].agg(lambda r: ", ".join(map(str, sorted(r))))
    window["preceded"] = window["event_id"].map(cited_by).fillna("")
    return window


def timeline(resolutions: pd.DataFrame, window: pd.DataFrame, start: str, end: str) -> alt.LayerChart:
    """Events of the window as bars (multi-day) and dots, with the resolutions as vertical rules."""
    span_start, span_end = events.chart_span(window)
    frame = window.assign(
        start=span_start,
        end=span_end,
        sources=tables.join_sources(window),
        type=window["event_type"].map(event_display.TYPE_LABELS),
    )[["start", "end", "title", "summary", "place", "type", "sources", "preceded"]]
    # The scale is declared on the first layer only; the other layers share it.
    x = alt.X("start:T", title=None, axis=alt.Axis(format="%b %Y"))
    first, last = (alt.DateTime(year=day.year, month=day.month, date=day.day) for day in map(pd.Timestamp, (start, end)))
    # domainMin/domainMax, not domain: Vega-Lite 6 warns of conflicting domains for a temporal
    # domain given as a list, and the warning reaches the reader's console.
    x_scaled = alt.X("start:T", title=None, scale=alt.Scale(domainMin=first, domainMax=last), axis=alt.Axis(format="%b %Y", labelFlush=True, labelBound=0))
    tooltip = [
        alt.Tooltip("title:N", title="Event"),
        alt.Tooltip("start:T", title="From", format="%d %b %Y"),
        alt.Tooltip("place:N", title="Place"),
        alt.Tooltip("summary:N", title="Summary"),
        alt.Tooltip("sources:N", title="Sources"),
    ]
    y = alt.Y("type:N", title=None, sort="ascending")
    spans = alt.Chart(frame).mark_bar(height=12, opacity=0.75, cornerRadius=2, clip=True).encode(
        x=x_scaled, x2="end:T", y=y, color=event_display.type_colour(show_legend=False), tooltip=tooltip
    )
    marks = alt.Chart(frame).mark_point(filled=True, size=60, opacity=0.9, clip=True).encode(
        x=x, y=y, color=event_display.type_colour(show_legend=False), tooltip=tooltip
    )
    rules_frame = pd.DataFrame(
        {
            "start": resolutions["adoption_date"].dt.strftime("%Y-%m-%d"),
            "label": resolutions["resolution"].astype(str),  # short: 874 and 884 are four weeks apart
            "symbol": resolutions["symbol"],
        }
    )
    rules = alt.Chart(rules_frame).mark_rule(color="#4a6fa5", strokeWidth=2, strokeDash=[4, 3]).encode(
        x=x,
        tooltip=[alt.Tooltip("symbol:N", title="Resolution"), alt.Tooltip("start:T", title="Adopted", format="%d %b %Y")],
    )
    labels = alt.Chart(rules_frame).mark_text(color="#4a6fa5", align="left", dx=4, dy=-4, fontWeight="bold").encode(
        x=x, y=alt.value(0), text="label:N"
    )
    return alt.layer(spans, marks, rules, labels).properties(
        width="container",  # beside the long axis labels; a numeric height, as in the chronology
        height=event_display.ROW_HEIGHT * frame["type"].nunique(),
        title=charts.title(
            "The resolutions against the events of the window",
            "Dashed lines: adoption of each resolution. Hover a mark for its summary and sources",
        ),
    )


def places_map(named: pd.DataFrame) -> alt.LayerChart:
    drawn, _ = maps.drawable(named)
    return maps.point_map(
        drawn,
        color=alt.Color("Resolution:N", title="Resolution"),
        tooltip=[
            alt.Tooltip("Resolution:N"),
            alt.Tooltip("name_en:N", title="Place"),
            alt.Tooltip("variants:N", title="Also called"),
            alt.Tooltip("coordinate_precision:N", title="Drawn at"),
        ],
        title="Places each resolution names as seized or occupied",
        label="name_en",
        extent=maps.KARABAKH_EXTENT,  # every place the resolutions name lies in and around Karabakh
    )


def load_followup(numbers: list[int]) -> pd.DataFrame:
    table = data.load_table("un_resolution_followup")
    return table[table["resolution"].isin(numbers)].sort_values(["resolution", "outcome_date"], ignore_index=True)


def followup_table(followup: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Resolution": followup["resolution"],
            "Demand": followup["demand"],
            "Outcome": followup["outcome"].map(OUTCOME_LABELS),
            "When": followup["outcome_date"].map(lambda day: "—" if pd.isna(day) else events.day_text(day)),
            "What happened": [
                page.Markup("{} {}").format(row.summary, page.cite(row.source_ids)) for row in followup.itertuples()
            ],
        }
    )


def outcome_counts(followup: pd.DataFrame) -> alt.Chart:
    counts = followup.groupby(["resolution", "outcome"]).size().rename("demands").reset_index()
    counts["Outcome"] = counts["outcome"].map(OUTCOME_LABELS)
    counts["Resolution"] = counts["resolution"].astype(str)
    return (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            y=alt.Y("Resolution:N", title="Resolution"),
            x=alt.X("demands:Q", title="Demands", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("Outcome:N", sort=list(OUTCOME_LABELS.values()), scale=alt.Scale(domain=list(OUTCOME_LABELS.values()))),
            tooltip=["Resolution:N", "Outcome:N", "demands:Q"],
        )
        .properties(width="container", height=34 * counts["Resolution"].nunique(), title=charts.title("What became of each resolution's demands"))
    )


def claims_about(numbers: list[int]) -> pd.DataFrame:
    """Statements of the input articles about these resolutions, with their grades."""
    claims = data.load_table("claims")
    claims = claims[claims["topic"] == "un_resolutions"]
    mentioned = claims["claim"].str.contains("|".join(map(str, numbers))) | claims["quote"].str.contains("|".join(map(str, numbers)))
    general = ~claims["claim"].str.contains(r"\b8[0-9]{2}\b") & ~claims["quote"].str.contains(r"\b8[0-9]{2}\b")
    return claims[mentioned | general].reset_index(drop=True)


def preceding_summary(resolutions: pd.DataFrame, window: pd.DataFrame) -> page.Markup:
    """Each resolution, its date, and the events it followed, from the data."""
    all_events = events.load_events().set_index("event_id")
    items = []
    for row in resolutions.itertuples():
        preceding = all_events.loc[row.preceding_event_ids].sort_values("date_start").reset_index()
        described = page.Markup("; ").join(
            page.Markup('<a href="{}">{}</a> ({}) {}').format(
                page.event_href(event["event_id"]), event["title"], events.date_label(event), page.cite(event["source_ids"])
            )
            for event in preceding.to_dict("records")
        )
        items.append(page.Markup("<strong>{}</strong>, adopted {}, followed: {}.").format(
            row.symbol, events.day_text(row.adoption_date), described))
    outside = [
        event_id
        for ids in resolutions["preceding_event_ids"]
        for event_id in ids
        if event_id not in set(window["event_id"])
    ]
    result = page.bullets(items)
    if outside:
        result += page.Markup('<p class="karabakh-note"><em>{} of these events fall outside the chosen window and are not on the timeline.</em></p>').format(len(outside))
    return result


def named_places_table(named: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Resolution": named["resolution"],
            "Place (this book)": named["name_en"],
            "Azerbaijani": named["name_az"],
            "Armenian": named["name_hy"],
            "Russian": named["name_ru"],
            "Other forms": named["variants"],
        }
    )
