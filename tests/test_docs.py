"""docs/DATA.md is the database's own documentation: current, and complete for every table and column."""

from __future__ import annotations

import difflib

import duckdb

from evidence.data_reference import render
from tests.conftest import ROOT

DATA_MD = ROOT / "docs" / "DATA.md"


def test_data_md_is_regenerated_from_the_current_schema(built_db):
    expected = render(built_db)
    actual = DATA_MD.read_text(encoding="utf-8")
    diff = "".join(list(difflib.unified_diff(actual.splitlines(True), expected.splitlines(True),
                                             "docs/DATA.md", "render(database)"))[:40])
    assert actual == expected, f"docs/DATA.md is out of date: run `python -m evidence docs`.\n{diff}"


def test_every_table_and_column_has_a_comment(built_db):
    with duckdb.connect(str(built_db), read_only=True) as con:
        tables = con.execute("select table_name, comment from duckdb_tables() where not internal").fetchall()
        columns = con.execute("select table_name, column_name, comment from duckdb_columns() "
                              "where not internal").fetchall()
    assert len(tables) >= 10 and len(columns) > len(tables)
    assert not [t for t, comment in tables if not (comment or "").strip()], "tables without a comment"
    assert not [f"{t}.{c}" for t, c, comment in columns if not (comment or "").strip()], "columns without a comment"


def test_data_md_documents_every_table_and_column(built_db):
    text = DATA_MD.read_text(encoding="utf-8")
    with duckdb.connect(str(built_db), read_only=True) as con:
        columns = con.execute("select table_name, column_name from duckdb_columns() where not internal").fetchall()
    sections = dict.fromkeys(t for t, _ in columns)
    assert not [t for t in sections if f"## `{t}`" not in text]
    for table in sections:
        body = text.split(f"## `{table}`")[1].split("\n## ")[0]
        assert not [c for t, c in columns if t == table and f"| `{c}` |" not in body], table
