"""Benchmark: the quote explorer against a raw DuckDB query and a minimal Streamlit page, at 10k-1M quotes.

For each size, scripts/synthetic_corpus.py builds a corpus in the project's own schema. One user
action is then timed five ways, each in its own process (so its peak RSS is its own) and in turns
(so a busy moment of the machine falls on all of them alike), for a common and a rare search word and for
the corpus's most frequent word (in most quotes), with a theme, two stigma types and a minimum quality
chosen as well:
  raw      one DuckDB query with ILIKE, the first 50 ids and the total (the baseline);
  minimal  a minimal Streamlit page (AppTest): that raw query and 50 bordered cards of escaped Markdown;
  query    the project's quotes_filtered query alone, 50 per page, run as the page runs it (rows, no DataFrame);
  page     the project's quote explorer, end to end (AppTest rerun of the app, 50 per page);
  shell    the same page with its query's rows kept from the first run: what the page costs apart from
           its query (AppTest itself, router, filters, cards, pager, downloads). Not a way to serve it.
Both pages compile their scripts once per process, as a server does (AppTest alone would compile them
again on every run).
Prints medians, p95, ratios and peak RSS, the file size, and whether every method returned the same
total and ids. Asserts no timing.
Usage: python scripts/benchmark_scale.py [--sizes 10000 100000 1000000] [--repeat 30] [--workdir DIR]
                                       [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from html import unescape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PER_PAGE = 50
WORDS = {"common": "judged", "rare": "midwife"}  # planted in ~1 % and ~0.03 % of quotes
# and the corpus's most frequent word, in most quotes ("and"): timed fewer times, it is the slow case
FREQUENT_SHARE_OF_REPEATS = 3
METHODS = ("raw", "minimal", "query", "page", "shell")

RAW_SQL = """
select q.id, count(*) over () as total, q.text, s.citation, q.page
from quotes as q
join studies as s on s.id = q.study_id
where q.theme_id = $theme
  and s.quality_score >= $min_quality
  and q.id in (select quote_id from quote_stigma where list_contains($stigma, stigma_type_id))
  and q.text ilike '%' || $word || '%'
order by q.position
limit 50
"""

MINIMAL_PAGE = """
import duckdb
import streamlit as st

@st.cache_resource
def connect():
    return duckdb.connect({db!r}, read_only=True)

def md(text):
    return "".join("\\\\" + c if c in "\\\\`*_{{}}[]()#+-.!|$<>~:" else c for c in text)

rows = connect().cursor().execute({sql!r}, {params!r}).fetchall()
st.subheader(f"{{rows[0][1] if rows else 0}} matching quotes")
for quote_id, _, text, citation, page in rows:
    with st.container(border=True):
        st.markdown(md(text) + "\\n\\n" + md(f"{{citation}}, p. {{page}}") + f"<!-- {{quote_id}} -->")
"""


def rss_mb() -> float:
    """This process's peak resident set size (VmHWM), in MB."""
    status = Path("/proc/self/status")
    if status.exists():
        return int(re.search(r"VmHWM:\s+(\d+)", status.read_text()).group(1)) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- the methods, each in its own long-lived process -------------------------------------------

