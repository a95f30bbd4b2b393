"""Journeys across pages: a matrix cell to its quotes, a study's own page, the printable handouts."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import open_app, screenshot, settle

pytestmark = pytest.mark.browser


def rows(db, sql: str, params=()) -> list:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def test_matrix_cell_opens_that_theme_and_study(page, app_url, built_db):
    theme_id, number, study_id, citation, quotes = rows(built_db, """
        select t.id, t.number, s.id, s.citation, count(q.id) from themes t cross join studies s
        left join quotes q on q.theme_id = t.id and q.study_id = s.id
        where s.included group by t.id, t.number, s.id, s.citation, s.position having count(q.id) > 0
        order by t.number, s.position limit 1""")[0]
    open_app(page, app_url, "themes")
    settle(page)
    cell = page.locator(f'[data-testid="stVegaLiteChart"] [aria-label^="citation: {citation}; theme: {number}."]')
    cell.first.scroll_into_view_if_needed()
    box = cell.first.bounding_box()
    page.mouse.click(box["x"] + 4, box["y"] + 4)  # a corner of the cell, as a person would
    page.wait_for_url(re.compile(r"/quotes\?"))
    assert f"theme={theme_id}" in page.url and f"study={study_id}" in page.url
    expect(page.locator("h3", has_text="matching quote").first).to_have_text(re.compile(rf"^{quotes} matching"))


def test_study_page_from_a_link(page, app_url, built_db):
    study_id, citation = rows(built_db, "select id, citation from studies where included order by position "
                                        "desc limit 1")[0]
    open_app(page, app_url, f"studies?study={study_id}")
    settle(page)
    expect(page.get_by_text(citation).first).to_be_visible()
    screenshot(page, f"study-{study_id}")


@pytest.mark.parametrize("label", ["Practice guide (PDF)", "Leaflet to hand out (PDF)"])
def test_handouts_download_as_pdfs_the_guide_with_citation_and_version(page, app_url, built_db, label):
    title, digest = rows(built_db, "select r.title, b.source_hash from reviews r, build_info b")[0]
    open_app(page, app_url, "guide")
    with page.expect_download() as info:
        page.get_by_role("button", name=label).first.click()
    path = Path(info.value.path())
    assert path.read_bytes()[:5] == b"%PDF-"
    text = " ".join((p.extract_text() or "") for p in PdfReader(path).pages)
    flat = re.sub(r"\s+", " ", text)
    carries = label.startswith("Practice guide")  # the leaflet speaks to the patient: no version, no citation
    assert (digest[:12] in flat) is carries
    assert (re.sub(r"\s+", " ", title.replace("'", "'"))[:40] in flat.replace("\u2019", "'")) is carries
    if carries:  # the guide prints each point's practice advice, and the whole of a point that is practice advice
        advice = rows(built_db, "select tp.advice from talking_points tp where tp.advice is not null union all "
                                "select tp.body from talking_points tp where not exists (select 1 from claim_evidence "
                                "ce where ce.claim_kind = 'talking_point' and ce.claim_id = tp.id)")
        assert advice, "the review's guide gives practice advice"
        plain = flat.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
        for (words,) in advice:
            assert re.sub(r"\s+", " ", words)[:60] in plain, words[:60]


def test_handout_buttons_keep_their_labels_on_one_line_on_a_projector(projector, app_url):
    open_app(projector, app_url, "guide")
    buttons = projector.locator('[data-testid="stDownloadButton"] button')
    expect(buttons).to_have_count(3)
    heights = buttons.evaluate_all("els => els.map(e => [e.innerText, e.getBoundingClientRect().height])")
    lowest = min(height for _, height in heights)  # same style: a label on two lines makes its button taller
    wrapped = [text for text, height in heights if height > lowest + 6]
    assert not wrapped, f"labels wrapped onto two lines: {wrapped} ({heights})"
