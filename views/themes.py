"""Themes: one theme in full (its support, subthemes and quotes), then which studies support which theme."""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from components import charts, html_table, sections
from components.blocks import block_styles, chip, items, labelled, link, note
from components.choice import url_choice
from components.claims import by_claim, claim_basis
from components.findings import level_html
from components.html_table import chart_or_table
from components.links import quote_href, quotes_href
from components.quote_card import quote_sample
from components.terms import NEUTRAL, CardWords, card_words, term
from components.text import escape, markdown_escape
from components.url_state import Choice
from evidence.citations import page_label
from evidence.format.language import NOT_SPECIFIED
from evidence.strength import NOT_SUPPORTED, SUPPORTED
from evidence.values import counted, missing, text_or_none
from evidence.voice import Voice, voice_of
from queries import filtered_quotes, run_once

QUOTES_SHOWN = 5  # a handful: the quote explorer has them all


def headline(theme, source_quote, voice: Voice) -> None:
    """The phrase the paper heads the theme with, and where it comes from; nothing where the paper gives none."""
    if text_or_none(theme.headline) is None:
        return
    if pd.notna(theme.headline_citation) and theme.headline_citation:
        where = f"— {escape(theme.headline_citation)} {chip('paper')}"
    elif source_quote is not None:
        cited = f"{source_quote.citation}, {page_label(source_quote.page)}"
        where = f"— from a quote in {link(quote_href(source_quote.id), cited)} {chip('editorial', voice=voice)}"
    else:
        where = ""
    st.html(f'<p class="ev-label">The paper heads this theme with {chip("paper")}</p>'
            f'<p class="ev-headline">"{escape(theme.headline)}"</p><p class="ev-note">{where}</p>')


def summary(theme, claim, links: pd.DataFrame, voice: Voice) -> None:
    """The theme in our own words, with what the summary rests on."""
    labelled("Summary, in our words", theme.summary, "editorial", voice=voice)
    claim_basis(claim, links, "What this summary rests on")


def support(theme, named: pd.DataFrame, appendix_note: str) -> None:
    """How many studies support the theme as the paper states it, which it names, and how many it does not."""
    st.html(f'<p class="ev-label">Supporting studies {chip("paper")}</p><p class="ev-text">'
            f"<strong>{int(theme.support_count)} of {int(theme.studies_included)}</strong> included studies, as "
            f'the paper states: "{escape(theme.support_stated)}".</p>')
    items([f"{escape(s.citation)} <span class='ev-note'>({escape(s.basis)})</span>"
           for s in named.itertuples(index=False)])
    if theme.studies_not_specified > 0:
        st.html(f'<p class="ev-text"><strong>{unspecified_text(int(theme.studies_not_specified))}</strong></p>')
        note(appendix_note)


def unspecified_text(count: int) -> str:
    """The honest statement of supporting studies the paper does not name."""
    return f"{counted(count, 'further study', 'further studies')} not specified by the paper."


def subtheme_list(subthemes: pd.DataFrame, word: str, voice: Voice) -> None:
    """The theme's subthemes (in the review's own word): the paper's names, our descriptions, and links to their coded
    quotes."""
    st.html(f'<p class="ev-label">{escape(word)}: names {chip("paper")} descriptions and quote coding '
            f'{chip("editorial", voice=voice)}</p>')
    items([f"<strong>{escape(s.name)}</strong>: {escape(s.description)} {_coded_quotes(s)}"
           for s in subthemes.itertuples(index=False)])


def theme_findings(findings: pd.DataFrame, theme_id: str, word: str) -> None:
    """The review's findings under the theme, each with the confidence its authors place in it; nothing at all for a
    review that lists no findings under it."""
    if findings.empty:
        return
    st.html(f'<p class="ev-label">{escape(word)} under this theme, and the confidence the review\'s '
            f'authors place in each {chip("paper")}</p>')
    items([f"{escape(f.text)} {level_html(f.confidence_label, f.confidence_meaning)}"
           for f in findings.itertuples(index=False)])
    explained = link("findings?" + urlencode({"theme": theme_id}), "Their explanations and evidence")
    st.html(f'<p class="ev-note">{explained}</p>')


def _coded_quotes(subtheme) -> str:
    """How many quotes are coded to a subtheme, linked to them when there are any."""
    n = int(subtheme.quotes)
    text = counted(n, "coded quote")
    return link(quotes_href(subtheme=subtheme.id), text) if n else f'<span class="ev-note">{text}</span>'


def theme_quotes(rows: pd.DataFrame, theme_id: str, review_citation: str, words: CardWords = NEUTRAL) -> None:
    """A handful of the theme's quotes as cards, and a link to all of them in the quote explorer."""
    quote_sample(rows, review_citation, "printed in this theme's section", quotes_href(theme=theme_id), words)


