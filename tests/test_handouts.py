"""The printable handouts: page counts, every talking point, the citation, the data version, readable type."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from components.guide_view import point_support
from evidence.handouts import FOOTER_SPACE, clinician_guide_pdf, latin1, patient_leaflet_pdf, review_citation
from queries import run_query


@pytest.fixture
def inputs(use_db) -> dict:
    """What the guide page hands the PDF makers, fetched the same way."""
    guidance = run_query("guidance").iloc[0].to_dict()
    points = run_query("talking_points")
    points = points.merge(point_support(run_query("talking_point_evidence")), left_on="id", right_on="point_id")
    leaflet = {"title": guidance["leaflet_title"], "intro": guidance["leaflet_intro"],
               "sections": run_query("leaflet_sections").to_dict("records")}
    return {"guidance": guidance, "points": points, "leaflet": leaflet,
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
    assert flat(latin1(review_citation(inputs["review"]))) in text
    assert build["source_hash"][:12] in text
    assert f"{build['built_at']:%Y-%m-%d}" in text


@pytest.fixture
def guide(inputs) -> tuple[PdfReader, str]:
    return read(clinician_guide_pdf(inputs["points"], inputs["review"], inputs["build"], inputs["guidance"]))


@pytest.fixture
def leaflet(inputs) -> tuple[PdfReader, str]:
    return read(patient_leaflet_pdf(inputs["leaflet"], inputs["review"], inputs["build"]))


def test_clinician_guide_is_one_page_with_every_talking_point(guide, inputs):
    reader, text = guide
    assert len(reader.pages) == 1
    for title in inputs["points"].title:
        assert flat(latin1(title)) in text


def test_clinician_guide_carries_disclaimer_citation_and_data_version(guide, inputs):
    _, text = guide
    assert flat(latin1(inputs["guidance"]["disclaimer"])) in text
    assert_carries_source(text, inputs)


def test_clinician_guide_gives_each_points_study_count(guide, inputs):
    _, text = guide
    for point in inputs["points"].itertuples():
        assert f"{flat(latin1(point.short))} [{point.included_studies} of {point.included_total} studies" in text


def test_patient_leaflet_fits_two_pages_with_every_section(leaflet, inputs):
    reader, text = leaflet
    assert len(reader.pages) <= 2
    assert flat(latin1(inputs["leaflet"]["title"])) in text
    for part in inputs["leaflet"]["sections"]:
        assert flat(latin1(part["heading"])) in text
    assert_carries_source(text, inputs)


@pytest.mark.parametrize("which", ["guide", "leaflet"])
def test_body_type_is_at_least_10pt(request, which):
    reader, _ = request.getfixturevalue(which)
    sizes = body_font_sizes(reader)
    assert sizes and min(sizes) >= 10


def test_typographic_characters_print_as_ascii(inputs):
    assert latin1("\u2019\u201c\u201d \u2013 \u2014 \u2026") == "'\"\" - - ..."
    points = inputs["points"].copy()
    points.loc[0, "title"] = "Women\u2019s \u201csafe place\u201d \u2013 see\u2026"
    reader, text = read(clinician_guide_pdf(points, inputs["review"], inputs["build"], inputs["guidance"]))
    assert "Women's \"safe place\" - see..." in text
