"""Coded types: the types the presenter coded quotes with, where they fall, the feared consequences, the quotes.

Its words are neutral: the types' own labels (from the data) say what they are types of.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import charts, html_table, sections
from components.blocks import block_styles, chip, items, link, note
from components.choice import choice_box, seed_choice
from components.claims import details_html
from components.html_table import chart_or_table
from components.links import quote_href, quotes_href
from components.quote_card import has_content_note, quote_sample
from components.terms import NEUTRAL, CardWords, card_words, term
from components.text import escape, markdown_escape
from components.url_state import Choice
from evidence.citations import page_label
from evidence.format.language import NOT_SPECIFIED
from evidence.values import counted
from evidence.voice import Voice, voice_of
from queries import filtered_quotes, run_once

QUOTES_SHOWN = 10  # the quote explorer has them all


def stigma_types(types: pd.DataFrame, evidence: pd.DataFrame, voice: Voice) -> None:
    """Each coded type: our label, definition and coding rule, the paper's own term and sentences, its quotes."""
    items([f"<strong>{escape(t.label)}</strong> {chip('editorial', voice=voice)} {escape(t.definition)}<br>"
           f"<span class='ev-note'>Coding rule: {escape(t.rule)}</span><br>"
           f"<span class='ev-note'>Nearest term in the paper: <em>{escape(t.paper_term)}</em> {chip('paper')} "
           f"{_term_scope(t)} · "
           # no link to an explorer that would be empty
           + (link(quotes_href(stigma=t.id), _quotes(t.quotes, "tagged")) if t.quotes else _quotes(0, "tagged"))
           + "</span>"
           + details_html(evidence[evidence.claim_id == t.id], "What the paper says of it")
           for t in types.itertuples(index=False)])


def _term_scope(stigma_type) -> str:
    """What the paper's term is: one of its subthemes, or words from its text; a tag may be broader either way."""
    if stigma_type.paper_subtheme:
        return "(our tag may be broader than the paper's subtheme of that name)"
    if stigma_type.paper_term.strip().lower() == NOT_SPECIFIED:
        return "(the paper has no term for it)"
    return "(words from the paper's text, not one of its subthemes; our tag may be broader)"


def _quotes(n, verb: str) -> str:
    n = int(n)
    return f"{counted(n, 'quote')} {verb}"


EMPTY_CELL = "No quote in this theme is tagged with this type (our coding)."


def stigma_by_theme(counts: pd.DataFrame, voice: Voice, theme_word: str = "Theme") -> None:
    """Quotes per coded type and theme, as a heatmap and as a table of links."""
    frame = counts.assign(
        theme=[charts.theme_label(n, m) for n, m in zip(counts.theme_number, counts.theme_name, strict=True)],
        href=[quotes_href(stigma=s, theme=t) if n else None
              for s, t, n in zip(counts.stigma_type_id, counts.theme_id, counts.quotes, strict=True)],
        action=[f"Open {_quotes(n, 'tagged')}" if n else EMPTY_CELL for n in counts.quotes])
    table = pd.DataFrame({"Type": frame.stigma_label, theme_word: frame.theme, "Tagged quotes": frame.quotes,
                          "Quote explorer": frame.action, "href": frame.href})
    chart_or_table("stigma_matrix", lambda: _chart(frame, voice, theme_word),
                   lambda: html_table.table(table, {"Quote explorer": "href"}),
                   "Table of the same cells, with links",
                   min_width=charts.matrix_min_width(frame.theme, frame.stigma_label))


def _chart(frame: pd.DataFrame, voice: Voice, theme_word: str) -> None:
    st.altair_chart(charts.count_heatmap(frame, "stigma_label", "stigma_position", "theme", "theme_number",
                                         f"Tagged quotes ({voice.added})", {"stigma_label": "Type",
                                                                             "theme": theme_word}),
                    width="stretch", alt="Heatmap of coded types by themes: the number of quotes tagged with each "
                                         "type in each theme; the table below has the same values and links.")
    note("A quote can carry more than one type, so a theme's column can add up to more than its quotes. "
         "Click a cell to read its quotes.")


