"""A phone, as a community midwife holds one between visits (390x844, touch, a phone's User-Agent), on the bundled
review, the synthetic one and the largest generated shape (issue 22).

Each page opens with its summary and a line of links to its parts, each part folded until asked for: at most 6
screens before anything is opened, 12 for one theme or one study. No row or card only says a cell is empty; nothing
reaches past the right edge with every fold open; every chip of a matrix opens exactly its quotes; and the midwife's
route (landing page, the guide's points, one point's evidence, the leaflet) takes at most 3 screens a step.
"""

from __future__ import annotations

import json
import urllib.request
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import READY, nav_paths, open_app, screenshot, settle
from tests.browser.test_layout import OVERFLOW, PAST_THE_EDGE
from views.themes import EMPTY_CELL, EMPTY_SUBTHEME

pytestmark = pytest.mark.browser
SCREEN = 844
REVIEWS = ["bundled", "synthetic", "large"]

HEIGHT = "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight"
# Where an element starts, in px from the top of the page's scrolling content.
TOP = """(e) => { const main = document.querySelector('[data-testid="stMain"]');
  return e.getBoundingClientRect().top - main.getBoundingClientRect().top + main.scrollTop; }"""
FOLDS = '[class*="st-key-evpart_"] > .stExpander > details > summary'  # the parts' folds, not a table's


@pytest.fixture(params=REVIEWS)
def review_url(request) -> str:
    """The address of the app serving each of the three reviews in turn."""
    if request.param == "large":
        return request.getfixturevalue("large")[0]
    return request.getfixturevalue("app_url" if request.param == "bundled" else "synthetic_url")


def api(url: str, path: str) -> dict:
    with urllib.request.urlopen(f"{url}/api/v1/{path}", timeout=30) as answer:
        return json.load(answer)


def screens(tab) -> float:
    return tab.evaluate(HEIGHT) / SCREEN


def open_every_fold(tab) -> int:
    """Open every part and every fold within one, as a reader tapping each would; how many were opened."""
    opened = 0
    for _ in range(3):  # a fold may hold folds of its own
        closed = [s for s in tab.locator(FOLDS).all() if s.is_visible()
                  and not s.evaluate("s => s.parentElement.open")]
        for summary in closed:
            summary.click()
            opened += 1
        if not closed:
            break
        tab.wait_for_timeout(300)
    return opened


def test_every_page_opens_in_a_few_screens(phone, review_url):
    open_app(phone, review_url)
    theme, study = api(review_url, "themes.json")["rows"][0]["id"], api(review_url, "studies.json")["rows"][0]["id"]
    measured, single = {}, {f"themes?theme={theme}", f"studies?study={study}", "themes"}  # the themes page is a theme
    for path in [*nav_paths(phone), *sorted(single - {"themes"})]:
        if path == "present":  # presentation mode is for a projector, a slide to a screen
            continue
        open_app(phone, review_url, path)
        settle(phone)
        measured[path or "overview"] = round(screens(phone), 1)
        screenshot(phone, f"phone-{urlsplit(review_url).port}-{(path or 'home').replace('?', '-').replace('=', '-')}")
    print(measured)  # the figures for the closing note
    too_long = {p: n for p, n in measured.items() if n > (12 if p in single else 6)}
    assert not too_long, f"screens before anything is opened: {too_long}"


def test_with_every_fold_open_nothing_reaches_past_the_right_edge(phone, review_url):
    open_app(phone, review_url)
    for path in nav_paths(phone):
        open_app(phone, review_url, path)
        settle(phone)
        open_every_fold(phone)
        phone.wait_for_timeout(500)
        assert not (past := phone.evaluate(PAST_THE_EDGE)), f"{path or 'overview'}: {past[:5]}"
        assert phone.evaluate(OVERFLOW) <= 1, f"{path or 'overview'} scrolls sideways"


