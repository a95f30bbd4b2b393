"""Shared fixtures: a database built from data/ with the real build, and AppTest runs of the app."""

from __future__ import annotations

import html
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
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


def source_text(path: Path, what: str) -> str:
    """A source text beside the project: absent, its tests skip locally and fail in CI (env CI set)."""
    if not path.is_file():
        message = f"{what} is not at {path}"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; CI must have it, or these tests would pass by skipping")
        pytest.skip(f"{message} (it is present in CI)")
    return path.read_text(encoding="utf-8")


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


def point_app_at(monkeypatch, db: Path, data_dir: Path) -> None:
    """Point the app and the queries at one database and its sources, with no connection or cache left over."""
    monkeypatch.setenv("EVIDENCE_DB", str(db))
    monkeypatch.setenv("EVIDENCE_DATA_DIR", str(data_dir))
    queries.close_all()
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def use_db(monkeypatch, built_db):
    """Point the app and the queries at the session's database, with no cache left over."""
    point_app_at(monkeypatch, built_db, DATA)
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


def slide_total() -> int:
    """How many slides the deck of the review the app reads has, as its first slide says (a theme takes as many
    slides as its quotes need)."""
    return int(re.search(r"Slide 1 of (\d+)", html_text(open_page("present"))).group(1))


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
    point_app_at(monkeypatch, review_dbs[request.param], REVIEWS[request.param])
    yield review_dbs[request.param]
    queries.close_all()


@pytest.fixture
def synthetic(monkeypatch, review_dbs) -> Path:
    """The app and the queries pointed at the synthetic fixture review alone, for what only its shape has."""
    point_app_at(monkeypatch, review_dbs["synthetic"], SYNTHETIC)
    yield review_dbs["synthetic"]
    queries.close_all()


@pytest.fixture
def any_app(review):
    """Like `app`, on whichever review `review` points at."""
    return open_page


class _TableParser(HTMLParser):
    """Reads the app's HTML tables (components/html_table.py): cell texts, and each link's address."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self._cell, self._href = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"head": [], "rows": []})
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("th", "td"):
            self._cell, self._href = [], None
        elif tag == "a" and self._cell is not None:
            self._href = dict(attrs).get("href")

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            table, text = self.tables[-1], "".join(self._cell)
            (table["head"] if tag == "th" else table["rows"][-1]).append((text, self._href))
            self._cell = None


def _as_numbers(column: pd.Series) -> pd.Series:
    # Cells are text in HTML; whole numbers are compared as numbers, like the data they came from.
    if len(column) and column.map(lambda v: isinstance(v, str) and v.lstrip("-").isdigit()).all():
        return column.astype(int)
    return column


def html_tables(at: AppTest) -> list[pd.DataFrame]:
    """Every distinct HTML table the run drew, as a frame; a linked column also gets '<column> link'."""
    parser = _TableParser()
    parser.feed(html_text(at))
    frames, seen = [], set()
    for table in parser.tables:
        head = [text for text, _ in table["head"]]
        body = [row for row in table["rows"] if row]
        data = {name: _as_numbers(pd.Series([row[i][0] for row in body], dtype=object)) for i, name in enumerate(head)}
        for i, name in enumerate(head):
            if any(row[i][1] for row in body):
                data[f"{name} link"] = [row[i][1] for row in body]
        frame = pd.DataFrame(data)
        signature = frame.to_json()
        if signature not in seen:  # a table drawn twice (wide and narrow layouts) counts once
            seen.add(signature)
            frames.append(frame)
    return frames


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    """The one HTML table of the run that has this column."""
    matches = [t for t in html_tables(at) if column in t.columns]
    assert len(matches) == 1, f"{len(matches)} tables with a column {column!r}"
    return matches[0]


def quote_cards(at: AppTest) -> list[str]:
    """The HTML of each quote card a run shows, in order."""
    return re.findall(r'<article class="quote-card".*?</article>', html_text(at), flags=re.DOTALL)


def quote_ids_shown(at: AppTest) -> list[str]:
    """The ids of the quote cards a run shows, in order."""
    return [html.unescape(m) for card in quote_cards(at) for m in re.findall(r'data-quote="([^"]*)"', card)]


def content_notes(at: AppTest) -> list[str]:
    """The cards that stay closed behind a content note: each note's <details> element."""
    return re.findall(r'<details class="quote-note">.*?</details>(?=</article>)', html_text(at), flags=re.DOTALL)
