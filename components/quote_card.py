"""A quote card: the verbatim text, its citation, and its tags labelled paper or editorial."""

from __future__ import annotations

from urllib.parse import quote

import pandas as pd
import streamlit as st

from components.blocks import chip, link
from components.chrome import app_base_url, on_a_phone
from components.terms import NEUTRAL, CardWords
from components.text import escape, highlighted
from evidence.citations import page_label, quote_citation
from evidence.values import counted, score_label, text_or_none
from evidence.voice import Voice


def _tag_row(label: str, tags, voice: Voice) -> str:
    """A card's tags of one kind, the label saying whose they are: the paper's, the presenter's coding, or both."""
    if tags is None or not len(tags):
        return ""
    chips = "".join(chip(t["provenance"], t["name"]) for t in tags)
    kinds = sorted({"paper" if t["provenance"] == "paper" else voice.coding for t in tags}, key=lambda k: k != "paper")
    return (f'<p class="quote-meta"><span class="ev-label">{escape(label)} ({escape(", ".join(kinds))})'
            f"</span><br>{chips}</p>")


def quote_body(row, search: str | None = None, words: CardWords = NEUTRAL, compact: bool = False) -> str:
    """The card's HTML: quote, citation and tags (named in the review's own words), every data value escaped; a
    `compact` card (on a phone) keeps its coding note behind a fold."""
    return (
        f'<blockquote class="quote-text">{highlighted(row.text, search)}</blockquote>'
        f'<p class="quote-meta"><strong>{escape(row.citation)}, {escape(page_label(row.page))}</strong>'
        + (f" · {escape(row.source_label)}" if isinstance(row.source_label, str) else "")
        + (f" · in {escape(row.language)}" if isinstance(getattr(row, "language", None), str) else "")
        + f" · study quality {score_label(row.quality_score, row.quality_max)}</p>"
        f'<p class="quote-meta"><span class="ev-label">{escape(words.theme)} (paper: the section that prints it)'
        "</span><br>"
        f"{chip('paper', row.theme_name)}</p>"
        + _tag_row(words.subthemes, row.subthemes, words.voice)
        + _tag_row(words.types, row.stigma, words.voice)
        + _coding_note(getattr(row, "coding_note", None), words.voice.added, compact)
    )


def has_content_note(row) -> bool:
    """Whether a quote is distressing (it names self-harm or harm to a child, say), so it stays closed behind its
    content note wherever it is shown."""
    return text_or_none(getattr(row, "content_note", None)) is not None


def _coding_note(note, added: str, folded: bool = False) -> str:
    """Why a tag a reader could dispute was given or left off (the presenter's note), where the coding says; behind a
    fold of its own where `folded`."""
    if text_or_none(note) is None:
        return ""
    if folded:
        return (f'<details class="quote-meta coding-note"><summary>Coding note ({escape(added)})</summary>'
                f"{escape(note)}</details>")
    return (f'<p class="quote-meta coding-note"><span class="ev-label">Coding note ({escape(added)})</span><br>'
            f"{escape(note)}</p>")


def card_html(row, review_citation: str, base_url: str, search: str | None = None,
              words: CardWords = NEUTRAL, compact: bool = False) -> str:
    """One quote as a bordered card; a distressing one stays closed behind its content note until opened.

    Native <details> elements open and close in the browser, by mouse or keyboard, with no rerun.
    """
    # A screen reader's list of these summaries says whose quote each one is; the card already shows it.
    whose = f'<span class="ev-hidden"> ({escape(row.citation)}, {escape(page_label(row.page))})</span>'
    inner = (f"{quote_body(row, search, words, compact)}<details><summary>Cite or share this quote{whose}</summary>"
             f"{_cite_and_share(row, review_citation, base_url)}</details>")
    if has_content_note(row):
        # The citation repeats the quote's words, so it stays behind the note too.
        inner = (f'<details class="quote-note"><summary>Content note: {escape(row.content_note)}. '
                 f"Open to read this quote.</summary>{inner}</details>")
    return f'<article class="quote-card" data-quote="{escape(row.id)}">{inner}</article>'


def quote_cards(rows, review_citation: str, search: str | None = None, words: CardWords = NEUTRAL) -> None:
    """A page of quote cards, drawn as one element (their styles are global: components.chrome.GLOBAL_CSS); `rows`
    a DataFrame or row tuples. On a phone each card is compact (`quote_body`)."""
    base_url, compact = app_base_url(), on_a_phone()
    records = rows.itertuples(index=False) if isinstance(rows, pd.DataFrame) else rows
    cards = "".join(card_html(row, review_citation, base_url, search, words, compact) for row in records)
    # With no card the slot stays, empty: the elements after it keep their places (and a pager its focus).
    if cards:
        st.html(cards)
    else:
        st.empty()


def _cite_and_share(row, review_citation: str, base_url: str) -> str:
    citation = quote_citation(row.text, row.citation, row.page, review_citation)
    link = quote_link(row.id, base_url)
    return (f'<p class="quote-meta">Citation with page, ready to paste:</p>'
            f'<pre class="quote-copy">{escape(citation)}</pre>{copy_button("Copy the citation")}'
            f'<p class="quote-meta">Link to this quote:</p>'
            f'<pre class="quote-copy"><a href="{escape(link)}">{escape(link)}</a></pre>{copy_button("Copy the link")}')


def copy_button(label: str) -> str:
    """A button copying the text just above it (the global script components/chrome.COPY_BUTTONS handles it)."""
    return f'<button type="button" class="ev-copy" data-label="{label}" aria-live="polite">{label}</button>'


def quote_link(quote_id: str, base_url: str | None = None) -> str:
    """The address of this quote on its own in the quote explorer."""
    return f"{app_base_url() if base_url is None else base_url}/quotes?quote={quote(str(quote_id), safe='')}"


def quote_sample(rows, review_citation: str, described: str, all_href: str, words: CardWords = NEUTRAL) -> None:
    """The first quotes of a query page as cards, how many there are in all, and a link to all of them."""
    total = int(rows.total_matches.iloc[0]) if len(rows) else 0
    shown = rows.dropna(subset=["id"])
    st.html(f'<p class="ev-text">{counted(total, "quote")} {escape(described)}'
            f"{f'; the first {len(shown)} in paper order' if len(shown) < total else ''}.</p>")
    quote_cards(shown, review_citation, words=words)
    if total:
        st.html(f'<p class="ev-text">{link(all_href, f"Open all {total} in the Quote explorer")}</p>')
