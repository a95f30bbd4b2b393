"""Load at the protocol level: N sessions drive the quote explorer over Streamlit's websocket, as browsers would,
without browsers, so the machine's cores go to the server being measured.

    python scripts/benchmark_protocol.py --sessions 5 20 50 --seconds 60 --every 5 --rebuild-every 10

Starts `streamlit run serve.py` on a free loopback port over a copy of the bundled review. Each session opens the
explorer, then every --every seconds (with jitter) changes one filter (a theme, a coded type, a minimum quality, a
search, a page) as a browser sends it: a rerun of the explorer's fragment with every filter widget's value
(--mode filter, the default), or a rerun of the whole page with a new address, as following a link does (--mode
link). Each rerun sends the hashes of the messages the session has cached, as a browser does, so the server may
answer those by reference. With --rebuild-every S, a full `python -m evidence build` of the served database runs
every S seconds meanwhile (back to back when one takes longer), each in a process of its own.

Prints, per load: interactions completed and per second, errors (timeouts, closed connections, and answers that
show an exception, as a reader would see it), latency from the
send to the page script's end (p50/p90/p99), the server's CPU time per interaction (from /proc, user and system,
over the measured window), the same above the server's CPU at rest, an AppTest run of the page over the same kinds
of change (its CPU, measured just before the load) and the ratio of the two, bytes and messages received per
interaction, script runs per interaction (1.00 when no action runs the page twice), and the server's peak RSS. Not
a test: it prints figures.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

import minimal_page  # noqa: E402
from benchmark_flood import connect  # noqa: E402
from benchmark_load import cpu_seconds, rebuild_loop, start_server  # noqa: E402


@dataclass
class Load:
    sessions: int
    latencies: list[float] = field(default_factory=list)
    bytes_per: list[int] = field(default_factory=list)
    messages_per: list[int] = field(default_factory=list)
    runs: int = 0  # interactions answered
    page_runs: int = 0  # script runs they made (a run cut short for another counts too)
    errors: int = 0
    rebuilds: dict[str, int] = field(default_factory=lambda: {"rebuilds": 0, "failed_rebuilds": 0})


def rerun(query: str, cached: set[str]) -> bytes:
    back = BackMsg()
    back.rerun_script.query_string = query
    back.rerun_script.page_name = "quotes"
    back.rerun_script.cached_message_hashes.extend(sorted(cached))
    return back.SerializeToString()


WIDGETS = ("multiselect", "selectbox", "text_input", "pagination")


@dataclass
class Page:
    """What a browser knows of the explorer from the messages it was sent: each widget's id and options (by its key),
    the fragment a widget belongs to, the page's script hash and the address the page last wrote."""
    ids: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    options: dict[str, list[str]] = field(default_factory=dict)
    fragment: dict[str, str] = field(default_factory=dict)
    page_hash: str = ""
    query: str = ""

    def learn(self, forward: ForwardMsg) -> None:
        kind = forward.WhichOneof("type")
        if kind == "navigation":  # the page now shown, as the browser names it in its next rerun
            self.page_hash = forward.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query = forward.page_info_changed.query_string
        elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
            element = forward.delta.new_element
            widget = element.WhichOneof("type")
            if widget in WIDGETS:
                proto = getattr(element, widget)
                key = proto.id.rsplit("-", 1)[-1]
                if widget == "pagination":  # the main pager of the list shown now (the top one follows it)
                    key = "page" if not key.endswith("_top") else "page_top"
                self.ids[key], self.kinds[key] = proto.id, widget
                self.options[key] = list(getattr(proto, "options", []))
                self.fragment[key] = forward.delta.fragment_id


