"""In a real browser, text from the URL shows as typed: no icon, no entity, no Markdown, no reordering."""

from __future__ import annotations

import shutil
from urllib.parse import quote

import pytest

from components.url_state import NOTICE_HEADING
from tests.browser.conftest import open_app

pytestmark = pytest.mark.browser

CRAFTED = [":material/home:", "&amp;", "**bold**", "\u202eevil", ":smile:"]


def test_a_notice_shows_crafted_url_values_exactly_as_typed(page, app_url):
    query = "&".join(f"theme={quote(value)}" for value in CRAFTED)
    open_app(page, app_url, f"quotes?{query}")
    notice = page.locator('[data-testid="stAlert"]').filter(has_text=NOTICE_HEADING)
    text = notice.inner_text().replace("\u2060", "")
    assert ":material/home:" in text and "&amp;" in text and "**bold**" in text and ":smile:" in text
    assert "\u202e" not in text and "202eevil" in text.lower().replace("[u+202e]", "202e")
    assert text.count("home") == 1 and text.count("smile") == 1, "a shortcode became an icon or emoji"
    assert notice.locator("strong").count() == 0


HOSTILE = "![t](https://example.invalid/pixel.png) **bold** $x^2$ :smile:"


@pytest.fixture(scope="module")
def hostile_terms_url(tmp_path_factory):
    """The synthetic review with markup in every term that titles a page or a header, and in a scale's label."""
    from tests.browser.conftest import served
    from tests.conftest import SYNTHETIC

    folder = tmp_path_factory.mktemp("served-hostile-terms")
    data = folder / "data"
    shutil.copytree(SYNTHETIC, data)
    review = data / "review.yaml"
    text = review.read_text(encoding="utf-8")
    text = text.replace("      themes: analytical themes\n", f'      themes: "{HOSTILE} themes"\n'
                                                                 f'      coded_types: "{HOSTILE} types"\n')
    text = text.replace("  points:\n", f'  table_names:\n    characteristics: "{HOSTILE} 1"\n'
                                       f'    appraisal: "{HOSTILE} 2"\n  points:\n', 1)
    review.write_text(text, encoding="utf-8")
    quality = data / "quality.yaml"
    quality.write_text(quality.read_text(encoding="utf-8").replace("label: Partly", f'label: "{HOSTILE} partly"'),
                       encoding="utf-8")
    with served(folder, data) as url:
        yield url


def assert_no_markup(region) -> None:
    assert region.locator("img").count() == 0, "an image from the data loaded (a tracking pixel)"
    assert region.locator("strong").count() == 0 and region.locator(".katex").count() == 0


def test_terms_that_title_pages_show_literally_in_the_navigation(page, hostile_terms_url):
    open_app(page, hostile_terms_url)
    nav = page.locator('[data-testid="stSidebarNav"]')
    assert_no_markup(nav)
    text = nav.inner_text().replace("\u2060", "")
    assert text.count("**bold**") == 2 and text.count("$x^2$") == 2 and text.count(":smile:") == 2
    open_app(page, hostile_terms_url, "themes")
    assert page.title().startswith(f"{HOSTILE} themes · "), "the tab shows the term as written"


def test_table_names_and_scale_labels_show_literally_on_the_studies_page(page, hostile_terms_url):
    open_app(page, hostile_terms_url, "studies")
    for region in (page.locator('[data-testid="stHeading"]'), page.locator('[data-testid="stCaptionContainer"]')):
        assert_no_markup(region)
    headings = page.locator('[data-testid="stHeading"]').all_inner_texts()
    assert any("**bold** $x^2$ :smile: 1" in h.replace("\u2060", "") for h in headings), headings
    captions = " ".join(page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()).replace("\u2060", "")
    assert "**bold** $x^2$ :smile: partly" in captions