# Why a theme x study cell has no quotes, by what the paper says of the pair: an empty cell is an answer.
EMPTY_CELL = {
    SUPPORTED: "The paper states support; it prints no quote from this study under this theme.",
    NOT_SPECIFIED: "The paper does not say whether this study supports the theme; it prints no quote from it "
                     "under this theme.",
    NOT_SUPPORTED: "The paper does not tie this study to the theme; it prints no quote from it under this theme.",
}


EMPTY_SUBTHEME = "No printed quote from this study is coded to this subtheme (our coding)."


def opens(count: int) -> str:
    """What a cell with quotes offers."""
    return f"Open {counted(count, 'quote')}"


def theme_matrix(matrix: pd.DataFrame, theme_word: str = "Theme") -> None:
    """Themes by studies as the paper states them, as a heatmap and as a table of links."""
    has = matrix.quotes > 0
    frame = matrix.assign(
        href=[quotes_href(theme=t, study=s) if n else None
              for t, s, n in zip(matrix.theme_id, matrix.study_id, matrix.quotes, strict=True)],
        action=[opens(n) if n else EMPTY_CELL[s] for n, s in zip(matrix.quotes, matrix.support, strict=True)])
    table = pd.DataFrame({theme_word: [charts.theme_label(n, m) for n, m in zip(frame.theme_number, frame.theme_name,
                                                                              strict=True)],
                          "Study": frame.citation, "The paper": frame.support,
                          "Basis in the paper": frame.basis.fillna(""), "Quotes": frame.quotes.astype(int),
                          "Quote explorer": frame.action, "href": frame.href})
    # Many studies run down the side, where there is room for them; the columns are then the themes.
    studies, themes = frame.citation.unique(), table[theme_word].unique()
    down = charts.upright(studies) and len(studies) > len(themes)
    columns, rows = (themes, studies) if down else (studies, themes)
    filled = frame[has]
    compact = [(label, [html_table.Cell(c, int(n), h, f"{c}: {opens(int(n)).lower()}") for c, n, h in zip(
        group.citation, group.quotes, group.href, strict=True)])
        for label, group in _rows(filled.assign(label=table[theme_word][has]), "theme_number")]
    left_out = (f"{counted(int((~has).sum()), 'cell')} of {len(frame)} with no printed quote left out here; the full "
                "table says why for each.") if not has.all() else ""
    chart_or_table("themes_matrix", lambda: _theme_chart(frame, down, theme_word),
                   lambda: html_table.table(table, {"Quote explorer": "href"}), "Table of the same cells, with links",
                   min_width=charts.matrix_min_width(columns, rows),
                   draw_narrow=lambda: st.html(html_table.compact_html(compact, left_out, html_table.table_html(
                       table, {"Quote explorer": "href"}), "The full table: every cell, and why one is empty")))
    if not has.all():
        note(f"{int((~has).sum())} of {len(frame)} cells have no printed quote; each says why instead of opening "
             "an empty list.")


def _rows(filled: pd.DataFrame, order: str) -> list[tuple[str, pd.DataFrame]]:
    """The filled cells of a matrix grouped by their row's label, rows in `order`, cells in study order."""
    ranked = filled.sort_values([order, "study_position"], kind="stable")
    return [(label, group) for label, group in ranked.groupby("label", sort=False)]


def _theme_chart(frame: pd.DataFrame, studies_down: bool, theme_word: str) -> None:
    st.altair_chart(charts.theme_study_heatmap(frame, studies_down, theme_word), width="stretch",
                    alt="Heatmap of themes by included studies: the paper's support status and quote count in "
                        "each cell; the table below has the same values and links.")
    note("Each cell says what the paper states: supported (the paper ties the study to the theme in its text), "
         "not specified (the paper says more studies support the theme than it names, and does not say whether "
         "this is one), or not supported. Click a cell to read its quotes.")


