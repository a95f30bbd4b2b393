"""Filters that live in the URL: read them safely, seed widgets from them, and write them back.

Any filtered view is a link. A link with unknown or malformed values opens with a short notice
naming what was ignored, never an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import streamlit as st

from components.text import markdown_escape
from evidence.values import grouped

MAX_TEXT = 200
# Over every notice: each one then says what was done instead (left out, rounded, the last page shown).
NOTICE_HEADING = "Parts of this link could not be used as written"


@dataclass(frozen=True)
class Choice:
    """A filter of several allowed values: the URL key and value -> label of each option."""

    key: str
    label: str
    options: dict[str, str]


@dataclass(frozen=True)
class Number:
    """A filter holding one whole number in [low, high]; with `options`, one of those (a value between
    two options means the next one up, as for a threshold)."""

    key: str
    label: str
    low: int
    high: int
    options: tuple[int, ...] = ()
    names: tuple[tuple[int, str], ...] = ()  # a level's name for each option (1 the highest), shown "... or higher"


@dataclass(frozen=True)
class Search:
    """A free-text filter."""

    key: str
    label: str


@dataclass
class UrlState:
    """Values read from the URL, and what was ignored on the way."""

    values: dict[str, object] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)


def read(filters: list, get_all: Callable[[str], list[str]] | None = None) -> UrlState:
    """Read each filter's values from the URL (or from `get_all`, a key's values in another request, as the web API
    reads its own), keeping valid ones and noting the rest."""
    state = UrlState()
    get_all = get_all or st.query_params.get_all
    for spec in filters:
        raw = get_all(spec.key)
        if isinstance(spec, Choice):
            state.values[spec.key] = [v for v in raw if v in spec.options]
            unknown = [v for v in raw if v not in spec.options]
            if unknown:
                state.notices.append(f"{spec.label}: ignored unknown value(s) " +
                                     ", ".join(repr(v[:40]) for v in unknown))
        elif isinstance(spec, Number):
            state.values[spec.key] = _number(spec, raw, state.notices)
        else:
            text = raw[-1].strip() if raw else ""
            if len(text) > MAX_TEXT:
                state.notices.append(f"{spec.label}: shortened to {MAX_TEXT} characters")
            state.values[spec.key] = text[:MAX_TEXT]
    return state


PLAIN_DIGITS = re.compile(r"[0-9]{1,9}")


def plain_number(text: str) -> int | None:
    """A whole number written in ASCII digits only (no '1_0', no Arabic-Indic '٣', no '²', at most 9 digits),
    or None: Python's int() takes all of those silently."""
    text = text.strip()
    return int(text) if PLAIN_DIGITS.fullmatch(text) else None


def _number(spec: Number, raw: list[str], notices: list[str]) -> int | None:
    if not raw:
        return None
    value = plain_number(raw[-1])
    if value is None:
        notices.append(f"{spec.label}: ignored {raw[-1][:40]!r}, which is not a whole number in plain digits")
        return None
    if not spec.low <= value <= spec.high:
        notices.append(f"{spec.label}: ignored {value}, outside {spec.low} to {spec.high}")
        return None
    if spec.options and value not in spec.options:
        ordered = sorted(spec.options)
        choices = ", ".join(map(str, ordered))
        rounded = next((option for option in ordered if option >= value), None)
        if rounded is None:
            notices.append(f"{spec.label}: ignored {value}, which is not one of the choices ({choices})")
        else:
            notices.append(f"{spec.label}: {value} is not one of the choices ({choices}); {rounded} is used")
        return rounded
    return value


def seed_widgets(prefix: str, state: UrlState, overwrite: bool = False) -> None:
    """Give each widget its value from the URL, unless the widget already holds one (or `overwrite`)."""
    for key, value in state.values.items():
        widget = f"{prefix}_{key}"
        if overwrite or (widget not in st.session_state and value is not None):
            st.session_state[widget] = value


def _address_against_written(prefix: str, keys: list[str]) -> tuple[dict, dict | None]:
    """These keys' values in the address now (empty ones left out), and in the address this page last wrote (None if
    it wrote none this session)."""
    current = {key: st.query_params.get_all(key) for key in keys if st.query_params.get_all(key)}
    written = st.session_state.get(f"{prefix}_url_written")
    return current, None if written is None else {key: value for key, value in written.items() if key in keys}


def came_by_link(prefix: str, keys: list[str]) -> bool:
    """True when the URL holds some of these keys and is not the one this page last wrote: a link was
    followed, so its values replace what the widgets kept from earlier in the session."""
    current, written = _address_against_written(prefix, keys)
    return bool(current) and current != (written or {})


def came_back(prefix: str, keys: list[str]) -> bool:
    """True when the last run drew this same page and the address now differs from what the page last wrote (in
    any of these keys, empty ones included): the reader stepped through the browser's history (Back, Forward), so
    the address's values, empty ones too, replace the widgets'. Arriving from another page with a bare address
    keeps what the widgets held; a link with values is `came_by_link`."""
    if st.session_state.get("page_before") != st.session_state.get("page_now"):
        return False
    current, written = _address_against_written(prefix, keys)
    return written is not None and current != written


def link_pairs(values: dict[str, object]) -> tuple[tuple[str, str], ...]:
    """The address's key, value pairs for these filter values, as the link writes them (empty ones left out)."""
    pairs = []
    for key, value in values.items():
        if value in (None, "", []):
            continue
        pairs += [(key, str(v)) for v in value] if isinstance(value, list) else [(key, str(value))]
    return tuple(pairs)


def write(values: dict[str, object], prefix: str | None = None) -> None:
    """Make the URL hold exactly these filter values (empty ones are left out); remember it under `prefix`."""
    normalised = grouped(link_pairs(values))
    current = {key: st.query_params.get_all(key) for key in st.query_params}
    if current != normalised:
        st.query_params.from_dict(normalised)
    if prefix:
        st.session_state[f"{prefix}_url_written"] = normalised


def show_notices(state: UrlState) -> None:
    """One short notice listing what the link held that could not be used, and what was done instead."""
    if state.notices:
        st.warning(f"{NOTICE_HEADING}:\n\n- " +
                   "\n- ".join(markdown_escape(n) for n in state.notices), icon=":material/link_off:")
