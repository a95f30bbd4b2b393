"""Shared fixtures: a database built from data/ with the real build, and AppTest runs of the app."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import queries
from evidence.build import build

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
PAPER = ROOT.parent / "shared" / "seeds" / "meta-synthesis.txt"
SYNTHETIC = ROOT / "tests" / "fixtures" / "synthetic_review"
# The bundled review, and a synthetic fixture review of a different shape: tests that take `review` run on both.
REVIEWS = {"bundled": DATA, "synthetic": SYNTHETIC}


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    """The bundled review's database, built once per test session into a temporary folder."""
    db = tmp_path_factory.mktemp("db") / "evidence.duckdb"
    result = build(DATA, db)
    assert result.ok, "\n".join(map(str, result.problems))
    return db


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A scratch copy of data/ (YAML only) that a test may break."""
    target = tmp_path / "data"
    target.mkdir()
    for path in DATA.glob("*.yaml"):
        shutil.copy(path, target / path.name)
    return target


@pytest.fixture
def use_db(monkeypatch, built_db):
    """Point the app and the queries at the session's database, with no cache left over."""
    monkeypatch.setenv("EVIDENCE_DB", str(built_db))
    monkeypatch.setenv("EVIDENCE_DATA_DIR", str(DATA))
    queries.close_all()
    st.cache_data.clear()
    st.cache_resource.clear()
    yield built_db
    queries.close_all()


def open_page(page_name: str | None = None, **query) -> AppTest:
    """Open a page of the app in AppTest, optionally with URL query values, and check it raised nothing."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    if page_name:
        at.switch_page(f"views/{page_name}.py")
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def app(use_db):
    """A function that opens a page of the bundled review's app in AppTest."""
    return open_page


def html_text(at: AppTest) -> str:
    """All st.html bodies of a run, joined: what the page shows through literal HTML."""
    return "\n".join(element.proto.body for element in at.html)


@pytest.fixture(scope="session")
def review_dbs(tmp_path_factory) -> dict[str, Path]:
    """Each review's database, built once per test session with the real build."""
    built = {}
    for name, folder in REVIEWS.items():
        db = tmp_path_factory.mktemp(f"db-{name}") / "evidence.duckdb"
        result = build(folder, db)
        assert result.ok, "\n".join(map(str, result.problems))
        built[name] = db
    return built


@pytest.fixture(params=list(REVIEWS))
def review(request, monkeypatch, review_dbs) -> Path:
    """The app and the queries pointed at one review's database in turn: the bundled one, then the fixture."""
    monkeypatch.setenv("EVIDENCE_DB", str(review_dbs[request.param]))
    monkeypatch.setenv("EVIDENCE_DATA_DIR", str(REVIEWS[request.param]))
    queries.close_all()
    st.cache_data.clear()
    st.cache_resource.clear()
    yield review_dbs[request.param]
    queries.close_all()


@pytest.fixture
def any_app(review):
    """Like `app`, on whichever review `review` points at."""
    return open_page