def consequence_list(rows: pd.DataFrame, quotes: pd.DataFrame, voice: Voice) -> None:
    """What was feared to follow disclosure: our label, the paper's phrase and place, and the quotes naming it."""
    lines = []
    for c in rows.itertuples(index=False):
        named = quotes[quotes.consequence_id == c.id]
        cited = "; ".join(f"{link(quote_href(q.quote_id), f'{q.citation}, {page_label(q.page)}')} {_opening(q)}"
                          for q in named.itertuples(index=False))
        coded = "".join(f" {chip(p, voice=voice)}" for p in sorted(set(named.provenance)))
        lines.append(f"<strong>{escape(c.label)}</strong>: the paper's phrase "
                     f'"{escape(c.paper_text)}" {chip("paper")}<br><span class="ev-note">Where: '
                     f"{escape(c.paper_location)} · Quotes naming it{coded}: {cited or 'none printed'}</span>")
    items(lines)


def _opening(quote, words: int = 7) -> str:
    """The quote's first words, so two quotes from one page can be told apart; none for distressing quotes."""
    if has_content_note(quote):
        return '<span class="ev-note">(content note: open the link to read)</span>'
    head = quote.text.split()
    return f'<span class="ev-note">"{escape(" ".join(head[:words]))}{"…" if len(head) > words else ""}"</span>'


def tagged_quotes(rows: pd.DataFrame, stigma_id: str, definition: str, review_citation: str, voice: Voice,
                  words: CardWords = NEUTRAL) -> None:
    """The quotes tagged with one type, as cards, with a link to all of them in the quote explorer."""
    st.html(f'<p class="ev-note">{escape(definition)} {chip("editorial", voice=voice)}</p>')
    quote_sample(rows, review_citation, f"tagged with this type by {voice.coders}", quotes_href(stigma=stigma_id),
                 words)



def main() -> None:
    """Draw the page."""
    review = run_once("review").iloc[0]
    voice = voice_of(review.presented_by)
    types = run_once("stigma_types")
    if types.empty:  # the navigation leaves this page out then; an old link still gets a plain answer
        st.title(markdown_escape(term(review, "coded_types", capital=True)))
        st.info("This synthesis declares no vocabulary of coded types, so this page has nothing to show.")
        st.stop()
    choice = Choice("stigma", "Type", dict(zip(types.id, types.label, strict=True)))
    block_styles()
    st.title(markdown_escape(term(review, "coded_types", capital=True)))
    st.caption(markdown_escape(f"The types, their definitions and every type tag on a quote are {voice.coders_own} "
                               "coding (dashed outline); the paper's own term for each type and its phrases are "
                               "marked paper (solid)."))
    seed_choice("stigma", choice)  # up here, so a notice about the link is seen first
    with sections.parts() as page:
        with page.part("The types and their coding rules", "types"):
            stigma_types(types, run_once("claim_evidence_items", claim_kind="stigma_type"), voice)
        with page.part(f"Where they fall across the {term(review, 'themes')}", "by-theme"):
            stigma_by_theme(run_once("stigma_theme_counts"), voice, term(review, "theme", capital=True))
        consequences = run_once("disclosure_consequences")
        if len(consequences):
            with page.part("What was feared to follow disclosure", "consequences"):
                consequence_list(consequences, run_once("consequence_quotes"), voice)
        with page.part("Quotes by type", "quotes", opened=bool(st.query_params.get_all(choice.key))):
            st.caption(markdown_escape(f"Choose a type to read a few of the quotes {voice.coders} tagged with it."))
            stigma_id = choice_box("stigma", choice)
            if stigma_id is not None:
                chosen = types[types.id == stigma_id].iloc[0]
                rows = filtered_quotes(QUOTES_SHOWN, stigma=[stigma_id])
                tagged_quotes(rows, stigma_id, chosen.definition, review.short_citation, voice, card_words(review))

if __name__ == "__main__":  # Streamlit runs a page as __main__; a test may import its parts
    main()
