"""The 2020 war: who held what, day by day; the ceasefires; strikes far from the front; the statement.

Control changes keep the capturing side's claim and the other side's (or independent) confirmation
apart, each with its own date: the map colours a place as claimed from the first date and as
confirmed from the second.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from karabakh import charts, control, data, event_display, events, figures, maps, page, tables

WAR_START = pd.Timestamp("2020-09-27")
WAR_END = pd.Timestamp("2020-11-10")
#: The event the war-wide figures (each government's count of its dead, wounded, missing) belong to.
WAR_EVENT = "2020-09-27-second-karabakh-war"
#: A 2020 place's states on the chosen day, in the order they follow each other (karabakh.control).
STATES = {state: control.STATES[state] for state in (
    control.held("armenian_forces"), control.taken("azerbaijani_forces"), control.held("azerbaijani_forces"), control.HANDED_OVER)}
PARTY_LABELS = control.PARTY_LABELS
OUTCOME_LABELS = {
    "implemented": "Implemented",
    "partially_implemented": "Partly implemented",
    "not_implemented": "Not implemented",
    "superseded": "Superseded",
    "ongoing": "Ongoing",
}


def load_changes(start: str, end: str) -> pd.DataFrame:
    """Control changes dated within [start, end], with their place and the actors' names."""
    return control.load(start, end)


def state_on(changes: pd.DataFrame, day: str | pd.Timestamp) -> pd.Series:
    """Each change's state on ``day`` (the label the map shows): the rule of karabakh.control."""
    day = pd.Timestamp(day)
    return pd.Series([control.state_of_change(row, day) if row["date"] <= day else control.held(row["from_party"])
                      for _, row in changes.iterrows()], index=changes.index)


def control_map(changes: pd.DataFrame, start: str, end: str, level: str = "settlement") -> alt.LayerChart:
    """The area with a day slider (karabakh.control), each district shaded by its announced captures."""
    origin = pd.Timestamp(start)
    districts = [maps.district_layer()] if level == "district" else []
    return control.control_map(
        changes, start, end, "Places that changed hands, by the chosen day",
        "Move the slider; hover a dot for the claim, the confirmation and the sources",
        extra_layers=[*district_tally(changes, origin), *districts], notes=False,
    )


def tally_frame(changes: pd.DataFrame, origin: pd.Timestamp) -> pd.DataFrame:
    """One row per announced capture, with or without coordinates: the map unit of its district
    (the boundary file names rayons without "District") and the day numbers of its claim and confirmation."""
    captures = announced(changes)
    names = tables.place_names()
    return pd.DataFrame({
        "unit": captures["parent_id"].map(names).fillna("").str.replace(r" District$", "", regex=True).to_numpy(),
        "claim_day": control.day_number(captures["date"], origin).to_numpy(),
        "confirm_day": control.day_number(captures["confirmation_date"], origin).to_numpy(),
    })


def district_tally(changes: pd.DataFrame, origin: pd.Timestamp) -> list[alt.Chart]:
    """Each district shaded by the share of its announced captures (all of them, with or without
    coordinates) claimed by the chosen day, and labelled "claimed/all"; hover for the confirmed."""
    frame = tally_frame(changes, origin)
    if frame.empty:
        return []
    tally = (
        alt.Chart(frame)
        .transform_calculate(
            claimed="datum.claim_day <= day ? 1 : 0",
            confirmed="datum.claim_day <= day && isValid(datum.confirm_day) && datum.confirm_day <= day ? 1 : 0",
        )
        .transform_aggregate(claimed="sum(claimed)", confirmed="sum(confirmed)", total="count()", groupby=["unit"])
        .transform_lookup(lookup="unit", from_=alt.LookupData(data=maps.boundary_data(), key="properties.name"), as_="geo")
        .transform_filter("isValid(datum.geo) && datum.claimed > 0")
        .transform_calculate(
            share="datum.claimed / datum.total",
            label="datum.claimed + '/' + datum.total",
            summary="datum.claimed + ' of ' + datum.total + ' claimed, ' + datum.confirmed + ' confirmed'",
            lat="datum.geo.properties.label_lat", lon="datum.geo.properties.label_lon",
        )
    )
    tooltip = [alt.Tooltip("unit:N", title="District"), alt.Tooltip("summary:N", title="Announced captures by the day")]
    shade = tally.mark_geoshape(stroke=None, clip=True).encode(
        shape="geo:G", tooltip=tooltip,
        color=alt.Color("share:Q", legend=None, scale=alt.Scale(domain=[0, 1], range=["#fdf0d9", "#f3c26b"])),
    )
    text = {"fontSize": 11, "fontWeight": "bold", "align": "center", "baseline": "middle"}
    encoding = {"longitude": "lon:Q", "latitude": "lat:Q", "text": "label:N", "tooltip": alt.value(None)}
    halo = tally.mark_text(stroke="white", strokeWidth=3, strokeJoin="round", **text).encode(**encoding)
    ink = tally.mark_text(color="#7a4b00", **text).encode(**encoding)
    return [shade, halo, ink]


