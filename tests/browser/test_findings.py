"""The findings page in Chromium, on the review that has findings: readable on a phone and on a projector, its
Evidence Profiles open by keyboard, its study links open exactly their quotes, and the bundled review (no findings)
offers no such page."""

from __future__ import annotations

import duckdb
import pytest

from tests.browser.conftest import nav_paths, open_app, screenshot, settle
from tests.browser.test_layout import CLIPPED, page_problems

SIZES = {"phone": (390, 844), "projector": (1280, 720)}


@pytest.fixture(scope="module")
def finding_texts(tmp_path_factory) -> list[str]:
    from evidence.build import build
    from tests.conftest import SYNTHETIC
    db = tmp_path_factory.mktemp("findings-browser") / "evidence.duckdb"
    assert build(SYNTHETIC, db).ok
    with duckdb.connect(str(db), read_only=True) as con:
        return [text for (text,) in con.execute("select text from findings order by position").fetchall()]


@pytest.mark.parametrize("size", SIZES)
def test_the_summary_and_profiles_read_whole_on_a_phone_and_a_projector(browser, synthetic_url, finding_texts,
                                                                         size):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=size == "phone",
                                  has_touch=size == "phone")
    tab = context.new_page()
    try:
        open_app(tab, synthetic_url, "findings")
        settle(tab)
        shown = tab.locator('[data-testid="stMain"]').inner_text()
        missing = [text for text in finding_texts if text not in shown]
        assert not missing, missing
        assert "Low confidence" in shown and "not assessed by the review's authors" in shown
        profile = tab.locator("summary", has_text="Evidence Profile: finding 1")
        profile.focus()
        tab.keyboard.press("Enter")
        tab.get_by_text("Adequacy of data").first.wait_for(state="visible")
        problems = page_problems(tab) + [f"text cut short: {text!r}" for text in tab.evaluate(CLIPPED)]
        screenshot(tab, f"findings-{size}")
        assert not problems, problems
    finally:
        context.close()


def test_a_study_link_opens_exactly_its_quotes_in_the_explorer(page, synthetic_url):
    open_app(page, synthetic_url, "findings")
    link = page.locator('a[href*="quote="]').first
    wanted = sorted(link.get_attribute("href").split("quote=")[1:])
    link.click()
    page.wait_for_selector('[data-quote]', timeout=60_000)
    settle(page)
    shown = sorted(page.eval_on_selector_all("[data-quote]", "els => els.map(e => e.dataset.quote)"))
    assert shown == [w.split("&")[0] for w in wanted]


def test_the_bundled_review_offers_no_findings_page(page, app_url):
    open_app(page, app_url)
    assert "findings" not in nav_paths(page)
