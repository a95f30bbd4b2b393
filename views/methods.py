"""Methods and provenance: how the review found, appraised and synthesised its studies, and what is whose."""

import datetime as dt

import streamlit as st

from components import methods_view as view
from components.chrome import app_base_url
from evidence.citations import dashboard_name
from queries import run_once

review = run_once("review").iloc[0]
studies = run_once("studies")
included_count = int(studies.included.sum())


def points(section: str):
    """The review's points of one section."""
    return run_once("review_points", section=section)


st.title("Methods and provenance")
st.caption("How the review found, appraised and synthesised its studies; what on this dashboard is the paper's "
           "and what is our editorial coding; and how to cite both.")
view.styles()

st.header("Search and eligibility", anchor=False)
view.search_and_eligibility(review, points("inclusion"), points("exclusion"), points("flow_exclusion_criteria"))
st.header("Study selection (PRISMA flow diagram)", anchor=False)
view.prisma_section(run_once("prisma_flow"), run_once("prisma_exclusions"))
st.header("Quality appraisal", anchor=False)
view.quality_section(review)
st.header("Synthesis", anchor=False)
view.synthesis_section(review, run_once("synthesis_steps"))
st.header("Confidence in the findings", anchor=False)
view.confidence_section(run_once("review_points_matching", section="limitations", term="confidence"))
limitations, future = points("limitations"), points("future_research")
if len(limitations) or len(future):
    st.header("Limitations and future research", anchor=False)
    view.points("Limitations", limitations)
    view.points("Future research", future)
st.header("What is the paper's and what is editorial", anchor=False)
view.provenance_section(run_once("provenance_counts"), run_once("editorial_columns"), review)
if not studies.included.all():
    st.header("Related evidence outside the synthesis", anchor=False)
    view.related_section(studies[~studies.included], included_count)
st.header("How to cite", anchor=False)
view.citing_section(review, run_once("build_info").iloc[0], dashboard_name(review.short_citation), app_base_url(),
                    dt.date.today().isoformat())
