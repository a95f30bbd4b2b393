"""Download buttons whose files are made only when the user asks for them."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from evidence.exports import quotes_csv, quotes_json


def quote_downloads(fetch_all: Callable, review_citation: str, total: int, key_prefix: str = "quotes") -> None:
    """CSV and JSON of every quote matching the current filters (not just this page)."""
    if not total:
        return
    st.caption(f"Download the {total} matching quote{'s' if total != 1 else ''} with citations and tags:")
    csv_col, json_col, _ = st.columns([1, 1, 3])
    with csv_col:
        st.download_button("Download CSV", lambda: quotes_csv(fetch_all()), file_name="quotes.csv",
                           mime="text/csv", key=f"{key_prefix}_csv", icon=":material/download:", on_click="ignore")
    with json_col:
        st.download_button("Download JSON", lambda: quotes_json(fetch_all(), review_citation),
                           file_name="quotes.json", mime="application/json", key=f"{key_prefix}_json",
                           icon=":material/download:", on_click="ignore")
