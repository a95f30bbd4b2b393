"""What a clinician waits for: one Chromium session acts on the quote explorer and on a minimal Streamlit page over
the same DuckDB rows, and each action is timed from the keystroke or click that makes it to the page's redrawn
cards, at 10k and 100k quotes.

    python scripts/benchmark_browser.py [--sizes 10000 100000] [--rounds 6] [--workdir DIR]

For each size, scripts/synthetic_corpus.py makes a corpus in the project's own schema (benchmark_scale.corpus,
reused between runs). Two servers run side by side, both with the project's .streamlit/config.toml:
  explorer  `streamlit run serve.py` over the corpus, the quote explorer as served (guards included);
  minimal   a page of one multiselect of themes, one search box and one pager over the same rows, its query in
            DuckDB, and 50 bordered cards of escaped Markdown (scripts/minimal_page.py).
Both pages get rounds of the same five kinds of action in the same order. The explorer: choose a theme, turn a page,
add a coded type, set a minimum quality, search a word; the minimal page, which has one list: choose a theme, turn a
page, add a theme, add a third theme, search the same word. Each round starts from a fresh page load, which is not
timed. An action's time runs from
the key press or click that makes it to the browser's receipt of the rerun's script_finished message (Streamlit's
websocket, read with Playwright) and the next animation frame after it, when the cards are drawn. Prints p50/p90
for both pages and their ratio; then, per kind of action (a choice from a list, a page turn, a search), each page's
p50 and their ratio. Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import NoReturn

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

import minimal_page  # noqa: E402
from benchmark_load import start_server  # noqa: E402
from benchmark_protocol import percentile  # noqa: E402
from benchmark_scale import WORDS, corpus  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from tests.browser.conftest import CHROMIUM_ARGS, READY, chromium_path  # noqa: E402


class Timer:
    """Times actions on one tab: from the action to the rerun's script_finished and the next frame drawn."""

    def __init__(self, tab):
        self.tab, self.finished = tab, 0
        self.sent = self.first = self.done = 0.0  # when this action's rerun was sent, answered, finished
        self.parts: list[tuple[str, float, float, float, float]] = []  # per action: its name and its stages
        tab.on("websocket", self._socket)

    def _socket(self, ws) -> None:
        ws.on("framereceived", self._frame)
        ws.on("framesent", self._sent)

    def _sent(self, payload) -> None:
        if not self.sent:
            self.sent = time.perf_counter()

    def _frame(self, payload) -> None:
        if isinstance(payload, bytes | bytearray):
            message = ForwardMsg()
            message.ParseFromString(bytes(payload))
            if self.sent and not self.first:
                self.first = time.perf_counter()
            if message.WhichOneof("type") == "script_finished":
                self.finished += 1
                self.done = self.done or time.perf_counter()

    def times(self, kind: str | None = None) -> list[float]:
        """Each action's whole time (the sum of its stages); only those of one kind of action (ALIKE) if given."""
        return [sum(stages) for name, *stages in self.parts if kind is None or ALIKE.get(name) == kind]

    def settle(self) -> None:
        """Wait until no rerun has finished for 400 ms (a page load's runs, an earlier action's)."""
        seen, quiet = self.finished, time.monotonic()
        while time.monotonic() - quiet < 0.4:
            self.tab.wait_for_timeout(20)
            if self.finished != seen:
                seen, quiet = self.finished, time.monotonic()

    def act(self, prepare, name: str = "") -> None:
        """Time one action and its stages: until its rerun is sent, until the server's first answer, until
        script_finished, until the next frame. `prepare` readies it once the page is quiet (a list opened, a box
        filled: not timed) and returns the key press or click that makes it."""
        self.settle()
        action = prepare()
        before = self.finished
        self.sent = self.first = self.done = 0.0
        start = time.perf_counter()
        action()
        deadline = time.monotonic() + 60
        while self.finished == before:
            if time.monotonic() > deadline:
                give_up(self.tab, "stuck", f"no rerun finished within 60 s of action {len(self.parts) + 1} on "
                                           f"{self.tab.url}")
            self.tab.wait_for_timeout(2)
        self.tab.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")
        end = time.perf_counter()
        sent, first, done = (t or start for t in (self.sent, self.first, self.done))
        self.parts.append((name, (sent - start) * 1000, (first - sent) * 1000, (done - first) * 1000,
                           (end - done) * 1000))


def give_up(tab, name: str, why: str) -> NoReturn:
    """Stop the benchmark, saying why, with a screenshot of the tab in the temporary folder."""
    shot = Path(tempfile.gettempdir()) / f"benchmark-browser-{name}.png"
    tab.screenshot(path=str(shot))
    raise SystemExit(f"{why} (a screenshot: {shot})")


