"""Overview: what this evidence is, what it found, how far it goes, and where to go next."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import charts, html_table, sections
from components.blocks import block_styles, chip, items, labelled, note
from components.claims import about_evidence, basis_html, by_claim, claim_basis, details_html
from components.terms import term
from components.text import escape, markdown_escape
from evidence import settings
from evidence.citations import review_reference
from evidence.values import counted
from evidence.voice import Voice, voice_of
from queries import run_once


def review_summary(review, voice: Voice) -> None:
    """What the review is: its reference (confirmed fields only, the year with its caveat), design, question, aim."""
    citation, left_out = review_reference(review)
    labelled("The review", citation + (f" Not confirmed, so left out: {', '.join(left_out)}." if left_out else ""))
    labelled("Design", review.design, "paper")
    labelled("Question", review.question, "editorial", voice=voice)
    labelled("Aim", review.aim, "editorial", voice=voice)


def sample_text(study) -> str:
    """What a study analysed (its source type, where the review declares them), with its sample size: e.g.
    "interviews: 12 participants"."""
    analysed = f"{study.source_plural}: " if isinstance(study.source_plural, str) else ""
    if pd.isna(study.sample_n):
        return f"{analysed}sample not specified"
    return f"{analysed}{int(study.sample_n):,} {study.sample_unit}"


def studies_brief(studies: pd.DataFrame) -> None:
    """The included studies in a table, and their pooled sample per source and unit."""
    table = pd.DataFrame({"Study": studies.citation, "What it analysed": [sample_text(s) for s in
                                                                          studies.itertuples(index=False)],
                          "Location (as printed)": studies.characteristics_location,
                          "Sample as printed": studies.characteristics_n})
    html_table.table(table)
    st.html('<p class="ev-text"><strong>In all:</strong> ' + escape(totals_text(studies)) + "</p>")
    note("Totals are sums of the sample sizes in the review's table of included studies: our arithmetic, "
         "not a figure the paper prints.")


def totals_text(studies: pd.DataFrame) -> str:
    """The pooled sample per source and unit, e.g. "120 participants (3 studies of interviews)"."""
    parts = []
    frame = studies.dropna(subset=["sample_n"]).assign(source=studies.source_plural.fillna(""))
    for (source, unit), group in frame.groupby(["source", "sample_unit"], sort=False):
        count = len(group)
        parts.append(f"{int(group.sample_n.sum()):,} {unit} ({counted(count, 'study', 'studies')}"
                     + (f" of {source})" if source else ")"))
    return "; ".join(parts) + "."


def themes_table(themes: pd.DataFrame, theme_word: str = "Theme") -> pd.DataFrame:
    """The table alternative of the themes-at-a-glance chart."""
    return pd.DataFrame({
        theme_word: [charts.theme_label(n, m) for n, m in zip(themes.number, themes.name, strict=True)],
        "The paper says": themes.support_stated,
        "Supporting studies": [f"{int(c)} of {int(i)}" for c, i in zip(themes.support_count,
                                                                        themes.studies_included, strict=True)],
        "Named by the paper": themes.studies_named.astype(int),
        "Not specified by the paper": themes.studies_not_specified.astype(int),
        "Quotes": themes.quotes.astype(int),
    })


def themes_glance(themes: pd.DataFrame, appendix_note: str, theme_word: str = "Theme") -> None:
    """Each theme's support as the paper states it and its quotes, as a chart and a table."""
    # On a narrow screen the table below says the same, so the chart is left out there.
    html_table.chart_or_table("overview_glance", lambda: st.altair_chart(
        charts.theme_glance(themes, theme_word), width="content",
        alt="Bar charts: studies supporting each theme and quotes per theme; the table below has the same numbers."),
        min_width=780)
    html_table.table(themes_table(themes, theme_word))
    if (themes.studies_not_specified > 0).any():
        note(appendix_note)


def argument(links: pd.DataFrame, line_of_argument: str, claim, evidence: pd.DataFrame, voice: Voice,
             heads: tuple[str, str] = ("Themes", "Constructs")) -> None:
    """The line of argument with what it rests on, the diagram from themes to constructs, and its text alternative."""
    labelled("Line of argument, in our words", line_of_argument, "editorial", voice=voice)
    claim_basis(claim, evidence, "What this rests on")
    if links.empty:  # a synthesis with no higher-order constructs has no diagram to draw
        return
    # On a narrow screen the list below gives every link, so the diagram is left out there.
    html_table.chart_or_table("overview_argument", lambda: st.altair_chart(
        charts.argument_diagram(links, voice, heads), width="content",
        alt="Diagram: each theme joined by a line to the higher-level constructs it feeds; the list below gives "
            "every link."), min_width=720)
    note(provenance_statement(links, voice))
    items(link_lines(links, voice))


def provenance_statement(links: pd.DataFrame, voice: Voice) -> str:
    """Who drew the links: the paper, its presenter, or some of each."""
    editorial = int((links.provenance == "editorial").sum())
    if editorial == len(links):
        return (f"Every link drawn here is {voice.coders_own} reading of the paper, not a mapping the paper states "
                "(dashed lines).")
    return (f"{len(links) - editorial} of {len(links)} links are stated by the paper (solid lines); "
            f"{editorial} are {voice.coders_own} coding (dashed lines).")


