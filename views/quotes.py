"""Quote explorer: filter, search and page through every quote, and export what matches."""

import math
from contextlib import nullcontext

import streamlit as st

from components import bootstrap, filter_bar, paging, url_state
from components.chrome import on_a_phone
from components.downloads import file_stem, quote_downloads, view_links
from components.quote_card import quote_cards
from components.quote_filters import MAX_LINKED_QUOTES, PAGE_SIZES, PAGING, narrowed, query_of, quote_filters
from components.terms import card_words, term
from components.text import markdown_escape
from evidence.database import data_version
from evidence.exports import About
from evidence.values import counted
from evidence.voice import voice_of
from queries import given, per_version, run_once, run_query, run_rows


def empty_message(filtering: bool, search: str | None, linked: bool = False) -> str:
    """Why nothing is shown, with advice that fits what was asked."""
    if linked:
        return "No quote has the id this link names. Show all quotes, or ask for a new link."
    if search:
        return "No quote matches the search and every filter. Shorten the search or remove a filter."
    return "No quote matches every filter. Remove a filter." if filtering else "There are no quotes."


def explorer_options() -> tuple[str, tuple, dict[str, str]]:
    """The review's short citation, the caption, the cards' words, the filters with every option, and each
    subtheme's theme."""
    review = run_once("review").iloc[0]
    filters, theme_of_subtheme = quote_filters()
    coded = run_once("stigma_types")
    coding = term(review, "subtheme") + (f" and {term(review, 'coded_type')}" if not coded.empty else "")
    caption = (f"Every quote is verbatim from the review, cited to its study and page. "
               f"{markdown_escape(term(review, 'themes', True))} are the paper's; {markdown_escape(coding)} tags are "
               f"{markdown_escape(voice_of(review.presented_by).coders_own)} coding (dashed outline), unless "
               "marked paper.")
    return (review.short_citation, caption, card_words(review)), filters, theme_of_subtheme


def read_link(filters: list) -> tuple[url_state.UrlState, url_state.UrlState, bool]:
    """The filters and paging the address asks for, its notices gathered in one place, and whether the reader came
    by a link (then the link's values replace the widgets' own)."""
    state, url_paging = url_state.read(filters), url_state.read(list(PAGING))
    state.notices += url_paging.notices
    keys = [spec.key for spec in filters] + ["quote"]
    back = url_state.came_back("quotes", keys + [spec.key for spec in PAGING])
    by_link = back or url_state.came_by_link("quotes", keys)
    url_state.seed_widgets("quotes", state, overwrite=by_link)
    if back:  # the address's page size too, the usual one where it names none
        st.session_state["quotes_size"] = url_paging.values["size"] or PAGE_SIZES[0]
    elif url_paging.values["size"]:
        st.session_state.setdefault("quotes_size", url_paging.values["size"])
    return state, url_paging, by_link


def narrow_subthemes(filters: list, theme_of_subtheme: dict[str, str], state, by_link: bool) -> None:
    """Subthemes narrow to the chosen themes, each labelled with its theme; a linked subtheme outside them is named."""
    chosen_themes = st.session_state.get("quotes_theme") or []
    if not chosen_themes:
        return
    filters[1] = narrowed(filters[1], theme_of_subtheme, chosen_themes)
    outside = [v for v in state.values["subtheme"] if v not in filters[1].options]
    if by_link and outside:
        state.notices.append(f"{filters[1].label}: left out " + ", ".join(repr(v[:40]) for v in outside) +
                             f", not under the chosen {filters[0].label.lower()}")


def filter_panel(filters: list, quote_ids: list[str]) -> dict:
    """The filters, open on a large screen; closed on a phone, and for a link to quotes, so the quotes are on the
    first screen, its label saying how many filters are in use. A key keeps it (open or closed) while the label
    changes."""
    in_use = filter_bar.in_use("quotes", filters)
    with st.expander("Filters" + (f" · {in_use} in use" if in_use else ""), expanded=not (on_a_phone() or quote_ids),
                     key="quotes_filters", icon=":material/filter_list:"):
        values = filter_bar.render("quotes", filters)
        st.caption(ANY_OF)
        return values


# How chosen values combine: a quote tagged with two coded types shows when either is chosen.
ANY_OF = ("Within a filter, a quote shows if it matches any of the values chosen; with several filters in use, it "
          "must match each.")


def page_of_quotes(params: dict, size: int, page: int, state) -> tuple[list, int, int, int]:
    """The rows of the page asked for, the number of matches, the page shown and the number of pages: a page past the
    last shows the last, with a notice."""
    rows = run_rows("quotes_filtered", limit=size, offset=(page - 1) * size, **params)
    total = rows[0].total_matches
    pages = max(1, math.ceil(total / size))
    if page > pages:
        if total:
            state.notices.append(f"Page: there {'is only 1 page' if pages == 1 else f'are only {pages} pages'} "
                                 "of matching quotes; showing the last")
        page = pages
        rows = run_rows("quotes_filtered", limit=size, offset=(page - 1) * size, **params)
    return rows, total, page, pages


