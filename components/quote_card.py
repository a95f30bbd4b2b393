"""A quote card: the verbatim text, its citation, and its tags labelled paper or editorial."""

from __future__ import annotations

import streamlit as st

from components.blocks import link
from components.chrome import app_base_url
from components.text import escape, highlighted, markdown_escape
from evidence.exports import quote_citation

CARD_CSS = """<style>
.quote-text{font-size:1.05rem;line-height:1.5;border-left:4px solid #1f5c99;margin:0 0 .5rem 0;padding:.25rem .75rem;
 white-space:pre-wrap}
.quote-text mark{background:#ffe08a;color:#000;padding:0 .1em}
.quote-meta{font-size:.85rem;color:#333;margin:.2rem 0}
.tag{display:inline-block;border:1px solid #666;border-radius:.6rem;padding:0 .45rem;margin:0 .25rem .2rem 0;
 font-size:.8rem;color:#222;background:#fff}
.tag-paper{border-style:solid;font-weight:600}
.tag-editorial{border-style:dashed}
.prov{font-size:.75rem;color:#444;text-transform:uppercase;letter-spacing:.03em}
</style>"""


def card_styles() -> None:
    """The card styles, once per page."""
    st.html(CARD_CSS)


def _tag_row(label: str, tags, provenance_hint: str) -> str:
    if tags is None or not len(tags):
        return ""
    chips = "".join(f'<span class="tag tag-{escape(t["provenance"])}">{escape(t["name"])}</span>' for t in tags)
    kinds = sorted({t["provenance"] for t in tags})
    return (f'<p class="quote-meta"><span class="prov">{escape(label)} ({escape(", ".join(kinds))}'
            f"{provenance_hint})</span><br>{chips}</p>")


def quote_body(row, search: str | None = None) -> str:
    """The card's HTML: quote, citation and tags, every data value escaped."""
    return (
        f'<blockquote class="quote-text">{highlighted(row.text, search)}</blockquote>'
        f'<p class="quote-meta"><strong>{escape(row.citation)}, p. {int(row.page)}</strong> · '
        f"{escape(row.source)} · study quality {_score(row)}</p>"
        f'<p class="quote-meta"><span class="prov">Theme (paper: the section that prints it)</span><br>'
        f'<span class="tag tag-paper">{escape(row.theme_name)}</span></p>'
        + _tag_row("Subthemes", row.subthemes, " coding")
        + _tag_row("Stigma types", row.stigma, " coding")
    )


def _score(row) -> str:
    if row.quality_score is None:
        return "not rated"
    return f"{int(row.quality_score)}/{int(row.quality_max)}"


def quote_card(row, review_citation: str, search: str | None = None) -> None:
    """One quote in a bordered card; a distressing one stays closed until the reader opens it."""
    with st.container(border=True):
        if isinstance(row.content_note, str) and row.content_note:  # pandas gives NaN, not None, for a gap
            label = f"Content note: {markdown_escape(row.content_note)}. Open to read this quote."
            # The citation repeats the quote's words, so it stays behind the note too.
            with st.expander(label, expanded=False, icon=":material/warning:"):
                st.html(quote_body(row, search))
                _cite_and_share(row, review_citation)
        else:
            st.html(quote_body(row, search))
            with st.expander("Cite or share this quote"):
                _cite_and_share(row, review_citation)


def _cite_and_share(row, review_citation: str) -> None:
    st.caption("Citation with page, ready to paste:")
    st.code(quote_citation(row.text, row.citation, int(row.page), review_citation), language=None, wrap_lines=True)
    st.caption("Link to this quote:")
    st.code(quote_link(row.id), language=None)


def quote_link(quote_id: str) -> str:
    """The address of this quote on its own in the quote explorer."""
    return f"{app_base_url()}/quotes?quote={quote_id}"


def quote_sample(rows, review_citation: str, described: str, all_href: str) -> None:
    """The first quotes of a query page as cards, how many there are in all, and a link to all of them."""
    total = int(rows.total_matches.iloc[0]) if len(rows) else 0
    shown = rows.dropna(subset=["id"])
    st.html(f'<p class="ev-text">{total} quote{"s" if total != 1 else ""} {escape(described)}'
            f"{f'; the first {len(shown)} in paper order' if len(shown) < total else ''}.</p>")
    for row in shown.itertuples(index=False):
        quote_card(row, review_citation)
    if total:
        st.html(f'<p class="ev-text">{link(all_href, f"Open all {total} in the Quote explorer")}</p>')
