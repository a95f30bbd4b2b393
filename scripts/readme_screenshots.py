"""The README's phone screenshots: the first screen of a few pages of the bundled review at 390x844, as a phone's
browser shows them (touch, a phone's User-Agent), written to docs/screenshots/.

    python scripts/readme_screenshots.py

Needs Chromium (/usr/bin/chromium, or CHROMIUM=/path) and the test requirements (Playwright).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM_ARGS, PHONE_USER_AGENT, READY, chromium_path, served  # noqa: E402

# (file name, address, what to tap first: a fold's title or nothing, what to show at the top then)
SHOTS = [("phone-overview", "", None, None), ("phone-guide", "guide", None, None),
         ("phone-guide-point", "guide", '[class*="st-key-evpart_tp-"] summary', None),
         ("phone-themes-matrix", "themes", '[class*="st-key-evpart_ev-subtheme-matrix"] summary',
          ".st-key-evnarrow_themes_subtheme_matrix .ev-compact"),
         ("phone-quotes", "quotes", None, None)]


def main() -> None:
    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        with served(Path(tempfile.mkdtemp()), ROOT / "data") as url:
            context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                          user_agent=PHONE_USER_AGENT, device_scale_factor=1)
            tab = context.new_page()
            for name, address, tap, show in SHOTS:
                tab.goto(f"{url}/{address}")
                tab.wait_for_selector(READY, timeout=60_000)
                tab.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)
                tab.wait_for_load_state("networkidle")
                if tap:
                    target = tab.locator(tap).first
                    target.click()
                    tab.wait_for_timeout(500)
                    (tab.locator(show).first if show else target).evaluate("e => e.scrollIntoView()")
                tab.wait_for_timeout(800)
                tab.screenshot(path=str(out / f"{name}.png"))
                print(out / f"{name}.png")
        browser.close()


if __name__ == "__main__":
    main()