#: Who announced captures during the war (the claims that the official total counts).
ANNOUNCERS = ("azerbaijan_government", "azerbaijan_mod")


def announced(changes: pd.DataFrame) -> pd.DataFrame:
    """The captures announced during the war: one row per settlement, dated by its first announcement."""
    war = changes["claim_date"].between(WAR_START, WAR_END) & (changes["mode"] == "military")
    return changes[war & changes["claimed_by"].isin(ANNOUNCERS)]


def official_total() -> pd.DataFrame:
    """Azerbaijan's official count of the settlements taken in the war (cities, towns, villages)."""
    return figures.load(["settlements_captured"], [], "2020-09-27", "2099-12-31", event_ids=[WAR_EVENT])


def coverage_html(changes: pd.DataFrame, denials: pd.DataFrame) -> page.Markup:
    """How much of the official total the book has found by name, placed on the map, or only listed."""
    captures = announced(changes)
    mapped = captures["lat"].notna() & captures["lon"].notna()
    total = official_total()
    counted = [f"{int(row.value_best)} {row.figure_id.rsplit('-', 1)[-1]}" for row in total.itertuples()]
    parts = ", ".join(counted[:-1]) + " and " + counted[-1] if len(counted) > 1 else "".join(counted)
    official = int(total["value_best"].sum())
    denied = denials["change_id"].isin(captures["change_id"])
    return page.Markup(
        '<p class="karabakh-note">Azerbaijan\'s official count of what its army took in the war is {} ({} settlements) {}. '
        "The book has found <strong>{}</strong> of them by name in the capture announcements of 27 September "
        "to 10 November 2020, each dated by the day it was first announced: <strong>{}</strong> are on the map; "
        "<strong>{}</strong> have no coordinates the book can cite: they are listed under the map, with their "
        "district and the day of the claim, and counted in their district's shading on the map. {} announced captures were denied by the other side ({} denials, listed below "
        "the chart of claims and denials). The names the book has not found or could not date are listed, with "
        "the reason, in data/README.md.</p>"
    ).format(parts, official, page.cite(events.all_source_ids(total)), len(captures), int(mapped.sum()),
             int((~mapped).sum()), int(denials.loc[denied, "change_id"].nunique()), int(denied.sum()))


def unmapped_html(changes: pd.DataFrame) -> page.Markup:
    """The announced captures that cannot be drawn (no citable coordinates), by district."""
    places = data.load_table("places").set_index("place_id")["name_en"]
    missing = announced(changes)
    missing = missing[missing["lat"].isna() | missing["lon"].isna()]
    blocks = []
    for district, rows in missing.sort_values(["parent_id", "date", "name_en"]).groupby("parent_id", sort=True):
        entries = page.Markup(", ").join(
            page.Markup('<a href="#{}">{}</a> ({})').format(
                page.anchor("change", row.change_id), row.name_en, events.day_text(row.date))
            for row in rows.itertuples()
        )
        blocks.append(page.Markup("<strong>{}</strong> ({}): {}").format(places.get(district, district), len(rows), entries))
    return page.bullets(blocks)


def load_denials(changes: pd.DataFrame) -> pd.DataFrame:
    """The denials of the window's announced captures, with the place and the denier's name."""
    denials = data.load_table("control_denials")
    denials = denials[denials["change_id"].isin(changes["change_id"])]
    names = figures.actor_names()
    place = changes.set_index("change_id")["name_en"]
    return denials.assign(place=denials["change_id"].map(place), denied_by_name=denials["denied_by"].map(names))


