"""Browser fixtures: the real app under `streamlit run` on a free loopback port, driven by Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from evidence.build import build
from evidence.format.scaffold import write_new
from tests.conftest import SYNTHETIC
from tests.shapes import SHAPES, generate

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"]
READY = "footer:has-text(\"data version\")"  # the footer, drawn after the page script (the sidebar comes before)


def chromium_path() -> str | None:
    """Debian's Chromium: Playwright cannot download its own browser on a closed network."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"streamlit did not become healthy in {seconds} s:\n{log.read_text()}")


@contextmanager
def served(folder: Path, data_dir: Path, prebuilt: bool = True, **settings: str):
    """`streamlit run serve.py` (the app behind its guards) on a free loopback port over one review's own database
    (built first unless not `prebuilt`: then the first request builds it), with any further environment settings."""
    db = folder / "evidence.duckdb"
    assert not prebuilt or build(data_dir, db).ok
    port, log = _free_port(), folder / "streamlit.log"
    env = {**os.environ, "EVIDENCE_DB": str(db), "EVIDENCE_DATA_DIR": str(data_dir), **settings}
    command = [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.address", "127.0.0.1",
               "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    """Base URL of the app serving the bundled review."""
    with served(tmp_path_factory.mktemp("served"), ROOT / "data") as url:
        yield url


@pytest.fixture(scope="session")
def scaffold_url(tmp_path_factory):
    """Base URL of the app serving the small synthesis `python -m evidence new` writes (no stigma vocabulary)."""
    folder = tmp_path_factory.mktemp("served-scaffold")
    write_new(folder / "data")
    with served(folder, folder / "data") as url:
        yield url


@pytest.fixture(scope="session")
def synthetic_url(tmp_path_factory):
    """Base URL of the app serving the synthetic fixture review (a review of a different shape)."""
    with served(tmp_path_factory.mktemp("served-synthetic"), SYNTHETIC) as url:
        yield url


@pytest.fixture(scope="session")
def large(tmp_path_factory):
    """The app serving the largest generated shape of review (`tests.shapes`), and that review's database."""
    folder = tmp_path_factory.mktemp("served-large")
    data = generate(folder / "data", **SHAPES["large"])
    with served(folder, data) as url:
        yield url, folder / "evidence.duckdb"


@pytest.fixture(scope="session")
def browser():
    """Chromium from Debian, headless. In CI a missing browser fails the run; elsewhere it skips."""
    executable = chromium_path()
    if executable is None:
        message = "Chromium not found at /usr/bin/chromium (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, app_url):
    """A fresh desktop-sized tab that accepts downloads."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()


def open_app(tab, app_url: str, path: str = "") -> None:
    """Go to a page of the app and wait until its script has finished drawing it."""
    tab.goto(f"{app_url}/{path}")
    tab.wait_for_selector(READY, timeout=60_000)
    tab.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)


def settle(tab) -> None:
    """Wait until lazy chunks (charts) have loaded and nothing is still fading in."""
    tab.wait_for_load_state("networkidle")
    tab.wait_for_function("""() => [...document.querySelectorAll('.stElementContainer, [data-stale]')]
        .every(e => getComputedStyle(e).opacity === '1')""", timeout=30_000)


def screenshot(tab, name: str) -> Path:
    """Save a full-page screenshot as a test artefact for reviewers."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    # Streamlit scrolls inside its main container, not the document: grow the viewport to the content.
    size = tab.viewport_size
    height = tab.evaluate("() => (document.querySelector('[data-testid=\"stMain\"]') || document.body).scrollHeight")
    tab.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), 12_000)})
    tab.wait_for_timeout(300)
    tab.screenshot(path=str(path), full_page=True)
    tab.set_viewport_size(size)
    return path


def nav_paths(tab) -> list[str]:
    """The url path of every page listed in the sidebar navigation (empty for the default page)."""
    hrefs = tab.eval_on_selector_all('[data-testid="stSidebarNav"] a', "els => els.map(e => e.href)")
    return [urlsplit(href).path.strip("/") for href in hrefs]


@pytest.fixture(scope="session")
def paths(browser, app_url) -> list[str]:
    """Every page the navigation offers, read from the app itself."""
    context = browser.new_context()
    tab = context.new_page()
    open_app(tab, app_url)
    found = nav_paths(tab)
    context.close()
    assert len(found) >= 8
    return found


PHONE_USER_AGENT = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                    "Chrome/131.0.0.0 Mobile Safari/537.36")


@pytest.fixture
def phone(browser):
    """A 390x844 tab of a browser that says it is a phone, as a phone's does."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  user_agent=PHONE_USER_AGENT)
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()


@pytest.fixture
def projector(browser, app_url):
    """A 1280x720 tab, as on a projector."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()
