"""The server around the app: internals stay private, and any address shows a page of the app."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from tests.browser.conftest import READY

pytestmark = pytest.mark.browser


def test_the_metrics_endpoint_is_not_served(app_url):
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(f"{app_url}/_stcore/metrics", timeout=10)
    assert answer.value.code == 404


@pytest.mark.parametrize("path", ["a/b/c", "quotes/extra/parts", "no_such_page"])
def test_an_unknown_address_shows_the_apps_not_found_notice_and_a_page(page, app_url, path):
    page.goto(f"{app_url}/{path}")
    page.wait_for_selector(READY, timeout=60_000)
    assert page.get_by_text("Page not found").count(), "the app's not-found notice"
    assert page.locator("h1").count() >= 1, "a page of the app, not a blank one"
