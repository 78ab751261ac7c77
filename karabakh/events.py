"""The events table joined with its places and periods, and the slices chapters ask for."""

from __future__ import annotations

import pandas as pd

from karabakh import data

PRECISION_ORDER = {"day": 0, "month": 1, "year": 2}


def load_events() -> pd.DataFrame:
    """Events with their place's name, coordinates and district, and their period."""
    events = data.load_table("events")
    places = data.load_table("places")[["place_id", "name_en", "lat", "lon", "coordinate_precision", "parent_id"]]
    events = events.merge(places.rename(columns={"name_en": "place"}), on="place_id", how="left", validate="many_to_one")
    events["period_id"] = assign_periods(events["date_start"])
    return events.sort_values(["date_start", "event_id"], ignore_index=True)


def assign_periods(dates: pd.Series) -> pd.Series:
    """The period each date falls in (periods are contiguous and do not overlap)."""
    periods = data.load_table("periods")
    labels = pd.Series(pd.NA, index=dates.index, dtype="string")
    for period in periods.itertuples():
        inside = (dates >= period.date_start) & (dates <= period.date_end)
        labels[inside] = period.period_id
    return labels


def select(
    events: pd.DataFrame,
    start: str,
    end: str,
    event_types: list[str] | None = None,
    places: list[str] | None = None,
    min_precision: str = "year",
) -> pd.DataFrame:
    """Events that overlap [start, end], of the given types and places, dated at least that precisely.

    ``places`` matches an event's place or its district, so a district selects the towns in it.
    """
    keep = (events["date_end"] >= pd.Timestamp(start)) & (events["date_start"] <= pd.Timestamp(end))
    if event_types:
        keep &= events["event_type"].isin(event_types)
    if places:
        keep &= events["place_id"].isin(places) | events["parent_id"].isin(places)
    keep &= events["date_precision"].map(PRECISION_ORDER) <= PRECISION_ORDER[min_precision]
    return events[keep].reset_index(drop=True)


def day_text(timestamp) -> str:
    """'3 April 1993': a day as the book writes it."""
    return f"{timestamp.day} {timestamp.strftime('%B %Y')}"


def short_day_text(timestamp) -> str:
    """'3 Apr 1993', for table columns; empty where there is no date."""
    return "" if pd.isna(timestamp) else f"{timestamp.day} {timestamp:%b %Y}"


def date_label(row) -> str:
    """An event's date as precisely as it is known: '3 April 1993', 'April 1993', '1993', or a span."""
    first, last = row["date_start"], row["date_end"]
    if row["date_precision"] == "year":
        return str(first.year)
    if row["date_precision"] == "month":
        return first.strftime("%B %Y")
    if last == first:
        return day_text(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last.strftime('%B %Y')}"
    return f"{day_text(first)} – {day_text(last)}"


def chart_span(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """ISO start and exclusive end of each event, so a one-day event is a day wide on a time axis."""
    start = frame["date_start"].dt.strftime("%Y-%m-%d")
    end = (frame["date_end"] + pd.Timedelta(days=1)).dt.strftime("%Y-%m-%d")
    return start, end


def all_source_ids(frame: pd.DataFrame, *columns: str) -> list[str]:
    """Every source id the rows cite, in first-seen order (for a caption)."""
    seen: dict[str, None] = {}
    for column in columns or ("source_ids",):
        for ids in frame[column]:
            for source_id in ids if isinstance(ids, list) else [ids]:
                if isinstance(source_id, str):
                    seen.setdefault(source_id)
    return list(seen)
