"""The app builds its own database on first start, and broken YAML never costs the last good build."""

from __future__ import annotations

import hashlib

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import queries
from evidence.build import build
from tests.conftest import ROOT


@pytest.fixture
def fresh_app(monkeypatch, data_copy, tmp_path):
    """Open the app on a scratch data folder and a database path of the test's own."""
    db = tmp_path / "built" / "evidence.duckdb"
    monkeypatch.setenv("EVIDENCE_DATA_DIR", str(data_copy))
    monkeypatch.setenv("EVIDENCE_DB", str(db))

    def run() -> AppTest:
        queries.close_all()
        st.cache_resource.clear()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.run()
        return at

    yield run, data_copy, db
    queries.close_all()


def test_first_start_builds_the_database(fresh_app):
    run, _, db = fresh_app
    assert not db.exists()
    at = run()
    assert not at.exception and not at.error
    assert db.exists() and at.title


def test_broken_yaml_names_the_problem_and_keeps_the_last_good_build(fresh_app):
    run, data, db = fresh_app
    assert build(data, db).ok
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    quotes = data / "quotes.yaml"
    quotes.write_text(quotes.read_text(encoding="utf-8").replace("page: 877", "page: eight", 1), encoding="utf-8")
    at = run()
    assert not at.exception
    assert "shows the last good build" in at.error[0].value
    assert "quotes.yaml:" in at.code[0].value and "fix:" in at.code[0].value
    assert at.title, "the pages still render from the last good build"
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_broken_yaml_with_no_earlier_build_stops_with_the_message(fresh_app):
    run, data, db = fresh_app
    (data / "themes.yaml").write_text("themes: [unclosed\n", encoding="utf-8")
    at = run()
    assert not at.exception
    assert "no earlier build" in at.error[0].value
    assert "themes.yaml:" in at.code[0].value
    assert not db.exists() and not at.title