def link_lines(links: pd.DataFrame, voice: Voice) -> list[str]:
    """One escaped line per link: theme, construct, provenance, and why it is drawn."""
    return [f"{escape(charts.theme_label(r.theme_number, r.theme_name))} → <strong>{escape(r.construct_name)}"
            f"</strong> {chip(r.provenance, voice=voice)}<br><span class='ev-note'>{escape(r.rationale)}</span>"
            for r in links.itertuples(index=False)]


def constructs(links: pd.DataFrame, claims: dict, evidence: pd.DataFrame, voice: Voice) -> None:
    """What each construct means, in our words, with the paper's sentences behind it."""
    rows = links.drop_duplicates("construct_id").sort_values("construct_number")
    items([f"<strong>{escape(r.construct_name)}</strong> {chip('editorial', voice=voice)} {escape(r.description)}"
           + basis_html(claims[r.construct_id])
           + details_html(evidence[evidence.claim_id == r.construct_id])
           for r in rows.itertuples(index=False)])


def limitations_list(points: pd.DataFrame, evidence: pd.DataFrame, voice: Voice) -> None:
    """The limits of the evidence, each labelled as the paper's point or ours, the paper's with its own words."""
    items([f"{chip(p.provenance, voice=voice)} {escape(p.text)}"
           + details_html(evidence[evidence.claim_id == f"limitations:{p.position}"])
           for p in points.itertuples(index=False)])


def where_next(db_name: str, guide_title: str | None, themes_words: tuple[str, str] = ("Themes", "subthemes")) -> None:
    """Where a practitioner and a researcher might go from here."""
    practitioner, researcher = st.columns(2)
    with practitioner:
        st.markdown("**If you put this into practice**")
        if guide_title is not None:
            st.page_link("views/guide.py", label=markdown_escape(guide_title), icon=":material/chat:")
        st.page_link("views/quotes.py", label="Quote explorer: read and filter every quote the review prints",
                     icon=":material/format_quote:")
    with researcher:
        st.markdown("**If you study this**")
        st.page_link("views/themes.py", label=markdown_escape(f"{themes_words[0]}, {themes_words[1]} and which studies "
                                                              "support them"),
                     icon=":material/category:")
        st.page_link("views/studies.py", label="Studies and their quality", icon=":material/library_books:")
        st.page_link("views/methods.py", label="Methods and provenance", icon=":material/science:")
        st.html(f'<p class="ev-note">Query the evidence yourself: the DuckDB file <code>{escape(db_name)}</code> '
                "(open it read-only); every table and column is described in <code>docs/DATA.md</code>.</p>")



def main() -> None:
    """Draw the page."""
    review = run_once("review").iloc[0]
    voice = voice_of(review.presented_by)
    studies = run_once("studies").query("included")
    themes = run_once("themes_overview")
    links = run_once("constructs")
    guidance = run_once("guidance")
    guide_title = None if guidance.empty else guidance.title.iloc[0]  # the guidance names its own topic and readers
    block_styles()
    st.title("What this evidence is")
    st.caption(markdown_escape(voice.framing))
    with st.container(horizontal=True):
        if guide_title is not None:  # a review without guidance has no guide page to link to
            st.page_link("views/guide.py", label=f"Practice guidance: {markdown_escape(guide_title)}",
                         icon=":material/chat:")
        st.page_link("views/quotes.py", label="Find quotes by theme, study or source", icon=":material/format_quote:")
    with sections.parts() as page:  # on a phone, the links to the parts come before the review's summary
        review_summary(review, voice)
        with page.part(f"The {len(studies)} included studies", "studies"):
            studies_brief(studies)
        with page.part(f"The {len(themes)} {term(review, 'themes')} at a glance", "glance"):
            themes_glance(themes, review.synthesis_appendix_note, term(review, "theme", capital=True))
        with page.part(f"From {term(review, 'themes')} to a line of argument", "argument"):
            argument(links, review.line_of_argument,
                     by_claim(run_once("claim_support", claim_kind="line_of_argument"))[review.id],
                     run_once("claim_evidence_items", claim_kind="line_of_argument"), voice,
                     (term(review, "themes", capital=True), term(review, "constructs", capital=True)))
        if not links.empty:
            with page.part(f"The {term(review, 'constructs')}", "constructs", subheader=True):
                constructs(links, by_claim(run_once("claim_support", claim_kind="construct")),
                           run_once("claim_evidence_items", claim_kind="construct"), voice)
        about_evidence(run_once("evidence_notes"), by_claim(run_once("claim_support", claim_kind="evidence_note")),
                       run_once("claim_evidence_items", claim_kind="evidence_note"), page)
        limitations = run_once("review_points", section="limitations", term=None)
        if len(limitations):
            with page.part("Limits of this evidence", "limits"):
                limitations_list(limitations, run_once("claim_evidence_items", claim_kind="review_point"), voice)
        with page.part("Where to go next", "next"):
            where_next(settings.db_path().name, guide_title,
                       (term(review, "themes", capital=True), term(review, "subthemes")))

if __name__ == "__main__":  # Streamlit runs a page as __main__; a test may import its parts
    main()
