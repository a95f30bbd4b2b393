"""Download buttons whose files are made only when the user asks for them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from html import escape
from urllib.parse import urlencode

import streamlit as st

from components.chrome import app_base_url
from components.quote_card import copy_button
from evidence.exports import About, quotes_csv, quotes_json
from evidence.values import counted
from queries import given


def file_stem(review_citation: str, filters: dict[str, object]) -> str:
    """A download's file name without extension: the review, then each filter used, e.g.
    'example-et-al-2031-quotes-theme-t-two-q-reply' (at most 120 characters)."""
    parts = [review_citation, "quotes"]
    for key, value in filters.items():
        if given(value):
            parts += [key, *(value if isinstance(value, list) else [value])]
    stem = "-".join(w for w in re.split(r"[^0-9a-z]+", _ascii(" ".join(map(str, parts)).lower())) if w)
    return stem[:120].rstrip("-") or "quotes"


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def quote_downloads(fetch_all: Callable, about: About, total: int, key_prefix: str = "quotes",
                    stem: str = "quotes") -> None:
    """CSV and JSON of every quote matching the current filters (not just this page), named `stem`, each saying
    what it is from (`about`)."""
    if not total:
        return
    st.caption(f"Download the {counted(total, 'matching quote')} with citations and tags:")
    with st.container(horizontal=True):  # one block, not a set of columns: each block costs every rerun
        st.download_button("Download CSV", lambda: quotes_csv(fetch_all(), about), file_name=f"{stem}.csv",
                           mime="text/csv", key=f"{key_prefix}_csv", icon=":material/download:", on_click="ignore")
        st.download_button("Download JSON", lambda: quotes_json(fetch_all(), about),
                           file_name=f"{stem}.json", mime="application/json", key=f"{key_prefix}_json",
                           icon=":material/download:", on_click="ignore")


API_QUOTES = "/api/v1/quotes.json"  # api.py's quotes route, as JSON


def view_links(pairs: tuple[tuple[str, str], ...], size: int) -> None:
    """This view's link, and the same quotes as data from the web API (the same keys and values, and the page size
    always, since the API's own default is larger: the same quotes in the same order), each with a button copying
    it."""
    base, query = app_base_url(), urlencode(pairs)
    page = f"{base}/quotes" + (f"?{query}" if query else "")
    data = f"{base}{API_QUOTES}?" + urlencode([*(p for p in pairs if p[0] != "size"), ("size", str(size))])
    st.html(f'<p class="quote-meta">Link to this view:</p><pre class="quote-copy" id="quotes-view-link">'
            f'<a href="{escape(page)}">{escape(page)}</a></pre>{copy_button("Copy link")}'
            f'<p class="quote-meta">The same quotes as data, for R, Python or another site (JSON; end the address '
            f'in .csv for a table):</p><pre class="quote-copy" id="quotes-api-link">{escape(data)}</pre>'
            f'{copy_button("Copy API link")}')
