"""The scale benchmark runs, and on its synthetic corpus the explorer page and its query return exactly the raw
baseline's total and ids for every word: what its figures rest on. It asserts no timing."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT


def test_on_a_small_corpus_every_method_returns_the_raw_baselines_total_and_ids(tmp_path):
    run = subprocess.run([sys.executable, "scripts/benchmark_scale.py", "--sizes", "3000", "--repeat", "1",
                          "--workdir", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    summary = run.stdout.split("\nSummary\n", 1)[1]
    rows = [line.split() for line in summary.splitlines() if re.search(r"\b(raw|minimal|query|page|shell)\b +\d", line)]
    assert {(row[-1], row[-2].isdigit()) for row in rows} == {("yes", True)}, summary
    methods = {row[-8] for row in rows}
    assert methods == {"raw", "minimal", "query", "page", "shell"} and len(rows) == 15, summary
    assert max(int(row[-2]) for row in rows) >= 20, "no word matches enough quotes to compare pages of ids"
