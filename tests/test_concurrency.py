"""Queries keep working while the database file is rebuilt under them, and then see the new build."""

from __future__ import annotations

import threading
import time

import pytest

import queries
from evidence.build import build
from queries import run_query
from tests.test_queries import quotes

THREADS = 6
SECONDS = 4.0


@pytest.fixture
def db(tmp_path, data_copy):
    path = tmp_path / "evidence.duckdb"
    assert build(data_copy, path).ok
    queries.close_all()
    yield path
    queries.close_all()


def _query_until(stop: threading.Event, db, done: list, errors: list) -> None:
    while not stop.is_set():
        try:
            frame = quotes(db, limit=20, offset=0)
            total = run_query("themes_overview", db_path=db)
            assert len(frame) and len(total), "a query returned no rows"
            done.append(1)
        except Exception as exc:  # every failure is counted, none may happen
            errors.append(repr(exc)[:200])


def test_queries_in_flight_survive_back_to_back_rebuilds(db, data_copy):
    stop, done, errors = threading.Event(), [], []
    threads = [threading.Thread(target=_query_until, args=(stop, db, done, errors)) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    rebuilds, deadline = 0, time.monotonic() + SECONDS
    try:
        while time.monotonic() < deadline or rebuilds < 3:  # a slow machine still sees several rebuilds
            assert build(data_copy, db).ok
            rebuilds += 1
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert rebuilds >= 2 and len(done) > THREADS
    assert errors == [], f"{len(errors)} failed queries of {len(done) + len(errors)}, e.g. {errors[:3]}"


def test_the_next_query_after_a_rebuild_sees_the_new_data(db, data_copy):
    first = quotes(db, limit=1, offset=0).iloc[0]
    quotes_yaml = data_copy / "quotes.yaml"
    text = quotes_yaml.read_text(encoding="utf-8")
    assert first.text in text
    quotes_yaml.write_text(text.replace(first.text, "Rebuilt " + first.text, 1), encoding="utf-8")
    assert build(data_copy, db).ok
    again = quotes(db, limit=1, offset=0).iloc[0]
    assert again.text == "Rebuilt " + first.text, "the connection still reads the build before the rebuild"
