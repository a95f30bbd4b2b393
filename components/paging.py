"""Paging state for a filtered list: which page to show, and the pager widget that changes it."""

from __future__ import annotations

import streamlit as st


def current_page(prefix: str, signature: str, url_page: int | None, from_address: bool = False) -> int:
    """The page to show: the address's when it decides (a link followed, or Back and Forward: `from_address`),
    else page 1 when the filters changed since the last run, else the pager's or the address's."""
    changed = st.session_state.get(f"{prefix}_signature") not in (None, signature)
    st.session_state[f"{prefix}_signature"] = signature
    if from_address:
        st.session_state[_key(prefix)] = url_page or 1
        return url_page or 1
    return 1 if changed else st.session_state.get(_key(prefix), url_page or 1)


def pager(prefix: str, pages: int, page: int, place: str = "") -> None:
    """The page buttons, set to the page shown (page 1 after the filters changed: see current_page). Pagers in
    several places (`place`: "top", ...) move together: each one's change is copied to the main one."""
    main = _key(prefix)
    key = f"{main}_{place}" if place else main
    shown = min(page, pages)
    if key in st.session_state or key != main:
        if st.session_state.get(key) != shown:  # written only when it changes (filter_bar._widget says why)
            st.session_state[key] = shown
        st.pagination(pages, key=key, on_change=_follow, args=(key, main))
    else:
        st.pagination(pages, default=shown, key=key)


def _follow(key: str, main: str) -> None:
    if key != main:
        st.session_state[main] = st.session_state[key]


def _key(prefix: str) -> str:
    # One key per list, whatever its filters: the browser keeps the same pager and only redraws its buttons. A key
    # per set of filters made it build a new pager at each change, which measures the whole page's layout at once
    # (profiled in Chromium: about 9 ms a pager, twice an action).
    return f"{prefix}_page"


# After the scroll, keyboard focus left out of view (on the bottom pager) or lost (a pager's button that
# became disabled) moves to the target, so the next Tab continues from what the reader sees.
# Each turn's script differs (a count of turns in a comment): the browser runs a script only when its element is new or
# changed, so a script the same as the last turn's would run on the first turn only.
SCROLL_TO_FIRST = """<script>
// turn %d
setTimeout(() => {
  const target = document.querySelector(%r);
  if (!target) return;
  target.scrollIntoView({block: "start"});
  const focused = document.activeElement, box = focused && focused.getBoundingClientRect();
  if (!focused || focused === document.body || box.bottom <= 0 || box.top >= innerHeight) {
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({preventScroll: true});
  }
}, 50);
</script>"""


def turned(prefix: str, signature: str, page: int) -> bool:
    """True when this run shows another page of the same list than the last run did."""
    last = st.session_state.get(f"{prefix}_shown")
    st.session_state[f"{prefix}_shown"] = (signature, page)
    return last is not None and last[0] == signature and last[1] != page


def scroll_to_first(selector: str) -> None:
    """Bring the first element matching `selector` (a constant, never data) to the top of the view."""
    turns = st.session_state["_scroll_turns"] = st.session_state.get("_scroll_turns", 0) + 1
    st.html(SCROLL_TO_FIRST % (turns, selector), unsafe_allow_javascript=True)
