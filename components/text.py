"""Show text from the data literally: never as Markdown, LaTeX or HTML."""

from __future__ import annotations

import html
import re

import streamlit as st


def escape(text: object) -> str:
    """Text made safe to place inside HTML: every markup character becomes an entity."""
    return html.escape("" if text is None else str(text), quote=True)


def highlighted(text: str, term: str | None) -> str:
    """Escaped HTML of `text` with every case-insensitive match of `term` wrapped in <mark>."""
    if not term:
        return escape(text)
    parts = re.split(f"({re.escape(term)})", text, flags=re.IGNORECASE)
    return "".join(f"<mark>{escape(p)}</mark>" if i % 2 else escape(p) for i, p in enumerate(parts))


def literal(text: object, tag: str = "p", css_class: str = "") -> None:
    """Render one piece of data text exactly as written."""
    attr = f' class="{escape(css_class)}"' if css_class else ""
    st.html(f"<{tag}{attr}>{escape(text)}</{tag}>")


def literal_list(items, css_class: str = "") -> None:
    """Render a bulleted list of data texts exactly as written."""
    attr = f' class="{escape(css_class)}"' if css_class else ""
    st.html(f"<ul{attr}>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>")


def markdown_escape(text: object) -> str:
    """Text for a widget label (which Streamlit reads as Markdown), with every markup character escaped."""
    return "".join(f"\\{c}" if c in "\\`*_{}[]()#+-.!|$<>~:" else c for c in str(text))
