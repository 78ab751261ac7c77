"""Who held what on any day: the changes of control of any window, as a table and as a map with a slider.

A place's state on a day comes from its latest change dated on or before that day (or, before its
first change, from the side that held it then): held by the side that took it once the other side
or an independent source confirmed it, "taken, by one side's account" until then, or handed over
under an agreement. The same rule is used in Python (:func:`state_on`, tested) and in the map's
Vega expression, so the slider shows what the table says.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from karabakh import charts, data, events, figures, maps, page, tables

PARTY_LABELS = {"armenian_forces": "Armenian forces", "azerbaijani_forces": "Azerbaijani forces"}
#: State on the chosen day -> colour (Okabe–Ito, safe for colour-blind readers).
STATES = {
    "Held by Armenian forces": "#d55e00",
    "Taken by Armenian forces, by one side's account": "#f3b38a",
    "Held by Azerbaijani forces": "#0072b2",
    "Taken by Azerbaijani forces, by one side's account": "#8ec5e8",
    "Handed over under an agreement": "#cc79a7",
}
HANDED_OVER = "Handed over under an agreement"
#: Places always labelled on the map; the others are named on hover.
LABELLED_TYPES = ("city", "town")
#: A day number before any change: a place's first holder is drawn from it.
BEFORE = -10**6


def held(party: str) -> str:
    return f"Held by {PARTY_LABELS[party]}"


def taken(party: str) -> str:
    return f"Taken by {PARTY_LABELS[party]}, by one side's account"


def load(start: str | None = None, end: str | None = None) -> pd.DataFrame:
    """Changes of control dated within [start, end] (all, if not given), with their place and the
    names of who announced and who confirmed them."""
    changes = data.load_table("control_changes")
    if start:
        changes = changes[changes["date"] >= pd.Timestamp(start)]
    if end:
        changes = changes[changes["date"] <= pd.Timestamp(end)]
    places = data.load_table("places")[["place_id", "name_en", "variants", "place_type", "parent_id", "lat", "lon"]]
    changes = changes.merge(places, on="place_id", how="left", validate="many_to_one")
    names = figures.actor_names()
    changes["claimed_by_name"] = changes["claimed_by"].map(names)
    changes["confirmed_by_name"] = changes["confirmed_by"].map(names)
    return changes.sort_values(["date", "name_en"], ignore_index=True)


def state_of_change(row, day: pd.Timestamp) -> str:
    """The state a change gives its place on ``day`` (it is the place's latest change by then)."""
    if row["mode"] == "agreement":
        return HANDED_OVER
    confirmed = pd.notna(row["confirmation_date"]) and row["confirmation_date"] <= day
    return held(row["to_party"]) if confirmed else taken(row["to_party"])


def state_on(changes: pd.DataFrame, day: str | pd.Timestamp) -> pd.Series:
    """Each place's state on ``day``, by place_id: from its latest change by then, or its first holder."""
    day = pd.Timestamp(day)
    states = {}
    for place_id, rows in changes.sort_values(["date", "change_id"]).groupby("place_id", sort=False):
        past = rows[rows["date"] <= day]
        states[place_id] = held(rows.iloc[0]["from_party"]) if past.empty else state_of_change(past.iloc[-1], day)
    return pd.Series(states, name="state")


def day_number(dates: pd.Series, origin: pd.Timestamp) -> pd.Series:
    """Days from ``origin``: what a map's day slider counts."""
    return (dates - origin).dt.days.astype("Int64")


def map_frame(changes: pd.DataFrame, origin: pd.Timestamp, notes: bool = True) -> pd.DataFrame:
    """One row per drawn change, and one per drawn place for its first holder (day BEFORE); without
    the notes where the page's table of changes carries them."""
    drawn = changes[changes["lat"].notna() & changes["lon"].notna()].sort_values(["date", "change_id"])
    common = {
        "place": drawn["name_en"],
        "also": drawn["variants"].map(lambda names: ", ".join(names) if isinstance(names, list) else ""),
        "lat": drawn["lat"].astype(float),
        "lon": drawn["lon"].astype(float),
        "labelled": drawn["place_type"].isin(LABELLED_TYPES),
    }
    rows = pd.DataFrame({
        **common,
        "mode": drawn["mode"],
        "day": day_number(drawn["date"], origin),
        "confirm_day": day_number(drawn["confirmation_date"], origin),
        "held": drawn["to_party"].map(held),
        "taken": drawn["to_party"].map(taken),
        "change": [f"{PARTY_LABELS[row.from_party]} to {PARTY_LABELS[row.to_party]}, {events.day_text(row.date)}"
                   for row in drawn.itertuples()],
        "claim": [f"{row.claimed_by_name}, {events.day_text(row.claim_date)}" if pd.notna(row.claim_date) and isinstance(row.claimed_by_name, str)
                  else "no announcement in the sources" for row in drawn.itertuples()],
        "confirmation": [f"{row.confirmed_by_name}, {events.day_text(row.confirmation_date)}" if pd.notna(row.confirmation_date)
                         else "none found" for row in drawn.itertuples()],
        "note": drawn["note"].fillna("") if notes else "",
        "sources": [", ".join(dict.fromkeys([*row.claim_source_ids, *row.later_claim_source_ids, *row.confirmation_source_ids]))
                    for row in drawn.itertuples()],
    })
    first = drawn.drop_duplicates("place_id")
    initial = pd.DataFrame({
        "place": first["name_en"], "also": rows.loc[first.index, "also"], "lat": first["lat"].astype(float),
        "lon": first["lon"].astype(float), "labelled": first["place_type"].isin(LABELLED_TYPES), "mode": "initial",
        "day": BEFORE, "confirm_day": BEFORE, "held": first["from_party"].map(held), "taken": first["from_party"].map(held),
        "change": "before its first recorded change", "claim": "", "confirmation": "", "note": "", "sources": "",
    })
    return pd.concat([initial, rows], ignore_index=True)


def _state_expression() -> str:
    return (f"datum.mode == 'initial' ? datum.held : datum.mode == 'agreement' ? {HANDED_OVER!r} : "
            "(isValid(datum.confirm_day) && datum.confirm_day <= day) ? datum.held : datum.taken")


def day_slider(origin: pd.Timestamp, last_day: int, value: int | None = None) -> alt.Parameter:
    return alt.param(name="day", value=last_day if value is None else value,
                     bind=alt.binding_range(min=0, max=last_day, step=1, name=f"Days after {events.day_text(origin)} "))


def date_label(origin: pd.Timestamp) -> alt.Chart:
    return (
        alt.Chart(pd.DataFrame({"x": [0]}))
        .transform_calculate(label=f"'By ' + timeFormat(datetime({origin.year}, {origin.month - 1}, {origin.day} + day), '%-d %B %Y')")
        .mark_text(align="left", baseline="top", fontSize=15, fontWeight="bold", color="#222", x=6, y=6)
        .encode(text="label:N")
    )


def points_layer(frame: pd.DataFrame) -> alt.Chart:
    """Each place's latest change by the chosen day, coloured by its state."""
    colour = alt.Color("state:N", title="On the chosen day", scale=alt.Scale(domain=list(STATES), range=list(STATES.values())),
                       legend=alt.Legend(orient="bottom", columns=1, symbolType="circle", labelLimit=320))
    return (
        alt.Chart(frame)
        .transform_filter("datum.day <= day")
        .transform_window(rank="row_number()", sort=[alt.SortField("day", order="descending")], groupby=["place"])
        .transform_filter("datum.rank == 1")
        .transform_calculate(state=_state_expression())
        .mark_circle(stroke="white", strokeWidth=0.7, opacity=0.95)
        .encode(
            longitude="lon:Q", latitude="lat:Q", color=colour,
            size=alt.condition("datum.labelled", alt.value(110), alt.value(45)),
            tooltip=[
                alt.Tooltip("place:N", title="Place"), alt.Tooltip("also:N", title="Also called"),
                alt.Tooltip("state:N", title="On the chosen day"), alt.Tooltip("change:N", title="Latest change"),
                alt.Tooltip("claim:N", title="Announced by"), alt.Tooltip("confirmation:N", title="Confirmed by"),
                *([alt.Tooltip("note:N", title="Note")] if frame["note"].astype(bool).any() else []),
                alt.Tooltip("sources:N", title="Sources"),
            ],
        )
    )


def control_map(changes: pd.DataFrame, start: str, end: str, title: str, subtitle: str,
                extra_layers: list | None = None, extent=maps.KARABAKH_EXTENT, value: int | None = None,
                shade_surrounding: bool = True, notes: bool = True) -> alt.LayerChart:
    """The area with a day slider from ``start`` to ``end``: each drawn place's state on that day.
    ``extra_layers`` (district shading, outlines) go between the base map and the points."""
    origin = pd.Timestamp(start)
    last_day = int((pd.Timestamp(end) - origin).days)
    frame = map_frame(changes, origin, notes)
    labels = maps.label_layer(frame[frame["labelled"]].drop_duplicates("place"), "place", extent=extent)
    layers = [*maps.base_layers(shade_surrounding=shade_surrounding), *(extra_layers or []), points_layer(frame), labels,
              date_label(origin)]
    return (
        alt.layer(*layers)
        .add_params(day_slider(origin, last_day, value))
        .project(**maps.projection(extent))
        .properties(width="container", height=maps.MAP_HEIGHT, title=charts.title(title, subtitle))
    )


def seat_frame(changes: pd.DataFrame, origin: pd.Timestamp) -> pd.DataFrame:
    """The changes of district seats (a town whose parent is a district the base map draws): the
    map unit each one shades, with its day numbers."""
    names = tables.place_names()
    units = set(maps.unit_names())
    seats = changes[changes["place_type"].isin(["town", "city"]) & changes["parent_id"].fillna("").str.endswith("_district")]
    unit = seats["parent_id"].map(names).fillna("").str.replace(r" District$", "", regex=True)
    seats = seats[unit.isin(units) & (seats["name_en"] == unit)]
    unit = unit[seats.index]
    return pd.DataFrame({
        "unit": unit.to_numpy(), "day": day_number(seats["date"], origin).to_numpy(),
        "holder": seats["to_party"].map(PARTY_LABELS).to_numpy(), "seat": seats["name_en"].to_numpy(),
    })


def seat_shading(changes: pd.DataFrame, origin: pd.Timestamp) -> list[alt.Chart]:
    """Each district shaded while its seat is held by Armenian forces on the chosen day (its latest
    seat change by then): a district's seat, not the whole district, which Aghdam's and Fuzuli's
    never were."""
    frame = seat_frame(changes, origin)
    if frame.empty:
        return []
    shade = (
        alt.Chart(frame)
        .transform_filter("datum.day <= day")
        .transform_window(rank="row_number()", sort=[alt.SortField("day", order="descending")], groupby=["unit"])
        .transform_filter("datum.rank == 1 && datum.holder == 'Armenian forces'")
        .transform_lookup(lookup="unit", from_=alt.LookupData(data=maps.boundary_data(), key="properties.name"), as_="geo")
        .transform_filter("isValid(datum.geo)")
        .transform_calculate(summary="'Its seat, ' + datum.seat + ', held by ' + datum.holder")
        .mark_geoshape(stroke=None, clip=True, opacity=0.55)
        .encode(shape="geo:G", color=alt.value("#f7d6c1"),
                tooltip=[alt.Tooltip("unit:N", title="District"), alt.Tooltip("summary:N", title="On the chosen day")])
    )
    return [shade]


def by_year_and_district(changes: pd.DataFrame) -> pd.DataFrame:
    """How many changes of control per year and per district (the coverage a chapter states)."""
    names = tables.place_names()
    district = changes["parent_id"].map(names).fillna(changes["parent_id"])
    return (changes.assign(year=changes["date"].dt.year, district=district)
            .groupby(["year", "district"]).size().rename("changes").reset_index())


def change_sources(changes: pd.DataFrame) -> list[str]:
    return events.all_source_ids(changes, "claim_source_ids", "later_claim_source_ids", "confirmation_source_ids")


def change_anchors(changes: pd.DataFrame) -> pd.Series:
    return changes["change_id"].map(lambda change_id: page.anchor("change", change_id))


def changes_table(changes: pd.DataFrame) -> pd.DataFrame:
    districts = tables.place_names()
    change = [("handed over to " if row.mode == "agreement" else "taken by ") + PARTY_LABELS[row.to_party]
              for row in changes.itertuples()]
    return pd.DataFrame(
        {
            "Place": changes["name_en"],
            "District": changes["parent_id"].map(districts).fillna(""),
            "Date": changes["date"].map(events.short_day_text) + changes["date_precision"].map({"on_or_before": " (by)", "month": " (month)"}).fillna(""),
            "Change": change,
            "Claimed by": changes["claimed_by_name"].fillna("no announcement in the sources"),
            "Confirmed by": changes["confirmed_by_name"].fillna("none found"),
            "Confirmed on": changes["confirmation_date"].map(events.short_day_text),
            "Note": changes["note"].fillna(""),
            "Sources": [page.cite([*row.claim_source_ids, *row.later_claim_source_ids, *row.confirmation_source_ids])
                        for row in changes.itertuples()],
        }
    )


def changes_view(changes: pd.DataFrame):
    """The table of every change of control: searchable by any name of the place, filterable by district,
    claimant, confirmer, how and date."""
    return tables.show_table(
        changes_table(changes), change_sources(changes),
        f"{len(changes)} changes of control, each with its claim and, where one exists, its confirmation.",
        anchors=change_anchors(changes),
        filters=("District", "Change", "Claimed by", "Confirmed by"),
        dates=tables.iso_dates(changes["date"]), date_column="Date", details=("Note",),
        search_text=changes["place_id"].map(tables.other_names()).fillna(""), search_column="Place",
    )


def unmapped_html(changes: pd.DataFrame) -> page.Markup:
    """The changes that cannot be drawn (no citable coordinates), by district, each linked to its row."""
    names = data.load_table("places").set_index("place_id")["name_en"]
    missing = changes[changes["lat"].isna() | changes["lon"].isna()]
    blocks = []
    for district, rows in missing.sort_values(["parent_id", "date", "name_en"]).groupby("parent_id", sort=True):
        entries = page.Markup(", ").join(
            page.Markup('<a href="#{}">{}</a> ({})').format(page.anchor("change", row.change_id), row.name_en, events.day_text(row.date))
            for row in rows.itertuples()
        )
        blocks.append(page.Markup("<strong>{}</strong> ({}): {}").format(names.get(district, district), len(rows), entries))
    return page.bullets(blocks)


def resolution_places() -> pd.DataFrame:
    """Each place the 1993 resolutions name as seized, with its changes of control (the place itself
    or, for a district, its seat): when it was taken, and when it changed hands again."""
    resolutions = data.load_table("un_resolutions")
    places = data.load_table("places").set_index("place_id")
    every = load()
    rows = []
    for resolution in resolutions.itertuples():
        for place_id in resolution.occupied_places:
            name = places.loc[place_id, "name_en"]
            seat = name.removesuffix(" District")
            own = every[(every["place_id"] == place_id) | ((every["parent_id"] == place_id) & (every["name_en"] == seat))]
            rows.append({"resolution": resolution.resolution, "place_id": place_id, "name": name, "changes": own})
    return pd.DataFrame(rows)


def resolution_places_view():
    """The resolutions' named places, each linked to its dated changes of control (capture and return)."""
    table = resolution_places()

    def cell(changed: pd.DataFrame, party: str) -> page.Markup:
        picked = changed[changed["to_party"] == party]
        if picked.empty:
            return page.Markup("no dated change in the book")
        return page.Markup("; ").join(
            page.Markup('<a href="{}">{}, {}</a>').format(
                page.row_href("control_changes", row), row["name_en"], events.day_text(row["date"]))
            for row in picked.to_dict("records"))

    shown = pd.DataFrame({
        "Resolution": table["resolution"].astype(str),
        "Place named as seized or occupied": table["name"],
        "Taken by Armenian forces": [cell(changed, "armenian_forces") for changed in table["changes"]],
        "Back under Azerbaijani control": [cell(changed, "azerbaijani_forces") for changed in table["changes"]],
    })
    source_ids = sorted({source_id for changed in table["changes"] for source_id in change_sources(changed)})
    return tables.show_table(shown, source_ids, "The places the 1993 resolutions name, and when they changed hands.",
                             provenance="A district is followed by the changes of its seat and of the district itself.")
