"""Who presents the review, and so how every page names what is not the published paper's.

A review is presented either by outside editors (a published review, read and coded by them) or by its own
authors (their synthesis, with what they add beyond the paper). The data declares which (`review.presented_by`);
every label that says whose a piece of text is comes from the one `Voice` of that presenter, so "editorial" and
"our editors" never appear on an author's own words. "Our" and "we" stay: they are the presenter's either way.
No Streamlit here.
"""

from __future__ import annotations

from dataclasses import dataclass

from .values import text_or_none

EDITORS, AUTHORS = "editors", "authors"
PRESENTERS = (EDITORS, AUTHORS)


@dataclass(frozen=True)
class Voice:
    """How the pages name the presenter and what the presenter added to the paper."""

    presenter: str
    added: str  # a short tag for text that is not the paper's, after a label: "Coded quotes (editorial)"
    coding: str  # the tags the presenter put on quotes, after a label: "Subthemes (paper, editorial coding)"
    chip: str  # the dashed chip on such text
    coders: str  # who coded the quotes and wrote the summaries: "Counts of quotes {coders} coded"
    coders_own: str  # the same, possessive: "{coders_own} reading"
    reading: str  # the relation of a claim read into the evidence rather than stated by it
    framing: str  # one line on what the dashboard presents and how its labels say whose each part is
    own_words: str  # whose the summaries and guidance are, at the foot of every page


VOICES = {
    EDITORS: Voice(
        EDITORS, added="editorial", coding="editorial coding", chip="editorial: our coding or wording",
        coders="our editors", coders_own="our editors'", reading="Our reading of the paper",
        framing="One published review, presented faithfully. Labels say what the paper states (solid outline) and "
                "what our editors coded or wrote (dashed outline).",
        own_words="this project's own words"),
    AUTHORS: Voice(
        AUTHORS, added="added by the authors", coding="the authors' coding",
        chip="the authors' coding or wording, beyond the paper", coders="the review's authors",
        coders_own="the authors'",
        reading="The authors' reading, beyond what the paper states",
        framing="The review presented by its own authors. Labels say what the published paper states (solid "
                "outline) and what the authors coded or wrote beyond it for this presentation (dashed outline).",
        own_words="the authors' words, written for this presentation"),
}


def voice_of(presented_by: object) -> Voice:
    """The voice of a review's declared presenter; outside editors where it declares none."""
    return VOICES[text_or_none(presented_by) or EDITORS]
