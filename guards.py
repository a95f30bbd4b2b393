"""What one client may cost the server: ASGI middleware that serve.py puts in front of the app.

A Streamlit session is a websocket that sends a "rerun" message each time its reader changes something; every
rerun runs the page script. One client sending thousands of them starved every other session for minutes. Here
each connection's messages pass to the app at a human rate (a small burst, then a few a second); reruns that arrive
faster are coalesced, the newest kept (it carries the whole widget state, so nothing a reader chose is lost); a
connection that keeps flooding is closed; and one address may hold only so many connections at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
from collections import Counter, deque

from streamlit.proto.BackMsg_pb2 import BackMsg

log = logging.getLogger(__name__)

POLICY_VIOLATION = 1008  # websocket close codes
TRY_AGAIN_LATER = 1013
TOO_MANY = 429
REFUSED = "Too many open sessions from this address; close some tabs of the dashboard and try again."


def _setting(name: str, default: float) -> float:
    """A positive number from the environment, or the default (a bad value is logged, never fatal)."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = float(raw)
        if value > 0:
            return value
    except ValueError:
        pass
    log.warning("%s=%r is not a positive number; using %s", name, raw, default)
    return default


def is_rerun(message: dict) -> bool:
    """True for a websocket frame holding a Streamlit rerun request (a BackMsg whose type is rerun_script)."""
    data = message.get("bytes")
    if not data:
        return False
    back = BackMsg()
    try:
        back.ParseFromString(data)
    except Exception:  # not ours to judge: the app closes a connection that sends a malformed frame
        return False
    return back.WhichOneof("type") == "rerun_script"


class Bucket:
    """A token bucket: `burst` at once, refilled at `rate` a second."""

    def __init__(self, rate: float, burst: float):
        self.rate, self.burst = rate, burst
        self.tokens, self.stamp = burst, time.monotonic()

    def _refill(self) -> None:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now

    def take(self) -> bool:
        """Spend a token if there is one."""
        self._refill()
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False

    def wait(self) -> float:
        """Seconds until a token is there."""
        self._refill()
        return max(0.0, (1 - self.tokens) / self.rate)


class Inbox:
    """One connection's incoming messages, read as they come and handed to the app at the paced rate: a rerun
    that arrives while others wait replaces the waiting one; a connection over the flood limit is closed."""

    def __init__(self, receive, send, pace: Bucket, flood: Bucket, max_waiting: int, label: str):
        self._receive, self._send = receive, send
        self.pace, self.flood, self.max_waiting, self.label = pace, flood, max_waiting, label
        self.waiting: deque[tuple[dict, bool]] = deque()  # each message with whether it is a rerun
        self.arrived = asyncio.Event()
        self.reader: asyncio.Task | None = None

    async def receive(self) -> dict:
        """The next message for the app, no sooner than the pace allows (connect and disconnect at once)."""
        if self.reader is None:
            self.reader = asyncio.create_task(self._read())
        while True:
            if self.waiting:
                head, _ = self.waiting[0]
                if head["type"] != "websocket.receive" or self.pace.take():
                    return self.waiting.popleft()[0]
                await asyncio.sleep(self.pace.wait())
                continue
            self.arrived.clear()
            await self.arrived.wait()

    async def _read(self) -> None:
        while True:
            message = await self._receive()
            kind = message["type"]
            if kind == "websocket.disconnect":
                self.waiting.clear()  # nothing more will be answered
                self._put(message)
                return
            if kind == "websocket.receive" and not self.flood.take():
                await self._close(f"more than {self.flood.burst:.0f} messages at once and then over "
                                  f"{self.flood.rate:.0f} a second")
                return
            rerun = kind == "websocket.receive" and is_rerun(message)
            if rerun:  # the newest carries every widget's value: the ones still waiting are dropped
                self.waiting = deque(item for item in self.waiting if not item[1])
            if len(self.waiting) >= self.max_waiting:
                await self._close(f"more than {self.max_waiting} messages waiting")
                return
            self._put(message, rerun)

    def _put(self, message: dict, rerun: bool = False) -> None:
        self.waiting.append((message, rerun))
        self.arrived.set()

    async def _close(self, why: str) -> None:
        log.warning("closing a websocket from %s that flooded the server: %s", self.label, why)
        self.waiting.clear()
        with contextlib.suppress(Exception):  # already closing: the disconnect below is what matters
            await self._send({"type": "websocket.close", "code": POLICY_VIOLATION})
        self._put({"type": "websocket.disconnect", "code": POLICY_VIOLATION})

    def stop(self) -> None:
        if self.reader is not None:
            self.reader.cancel()


class FloodGuard:
    """ASGI middleware: pace each websocket's messages, coalesce its reruns, close a flooding one, and cap the
    connections one address holds. Plain HTTP (pages, health checks) passes untouched.

    The limits come from the environment: EVIDENCE_RERUNS_PER_SECOND (4) and EVIDENCE_RERUN_BURST (8) pace a
    connection; EVIDENCE_FLOOD_PER_SECOND (50) and EVIDENCE_FLOOD_BURST (400) are what closes it;
    EVIDENCE_CONNECTIONS_PER_ADDRESS (100) caps one address (raise it behind a proxy that shows every reader as one
    address)."""

    def __init__(self, app):
        self.app = app
        self.rate = _setting("EVIDENCE_RERUNS_PER_SECOND", 4)
        self.burst = _setting("EVIDENCE_RERUN_BURST", 8)
        self.flood_rate = _setting("EVIDENCE_FLOOD_PER_SECOND", 50)
        self.flood_burst = _setting("EVIDENCE_FLOOD_BURST", 400)
        self.per_address = int(_setting("EVIDENCE_CONNECTIONS_PER_ADDRESS", 100))
        self.open: Counter[str] = Counter()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "websocket":
            return await self.app(scope, receive, send)
        address = (scope.get("client") or ("unknown",))[0]
        if self.open[address] >= self.per_address:
            log.warning("refusing a websocket from %s: it already holds %d", address, self.open[address])
            await receive()  # the connect event
            if "websocket.http.response" in scope.get("extensions", {}):  # say why, as HTTP's "too many requests"
                await send({"type": "websocket.http.response.start", "status": TOO_MANY, "headers": [
                    (b"content-type", b"text/plain; charset=utf-8"), (b"retry-after", b"10")]})
                return await send({"type": "websocket.http.response.body", "body": REFUSED.encode()})
            return await send({"type": "websocket.close", "code": TRY_AGAIN_LATER})
        self.open[address] += 1
        inbox = Inbox(receive, send, Bucket(self.rate, self.burst), Bucket(self.flood_rate, self.flood_burst),
                      max_waiting=int(self.flood_burst), label=address)
        try:
            return await self.app(scope, inbox.receive, send)
        finally:
            inbox.stop()
            self.open[address] -= 1
            if not self.open[address]:
                del self.open[address]