def choose(tab, label: str, option: str) -> callable:
    """Open a multiselect and type an option's name; the action is the click on that option (its list then
    closed)."""
    box = tab.locator('[data-testid="stMultiSelect"]').filter(has_text=label).first.locator("input")
    choice = tab.get_by_role("option", name=option, exact=True)
    for attempt in range(3):  # the list sometimes opens unfiltered or closes again as a redraw ends: once more
        box.click()
        box.fill(option)
        try:
            choice.wait_for(timeout=10_000)
            break
        except PlaywrightTimeout:
            tab.keyboard.press("Escape")
            if attempt == 2:
                give_up(tab, "option", f"no option {option!r} in the list {label!r} after three tries")

    def click() -> None:
        choice.click()
        tab.keyboard.press("Escape")
    return click


def pick(tab, label: str, option: str) -> callable:
    """Type an option's name into a selectbox; the action is the Enter that chooses it."""
    tab.locator('[data-testid="stSelectbox"]').filter(has_text=label).first.locator("input").fill(option)
    return lambda: tab.keyboard.press("Enter")


def search(tab, word: str) -> callable:
    tab.get_by_label("Search the quotes").fill(word)
    return lambda: tab.keyboard.press("Enter")


def open_page(tab, url: str, drawn: str = READY) -> None:
    """Load a page afresh (a new session) in the tab in front (a tab behind another gets its frames throttled to
    about one a second) and wait until it is drawn (`drawn` present: the explorer's footer comes after its cards)
    and its script has finished."""
    tab.bring_to_front()
    tab.goto(url)
    tab.wait_for_selector(drawn, timeout=60_000)
    tab.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)


def explorer_round(timer: Timer, url: str, names: dict, r: int) -> None:
    tab = timer.tab
    open_page(tab, f"{url}/quotes?size=50")  # 50 cards a page, as on the minimal page
    themes, types, scores = names["themes"], names["types"], names["scores"]
    timer.act(lambda: choose(tab, "Theme", themes[r % len(themes)]), "theme")
    turn_page(timer, r)
    # the type with the most quotes, every round
    timer.act(lambda: choose(tab, names["type_label"], types[0]), "coded type")
    timer.act(lambda: pick(tab, "Minimum study quality", f"{scores[len(scores) // 3]} or more"), "minimum quality")
    timer.act(lambda: search(tab, list(WORDS.values())[r % 2]), "search")


def minimal_round(timer: Timer, url: str, names: dict, r: int) -> None:
    """The explorer's round, action for action, in the minimal page's widgets: the same kind of action in the same
    place of the round (its list of themes stands in for the explorer's other lists)."""
    tab = timer.tab
    open_page(tab, url, "h3")
    themes = names["themes"]
    timer.act(lambda: choose(tab, "Theme", themes[r % len(themes)]), "theme")
    turn_page(timer, r)
    timer.act(lambda: choose(tab, "Theme", themes[(r + 1) % len(themes)]), "add a theme")
    timer.act(lambda: choose(tab, "Theme", themes[(r + 2) % len(themes)]), "add a third theme")
    timer.act(lambda: search(tab, list(WORDS.values())[r % 2]), "search")


def turn_page(timer: Timer, r: int) -> None:
    """Turn to page 2 with the first pager, where there is one."""
    tab = timer.tab
    # The button named exactly "Page 2": a name of "2" alone also finds "Page 12" or "Page 332"
    pager = tab.locator('[data-testid="stPagination"]').first.get_by_role("button", name="Page 2", exact=True)
    try:
        pager.wait_for(timeout=10_000)
    except PlaywrightTimeout:  # no second page drawn: the turn is left out of this round, and said so
        print(f"(round {r + 1}: no page 2 to turn to at {tab.url})", file=sys.stderr)
    else:
        timer.act(lambda: pager.click, "page")


def names_of(db: Path) -> dict:
    import duckdb
    with duckdb.connect(str(db), read_only=True) as con:
        # the themes and types with the most quotes first, so that a page turn always has a second page
        themes = [r[0] for r in con.execute("select t.name from themes as t join quotes as q on q.theme_id = t.id "
                                            "group by t.name order by count(*) desc, t.name").fetchall()]
        types = [r[0] for r in con.execute("select t.label from stigma_types as t join quote_stigma as q on "
                                           "q.stigma_type_id = t.id group by t.label order by count(*) desc, "
                                           "t.label").fetchall()]
        scores = [r[0] for r in con.execute("select distinct quality_score from studies where included and "
                                            "quality_score is not null order by 1").fetchall()]
    return {"themes": themes, "types": types, "scores": scores}


