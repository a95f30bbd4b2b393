"""Never lost: Back after a matrix cell, keyboard paths to matrix cells and content notes, focus, print."""

from __future__ import annotations

import re

import duckdb
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import READY, open_app, settle
from tests.browser.test_layout import contrast

pytestmark = pytest.mark.browser
MAIN = '[data-testid="stMain"]'
ON_NOTE = ("() => document.activeElement.tagName === 'SUMMARY' "
           "&& document.activeElement.textContent.includes('Content note')")
FOCUS = """() => { const e = document.activeElement, s = getComputedStyle(e);
  // The first opaque background behind the element (a faint tint over it is left out).
  let bg = 'rgb(255, 255, 255)';
  for (let n = e; n; n = n.parentElement) {
    const c = getComputedStyle(n).backgroundColor, alpha = c.startsWith('rgba') ? parseFloat(c.split(',')[3]) : 1;
    if (alpha >= 1) { bg = c; break; } }
  return {tag: e.tagName, href: e.getAttribute('href'), text: e.textContent, style: s.outlineStyle,
          width: parseFloat(s.outlineWidth), color: s.outlineColor, background: bg}; }"""


def rows(db, sql: str) -> list:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()



def focus_ring(tab) -> dict:
    """The focused element and whether its outline is visible: 2 px or more, 3:1 against its background."""
    found = tab.evaluate(FOCUS)
    found["visible"] = (found["style"] not in ("none", "") and found["width"] >= 2
                        and contrast(found["color"], found["background"]) >= 3)
    return found


def test_back_after_a_matrix_cell_returns_to_the_matrix(projector, app_url, built_db):
    number, citation = rows(built_db, """
        select t.number, s.citation from themes t join quotes q on q.theme_id = t.id join studies s on s.id = q.study_id
        order by t.number desc, s.position limit 1""")[0]
    open_app(projector, app_url, "themes")
    settle(projector)
    chart = projector.locator('.st-key-evwide_themes_matrix [data-testid="stVegaLiteChart"]')
    chart.scroll_into_view_if_needed()
    offset = projector.evaluate(f"() => document.querySelector('{MAIN}').scrollTop")
    assert offset > 300, "the matrix is far down the page"
    cell = chart.locator(f'[aria-label^="citation: {citation}; theme: {number}."]').first
    box = cell.bounding_box()
    projector.mouse.click(box["x"] + 4, box["y"] + 4)
    projector.wait_for_url(re.compile(r"/quotes\?"))
    projector.wait_for_selector(READY, timeout=60_000)
    projector.go_back()
    projector.wait_for_url(re.compile(r"/themes"))
    projector.wait_for_selector(READY, timeout=60_000)
    projector.wait_for_function(f"(t) => Math.abs(document.querySelector('{MAIN}').scrollTop - t) < 80", arg=offset,
                                timeout=20_000)
    top = chart.bounding_box()["y"]
    assert 0 <= top < 720, f"the matrix is at {top}px after Back, not on screen"


# Both matrices of the themes page (themes by studies, subthemes by studies) drawn, with their cells' texts.
DRAWN_MATRICES = f"""() => {{ const charts = [...document.querySelectorAll('{MAIN} [data-testid="stVegaLiteChart"]')];
  return charts.length >= 2 && charts.every(c => c.querySelector('g.mark-text text')); }}"""
EMPTY_CELL_TEXT = re.compile(r"^(0|no quote)$")
FULL_CELL_TEXT = re.compile(r"^[1-9]\d*( quotes?)?$")


def _click_cell(tab, chart, text: re.Pattern) -> str | None:
    """Click the first cell of a matrix whose text matches, scrolled into view; its mouse cursor, or None if the
    matrix has no such cell."""
    cell = chart.locator("g.mark-text text").filter(has_text=text)
    if cell.count() == 0:
        return None
    cell = cell.first
    cell.scroll_into_view_if_needed()
    box = cell.bounding_box()
    cursor = cell.evaluate("t => getComputedStyle(t).cursor")
    tab.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    return cursor


@pytest.mark.parametrize("review", ["bundled", "synthetic"])
def test_an_empty_matrix_cell_is_inert_and_a_full_one_opens_its_quotes(browser, request, review):
    """A matrix cell with no printed quote has no pointer and goes nowhere when clicked (its tooltip says why); a
    cell with quotes still opens them. On both test reviews, every matrix of the themes page."""
    url = request.getfixturevalue("app_url" if review == "bundled" else "synthetic_url")
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    try:
        open_app(tab, url, "themes")
        settle(tab)
        tab.wait_for_function(DRAWN_MATRICES)  # the charts draw after the page settles
        charts = [c for c in tab.locator(f'{MAIN} [data-testid="stVegaLiteChart"]').all() if c.is_visible()]
        clicked = 0
        for number, chart in enumerate(charts, start=1):
            start = tab.url
            cursor = _click_cell(tab, chart, EMPTY_CELL_TEXT)
            if cursor is None:
                continue
            clicked += 1
            tab.wait_for_timeout(1_000)
            assert tab.url == start, f"an empty cell of matrix {number} went to {tab.url}"
            assert tab.get_by_text("Page not found").count() == 0
            assert cursor != "pointer", f"an empty cell of matrix {number} shows a pointer"
        assert clicked >= 1, "the themes page draws a matrix with an empty cell"
        assert _click_cell(tab, charts[0], FULL_CELL_TEXT) is not None
        tab.wait_for_url(re.compile(r"/quotes\?"))
    finally:
        context.close()


