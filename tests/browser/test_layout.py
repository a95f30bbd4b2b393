"""Every page on a phone, a tablet and a projector: no sideways pan or cut text, legible charts, tab titles."""

from __future__ import annotations

import pytest

from tests.browser.conftest import open_app, screenshot, settle

pytestmark = pytest.mark.browser
SIZES = {"phone": (390, 844), "tablet": (820, 1180), "projector": (1280, 720)}
MIN_CONTRAST, MIN_FONT_PX = 4.5, 13

# Sideways overflow of the document and of Streamlit's main scroll container.
OVERFLOW = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  return Math.max(document.documentElement.scrollWidth - window.innerWidth,
                  main ? main.scrollWidth - main.clientWidth : 0);
}"""

# Text cut short with an ellipsis by the page's styles (a clipped link, a truncated label).
CLIPPED = """() => [...document.querySelectorAll('[data-testid="stMain"] *')].filter(e =>
  e.offsetParent !== null && getComputedStyle(e).textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1
).map(e => e.textContent.trim().slice(0, 60))"""

# Each chart's text as drawn: role (axis-label, legend-label, ...), box, colour, size, opacity.
CHART_TEXT = """(chart) => [...chart.querySelectorAll('svg text')].map(t => {
  const group = t.closest('g[class*="role-"]');
  const role = ((group && group.getAttribute('class')) || '').match(/role-([a-z-]+)/);
  const axis = t.closest('g.role-axis, g.role-legend');
  const box = t.getBoundingClientRect(), style = getComputedStyle(t);
  return {text: t.textContent, role: role ? role[1] : '', group: axis ? [...document.querySelectorAll(
            'g.role-axis, g.role-legend')].indexOf(axis) : -1,
          box: [box.left, box.top, box.right, box.bottom], fill: style.fill,
          opacity: Number(t.getAttribute('opacity') ?? 1) * Number(style.opacity), size: parseFloat(style.fontSize)};
})"""

# Charts a narrow screen hides, each with whether its table stands in for it.
SWAPPED = """() => [...document.querySelectorAll('[class*="st-key-evwide_"]')].map(wide => {
  const key = [...wide.classList].find(c => c.startsWith('st-key-evwide_')).slice('st-key-evwide_'.length);
  const narrow = document.querySelector('.st-key-evnarrow_' + key);
  return {key, chartShown: wide.offsetParent !== null, tableShown: !!narrow && narrow.offsetParent !== null,
          hasTable: !!narrow};
})"""


def luminance(rgb: str) -> float:
    """Relative luminance (WCAG 2) of a CSS rgb()/rgba() colour."""
    parts = [float(p) for p in rgb[rgb.index("(") + 1:rgb.index(")")].replace(",", " ").split()[:3]]
    linear = [c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in parts]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str = "rgb(255, 255, 255)") -> float:
    """WCAG contrast ratio of two colours."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def overlaps(a, b) -> bool:
    """Whether two boxes share more than a pixel each way."""
    return min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1


def overlapping(items: list, box=lambda item: item) -> list[tuple]:
    """Each pair of items whose boxes overlap (`box` reads an item's box)."""
    return [(a, b) for i, a in enumerate(items) for b in items[i + 1:] if overlaps(box(a), box(b))]


def overlapping_texts(texts: list[dict]) -> list[tuple[str, str]]:
    """Each pair of drawn texts (CHART_TEXT's records) that overlap, by their words."""
    return [(a["text"], b["text"]) for a, b in overlapping(texts, lambda t: t["box"])]


def page_problems(tab) -> list[str]:
    """What is wrong with a whole page at this width: it scrolls sideways, or a chart and its table stand in for
    each other wrongly (both shown or both hidden)."""
    problems = []
    if (overflow := tab.evaluate(OVERFLOW)) > 1:
        problems.append(f"scrolls sideways by {overflow}px")
    for swap in tab.evaluate(SWAPPED):
        if swap["hasTable"] and swap["chartShown"] == swap["tableShown"]:
            problems.append(f"{swap['key']}: chart and its narrow-screen table both "
                            f"{'shown' if swap['chartShown'] else 'hidden'}")
    return problems


