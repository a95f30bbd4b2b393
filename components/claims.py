"""What an editorial claim rests on: its relation to the evidence, how widely it holds, and its links.

Takes rows of the `claim_support` and `claim_evidence_items` queries; every data value is escaped.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.blocks import link
from components.findings import level_html
from components.links import quote_href
from components.quote_card import has_content_note
from components.sections import Parts
from components.text import escape
from evidence.format.language import NOT_CONFIRMED
from evidence.handouts import ABOUT_HEADING
from evidence.strength import RELATION_KIND, credited, relation_label, strength
from evidence.values import text_or_none
from evidence.voice import voice_of

KIND_HEADINGS = {"statement": "What the paper says (verbatim)", "quote": "Quotes (verbatim, as the paper prints them)",
                 "study": "Study records", "finding": "Review findings, with the confidence the authors place in them",
                 "theme": "Parts of the synthesis, with the support the paper states for each",
                 "limitation": "Limitations of the review"}


def relation_chip(claim) -> str:
    """HTML of a chip naming the claim's relation: solid for the paper, dashed for ours, dotted for advice."""
    kind = RELATION_KIND[claim["relation"]]
    return f'<span class="ev-chip ev-chip-{kind}" data-relation="{escape(claim["relation"])}">' \
           f"{escape(relation_label(claim))}</span>"


def basis_html(claim) -> str:
    """The claim's relation, how widely it holds in the source's words, and the studies it credits."""
    parts = [relation_chip(claim)]
    how_widely = strength(claim)
    if how_widely:
        parts.append(f'<span class="claim-strength">How widely: {escape(how_widely)}</span>')
    studies = credited(claim)
    if studies:
        parts.append(f'<br><span class="claim-studies">Studies it rests on (quality score): {escape(studies)}</span>')
    return f'<p class="ev-note claim-basis" data-claim="{escape(claim["claim_id"])}">{" ".join(parts)}</p>'


PLACES_ONLY = ("where this sits: it says how many studies had the theme {theme}, not how widely this claim holds, "
               "so it gives this claim no count and credits it no study")


def _statement_item(item) -> str:
    outside = "" if item.inside_synthesis else " <em>(outside the synthesis)</em>"
    places = (f' &middot; <em class="claim-places">{escape(PLACES_ONLY.format(theme=item.presence_theme))}</em>'
              if item.places_only else "")
    return (f"<li><blockquote>{escape(item.detail)}</blockquote>{escape(item.label)}{outside} &middot; "
            f"{escape(item.relation)}{places}</li>")


def _quote_item(item) -> str:
    opener = link(quote_href(item.evidence_id), "open in the quote explorer")
    if has_content_note(item):
        return (f"<li>{escape(item.label)}. Content note: {escape(item.content_note)}. The quote is not shown "
                f"here; {opener} to read it. &middot; {escape(item.relation)}</li>")
    return (f"<li><blockquote>{escape(item.detail)}</blockquote>{escape(item.label)} &middot; {opener} &middot; "
            f"{escape(item.relation)}</li>")


def _study_item(item) -> str:
    outside = "" if item.inside_synthesis else " (outside the synthesis)"
    authors = text_or_none(item.study_authors) or NOT_CONFIRMED
    return (f"<li>{escape(item.label)}{escape(outside)}: its stated aim, &ldquo;{escape(item.detail)}&rdquo;; "
            f"its authors, {escape(authors)} &middot; {escape(item.relation)}</li>")


def _finding_item(item) -> str:
    return (f"<li><blockquote>{escape(item.detail)}</blockquote>{escape(item.label)}: "
            f"{level_html(item.confidence_label, item.confidence_meaning)}{link('findings', 'all findings')} "
            f"&middot; {escape(item.relation)}</li>")


def _theme_item(item) -> str:
    return (f"<li>{escape(item.label)}: its support, as the paper states it, &ldquo;{escape(item.detail)}&rdquo; "
            f"&middot; {link('themes', 'read it')} &middot; {escape(item.relation)}</li>")


def _limitation_item(item) -> str:
    whose = "the paper states it" if item.point_provenance == "paper" else voice_of(item.presented_by).added
    return (f"<li><blockquote>{escape(item.detail)}</blockquote>{escape(item.label)} ({escape(whose)}) "
            f"&middot; {link('methods', 'all limitations')} &middot; {escape(item.relation)}</li>")


ITEM = {"statement": _statement_item, "quote": _quote_item, "study": _study_item, "finding": _finding_item,
        "theme": _theme_item, "limitation": _limitation_item}


def evidence_html(items: pd.DataFrame) -> str:
    """The links of one claim, grouped by kind, each with its relation."""
    parts = ['<div class="claim-evidence">']
    for kind, heading in KIND_HEADINGS.items():
        rows = items[items.evidence_kind == kind]
        if len(rows):
            parts.append(f"<h5>{escape(heading)}</h5><ul>"
                         + "".join(ITEM[kind](r) for r in rows.itertuples(index=False)) + "</ul>")
    voice = voice_of(items.presented_by.iloc[0] if len(items) else None)
    parts.append(f"<p><em>Which evidence each claim links, and each link's relation, is {escape(voice.coders_own)} "
                 "choice.</em></p></div>")
    return "".join(parts)


def claim_basis(claim, items: pd.DataFrame, label: str = "What this rests on", folded: bool = True) -> None:
    """The basis line of a claim, and its evidence in an expander that opens on demand (or, not `folded`, under
    `label` as it stands: inside a fold already opened, a second fold would only narrow the text)."""
    st.html(basis_html(claim))
    if not len(items):
        return
    if not folded:
        st.html(f'<p class="ev-label">{escape(label)}</p>{evidence_html(items)}')
        return
    with st.expander(label):
        st.html(evidence_html(items))


def details_html(items: pd.DataFrame, label: str = "What this rests on") -> str:
    """The links of one claim inside a native disclosure element, for claims listed inside HTML lists."""
    if not len(items):
        return ""
    return f'<details class="claim-details"><summary>{escape(label)}</summary>{evidence_html(items)}</details>'


def by_claim(support: pd.DataFrame) -> dict:
    """Claim rows keyed by claim id, as plain dicts."""
    return {row["claim_id"]: row for row in support.to_dict("records")}


ABOUT_CAPTION = ("What to know before leaning on these findings: in our words, each note with what it rests on "
                 "and its relation to the paper.")


def about_evidence(notes: pd.DataFrame, claims: dict, items: pd.DataFrame, page: Parts) -> None:
    """"About this evidence", a part of `page`: each note's topic, our wording, its basis and its links on demand;
    nothing at all when the review writes no notes."""
    if not len(notes):
        return
    with page.part(ABOUT_HEADING, "about"):
        st.caption(ABOUT_CAPTION)
        st.html('<ul class="ev-list about-evidence">' + "".join(
            f'<li data-note="{escape(n.id)}"><strong>{escape(n.topic)}.</strong> {escape(n.text)}'
            + basis_html(claims[n.id]) + details_html(items[items.claim_id == n.id]) + "</li>"
            for n in notes.itertuples(index=False)) + "</ul>")
