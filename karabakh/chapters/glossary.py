"""The glossary page: every place with its names in each usage."""

from __future__ import annotations

import pandas as pd

from karabakh import data, events, page, tables

PLACE_TYPE_ORDER = ["region", "corridor", "district", "city", "town", "village", "mountain_pass", "country"]
#: The usage notes at the top of the glossary page: our own words (markup written here, in code),
#: each with the sources that support it.
USAGE_NOTES: list[tuple[str, list[str]]] = [
    (
        '<strong>Stepanakert / Khankendi.</strong> Renamed Stepanakert in 1923, after Stepan Shaumyan; in 1991 the Azerbaijani authorities restored the earlier name Khankendi (Xankəndi), while the Nagorno-Karabakh Republic kept Stepanakert.',
        ['wikipedia-stepanakert', 'ukwikipedia-khankendi', 'ruwikipedia-stepanakert'],
    ),
    (
        '<strong>Shusha / Shushi.</strong> Azerbaijani Şuşa, in English Shusha; Armenian Շուշի, in English Shushi.',
        ['wikipedia-shusha', 'wikipedia-shusha-district'],
    ),
    (
        '<strong>Towns outside the former autonomous oblast</strong> were given Armenian names after their capture in 1992–1993: Lachin became Berdzor, Kalbajar Karvachar, Gubadli Kashunik, Zangilan Kovsakan, Fuzuli Varanda, Jabrayil Jrakan; Aghdam was renamed Akna in 2010 and Khojaly Ivanyan in 2001. Since 2020 Azerbaijan uses its own names.',
        ['wikipedia-lachin', 'wikipedia-kalbajar', 'dewikipedia-qubadli-stadt', 'dewikipedia-zengilan-stadt', 'wikipedia-fuzuli-city', 'dewikipedia-cebrayil-stadt', 'wikipedia-aghdam', 'wikipedia-khojaly-town'],
    ),
    (
        "<strong>Martuni / Khojavend</strong> are one town, renamed Khojavend by Azerbaijan's Supreme Council on 26 November 1991; Armenians kept Martuni. <strong>Martakert / Aghdara</strong> are also one town (Soviet and Russian Mardakert). The gazetteer keeps a row for each name, with the same point.",
        ['wikipedia-martuni-nagorno-karabakh', 'ruwikipedia-martuni-nagornyy-karabakh', 'wikipedia-martakert', 'dewikipedia-agdere-stadt'],
    ),
    (
        '<strong>Districts.</strong> Azerbaijan abolished the autonomous oblast on 26 November 1991 and redrew its districts on 13 October 1992: Martuni and Hadrut became Khojavend District, Askeran the core of Khojaly District, and Mardakert (Aghdara) was divided among Kalbajar, Tartar and Aghdam. The Nagorno-Karabakh Republic used its own provinces, among them Shahumyan (seat Karvachar) and Kashatagh (seat Berdzor, also covering Gubadli and Zangilan).',
        ['wikipedia-khojaly-district', 'wikipedia-martuni-district-nkao', 'wikipedia-mardakert-district-nkao', 'wikipedia-tartar-district', 'wikipedia-administrative-divisions-of-the-republic-of-artsakh', 'wikipedia-kashatagh-province'],
    ),
    (
        '<strong>The region itself.</strong> Armenians use Artsakh; Azerbaijani names are Dağlıq Qarabağ and Yuxarı Qarabağ ("upper Karabakh"); "Nagorno-" is Russian for "mountainous".',
        ['wikipedia-nagorno-karabakh', 'simplewikipedia-nagorno-karabakh', 'britannica-nagorno-karabakh'],
    ),
]
NOTE_SOURCES = [source_id for _, source_ids in USAGE_NOTES for source_id in source_ids]


def usage_notes() -> page.Markup:
    return page.bullets(page.Markup(body + " {}").format(page.cite(source_ids)) for body, source_ids in USAGE_NOTES)


def place_names() -> pd.DataFrame:
    places = data.load_table("places")
    order = {kind: rank for rank, kind in enumerate(PLACE_TYPE_ORDER)}
    return places.assign(_order=places["place_type"].map(order)).sort_values(["_order", "name_en"]).drop(columns="_order")


def has_other_names(places: pd.DataFrame) -> pd.Series:
    """Places with at least one name besides the English one (the rest are listed, not tabulated)."""
    local = places[["name_az", "name_hy", "name_ru"]].notna().any(axis=1)
    return local | (places["variants"].map(len) > 0)


def glossary_table(places: pd.DataFrame) -> pd.DataFrame:
    names = dict(zip(data.load_table("places")["place_id"], data.load_table("places")["name_en"]))
    return pd.DataFrame(
        {
            "This book": places["name_en"],
            "Kind": places["place_type"].str.replace("_", " "),
            "Azerbaijani": places["name_az"].fillna(""),
            "Armenian": places["name_hy"].fillna(""),
            "Russian": places["name_ru"].fillna(""),
            "Other forms": places["variants"].map(", ".join),
            "In": places["parent_id"].map(names).fillna(""),
        }
    ).reset_index(drop=True)


def name_sources(places: pd.DataFrame) -> list[str]:
    return events.all_source_ids(places, "name_source_ids")


def english_only_html(places: pd.DataFrame) -> page.Markup:
    """The places known here only by their English name, each with its anchor (the bibliography links to it)."""
    names = page.Markup(", ").join(
        page.Markup('<span id="{}">{}</span>').format(page.anchor("place", row.place_id), row.name_en)
        for row in places.itertuples()
    )
    return page.Markup('<p class="karabakh-note"><em>Also mentioned, under their usual English names only: {}.</em></p>').format(names)


def glossary_view(places: pd.DataFrame):
    """Every place with its names, searchable in any language and filterable by kind and by where it is."""
    return tables.show_table(
        glossary_table(places), name_sources(places),
        f"{len(places)} places with names in more than one usage; an empty cell is a name not verified.",
        anchors=places["place_id"].map(lambda place_id: page.anchor("place", place_id)).reset_index(drop=True),
        filters=("Kind", "In"),
    )
