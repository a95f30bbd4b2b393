"""The quote explorer as a person uses it: filter, search, open a content note, share, download."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from components.url_state import NOTICE_HEADING
from tests.browser.conftest import open_app, screenshot, settle

pytestmark = pytest.mark.browser


def expect_count(tab, n: int) -> None:
    """Wait (retrying) until the page announces exactly n matching quotes."""
    noun = "quote" if n == 1 else "quotes"
    expect(tab.locator("h3", has_text="matching quote").first).to_have_text(re.compile(rf"^{n} matching {noun}\b"))


def db_one(app_db, sql: str, params=()) -> list:
    with duckdb.connect(str(app_db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


@pytest.fixture(scope="module")
def first_theme(built_db):
    return db_one(built_db, "select id, name, (select count(*) from quotes q where q.theme_id = t.id) "
                            "from themes t order by number limit 1")[0]


def test_filter_by_theme_and_search(page, app_url, built_db, first_theme):
    theme_id, theme_name, theme_quotes = first_theme
    open_app(page, app_url, "quotes")
    total = db_one(built_db, "select count(*) from quotes")[0][0]
    expect_count(page, total)

    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Theme").first
    box.locator("input").fill(theme_name)
    page.keyboard.press("Enter")
    expect_count(page, theme_quotes)
    assert f"theme={theme_id}" in page.url

    page.get_by_label("Search the quotes").fill("mother")
    page.keyboard.press("Enter")
    expected = db_one(built_db, "select count(*) from quotes where theme_id = ? and text ilike '%mother%'",
                      [theme_id])[0][0]
    expect_count(page, expected)
    expect(page.locator("mark").first).to_be_attached()  # the cards arrive just after the count
    assert page.locator("mark").count() >= expected
    screenshot(page, "quotes-filtered")


def test_shared_link_reopens_the_same_view(page, app_url, built_db, first_theme):
    theme_id, _, theme_quotes = first_theme
    open_app(page, app_url, f"quotes?theme={theme_id}")
    expect_count(page, theme_quotes)
    chosen = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Theme").first
    assert first_theme[1] in chosen.inner_text()


def filters_panel(tab):
    panel = tab.locator('[data-testid="stExpander"]').filter(has_text="Filters").first
    return panel, panel.locator("details").get_attribute("open") is not None


def test_on_a_phone_the_filters_start_closed_saying_how_many_are_in_use(phone, page, app_url, built_db, first_theme):
    theme_id, theme_name, _ = first_theme
    word = db_one(built_db, "select split_part(trim(text), ' ', 1) from quotes where theme_id = ? order by position "
                            "limit 1", [theme_id])[0][0]
    open_app(phone, app_url, f"quotes?theme={theme_id}")
    panel, is_open = filters_panel(phone)
    assert not is_open and "Filters · 1 in use" in panel.locator("summary").inner_text()
    first = phone.locator("article.quote-card").first.bounding_box()
    assert first["y"] < phone.viewport_size["height"], "the first quote is on the first screen"
    panel.locator("summary").click()
    expect(panel.locator('[data-testid="stMultiSelect"]').first).to_contain_text(theme_name)
    # opened by the reader, it stays open while its label changes
    search = panel.get_by_label("Search the quotes")
    search.fill(word)
    search.press("Enter")
    expect(panel.locator("summary")).to_contain_text("Filters · 2 in use")
    assert filters_panel(phone)[1]
    # a large screen opens it
    open_app(page, app_url, "quotes")
    panel, is_open = filters_panel(page)
    assert is_open and panel.locator("summary").inner_text().strip().endswith("Filters")


def test_bad_link_gives_a_notice(page, app_url):
    open_app(page, app_url, "quotes?theme=nonsense&min_quality=abc")
    assert page.get_by_text(NOTICE_HEADING).count() == 1
    assert page.locator('[data-testid="stException"]').count() == 0


def test_content_note_keeps_a_distressing_quote_closed_until_opened(page, app_url, built_db):
    quote_id, text = db_one(built_db, "select id, text from quotes where content_note is not null "
                                      "order by position limit 1")[0]
    open_app(page, app_url, f"quotes?quote={quote_id}")
    snippet = text[:40]
    assert not page.get_by_text(snippet).first.is_visible()
    page.get_by_text("Content note:").first.click()
    page.get_by_text(snippet).first.wait_for(state="visible")
    screenshot(page, "quotes-content-note-open")



def test_content_note_and_citation_open_by_keyboard(page, app_url, built_db):
    quote_id, text = db_one(built_db, "select id, text from quotes where content_note is not null "
                                      "order by position limit 1")[0]
    open_app(page, app_url, f"quotes?quote={quote_id}")
    summary = page.locator("article.quote-card summary").first
    assert not page.get_by_text(text[:40]).first.is_visible()
    summary.focus()
    page.keyboard.press("Enter")
    page.get_by_text(text[:40]).first.wait_for(state="visible")
    # inside the note, the citation waits behind its own summary, as on every card
    assert not page.locator("article.quote-card pre.quote-copy").first.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent.startsWith('Cite or share this quote')")
    page.keyboard.press("Enter")
    expect(page.locator("article.quote-card pre.quote-copy").first).to_be_visible()
    assert f"?quote={quote_id}" in page.locator("article.quote-card a").first.get_attribute("href")


def test_cards_are_bordered_and_closed_citations_open_without_a_rerun(page, app_url):
    open_app(page, app_url, "quotes")
    card = page.locator("article.quote-card").first
    assert card.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
    cite = card.locator("details", has_text="Cite or share this quote")
    assert not cite.locator("pre.quote-copy").first.is_visible()
    cite.locator("summary").click()
    expect(cite.locator("pre.quote-copy").first).to_be_visible()
    assert page.locator('[data-testid="stStatusWidget"]').count() == 0  # no script rerun was needed


def test_a_cards_copy_buttons_put_its_citation_and_link_on_the_clipboard(browser, app_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_url)
    tab = context.new_page()
    try:
        open_app(tab, app_url, "quotes")
        card = tab.locator("article.quote-card").first
        card.locator("summary", has_text="Cite or share").click()
        for index, label in enumerate(("Copy the citation", "Copy the link")):
            button = card.locator("button.ev-copy").nth(index)  # its name changes while it reports
            expect(button).to_have_text(label)
            button.focus()
            tab.keyboard.press("Enter")  # by keyboard, as by mouse
            expect(button).to_have_text("Copied")
            copied = tab.evaluate("() => navigator.clipboard.readText()")
            assert copied == card.locator("pre.quote-copy").nth(index).inner_text()
            expect(button).to_have_text(label, timeout=5_000)  # and then says what it does again
    finally:
        context.close()
    # A browser that refuses the clipboard gets the text selected, ready for Ctrl+C.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions([], origin=app_url)
    tab = context.new_page()
    try:
        tab.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
        open_app(tab, app_url, "quotes")
        card = tab.locator("article.quote-card").first
        card.locator("summary", has_text="Cite or share").click()
        card.locator("button.ev-copy").first.click()
        expect(card.locator("button.ev-copy").first).to_have_text("Selected: press Ctrl+C to copy")
        assert tab.evaluate("() => getSelection().toString()") == card.locator("pre.quote-copy").first.inner_text()
    finally:
        context.close()


def test_on_a_phone_the_copy_buttons_are_big_enough_for_a_finger(phone, app_url):
    open_app(phone, app_url, "quotes")
    card = phone.locator("article.quote-card").first
    card.locator("summary", has_text="Cite or share").tap()
    heights = card.locator("button.ev-copy").evaluate_all("els => els.map(e => e.getBoundingClientRect().height)")
    assert len(heights) == 2 and min(heights) >= 44, heights


def test_filters_survive_a_round_trip_through_another_page(page, app_url, first_theme):
    theme_id, theme_name, theme_quotes = first_theme
    open_app(page, app_url, "quotes")
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Theme").first
    box.locator("input").fill(theme_name)
    page.keyboard.press("Enter")
    expect_count(page, theme_quotes)
    nav = page.locator('[data-testid="stSidebarNavLink"]')
    nav.filter(has_text="Overview").first.click()
    page.wait_for_url(re.compile(r"/(overview)?$"))
    nav.filter(has_text="Quote explorer").first.click()
    expect_count(page, theme_quotes)
    expect(page).to_have_url(re.compile(rf"theme={theme_id}"))


def test_paging_lands_on_the_first_new_quote(page, app_url, built_db):
    ids = [r[0] for r in db_one(built_db, "select id from quotes order by position")]
    open_app(page, app_url, "quotes")
    page.mouse.wheel(0, 20_000)
    page.locator('[data-testid="stPagination"]').last.get_by_role("button", name="2").click()
    first_new = page.locator(f'article.quote-card[data-quote="{ids[10]}"]')
    first_new.wait_for()
    expect(first_new).to_be_in_viewport()
    top = first_new.evaluate("e => e.getBoundingClientRect().top")
    # Below the app's sticky header, which would otherwise hide the quote's first lines, and with the count
    # of what is shown above it.
    header = page.evaluate("() => document.querySelector('[data-testid=\"stHeader\"]').getBoundingClientRect().bottom")
    assert header <= top < 400, (header, top)
    shown = page.locator("h3", has_text="showing 11")
    expect(shown).to_be_in_viewport()
    assert shown.evaluate("e => e.getBoundingClientRect().top") >= header


def test_a_page_turn_by_keyboard_keeps_the_focused_pager_in_view(page, app_url):
    open_app(page, app_url, "quotes")
    page.locator('[data-testid="stPagination"]').first.get_by_role("button", name="2").focus()
    page.keyboard.press("Enter")
    expect(page.locator("h3", has_text="showing 11")).to_be_visible()
    page.wait_for_timeout(500)  # the scroll runs just after the redraw
    assert page.evaluate("""() => { const r = document.activeElement.getBoundingClientRect();
        const header = document.querySelector('[data-testid="stHeader"]').getBoundingClientRect().bottom;
        return document.activeElement !== document.body && r.top >= header && r.bottom <= innerHeight; }"""), \
        "after a page turn the focused pager is out of view, or under the app's header"


def test_a_page_turn_from_the_bottom_pager_brings_focus_to_what_is_in_view(page, app_url):
    open_app(page, app_url, "quotes")
    page.locator('[data-testid="stPagination"]').last.get_by_role("button", name="2").focus()
    page.keyboard.press("Enter")
    shown = page.locator("h3", has_text="showing 11")
    expect(shown).to_be_in_viewport()
    page.wait_for_function("() => document.activeElement.tagName === 'H3'", timeout=5_000)
    assert "showing 11" in page.evaluate("() => document.activeElement.textContent")
    page.keyboard.press("Tab")  # on from the heading: the top pager, not the bottom of the page
    assert page.evaluate("() => !!document.activeElement.closest('[data-testid=\"stPagination\"]')")
    expect(page.locator('[data-testid="stPagination"]').first).to_be_in_viewport()


def test_every_turn_from_the_bottom_pager_lands_on_and_focuses_the_results_heading(page, app_url, built_db):
    """Not only the first: each turn from the bottom pager, by keyboard or by click, brings the reader to the
    heading that says which quotes are shown, with the keyboard focus on it."""
    total = db_one(built_db, "select count(*) from quotes")[0][0]
    assert total > 10, "the review needs two pages at 10 per page"
    open_app(page, app_url, "quotes")
    for turn, (number, by_keyboard) in enumerate([(2, True), (1, True), (2, False), (1, False)], start=1):
        button = page.locator('[data-testid="stPagination"]').last.get_by_role("button", name=str(number))
        button.scroll_into_view_if_needed()
        if by_keyboard:
            button.focus()
            page.keyboard.press("Enter")
        else:
            button.click()
        said = f"showing {(number - 1) * 10 + 1}–"
        expect(page.locator("h3", has_text=said)).to_be_in_viewport()
        try:
            page.wait_for_function("(said) => document.activeElement.tagName === 'H3' "
                                   "&& document.activeElement.textContent.includes(said)", arg=said, timeout=5_000)
        except PlaywrightTimeout:
            pytest.fail(f"turn {turn}: the keyboard focus is not on the results heading")


def test_download_filtered_quotes(page, app_url, built_db, first_theme):
    theme_id, _, theme_quotes = first_theme
    open_app(page, app_url, f"quotes?theme={theme_id}")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").click()
    assert info.value.suggested_filename.endswith(f"-quotes-theme-{theme_id.replace('_', '-')}.csv")
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    expected = [r[0] for r in db_one(built_db, "select id from quotes where theme_id = ? order by position",
                                     [theme_id])]
    assert [r["id"] for r in rows] == expected and len(rows) == theme_quotes
    with page.expect_download() as info:
        page.get_by_role("button", name="Download JSON").click()
    document = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert [q["id"] for q in document["quotes"]] == expected
    # Each file says what it is from: the review, the data version read and the filters that chose its quotes.
    (citation,) = db_one(built_db, "select short_citation from reviews")[0]
    (version,) = db_one(built_db, "select source_hash from build_info")[0]
    assert document["source_review"] == citation and document["filters"] == {"theme": [theme_id]}
    assert document["data_version"] == version[:12]
    assert {(r["review"], r["data_version"], r["filters"]) for r in rows} == {(citation, version[:12],
                                                                               f"theme={theme_id}")}
    maxima = dict(db_one(built_db, "select citation, quality_max from studies"))
    assert all(q["study_quality_max"] == maxima[q["study"]] for q in document["quotes"])
    assert all(r["study_quality_max"] == str(maxima[r["study"]]) for r in rows)


FOCUSED_LABEL = """() => {
    const box = document.activeElement.closest('[data-testid="stElementContainer"], .stElementContainer');
    const label = box && box.querySelector('[data-testid="stWidgetLabel"]');
    return label ? label.innerText.trim() : ''; }"""


def test_tab_order_follows_the_filters_as_seen_and_works_by_keyboard_alone(page, app_url, built_db, first_theme):
    theme_id, theme_name, theme_quotes = first_theme
    open_app(page, app_url, "quotes")
    panel = page.locator('[data-testid="stExpander"]').filter(has_text="Filters").first
    labels = [t.strip() for t in panel.locator('[data-testid="stWidgetLabel"]').all_inner_texts()]
    tops = [box["y"] for box in (w.bounding_box() for w in panel.locator('[data-testid="stWidgetLabel"]').all())]
    assert tops == sorted(tops), "the filters are not laid out row by row in their order"
    panel.locator("input").first.focus()
    reached = []
    for _ in range(len(labels) * 3):
        label = page.evaluate(FOCUSED_LABEL)
        if label in labels and label not in reached:
            reached.append(label)
        if len(reached) == len(labels):
            break
        page.keyboard.press("Tab")
    assert reached == labels, "Tab does not visit the filters in the order they are shown"
    # Keyboard alone: back to the theme filter, type, choose, and the results follow.
    panel.locator("input").first.focus()
    page.keyboard.type(theme_name)
    page.keyboard.press("Enter")
    expect_count(page, theme_quotes)
    assert f"theme={theme_id}" in page.url


def test_a_one_quote_link_then_a_theme_choice_shows_that_theme(page, app_url, built_db, first_theme):
    theme_id, theme_name, theme_quotes = first_theme
    other = db_one(built_db, "select id from quotes where theme_id <> ? order by position limit 1", [theme_id])[0][0]
    open_app(page, app_url, f"quotes?quote={other}")
    expect_count(page, 1)
    panel, is_open = filters_panel(page)
    assert not is_open, "a link to a quote opens with the filters folded, the quote in view"
    panel.locator("summary").click()
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Theme").first
    page.wait_for_timeout(400)  # the panel opens with an animation; typing waits for it, as a reader would
    box.locator("input").click()
    page.keyboard.type(theme_name)
    expect(page.get_by_role("option", name=theme_name)).to_be_visible()
    page.keyboard.press("Enter")
    expect_count(page, theme_quotes)
    assert f"quote={other}" not in page.url
    assert page.get_by_text("no quote matches").count() == 0


def open_by_keyboard(page, select, option):
    """Open a select box's list with the arrow key, as a keyboard reader does: a key pressed
    while the page is still settling after load or a rerun can be lost, so the reader presses
    it again (at most a few times) rather than the test failing on a timing accident."""
    for _ in range(4):
        select.locator("input").focus()
        page.keyboard.press("ArrowDown")
        try:
            page.get_by_role("option", name=option).wait_for(timeout=3_000)
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    raise AssertionError(f"the arrow key never opened the list to show {option!r}")


def test_the_page_size_keeps_its_place_and_the_keyboard_focus_with_or_without_a_pager(page, app_url, built_db):
    total = db_one(built_db, "select count(*) from quotes")[0][0]
    assert 10 < total <= 50, "the review needs two pages at 10 per page and one at 50"
    open_app(page, app_url, "quotes")
    size = page.locator('[data-testid="stSelectbox"]').filter(has_text="Quotes per page")
    pagers = page.locator('[data-testid="stPagination"]')
    expect(pagers).to_have_count(2)
    where = size.bounding_box()
    for choice, pager_count in (("50", 0), ("10", 2)):
        open_by_keyboard(page, size, choice)
        page.keyboard.press("ArrowUp" if choice == "10" else "ArrowDown")
        page.keyboard.press("ArrowUp" if choice == "10" else "ArrowDown")
        page.keyboard.press("Enter")
        expect(pagers).to_have_count(pager_count)
        expect(page).to_have_url(re.compile(r"size=50") if choice == "50" else re.compile(r"^(?!.*size=)"))
        assert round(size.bounding_box()["x"]) == round(where["x"]), f"the page size moved sideways after {choice}"
        assert page.evaluate("() => !!document.activeElement.closest('[data-testid=\"stSelectbox\"]')"), \
            f"focus left the page size after choosing {choice}"


# Chosen values of a multiselect cut short: wider than the box that shows them, or outside the box of chips
# (which scrolls sideways unless they wrap).
CUT_CHIPS = """() => [...document.querySelectorAll('[data-testid="stMultiSelectTagsContainer"]')].flatMap(box => {
  const edge = box.getBoundingClientRect();
  return [box, ...box.querySelectorAll('[data-tag], [data-tag] > span')].filter(e =>
    (e.scrollWidth > e.clientWidth + 1) || e.getBoundingClientRect().right > edge.right + 1
    || e.getBoundingClientRect().left < edge.left - 1).map(e => e.textContent); })"""


@pytest.mark.parametrize("width", [1280, 390])
def test_chosen_coded_types_show_whole_and_the_filter_says_it_matches_any(browser, app_url, built_db, width):
    """Two long coded types chosen: each chip shows its whole label (wrapping), at a desk and on a phone, and the
    filter says that a quote matches if it carries any of them."""
    chosen = db_one(built_db, "select id from stigma_types order by length(label) desc limit 2")
    labels = [label for (label,) in db_one(built_db, "select label from stigma_types order by length(label) desc "
                                                     "limit 2")]
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    try:
        open_app(tab, app_url, "quotes?" + "&".join(f"stigma={i}" for (i,) in chosen))
        box = tab.locator('[data-testid="stMultiSelect"]').filter(has=tab.locator('[data-tag]'))
        if not box.first.is_visible():  # the Filters panel starts closed on a phone
            tab.get_by_text("Filters").first.click()
        expect(box.first).to_be_visible()
        cut = tab.evaluate(CUT_CHIPS)
        assert not cut, f"chosen values cut short at {width} px: {cut}"
        for label in labels:
            expect(box.first.locator('[data-tag]').filter(has_text=label)).to_have_count(1)
        expect(tab.get_by_text("matches any of", exact=False).first).to_be_attached()
    finally:
        context.close()


def test_back_steps_through_the_filter_states_without_a_false_notice(page, app_url, built_db, first_theme):
    """Page 2, then a theme, then a search: each Back returns to the state before, its filters and page as they
    were, and never says the link could not be used."""
    theme_id, theme_name, theme_quotes = first_theme
    total = db_one(built_db, "select count(*) from quotes")[0][0]
    assert total > 10, "the review needs two pages at 10 per page"
    open_app(page, app_url, "quotes")
    page.locator('[data-testid="stPagination"]').last.get_by_role("button", name="2").click()
    expect(page).to_have_url(re.compile(r"page=2"))
    page.wait_for_function("() => document.activeElement.tagName === 'H3'")  # the turn's scroll is over
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Theme").first
    # The reader scrolls back up to the filters first: a list opened at the very top edge closes as the page moves.
    box.evaluate("e => e.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(300)
    box.locator("input").click()
    page.keyboard.type(theme_name)
    expect(page.get_by_role("option", name=theme_name)).to_be_visible()  # the list has caught up with the typing
    page.keyboard.press("Enter")
    expect_count(page, theme_quotes)
    expect(page).to_have_url(re.compile(rf"theme={theme_id}"))
    page.get_by_label("Search the quotes").fill("zzzz-no-such-word")
    page.keyboard.press("Enter")
    expect_count(page, 0)
    expect(page).to_have_url(re.compile(r"q=zzzz"))  # the address is written just after the page redraws
    theme_chip = box.locator("[data-tag]").filter(has_text=theme_name)

    page.go_back()  # the theme, without the search
    expect_count(page, theme_quotes)
    expect(page.get_by_label("Search the quotes")).to_have_value("")
    expect(theme_chip).to_have_count(1)
    page.go_back()  # every quote, on page 2
    expect(page.locator("h3", has_text="showing 11–")).to_be_visible()
    expect(theme_chip).to_have_count(0)
    expect(page.get_by_text(NOTICE_HEADING)).to_have_count(0)
    page.go_back()  # every quote, page 1
    expect(page.locator("h3", has_text="showing 1–")).to_be_visible()
    expect(page.get_by_text(NOTICE_HEADING)).to_have_count(0)


def test_a_second_filter_chosen_beside_a_page_size_in_the_address_is_kept(page, app_url, built_db):
    """With a filter and a page size in the address, choosing a second filter narrows the list: the address's older
    values do not overrule the reader's new choice."""
    study_id, count = db_one(built_db, "select study_id, count(*) from quotes group by all order by count(*) desc "
                                       "limit 1")[0]
    theme_id, theme_name, both = db_one(built_db, "select t.id, t.name, count(*) from quotes q join themes t on "
                                                  "t.id = q.theme_id where q.study_id = ? group by all order by "
                                                  "count(*) limit 1", [study_id])[0]
    assert both < count, "the second filter narrows the list"
    open_app(page, app_url, f"quotes?study={study_id}&size=50")
    expect_count(page, count)
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Theme").first
    box.locator("input").fill(theme_name)
    expect(page.get_by_role("option", name=theme_name)).to_be_visible()
    page.keyboard.press("Enter")
    expect_count(page, both)
    expect(page).to_have_url(re.compile(rf"theme={theme_id}"))
    expect(page).to_have_url(re.compile(rf"study={study_id}"))


