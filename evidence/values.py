"""How a value read from the database is judged and written, said once for every page, export and handout: missing
or given, as a list, a count with its noun, a quality score out of its maximum. No Streamlit here."""

from __future__ import annotations

import math

import pandas as pd


def missing(value) -> bool:
    """Whether a cell holds nothing: None, or a missing number (NaN, pandas' NA) as a DataFrame gives it."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def text_or_none(value) -> str | None:
    """The value when it is real text, else None: a missing cell, a number or blank text is not text."""
    return value if isinstance(value, str) and value.strip() else None


def as_list(values) -> list:
    """A list column's value (list, array or missing) as a plain list."""
    return [] if values is None or (not isinstance(values, list | tuple) and missing(values)) else list(values)


def capitalised(text: str) -> str:
    """The text with its first letter a capital, the rest as written (a label opening a sentence)."""
    return text[:1].upper() + text[1:]


def lowered(text: str) -> str:
    """The text with its first letter small, the rest as written (a label inside a sentence)."""
    return text[:1].lower() + text[1:]


def grouped(pairs) -> dict[str, list[str]]:
    """Key, value pairs (an address's query, say) as each key with its values, in order."""
    out: dict[str, list[str]] = {}
    for key, value in pairs:
        out.setdefault(key, []).append(value)
    return out


def counted(n: int, one: str, many: str | None = None) -> str:
    """A count with its noun: "1 quote", "3 quotes", "2 studies" (`many` where the plural is not `one` + s)."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def score_label(score, out_of, unrated: str = "not rated") -> str:
    """A quality score out of the checklist's maximum ("7/10"), or `unrated` when the study has no score."""
    if missing(score) or missing(out_of):
        return unrated
    return f"{int(score)}/{int(out_of)}"
