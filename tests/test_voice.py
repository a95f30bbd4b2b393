"""Who presents the review: the data says (review.presented_by), and every label that says whose a text is follows
it. The synthetic fixture review is presented by its own authors, so none of its pages, slides or printed guide may
call the authors' own coding "editorial", credit it to "our editors" or "this project", or call the review "one
published review"; the bundled review, presented by outside editors, says so on its pages."""

from __future__ import annotations

import html
import re

import pytest

from evidence.voice import AUTHORS, EDITORS, VOICES
from tests.conftest import REVIEWS, open_page, point_app_at
from tests.test_review_words import every_view, shown_text

# What an outside editor's voice says and an author's may not. A stored provenance value shown as such ('editorial',
# in quotes, for whoever queries the database) is the data's word, not a label.
EDITORS_WORDS = re.compile(r"(?<![\w'-])editorial(?![\w'])|our editors|this project|one published review", re.I)
STYLES = re.compile(r"<style>.*?</style>", re.S)


def words_shown(at) -> str:
    """The page's words as a reader sees them: without the backslashes the protobuf text and Markdown escaping put
    before punctuation, or the HTML entities."""
    return html.unescape(re.sub(r"\\+(?=[^\w\s])", "", STYLES.sub(" ", shown_text(at))))


def test_the_voices_differ_where_they_must():
    editors, authors = VOICES[EDITORS], VOICES[AUTHORS]
    for field in ("added", "chip", "coders", "coders_own", "reading", "framing", "own_words"):
        assert getattr(editors, field) != getattr(authors, field), field
        assert not EDITORS_WORDS.search(getattr(authors, field)), field


def database_documentation() -> list[str]:
    """The database's own documentation, which the Methods page shows on demand to whoever queries the file: there
    'editorial' is the stored name of whatever the paper does not state, whoever added it (the page says so)."""
    from queries import run_query
    docs = [*run_query("editorial_columns").comment, *run_query("provenance_counts").table_description]
    return sorted(set(docs), key=len, reverse=True)


def test_no_page_of_an_authors_review_speaks_as_outside_editors(synthetic):
    found = {}
    documented = database_documentation()
    for name, query in every_view(synthetic):
        shown = words_shown(open_page(name, **query))
        if name == "methods":
            assert "whoever added it; for this review, the review's authors" in shown
            for text in documented:
                shown = shown.replace(text, " ")
            shown = re.sub(r"(?<=What a row is  )editorial(?=  paper)", " ", shown)  # the stored value, as a column
        hits = sorted({m.group(0).lower() for m in EDITORS_WORDS.finditer(shown)})
        if hits:
            found[f"{name} {query or ''}".strip()] = hits
    assert not found, f"an editor's words on the pages of a review its authors present: {found}"


def test_an_authors_review_says_who_presents_it(synthetic):
    overview = words_shown(open_page("overview"))
    assert VOICES[AUTHORS].framing in overview and VOICES[AUTHORS].own_words in overview
    assert VOICES[AUTHORS].chip in overview  # its question and aim, the authors' wording here
    guide = words_shown(open_page("guide"))
    assert VOICES[AUTHORS].reading in guide  # a point read into the evidence is the authors' reading


@pytest.mark.parametrize("page", ["overview", "themes", "methods"])
def test_the_bundled_review_is_presented_by_outside_editors(monkeypatch, review_dbs, page):
    point_app_at(monkeypatch, review_dbs["bundled"], REVIEWS["bundled"])
    shown = words_shown(open_page(page))
    assert VOICES[EDITORS].chip in shown or VOICES[EDITORS].added in shown
    assert VOICES[AUTHORS].coders not in shown


def test_the_printed_guide_names_the_authors_reading(synthetic):
    from components.claims import by_claim
    from evidence.handouts import clinician_guide_pdf, guide_key
    from evidence.voice import voice_of
    from queries import run_query
    review = run_query("review").iloc[0].to_dict()
    assert voice_of(review["presented_by"]) is VOICES[AUTHORS]
    assert VOICES[AUTHORS].reading[:1].lower() + VOICES[AUTHORS].reading[1:] in guide_key(VOICES[AUTHORS])
    pdf = clinician_guide_pdf(run_query("talking_points"), by_claim(run_query("claim_support",
                                                                              claim_kind="talking_point")),
                              review, run_query("build_info").iloc[0], run_query("guidance").iloc[0].to_dict(), None)
    import io

    from pypdf import PdfReader
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = " ".join(text.split())
    assert " ".join(guide_key(VOICES[AUTHORS]).split()) in flat  # the key to the brackets, in the authors' voice
    assert VOICES[EDITORS].reading.lower() not in flat.lower()
    assert not EDITORS_WORDS.search(text), EDITORS_WORDS.findall(text)
