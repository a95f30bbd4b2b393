"""Show text from the data or the URL literally: never as Markdown, LaTeX, HTML, icon or bidi control."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence

import streamlit as st

from evidence.format.declaration import QUOTE_MARKS

# Invisible characters that would act on the page instead of showing: controls, and the bidi embeddings,
# overrides and isolates that reorder the app's own text beside them. Shown as their code point instead.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
# Streamlit turns :name: and :material/name: into emoji and icons after Markdown has removed backslash
# escapes, so a backslash cannot stop it: a zero-width word joiner after the colon breaks the pattern.
_SHORTCODE = re.compile(r":(?=[\w/+-]+:)")
WORD_JOINER = "\u2060"


def visible(text: object) -> str:
    """Text with every invisible control character written out as its code point."""
    return _INVISIBLE.sub(lambda m: f"[U+{ord(m.group()):04X}]", "" if text is None else str(text))


def escape(text: object) -> str:
    """Text made safe to place inside HTML: every markup character becomes an entity."""
    return html.escape(visible(text), quote=True)


def highlighted(text: str, term: str | None) -> str:
    """Escaped HTML of `text` with every match of `term`, ignoring case and accents, wrapped in <mark>."""
    if not term:
        return escape(text)
    folded, origin = _folded(text)
    needle = _folded(term)[0]
    out, done, start = [], 0, folded.find(needle) if needle else -1
    while start >= 0:
        first, last = origin[start], origin[start + len(needle) - 1] + 1
        out += [escape(text[done:first]), f"<mark>{escape(text[first:last])}</mark>"]
        done = last
        start = folded.find(needle, start + len(needle))
    return "".join(out) + escape(text[done:])


STRAIGHT_MARKS = str.maketrans(QUOTE_MARKS)


def _folded(text: str) -> tuple[str, Sequence[int]]:
    """`text` as the search index folds it (evidence/search_index.sql, search_fold): lower-cased, without
    accents, quote marks straight; and each folded character's source index."""
    if text.isascii():  # most text: nothing to fold but case, and lower() keeps every index
        return text.lower(), range(len(text))
    chars, origin = [], []
    for index, char in enumerate(text):
        for part in unicodedata.normalize("NFD", char.lower().translate(STRAIGHT_MARKS)):
            if not unicodedata.combining(part):
                chars.append(part)
                origin.append(index)
    return "".join(chars), origin


def literal(text: object, tag: str = "p", css_class: str = "") -> None:
    """Render one piece of data text exactly as written."""
    attr = f' class="{escape(css_class)}"' if css_class else ""
    st.html(f"<{tag}{attr}>{escape(text)}</{tag}>")


def literal_list(items, css_class: str = "") -> None:
    """Render a bulleted list of data texts exactly as written."""
    attr = f' class="{escape(css_class)}"' if css_class else ""
    st.html(f"<ul{attr}>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>")


def markdown_escape(text: object) -> str:
    """Text for a label (which Streamlit reads as Markdown), with every markup character escaped."""
    unlinked = _SHORTCODE.sub(":" + WORD_JOINER, visible(text))
    return "".join(f"\\{c}" if c in "\\`*_{}[]()#+-.!|$<>~:&=\"'^" else c for c in unlinked)
