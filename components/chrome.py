"""What every page shows around its content: the review's citation and the data version."""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

from components.text import escape
from evidence.citations import review_reference
from queries import run_query


def _citation_and_version() -> tuple[str, str]:
    review = run_query("review").iloc[0]
    build = run_query("build_info").iloc[0]
    citation = review_reference(review)[0]
    version = f"data version {build.source_hash[:12]}, built {build.built_at:%Y-%m-%d %H:%M} UTC"
    return citation, version


def app_base_url() -> str:
    """The app's address without the current page's path segment or query (empty if unknown)."""
    url = st.context.url or ""
    parts = urlsplit(url)
    if not parts.netloc:
        return ""
    root = parts.path.rsplit("/", 1)[0]
    return f"{parts.scheme}://{parts.netloc}{root}"


GLOBAL_CSS = """<style>
/* Streamlit draws captions grey at 60% opacity, below WCAG AA contrast on white: make them solid. */
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * { color: #4a4a55; opacity: 1; }
</style>"""


def global_styles() -> None:
    """Styles every page needs, injected once per run by the router."""
    st.html(GLOBAL_CSS)


def sidebar() -> None:
    """The review's citation and the data version, in the sidebar."""
    citation, version = _citation_and_version()
    with st.sidebar:
        st.caption("Evidence from", help="The review every page of this dashboard presents.")
        st.html(f'<p class="review-citation" style="font-size:0.85rem">{escape(citation)}</p>')
        st.caption(version)


def version_footer() -> None:
    """The same facts at the foot of the page, where a printout or a narrow screen keeps them."""
    citation, version = _citation_and_version()
    st.divider()
    st.html(f'<footer style="font-size:0.8rem;color:#444"><p>Source: {escape(citation)}</p>'
            f"<p>{escape(version)}. Quotes are verbatim from the review; summaries and guidance are "
            "this project's own words.</p></footer>")
