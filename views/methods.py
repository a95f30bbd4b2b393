"""Methods and provenance: how the review found, appraised and synthesised its studies, and what is whose."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from components import sections
from components.blocks import chip, link
from components.chrome import app_base_url
from components.html_table import chart_or_table, table
from components.prisma_chart import prisma_diagram, prisma_table
from components.terms import term
from components.text import escape, literal, markdown_escape
from evidence.citations import dashboard_name, dashboard_reference, review_reference
from evidence.database import data_version
from evidence.values import capitalised, text_or_none
from evidence.voice import Voice, voice_of
from queries import run_once

STYLES = """<style>
.points li{margin:.25rem 0}
</style>"""


def labels(voice: Voice) -> list[tuple[str, str]]:
    """What each label on the dashboard means, the presenter's own additions named in its voice."""
    return [("paper", "The review states it: its tables, counts, quotes, and the themes it prints each quote under."),
            (voice.added, f"{capitalised(voice.coders_own)} coding or wording: summaries, "
                          "subtheme and type tags on quotes, and links the paper does not state. Shown with a dashed "
                          "outline."), *LABELS]


LABELS = [
    ("public record", "A fact from a study's own publication record, beyond the review: context, never a "
                      "finding of the synthesis."),
    ("not specified", "The paper is silent, so the dashboard does not guess (for example which studies make up "
                      "a theme's count when the paper does not name them)."),
    ("not confirmed", "A bibliographic field public records could not confirm; it is shown as such and left "
                      "out of exported references."),
]


def styles() -> None:
    """The page's styles, once."""
    st.html(STYLES)


def _facts(pairs) -> str:
    return '<dl class="fact">' + "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in pairs) + "</dl>"


def points_html(points: pd.DataFrame, voice: Voice) -> str:
    """A list of review points, each labelled the paper's or its presenter's."""
    items = "".join(f"<li>{chip(p.provenance, 'paper' if p.provenance == 'paper' else voice.added)}"
                    f"{escape(p.text)}</li>" for p in points.itertuples(index=False))
    return f'<ul class="points">{items}</ul>'


def points(title: str, frame: pd.DataFrame, voice: Voice) -> None:
    """A titled list of review points with their provenance; nothing at all when the review lists none."""
    if len(frame):
        st.markdown(f"##### {title}")
        st.html(points_html(frame, voice))


def search_and_eligibility(review, inclusion, exclusion, flow_criteria) -> None:
    """How the studies were found and chosen."""
    st.html(_facts([
        ("Design", review.design), ("Review question (our wording)", review.question),
        ("Condition of interest", review.condition_definition), ("Search date", review.search_date),
        ("Databases", ", ".join(review.search_databases)),
        *([("Google Scholar", review.search_google_scholar)] if text_or_none(review.search_google_scholar) else []),
        ("Reference lists", review.search_reference_screening), ("Search terms", review.search_terms),
        ("Reporting standard", review.search_reporting_standard), ("Who screened", review.eligibility_screening_by)]))
    voice = voice_of(review.presented_by)
    points("Inclusion criteria", inclusion, voice)
    points("Exclusion criteria", exclusion, voice)
    points("Exclusion criteria as the flow diagram prints them", flow_criteria, voice)


def prisma_section(flow: pd.DataFrame, exclusions: pd.DataFrame) -> None:
    """The PRISMA flow diagram, with the same numbers as a table and in a sentence."""
    diagram = prisma_diagram(flow, exclusions)
    chart_or_table("methods_prisma", lambda: st.altair_chart(
        diagram, key="methods_prisma",
        alt="PRISMA flow diagram: records identified, screened, excluded with reasons, assessed and included; the "
            "numbers are listed below the diagram."),
        lambda: table(prisma_table(flow, exclusions)), "The flow diagram as a table", min_width=int(diagram.width) + 20)
    steps = flow.sort_values("position")
    st.caption("In numbers: " + "; ".join(f"{markdown_escape(r.label)}: {int(r.n)}" for r in
                                          steps.itertuples(index=False)) + ".")


