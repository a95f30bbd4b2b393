"""The scale benchmark runs, and on its synthetic corpus the explorer page, its query and the page without its
query return exactly the raw baseline's total and ids for every word: what its figures rest on. It asserts no
timing."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT


def test_on_a_small_corpus_every_method_returns_the_raw_baselines_total_and_ids(tmp_path):
    figures = tmp_path / "figures.json"
    run = subprocess.run([sys.executable, "scripts/benchmark_scale.py", "--sizes", "10000", "--repeat", "1",
                          "--workdir", str(tmp_path), "--json", str(figures)],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    records = json.loads(figures.read_text())
    assert {(r["kind"], r["method"]) for r in records} == {
        (kind, method) for kind in ("common", "rare", "frequent") for method in ("raw", "minimal", "query", "page",
                                                                               "shell")}
    assert all(r["same_as_raw"] for r in records), [r for r in records if not r["same_as_raw"]]
    totals = {r["kind"]: r["total"] for r in records if r["method"] == "raw"}
    # Pages of ids are compared, not just totals: two words match several quotes, one more than a page.
    assert totals["common"] >= 2 and totals["frequent"] > 50, totals