def claim_denial_chart(changes: pd.DataFrame, denials: pd.DataFrame) -> alt.LayerChart:
    """For each capture the other side denied: the claim, each denial, and the admission, with the days between."""
    denied = changes[changes["change_id"].isin(denials["change_id"])]
    rows = []
    for change in denied.itertuples():
        rows.append({"place": change.name_en, "step": "Claimed", "day": change.date, "who": change.claimed_by_name,
                     "what": "first announcement", "days": 0})
        for denial in denials[denials["change_id"] == change.change_id].itertuples():
            rows.append({"place": change.name_en, "step": "Denied", "day": denial.denial_date, "who": denial.denied_by_name,
                         "what": denial.summary, "days": int((denial.denial_date - change.date).days)})
        if pd.notna(change.confirmation_date):
            kind = {"other_side": "admitted by the other side", "independent": "confirmed independently",
                    "party_to_statement": "reported by a party to the statement"}[change.confirmation_kind]
            rows.append({"place": change.name_en, "step": "Admitted or confirmed", "day": change.confirmation_date,
                         "who": change.confirmed_by_name, "what": kind,
                         "days": int((change.confirmation_date - change.date).days)})
    frame = pd.DataFrame(rows)
    frame["date"] = frame["day"].dt.strftime("%Y-%m-%d")
    order = denied.sort_values(["date", "name_en"])["name_en"].tolist()
    steps = {"Claimed": list(STATES.values())[1], "Denied": "#d55e00", "Admitted or confirmed": list(STATES.values())[2]}
    y = alt.Y("place:N", title=None, sort=order, axis=alt.Axis(labelLimit=140))
    x = alt.X("date:T", title=None, axis=alt.Axis(format="%-d %b", tickCount=4, labelFlush=True))
    spans = frame.groupby("place").agg(first=("date", "min"), last=("date", "max")).reset_index()
    rule = alt.Chart(spans).mark_rule(color="#999", strokeWidth=2).encode(x="first:T", x2="last:T", y=y)
    points = alt.Chart(frame).mark_point(filled=True, size=70, opacity=0.9).encode(
        x=x, y=y,
        color=alt.Color("step:N", title=None, scale=alt.Scale(domain=list(steps), range=list(steps.values())),
                        legend=alt.Legend(orient="bottom", columns=1)),
        shape=alt.Shape("step:N", scale=alt.Scale(domain=list(steps), range=["circle", "cross", "diamond"]), legend=None),
        tooltip=[alt.Tooltip("place:N", title="Place"), alt.Tooltip("step:N", title="Step"),
                 alt.Tooltip("date:T", title="Date", format="%-d %b %Y"), alt.Tooltip("who:N", title="By"),
                 alt.Tooltip("what:N", title="What"), alt.Tooltip("days:Q", title="Days after the claim")],
    )
    return alt.layer(rule, points).properties(
        width="container", height=max(80, 26 * len(order)),
        title=charts.title("Claimed, denied, then admitted",
                           "Orange: first claim; red cross: a denial; blue diamond: the admission or confirmation"),
    )


def denials_table(denials: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Place": denials["place"],
            "Denied": denials["denial_date"].map(events.day_text),
            "By": denials["denied_by_name"],
            "What was said": denials["summary"],
            "Names the place": denials["scope"].map({"place": "yes", "statement": "no: the announcement it answers"}),
            "Sources": [page.cite(row.source_ids) for row in denials.itertuples()],
        }
    )


changes_table = control.changes_table
changes_view = control.changes_view
change_anchors = control.change_anchors


def ceasefires() -> pd.DataFrame:
    table = data.load_table("ceasefires")
    evs = events.load_events()[["event_id", "title", "date_start"]]
    table = table.merge(evs, on="event_id", how="left")
    table["held_days"] = (table["first_violation_reported"] - table["announced"]).dt.days
    return table.sort_values("announced", ignore_index=True)


def ceasefire_table(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Ceasefire": [page.Markup('<a href="{}">{}</a>').format(page.event_href(row.event_id), row.title) for row in table.itertuples()],
            "Agreed in": table["agreed_in"],
            "Mediator": table["mediator"].fillna(""),
            "Announced": table["announced"].map(events.day_text),
            "In force from": table["effective"],
            "First violations reported": table["first_violation_reported"].map(lambda day: "—" if pd.isna(day) else events.day_text(day)),
            "Who accused whom": table["violation_note"].fillna(""),
            "Sources": [page.cite(ids) for ids in table["source_ids"]],
        }
    )


