"""Coded types: the types our editors coded quotes with, where they fall, the feared consequences, the quotes.

Its words are neutral: the types' own labels (from the data) say what they are types of.
"""

import streamlit as st

from components import stigma_view as view
from components.blocks import block_styles
from components.choice import choice_box, seed_choice
from components.terms import card_words, term
from components.text import markdown_escape
from components.url_state import Choice
from queries import run_once, run_query

NO_FILTER = dict(themes=[], subthemes=[], studies=[], stigma=[], sources=[], min_quality=None, search=None,
                 quote_ids=[])

review = run_once("review").iloc[0]
types = run_once("stigma_types")
if types.empty:  # the navigation leaves this page out then; an old link still gets a plain answer
    st.title(markdown_escape(term(review, "coded_types", capital=True)))
    st.info("This synthesis declares no vocabulary of coded types, so this page has nothing to show.")
    st.stop()
choice = Choice("stigma", "Type", dict(zip(types.id, types.label, strict=True)))

block_styles()
st.title(markdown_escape(term(review, "coded_types", capital=True)))
st.caption("The types, their definitions and every type tag on a quote are our editors' coding "
           "(dashed outline); the paper's own term for each type and its phrases are marked paper (solid).")
seed_choice("stigma", choice)  # up here, so a notice about the link is seen first

st.header("The types and their coding rules")
view.stigma_types(types, run_once("claim_evidence_items", claim_kind="stigma_type"))
st.header("Where they fall across the themes")
view.stigma_by_theme(run_once("stigma_theme_counts"))
consequences = run_once("disclosure_consequences")
if len(consequences):
    st.header("What was feared to follow disclosure")
    view.consequences(consequences, run_once("consequence_quotes"))

st.header("Quotes by type")
st.caption("Choose a type to read a few of the quotes our editors tagged with it.")
stigma_id = choice_box("stigma", choice)
if stigma_id is not None:
    chosen = types[types.id == stigma_id].iloc[0]
    rows = run_query("quotes_filtered", limit=view.QUOTES_SHOWN, offset=0, **{**NO_FILTER, "stigma": [stigma_id]})
    view.tagged_quotes(rows, stigma_id, chosen.definition, review.short_citation, card_words(review))
