"""The claims ledger: what the input articles assert, graded against the evidence."""

from __future__ import annotations

import altair as alt
import pandas as pd

from karabakh import charts, data, events, page, tables

GRADE_LABELS = {
    "confirmed": "Confirmed",
    "partly_correct": "Partly correct",
    "unsupported": "Unsupported",
    "contradicted": "Contradicted",
    "opinion": "Opinion (not graded)",
}
GRADE_COLOURS = ["#1a9850", "#a6d96a", "#fdae61", "#d73027", "#bdbdbd"]


def load(articles: list[str], grades: list[str]) -> pd.DataFrame:
    claims = data.load_table("claims")
    if articles:
        claims = claims[claims["source_id"].isin(articles)]
    if grades:
        claims = claims[claims["grade"].isin(grades)]
    return claims.reset_index(drop=True)


def articles_html(articles: pd.DataFrame) -> page.Markup:
    """One entry per article: who, where, when, from which stance, and what it argues (our words)."""
    entries = []
    for row in articles.itertuples():
        date = "undated" if pd.isna(row.date) else events.day_text(row.date)
        byline = ", ".join(str(part) for part in (row.author, row.publisher) if isinstance(part, str))
        entries.append(page.Markup(
            '<span id="{}"><strong>{}</strong>: <em>{}</em>. {}; {}. Stance: {}.</span><p>{}</p>'
        ).format(page.anchor("article", row.source_id), row.source_id, row.title, byline, date,
                 row.stance.replace("_", " "), row.argument_summary))
    return page.bullets(entries)


def grade_counts(claims: pd.DataFrame) -> pd.DataFrame:
    counts = claims.groupby(["source_id", "grade"]).size().rename("claims").reset_index()
    counts["Grade"] = counts["grade"].map(GRADE_LABELS)
    return counts


def grade_chart(counts: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            y=alt.Y("source_id:N", title=None),
            x=alt.X("claims:Q", title="Checked statements"),
            color=alt.Color("Grade:N", sort=list(GRADE_LABELS.values()),
                            scale=alt.Scale(domain=list(GRADE_LABELS.values()), range=GRADE_COLOURS)),
            order=alt.Order("grade_rank:Q"),
            tooltip=[alt.Tooltip("source_id:N", title="Article"), "Grade:N", alt.Tooltip("claims:Q", title="Statements")],
        )
        .transform_calculate(grade_rank=f"indexof({list(GRADE_LABELS.values())}, datum.Grade)")
        .properties(width="container", height=30 * counts["source_id"].nunique(),
                    title=charts.title("How each article's checkable statements hold up"))
    )


def ledger_table(claims: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Statement": [page.Markup('<a class="karabakh-anchor" href="#{}">{}</a>').format(page.anchor("claim", claim_id), claim_id)
                          for claim_id in claims["claim_id"]],
            "Article": claims["source_id"],
            "Its words": [page.Markup("“{}” ({})").format(row.quote, row.claimant) for row in claims.itertuples()],
            "In our words": claims["claim"],
            "Grade": claims["grade"].map(GRADE_LABELS),
            "Topic": claims["topic"].str.replace("_", " "),
            "Why": claims["explanation"],
            "Evidence": [page.cite(ids) for ids in claims["evidence_source_ids"]],
        }
    ).reset_index(drop=True)


def ledger_view(claims: pd.DataFrame):
    """The ledger: each statement's words, our paraphrase, grade, reason and evidence; searchable,
    filterable by article, grade and topic."""
    ordered = claims.sort_values(["source_id", "claim_id"], ignore_index=True)
    return tables.show_table(
        ledger_table(ordered), events.all_source_ids(ordered, "evidence_source_ids"),
        f"{len(ordered)} checkable statements of {ordered['source_id'].nunique()} articles, each graded against its evidence.",
        anchors=ordered["claim_id"].map(lambda claim_id: page.anchor("claim", claim_id)),
        filters=("Article", "Grade", "Topic"), details=("Why",),
    )


def word_count(text: str) -> int:
    return len(text.split())
