"""Numbers someone stated (killed, wounded, missing, displaced), each with its claimant and date.

The rule of the book: a figure belongs to whoever states it. Nothing here adds one claimant's
figure to another's or averages them; a chart draws one line per claimant and per side counted,
and every point on it is one row of ``data/figures.csv`` (tested).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from karabakh import charts, data, events, page, tables

METRIC_LABELS = {
    "military_dead": "Military dead",
    "civilian_dead": "Civilian dead",
    "killed_total": "Killed, military and civilian counted together",
    "wounded": "Wounded",
    "civilian_wounded": "Civilians wounded",
    "missing": "Missing",
    "displaced": "Displaced",
    "displaced_cumulative": "Arrivals, running total",
    "displaced_daily": "Arrivals in a day",
    "children_displaced_cumulative": "Children among arrivals, running total",
    "prisoners": "Prisoners",
    "foreign_fighters": "Foreign fighters",
    "foreign_fighters_dead": "Foreign fighters killed",
    "aid_deliveries": "Aid deliveries",
    "people_crossed": "People who crossed",
    "population": "Population",
    "settlements_captured": "Settlements taken",
    "territory_held": "Territory held",
    "heritage_sites_affected": "Heritage sites destroyed, damaged or threatened",
    "heritage_sites_monitored": "Heritage sites counted (see scope)",
    "monuments_destroyed": "Monuments destroyed",
    "returned_cumulative": "Returned, running total",
    "residents_total": "Residents",
    "return_target": "Planned returns",
    "excess_deaths": "Excess deaths (demographic estimate)",
    "area_taken": "Area taken",
}
SIDE_LABELS = {
    "armenian_side": "Armenian side",
    "azerbaijani_side": "Azerbaijani side",
    "russian": "Russian",
    "syrian_fighters": "Syrian fighters",
    "both": "both sides, as the claimant counts them",
    "other": "other (see scope)",
}
#: How a unit is written after a number (people are not named).
UNIT_LABELS = {"km2": "km²"}
#: One series: a claimant's figure for one metric and one side, over time.
SERIES_KEY = ["claimant", "metric", "subject_side"]
#: Between the claimant and the side counted in a series label (the legend breaks the line there).
SERIES_SEPARATOR = " — "


def actors() -> pd.DataFrame:
    return data.load_table("actors")


def actor_names() -> dict[str, str]:
    table = actors()
    return dict(zip(table["actor_id"], table["name"]))


def load(
    metrics: list[str] | None = None,
    claimants: list[str] | None = None,
    start: str | None = None,
    end: str | None = None,
    event_ids: list[str] | None = None,
) -> pd.DataFrame:
    """Figures, with the claimant's name and side; filtered by metric, claimant, as-of window, event."""
    table = data.load_table("figures")
    keep = pd.Series(True, index=table.index)
    if metrics:
        keep &= table["metric"].isin(metrics)
    if claimants:
        keep &= table["claimant"].isin(claimants)
    if start:
        keep &= table["as_of"] >= pd.Timestamp(start)
    if end:
        keep &= table["as_of"] <= pd.Timestamp(end)
    if event_ids is not None:
        keep &= table["event_id"].isin(event_ids)
    selected = table[keep]
    who = actors()[["actor_id", "name", "side", "kind"]].rename(
        columns={"actor_id": "claimant", "name": "claimant_name", "side": "claimant_side", "kind": "claimant_kind"}
    )
    selected = selected.merge(who, on="claimant", how="left", validate="many_to_one")
    return selected.sort_values(["metric", "claimant", "as_of", "figure_id"], ignore_index=True)


def value_text(row) -> str:
    """'2,908', 'at least 50', '50–1,000': a figure as its claimant stated it."""
    low, best, high = (row[name] for name in ("value_low", "value_best", "value_high"))

    def number(value) -> str:
        return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"

    if pd.notna(best):
        text = number(best)
        if pd.notna(low) and pd.notna(high):
            text += f" ({number(low)}–{number(high)})"
        return text
    if pd.notna(low) and pd.notna(high):
        return f"{number(low)}–{number(high)}"
    if pd.notna(low):
        return f"at least {number(low)}"
    return f"up to {number(high)}"


