"""Accessibility in a real browser: axe-core on every page, chart text alternatives (narrow screens: test_layout)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import open_app, settle

pytestmark = pytest.mark.browser
BLOCKING = ("serious", "critical")



def blocking_violations(tab) -> list[str]:
    """axe-core's serious and critical violations on the page, one readable line each."""
    results = Axe().run(tab)
    return [f"{v['id']} ({v['impact']}): {v['help']} at {node['target']}"
            for v in results.response["violations"] if v["impact"] in BLOCKING for node in v["nodes"]]


def test_no_serious_or_critical_violation_on_any_page(page, app_url, paths):
    found = {}
    for path in paths:
        open_app(page, app_url, path)
        settle(page)
        if problems := blocking_violations(page):
            found[path or "home"] = problems
    assert not found, found


def test_every_chart_has_a_text_alternative(page, app_url, paths):
    charts = 0
    for path in paths:
        open_app(page, app_url, path)
        settle(page)
        for chart in page.locator('[data-testid="stVegaLiteChart"]').all():
            charts += 1
            label = chart.get_attribute("aria-label") or ""  # st.altair_chart(alt=...) names the figure
            assert len(label) > 20, f"a chart on {path or 'home'} has no description: {label!r}"
    assert charts >= 4

