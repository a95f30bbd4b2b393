"""Benchmark: how fast the quote explorer's query is on a corpus of a million quotes.

Builds the bundled review, copies it, multiplies its quotes (and their tags) in SQL up to the
requested size, then times the explorer's query shapes. Prints figures; asserts nothing.
Usage: python scripts/benchmark_scale.py [--quotes 1000000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evidence import settings  # noqa: E402
from evidence.build import build  # noqa: E402
from queries import close_all, run_query  # noqa: E402

BASE = dict(themes=[], subthemes=[], studies=[], stigma=[], sources=[], quote_ids=[], min_quality=None,
            search=None, limit=10, offset=0)


def inflate(db: Path, target: int) -> int:
    """Copy every quote and its tags under new ids until the table holds about `target` rows."""
    with duckdb.connect(str(db)) as con:
        original = con.execute("select count(*) from quotes").fetchone()[0]
        copies = max(1, target // original)
        con.execute(f"create temp table k as select range as k from range(1, {copies})")
        con.execute("""insert into quotes select q.id || '_' || k.k, q.position + k.k * 1000, q.study_id, q.page,
                       q.printed_citation, q.source, q.theme_id, q.text || ' #' || k.k, q.content_note
                       from quotes q, k""")
        for table, column in (("quote_subthemes", "subtheme_id"), ("quote_stigma", "stigma_type_id"),
                              ("quote_consequences", "consequence_id")):
            con.execute(f"insert into {table} select t.quote_id || '_' || k.k, t.{column}, t.provenance "
                        f"from {table} t, k")
        con.execute("checkpoint")
        return con.execute("select count(*) from quotes").fetchone()[0]


def timed(db: Path, repeat: int, **params) -> tuple[float, int]:
    """Median wall time (ms) of quotes_filtered with these parameters, and its total_matches."""
    times, total = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        frame = run_query("quotes_filtered", db_path=db, **{**BASE, **params})
        times.append((time.perf_counter() - start) * 1000)
        total = int(frame.total_matches.iloc[0])
    return statistics.median(times), total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "big.duckdb"
        build(settings.data_dir(), db)
        start = time.perf_counter()
        size = inflate(db, args.quotes)
        print(f"corpus: {size:,} quotes (inflated in {time.perf_counter() - start:.1f} s)")
        cases = {
            "first page, no filter": {},
            "page 5,000, no filter": {"offset": 49_990},
            "one theme": {"themes": ["__first_theme__"]},
            "subtheme + stigma type": {"subthemes": ["__first_subtheme__"], "stigma": ["__first_stigma__"]},
            "min quality + source": {"min_quality": 10, "sources": ["forum post"]},
            "text search": {"search": "not alone"},
            "everything combined": {"themes": ["__first_theme__"], "search": "mother", "min_quality": 7},
        }
        first = {"__first_theme__": run_query("themes_overview", db_path=db).id.iloc[0],
                 "__first_subtheme__": run_query("subthemes", db_path=db).id.iloc[0],
                 "__first_stigma__": run_query("stigma_types", db_path=db).id.iloc[0]}
        print(f"{'query':32} {'median ms':>10} {'matches':>10}")
        for name, params in cases.items():
            params = {k: [first.get(v, v) for v in val] if isinstance(val, list) else val
                      for k, val in params.items()}
            ms, total = timed(db, args.repeat, **params)
            print(f"{name:32} {ms:10.1f} {total:10,}")
        close_all()


if __name__ == "__main__":
    main()
