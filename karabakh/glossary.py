"""The glossary page: every place with its names in each usage."""

from __future__ import annotations

import pandas as pd

from karabakh import data, events

PLACE_TYPE_ORDER = ["region", "corridor", "district", "city", "town", "village", "mountain_pass", "country"]
#: Sources of the usage notes at the top of the glossary page.
NOTE_SOURCES = [
    "wikipedia-stepanakert", "ukwikipedia-khankendi", "ruwikipedia-stepanakert", "wikipedia-shusha",
    "wikipedia-shusha-district", "wikipedia-lachin", "wikipedia-kalbajar", "dewikipedia-qubadli-stadt",
    "dewikipedia-zengilan-stadt", "wikipedia-fuzuli-city", "dewikipedia-cebrayil-stadt", "wikipedia-aghdam",
    "wikipedia-khojaly-town", "wikipedia-martuni-nagorno-karabakh", "ruwikipedia-martuni-nagornyy-karabakh",
    "wikipedia-martakert", "dewikipedia-agdere-stadt", "wikipedia-khojaly-district",
    "wikipedia-martuni-district-nkao", "wikipedia-mardakert-district-nkao", "wikipedia-tartar-district",
    "wikipedia-administrative-divisions-of-the-republic-of-artsakh", "wikipedia-kashatagh-province",
    "wikipedia-nagorno-karabakh", "simplewikipedia-nagorno-karabakh", "britannica-nagorno-karabakh",
]


def place_names() -> pd.DataFrame:
    places = data.load_table("places")
    order = {kind: rank for rank, kind in enumerate(PLACE_TYPE_ORDER)}
    return places.assign(_order=places["place_type"].map(order)).sort_values(["_order", "name_en"]).drop(columns="_order")


def has_other_names(places: pd.DataFrame) -> pd.Series:
    """Places with at least one name besides the English one (the rest are listed, not tabulated)."""
    local = places[["name_az", "name_hy", "name_ru"]].notna().any(axis=1)
    return local | (places["variants"].map(len) > 0)


def glossary_table(places: pd.DataFrame) -> pd.DataFrame:
    names = dict(zip(places["place_id"], places["name_en"]))
    return pd.DataFrame(
        {
            "This book": places["name_en"] + " (" + places["place_type"].str.replace("_", " ") + ")",
            "Azerbaijani": places["name_az"].fillna(""),
            "Armenian": places["name_hy"].fillna(""),
            "Russian": places["name_ru"].fillna(""),
            "Other forms": places["variants"].map(", ".join),
            "In": places["parent_id"].map(names).fillna(""),
        }
    ).reset_index(drop=True)


def name_sources(places: pd.DataFrame) -> list[str]:
    return events.all_source_ids(places, "name_source_ids")
