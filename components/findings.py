"""A review finding's confidence as every page shows it: the level the authors gave, with its plain meaning on
demand, or that they did not assess it."""

from __future__ import annotations

from components.text import escape
from evidence.strength import NOT_ASSESSED
from evidence.values import text_or_none


def level_html(label, meaning, ask: str = "What this means") -> str:
    """A level (a finding's confidence, a component's concern) in bold, its meaning behind a <details> that opens by
    keyboard and touch alike; "not assessed" where there is none."""
    if text_or_none(label) is None:
        return escape(NOT_ASSESSED)
    return (f'<strong>{escape(label)}</strong><details class="ev-meaning"><summary>{escape(ask)}</summary>'
            f"<p>{escape(meaning)}</p></details>")