def figures(times: list[float]) -> tuple[float, float]:
    return statistics.median(times), percentile(times, 0.9)


def stages(title: str, parts: list) -> str:
    """Median ms of each stage, per kind of action: until the rerun is sent, until the first answer (the server's
    queue and the script's first element), until script_finished (the rest of the script), until the next frame."""
    lines = [f"{title}: action | n | to send | to first answer | to script_finished | to next frame"]
    for name in dict.fromkeys(p[0] for p in parts):
        rows = [p[1:] for p in parts if p[0] == name]
        medians = (f"{statistics.median(stage):.0f}" for stage in zip(*rows, strict=True))
        lines.append(f"  {name} | {len(rows)} | " + " | ".join(medians))
    return "\n".join(lines)


# The kinds of action, by the names each page's rounds give them: like compared with like, one kind at a time.
CHOICE = "a choice from a list"
ALIKE = {"theme": CHOICE, "coded type": CHOICE, "minimum quality": CHOICE, "add a theme": CHOICE,
         "add a third theme": CHOICE, "search": "a search", "page": "a page turn"}


def alike(size: int, timers: dict) -> list[str]:
    """Per kind of action that both pages made: each page's p50 and their ratio."""
    lines = []
    for kind in dict.fromkeys(ALIKE.values()):
        times = {label: timer.times(kind) for label, timer in timers.items()}
        if not all(times.values()):  # no such action on a page (no second page to turn to, say)
            continue
        (e50, _), (m50, _) = figures(times["explorer"]), figures(times["minimal"])
        lines.append(f"| {size:,} | {kind} | {len(times['explorer'])} | {e50:.0f} | {len(times['minimal'])} | "
                     f"{m50:.0f} | {e50 / m50:.2f} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--stages", action="store_true", help="also print each kind of action's stages")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "evidence-bench")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"{os.cpu_count()} CPU(s); {args.rounds} rounds of 5 actions a page; ms from the action to the redrawn "
          "cards\n")
    print("| quotes | explorer p50 | explorer p90 | minimal p50 | minimal p90 | p50 ratio | p90 ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    by_kind = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for size in args.sizes:
            db = args.workdir / f"corpus-{size}.duckdb"
            corpus(db, size)
            names = names_of(db)
            page_file = minimal_page.write(args.workdir, db)
            explorer, explorer_url = start_server(db, args.workdir / "explorer.log")
            minimal, minimal_url = start_server(db, args.workdir / "minimal.log", script=str(page_file))
            try:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                tab = context.new_page()
                tab.set_default_timeout(60_000)
                open_page(tab, f"{explorer_url}/quotes")  # the explorer names its coded types in the review's term
                tab.wait_for_function("() => document.querySelectorAll("
                                      "'[data-testid=\"stMultiSelect\"] [data-testid=\"stWidgetLabel\"]').length > 2")
                labels = tab.locator('[data-testid="stMultiSelect"] [data-testid="stWidgetLabel"]').all_inner_texts()
                names["type_label"] = next(t for t in labels if "type" in t.lower())
                timers = {"explorer": Timer(tab), "minimal": None}
                minimal_tab = context.new_page()
                minimal_tab.set_default_timeout(60_000)
                timers["minimal"] = Timer(minimal_tab)
                for r in range(args.rounds):  # in turns, so a busy moment of the machine falls on both alike
                    explorer_round(timers["explorer"], explorer_url, names, r)
                    minimal_round(timers["minimal"], minimal_url, names, r)
                context.close()
            finally:
                for process in (explorer, minimal):
                    process.terminate()
                    process.wait(timeout=10)
            if args.stages:
                for label, timer in timers.items():
                    print(stages(f"{size:,} {label}", timer.parts), file=sys.stderr)
            (e50, e90), (m50, m90) = figures(timers["explorer"].times()), figures(timers["minimal"].times())
            print(f"| {size:,} | {e50:.0f} | {e90:.0f} | {m50:.0f} | {m90:.0f} | {e50 / m50:.2f} | {e90 / m90:.2f} |",
                  flush=True)
            by_kind += alike(size, timers)
        browser.close()
    print("\nThe same kind of action on both pages:\n")
    print("| quotes | action | explorer n | explorer p50 | minimal n | minimal p50 | p50 ratio |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    print("\n".join(by_kind))


if __name__ == "__main__":
    main()
