"""One client floods the server with rerun messages; how does another reader's rerun fare, and does health answer?

    python scripts/benchmark_flood.py [--messages 2000] [--url http://127.0.0.1:8501]

Without --url it serves the bundled review itself (`streamlit run serve.py` on a free loopback port). It prints the
other session's rerun times unloaded and during the flood, the health check's answers, and what the server did with
the flood: how many page runs the flooding connection got, and how its connection ended. Loopback only, bounded in
messages and time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[1]


def rerun_message() -> bytes:
    """What a browser sends when its reader changes something: a rerun of the default page."""
    back = BackMsg()
    back.rerun_script.query_string = ""
    back.rerun_script.page_script_hash = ""
    return back.SerializeToString()


def _kind(data: bytes) -> str | None:
    forward = ForwardMsg()
    forward.ParseFromString(data)
    return forward.WhichOneof("type")


async def connect(url: str):
    return await websockets.connect(url.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"],
                                    max_size=None, open_timeout=20)


async def timed_rerun(ws, timeout: float = 60) -> float:
    """Seconds from sending a rerun to the page script's end."""
    start = time.perf_counter()
    await ws.send(rerun_message())
    while True:
        data = await asyncio.wait_for(ws.recv(), timeout)
        if isinstance(data, bytes) and _kind(data) == "script_finished":
            return time.perf_counter() - start


@dataclass
class Flood:
    """What one flood did."""

    messages: int
    sent_in_s: float = 0.0
    page_runs_for_flooder: int = 0
    flooder_closed_code: int | None = None
    unloaded_ms: list[float] = field(default_factory=list)
    during_ms: list[float] = field(default_factory=list)
    health_ms: list[float] = field(default_factory=list)
    health_failures: int = 0
    probe_timeouts: int = 0

    def ratio(self) -> float:
        if not self.during_ms:
            return float("inf")
        return statistics.median(self.during_ms) / statistics.median(self.unloaded_ms)


async def _flooder(url: str, flood: Flood, seconds: float) -> None:
    ws = await connect(url)
    message = rerun_message()
    start = time.perf_counter()
    try:
        for _ in range(flood.messages):
            await ws.send(message)
    except websockets.ConnectionClosed:
        pass
    flood.sent_in_s = time.perf_counter() - start
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            data = await asyncio.wait_for(ws.recv(), max(0.05, deadline - time.monotonic()))
            if isinstance(data, bytes) and _kind(data) == "script_finished":
                flood.page_runs_for_flooder += 1
    except websockets.ConnectionClosed as closed:
        flood.flooder_closed_code = closed.rcvd.code if closed.rcvd else None
    except TimeoutError:
        pass
    finally:
        await ws.close()


def _health(url: str, flood: Flood) -> None:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as response:
            ok = response.status == 200
    except OSError:
        ok = False
    if ok:
        flood.health_ms.append((time.perf_counter() - start) * 1000)
    else:
        flood.health_failures += 1


async def run(url: str, messages: int = 2000, probes: int = 8, seconds: float = 8.0) -> Flood:
    """Measure another session's reruns unloaded, then while one client sends `messages` reruns at once."""
    flood = Flood(messages)
    probe = await connect(url)
    try:
        await timed_rerun(probe)  # the first run warms the caches
        flood.unloaded_ms = [await timed_rerun(probe) * 1000 for _ in range(probes)]
        flooding = asyncio.create_task(_flooder(url, flood, seconds))
        await asyncio.sleep(0.05)
        deadline = time.monotonic() + seconds
        give_up = deadline + 4 * seconds  # bounded, whatever the server does
        while (time.monotonic() < deadline or len(flood.during_ms) < probes) and time.monotonic() < give_up:
            try:
                flood.during_ms.append(await timed_rerun(probe, timeout=max(1.0, give_up - time.monotonic())) * 1000)
            except TimeoutError:
                flood.probe_timeouts += 1
                break
            await asyncio.to_thread(_health, url, flood)
        await flooding
    finally:
        await probe.close()
    return flood


def report(flood: Flood) -> str:
    med = statistics.median
    during = flood.during_ms or [0.0]
    return "\n".join([
        f"flood of {flood.messages} reruns sent in {flood.sent_in_s * 1000:.0f} ms; the flooder got "
        f"{flood.page_runs_for_flooder} page runs and its connection closed with {flood.flooder_closed_code}",
        f"another session's rerun: unloaded median {med(flood.unloaded_ms):.0f} ms, during the flood median "
        f"{med(during):.0f} ms, max {max(during):.0f} ms ({len(flood.during_ms)} reruns, {flood.probe_timeouts} "
        f"timed out; {flood.ratio():.2f}x)",
        f"health: {len(flood.health_ms)} answered (max {max(flood.health_ms, default=0):.0f} ms), "
        f"{flood.health_failures} failed"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--url")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if args.url:
        flood = asyncio.run(run(args.url, args.messages))
    else:
        sys.path.insert(0, str(ROOT))
        from tests.browser.conftest import served

        with tempfile.TemporaryDirectory() as folder, served(Path(folder), ROOT / "data") as url:
            flood = asyncio.run(run(url, args.messages))
    print(report(flood))
    if args.json:
        args.json.write_text(json.dumps(asdict(flood), indent=2))


if __name__ == "__main__":
    main()
