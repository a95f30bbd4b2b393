"""Themes: one theme in full (its support, subthemes and quotes), then which studies support which theme."""

import pandas as pd
import streamlit as st

from components import theme_view as view
from components.blocks import block_styles
from components.choice import url_choice
from components.claims import by_claim
from components.terms import card_words, term
from components.text import escape, markdown_escape
from components.url_state import Choice
from queries import run_once, run_query

NO_FILTER = dict(themes=[], subthemes=[], studies=[], stigma=[], sources=[], min_quality=None, search=None,
                 quote_ids=[])


def quotes(limit: int, **filters):
    """Quotes matching these filters, in paper order, first page only."""
    return run_query("quotes_filtered", limit=limit, offset=0, **{**NO_FILTER, **filters})


def headline_source(theme):
    """The quote the theme's headline phrase is taken from, if the data links one."""
    if pd.isna(theme.headline_in_quote_id):
        return None
    return next(quotes(1, quote_ids=[theme.headline_in_quote_id]).dropna(subset=["id"]).itertuples(index=False), None)


review = run_once("review").iloc[0]
themes = run_once("themes_overview")
matrix = run_once("theme_study_matrix", study_id=None)

block_styles()
st.title(markdown_escape(term(review, "themes", capital=True)))
st.caption(f"The review's {len(themes)} {markdown_escape(term(review, 'themes'))}: each with its support as the paper "
           f"states it, its {markdown_escape(term(review, 'subthemes'))} and the quotes it prints.")
theme_id = url_choice("themes", Choice("theme", term(review, "theme", capital=True),
                                       dict(zip(themes.id, themes.name, strict=True))))
if theme_id is None:
    st.info("This evidence base has no themes.")
    st.stop()
theme = next(themes[themes.id == theme_id].itertuples(index=False))

st.html(f"<h2>{theme.number}. {escape(theme.name)}</h2>")
view.headline(theme, headline_source(theme))
summary_links = run_once("claim_evidence_items", claim_kind="theme_summary")
view.summary(theme, by_claim(run_once("claim_support", claim_kind="theme_summary"))[theme_id],
             summary_links[summary_links.claim_id == theme_id])
view.support(theme, matrix.query("theme_id == @theme_id and support == 'supported'"), review.synthesis_appendix_note)
view.subtheme_list(run_once("subthemes").query("theme_id == @theme_id"))
st.subheader("Quotes")
view.theme_quotes(quotes(view.QUOTES_SHOWN, themes=[theme_id]), theme_id, review.short_citation, card_words(review))

st.header("Which studies support which theme")
view.theme_matrix(matrix)
st.header(f"{markdown_escape(term(review, 'subthemes', capital=True))} by study")
view.subtheme_matrix(run_once("subtheme_study_matrix"), review.synthesis_appendix_note)
