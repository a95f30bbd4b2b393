"""Practice guidance: a summary of every talking point, each point with what it rests on, and handouts."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from components import sections
from components.blocks import block_styles
from components.chrome import app_base_url
from components.claims import about_evidence, by_claim, claim_basis, relation_chip
from components.text import escape, markdown_escape
from evidence import fonts, settings
from evidence.handouts import (
    clinician_guide_pdf,
    confidence_statement,
    handout_gaps,
    patient_leaflet_pdf,
    review_citation,
    version_line,
)
from evidence.strength import relation_label, strength
from queries import per_version, run_once

GUIDE_CSS = """<style>
.tp-caveat{border:2px solid #8a5a00;border-radius:.4rem;padding:.6rem .9rem;background:#fff8e6;color:#222}
.tp-caveat p{margin:.2rem 0}
.tp-summary ul{margin:.2rem 0 .6rem 1.1rem;padding:0}
.tp-summary li{margin:.25rem 0;line-height:1.45}
.tp-summary h4{margin:.7rem 0 .2rem 0;font-size:1rem}
.tp-section{margin:1.2rem 0 .2rem 0}
.tp-title{margin:0 0 .3rem 0}
.tp-body{margin:0 0 .5rem 0;line-height:1.5}
.tp-advice{margin:0 0 .5rem 0;line-height:1.5;border-left:4px dotted #555;padding:.1rem .7rem}
.leaflet h4{margin:.8rem 0 .2rem 0}
.leaflet .crisis{border:2px solid #444;border-radius:.3rem;padding:.4rem .7rem}
</style>"""


ADVICE_LABEL = "Practice advice, not from the review:"


def styles() -> None:
    """The guide's styles, once per page."""
    st.html(GUIDE_CSS)


def disclaimer(guidance: dict) -> None:
    """What the guidance is and is not, and what it says of confidence in the findings: before anything else."""
    stated = confidence_statement(guidance)
    said = f"<p><strong>{escape(stated[0])}</strong> {escape(stated[1])}</p>" if stated else ""
    st.html(f'<div class="tp-caveat" role="note"><p><strong>Please read first.</strong> '
            f"{escape(guidance['disclaimer'])}</p>{said}</div>")


def summary(points: pd.DataFrame, claims: dict) -> None:
    """Every point on one line: its title, relation and how widely it holds, linked to the point in full."""
    parts, section = ['<div class="tp-summary">'], None
    for point in points.itertuples(index=False):
        if point.section_title != section:
            parts.append(("</ul>" if section is not None else "") + f"<h4>{escape(point.section_title)}</h4><ul>")
            section = point.section_title
        claim = claims[point.id]
        how_widely = strength(claim)
        parts.append(f'<li data-point="{escape(point.id)}"><a href="#tp-{escape(point.id)}" target="_self">'
                     f"{escape(point.title)}</a> {relation_chip(claim)}"
                     + (f" {escape(how_widely)}" if how_widely else "") + "</li>")
    st.html("".join(parts) + ("</ul>" if section is not None else "") + "</div>")


def talking_point(point, claim, items: pd.DataFrame, folded: bool = False) -> None:
    """One talking point: title, what the evidence says, its basis, practice advice, and its evidence on demand; on a
    phone (`folded`) all under a fold titled by its line at a glance (its title, relation and how widely it holds)."""
    title = f'<h4 class="tp-title" id="tp-{escape(point.id)}">{escape(point.title)}</h4>'
    box = (sections.fold_under(point.title, f"tp-{point.id}", title,
                               detail=" · ".join(filter(None, [relation_label(claim), strength(claim)])))
           if folded else st.container(border=True))
    with box:
        advice = point.advice if isinstance(point.advice, str) and point.advice else None
        st.html(("" if folded else title) + f'<p class="tp-body">{escape(point.body)}</p>'
                + (f'<p class="tp-advice"><strong>{escape(ADVICE_LABEL)}</strong> {escape(advice)}</p>'
                   if advice else ""))
        claim_basis(claim, items, "What this point rests on", folded=not folded)


def guide(points: pd.DataFrame, claims: dict, items: pd.DataFrame, folded: bool = False) -> None:
    """Every talking point under its section heading, in guide order (each folded, on a phone)."""
    section = None
    for point in points.itertuples(index=False):
        if point.section_title != section:
            section = point.section_title
            st.html(f'<h3 class="tp-section">{escape(section)}</h3>')
        talking_point(point, claims[point.id], items[items.claim_id == point.id], folded)


def leaflet_preview(content: dict, contacts: list[str]) -> None:
    """The leaflet as it will print: spoken to its reader, no staff notes, local contacts in place."""
    parts = [f'<div class="leaflet"><h3>{escape(content["title"])}</h3><p>{escape(content["intro"])}</p>']
    for part in content["sections"]:
        parts.append(f"<h4>{escape(part['heading'])}</h4>")
        if isinstance(part.get("text"), str):
            parts.append(f"<p>{escape(part['text'])}</p>")
        bullets = list(part.get("bullets")) if part.get("bullets") is not None else []
        if bullets:
            parts.append("<ul>" + "".join(f"<li>{escape(b)}</li>" for b in bullets) + "</ul>")
        if part.get("crisis"):
            lines = contacts or ["(No local contacts are set: the printed leaflet leaves a box to write them in.)"]
            parts.append('<div class="crisis">' + "".join(f"<p>{escape(c)}</p>" for c in lines) + "</div>")
    st.html("".join(parts) + "</div>")


def staff_notes(sections: list[dict], claims: dict) -> None:
    """For whoever hands the leaflet out: where each section comes from. Never printed on the leaflet."""
    rows = []
    for part in sections:
        note = part.get("staff_note")
        claim = claims[part["id"]]
        rows.append(f"<li><strong>{escape(part['heading'])}</strong> {relation_chip(claim)}"
                    + (f" {escape(note)}" if isinstance(note, str) and note else "") + "</li>")
    st.html('<ul class="ev-list">' + "".join(rows) + "</ul>")


def leaflet_source(citation: str, version: str) -> None:
    """For whoever hands the leaflet out: the source and data version it was made from, kept off the leaflet itself
    (its reader needs neither)."""
    st.html(f'<p class="ev-note">The leaflet draws on {escape(citation)} {escape(version)} Neither is printed on '
            "it.</p>")


def handout_downloads(make_guide: Callable[[], bytes], make_leaflet: Callable[[], bytes], key_prefix: str) -> None:
    """Buttons for the two printable PDFs, made only when clicked; one row, each as wide as its label."""
    with st.container(horizontal=True):
        st.download_button("Practice guide (PDF)", make_guide, file_name="practice-guide.pdf",
                           mime="application/pdf", key=f"{key_prefix}_guide_pdf", icon=":material/download:",
                           on_click="ignore")
        leaflet_download(make_leaflet, key=f"{key_prefix}_leaflet_pdf")


def leaflet_download(make_leaflet: Callable[[], bytes], key: str) -> None:
    """The leaflet's button, made only when clicked (the page offers it at the top and beside its preview)."""
    st.download_button("Leaflet to hand out (PDF)", make_leaflet, file_name="leaflet.pdf", mime="application/pdf",
                       key=key, icon=":material/download:", on_click="ignore")




def main() -> None:
    """Draw the page."""
    guidance_rows = run_once("guidance")
    if guidance_rows.empty:  # the navigation leaves this page out then; an old link still gets a plain answer
        st.info("This synthesis holds no practice guidance, so this page has nothing to show.")
        st.stop()
    method = run_once("confidence_levels")
    guidance = {**guidance_rows.iloc[0].to_dict(), "confidence_method": None if method.empty else method.method.iloc[0],
                "confidence_source": None if method.empty else method.overall_source.iloc[0]}
    review = run_once("review").iloc[0].to_dict()
    build = run_once("build_info").iloc[0].to_dict()
    points = run_once("talking_points")
    claims = by_claim(run_once("claim_support", claim_kind="talking_point"))
    notes = run_once("evidence_notes")
    note_claims = by_claim(run_once("claim_support", claim_kind="evidence_note"))
    leaflet = {"title": guidance["leaflet_title"], "intro": guidance["leaflet_intro"],
               "write_in": guidance["leaflet_write_in"], "sections": run_once("leaflet_sections").to_dict("records")}
    contacts = settings.local_contacts()

    def make_leaflet() -> bytes:
        """The leaflet's PDF, made when a button asks for it (offered twice on the page)."""
        return patient_leaflet_pdf(leaflet, contacts)

    address = settings.public_url() or app_base_url() or None
    st.title(markdown_escape(guidance["title"]))  # the guidance names its topic
    unprintable = per_version("guide:unprintable", lambda: handout_gaps(points, notes, guidance, leaflet, contacts))
    if unprintable:
        st.warning(f"The printed guide and leaflet cannot draw {len(unprintable)} character(s) of this review's "
                   f"text with the fonts on this server ({markdown_escape(' '.join(unprintable[:20]))}); they are left "
                   f"out of the PDFs. To print them, {fonts.INSTALL}.", icon=":material/print_disabled:")
    block_styles()
    styles()
    disclaimer(guidance)
    handout_downloads(lambda: clinician_guide_pdf(points, claims, review, build, guidance, address, notes,
                                                  note_claims),
                      make_leaflet, key_prefix="guide")
    with sections.parts() as page:
        about_evidence(notes, note_claims, run_once("claim_evidence_items", claim_kind="evidence_note"), page)
        items = run_once("claim_evidence_items", claim_kind="talking_point")
        with page.part("Every point at a glance", "glance", fold=False):
            st.caption("Each point's relation to the review, and how widely it holds in the paper's own words. Open a "
                       f"point{'' if page.phone else ' below'} for what it rests on.")
            if page.phone:  # on a phone the points at a glance are the points themselves, each folded
                guide(points, claims, items, folded=True)
            else:
                summary(points, claims)
        if not page.phone:
            with page.part("The points in full", "points"):
                guide(points, claims, items)
        with page.part("The leaflet to hand out", "leaflet"):
            st.caption("Written for the reader it is handed to. Where each section comes from is for you, and is not "
                       "printed on it:")
            staff_notes(leaflet["sections"], by_claim(run_once("claim_support", claim_kind="leaflet_section")))
            leaflet_source(review_citation(review), version_line(build))
            with st.expander("Preview the leaflet's text"):
                leaflet_preview(leaflet, contacts)
            leaflet_download(make_leaflet, key="guide_leaflet_pdf_below")

if __name__ == "__main__":  # Streamlit runs a page as __main__; a test may import its parts
    main()