def quality_section(review) -> None:
    """How quality was appraised and why no study was excluded for it."""
    st.html(_facts([("Checklist", review.quality_tool), ("Appraised by", review.quality_appraised_by),
                    ("How the scores were used (the paper's approach, our wording)", review.quality_approach),
                    ("The paper's summary of the scores", review.quality_summary)]))
    st.page_link("views/studies.py", label="See every study's ratings on the Studies page",
                 icon=":material/library_books:")


def synthesis_section(review, steps: pd.DataFrame) -> None:
    """The synthesis method: its analysis steps, its levels of interpretation (as the method names them), and the
    line of argument."""
    literal(f"Method: {review.synthesis_method}")
    levels_title = review.synthesis_levels_title if isinstance(review.synthesis_levels_title, str) else "Levels"
    for kind, title in [("step", "Analysis steps"), ("level", levels_title)]:
        rows = steps[steps.kind == kind].sort_values("position")
        if rows.empty:
            continue
        st.markdown(f"##### {markdown_escape(title)}")
        st.html("<ol>" + "".join(f"<li><strong>{escape(r.name)}</strong>: {escape(r.description)}</li>"
                                 for r in rows.itertuples(index=False)) + "</ol>")
    st.markdown("##### Line of argument (our wording)")
    literal(review.line_of_argument)


def confidence_section(points_frame: pd.DataFrame, method: pd.DataFrame, findings_title: str, voice: Voice) -> None:
    """How much confidence the findings deserve: the method the authors judged them with, or why there is no
    rating and what the dashboard shows instead."""
    if not method.empty:
        first = method.iloc[0]
        st.html(f"<p>The review's authors judged how much confidence each of their findings deserves with "
                f"{escape(first.method)} ({escape(first.reference)}). Each finding's level, the judgement of each "
                f"component and the reasons are on the {link('findings', findings_title)} page.</p>")
    else:
        st.info("No finding on this dashboard carries a confidence rating. For each theme it shows how many studies "
                "the paper says support it and those studies' quality scores, so you can judge the support yourself.",
                icon=":material/info:")
    if len(points_frame):
        st.html(points_html(points_frame, voice))


def provenance_section(counts: pd.DataFrame, columns: pd.DataFrame, review) -> None:
    """What the paper states and what its presenter added, with counts from the database."""
    voice = voice_of(review.presented_by)
    st.html(_facts(labels(voice)))
    literal(review.synthesis_appendix_note)
    # The database's own tables and fields are for whoever queries it, not a clinician's reading: on demand.
    with st.expander("For people who query the database: what is labelled whose, table by table"):
        st.caption(markdown_escape(f"As the database documents them: there, 'editorial' names whatever the paper "
                                   f"does not state, whoever added it; for this review, {voice.coders}."))
        st.markdown("##### Links labelled in the data")
        st.caption("Rows of each linking table by provenance, counted from this build of the database.")
        by_provenance = counts.pivot_table(index=["table_name", "table_description"], columns="provenance",
                                           values="rows", aggfunc="sum", fill_value=0).reset_index()
        table_frame = by_provenance.rename(columns={"table_name": "Table", "table_description": "What a row is"})
        table(table_frame.rename_axis(columns=None))
        st.markdown(f"##### Fields in {markdown_escape(voice.coders_own)} own words")
        table(columns.rename(columns={"table_name": "Table", "column_name": "Field", "comment": "Documented as"}))


def related_section(related: pd.DataFrame, included_count: int) -> None:
    """A brief pointer to related evidence kept outside the synthesis (the page leaves it out when there is none)."""
    for study in related.itertuples(index=False):
        literal(f"{study.citation}: {study.related_relation}")
    st.caption(f"It is not one of the {included_count} included studies and is never counted with them.")
    st.page_link("views/studies.py", label="Read about it on the Studies page", icon=":material/call_split:")