def subtheme_matrix(matrix: pd.DataFrame, appendix_note: str, voice: Voice,
                    words: tuple[str, str] = ("theme", "Subtheme")) -> None:
    """Subthemes by studies: counts of quotes the presenter coded, as a heatmap and as a table of links."""
    frame = matrix.assign(
        subtheme=[f"{s} ({words[0]} {int(n)})" for s, n in zip(matrix.subtheme_name, matrix.theme_number,
                                                                  strict=True)],
        rank=matrix.theme_number * 1000 + matrix.subtheme_position,
        # The subtheme alone: a quote coded to it may be printed under another theme, and is counted here.
        href=[quotes_href(subtheme=u, study=s) if n else None
              for u, s, n in zip(matrix.subtheme_id, matrix.study_id, matrix.quotes, strict=True)],
        action=[opens(n) if n else EMPTY_SUBTHEME for n in matrix.quotes])
    word = escape(words[1].lower())
    st.html(f'<p class="ev-text">{chip("editorial", voice=voice)} <strong>Counts of quotes {escape(voice.coders)} '
            f"coded to each {word}, by study.</strong> This is not the paper's statement of which studies reported "
            f"a {word}. A zero means no printed quote was coded to it, not that the study lacked the {word}.</p>")
    note(appendix_note)
    table = pd.DataFrame({words[1]: frame.subtheme, "Study": frame.citation, "Coded quotes": frame.quotes,
                          "Quote explorer": frame.action, "href": frame.href})
    has = frame.quotes > 0
    compact = [(label, [html_table.Cell(c, int(n), h, f"{c}: {opens(int(n)).lower()}") for c, n, h in zip(
        group.citation, group.quotes, group.href, strict=True)])
        for label, group in _rows(frame[has].assign(label=frame.subtheme[has]), "rank")]
    bare = frame.subtheme.nunique() - frame.subtheme[has].nunique()
    left_out = (f"{counted(int((~has).sum()), 'cell')} of {len(frame)} with no coded quote left out here"
                + (f", and {counted(bare, words[1].lower())} with none from any study" if bare else "")
                + "; the full table has every cell.") if not has.all() else ""
    chart_or_table("themes_subtheme_matrix", lambda: _subtheme_chart(frame, voice, words[1]),
                   lambda: html_table.table(table, {"Quote explorer": "href"}), "Table of the same cells, with links",
                   min_width=charts.matrix_min_width(frame.citation, frame.subtheme),
                   draw_narrow=lambda: st.html(html_table.compact_html(compact, left_out, html_table.table_html(
                       table, {"Quote explorer": "href"}), "The full table: every cell")))


def _subtheme_chart(frame: pd.DataFrame, voice: Voice, word: str) -> None:
    st.altair_chart(charts.count_heatmap(frame, "subtheme", "rank", "citation", "study_position",
                                         f"Coded quotes ({voice.added})", {"subtheme": word, "citation": "Study"}),
                    width="stretch", alt="Heatmap of subthemes by included studies: the number of quotes coded to "
                                         "each; the table below has the same values and links.")


def headline_source(theme):
    """The quote the theme's headline phrase is taken from, if the data links one."""
    if missing(theme.headline_in_quote_id):
        return None
    found = filtered_quotes(1, quote_ids=[theme.headline_in_quote_id]).dropna(subset=["id"])
    return next(found.itertuples(index=False), None)



def main() -> None:
    """Draw the page."""
    review = run_once("review").iloc[0]
    voice = voice_of(review.presented_by)
    themes = run_once("themes_overview")
    matrix = run_once("theme_study_matrix", study_id=None)
    block_styles()
    st.title(markdown_escape(term(review, "themes", capital=True)))
    st.caption(f"The review's {len(themes)} {markdown_escape(term(review, 'themes'))}: each with its support as the "
               f"paper states it, its {markdown_escape(term(review, 'subthemes'))} and the quotes it prints.")
    theme_id = url_choice("themes", Choice("theme", term(review, "theme", capital=True),
                                           dict(zip(themes.id, themes.name, strict=True))))
    if theme_id is None:
        st.info("This evidence base has no themes.")
        st.stop()
    with sections.parts() as page:  # on a phone, links to the matrices come first
        theme = next(themes[themes.id == theme_id].itertuples(index=False))
        st.html(f"<h2>{theme.number}. {escape(theme.name)}</h2>")
        headline(theme, headline_source(theme), voice)
        summary_links = run_once("claim_evidence_items", claim_kind="theme_summary")
        summary(theme, by_claim(run_once("claim_support", claim_kind="theme_summary"))[theme_id],
                summary_links[summary_links.claim_id == theme_id], voice)
        named = matrix[(matrix.theme_id == theme_id) & (matrix.support == SUPPORTED)]
        support(theme, named, review.synthesis_appendix_note)
        subtheme_list(run_once("subthemes").query("theme_id == @theme_id"), term(review, "subthemes", capital=True),
                      voice)
        findings = run_once("findings", confidence=None, themes=None)
        theme_findings(findings[findings.theme_id == theme_id], theme_id, term(review, "findings", capital=True))
        st.subheader("Quotes")
        theme_quotes(filtered_quotes(QUOTES_SHOWN, themes=[theme_id]), theme_id, review.short_citation,
                     card_words(review))
        with page.part(f"Which studies support which {term(review, 'theme')}", "theme-matrix"):
            theme_matrix(matrix, term(review, "theme", capital=True))
        with page.part(f"{term(review, 'subthemes', capital=True)} by study", "subtheme-matrix"):
            subtheme_matrix(run_once("subtheme_study_matrix"), review.synthesis_appendix_note, voice,
                            (term(review, "theme"), term(review, "subtheme", capital=True)))

if __name__ == "__main__":  # Streamlit runs a page as __main__; a test may import its parts
    main()
