"""Civilians, prisoners and heritage: the subjects that cross both wars.

Each subject (an account topic, :mod:`karabakh.accounts`) is told from three tables: the events
tagged with it (``events.topics``), the figures that count it (``figures.topic``), each with its
claimant and date, and the accounts of each side and of independent bodies. Counts are never added
across claimants: a chart draws one line per claimant and per side counted.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from karabakh import accounts, events, figures

#: Subjects a chart shows over time (the counts are running totals stated again and again).
CHARTED = {
    "landmines": ("People killed by mines in the areas Azerbaijan regained, as each body counted them",
                  "Running totals since 10 November 2020; one line per body"),
}


def topic_events(topics: list[str], start: str, end: str) -> pd.DataFrame:
    """The events tagged with any of ``topics``, in the window, each once."""
    selected = events.select(events.load_events(), start, end)
    return selected[selected["topics"].map(lambda tags: bool(set(tags) & set(topics)))].reset_index(drop=True)


def topic_figures(topic: str, start: str, end: str) -> pd.DataFrame:
    """The figures that count ``topic``, as of a day in the window."""
    stated = figures.load(None, None, start, end)
    return stated[stated["topic"] == topic].reset_index(drop=True)


def topic_accounts(topic: str, start: str, end: str) -> pd.DataFrame:
    table = accounts.load([topic])
    return table[(table["date"] >= pd.Timestamp(start)) & (table["date"] <= pd.Timestamp(end))].reset_index(drop=True)


def chart(topic: str, stated: pd.DataFrame) -> alt.LayerChart | None:
    """The running count of a charted subject (one metric), one line per claimant and side; None if
    fewer than two points. The missing are not charted: their counts cover different wars and groups."""
    if topic not in CHARTED:
        return None
    wanted = stated[stated["metric"] == "killed_total"]
    points = figures.series(wanted)
    if len(points) < 2:
        return None
    title, subtitle = CHARTED[topic]
    return figures.series_chart(points, title, subtitle)
