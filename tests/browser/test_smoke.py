"""Every page, in a real browser: it draws, it has no error, it is screenshotted for review."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import open_app, screenshot, settle

pytestmark = pytest.mark.browser


def nav_paths(tab) -> list[str]:
    """The url path of every page listed in the sidebar navigation (empty for the default page)."""
    hrefs = tab.eval_on_selector_all('[data-testid="stSidebarNav"] a', "els => els.map(e => e.href)")
    return [urlsplit(href).path.strip("/") for href in hrefs]


@pytest.mark.parametrize("review", ["bundled", "synthetic"])
def test_every_page_draws_without_error(page, request, review):
    app_url = request.getfixturevalue("app_url" if review == "bundled" else "synthetic_url")
    open_app(page, app_url)
    paths = nav_paths(page)
    assert len(paths) >= 7
    for path in paths:
        open_app(page, app_url, path)
        assert page.locator('[data-testid="stException"]').count() == 0, path
        assert page.locator("h1").count() >= 1, path
        settle(page)
        screenshot(page, f"{review}-{path or 'home'}")