def test_the_copied_api_link_gives_the_quotes_the_page_shows(browser, app_url, first_theme):
    """The explorer's "Copy API link" puts on the clipboard an address whose JSON holds the quotes the page shows,
    in its order."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_url)
    tab = context.new_page()
    try:
        open_app(tab, app_url, f"quotes?theme={first_theme[0]}&size=20")
        settle(tab)
        button = tab.locator("button.ev-copy[data-label='Copy API link']")  # its name changes while it reports
        button.scroll_into_view_if_needed()
        button.click()
        expect(button).to_have_text("Copied")
        link = tab.evaluate("() => navigator.clipboard.readText()")
        assert link.startswith(f"{app_url}/api/v1/quotes.json?") and f"theme={first_theme[0]}" in link
        shown = tab.locator("article.quote-card").evaluate_all("cards => cards.map(c => c.dataset.quote)")
        answer = tab.request.get(link)
        assert answer.ok and [row["id"] for row in answer.json()["rows"]] == shown and shown
    finally:
        context.close()


def test_a_filter_change_redraws_the_pagers_it_has_not_rebuilt_them(page, app_url):
    """The browser keeps each pager across a change of filters and only redraws its buttons: a new pager measures
    the whole page's layout as it is built (Streamlit's pagination), which a filter change need not pay."""
    open_app(page, app_url, "quotes")
    pagers = page.locator('[data-testid="stPagination"]')
    expect(pagers).to_have_count(2)
    pagers.evaluate_all("nodes => nodes.forEach(n => { n.dataset.evKept = 'yes'; })")
    page.get_by_label("Search the quotes").fill("a")  # still more than a page of matches
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]q=a\b"))
    settle(page)
    expect(pagers).to_have_count(2)
    assert pagers.evaluate_all("nodes => nodes.map(n => n.dataset.evKept)") == ["yes", "yes"], \
        "a filter change built new pagers"