def citing_section(review, build, dashboard_name: str, base_url: str, accessed: str) -> None:
    """How to cite the review and this dashboard."""
    text, missing = review_reference(review)
    st.markdown("##### The review")
    st.code(text, language=None, wrap_lines=True)
    if missing:
        st.caption("Left out because public records could not confirm them: " +
                   markdown_escape(", ".join(missing)) + ".")
    if isinstance(review.year_note, str) and review.year_note:
        st.caption(f"Year: {markdown_escape(review.year_note)}.")
    st.markdown("##### This dashboard")
    version = f"{data_version(build.source_hash)} (built {build.built_at:%Y-%m-%d})"
    st.code(dashboard_reference(dashboard_name, version, base_url, accessed), language=None, wrap_lines=True)
    st.caption(markdown_escape(f"Cite the review for its findings; cite the dashboard only for what "
                               f"{voice_of(review.presented_by).coders} coded or wrote for it."))
    st.markdown("##### Data a program read")
    st.caption(markdown_escape(
        f"A program that reads the evidence from the web API ({base_url}/api/v1/, described in docs/API.md) gets "
        "the data version in every answer, as data_version. Cite the dashboard as above with that data version, "
        "not today's, and the date the program read it: the same data version always holds the same evidence."))


def at_a_glance(review, included_count: int) -> None:
    """The method in five facts, each given in full in the parts below: what a phone shows before anything is
    opened."""
    st.html(_facts([("Design", review.design), ("Search date", review.search_date),
                    ("Studies included", str(included_count)), ("Checklist", review.quality_tool),
                    ("Synthesis method", review.synthesis_method)]))


def section_points(section: str):
    """The review's points of one section."""
    return run_once("review_points", section=section, term=None)



def main() -> None:
    """Draw the page."""
    review = run_once("review").iloc[0]
    studies = run_once("studies")
    included_count = int(studies.included.sum())
    st.title("Methods and provenance")
    voice = voice_of(review.presented_by)
    st.caption(markdown_escape(f"How the review found, appraised and synthesised its studies; what on this dashboard "
                               f"is the paper's and what {voice.coders} coded or wrote; and how to cite both."))
    styles()
    with sections.parts() as page:
        if page.phone:
            at_a_glance(review, included_count)
        with page.part("Search and eligibility", "search"):
            search_and_eligibility(review, section_points("inclusion"), section_points("exclusion"),
                                   section_points("flow_exclusion_criteria"))
        with page.part("Study selection (PRISMA flow diagram)", "selection"):
            prisma_section(run_once("prisma_flow"), run_once("prisma_exclusions"))
        with page.part("Quality appraisal", "appraisal"):
            quality_section(review)
        with page.part("Synthesis", "synthesis"):
            synthesis_section(review, run_once("synthesis_steps"))
        with page.part("Confidence in the findings", "confidence"):
            confidence_section(run_once("review_points", section="limitations", term="confidence"),
                               run_once("confidence_levels"), term(review, "findings"), voice)
        limitations, future = section_points("limitations"), section_points("future_research")
        if len(limitations) or len(future):
            with page.part("Limitations and future research", "limitations"):
                points("Limitations", limitations, voice)
                points("Future research", future, voice)
        with page.part(f"What is the paper's and what is {voice.added}", "provenance"):
            provenance_section(run_once("provenance_counts"), run_once("editorial_columns"), review)
        if not studies.included.all():
            with page.part("Related evidence outside the synthesis", "related"):
                related_section(studies[~studies.included], included_count)
        with page.part("How to cite", "cite"):
            citing_section(review, run_once("build_info").iloc[0], dashboard_name(review.short_citation),
                           app_base_url(), dt.date.today().isoformat())

if __name__ == "__main__":  # Streamlit runs a page as __main__; a test may import its parts
    main()