def plotted_value(frame: pd.DataFrame) -> pd.Series:
    """The value a chart draws: the stated figure, else the lower bound, else the upper bound (all stated)."""
    return frame["value_best"].fillna(frame["value_low"]).fillna(frame["value_high"])


#: Where a source gives only the part of the day, it orders same-day figures at these times.
PART_OF_DAY = {"morning": "09:00", "afternoon": "15:00", "evening": "21:00"}


def time_rank(frame: pd.DataFrame) -> pd.Series:
    """A sortable time of day per figure (HH:MM; a stated part of the day at its usual hour; empty if unknown)."""
    return frame["as_of_time"].map(lambda value: PART_OF_DAY.get(value, value) if isinstance(value, str) else "")


def same_day_order(frame: pd.DataFrame) -> pd.DataFrame:
    """The figures in the order they were announced: by day, then time of day; on a day with timed
    announcements, a figure whose time is not known cannot be placed among them and is left out."""
    ranked = frame.assign(_time=time_rank(frame))
    timed_days = set(ranked.loc[ranked["_time"] != "", "as_of"])
    placed = ranked[(ranked["_time"] != "") | ~ranked["as_of"].isin(timed_days)]
    return placed.sort_values(["as_of", "_time", "figure_id"]).drop(columns="_time")


def series(frame: pd.DataFrame) -> pd.DataFrame:
    """One point per figure row, labelled with its series (claimant, metric, side): nothing is combined."""
    points = frame.assign(value=plotted_value(frame)).dropna(subset=["value"])
    points = points.assign(
        series=points["claimant_name"] + SERIES_SEPARATOR + points["subject_side"].map(SIDE_LABELS),
        metric_label=points["metric"].map(METRIC_LABELS),
        stated=points.apply(value_text, axis=1),
        date=points["as_of"].dt.strftime("%Y-%m-%d"),
        sources=points["source_ids"].map(", ".join),
        scope=points["scope"].fillna(""),
    )
    columns = ["figure_id", *SERIES_KEY, "series", "metric_label", "date", "value", "stated", "scope", "sources"]
    return points[columns].sort_values(["series", "date"], ignore_index=True)


def series_chart(points: pd.DataFrame, title: str, subtitle: str = "") -> alt.LayerChart:
    """Each claimant's figure as steps over time (one line per series), a dot per stated figure."""
    # Each label on two lines (the claimant, then whose people are counted), so that neither is cut on a phone.
    legend = alt.Legend(orient="bottom", columns=1, labelLimit=280, titleLimit=280, labelFontSize=11,
                        labelExpr=f"split(datum.label, '{SERIES_SEPARATOR}')")
    colour = alt.Color("series:N", title="Who states it, and whose people", legend=legend)
    x = alt.X("date:T", title="Date the figure refers to", axis=alt.Axis(format="%d %b %Y", labelOverlap=True, labelFlush=True, tickCount=alt.ExprRef(expr="ceil(width / 110)")))
    y = alt.Y("value:Q", title="People (as stated)", axis=alt.Axis(format=",d"))
    tooltip = [
        alt.Tooltip("series:N", title="Series"),
        alt.Tooltip("metric_label:N", title="Counted"),
        alt.Tooltip("date:T", title="As of", format="%d %b %Y"),
        alt.Tooltip("stated:N", title="Figure"),
        alt.Tooltip("scope:N", title="Scope"),
        alt.Tooltip("sources:N", title="Sources"),
    ]
    base = alt.Chart(points)
    lines = base.mark_line(interpolate="step-after", strokeWidth=2).encode(x=x, y=y, color=colour, detail="series:N")
    dots = base.mark_point(filled=True, size=55).encode(x=x, y=y, color=colour, tooltip=tooltip)
    return alt.layer(lines, dots).properties(
        width="container", height=300, title=charts.title(title, subtitle)
    )


