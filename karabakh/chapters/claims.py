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


def ledger_html(claims: pd.DataFrame) -> page.Markup:
    """The ledger grouped by article: each statement's words, our paraphrase, grade, reason, evidence."""
    blocks = []
    for source_id, rows in claims.groupby("source_id", sort=True):
        items = [
            page.Markup(
                '<span id="{}"><a class="karabakh-anchor" href="#{}"><strong>{}</strong></a>, <strong>{}.</strong> '
                "“{}” ({})</span><br><em>In our words:</em> {} <em>Why:</em> {} {}"
            ).format(
                page.anchor("claim", row.claim_id), page.anchor("claim", row.claim_id), row.claim_id,
                GRADE_LABELS[row.grade].lower(), row.quote, row.claimant, row.claim, row.explanation,
                page.cite(row.evidence_source_ids),
            )
            for row in rows.itertuples()
        ]
        blocks.append(page.Markup("<p><strong>{}</strong> ({} statements)</p>{}").format(source_id, len(rows), page.bullets(items)))
    return page.Markup("").join(blocks)


def word_count(text: str) -> int:
    return len(text.split())