def action(method: str, db: str, params: dict):
    """The timed call for one method, and a function reading (total, ids) from its last result."""
    raw = {"theme": params["theme"], "stigma": params["stigma"], "min_quality": params["min_quality"],
           "word": params["word"]}
    if method == "raw":
        from evidence.database import Database
        con = Database(db).open_read_only()
        return (lambda: con.execute(RAW_SQL, raw).fetchall()), lambda rows: (rows[0][1] if rows else 0,
                                                                             [r[0] for r in rows])
    if method == "query":
        from queries import run_rows
        args = dict(themes=[params["theme"]], subthemes=[], studies=[], stigma=params["stigma"], sources=[],
                    quote_ids=[], min_quality=params["min_quality"], search=params["word"], limit=PER_PAGE,
                    min_confidence=None, offset=0, records=None)
        return (lambda: run_rows("quotes_filtered", db_path=Path(db), **args),
                lambda rows: (rows[0].total_matches, [row.id for row in rows if row.id is not None]))
    from streamlit.testing.v1 import AppTest
    compile_once_per_process()
    if method == "minimal":
        at = AppTest.from_string(MINIMAL_PAGE.format(db=db, sql=RAW_SQL, params=raw), default_timeout=120)
    else:
        if method == "shell":
            keep_query_rows()
        os.environ.update(EVIDENCE_DB=db, EVIDENCE_DATA_DIR=str(ROOT / "data"))
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.switch_page("views/quotes.py")
        at.session_state["quotes_size"] = PER_PAGE
        for key, value in (("theme", params["theme"]), ("stigma", params["stigma"]),
                           ("min_quality", str(params["min_quality"])), ("q", params["word"])):
            at.query_params[key] = value
    return at.run, _page_result


def keep_query_rows() -> None:
    """Answer each distinct run_rows call from its first result, so that a rerun costs all but the query."""
    import queries
    run_rows, kept = queries.run_rows, {}

    def kept_rows(name, db_path=None, **params):
        key = (name, db_path, repr(sorted(params.items())))
        if key not in kept:
            kept[key] = run_rows(name, db_path, **params)
        return kept[key]
    queries.run_rows = kept_rows  # the page imports it from the module on every run


