"""The largest shape of review in a real browser: 40 studies, 12 themes, 20 subthemes in a theme, 5 PRISMA sources.

Every chart label is drawn whole and apart from its neighbours (or the chart gives way to its table), no table
hides rows behind an inner scroll, and the PRISMA source boxes never overlap.
"""

from __future__ import annotations

import re

import duckdb
import pytest

from tests.browser.conftest import open_app, screenshot, settle
from tests.browser.test_layout import CHART_TEXT, chart_problems, overlapping, overlapping_texts, page_problems

pytestmark = pytest.mark.browser
PAGES = ["", "themes", "studies", "stigma", "methods"]

# Elements between a table and the page's scroller that clip it: an inner scroll or hidden overflow.
CLIPPED_TABLES = """() => [...document.querySelectorAll('[data-testid="stMain"] table')].filter(t => t.offsetParent)
  .flatMap(t => { const out = []; let e = t.parentElement;
    while (e && e.getAttribute('data-testid') !== 'stMain') {
      const s = getComputedStyle(e);
      if (/(auto|scroll|hidden)/.test(s.overflowY + s.overflowX) && e.scrollHeight > e.clientHeight + 1)
        out.push((t.querySelector('th') || t).textContent.slice(0, 40));
      e = e.parentElement; }
    return out; })"""

# A diagram's texts (its own labels, not an axis's), as drawn, and the chart's box.
DIAGRAM_TEXT = """(chart) => ({chart: (b => [b.left, b.top, b.right, b.bottom])(chart.getBoundingClientRect()),
  texts: [...chart.querySelectorAll('g.mark-text text')].map(t => { const b = t.getBoundingClientRect();
    return {text: t.textContent, box: [b.left, b.top, b.right, b.bottom]}; })})"""

# The PRISMA diagram's boxes and texts, as drawn.
PRISMA_MARKS = """(chart) => ({
  boxes: [...chart.querySelectorAll('g.mark-rect path')].map(p => { const b = p.getBoundingClientRect();
    return [b.left, b.top, b.right, b.bottom]; }),
  texts: [...chart.querySelectorAll('g.mark-text text')].map(t => { const b = t.getBoundingClientRect();
    return {text: t.textContent, box: [b.left, b.top, b.right, b.bottom]}; })})"""


@pytest.fixture
def wide(browser, request):
    """A desktop tab, 1280 px wide unless the test asks for another width."""
    width = getattr(request, "param", 1280)
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_chart_label_is_whole_and_apart_and_no_table_hides_rows(wide, large):
    url, db = large
    with duckdb.connect(str(db), read_only=True) as con:
        citations = {_squash(c) for (c,) in con.execute("select citation from studies where included").fetchall()}
    found, matrices = {}, 0
    for path in PAGES:
        open_app(wide, url, path)
        settle(wide)
        problems = page_problems(wide)
        problems += [f"table clipped: {t!r}" for t in wide.evaluate(CLIPPED_TABLES)]
        for chart in wide.locator('[data-testid="stVegaLiteChart"]').all():
            if not chart.is_visible():
                continue
            texts = chart.evaluate(CHART_TEXT)
            problems += chart_problems(texts)
            labels = {_squash(t["text"]) for t in texts if t["role"] == "axis-label"}
            if citations & labels:  # a chart with a study axis names every study
                matrices += 1
                problems += [f"study label missing: {c}" for c in sorted(citations - labels)]
        screenshot(wide, f"large-{path or 'home'}")
        if problems:
            found[path or "home"] = problems
    assert not found, found
    assert matrices, "no chart with a study axis was drawn at this width"


def test_the_line_of_argument_diagram_keeps_twelve_themes_whole_and_apart(wide, large):
    url, _ = large
    open_app(wide, url, "")
    settle(wide)
    chart = wide.locator('.st-key-evwide_overview_argument [data-testid="stVegaLiteChart"]')
    assert chart.is_visible(), "the diagram gave way to its list at 1280 px"
    drawn = chart.evaluate(DIAGRAM_TEXT)
    box, texts = drawn["chart"], [t for t in drawn["texts"] if t["text"].strip()]
    assert len(texts) >= 12 + 3, texts
    outside = [t["text"] for t in texts if t["box"][0] < box[0] - 1 or t["box"][2] > box[2] + 1]
    assert not outside, f"diagram labels cut at the chart's edge: {outside}"
    touching = overlapping_texts(texts)
    assert not touching, f"diagram labels overlap: {touching}"


# At 1280 px this review's long exclusion reasons make the diagram wider than the page, and its table
# stands in (tests/browser/test_layout.py checks that swap); a wider screen shows the diagram itself.
@pytest.mark.parametrize("wide", [1600], indirect=True)
def test_five_prisma_sources_never_overlap(wide, large):
    url, _ = large
    open_app(wide, url, "methods")
    settle(wide)
    chart = wide.locator('.st-key-evwide_methods_prisma [data-testid="stVegaLiteChart"]')
    assert chart.is_visible(), "the PRISMA diagram gave way to its table"
    marks = chart.evaluate(PRISMA_MARKS)
    boxes, texts = marks["boxes"], marks["texts"]
    assert len([t for t in texts if "bibliographic" in t["text"]]) >= 5, texts
    crossing = overlapping(boxes)
    assert not crossing, f"PRISMA boxes overlap: {crossing}"
    words = [t for t in texts if t["text"].strip()]
    touching = overlapping_texts(words)
    assert not touching, f"PRISMA texts overlap: {touching}"
    outside = [t["text"] for t in words if "bibliographic" in t["text"] and not any(
        b[0] - 1 <= t["box"][0] and t["box"][2] <= b[2] + 1 and b[1] - 1 <= t["box"][1] and t["box"][3] <= b[3] + 1
        for b in boxes)]
    assert not outside, f"PRISMA source text spills out of its box: {outside}"
    screenshot(wide, "large-prisma")


@pytest.mark.parametrize("review", ["bundled", "synthetic"])
@pytest.mark.parametrize("wide", [1440, 1920], indirect=True)
def test_on_a_wide_desktop_every_chart_label_is_whole(wide, request, review):
    """The README says the matrices' column labels wrap: at a wide desktop (where the charts grow and their labels
    are given more room) no label is cut short with an ellipsis, dropped or overlapping, on either review."""
    url = request.getfixturevalue("app_url" if review == "bundled" else "synthetic_url")
    found, drawn = {}, 0
    for path in PAGES:
        open_app(wide, url, path)
        settle(wide)
        problems = page_problems(wide)
        for chart in wide.locator('[data-testid="stVegaLiteChart"]').all():
            if chart.is_visible():
                drawn += 1
                problems += chart_problems(chart.evaluate(CHART_TEXT))
        if problems:
            found[path or "home"] = problems
    assert not found, found
    assert drawn >= 4, "the charts were not drawn"
