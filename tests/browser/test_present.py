"""Presentation mode in a browser: every slide by keyboard and by URL, no unchosen distressing quote, axe."""

from __future__ import annotations

import re

import duckdb
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import open_app, screenshot, settle
from tests.browser.test_accessibility import blocking_violations

pytestmark = pytest.mark.browser
COUNT = re.compile(r"Slide (\d+) of (\d+)")


def noted_texts(db) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [t for (t,) in con.execute("select text from quotes where content_note is not null").fetchall()]



# A slide's body text and quotes, their sources and labels, with the least size a room reads from a projector: 28 px
# for what the slide says, 20 px for where it comes from and whose it is.
TYPE_SIZES = """(slide) => [...slide.querySelectorAll(
    'h1, .ev-slide-lead, .ev-slide-headline, li, blockquote, cite, .ev-chip, .ev-slide-cite')]
  .filter(e => e.textContent.trim()).map(e => [e.textContent.trim().slice(0, 40),
    parseFloat(getComputedStyle(e).fontSize),
    e.matches('cite, .ev-chip, .ev-slide-cite') ? 20 : 28])"""


def slide_count(tab) -> tuple[int, int]:
    number, total = COUNT.search(tab.locator(".ev-slide-count").text_content()).groups()
    return int(number), int(total)


def test_every_slide_by_keyboard(projector, app_url):
    open_app(projector, app_url, "present")
    assert not projector.locator('[data-testid="stSidebar"]').is_visible()
    number, total = slide_count(projector)
    assert number == 1 and total >= 4
    for expected in range(2, total + 1):
        projector.keyboard.press("ArrowRight")
        expect(projector.locator(".ev-slide-count")).to_have_text(f"Slide {expected} of {total}")
        assert f"slide={expected}" in projector.url
    projector.keyboard.press("ArrowLeft")
    expect(projector.locator(".ev-slide-count")).to_have_text(f"Slide {total - 1} of {total}")
    projector.keyboard.press("PageUp")  # a presenter's clicker
    expect(projector.locator(".ev-slide-count")).to_have_text(f"Slide {total - 2} of {total}")
    projector.keyboard.press("PageDown")
    expect(projector.locator(".ev-slide-count")).to_have_text(f"Slide {total - 1} of {total}")


def test_every_slide_by_url_cites_the_review_and_hides_unchosen_distressing_quotes(projector, app_url, built_db):
    open_app(projector, app_url, "present")
    _, total = slide_count(projector)
    noted = noted_texts(built_db)
    assert noted, "the data has quotes behind content notes"
    problems, quotes = {}, 0
    too_tall, too_small = {}, {}
    for number in range(1, total + 1):
        open_app(projector, app_url, f"present?slide={number}")
        assert slide_count(projector) == (number, total)
        # the slide, its source and the buttons on one 1280x720 screen
        bottom = projector.locator(".st-key-present_controls").evaluate("e => e.getBoundingClientRect().bottom")
        if bottom > 720:
            too_tall[number] = round(bottom)
        sizes = projector.locator(".ev-slide").evaluate(TYPE_SIZES)
        small = [f"{text!r} at {size}px" for text, size, least in sizes if size < least]
        if small:
            too_small[number] = small
        if number == 1:  # the title slide fills the screen above its buttons
            height = projector.locator(".ev-slide").evaluate("e => e.getBoundingClientRect().height")
            assert height >= 0.7 * 720, f"the title slide uses {height:.0f} of 720 px"
        slide = projector.locator(".ev-slide").inner_text()
        quotes += projector.locator(".ev-slide blockquote").count()
        assert "Source:" in slide
        assert not [t for t in noted if t[:60] in slide], f"slide {number} shows a content-noted quote"
        if number in (1, 2, total):  # the title, a theme with its quotes, the last
            settle(projector)
            if found := blocking_violations(projector):
                problems[number] = found
            screenshot(projector, f"present-slide-{number}")
    assert quotes, "no slide shows a quote"
    assert not too_tall, f"slides whose buttons fall below a 720-line projector: {too_tall}"
    assert not too_small, f"slide text below a room's reading size on a 1280x720 projector: {too_small}"
    assert not problems, problems


def test_the_findings_slides_fit_a_projector_with_each_finding_and_its_confidence(browser, synthetic_url):
    """The synthetic review lists findings: its deck shows them a few to a slide, each with its confidence level,
    and the slide, its source and its buttons stay on one 1280x720 screen."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    try:
        open_app(tab, synthetic_url, "present")
        _, total = slide_count(tab)
        shown, too_tall = 0, {}
        for number in range(1, total + 1):
            open_app(tab, synthetic_url, f"present?slide={number}")
            findings = tab.locator(".ev-slide-findings li")
            if not findings.count():
                continue
            shown += findings.count()
            assert findings.locator("strong").count() + findings.filter(has_text="not assessed").count() \
                == findings.count(), f"slide {number}: a finding without its confidence"
            bottom = tab.locator(".st-key-present_controls").evaluate("e => e.getBoundingClientRect().bottom")
            if bottom > 720:
                too_tall[number] = round(bottom)
            screenshot(tab, f"present-findings-{number}")
        assert shown >= 4, "the synthetic review's findings are on its slides"
        assert not too_tall, f"findings slides whose buttons fall below a 720-line projector: {too_tall}"
    finally:
        context.close()


def test_on_a_phone_the_title_slide_keeps_its_buttons_on_the_first_screen(phone, app_url):
    """The title slide fills a projector's screen, but a phone keeps it its own height: Next is on the first screen."""
    open_app(phone, app_url, "present")
    bottom = phone.locator(".st-key-present_controls").evaluate("e => e.getBoundingClientRect().bottom")
    assert bottom <= 844, f"the title slide's buttons end at {bottom:.0f}px, below a 844-line phone screen"
