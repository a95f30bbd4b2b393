"""Load benchmark: N browser sessions filter the quote explorer for a while, optionally under rebuilds.

Starts `streamlit run serve.py` on a free 127.0.0.1 port with a database of its own, opens N Chromium
tabs (Debian's /usr/bin/chromium, or $CHROMIUM) on the quote explorer, and has each type search terms
and wait for the page to redraw, for --seconds. With --rebuild-every S, another process's worth of
work (a full `build` of the database, replacing the file) runs every S seconds meanwhile.
Prints interactions completed, errors (exception boxes on the page, or interactions that never
finished) and latency percentiles. Not a test: it prints figures. On a machine shared with others' browser
tests, run it under the same lock they use:

    python scripts/benchmark_load.py --sessions 10 --seconds 60 --rebuild-every 2
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evidence.build import build  # noqa: E402

TERMS = ["forum", "baby", "mother", "judge", "anonymous", "feel", "help", "support", "online", "child", "worry",
         "time", "people", "know", "good", "bad", "nobody", "share", "crying", "post"]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"]
EXCEPTION = '[data-testid="stException"]'
RUNNING = '[data-testid="stStatusWidget"]'
SEARCH = 'input[aria-label="Search the quotes"]'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """The CPU time (user and system) a process has used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def start_server(db: Path, log: Path, script: str = "serve.py") -> tuple[subprocess.Popen, str]:
    """`streamlit run script` (the app behind its guards unless another page is named) over `db`, with the
    project's settings, on a free loopback port; the process and its address once it answers its health check."""
    port = free_port()
    env = {**os.environ, "EVIDENCE_DB": str(db), "EVIDENCE_DATA_DIR": str(ROOT / "data")}
    command = [sys.executable, "-m", "streamlit", "run", script, "--server.address", "127.0.0.1",
               "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return process, url
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit(f"streamlit did not start:\n{log.read_text()}")


def rebuild_loop(rebuild: Callable[[], bool], every: float, stop: threading.Event, counts: dict) -> None:
    """Start a full rebuild (`rebuild()`, true when it succeeded) every `every` seconds, back to back when one takes
    longer, until `stop`; counts those done and those failed."""
    next_start = time.monotonic() + every
    while not stop.wait(max(0.0, next_start - time.monotonic())):
        next_start += every
        counts["rebuilds" if rebuild() else "failed_rebuilds"] += 1


async def session(browser, url: str, deadline: float, seed: int, stats: dict) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(30_000)
    await page.goto(f"{url}/quotes")
    await page.wait_for_selector(SEARCH, timeout=60_000)
    terms = itertools.cycle(random.Random(seed).sample(TERMS, len(TERMS)))
    while time.monotonic() < deadline:
        term = next(terms)
        started = time.monotonic()
        try:
            await page.fill(SEARCH, term)
            await page.press(SEARCH, "Enter")
            await page.wait_for_url(f"**q={quote(term)}**")
            await page.wait_for_selector(RUNNING, state="detached")
            await page.wait_for_selector('h3:has-text("matching quote")')
            stats["latencies"].append(time.monotonic() - started)
        except Exception as exc:  # a timeout: the interaction never finished
            stats["unfinished"].append(f"{type(exc).__name__}: {str(exc)[:120]}")
        if await page.locator(EXCEPTION).count():
            stats["exceptions"] += 1
            stats["exception_texts"].append((await page.locator(EXCEPTION).first.inner_text())[:300])
            await page.goto(f"{url}/quotes")  # start again from a clean page
            await page.wait_for_selector(SEARCH, timeout=60_000)
    await context.close()


async def drive(url: str, sessions: int, seconds: float, stats: dict) -> None:
    from playwright.async_api import async_playwright

    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        deadline = time.monotonic() + seconds
        await asyncio.gather(*(session(browser, url, deadline, seed, stats) for seed in range(sessions)))
        await browser.close()


def percentile(values: list[float], share: float) -> float:
    if len(values) < 2:
        return (values or [0.0])[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(share) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--rebuild-every", type=float, default=0, help="seconds between rebuilds; 0: none")
    parser.add_argument("--keep-log", help="copy the server's log here")
    args = parser.parse_args()
    stats = {"latencies": [], "unfinished": [], "exceptions": 0, "exception_texts": []}
    counts = {"rebuilds": 0, "failed_rebuilds": 0}
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "evidence.duckdb"
        assert build(ROOT / "data", db).ok
        process, url = start_server(db, Path(folder) / "streamlit.log")
        stop = threading.Event()
        rebuilder = threading.Thread(target=rebuild_loop, args=(lambda: build(ROOT / "data", db).ok,
                                                                 args.rebuild_every, stop, counts))
        try:
            if args.rebuild_every:
                rebuilder.start()
            cpu = cpu_seconds(process.pid)
            asyncio.run(drive(url, args.sessions, args.seconds, stats))
            stats["server_cpu"] = cpu_seconds(process.pid) - cpu
        finally:
            stop.set()
            if rebuilder.is_alive():
                rebuilder.join()
            process.terminate()
            process.wait(timeout=10)
            stats["server_errors"] = server_errors(Path(folder) / "streamlit.log")
            if args.keep_log:
                Path(args.keep_log).write_bytes((Path(folder) / "streamlit.log").read_bytes())
    report(args, stats, counts)


def server_errors(log: Path) -> list[str]:
    """The last line of each traceback in the server log: what the users' short messages stood for."""
    final = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception)\b")
    return [line for line in log.read_text(errors="replace").splitlines() if final.match(line)]


def report(args, stats: dict, counts: dict) -> None:
    latencies = sorted(stats["latencies"])
    errors = stats["exceptions"] + len(stats["unfinished"])
    print(f"sessions {args.sessions}, {args.seconds:.0f} s, rebuilds every {args.rebuild_every or '-'} s "
          f"({counts['rebuilds']} done, {counts['failed_rebuilds']} failed)")
    print(f"interactions completed {len(latencies)}, errors {errors} "
          f"(exception boxes {stats['exceptions']}, unfinished {len(stats['unfinished'])})")
    if latencies:
        p50, p90, p99 = (percentile(latencies, share) for share in (50, 90, 99))
        print(f"latency s: p50 {p50:.2f}  p90 {p90:.2f}  p99 {p99:.2f}  max {latencies[-1]:.2f}")
        if "server_cpu" in stats:  # the page loads (one a session) are in it too
            print(f"server CPU per interaction: {stats['server_cpu'] * 1000 / len(latencies):.0f} ms "
                  f"({stats['server_cpu']:.1f} s in all, the sessions' first page loads included)")
    for text in (stats["exception_texts"] + stats["unfinished"])[:3]:
        print("  e.g.", text.replace("\n", " | ")[:200])
    for line, count in Counter(stats.get("server_errors", [])).most_common(5):
        print(f"  server log, {count}x: {line[:300]}")


if __name__ == "__main__":
    main()
