"""Practice guidance: a summary of every talking point, each point with what it rests on, and handouts."""

import streamlit as st

from components import guide_view
from components.blocks import block_styles
from components.chrome import app_base_url
from components.claims import about_evidence, by_claim
from components.text import markdown_escape
from evidence import fonts, settings
from evidence.handouts import (
    clinician_guide_pdf,
    handout_gaps,
    patient_leaflet_pdf,
    review_citation,
    version_line,
)
from queries import per_version, run_once

guidance_rows = run_once("guidance")
if guidance_rows.empty:  # the navigation leaves this page out then; an old link still gets a plain answer
    st.info("This synthesis holds no practice guidance, so this page has nothing to show.")
    st.stop()
guidance = guidance_rows.iloc[0].to_dict()
review = run_once("review").iloc[0].to_dict()
build = run_once("build_info").iloc[0].to_dict()
points = run_once("talking_points")
claims = by_claim(run_once("claim_support", claim_kind="talking_point"))
notes = run_once("evidence_notes")
note_claims = by_claim(run_once("claim_support", claim_kind="evidence_note"))
leaflet = {"title": guidance["leaflet_title"], "intro": guidance["leaflet_intro"],
           "sections": run_once("leaflet_sections").to_dict("records")}
contacts = settings.local_contacts()
address = settings.public_url() or app_base_url() or None


def make_leaflet() -> bytes:
    """The leaflet's PDF, made when a button asks for it (offered twice on the page)."""
    return patient_leaflet_pdf(leaflet, contacts)


st.title(markdown_escape(guidance["title"]))  # the guidance names its topic
unprintable = per_version("guide:unprintable", lambda: handout_gaps(points, notes, guidance, leaflet, contacts))
if unprintable:
    st.warning(f"The printed guide and leaflet cannot draw {len(unprintable)} character(s) of this review's text "
               f"with the fonts on this server ({markdown_escape(' '.join(unprintable[:20]))}); they are left out of "
               f"the PDFs. To print them, {fonts.INSTALL}.", icon=":material/print_disabled:")
block_styles()
guide_view.styles()
guide_view.disclaimer(guidance)
guide_view.handout_downloads(lambda: clinician_guide_pdf(points, claims, review, build, guidance, address,
                                                         notes, note_claims),
                             make_leaflet, key_prefix="guide")
about_evidence(notes, note_claims, run_once("claim_evidence_items", claim_kind="evidence_note"))

st.header("Every point at a glance")
st.caption("Each point's relation to the review, and how widely it holds in the paper's own words. Open a point "
           "below for what it rests on.")
guide_view.summary(points, claims)

st.header("The points in full")
guide_view.guide(points, claims, run_once("claim_evidence_items", claim_kind="talking_point"))

st.header("The leaflet to hand out")
st.caption("Written for the reader it is handed to. Where each section comes from is for you, and is not "
           "printed on it:")
guide_view.staff_notes(leaflet["sections"], by_claim(run_once("claim_support", claim_kind="leaflet_section")))
guide_view.leaflet_source(review_citation(review), version_line(build))
with st.expander("Preview the leaflet's text"):
    guide_view.leaflet(leaflet, contacts)
guide_view.leaflet_download(make_leaflet, key="guide_leaflet_pdf_below")