def test_every_chip_opens_exactly_its_quotes_and_no_row_only_says_a_cell_is_empty(phone, review_url):
    open_app(phone, review_url, "themes")
    assert open_every_fold(phone) >= 2, "the two matrices wait under folds"
    phone.wait_for_timeout(500)
    shown = phone.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').innerText")
    assert not [text for text in [EMPTY_SUBTHEME, *EMPTY_CELL.values()] if text in shown], \
        "a row or card says only that a cell is empty"
    chips = phone.eval_on_selector_all("a.ev-cell", """cs => cs.filter(c => c.offsetParent).map(c => ({
        href: c.getAttribute('href'), n: Number(c.querySelector('.ev-cell-n').textContent),
        height: c.getBoundingClientRect().height}))""")
    assert chips, "the matrices have chips"
    assert not phone.locator(".ev-full-table .ev-table").first.is_visible(), "the full table waits to be asked for"
    for chip in chips:
        assert chip["height"] >= 44, f"a chip too small for a finger: {chip}"
        assert chip["n"] >= 1, f"a chip for an empty cell: {chip}"
        query = urlsplit(chip["href"]).query
        assert api(review_url, f"quotes.json?{query}&limit=1")["total"] == chip["n"], chip
    phone.locator("a.ev-cell").first.click()  # and a tap lands on the explorer with that many quotes
    phone.wait_for_selector(READY, timeout=60_000)
    heading = phone.locator("#quotes-shown").inner_text()
    assert heading.startswith(f"{chips[0]['n']} matching quote"), heading


def test_the_midwifes_route_is_three_screens_a_step(phone, review_url):
    open_app(phone, review_url)
    to_guide = phone.locator('[data-testid="stMain"] a[data-testid="stPageLink-NavLink"][href="guide"]').first
    assert to_guide.evaluate(TOP) + 44 <= 3 * SCREEN, "the guide is more than 3 screens into the landing page"
    to_guide.click()
    phone.wait_for_url("**/guide", timeout=60_000)
    phone.wait_for_selector(READY, timeout=60_000)
    phone.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)
    phone.locator('[class*="st-key-evpart_tp-"]').first.wait_for()
    first_point = phone.locator('[class*="st-key-evpart_tp-"] summary').first
    assert first_point.evaluate(TOP) + 44 <= 3 * SCREEN, "the guide's points start more than 3 screens down"
    leaflet = phone.get_by_role("button", name="Leaflet to hand out (PDF)").first
    assert leaflet.evaluate(TOP) + 44 <= 3 * SCREEN, "the leaflet is more than 3 screens down the guide"
    first_point.click()
    rests_on = phone.locator('[class*="st-key-evpart_tp-"]').first.get_by_text("What this point rests on").first
    rests_on.wait_for(state="visible")
    assert rests_on.evaluate(TOP) - first_point.evaluate(TOP) <= 3 * SCREEN, "a point's evidence is 3 screens on"


def test_a_link_to_a_part_lands_on_it(phone, app_url):
    open_app(phone, app_url, "methods")
    links = phone.locator("nav.ev-contents a")
    targets = links.evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert len(targets) >= 5 and all(phone.locator(t).count() == 1 for t in targets), targets
    links.nth(3).click()
    phone.wait_for_timeout(500)
    top = phone.locator(targets[3]).evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < SCREEN / 3, f"the part's heading is {top}px down the screen after its link"
    fold = phone.locator(f'.st-key-evpart_{targets[3][1:]} details')
    phone.wait_for_function("(d) => d.open", arg=fold.element_handle())  # the link opened the part it names
    summary_top = fold.locator("summary").evaluate("e => e.getBoundingClientRect().top")
    assert summary_top >= 56, "the app's header covers the part's title"


def test_on_a_desktop_every_part_is_open_as_before(page, app_url):
    open_app(page, app_url, "methods")
    assert page.locator("nav.ev-contents").count() == 0
    assert page.locator('[class*="st-key-evpart_"]').count() == 0
    assert page.locator("h2#ev-appraisal").is_visible()
