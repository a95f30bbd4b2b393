"""A synthesis imported as docs/IMPORT.md says is served as it says: every page draws in Chromium, and the quotes
read exactly as the spreadsheet held them (outer quote marks aside)."""

from __future__ import annotations

import pytest

from evidence.interchange.folder_writer import write_synthesis
from evidence.interchange.qdpx import read_qdpx
from evidence.interchange.sheet import read_sheet
from tests.browser.conftest import nav_paths, open_app, served
from tests.conftest import ROOT
from tests.interchange import zipped

pytestmark = pytest.mark.browser


def test_the_docs_example_import_is_served_with_every_page_and_quote(page, tmp_path):
    synthesis, problems = read_sheet(ROOT / "docs" / "examples" / "extraction.csv")
    assert not problems and write_synthesis(synthesis, tmp_path / "my-review") == []
    with served(tmp_path, tmp_path / "my-review") as url:
        open_app(page, url)
        for path in nav_paths(page):
            open_app(page, url, path)
            assert page.locator('[data-testid="stException"]').count() == 0, path
        open_app(page, url, "quotes")
        shown = page.inner_text("body")
        assert all(quote.text in shown for quote in synthesis.quotes)
        assert "I wrote when the house was quiet." in shown and "\u201cI wrote" not in shown


def test_a_qdpx_import_with_accented_and_japanese_names_is_served(page, tmp_path):
    synthesis, problems = read_qdpx(zipped("maxqda_cases", tmp_path))
    assert not problems and write_synthesis(synthesis, tmp_path / "imported") == []
    with served(tmp_path, tmp_path / "imported") as url:
        open_app(page, url, "quotes")
        shown = page.inner_text("body")
        assert "掲示板で初めて話せた。" in shown and "Müller & Šimić 2019" in shown
        assert page.locator('[data-testid="stException"]').count() == 0