def table(frame: pd.DataFrame) -> pd.DataFrame:
    """Every figure as its claimant stated it, for a table under the chart."""
    return pd.DataFrame(
        {
            "Counted": frame["metric"].map(METRIC_LABELS),
            "Figure": frame.apply(value_text, axis=1) + frame["unit"].map(lambda unit: f" {UNIT_LABELS.get(unit, unit)}" if isinstance(unit, str) and unit != "people" else ""),
            "Who states it": frame["claimant_name"],
            "As of": frame["as_of"].map(events.short_day_text),
            "Whose people": frame["subject_side"].map(SIDE_LABELS),
            "Scope": frame["scope"].fillna(""),
            "Sources": [page.cite(ids) for ids in frame["source_ids"]],
        }
    )


def anchors(frame: pd.DataFrame) -> pd.Series:
    return frame["figure_id"].map(lambda figure_id: page.anchor("figure", figure_id))


def show(frame: pd.DataFrame, caption: str, extra: dict[str, pd.Series] | None = None, details: tuple[str, ...] = ()):
    """The figures as a table with their sources and anchors; past 25 rows, searchable and filterable by
    what is counted, who states it and whose people, and by the date it is as of. ``extra`` adds
    columns (name -> values, in the frame's order) before the sources."""
    shown = table(frame)
    for name, values in (extra or {}).items():
        shown.insert(len(shown.columns) - 1, name, list(values))
    return tables.show_table(
        shown, events.all_source_ids(frame), caption, anchors=anchors(frame),
        filters=("Counted", "Who states it", "Whose people"), dates=tables.iso_dates(frame["as_of"]),
        date_column="As of", details=("Scope", *details),
    )


#: The events whose scale the chapters open with: (label, event_id).
WARS = {
    "first_war": ("The first war, 1988–1994", "1988-02-20-first-karabakh-war"),
    "war_2020": ("The 2020 war", "2020-09-27-second-karabakh-war"),
}
#: What "the scale of a war" counts.
SCALE_METRICS = ["military_dead", "civilian_dead", "killed_total", "missing", "displaced"]
INDEPENDENT_KINDS = {"international_organisation", "monitor", "ngo", "media", "research_group"}


def scale(war: str) -> pd.DataFrame:
    """Each claimant's latest statement of each headline count of a war (dead, missing, displaced), per
    side counted (every row of that day, so a breakdown stays whole): the parties' own counts beside
    independent estimates, never summed."""
    if war not in WARS:
        raise ValueError(f"no war {war!r}; the wars are {', '.join(WARS)}")
    stated = load(SCALE_METRICS, event_ids=[WARS[war][1]])
    # A party's count of its own people (or of both sides); its claims about the enemy's losses are not its scale.
    own = {"armenia": "armenian_side", "nagorno_karabakh": "armenian_side", "azerbaijan": "azerbaijani_side"}
    party = stated["claimant_side"].isin(list(own))
    stated = stated[~party | (stated["subject_side"] == stated["claimant_side"].map(own)) | (stated["subject_side"] == "both")]
    last_day = stated.groupby(["claimant", "metric", "subject_side"])["as_of"].transform("max")
    latest = stated[stated["as_of"] == last_day]
    order = {metric: rank for rank, metric in enumerate(SCALE_METRICS)}
    latest = latest.assign(
        _metric=latest["metric"].map(order),
        _independent=latest["claimant_kind"].isin(INDEPENDENT_KINDS) & ~latest["claimant_side"].isin(["armenia", "azerbaijan", "nagorno_karabakh"]),
    )
    return latest.sort_values(["_metric", "_independent", "claimant_side", "as_of"], ignore_index=True).drop(columns=["_metric"])


def scale_view(war: str):
    """The scale of a war as a table: who counts whom, the latest figure each gave, and whether the
    claimant is a party or independent."""
    rows = scale(war)
    label = WARS[war][0]
    if rows.empty:
        return page.note("No figure of the scale of this war is recorded.")
    kind = rows.pop("_independent").map({True: "independent", False: "party"})
    return show(rows, f"{label}: the latest figure of each claimant, per count and per side counted. "
                      "The parties' own counts and independent estimates stand side by side; they are not added.",
                extra={"Count by": kind})
