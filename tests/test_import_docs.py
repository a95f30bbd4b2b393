"""docs/IMPORT.md is true: its commands run as written from a fresh folder, say what it says they say, and its
table of the template names every column the import reads."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from evidence.interchange.sheet import FINDING_COLUMNS, QUOTE_COLUMNS, STUDY_COLUMNS, THEME_COLUMNS
from tests.conftest import ROOT

DOC = (ROOT / "docs" / "IMPORT.md").read_text(encoding="utf-8")
COMMANDS = [line for block in re.findall(r"```sh\n(.*?)```", DOC, re.S) for line in block.splitlines()
            if line.startswith("python -m evidence") and "[" not in line and "project.qdpx" not in line]


def test_the_worked_examples_run_as_written(tmp_path):
    (tmp_path / "docs").symlink_to(ROOT / "docs")  # the example files, where the doc says they are
    (tmp_path / "tests").symlink_to(ROOT / "tests")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    assert [c.split()[3] for c in COMMANDS] == ["template", "import", "check", "build", "export", "import",
                                                "check", "export"]
    said = {}
    for command in COMMANDS:
        run = subprocess.run([sys.executable, *command.split()[1:]], cwd=tmp_path, env=env, capture_output=True,
                             text=True, timeout=120)
        assert run.returncode == 0, f"{command}\n{run.stderr}"
        said.setdefault(command.split()[3], []).append(run.stdout)
    claimed = re.findall(r"`import` reports what it wrote: ([^.(]*[^.(\s])", DOC)
    assert len(claimed) == 2 and all(c in out for c, out in zip(claimed, said["import"], strict=True))
    assert all("no problems found" in out and "still marked 'REPLACE:'" in out for out in said["check"])
    assert (tmp_path / "my-review" / "evidence.duckdb").is_file() and (tmp_path / "my-review.qdpx").is_file()
    serve = re.search(r"```sh\n(EVIDENCE_DATA_DIR=my-review EVIDENCE_DB=my-review/evidence.duckdb streamlit run "
                      r"serve.py)\n```", DOC)
    assert serve, "the doc says how to serve the import with the settings the app reads"


@pytest.mark.parametrize("sheet, columns", [("Studies", STUDY_COLUMNS), ("Themes", THEME_COLUMNS),
                                            ("Quotes", QUOTE_COLUMNS), ("Findings", FINDING_COLUMNS)])
def test_the_template_table_names_every_column(sheet, columns):
    row = next(line for line in DOC.splitlines() if line.startswith(f"| {sheet} |"))
    named = {c for c in columns if c.header in row or c.key in ("methodological_limitations", "coherence", "adequacy",
                                                                   "relevance") or c.key.endswith("_explanation")}
    assert named == set(columns), f"{sheet}: {[c.header for c in set(columns) - named]} not in docs/IMPORT.md"
    needed = row.split("|")[3]
    assert {c.header for c in columns if c.required} == {h.strip() for h in needed.split(",")}
