"""The words a review uses for its own parts: its synthesis' levels (theme, subtheme, construct, in the method's
own terms) and its numbered tables. All from the data; neutral words where the review gives none."""

from __future__ import annotations

from dataclasses import dataclass

from evidence.values import capitalised, text_or_none
from evidence.voice import EDITORS, VOICES, Voice, voice_of

DEFAULTS = {"theme": "theme", "themes": "themes", "subtheme": "subtheme", "subthemes": "subthemes",
            "construct": "construct", "constructs": "constructs", "coded_type": "coded type",
            "coded_types": "coded types", "findings": "review findings"}


def _value(review, column: str) -> str | None:
    return text_or_none(getattr(review, column, None))  # a gap is None or NaN, never text


def term(review, key: str, capital: bool = False) -> str:
    """What the review calls `key` (theme, themes, subtheme, subthemes, construct, constructs, coded_type(s))."""
    word = _value(review, f"synthesis_terms_{key}") or DEFAULTS[key]
    return capitalised(word) if capital else word


@dataclass(frozen=True)
class CardWords:
    """What a quote card calls its theme, subthemes and coded types (the review's own words), and how it tags what its
    presenter added (a coding note, say)."""

    theme: str = "Theme"
    subthemes: str = "Subthemes"
    types: str = "Coded types"
    voice: Voice = VOICES[EDITORS]


NEUTRAL = CardWords()


def card_words(review) -> CardWords:
    return CardWords(term(review, "theme", True), term(review, "subthemes", True), term(review, "coded_types", True),
                     voice_of(getattr(review, "presented_by", None)))


def table_name(review, part: str) -> str | None:
    """The review's own name for one of its tables (characteristics, appraisal, subthemes), if it numbers them."""
    return _value(review, f"table_names_{part}")


def titled(title: str, review, part: str) -> str:
    """A heading with the review's name for the table in brackets, where it has one: "Included studies (Table 1)"."""
    name = table_name(review, part)
    return f"{title} ({name})" if name else title