def test_back_after_a_page_link_returns_to_the_same_place(projector, app_url):
    open_app(projector, app_url)
    settle(projector)
    link = projector.locator(f"{MAIN} .stPageLink a").last  # the last one is far down the page
    link.scroll_into_view_if_needed()
    offset = projector.evaluate(f"() => document.querySelector('{MAIN}').scrollTop")
    assert offset > 300, "the link is far down the page"
    link.click()
    projector.wait_for_function("(start) => location.href !== start", arg=f"{app_url}/")
    projector.wait_for_selector(READY, timeout=60_000)
    projector.go_back()
    projector.wait_for_function(f"(t) => Math.abs(document.querySelector('{MAIN}').scrollTop - t) < 80", arg=offset,
                                timeout=20_000)


def test_a_matrix_cell_is_reachable_by_keyboard_through_its_table(projector, app_url):
    open_app(projector, app_url, "themes")
    settle(projector)
    table = projector.locator(".st-key-evwide_themes_matrix summary")
    table.focus()
    projector.keyboard.press("Enter")
    link = projector.locator(".st-key-evwide_themes_matrix .ev-table a").first
    expect(link).to_be_visible()
    projector.keyboard.press("Tab")
    focused = focus_ring(projector)
    assert focused["tag"] == "A" and focused["href"].startswith("quotes?theme="), focused
    assert focused["visible"], f"focus on a table link is not visible: {focused}"
    projector.keyboard.press("Enter")
    projector.wait_for_url(re.compile(r"/quotes\?theme=.+&study="))


def test_focus_on_a_sidebar_link_is_visible(projector, app_url):
    open_app(projector, app_url, "themes")
    for _ in range(12):
        projector.keyboard.press("Tab")
        if projector.evaluate("() => !!document.activeElement.closest('[data-testid=\"stSidebarNav\"]')"):
            break
    focused = focus_ring(projector)
    assert focused["tag"] == "A", f"Tab did not reach a sidebar link: {focused}"
    assert focused["visible"], f"focus on a sidebar link is not visible: {focused}"


TOOLBAR = """() => { const t = document.activeElement.closest('[data-testid="stElementToolbar"]');
  return t ? getComputedStyle(t).opacity : null; }"""


def test_a_chart_toolbar_reached_by_keyboard_is_shown(projector, app_url):
    open_app(projector, app_url)
    settle(projector)
    for _ in range(60):
        projector.keyboard.press("Tab")
        if projector.evaluate(TOOLBAR) is not None:
            break
    assert projector.evaluate(TOOLBAR) is not None, "Tab never reached a chart's toolbar"
    projector.wait_for_timeout(400)  # past any fade
    assert projector.evaluate(TOOLBAR) == "1", "a focused toolbar button sits on an invisible toolbar"


def test_a_content_note_opens_by_keyboard_alone(projector, app_url, built_db):
    quote_id, text = rows(built_db, "select id, text from quotes where content_note is not null order by position")[0]
    open_app(projector, app_url, f"quotes?quote={quote_id}")
    settle(projector)
    body = projector.locator("blockquote", has_text=text[:40])
    expect(body).to_be_hidden()
    for _ in range(80):
        projector.keyboard.press("Tab")
        if projector.evaluate(ON_NOTE):
            break
    else:
        pytest.fail("Tab never reached the content note")
    assert focus_ring(projector)["visible"]
    projector.keyboard.press("Enter")
    expect(body.first).to_be_visible()


def test_a_page_prints_as_a_document(projector, app_url):
    open_app(projector, app_url, "studies")
    settle(projector)
    projector.emulate_media(media="print")
    assert not projector.locator('[data-testid="stSidebar"]').is_visible()
    assert not projector.locator(".stSelectbox").first.is_visible()
    assert not projector.locator(".stDownloadButton").first.is_visible()
    assert projector.locator("h1").first.is_visible()
    clipped = projector.evaluate(f"() => getComputedStyle(document.querySelector('{MAIN}')).overflowY")
    assert clipped == "visible", "the page would print only one screen of its scrolling container"


IN_VIEW = """(id) => { const e = document.getElementById(id), r = e && e.getBoundingClientRect();
  return !!r && r.top >= 0 && r.top < innerHeight / 2; }"""


