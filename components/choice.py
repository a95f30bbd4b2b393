"""One value chosen from a list, held in the URL (e.g. ?theme=...), so each choice is a link."""

from __future__ import annotations

import streamlit as st

from components import url_state
from components.text import markdown_escape
from components.url_state import Choice, UrlState


def seed_choice(prefix: str, spec: Choice) -> None:
    """Give the choice's widget its value from the URL; say what in the URL could not be used."""
    state = url_state.read([spec])
    chosen = state.values[spec.key]
    if len(chosen) > 1:
        state.notices.append(f"{spec.label}: this page shows one at a time; showing the first")
    url_state.seed_widgets(prefix, UrlState(values={spec.key: chosen[0] if chosen else None}))
    url_state.show_notices(state)


def choice_box(prefix: str, spec: Choice) -> str | None:
    """A select box of the choice's options; its value is written back to the URL."""
    if not spec.options:
        return None
    value = st.selectbox(markdown_escape(spec.label), list(spec.options), format_func=spec.options.__getitem__,
                         key=f"{prefix}_{spec.key}")
    # The first option is what the page shows without one: writing it into a bare address would add a
    # history entry, and the browser's Back would then seem to do nothing.
    if value != next(iter(spec.options)) or st.query_params.get_all(spec.key):
        url_state.write({spec.key: value})
    return value


def url_choice(prefix: str, spec: Choice) -> str | None:
    """Seed from the URL and draw the select box in one place."""
    seed_choice(prefix, spec)
    return choice_box(prefix, spec)