def strikes(start: str, end: str) -> pd.DataFrame:
    """Strikes on towns during the war: events at one settlement with civilian tolls in ``figures``, per claimant.

    The war itself (whose war-wide tolls are in :func:`war_figures`) and fighting after it (the 2021
    and 2022 border clashes) also have civilian tolls; they are not strikes on a town.
    """
    tolls = figures.load(metrics=["civilian_dead", "civilian_wounded"])
    tolls = tolls[tolls["event_id"].notna()]
    evs = events.load_events()
    first, last = max(pd.Timestamp(start), WAR_START), min(pd.Timestamp(end), WAR_END)
    evs = evs[(evs["date_start"] >= first) & (evs["date_start"] <= last) & (evs["coordinate_precision"] == "settlement")]
    return tolls.merge(evs[["event_id", "title", "date_start", "date_end", "date_precision", "place"]], on="event_id")


def strikes_table(tolls: pd.DataFrame) -> pd.DataFrame:
    ordered = tolls.sort_values(["date_start", "event_id", "metric", "claimant"], ignore_index=True)
    return pd.DataFrame(
        {
            "Strike": [page.Markup('<a href="{}">{}</a>').format(page.event_href(row.event_id), row.title) for row in ordered.itertuples()],
            "Where": ordered["place"],
            "When": ordered.apply(events.date_label, axis=1),
            "Counted": ordered["metric"].map(figures.METRIC_LABELS),
            "Figure": ordered.apply(figures.value_text, axis=1),
            "Who states it": ordered["claimant_name"],
            "As of": ordered["as_of"].map(events.day_text),
            "Sources": [page.cite(ids) for ids in ordered["source_ids"]],
        }
    )


def terms() -> pd.DataFrame:
    return data.load_table("agreement_terms").sort_values(["point", "term_id"], ignore_index=True)


def terms_table(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Point": table["point"],
            "What it says": [
                page.Markup("{} <q>{}</q>").format(row.summary, row.quote) if isinstance(row.quote, str) else page.Markup("{}").format(row.summary)
                for row in table.itertuples()
            ],
            "Deadline": [
                row.deadline_text if isinstance(row.deadline_text, str) else ("—" if pd.isna(row.deadline) else events.day_text(row.deadline))
                for row in table.itertuples()
            ],
            "What happened": [page.Markup("{} {}").format(row.what_happened, page.cite(row.outcome_source_ids)) for row in table.itertuples()],
            "Outcome": table["outcome"].map(OUTCOME_LABELS)
            + table["outcome_date"].map(lambda day: "" if pd.isna(day) else f" ({events.day_text(day)})"),
        }
    )


#: The map's slider covers the war and the handovers of late 2020; later changes (the Lachin town
#: handover of August 2022) are in the table.
MAP_LAST_DAY = pd.Timestamp("2020-12-31")


def map_changes(changes: pd.DataFrame) -> pd.DataFrame:
    return changes[changes["date"] <= MAP_LAST_DAY]


def map_end(changes: pd.DataFrame) -> str:
    """The slider's last day: the last change or confirmation shown."""
    last = max(changes["date"].max(), changes["confirmation_date"].max(skipna=True) if changes["confirmation_date"].notna().any() else changes["date"].max())
    return last.strftime("%Y-%m-%d")


change_sources = control.change_sources


def foreign_fighters(claimants: list[str], start: str, end: str) -> pd.DataFrame:
    """Figures for fighters recruited abroad and their dead, each as its claimant stated it."""
    return figures.load(["foreign_fighters", "foreign_fighters_dead"], claimants, start, end, event_ids=[WAR_EVENT])


def open_questions(start: str, end: str):
    """The recorded disagreements (dates, figures) about the war's events in the window."""

    selected = events.select(events.load_events(), start, end)
    selected = selected[selected["date_start"] <= WAR_END + pd.Timedelta(days=30)]
    disputed = event_display.disputes(selected)
    if disputed.empty:
        return page.note("No disagreement is recorded for the events of this window.")
    return event_display.disputes_view(disputed, selected, link_to_chronology=True)


def war_figures(metric: str, claimants: list[str], start: str, end: str) -> pd.DataFrame:
    """The war-wide counts of one metric stated in the window: figures about the war as a whole.

    A strike's own toll is listed with the strike; figures about other events stated in the window
    (a 2021 statement on 1992, the 2022 border fighting) belong to their own chapters, not here.
    """
    return figures.load([metric], claimants, start, end, event_ids=[WAR_EVENT])