def test_a_link_within_a_page_lands_on_its_target_and_an_address_with_one_opens_there(projector, phone, app_url):
    open_app(projector, app_url, "guide")
    settle(projector)
    link = projector.locator('a[href^="#tp-"]').last  # the last point, far below the index
    target = link.get_attribute("href")[1:]
    link.scroll_into_view_if_needed()
    index_at = projector.evaluate(f"() => document.querySelector('{MAIN}').scrollTop")
    link.click()
    projector.wait_for_timeout(2000)  # longer than the scroll keeper would take to undo it
    assert projector.evaluate(IN_VIEW, target), "the page did not stay on the point the link names"
    assert projector.evaluate("(id) => document.activeElement.id === id", target), "focus stayed on the index"
    projector.go_back()
    projector.wait_for_function(f"(at) => Math.abs(document.querySelector('{MAIN}').scrollTop - at) < 400",
                                arg=index_at, timeout=20_000)  # back at the index, wherever the page puts it
    open_app(phone, app_url, f"guide#{target}")
    phone.wait_for_function(IN_VIEW, arg=target, timeout=20_000)


OPEN_PANELS = f"""() => [...document.querySelectorAll('{MAIN} [data-testid="stExpander"] details')]
  .map((d, i) => d.open ? i : -1).filter(i => i >= 0)"""


def test_back_to_the_guide_returns_to_where_the_reader_left_with_the_panels_open(projector, app_url):
    """A point reached by the index (#tp-...), then a later point's evidence opened and one of its quotes followed:
    Back returns to that quote link, in view with its panel open, not to the old #target with every panel closed."""
    open_app(projector, app_url, "guide")
    settle(projector)
    first = projector.locator('a[href^="#tp-"]').first
    old_target = first.get_attribute("href")[1:]
    first.click()  # the address now carries the first point's #id
    projector.wait_for_timeout(2000)  # the jump to it is over
    panels = projector.locator(f'{MAIN} [data-testid="stExpander"]').filter(
        has=projector.locator('a[href*="quote="]'))
    which = panels.count() - 2  # a point's evidence, far below the first point
    panel = panels.nth(which)
    panel.scroll_into_view_if_needed()
    panel.locator("summary").click()
    quote = panel.locator('a[href*="quote="]').first
    expect(quote).to_be_visible()
    href = quote.get_attribute("href")
    opened = projector.evaluate(OPEN_PANELS)
    assert opened, "a panel is open"
    projector.wait_for_timeout(1000)  # the panel has opened to its full height
    quote.evaluate("e => e.scrollIntoView({block: 'center'})")  # where a reader has it: in the middle of the view
    projector.wait_for_timeout(300)
    box = quote.bounding_box()
    assert 0 < box["y"] < 720, box
    projector.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    projector.wait_for_url(re.compile(r"/quotes\?"))
    projector.wait_for_selector(READY, timeout=60_000)
    projector.go_back()
    projector.wait_for_url(re.compile(r"/guide"))
    projector.wait_for_selector(READY, timeout=60_000)
    followed = panels.nth(which).locator(f'a[href="{href}"]').first
    expect(followed).to_be_in_viewport(timeout=20_000)
    projector.wait_for_timeout(1500)  # nothing moves the reader back to the old #target afterwards
    expect(followed).to_be_in_viewport()
    assert not projector.evaluate(IN_VIEW, old_target), "Back sent the reader to the point the index linked before"
    assert projector.evaluate(OPEN_PANELS) == opened, "the panels open when the reader left are not open again"


def test_one_back_press_leaves_a_page_opened_from_the_sidebar(projector, app_url, paths):
    open_app(projector, app_url)
    for path in [p for p in paths if p][:6]:  # every page with a choice of its own among them
        start = projector.url
        projector.locator(f'[data-testid="stSidebarNav"] a[href$="/{path}"]').click()
        projector.wait_for_url(re.compile(rf"/{path}(\?|$)"))
        projector.wait_for_selector(READY, timeout=60_000)
        projector.wait_for_timeout(300)
        projector.go_back()
        projector.wait_for_function("(start) => location.href === start", arg=start, timeout=10_000)
        projector.wait_for_selector(READY, timeout=60_000)


def test_an_address_whose_target_is_not_valid_percent_encoding_opens_the_page_without_a_script_error(projector,
                                                                                                       app_url):
    """A #target cut short or typed by hand ("%E0%A4" is half a character) names nothing: the page opens at its top,
    and the scroll keeper, which decodes the target, throws nothing (it kept trying and failing, silently)."""
    errors = []
    projector.on("pageerror", lambda error: errors.append(str(error)))
    open_app(projector, app_url, "guide#tp-%E0%A4")
    settle(projector)
    projector.wait_for_timeout(1000)  # the keeper looks for its target for a while after the page has run
    assert not [e for e in errors if "URI" in e], errors
    expect(projector.locator(READY)).to_be_visible()
