"""Small pieces of literal HTML for evidence pages: provenance chips, labelled passages, notes, links.

Every data value is escaped here, so text from the data never renders as Markdown, LaTeX or HTML.
"""

from __future__ import annotations

import streamlit as st

from components.text import escape
from evidence.voice import Voice

BLOCK_CSS = """<style>
/* The chips and labels these blocks draw are styled for every page (components/chrome.GLOBAL_CSS). */
.ev-text{margin:0 0 .5rem 0;line-height:1.5}
.ev-note{font-size:.9rem;color:#333;margin:.2rem 0 .6rem 0}
.claim-strength{font-size:.9rem}
.claim-studies{font-size:.85rem;color:#333}
.claim-evidence{font-size:.9rem}
.claim-evidence h5{font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;margin:.6rem 0 .2rem 0;color:#444}
.claim-evidence blockquote{border-left:4px solid var(--ev-accent);margin:.2rem 0;padding:.1rem .6rem;
 white-space:pre-wrap}
.claim-details summary{cursor:pointer;font-size:.9rem}
.ev-headline{font-size:1.3rem;font-style:italic;border-left:4px solid var(--ev-accent);
 padding:.1rem .75rem;margin:.2rem 0}
.ev-list{margin:.2rem 0 .6rem 1.1rem;padding:0}
.ev-list li{margin:.15rem 0;line-height:1.45}
</style>"""

def block_styles() -> None:
    """The styles these blocks use, once per page."""
    st.html(BLOCK_CSS)


def chip(provenance: str, text: object = None, *, voice: Voice | None = None) -> str:
    """HTML of a provenance chip, solid outline for the paper and dashed for what its presenter added: it says whose
    the text is (in the presenter's `voice`, which a chip on added text needs), or shows `text` (a tag's name) in
    that outline."""
    kind = "paper" if provenance == "paper" else "editorial"
    if text is None and kind == "editorial" and voice is None:
        raise TypeError("a chip on added text names its presenter: pass voice=")
    shown = text if text is not None else "paper" if kind == "paper" else voice.chip
    return f'<span class="ev-chip ev-chip-{kind}">{escape(shown)}</span>'


def labelled(label: str, text: object, provenance: str | None = None, *, voice: Voice | None = None) -> None:
    """A passage of data text under a small label, with its provenance chip if given."""
    tag = chip(provenance, voice=voice) if provenance else ""
    st.html(f'<p class="ev-label">{escape(label)} {tag}</p><p class="ev-text">{escape(text)}</p>')


def note(text: object) -> None:
    """A small explanatory note from the data, shown literally."""
    st.html(f'<p class="ev-note">{escape(text)}</p>')


def link(href: str, text: object) -> str:
    """HTML of an anchor with an escaped address and text (opens in this tab)."""
    return f'<a href="{escape(href)}" target="_self">{escape(text)}</a>'


def items(rows: list[str]) -> None:
    """A bulleted list whose items are HTML already escaped by the caller."""
    st.html('<ul class="ev-list">' + "".join(f"<li>{row}</li>" for row in rows) + "</ul>")
