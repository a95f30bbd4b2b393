"""The printable handouts: page counts, every talking point, the citation, the data version, readable type."""

from __future__ import annotations

import io
import os
import re

import pandas as pd
import pytest
import yaml
from pypdf import PdfReader

from evidence import fonts
from evidence.handouts import (
    ABOUT_HEADING,
    ADVICE_HEADING,
    FOOTER_SPACE,
    LEAFLET_SUBJECT,
    NO_ADDRESS,
    WRITE_IN,
    basis,
    clinician_guide_pdf,
    latin1,
    patient_leaflet_pdf,
    printed,
    review_citation,
)
from queries import run_query
from tests.conftest import SYNTHETIC, html_text


@pytest.fixture
def inputs(review) -> dict:
    """What the guide page hands the PDF makers, fetched the same way."""
    guidance = run_query("guidance").iloc[0].to_dict()
    points = run_query("talking_points")
    claims = {c["claim_id"]: c for c in run_query("claim_support", claim_kind="talking_point").to_dict("records")}
    note_claims = {c["claim_id"]: c for c in run_query("claim_support", claim_kind="evidence_note").to_dict("records")}
    leaflet = {"title": guidance["leaflet_title"], "intro": guidance["leaflet_intro"],
               "write_in": guidance["leaflet_write_in"], "sections": run_query("leaflet_sections").to_dict("records")}
    return {"guidance": guidance, "points": points, "claims": claims, "leaflet": leaflet,
            "notes": run_query("evidence_notes"), "note_claims": note_claims,
            "review": run_query("review").iloc[0].to_dict(), "build": run_query("build_info").iloc[0].to_dict()}


def flat(text: str) -> str:
    """Text with every run of whitespace made one space, so wrapped lines compare equal."""
    return re.sub(r"\s+", " ", text).strip()