def compile_once_per_process() -> None:
    """Compile each script once, as a server does. AppTest gives every run a new ScriptCache, so it compiles
    the scripts again on each run (2 ms for the explorer's router and page), which a server never does."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner
    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared


def _page_result(at) -> tuple[int, list[str]]:
    if at.exception:
        raise SystemExit(f"the page failed: {at.exception}")
    total = int(re.match(r"\d+", at.subheader[0].value).group())
    bodies = [e.proto.body for e in at.html] + [e.value for e in at.markdown]
    found = [m for b in bodies for m in re.findall(r'data-quote="([^"]*)"|<!-- (\S+) -->', b)]
    return total, [unescape(a or b) for a, b in found]


def worker(method: str, db: str, params: dict) -> None:
    """Serve the driver: on each line "n", time n calls and print their ms; on "end", print the result."""
    run, read = action(method, db, params)
    result = run()  # warm-up: connections, imports, caches
    for line in sys.stdin:
        if line.strip() == "end":
            total, ids = read(result)
            print(json.dumps({"total": total, "ids": ids, "rss": rss_mb()}), flush=True)
            return
        times = []
        for _ in range(int(line)):
            start = time.perf_counter()
            result = run()
            times.append((time.perf_counter() - start) * 1000)
        print(json.dumps(times), flush=True)


def measure(db: Path, params: dict, repeat: int, rounds: int = 5) -> dict:
    """Time every method in turns, so that a busy moment of the machine falls on all of them alike."""
    procs = {m: subprocess.Popen([sys.executable, __file__, "--worker", m, "--db", str(db), "--params",
                                  json.dumps(params)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=tempfile.TemporaryFile("w+"), text=True, cwd=ROOT)  # noqa: SIM115
             for m in METHODS}
    times = {m: [] for m in METHODS}
    for _ in range(rounds):
        for method, proc in procs.items():
            proc.stdin.write(f"{max(1, repeat // rounds)}\n")
            proc.stdin.flush()
            times[method] += json.loads(_reply(method, proc))
    results = {}
    for method, proc in procs.items():
        proc.stdin.write("end\n")
        proc.stdin.flush()
        results[method] = {**json.loads(_reply(method, proc)), "times": times[method]}
        proc.wait()
    return results


def _reply(method: str, proc) -> str:
    line = proc.stdout.readline()
    if not line:  # Streamlit's bare-mode warnings go to stderr too, so it is shown only on failure
        proc.wait()
        proc.stderr.seek(0)
        raise SystemExit(f"the {method} worker stopped (exit {proc.returncode}):\n{proc.stderr.read()[-3000:]}")
    return line


# --- the driver ---------------------------------------------------------------------------------------

def corpus(db: Path, size: int) -> dict:
    """Make (or reuse) the corpus of `size` quotes; return the filters to time."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from synthetic_corpus import make

    from evidence import settings
    from evidence.build import health
    from evidence.database import file_identity
    from evidence.format.folder import source_hash
    meta = db.with_suffix(".json")
    info = json.loads(meta.read_text()) if meta.exists() else {}
    # A corpus from older sources or layout is made again: the explorer page would otherwise rebuild
    # the file from data/ on its first run and time the bundled review instead. A file changed since it
    # was made (the app rebuilt it from data/, with the current hash) is made again too.
    if not (db.exists() and info.get("file") == list(file_identity(db))
            and health(db).source_hash == source_hash(settings.data_dir())):
        start = time.perf_counter()
        info = make(db, size)
        info["seconds"] = round(time.perf_counter() - start, 1)
        info["file"] = list(file_identity(db))
        meta.write_text(json.dumps(info))
    quality = info["quality"]
    return {"theme": info["themes"][0], "stigma": info["stigma"][:2], "min_quality": quality[len(quality) // 3],
            "build_s": info["seconds"], "frequent": most_frequent_word(db)}


def most_frequent_word(db: Path) -> str:
    """The corpus's most frequent word (as the search index counts them), a word nearly every quote holds."""
    from evidence.database import Database
    with Database(db).open_read_only() as con:
        return con.execute("select word from search_words order by occurrences desc, word limit 1").fetchone()[0]


def summary(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def report(size: int, db: Path, filters: dict, repeat: int, records: list[dict]) -> list[str]:
    lines = [f"\n{size:,} quotes: file {db.stat().st_size / 1e6:.0f} MB, built in {filters['build_s']} s; "
             f"theme + 2 stigma types + quality >= {filters['min_quality']} + word, {PER_PAGE} per page"]
    lines.append(f"{'word':18} {'method':8} {'median ms':>9} {'p95 ms':>7} {'x raw':>6} {'x minimal':>9} "
                 f"{'peak RSS MB':>11} {'total':>6}  same ids as raw")
    words = {**WORDS, f"frequent ({filters['frequent']})": filters["frequent"]}
    for kind, word in words.items():
        params = {k: filters[k] for k in ("theme", "stigma", "min_quality")} | {"word": word}
        frequent = word == filters["frequent"]
        results = measure(db, params, max(5, repeat // FREQUENT_SHARE_OF_REPEATS) if frequent else repeat)
        base, minimal = (statistics.median(results[m]["times"]) for m in ("raw", "minimal"))
        for method, r in results.items():
            median, p95 = summary(r["times"])
            same = r["total"] == results["raw"]["total"] and r["ids"] == results["raw"]["ids"]
            lines.append(f"{kind:18} {method:8} {median:9.1f} {p95:7.1f} {median / base:6.2f} {median / minimal:9.2f} "
                         f"{r['rss']:11.0f} {r['total']:6}  {'yes' if same else 'NO'}")
            records.append({"quotes": size, "word": word, "kind": kind.split()[0], "method": method,
                            "median_ms": median, "p95_ms": p95, "peak_rss_mb": r["rss"], "total": r["total"],
                            "same_as_raw": same})
        print("\n".join(lines[-len(METHODS):]), flush=True)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--workdir", type=Path, help="keep the corpora here and reuse them on the next run")
    parser.add_argument("--json", type=Path, help="also write every figure to this file, one record per method")
    parser.add_argument("--worker", choices=METHODS, help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--params", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.db, json.loads(args.params))
        return
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        lines, records = [], []
        for size in args.sizes:
            db = workdir / f"corpus_{size}.duckdb"
            filters = corpus(db, size)
            print(f"\n{size:,} quotes ({db.stat().st_size / 1e6:.0f} MB)", flush=True)
            lines += report(size, db, filters, args.repeat, records)
        print("\n".join(["", "Summary"] + lines))
        if args.json:
            args.json.write_text(json.dumps(records, indent=1))


if __name__ == "__main__":
    main()
