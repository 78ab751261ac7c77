"""Accounts: what each government, authority and independent body said of a subject, side by side.

Each row of ``data/accounts.csv`` is one speaker's statement on one topic, in the book's summary
with the speaker's own words quoted where they were read. A chapter shows the topics it is about,
each as one table ordered Armenia, Nagorno-Karabakh, Azerbaijan, then the others.
"""

from __future__ import annotations

import pandas as pd

from karabakh import data, events, figures, page

def topic_labels(chapter: str | None = None) -> dict[str, str]:
    """topic -> heading (data/topics.csv), in the table's order; of one chapter's topics if given."""
    table = data.load_table("topics")
    if chapter:
        table = table[table["chapter"] == chapter]
    return dict(zip(table["topic_id"], table["label"]))


#: Topics on which the stored sources gave only some sides' words: said under the table, not hidden.
PARTIAL_TOPICS = {
    "alliance": "No third party's account of the declaration was found.",
    "return": "Only Azerbaijan's government speaks to the return in the sources found; no Armenian or independent account.",
}
SIDE_ORDER = {"armenia": 0, "nagorno_karabakh": 1, "azerbaijan": 2}
SIDE_LABELS = {"armenia": "Armenia's government", "nagorno_karabakh": "Nagorno-Karabakh authorities",
               "azerbaijan": "Azerbaijan's government"}


def load(topics: list[str] | None = None) -> pd.DataFrame:
    """Accounts with their speaker's name, side and kind; of ``topics`` only, if given."""
    table = data.load_table("accounts")
    if topics:
        labels = topic_labels()
        unknown = sorted(set(topics) - set(labels))
        if unknown:
            raise ValueError(f"no account topic {unknown}; the topics are {', '.join(labels)}")
        table = table[table["topic"].isin(topics)]
    who = figures.actors()[["actor_id", "name", "side", "kind"]]
    table = table.merge(who, on="actor_id", how="left", validate="many_to_one")
    table["_order"] = table["side"].map(SIDE_ORDER).fillna(3)
    return table.sort_values(["topic", "_order", "date"], ignore_index=True).drop(columns="_order")


def speaker_label(side) -> str:
    """A speaker's side as the tables name it (the parties' governments and authorities, or not)."""
    return SIDE_LABELS.get(side, "Independent or international" if side in {"independent", "international"} else "Other")


def tables_by_topic(table: pd.DataFrame) -> list[tuple[str, pd.DataFrame, pd.DataFrame]]:
    """Per topic: (heading, the table shown, the rows), each voice with its date, words and sources."""
    result = []
    for topic, label in topic_labels().items():
        rows = table[table["topic"] == topic]
        if rows.empty:
            continue
        shown = pd.DataFrame(
            {
                "Who": [page.Markup("{}<br><small>{}</small>").format(row.name, speaker_label(row.side))
                        for row in rows.itertuples()],
                "When": rows["date"].map(events.day_text),
                "What they said or established": [
                    page.Markup("{}{} {}").format(
                        row.statement,
                        page.Markup(" <q>{}</q>").format(row.quote) if isinstance(row.quote, str) and row.quote else "",
                        page.cite(row.source_ids),
                    )
                    for row in rows.itertuples()
                ],
            }
        )
        result.append((label, shown, rows))
    return result
