"""A long page in parts. On a phone the page opens with its summary and a line of links, one to each part; each part
is folded under its title until the reader opens it (its heading stays in the page for screen readers and as the
link's target, drawn by the fold's own title). On a larger screen every part is drawn open,
exactly as before: the server never sees the screen, so the browser's own word decides (`chrome.on_a_phone`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from components.chrome import on_a_phone
from components.text import escape, markdown_escape

STYLES = """<style>
.ev-contents ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.4rem}
.ev-contents li{margin:0}
.ev-contents a{display:inline-flex;align-items:center;min-height:44px;padding:0 .8rem;border:1px solid #b8c4d0;
  border-radius:22px;text-decoration:none}
[class*="st-key-evhead_"] :is(h2,h3,h4){margin:0;padding:0;scroll-margin-top:4rem}
[class*="st-key-evhead_"]{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);
  white-space:nowrap}
[data-testid="stLayoutWrapper"]:has(> [class*="st-key-evhead_"]){margin-bottom:-1rem}
[class*="st-key-evpart_"] summary{min-height:48px}
[class*="st-key-evpart_ev-"] summary p{font-size:1.1rem}
</style>"""


class Parts:
    """The parts of one page, as they are drawn, so that the links at the top name exactly the parts the page has."""

    def __init__(self) -> None:
        self.phone = on_a_phone()
        self.titles: list[tuple[str, str]] = []
        self._links = None
        if self.phone:
            fold_styles()
            self._links = st.empty()  # filled once every part is known

    @contextmanager
    def part(self, title: str, anchor: str, subheader: bool = False, opened: bool = False,
             fold: bool = True) -> Iterator[None]:
        """One part: its heading (the target of its link, `anchor` its id) and its body, folded on a phone unless
        `opened` (a link asked for what it holds) or not `fold` (the part folds its own pieces). `title` is plain
        text, shown literally."""
        anchor = f"ev-{anchor}"
        self.titles.append((anchor, title))
        if not (self.phone and fold):
            (st.subheader if subheader else st.header)(markdown_escape(title), anchor=anchor)
            yield
            return
        level = 3 if subheader else 2
        with fold_under(title, anchor, f'<h{level} id="{escape(anchor)}">{escape(title)}</h{level}>', opened):
            yield

    def links(self) -> None:
        """On a phone, the line of links to the page's parts, in the place kept for it at the top."""
        if self._links is None or not self.titles:
            return
        items = "".join(f'<li><a href="#{escape(anchor)}">{escape(title)}</a></li>' for anchor, title in self.titles)
        self._links.html(f'<nav class="ev-contents" aria-label="On this page"><ul>{items}</ul></nav>')


def fold_styles() -> None:
    """The styles of the links to a page's parts and of `fold_under`'s folds."""
    st.html(STYLES)


@contextmanager
def fold_under(title: str, key: str, heading: str, opened: bool = False, detail: str = "") -> Iterator[None]:
    """A fold whose title is `title`, drawn in bold, then any `detail` (plain text): its `heading` (HTML, with the
    id in-page links reach) stays in the page, visually hidden, for screen readers and those links. Needs
    `fold_styles` (`Parts` draws them on a phone)."""
    with st.container(key=f"evhead_{key}"):
        st.html(heading)
    label = f"**{markdown_escape(title)}**" + (f" · {markdown_escape(detail)}" if detail else "")
    with st.expander(label, expanded=opened, key=f"evpart_{key}"):
        yield


@contextmanager
def parts() -> Iterator[Parts]:
    """A page's parts: draw each with `part`; the links to them appear where this was opened."""
    page = Parts()
    yield page
    page.links()