def name_missing_quotes(params: dict, quote_ids: list[str], total: int, state) -> None:
    """A notice naming each linked quote id that matches no quote."""
    if quote_ids and total < len(set(quote_ids)):
        found = {row.id for row in run_rows("quotes_filtered", limit=None, offset=0,
                                            **{**params, "quote_ids": quote_ids})}
        missing = sorted(set(quote_ids) - found)
        state.notices.append("Quote: no quote matches id " + ", ".join(repr(q[:40]) for q in missing))


def linked_quotes_banner(quote_ids: list[str], total: int) -> None:
    """Over the quotes a link names: what they are, and the way back to all quotes."""
    if not quote_ids:
        return
    if total:
        st.info("Showing the quote(s) this link points to. Clear the link's quote to see all quotes.",
                icon=":material/link:")
    if st.button("Show all quotes", key="quotes_clear_link"):
        st.query_params.clear()
        st.rerun()


def main() -> None:
    """Draw the page: its title, then the explorer (filters, quotes, pagers, downloads) as a part of its own."""
    st.title("Quote explorer")
    (_, caption, _), _, _ = per_version("quotes:options", explorer_options)
    st.caption(caption)
    explorer()


@st.fragment
def explorer() -> None:
    """The filters from the address or the widgets, one page of matching quotes, pagers, downloads. A fragment: a
    change of one of its widgets reruns this part alone, so the router, the navigation, the styles, the sidebar,
    the title and the footer are neither run nor sent again, and the browser redraws only what a filter changes."""
    with bootstrap.partial_run_guard():
        explore()


def explore() -> None:
    # Everything above the filters depends only on the data version: derived once per version for every session.
    (review_citation, _, words), every_filter, theme_of_subtheme = per_version("quotes:options", explorer_options)
    filters = list(every_filter)  # this run's own list: the shared one is never changed
    state, url_paging, by_link = read_link(filters)
    narrow_subthemes(filters, theme_of_subtheme, state, by_link)
    quote_ids = [q for q in st.query_params.get_all("quote") if q][:MAX_LINKED_QUOTES]
    values = filter_panel(filters, quote_ids)
    # A link to quotes shows just them; choosing any filter leaves the link, never narrows it silently.
    filtering = any(given(values[spec.key]) for spec in filters)
    if quote_ids and filtering:
        if any(given(v) for v in state.values.values()):
            state.notices.append("Quote: the link names quotes and filters; the filters are shown, the quotes "
                                 "left out")
        quote_ids = []
    params = query_of(values, quote_ids)
    size = st.session_state.setdefault("quotes_size", PAGE_SIZES[0])
    signature = repr((sorted(params.items()), size))
    rows, total, page, pages = page_of_quotes(params, size, paging.current_page(
        "quotes", signature, url_paging.values["page"], from_address=by_link), state)
    url_state.write({**values, "quote": quote_ids, "page": page if page > 1 else None,
                     "size": size if size != PAGE_SIZES[0] else None}, prefix="quotes")
    name_missing_quotes(params, quote_ids, total, state)
    url_state.show_notices(state)
    linked_quotes_banner(quote_ids, total)
    results(rows, total, page, pages, size, params, review_citation, words,
            empty=empty_message(filtering, params["search"], linked=bool(quote_ids)))
    chosen = {**values, "quote": quote_ids}
    version = data_version(run_once("build_info").iloc[0].source_hash)
    about = About(review_citation, version, url_state.link_pairs(chosen))
    # On a phone the downloads and links wait under a fold, so the page is the quotes.
    with st.expander("Download or link to these quotes") if on_a_phone() else nullcontext():
        quote_downloads(lambda: run_query("quotes_filtered", limit=None, offset=0, **params), about, total,
                        stem=file_stem(review_citation, chosen))
        if total:
            view_links(url_state.link_pairs({**chosen, "page": page if page > 1 else None,
                                             "size": size if size != PAGE_SIZES[0] else None}), size)
    if paging.turned("quotes", signature, page):
        # After a page turn the reader sees which quotes are shown, the top pager (where keyboard focus may be)
        # and the first new quote.
        paging.scroll_to_first("#quotes-shown")


def results(rows: list, total: int, page: int, pages: int, size: int, params: dict, review_citation: str, words,
            empty: str) -> None:
    """The heading (how many match, which are shown), the pagers, the quote cards and the page size."""
    first = (page - 1) * size + 1  # which of them this page shows, said only when there are several pages
    st.subheader(anchor="quotes-shown", body=counted(total, "matching quote") +
                 (f" · showing {first}–{min(first + size - 1, total)}" if pages > 1 else ""))
    # The browser keeps an element (and its keyboard focus) only while the elements before it keep their places:
    # the top pager has a slot whether it is drawn or not, and the scroll script comes last.
    top_pager = st.empty()
    if pages > 1:
        with top_pager:
            paging.pager("quotes", pages, page, place="top")
    quote_cards([row for row in rows if row.id is not None], review_citation, search=params["search"], words=words)
    if not total:
        st.info(empty, icon=":material/search_off:")
    if total:
        # The page size keeps its column, its place and its focus whether there is a pager beside it or not (one
        # page of matches has no pager to turn).
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        if pages > 1:
            with left:
                paging.pager("quotes", pages, page)
        with right:
            st.selectbox("Quotes per page", PAGE_SIZES, key="quotes_size", persist_state="session")


if __name__ == "__main__":  # Streamlit runs a page as __main__; a test may import its parts
    main()
