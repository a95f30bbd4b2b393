"""How an editorial claim relates to the evidence, and how widely it holds, in the source's own words.

A claim is one row of the `claim_support` query. Nothing here is stored: relation and strength are
read off the claim's links, so they can never disagree with them. No Streamlit here.
"""

from __future__ import annotations

from .format.declaration import OUR_READING, STATES
from .format.language import NOT_SPECIFIED
from .values import as_list, lowered, missing, score_label
from .voice import Voice, voice_of

PRACTICE_ADVICE = "practice advice"  # the relation of a claim that links nothing (claim_support.sql)
RELATION_LABELS = {STATES: "The paper states this", PRACTICE_ADVICE: "Practice advice, not from the review"}
RELATION_KIND = {STATES: "paper", OUR_READING: "editorial", PRACTICE_ADVICE: "advice"}  # whose it is: its chip
# How a study stands to a theme (theme_study_matrix.sql): the paper names it, is silent, or counts others only.
SUPPORTED, NOT_SUPPORTED = "supported", "not supported"
SUPPORT_LEVELS = (SUPPORTED, NOT_SPECIFIED, NOT_SUPPORTED)
OUTSIDE_LABEL = "A study outside the review states this"
NO_COUNT = "the paper gives no count"
NOT_ASSESSED = "not assessed by the review's authors"


def relation_labels(voice: Voice) -> dict[str, str]:
    """Each relation in words, our reading named as the presenter's."""
    return {STATES: RELATION_LABELS[STATES], OUR_READING: voice.reading,
            PRACTICE_ADVICE: RELATION_LABELS[PRACTICE_ADVICE]}


def relation_label(claim) -> str:
    """The claim's relation in words, in the voice of whoever presents the review (the claim row says who); a claim
    resting only on a study outside the review says so."""
    if claim["relation"] == STATES and not as_list(claim["studies"]) and as_list(claim["related_studies"]):
        return OUTSIDE_LABEL
    return relation_labels(voice_of(claim.get("presented_by")))[claim["relation"]]


def _quantified(item: dict) -> str:
    """One quantifier as the source prints it, with how many of the studies it counts the source names."""
    text = f'"{item["quantifier"]}"'
    count, named = item.get("study_count"), int(item.get("named") or 0)
    if missing(count) or named >= int(count):
        return text
    count = int(count)
    if named == 0:
        return f"{text} ({'not named' if count == 1 else 'none named'})"
    return f"{text} (the paper names {named}; {count - named} not specified)"


def strength(claim) -> str:
    """How widely a claim holds: its statements' quantifiers, in the source's words; '' for practice advice."""
    if claim["relation"] == PRACTICE_ADVICE:
        return ""
    parts, seen = [], set()
    for judged in as_list(claim.get("confidences")):
        level = judged["label"] if isinstance(judged["label"], str) else NOT_ASSESSED
        parts.append(f"finding {int(judged['finding'])}: {lowered(level)}")
    for item in as_list(claim["quantifiers"]):
        if item["quantifier"] not in seen:
            seen.add(item["quantifier"])
            parts.append(_quantified(item))
    if not parts and (claim["statements"] or as_list(claim["studies"])):
        parts.append(NO_COUNT)
    related = as_list(claim["related_studies"])
    if related:
        parts.append(f"outside the review: {', '.join(related)}")
    return "; ".join(parts)


def credited(claim) -> str:
    """The included studies a claim's links credit, with their quality scores; '' if none."""
    return ", ".join(f"{s['citation']} ({score_label(s['quality_score'], s['quality_max'])})"
                     for s in as_list(claim["studies"]))