@dataclass
class Choices:
    """A reader's filters, as the browser sends them: every widget's value, in the widget's own terms."""
    values: dict[str, object] = field(default_factory=dict)

    def change(self, page: Page, rng: random.Random) -> str:
        """Change one filter as a reader would (a theme, a coded type, a minimum quality, a search, a page turn);
        returns the widget's key. With three filters in use, the rest are cleared first."""
        choosable = ("quotes_theme", "quotes_stigma", "quotes_min_quality", "quotes_q", "page")
        self.values.pop("page", None)  # a turn is made once; the next change of a filter starts at page 1
        key = rng.choice([k for k in choosable if k in page.ids])
        if sum(bool(v) and v != "Any" for v in self.values.values()) >= 3:
            self.values.clear()
        if key in ("quotes_theme", "quotes_stigma"):
            self.values[key] = [rng.choice(page.options[key])] if page.options[key] else []
        elif key == "quotes_min_quality":
            self.values[key] = rng.choice(page.options[key])
        elif key == "quotes_q":
            self.values[key] = rng.choice(["forum", "not alone", "the", "support", ""])
        else:
            self.values[key] = 2
        return key

    def message(self, page: Page, key: str, cached: set[str]) -> bytes:
        """The rerun a browser sends: every widget's value, the changed widget's fragment (its part alone reruns)."""
        back = BackMsg()
        run = back.rerun_script
        run.page_script_hash, run.query_string = page.page_hash, page.query
        run.fragment_id = page.fragment.get(key, "")
        run.cached_message_hashes.extend(sorted(cached))
        for name, widget_id in page.ids.items():
            state = run.widget_states.widgets.add()
            state.id = widget_id
            value, kind = self.values.get(name), page.kinds[name]
            if kind == "pagination":
                state.int_value = value if name == "page" and value else 1
            elif kind == "selectbox":  # its first option (the explorer's "Any", or its first page size) unless chosen
                state.string_value = value or page.options[name][0]
            elif kind == "text_input":
                state.string_value = value or ""
            else:
                state.string_array_value.data.extend(value or [])
        return back.SerializeToString()


def shows_exception(forward: ForwardMsg) -> bool:
    """Whether a message draws an exception box: the page script failed, and the reader sees it."""
    return forward.WhichOneof("type") == "delta" and forward.delta.WhichOneof("type") == "new_element" and \
        forward.delta.new_element.WhichOneof("type") == "exception"


async def interact(ws, query: str | bytes, cached: set[str], load: Load | None, timeout: float = 30,
                   page: Page | None = None) -> list[ForwardMsg]:
    """One rerun to the end of its page script's last run (a run cut short for another run, as st.rerun asks, is
    followed to the next): its latency, bytes and messages, and what it lets the session cache (and learn of the
    page). `query`: an address to rerun with, as following a link does, or a rerun message as is. Returns every
    message of the answer."""
    start, received, answer = time.perf_counter(), 0, []
    await ws.send(query if isinstance(query, bytes) else rerun(query, cached))
    while True:
        data = await asyncio.wait_for(ws.recv(), timeout)
        if not isinstance(data, bytes):
            continue
        received += len(data)
        forward = ForwardMsg()
        forward.ParseFromString(data)
        answer.append(forward)
        if forward.metadata.cacheable and forward.hash:
            cached.add(forward.hash)
        if page is not None:
            page.learn(forward)
        if forward.WhichOneof("type") == "script_finished" and \
                forward.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            break
    if load is not None:
        load.errors += any(map(shows_exception, answer))
        load.latencies.append(time.perf_counter() - start)
        load.bytes_per.append(received)
        load.messages_per.append(len(answer))
        load.runs += 1
        load.page_runs += sum(m.WhichOneof("type") == "script_finished" for m in answer)
    return answer


async def session(url: str, queries: list[str], deadline: float, every: float, seed: int, load: Load,
                  mode: str = "filter") -> None:
    rng = random.Random(seed)
    cached: set[str] = set()
    page, choices = Page(), Choices()
    try:
        ws = await connect(url)
    except (OSError, websockets.WebSocketException):
        load.errors += 1
        return
    try:
        await interact(ws, "", cached, None, timeout=60, page=page)  # the first view, not counted
        await asyncio.sleep(rng.uniform(0, every))
        while time.monotonic() < deadline:
            try:
                if mode == "link":
                    await interact(ws, rng.choice(queries), cached, load)
                else:
                    key = choices.change(page, rng)
                    await interact(ws, choices.message(page, key, cached), cached, load, page=page)
            except (TimeoutError, websockets.ConnectionClosed):
                load.errors += 1
                return
            await asyncio.sleep(max(0.0, every * rng.uniform(0.8, 1.2)))
    finally:
        await ws.close()


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def rebuild(data: Path, db: Path) -> bool:
    """A full `python -m evidence build` of the served database, in a process of its own (not the driver's, whose
    event loop times the sessions): whether it succeeded."""
    return subprocess.run([sys.executable, "-m", "evidence", "build", "--data", str(data), "--db", str(db)],
                          cwd=ROOT, capture_output=True, check=False).returncode == 0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else float("nan")


