"""Talking with patients: evidence-linked talking points for clinicians, and printable handouts."""

import streamlit as st

from components import guide_view
from evidence.handouts import clinician_guide_pdf, patient_leaflet_pdf
from queries import run_query

guidance = run_query("guidance").iloc[0].to_dict()
review = run_query("review").iloc[0].to_dict()
build = run_query("build_info").iloc[0].to_dict()
points = run_query("talking_points")
evidence = run_query("talking_point_evidence")
leaflet = {"title": guidance["leaflet_title"], "intro": guidance["leaflet_intro"],
           "sections": run_query("leaflet_sections").to_dict("records")}
printable = points.merge(guide_view.point_support(evidence), left_on="id", right_on="point_id", how="left")

st.title("Talking with patients")
guide_view.styles()
guide_view.disclaimer(guidance)
st.caption("Talking points in this project's own words, each with the evidence behind it and how strong that "
           "support is. Print the one-page guide for yourself, or the plain-language leaflet for a patient.")
guide_view.handout_downloads(lambda: clinician_guide_pdf(printable, review, build, guidance),
                             lambda: patient_leaflet_pdf(leaflet, review, build), key_prefix="guide")
guide_view.guide(points, evidence)

st.subheader("Patient leaflet")
with st.expander("Preview the leaflet's text"):
    guide_view.leaflet(leaflet)
