"""API benchmark: the quotes route of the web API (api.py) at 100k and 1M quotes, as a program calls it.

For each size, makes (or reuses, with --workdir) a synthetic corpus (scripts/synthetic_corpus.py), serves it with
`streamlit run serve.py` on a free 127.0.0.1 port, and calls /api/v1/quotes.json with the explorer's filters, one
request at a time. Prints, per filter and overall, the median and p95 of the server's own time per request (the
`Server-Timing` header the API sets, from the request reaching the route to the answer built) and of the round
trip seen by this client. Not a test: it prints figures.

    python scripts/benchmark_api.py --sizes 100000 1000000 --repeat 50 --workdir /tmp/corpora
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from benchmark_load import start_server  # noqa: E402  (the same server the load benchmark starts)


def corpus(folder: Path, size: int) -> dict:
    """The corpus of `size` quotes (made once per folder) and what to filter it by."""
    from synthetic_corpus import COMMON, RARE, make

    db, meta = folder / f"corpus-{size}.duckdb", folder / f"corpus-{size}.json"
    if db.exists() and meta.exists():
        info = json.loads(meta.read_text())
    else:
        start = time.perf_counter()
        info = make(db, size)
        info["seconds"] = round(time.perf_counter() - start, 1)
        meta.write_text(json.dumps(info))
    quality = info["quality"]
    info["queries"] = {
        "no filter": [], "theme": [("theme", info["themes"][0])],
        "theme and 2 coded types": [("theme", info["themes"][0]), *(("stigma", s) for s in info["stigma"][:2])],
        "minimum quality": [("min_quality", str(quality[len(quality) // 3]))],
        "search, common word": [("q", COMMON)], "search, rare word": [("q", RARE)],
        "search, phrase": [("q", f"{COMMON} the")], "page 50 of 20": [("size", "20"), ("page", "50")],
    }
    return {**info, "db": db}


def call(url: str) -> tuple[float, float, int]:
    """The server's time (ms, from Server-Timing), the round trip (ms) and the rows of one request."""
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        body = json.loads(response.read())
        timing = response.headers.get("Server-Timing", "")
    trip = (time.perf_counter() - start) * 1000
    return float(re.search(r"dur=([0-9.]+)", timing).group(1)), trip, len(body["rows"])


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--workdir", type=Path, help="keep the corpora here and reuse them on the next run")
    args = parser.parse_args()
    folder = args.workdir or Path(tempfile.mkdtemp(prefix="api-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"{os.cpu_count()} CPU(s); {args.repeat} requests per filter, one at a time, after 3 to warm up\n")
    for size in args.sizes:
        info = corpus(folder, size)
        process, base = start_server(info["db"], folder / f"server-{size}.log")
        try:
            every_server, every_trip = [], []
            print(f"## {size:,} quotes (corpus made in {info.get('seconds', '?')} s)\n")
            print("| filter | rows | server median ms | server p95 ms | round trip median ms | round trip p95 ms |")
            print("|---|---:|---:|---:|---:|---:|")
            for name, query in info["queries"].items():
                url = f"{base}/api/v1/quotes.json?" + urlencode(query)
                for _ in range(3):
                    call(url)
                times = [call(url) for _ in range(args.repeat)]
                server, trip = [t[0] for t in times], [t[1] for t in times]
                every_server += server
                every_trip += trip
                print(f"| {name} | {times[0][2]} | {statistics.median(server):.1f} | {p95(server):.1f} | "
                      f"{statistics.median(trip):.1f} | {p95(trip):.1f} |")
            print(f"| **all** | | **{statistics.median(every_server):.1f}** | **{p95(every_server):.1f}** | "
                  f"{statistics.median(every_trip):.1f} | {p95(every_trip):.1f} |\n")
        finally:
            process.terminate()
            process.wait(timeout=10)


if __name__ == "__main__":
    main()
