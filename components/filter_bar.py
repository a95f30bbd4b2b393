"""Filter widgets drawn from filter specs, seeded from the URL and keyed by page."""

from __future__ import annotations

import streamlit as st

from components.text import markdown_escape
from components.url_state import MAX_TEXT, Choice, Number, Search
from queries import given


def choice_from(frame, key: str, label: str, id_col: str = "id", label_col: str = "name") -> Choice:
    """A Choice filter whose options are the rows of `frame`, in order."""
    return Choice(key, label, dict(zip(frame[id_col].tolist(), frame[label_col].tolist(), strict=True)))


def render(prefix: str, filters: list) -> dict[str, object]:
    """Draw one widget per filter in a grid filled row by row (three to a row, one on a phone: the
    `evgrid_` rule of the global styles), so the keyboard's Tab order and a narrow screen's stacking follow
    the order a reader sees; return their values by URL key. One wrapping container, not rows of
    columns: each block costs every rerun."""
    with st.container(horizontal=True, key=f"evgrid_{prefix}_filters"):
        return {spec.key: _widget(prefix, spec) for spec in filters}


def in_use(prefix: str, filters: list) -> int:
    """How many of the filters hold a value now, before they are drawn: what their widgets will keep."""
    return sum(given(kept(spec, st.session_state.get(f"{prefix}_{spec.key}"))) for spec in filters)


def kept(spec, value):
    """What a filter's widget keeps of a value it held: the choices still offered (options can narrow, as
    subthemes do to the chosen themes), a number only if it is one of the options, text without its edges."""
    if isinstance(spec, Choice):
        return [v for v in value or [] if v in spec.options]
    if isinstance(spec, Number):
        return value if value in _numbers(spec) else None
    return (value or "").strip()


def _numbers(spec: Number):
    """The numbers a Number filter offers: its options, or every whole number in its range."""
    return spec.options or range(spec.low, spec.high + 1)


def _threshold(spec, value) -> str:
    """How a threshold reads: "Any", "7 or more", or a named level ("Moderate confidence or higher")."""
    if value is None:
        return "Any"
    names = dict(spec.names)
    if not names:
        return f"{value} or more"
    return names[value] if value == min(names) else f"{names[value]} or higher"


def _widget(prefix: str, spec):
    # persist_state="session": a filter keeps its value while the reader visits other pages.
    key = f"{prefix}_{spec.key}"
    if isinstance(spec, Choice):
        # Written back only when something is dropped: a value written from code goes to the browser with the
        # widget as a new value to apply, so the browser draws the list afresh (React Aria rebuilds its options),
        # where an unchanged widget is reused as it was.
        if key in st.session_state and (keep := kept(spec, st.session_state[key])) != st.session_state[key]:
            st.session_state[key] = keep
        return st.multiselect(markdown_escape(spec.label), list(spec.options), format_func=spec.options.__getitem__,
                              key=key, placeholder="Any", persist_state="session")
    if isinstance(spec, Number):
        held = st.session_state.get(key)
        if held != kept(spec, held):
            st.session_state[key] = None
        options = [None, *_numbers(spec)]
        # "Any" is chosen or, once cleared, the placeholder: the same words either way.
        return st.selectbox(markdown_escape(spec.label), options, key=key, persist_state="session", placeholder="Any",
                            format_func=lambda v: _threshold(spec, v))
    if isinstance(spec, Search):
        return st.text_input(markdown_escape(spec.label), key=key, max_chars=MAX_TEXT, placeholder="Word or phrase",
                             persist_state="session").strip()
    raise TypeError(f"unknown filter spec {spec!r}")