def queries_for(db: Path) -> list[str]:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        themes = [r[0] for r in con.execute("select id from themes order by number").fetchall()]
        types = [r[0] for r in con.execute("select id from stigma_types order by position").fetchall()]
        scores = [r[0] for r in con.execute("select distinct quality_score from studies where included and "
                                            "quality_score is not null order by 1").fetchall()]
    queries = [f"theme={t}" for t in themes] + [f"stigma={t}" for t in types[:3]]
    queries += [f"min_quality={s}" for s in scores[1:]] + ["q=forum", "q=not+alone", "page=2", "size=20"]
    queries += [f"theme={themes[0]}&q=the", f"theme={themes[-1]}&size=50"] if themes else []
    return queries


async def drive(url: str, pid: int, sessions: int, seconds: float, every: float, queries: list[str],
                load: Load, mode: str) -> tuple[float, float]:
    deadline = time.monotonic() + seconds
    cpu0, wall0 = cpu_seconds(pid), time.monotonic()
    await asyncio.gather(*(session(url, queries, deadline, every, n, load, mode) for n in range(sessions)))
    return cpu_seconds(pid) - cpu0, time.monotonic() - wall0


async def idle_cpu(url: str, pid: int, sessions: int, seconds: float = 10) -> float:
    """The server's CPU seconds per second with `sessions` sessions open and none acting: what it spends with no
    interaction at all (its event loop, Streamlit's polling of its own config files), apart from the interactions."""
    sockets = [await connect(url) for _ in range(sessions)]
    try:
        for ws in sockets:
            await interact(ws, "", set(), None, timeout=60)
        await asyncio.sleep(1)
        cpu0, wall0 = cpu_seconds(pid), time.monotonic()
        await asyncio.sleep(seconds)
        return (cpu_seconds(pid) - cpu0) / (time.monotonic() - wall0)
    finally:
        for ws in sockets:
            await ws.close()


def report(load: Load, seconds: float, cpu: float, idle: float, rss: float, rebuild_every: float | None,
           script: float) -> str:
    n = load.runs
    med = statistics.median
    done, failed = load.rebuilds["rebuilds"], load.rebuilds["failed_rebuilds"]
    rebuilds = f"every {rebuild_every:.0f} s ({done} done, {failed} failed)" if rebuild_every else "none"
    per = cpu * 1000 / max(n, 1)
    above = (cpu - idle * seconds) * 1000 / max(n, 1)
    return (f"| {load.sessions} | {rebuilds} "
            f"| {n} | {n / seconds:.1f} | {load.errors} | {percentile(load.latencies, .5) * 1000:.0f} | "
            f"{percentile(load.latencies, .9) * 1000:.0f} | {percentile(load.latencies, .99) * 1000:.0f} | "
            f"{idle * 1000:.1f} | {per:.0f} | {above:.0f} | {script:.1f} | {above / script:.2f} | "
            f"{med(load.bytes_per) / 1024 if n else 0:.1f} | "
            f"{med(load.messages_per) if n else 0:.0f} | {load.page_runs / max(n, 1):.2f} | {rss:.0f} |")


def minimal_apptest_cpu_ms(page_file: Path, db: Path, rounds: int = 3) -> float:
    """The median CPU time of one AppTest rerun of the minimal page over the same kinds of change (a theme, a search),
    measured as for the explorer."""
    import duckdb
    from streamlit.testing.v1 import AppTest
    with duckdb.connect(str(db), read_only=True) as con:
        themes = [row[0] for row in con.execute("select id from themes order by number").fetchall()]
    app = AppTest.from_file(str(page_file), default_timeout=120)
    app.run()
    times = []
    for r in range(rounds):
        for change in ("theme", "search", "none"):
            if change == "theme":
                app.multiselect(key="quotes_theme").set_value([themes[r % len(themes)]])
            elif change == "search":
                app.text_input(key="quotes_q").input(["forum", "not alone", "the"][r % 3])
            else:
                app.multiselect(key="quotes_theme").set_value([])
                app.text_input(key="quotes_q").input("")
            times.append(timed_run(app, "the minimal page"))
    return statistics.median(times)


