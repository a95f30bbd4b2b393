"""Quote explorer: filter, search and page through every quote, and export what matches."""

import math

import streamlit as st

from components import filter_bar, paging, url_state
from components.downloads import quote_downloads
from components.quote_card import quote_cards
from components.url_state import Number, Search
from queries import run_once, run_query

PAGE_SIZES = [10, 20, 50]

# Everything above the filters depends only on the data version: read once per version (run_once).
review_citation = run_once("review").short_citation.iloc[0]
studies = run_once("studies")
studies = studies[studies.included]
quality_max = int(studies.quality_max.max())
filters = [
    filter_bar.choice_from(run_once("themes_overview"), "theme", "Theme"),
    filter_bar.choice_from(run_once("subthemes"), "subtheme", "Subtheme"),
    filter_bar.choice_from(studies, "study", "Study", label_col="citation"),
    filter_bar.choice_from(run_once("stigma_types"), "stigma", "Stigma type", label_col="label"),
    filter_bar.choice_from(run_once("quote_sources"), "source", "Source", id_col="source", label_col="source"),
    Number("min_quality", "Minimum study quality score", 0, quality_max),
    Search("q", "Search the quotes"),
]
page_filter = [Number("page", "Page", 1, 10**6)]

st.title("Quote explorer")
st.caption("Every quote is verbatim from the review, cited to its study and page. Themes are the paper's; "
           "subtheme and stigma tags are our editorial coding (dashed outline).")

state = url_state.read(filters)
url_page = url_state.read(page_filter)
state.notices += url_page.notices
quote_ids = [q for q in st.query_params.get_all("quote") if q][:50]
url_state.seed_widgets("quotes", state)
with st.container(border=True):
    values = filter_bar.render("quotes", filters)

params = dict(themes=values["theme"], subthemes=values["subtheme"], studies=values["study"],
              stigma=values["stigma"], sources=values["source"], min_quality=values["min_quality"],
              search=values["q"] or None, quote_ids=quote_ids)
size = st.session_state.setdefault("quotes_size", PAGE_SIZES[0])
signature = repr((sorted(params.items()), size))
page = paging.current_page("quotes", signature, url_page.values["page"])

rows = run_query("quotes_filtered", limit=size, offset=(page - 1) * size, **params)
total = int(rows.total_matches.iloc[0])
pages = max(1, math.ceil(total / size))
if page > pages:
    state.notices.append(f"Page: there are only {pages} page(s) of matching quotes; showing the last")
    page = pages
    rows = run_query("quotes_filtered", limit=size, offset=(page - 1) * size, **params)

url_state.write({**values, "quote": quote_ids, "page": page if page > 1 else None})
if quote_ids and total < len(set(quote_ids)):
    found = run_query("quotes_filtered", limit=None, offset=0, **{**params, "quote_ids": quote_ids}).id
    missing = sorted(set(quote_ids) - set(found.dropna()))
    state.notices.append("Quote: no quote matches id " + ", ".join(repr(q[:40]) for q in missing))
url_state.show_notices(state)

if quote_ids:
    st.info("Showing the quote(s) this link points to. Clear the link's quote to see all quotes.",
            icon=":material/link:")
    if st.button("Show all quotes", key="quotes_clear_link"):
        st.query_params.clear()
        st.rerun()

first = (page - 1) * size + 1
st.subheader(f"{total} matching quote{'s' if total != 1 else ''}" +
             (f" · showing {first}–{min(first + size - 1, total)}" if total else ""))
quote_cards(rows.dropna(subset=["id"]), review_citation, search=params["search"])
if not total:
    st.info("No quote matches every filter. Remove a filter or shorten the search.", icon=":material/search_off:")

if total:
    left, right = st.columns([3, 1])
    with left:
        paging.pager("quotes", signature, pages, page)
    with right:
        st.selectbox("Quotes per page", PAGE_SIZES, key="quotes_size")
quote_downloads(lambda: run_query("quotes_filtered", limit=None, offset=0, **params), review_citation, total)
