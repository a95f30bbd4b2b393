"""The clinician guide on screen: disclaimer, talking points by section, the evidence and support behind each."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from components.links import quote_href
from components.text import escape

GUIDE_CSS = """<style>
.tp-caveat{border:2px solid #8a5a00;border-radius:.4rem;padding:.6rem .9rem;background:#fff8e6;color:#222}
.tp-caveat p{margin:.2rem 0}
.tp-section{margin:1.2rem 0 .2rem 0}
.tp-title{margin:0 0 .3rem 0}
.tp-body{margin:0 0 .5rem 0;line-height:1.5}
.tp-support{font-size:.9rem;border-left:4px solid #0072b2;padding:.2rem .7rem;margin:.2rem 0;color:#222}
.tp-support p{margin:.15rem 0}
.tp-ev{font-size:.9rem;margin:.2rem 0 .6rem 0}
.tp-ev h5{font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;margin:.6rem 0 .2rem 0;color:#444}
.tp-ev blockquote{border-left:4px solid #1f5c99;margin:.2rem 0;padding:.1rem .6rem;white-space:pre-wrap}
.tp-related{border:1px dashed #666;border-radius:.3rem;padding:0 .3rem}
.leaflet h4{margin:.8rem 0 .2rem 0}
.leaflet .note{font-style:italic;font-size:.85rem;color:#444}
</style>"""

KIND_HEADINGS = {"theme": "Themes (paper)", "subtheme": "Subthemes (paper, Table 3)",
                 "quote": "Quotes (verbatim, as the paper prints them)", "study": "Studies",
                 "review_point": "What the review says (its limitations, implications or conclusions)"}


def styles() -> None:
    """The guide's styles, once per page."""
    st.html(GUIDE_CSS)


def point_support(evidence: pd.DataFrame) -> pd.DataFrame:
    """One row per talking point with its support figures, taken from the evidence rows that repeat them."""
    columns = ["point_id", "included_studies", "included_total", "studies", "related_studies"]
    return evidence[columns].drop_duplicates("point_id").reset_index(drop=True)


def disclaimer(guidance: dict) -> None:
    """What the guidance is and is not, and why no confidence rating is shown: before anything else."""
    st.html(f'<div class="tp-caveat" role="note"><p><strong>Please read first.</strong> '
            f"{escape(guidance['disclaimer'])}</p><p><strong>No confidence rating.</strong> "
            f"{escape(guidance['confidence_note'])}</p></div>")


def _studies(n: int) -> str:
    return f"{n} {'study' if n == 1 else 'studies'}"


def _score(study: dict) -> str:
    return f"{escape(study['citation'])} {int(study['quality_score'])}/{int(study['quality_max'])}"


def _theme_support(theme) -> str:
    named, count = int(theme.support_named), int(theme.support_count)
    which = "all named" if named == count else f"the paper names {named}; the other {count - named} are not specified"
    return (f"<p>{escape(theme.label)}: in the paper&rsquo;s words &ldquo;{escape(theme.support_stated)}&rdquo; "
            f"({_studies(count)}; {which}).</p>")


def support_html(point_id: str, support, links: pd.DataFrame) -> str:
    """How strong the support is: studies behind the point, their quality, each linked theme's stated support."""
    n, total = int(support.included_studies), int(support.included_total)
    studies = list(support.studies) if support.studies is not None else []
    scores = "; ".join(_score(s) for s in studies)
    parts = [f'<div class="tp-support" data-point="{escape(point_id)}" data-studies="{n}">',
             f"<p><strong>Support:</strong> {n} of the {total} included studies are named behind this point"
             + (f" (quality scores: {scores})." if studies else ".") + "</p>"]
    parts += [_theme_support(theme) for theme in links[links.evidence_kind == "theme"].itertuples(index=False)]
    related = list(support.related_studies) if support.related_studies is not None else []
    if related:
        parts.append(f"<p>Related evidence outside the synthesis, not counted above: {escape(', '.join(related))}.</p>")
    parts.append("<p>Confidence: not rated (the review did not assess confidence in its findings).</p></div>")
    return "".join(parts)


def _quote_item(link) -> str:
    opener = f'<a href="{escape(quote_href(link.evidence_id))}" target="_self">open in the quote explorer</a>'
    if isinstance(link.content_note, str) and link.content_note:
        return (f"<li>{escape(link.label)}. Content note: {escape(link.content_note)}. "
                f"The quote is not shown here; {opener} to read it.</li>")
    return f"<li><blockquote>{escape(link.detail)}</blockquote>{escape(link.label)} &middot; {opener}</li>"


def _study_item(link) -> str:
    if not pd.isna(link.included) and bool(link.included):
        return f"<li>{escape(link.label)}: included, quality {int(link.quality_score)}/{int(link.quality_max)}</li>"
    return (f'<li><span class="tp-related">{escape(link.label)}</span>: not counted among the synthesis&rsquo;s '
            f"studies. {escape(link.relation)}</li>")


def _item(link) -> str:
    if link.evidence_kind == "quote":
        return _quote_item(link)
    if link.evidence_kind == "study":
        return _study_item(link)
    if link.evidence_kind == "subtheme":
        return f"<li>{escape(link.label)} (under {escape(link.detail)})</li>"
    if link.evidence_kind == "review_point":
        return f"<li>{escape(link.label)} <em>({escape(link.detail)}; {escape(link.provenance)})</em></li>"
    return f"<li>{escape(link.label)}</li>"


def evidence_html(links: pd.DataFrame) -> str:
    """The evidence a point links, grouped by kind, every data value escaped."""
    parts = ['<div class="tp-ev">']
    for kind, heading in KIND_HEADINGS.items():
        rows = links[links.evidence_kind == kind]
        if len(rows):
            items = "".join(_item(r) for r in rows.itertuples(index=False))
            parts.append(f"<h5>{escape(heading)}</h5><ul>{items}</ul>")
    parts.append("<p><em>Which evidence each point links is this project's editorial choice.</em></p></div>")
    return "".join(parts)


def talking_point(point, support, links: pd.DataFrame) -> None:
    """One talking point: title, body, support, and its evidence in an expander."""
    with st.container(border=True):
        st.html(f'<h4 class="tp-title">{escape(point.title)}</h4><p class="tp-body">{escape(point.body)}</p>'
                + support_html(point.id, support, links))
        with st.expander("Evidence behind this point"):
            st.html(evidence_html(links))


def guide(points: pd.DataFrame, evidence: pd.DataFrame) -> None:
    """Every talking point under its section heading, in guide order."""
    support = point_support(evidence).set_index("point_id")
    section = None
    for point in points.itertuples(index=False):
        if point.section_title != section:
            section = point.section_title
            st.html(f'<h3 class="tp-section">{escape(section)}</h3>')
        talking_point(point, support.loc[point.id], evidence[evidence.point_id == point.id])


def leaflet(content: dict) -> None:
    """The patient leaflet as it will print: title, intro, sections with bullets and notes."""
    parts = [f'<div class="leaflet"><h3>{escape(content["title"])}</h3><p>{escape(content["intro"])}</p>']
    for part in content["sections"]:
        parts.append(f"<h4>{escape(part['heading'])}</h4>")
        if isinstance(part.get("text"), str):
            parts.append(f"<p>{escape(part['text'])}</p>")
        bullets = list(part.get("bullets")) if part.get("bullets") is not None else []
        if bullets:
            parts.append("<ul>" + "".join(f"<li>{escape(b)}</li>" for b in bullets) + "</ul>")
        if isinstance(part.get("note"), str):
            parts.append(f'<p class="note">Note: {escape(part["note"])}</p>')
    st.html("".join(parts) + "</div>")


def handout_downloads(make_guide: Callable[[], bytes], make_leaflet: Callable[[], bytes], key_prefix: str) -> None:
    """Buttons for the two printable PDFs, made only when clicked."""
    guide_col, leaflet_col, _ = st.columns([1, 1, 2])
    with guide_col:
        st.download_button("Clinician guide (PDF)", make_guide, file_name="clinician-guide.pdf",
                           mime="application/pdf", key=f"{key_prefix}_guide_pdf", icon=":material/download:",
                           on_click="ignore")
    with leaflet_col:
        st.download_button("Patient leaflet (PDF)", make_leaflet, file_name="patient-leaflet.pdf",
                           mime="application/pdf", key=f"{key_prefix}_leaflet_pdf", icon=":material/download:",
                           on_click="ignore")