def apptest_cpu_ms(db: Path, data: Path, queries: list[str], rounds: int = 3) -> float:
    """The median CPU time of one AppTest rerun of the explorer over the same views: the page script alone, with no
    server, no websocket and no browser (scripts compiled once, as a server does)."""
    os.environ.update(EVIDENCE_DB=str(db), EVIDENCE_DATA_DIR=str(data))
    from benchmark_scale import compile_once_per_process
    from streamlit.testing.v1 import AppTest
    compile_once_per_process()
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    app.switch_page("views/quotes.py")
    app.run()
    times = []
    for _ in range(rounds):
        for query in queries:
            for key in list(app.query_params):
                del app.query_params[key]
            for key, value in parse_qsl(query):
                app.query_params[key] = value
            times.append(timed_run(app, "the explorer"))
    return statistics.median(times)


def timed_run(app, page: str) -> float:
    """One AppTest run of `page`: its CPU time in ms; a run that fails stops the benchmark, saying why."""
    start = time.process_time()
    app.run()
    spent = (time.process_time() - start) * 1000
    if app.exception:
        raise SystemExit(f"{page} failed under AppTest: {app.exception}")
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[5, 20, 50])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--every", type=float, default=5, help="seconds between a session's interactions")
    parser.add_argument("--rebuild-every", type=float, help="rebuild the served database every S seconds")
    parser.add_argument("--mode", choices=["filter", "link"], default="filter",
                        help="filter: change a filter's widget, as a reader does (default); link: follow a link to "
                             "another view of the explorer")
    parser.add_argument("--page", choices=["explorer", "minimal"], default="explorer",
                        help="explorer: the quote explorer (default); minimal: the browser benchmark's minimal page "
                             "(one list of themes, one search, 50 cards) over the same rows, under the same load: "
                             "Streamlit's own cost of a rerun beside its page script")
    args = parser.parse_args()
    if args.page == "minimal" and args.mode == "link":
        parser.error("--mode link follows links to views of the explorer, which the minimal page has none of: use "
                     "--mode filter")
    folder = Path(tempfile.mkdtemp(prefix="protocol-bench-"))
    data = folder / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("*.duckdb*"))
    db = folder / "evidence.duckdb"
    subprocess.run([sys.executable, "-m", "evidence", "build", "--data", str(data), "--db", str(db)], cwd=ROOT,
                   check=True, capture_output=True)
    queries = queries_for(db)
    if args.page == "minimal":
        served = str(minimal_page.write(folder, db))
        print("AppTest: the minimal page over the same kinds of change (its whole script, with no server)")
    else:
        served = "serve.py"
        print("AppTest: the explorer showing the same kinds of views (the whole page script, with no server)")
    print("measured just before each load, in this process: the median of its runs' CPU\n")
    print(f"{os.cpu_count()} CPU(s); each session acts every {args.every:.0f} s (±20 %) for {args.seconds:.0f} s; "
          f"{'a change of one filter widget' if args.mode == 'filter' else f'{len(queries)} linked views'}\n")
    print("| sessions | rebuilds | interactions | per s | errors | p50 ms | p90 ms | p99 ms | server CPU ms per s at "
          "rest | server CPU ms per interaction | the same above rest | AppTest run ms | x AppTest run | KiB "
          "received per interaction | messages per interaction | page runs per interaction | server peak RSS MB |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for sessions in args.sessions:
        # Beside each load, not once for all: the machine's speed drifts over a run of several loads (medians of
        # the same AppTest runs 17-25 ms apart by minutes), and the ratio is to be a like-for-like one.
        script = minimal_apptest_cpu_ms(Path(served), db) if args.page == "minimal" else \
            apptest_cpu_ms(db, data, queries)
        process, url = start_server(db, folder / f"server-{sessions}.log", script=served)
        try:
            idle = asyncio.run(idle_cpu(url, process.pid, sessions))
            load = Load(sessions)
            stop = threading.Event()
            rebuilder = None
            if args.rebuild_every:
                rebuilder = threading.Thread(target=rebuild_loop, args=(lambda: rebuild(data, db), args.rebuild_every,
                                                                         stop, load.rebuilds))
                rebuilder.start()
            cpu, wall = asyncio.run(drive(url, process.pid, sessions, args.seconds, args.every, queries, load,
                                          args.mode))
            stop.set()
            if rebuilder:  # a rebuild still running would fall on the next load's measure
                rebuilder.join()
            print(report(load, wall, cpu, idle, peak_rss_mb(process.pid), args.rebuild_every, script), flush=True)
        finally:
            process.terminate()
            process.wait(timeout=10)


if __name__ == "__main__":
    main()
