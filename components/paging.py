"""Paging state for a filtered list: which page to show, and the pager widget that changes it."""

from __future__ import annotations

import zlib

import streamlit as st


def current_page(prefix: str, signature: str, url_page: int | None) -> int:
    """The page to show: page 1 when the filters changed since the last run, else the pager's or URL's."""
    changed = st.session_state.get(f"{prefix}_signature") not in (None, signature)
    st.session_state[f"{prefix}_signature"] = signature
    return 1 if changed else st.session_state.get(_key(prefix, signature), url_page or 1)


def pager(prefix: str, signature: str, pages: int, page: int) -> None:
    """The page buttons; keyed by the filters, so new filters get a fresh pager on page 1."""
    st.pagination(pages, default=min(page, pages), key=_key(prefix, signature))


def _key(prefix: str, signature: str) -> str:
    return f"{prefix}_page_{zlib.crc32(signature.encode())}"
