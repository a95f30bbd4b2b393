"""Every page, in a real browser: it draws, it has no error, it is screenshotted for review."""

from __future__ import annotations

import pytest

from tests.browser.conftest import nav_paths, open_app, screenshot, settle

pytestmark = pytest.mark.browser



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


def test_a_section_the_data_lacks_leaves_the_navigation(page, app_url, scaffold_url):
    open_app(page, app_url)
    assert "stigma" in nav_paths(page)
    open_app(page, scaffold_url)
    paths = nav_paths(page)
    assert "stigma" not in paths and "quotes" in paths


def test_the_navigation_names_pages_in_the_reviews_own_terms(page, app_url, synthetic_url):
    def labels() -> list[str]:
        texts = page.eval_on_selector_all('[data-testid="stSidebarNav"] a', "els => els.map(e => e.innerText)")
        return [t.strip().splitlines()[-1] for t in texts]  # the icon's name comes first
    open_app(page, synthetic_url)
    assert "Analytical themes" in labels() and "Themes" not in labels()
    open_app(page, app_url)
    assert {"Themes", "Stigma types"} <= set(labels())


# Every word of a visible table cell (a hyphen may end a line): the words drawn over more than one line.
SPLIT_WORDS = """() => {
  const split = [];
  for (const cell of document.querySelectorAll('.ev-table td, .ev-table th')) {
    if (!cell.offsetParent) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/[^\\s\\-\u2010\u2013]+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) split.push(m[0]);
      }
    }
  }
  return split;
}"""


@pytest.mark.parametrize("review", ["bundled", "synthetic"])
def test_tables_on_a_projector_never_split_a_word(projector, request, review):
    url = request.getfixturevalue("app_url" if review == "bundled" else "synthetic_url")
    for path in ("", "studies", "methods"):
        open_app(projector, url, path)
        settle(projector)
        assert projector.evaluate(SPLIT_WORDS) == [], path