def read(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, flat(" ".join(page.extract_text() for page in reader.pages))


def body_font_sizes(reader: PdfReader) -> list[float]:
    """Font sizes of every piece of text above the footer band."""
    sizes = []
    footer_top = FOOTER_SPACE * 72 / 25.4

    def visit(text, cm, tm, font, size):
        if text.strip() and tm[5] > footer_top:
            sizes.append(size * tm[0])

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return sizes


def assert_carries_source(text: str, inputs: dict) -> None:
    build = inputs["build"]
    assert flat(printed(review_citation(inputs["review"]))) in text
    assert build["source_hash"][:12] in text
    assert f"{build['built_at']:%Y-%m-%d}" in text


ADDRESS = "https://evidence.example.org/forums"
CONTACTS = ["Perinatal mental health team: 0100 000 001", "Out-of-hours crisis line: 0100 000 002"]


def make_guide(inputs, address=ADDRESS) -> bytes:
    return clinician_guide_pdf(inputs["points"], inputs["claims"], inputs["review"], inputs["build"],
                               inputs["guidance"], address, inputs["notes"], inputs["note_claims"])


@pytest.fixture
def guide(inputs) -> tuple[PdfReader, str]:
    return read(make_guide(inputs))


@pytest.fixture
def leaflet(inputs) -> tuple[PdfReader, str]:
    return read(patient_leaflet_pdf(inputs["leaflet"], CONTACTS))


def test_clinician_guide_fits_two_pages_with_every_talking_point(guide, inputs):
    reader, text = guide
    assert len(reader.pages) <= 2
    for title in inputs["points"].title:
        assert flat(printed(title)) in text


def test_a_guide_just_over_a_sheet_is_set_on_one_and_a_long_one_repeats_a_running_sections_heading(inputs):
    make = lambda points: read(clinician_guide_pdf(points, inputs["claims"], inputs["review"],  # noqa: E731
                                                   inputs["build"], inputs["guidance"], None, inputs["notes"],
                                                   inputs["note_claims"]))
    reader, _ = make(inputs["points"])
    # the bundled guide ran two points, one of them on risk, onto a second sheet; what the evidence rests on is
    # printed overleaf
    front = flat(reader.pages[0].extract_text())
    assert len(reader.pages) == 1 + bool(len(inputs["notes"]))
    assert all(flat(printed(t)) in front for t in inputs["points"].title)
    assert min(body_font_sizes(reader)) >= 10
    reader, text = make(pd.concat([inputs["points"]] * 12, ignore_index=True))  # far beyond one sheet
    assert len(reader.pages) >= 2 and "(CONTINUED)" in text


def test_clinician_guide_carries_disclaimer_citation_and_data_version(guide, inputs):
    _, text = guide
    assert flat(printed(inputs["guidance"]["disclaimer"])) in text
    assert_carries_source(text, inputs)


def test_clinician_guide_gives_each_points_relation_and_strength(guide, inputs):
    _, text = guide
    assert any(c["relation"] == "practice advice" for c in inputs["claims"].values())
    assert any(c["relation"] == "our reading" for c in inputs["claims"].values())
    for point in inputs["points"].itertuples():
        claim = inputs["claims"][point.id]
        assert f"{flat(printed(point.short))} {flat(printed(basis(claim)))}" in text, point.id
        if claim["relation"] == "practice advice":
            assert basis(claim) == "[Practice advice, not from the review]"


def test_clinician_guide_prints_no_study_count(guide):
    _, text = guide
    assert not re.search(r"\d+ of \d+ studies", text)


def test_clinician_guide_names_the_dashboards_address_or_says_it_is_not_set(guide, inputs):
    _, text = guide
    assert ADDRESS in text
    _, unset = read(make_guide(inputs, address=None))
    assert flat(NO_ADDRESS) in unset


def test_patient_leaflet_prints_no_staff_note(leaflet, inputs):
    _, text = leaflet
    assert "Note:" not in text
    notes = [part["staff_note"] for part in inputs["leaflet"]["sections"] if isinstance(part["staff_note"], str)]
    assert notes
    for note in notes:
        assert flat(printed(note))[:40] not in text


def crisis_section(text: str, inputs) -> str:
    sections = inputs["leaflet"]["sections"]
    index = next(i for i, part in enumerate(sections) if part["crisis"])
    start = text.index(flat(printed(sections[index]["heading"])))
    end = text.index(flat(printed(sections[index + 1]["heading"]))) if index + 1 < len(sections) else len(text)
    return text[start:end]


def test_leaflet_crisis_section_holds_the_local_contacts(leaflet, inputs):
    _, text = leaflet
    section = crisis_section(text, inputs)
    for contact in CONTACTS:
        assert contact in section
    assert WRITE_IN not in text
    # only the configured numbers: none added (a national line appended after them went unnoticed)
    configured = {number for contact in CONTACTS for number in re.findall(r"\d[\d ]{2,}\d", contact)}
    assert set(re.findall(r"\d[\d ]{2,}\d", section)) == configured
    assert section.rstrip().endswith(CONTACTS[-1]), "something was printed after the last configured contact"


def test_leaflet_without_contacts_leaves_a_box_to_write_them_in(inputs):
    _, text = read(patient_leaflet_pdf(inputs["leaflet"], []))
    section = crisis_section(text, inputs)
    assert WRITE_IN in section
    assert not re.search(r"\d{3,}", section), "a number was printed although none is configured"


def test_the_write_in_box_takes_the_leaflets_own_labels_or_neutral_ones(inputs):
    from evidence.handouts import WRITE_IN_LINES
    from evidence.values import as_list

    _, text = read(patient_leaflet_pdf(inputs["leaflet"], []))
    section = crisis_section(text, inputs)
    own = as_list(inputs["leaflet"]["write_in"])
    for label in own or WRITE_IN_LINES:
        assert flat(printed(label)) in section
    if not own:  # a review that names no labels gets none of another review's words
        assert all(flat(printed(label)) in section for label in ("Your health professional:", "Urgent help:"))


@pytest.mark.parametrize("which, title_key", [("guide", "title"), ("leaflet", "leaflet_title")])
def test_pdfs_carry_a_title_and_subject(request, inputs, which, title_key):
    reader, _ = request.getfixturevalue(which)
    assert reader.metadata.title == printed(inputs["guidance"][title_key])
    if which == "guide":
        assert flat(printed(review_citation(inputs["review"]))) in flat(reader.metadata.subject)
    else:  # a patient's copy names what it is, not the paper
        assert reader.metadata.subject == LEAFLET_SUBJECT


def test_leaflet_prints_no_build_hash_citation_or_caveat(leaflet, inputs):
    """A patient's handout speaks to her: the data version, the citation and its bibliographic caveat are for
    staff, and the guide page gives them beside the button."""
    reader, text = leaflet
    review, build = inputs["review"], inputs["build"]
    assert build["source_hash"][:12] not in text and "Data version" not in text
    assert flat(printed(review_citation(review))) not in text
    if isinstance(review.get("year_note"), str):
        assert flat(printed(review["year_note"])) not in text
    assert flat(printed(review["title"]))[:40] not in text
    assert build["source_hash"][:12] not in str(reader.metadata)


def test_guide_page_gives_the_leaflets_source_beside_it(app, use_db):
    page = html_text(app("guide"))
    build = run_query("build_info").iloc[0]
    assert "The leaflet draws on" in page and build["source_hash"][:12] in page


def test_guide_prints_what_the_evidence_rests_on_after_every_point(guide, inputs):
    """The notes on the evidence as a whole print in the guide, each with its relation and strength, and after
    the talking points, so no point is pushed off a first sheet."""
    _, text = guide
    notes = inputs["notes"]
    assert len(notes), "the review has no notes on its evidence: this test would pass vacuously"
    assert ABOUT_HEADING.upper() in text
    last_point = max(text.index(flat(printed(t))) for t in inputs["points"].title)
    assert text.index(ABOUT_HEADING.upper()) > last_point
    for note in notes.itertuples():
        claim = inputs["note_claims"][note.id]
        assert f"{flat(printed(note.text))} {flat(printed(basis(claim)))}" in text, note.id


def test_review_citation_carries_its_year_caveat(inputs):
    review = inputs["review"]
    note = review["year_note"] if isinstance(review["year_note"], str) else None
    assert (f"({review['year']}; {note})" if note else f"({review['year']})") in review_citation(review)


def test_patient_leaflet_fits_two_pages_with_every_section(leaflet, inputs):
    reader, text = leaflet
    assert len(reader.pages) <= 2
    assert flat(printed(inputs["leaflet"]["title"])) in text
    for part in inputs["leaflet"]["sections"]:
        assert flat(printed(part["heading"])) in text


def test_a_leaflet_a_few_lines_too_long_is_set_on_one_sheet_and_a_long_one_keeps_two(inputs):
    # The bundled leaflet, with the box to write local numbers in, ran one line onto a second sheet.
    reader, text = read(patient_leaflet_pdf(inputs["leaflet"], []))
    assert len(reader.pages) == 1
    assert all(flat(printed(part["heading"])) in text for part in inputs["leaflet"]["sections"])
    assert body_font_sizes(reader) and min(body_font_sizes(reader)) >= 12, "the type keeps its size"
    # far beyond one sheet in text alone (no box to write numbers in, whose fixed height no spacing shrinks)
    text_only = [{**part, "crisis": False} for part in inputs["leaflet"]["sections"]]
    longer = {**inputs["leaflet"], "sections": text_only * 20}
    reader, text = read(patient_leaflet_pdf(longer, []))
    assert len(reader.pages) >= 2 and min(body_font_sizes(reader)) >= 12


@pytest.mark.parametrize("which", ["guide", "leaflet"])
def test_body_type_is_at_least_10pt(request, inputs, which):
    reader, _ = request.getfixturevalue(which)
    sizes = body_font_sizes(reader)
    assert sizes and min(sizes) >= 10


def test_typographic_characters_print_as_ascii_only_where_no_unicode_font_is_found(inputs):
    assert latin1("\u2019\u201c\u201d \u2013 \u2014 \u2026") == "'\"\" - - ..."
    points = inputs["points"].copy()
    points.loc[0, "title"] = "Women\u2019s \u201csafe place\u201d \u2013 see\u2026"
    reader, text = read(clinician_guide_pdf(points, inputs["claims"], inputs["review"], inputs["build"],
                                            inputs["guidance"], ADDRESS))
    assert flat(printed("Women\u2019s \u201csafe place\u201d \u2013 see\u2026")) in text


# Every script prints as written

SYNTHETIC_QUOTES = [q["text"] for q in yaml.safe_load((SYNTHETIC / "quotes.yaml").read_text(encoding="utf-8"))
                    ["quotes"] if q.get("language") in ("Russian", "Japanese")]
ARABIC = "مذكرة خيالية عن لوحة"
POLISH = "Zażółć gęślą jaźń: zmyślona notatka o tablicy ogłoszeń"
LODZ = "Centrum Zdrowia Psychicznego, Łódź: 0100 000 003"


@pytest.fixture
def unicode_fonts():
    if fonts.latin_family() is None:
        message = f"no Unicode font on this machine: {fonts.INSTALL}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def test_quotes_in_any_script_and_a_contact_in_lodz_print_as_written(inputs, unicode_fonts):
    """Russian, Japanese, Arabic and Polish, each read back from the PDF's own text; the Arabic set right to left."""
    assert len(SYNTHETIC_QUOTES) == 2, "the synthetic review's Russian and Japanese quotes"
    sections = [{"id": "s", "heading": "Quotes", "text": None, "bullets": [*SYNTHETIC_QUOTES, ARABIC, POLISH],
                 "crisis": False, "evidence": []},
                {"id": "c", "heading": "Help", "text": "Call:", "bullets": None, "crisis": True, "evidence": []}]
    leaflet = {**inputs["leaflet"], "sections": sections}
    everything = " ".join(SYNTHETIC_QUOTES + [ARABIC, POLISH, LODZ])
    assert fonts.uncovered(everything) == [], "a character no font on this machine can draw"
    reader, text = read(patient_leaflet_pdf(leaflet, [LODZ]))
    assert "?" not in text.replace("?)", ""), "a character printed as '?'"
    russian, japanese = SYNTHETIC_QUOTES
    assert russian in text and POLISH in text and LODZ in text
    # pypdf reads a two-byte font's glyphs back with NULs or spaces between them
    assert re.sub(r"[\s\x00]", "", japanese) in re.sub(r"[\s\x00]", "", text)
    words = ARABIC.split()
    assert " ".join(reversed(words)) in text, "the Arabic words are not set right to left"


def test_a_character_no_font_covers_is_reported(unicode_fonts):
    assert fonts.uncovered("plain text, Łódź, Ещё, 日本語") == []
    assert fonts.uncovered("a private-use character \ue000 and a hieroglyph \U00013000") == ["\ue000", "\U00013000"]


def test_the_guide_page_says_which_characters_the_pdfs_cannot_draw(monkeypatch, data_copy, tmp_path):
    """A character no font on the server covers is reported on the page, with the fix, never printed as '?'."""
    from streamlit.testing.v1 import AppTest

    import queries
    from evidence.build import build
    from tests.conftest import ROOT

    path = data_copy / "guidance.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Talking with women about online forums", "title: \"Talking \U00013000 with women about online forums",
        1).replace("for maternal mental illness\n  disclaimer", "for maternal mental illness\"\n  disclaimer", 1),
        encoding="utf-8")
    db = tmp_path / "evidence.duckdb"
    assert build(data_copy, db).ok
    monkeypatch.setenv("EVIDENCE_DATA_DIR", str(data_copy))
    monkeypatch.setenv("EVIDENCE_DB", str(db))
    queries.close_all()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("views/guide.py").run()
    assert not at.exception
    warned = [w.value for w in at.warning if "cannot draw" in w.value]
    assert warned and "\U00013000" in warned[0] and "fonts-noto" in warned[0]
    queries.close_all()


def test_the_guide_prints_every_points_practice_advice_and_the_suggested_words(guide, inputs):
    """Overleaf, under a heading that says it is not from the review, the guide prints each point's practice advice
    and the whole of each point that is practice advice (the suggested words for opening the conversation)."""
    reader, text = guide
    overleaf = flat(" ".join(page.extract_text() for page in reader.pages[1:]))
    assert flat(printed(ADVICE_HEADING.upper())) in overleaf
    printed_any = 0
    for row in inputs["points"].itertuples(index=False):
        advice = row.body if inputs["claims"][row.id]["relation"] == "practice advice" else row.advice
        if isinstance(advice, str) and advice.strip():
            printed_any += 1
            assert flat(printed(advice)) in overleaf, row.id
    assert printed_any, "the review's guide gives practice advice"
    assert len(reader.pages) == 2, "the points on the front, the advice and notes on the back"
