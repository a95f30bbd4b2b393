"""In a real browser, text from the URL shows as typed: no icon, no entity, no Markdown, no reordering."""

from __future__ import annotations

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
