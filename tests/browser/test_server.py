"""The server around the app: internals stay private, and any address shows a page of the app."""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
import websockets

from guards import POLICY_VIOLATION, REFUSED, TOO_MANY
from scripts import benchmark_flood
from tests.browser.conftest import READY, ROOT, served

pytestmark = pytest.mark.browser


def test_the_metrics_endpoint_is_not_served(app_url):
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(f"{app_url}/_stcore/metrics", timeout=10)
    assert answer.value.code == 404


@pytest.mark.parametrize("path", ["a/b/c", "quotes/extra/parts", "no_such_page"])
def test_an_unknown_address_shows_the_apps_not_found_notice_and_a_page(page, app_url, path):
    page.goto(f"{app_url}/{path}")
    page.wait_for_selector(READY, timeout=60_000)
    assert page.get_by_text("Page not found").count(), "the app's not-found notice"
    assert page.locator("h1").count() >= 1, "a page of the app, not a blank one"


# What one client may cost: a flood of reruns, and too many connections from one address


def off_loop(coroutine):
    """Run a coroutine to its end in a thread of its own: Playwright's sync API keeps an event loop running on this
    one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="module")
def flood_url(tmp_path_factory):
    """A server of its own, so a flood touches no other test's session."""
    with served(tmp_path_factory.mktemp("served-flood"), ROOT / "data",
                EVIDENCE_CONNECTIONS_PER_ADDRESS="4") as url:
        yield url


def test_a_client_flooding_reruns_is_closed_while_another_session_keeps_running(flood_url):
    flood = off_loop(benchmark_flood.run(flood_url, messages=2000, probes=5, seconds=4))
    print(benchmark_flood.report(flood))  # figures, not limits: timings are for the benchmark to print
    assert flood.flooder_closed_code == POLICY_VIOLATION
    assert flood.page_runs_for_flooder <= 8, "the flood was let through to the page script"
    assert flood.probe_timeouts == 0 and len(flood.during_ms) >= 5, "the other session's reruns stalled"
    assert flood.health_failures == 0 and flood.health_ms


def test_reruns_faster_than_a_person_makes_are_coalesced_not_run_each(flood_url):
    """300 reruns at once: under the flood limit, so the connection stays, but the page runs a handful of times,
    not 300, and the last (newest) request is the one that runs."""
    flood = off_loop(benchmark_flood.run(flood_url, messages=300, probes=3, seconds=3))
    print(benchmark_flood.report(flood))
    assert flood.flooder_closed_code is None
    assert 1 <= flood.page_runs_for_flooder <= 8 + 3
    assert flood.probe_timeouts == 0 and flood.health_failures == 0


def test_one_address_holds_only_so_many_connections(flood_url):
    async def connections():
        opened = [await benchmark_flood.connect(flood_url) for _ in range(4)]
        try:
            with pytest.raises(websockets.InvalidStatus) as refused:
                await benchmark_flood.connect(flood_url)
            assert refused.value.response.status_code == TOO_MANY
            assert REFUSED.encode() in refused.value.response.body
            await opened.pop().close()
            await asyncio.sleep(0.5)
            again = await benchmark_flood.connect(flood_url)  # a place is free again
            assert await benchmark_flood.timed_rerun(again, timeout=60) > 0
            await again.close()
        finally:
            for ws in opened:
                await ws.close()
    off_loop(connections())