def chart_problems(texts: list[dict]) -> list[str]:
    """Axis and legend labels dropped, cut short, overlapping, too faint or too small."""
    problems = []
    labels = [t for t in texts if t["role"] in ("axis-label", "legend-label")]
    for t in labels:
        if t["opacity"] == 0 or not t["text"].strip():
            problems.append(f"label dropped: {t['text']!r}")
    for t in texts:  # any text Vega shortened to fit: a label, a legend's or an axis's title
        if t["text"].endswith("…"):
            problems.append(f"{t['role'] or 'text'} cut short: {t['text']!r}")
    for a, b in overlapping(labels, lambda t: t["box"]):
        if a["group"] == b["group"]:
            problems.append(f"labels overlap: {a['text']!r} and {b['text']!r}")
    for t in texts:
        if t["role"].startswith(("axis", "legend", "title")) and t["text"].strip():
            if contrast(t["fill"]) < MIN_CONTRAST:
                problems.append(f"{t['role']} {t['text']!r} in {t['fill']} is {contrast(t['fill']):.1f}:1")
            if t["size"] < MIN_FONT_PX:
                problems.append(f"{t['role']} {t['text']!r} is {t['size']} px")
    return problems



@pytest.mark.parametrize("size", SIZES)
def test_every_page_fits_and_every_chart_is_legible_or_swapped(browser, app_url, paths, size):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=size != "projector",
                                  has_touch=size != "projector")
    tab = context.new_page()
    found, titles, drawn = {}, {}, 0
    try:
        for path in paths:
            name = path or "home"
            open_app(tab, app_url, path)
            settle(tab)
            problems = page_problems(tab)
            problems += [f"text cut short: {text!r}" for text in tab.evaluate(CLIPPED)]
            for chart in tab.locator('[data-testid="stVegaLiteChart"]').all():
                if chart.is_visible():
                    drawn += 1
                    problems += chart_problems(chart.evaluate(CHART_TEXT))
            titles[name] = tab.title()
            screenshot(tab, f"{size}-{name}")
            if problems:
                found[name] = problems
    finally:
        context.close()
    assert not found, found
    assert len(set(titles.values())) == len(titles), f"pages share a tab title: {titles}"
    assert size != "projector" or drawn >= 6, "the charts were not drawn"


def test_on_a_phone_a_tables_caption_spans_its_cards(phone, app_url):
    open_app(phone, app_url, "studies")
    widths = phone.eval_on_selector_all(".ev-table caption", """els => els.map(c => [c.getBoundingClientRect().width,
        c.closest('table').getBoundingClientRect().width, c.textContent.slice(0, 40)])""")
    assert widths, "the studies page has captioned tables"
    squeezed = [text for caption, table, text in widths if caption < 0.9 * table]
    assert not squeezed, f"captions squeezed beside their cards: {squeezed}"


# Elements of the page that reach past its right edge, even where the page does not scroll sideways (a visually
# hidden table header laid out wide, say).
PAST_THE_EDGE = """() => { const edge = document.querySelector('[data-testid="stMain"]').getBoundingClientRect().right;
  return [...document.querySelectorAll('[data-testid="stMain"] *')].filter(e => {
    const box = e.getBoundingClientRect(); return box.width > 0 && box.right > edge + 1; })
    .map(e => `${e.tagName} ${(e.textContent || '').trim().slice(0, 30)}`); }"""


@pytest.mark.parametrize("width", [1280, 768])
def test_an_opened_wide_table_scrolls_in_its_own_box_not_the_page(browser, app_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    try:
        open_app(tab, app_url, "studies")
        opened = 0
        for summary in tab.locator('[data-testid="stExpander"] summary').all():  # every table folded away, opened
            if summary.is_visible():
                summary.click()
                opened += 1
        assert opened, "the studies page folds tables away"
        tab.wait_for_timeout(500)
        assert (overflow := tab.evaluate(OVERFLOW)) <= 1, f"the page scrolls sideways by {overflow}px"
        escaping = tab.eval_on_selector_all(".ev-table-scroll", """els => els.filter(e => {
            const box = e.getBoundingClientRect(), main = document.querySelector('[data-testid="stMain"]');
            return box.right > main.getBoundingClientRect().right + 1; }).length""")
        assert not escaping, f"{escaping} tables reach past the page's edge"
    finally:
        context.close()
