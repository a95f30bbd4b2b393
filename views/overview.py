"""Overview: what this evidence is, what it found, how far it goes, and where to go next."""

import streamlit as st

from components import overview_view as view
from components.blocks import block_styles
from components.claims import about_evidence, by_claim
from components.terms import term
from components.text import markdown_escape
from evidence import settings
from queries import run_once

review = run_once("review").iloc[0]
studies = run_once("studies").query("included")
themes = run_once("themes_overview")
links = run_once("constructs")
guidance = run_once("guidance")
guide_title = None if guidance.empty else guidance.title.iloc[0]  # the guidance names its own topic and readers

block_styles()
st.title("What this evidence is")
st.caption("One published review, presented faithfully. Labels say what the paper states "
           "(solid outline) and what our editors coded or wrote (dashed outline).")
with st.container(horizontal=True):
    if guide_title is not None:  # a review without guidance has no guide page to link to
        st.page_link("views/guide.py", label=f"Practice guidance: {markdown_escape(guide_title)}",
                     icon=":material/chat:")
    st.page_link("views/quotes.py", label="Find quotes by theme, study or source", icon=":material/format_quote:")
view.review_summary(review)

st.header(f"The {len(studies)} included studies")
view.studies_brief(studies)

st.header(f"The {len(themes)} {markdown_escape(term(review, 'themes'))} at a glance")
view.themes_glance(themes, review.synthesis_appendix_note)

st.header("From themes to a line of argument")
view.argument(links, review.line_of_argument,
              by_claim(run_once("claim_support", claim_kind="line_of_argument"))[review.id],
              run_once("claim_evidence_items", claim_kind="line_of_argument"),
              (term(review, "themes", capital=True), term(review, "constructs", capital=True)))
if not links.empty:
    st.subheader(f"The {markdown_escape(term(review, 'constructs'))}")
    view.constructs(links, by_claim(run_once("claim_support", claim_kind="construct")),
                    run_once("claim_evidence_items", claim_kind="construct"))

about_evidence(run_once("evidence_notes"), by_claim(run_once("claim_support", claim_kind="evidence_note")),
               run_once("claim_evidence_items", claim_kind="evidence_note"))

limitations = run_once("review_points", section="limitations")
if len(limitations):
    st.header("Limits of this evidence")
    view.limitations(limitations, run_once("claim_evidence_items", claim_kind="review_point"))

st.header("Where to go next")
view.where_next(settings.db_path().name, guide_title)
