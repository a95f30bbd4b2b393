"""A distressing quote's words never show on any page until the reader opens its content note."""

from __future__ import annotations

import html
import re

import duckdb
import pytest
import streamlit as st
import yaml
from streamlit.testing.v1 import AppTest

import queries
from evidence.build import build
from tests.conftest import content_notes, point_app_at
from tests.conftest import open_page as open_app_page

NOTE = "Content note"


def distressing(db) -> list[tuple[str, str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("select id, text from quotes where content_note is not null order by position").fetchall()


def choices(db, sql: str) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [r[0] for r in con.execute(sql).fetchall()]


def shown_outside_notes(at) -> str:
    """Everything a page shows that is not inside a content note: HTML, Markdown, code, tables."""
    notes = [e for e in at.expander if e.label.startswith(NOTE)]
    inside = [h.proto.body for e in notes for h in e.get("html")] + [c.value for e in notes for c in e.code]
    outside = [h.proto.body for h in at.html] + [c.value for c in at.code]
    for text in inside:
        outside.remove(text)
    # Quote cards draw their content notes as native disclosure elements, closed until opened.
    outside = [re.sub(r'<details class="quote-note">.*?</details>', "", body, flags=re.S) for body in outside]
    outside += [e.value for kind in ("markdown", "caption", "info", "warning", "subheader", "header")
                for e in getattr(at, kind)]
    outside += [e.label for e in at.expander]
    outside += [d.value.to_csv() for d in at.dataframe]
    plain = html.unescape("\n".join(outside))
    return " ".join(re.sub(r"\\(.)", r"\1", plain).split())


def opening_words(text: str, count: int = 5) -> str:
    return " ".join(text.split()[:count])


def pages(db) -> list[tuple[str, dict]]:
    """Every page, and every choice of the pages that show one thing at a time."""
    found = [("overview", {}), ("methods", {}), ("guide", {}), ("quotes", {}), ("quotes", {"quotes_size": 50})]
    found += [("themes", {"theme": t}) for t in choices(db, "select id from themes order by number")]
    found += [("studies", {"study": s}) for s in choices(db, "select id from studies where included")]
    found += [("stigma", {"stigma": s}) for s in choices(db, "select id from stigma_types")]
    themes = len(choices(db, "select id from themes"))
    found += [("present", {"slide": str(n)}) for n in range(1, themes + 8)]  # past the end shows the last
    return found


def test_the_bundled_review_has_distressing_quotes(built_db):
    assert distressing(built_db), "these tests would pass vacuously"


@pytest.fixture
def noted_review(monkeypatch, data_copy, tmp_path):
    """A second review: the bundled one with every distressing quote also naming a feared consequence,
    so the pages that list quotes by consequence have distressing quotes to list."""
    path = data_copy / "quotes.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    consequence = yaml.safe_load((data_copy / "stigma.yaml").read_text(encoding="utf-8"))
    first = next(iter(v for k, v in consequence.items() if "consequence" in k))[0]["id"]
    for quote in data["quotes"]:
        if quote.get("content_note"):
            quote["coding"]["consequences"] = [first]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    db = tmp_path / "noted.duckdb"
    result = build(data_copy, db)
    assert result.ok, result.problems
    point_app_at(monkeypatch, db, data_copy)
    yield db
    queries.close_all()


def open_page(page: str, **query) -> AppTest:
    """A page of whichever review the environment points at, with no connection or cache left over."""
    queries.close_all()
    st.cache_data.clear()
    st.cache_resource.clear()
    return open_app_page(page, **query)


def test_no_page_shows_a_distressing_quotes_words_outside_its_closed_note(use_db):
    assert_no_page_shows_distressing_words(use_db)


def test_nor_on_a_review_whose_distressing_quotes_name_feared_consequences(noted_review):
    assert_no_page_shows_distressing_words(noted_review)


def assert_no_page_shows_distressing_words(db) -> None:
    noted = distressing(db)
    for page, query in pages(db):
        size = query.pop("quotes_size", None)
        at = open_page(page, **query)
        if size:
            at.selectbox(key="quotes_size").set_value(size).run()
        shown = shown_outside_notes(at)
        for qid, text in noted:
            assert opening_words(text) not in shown, f"{page} {query}: {qid}'s opening words show outside its note"
        for note in (e for e in at.expander if e.label.startswith(NOTE)):
            assert note.proto.expanded is False, f"{page} {query}: a content note is open before the reader opens it"


def test_every_distressing_quote_is_behind_a_closed_note_in_the_explorer(app, built_db):
    noted = distressing(built_db)
    at = app("quotes", quote=[qid for qid, _ in noted])
    notes = content_notes(at)  # closed: a <details> without the open attribute
    assert len(notes) == len(noted) > 0
    for (qid, text), note in zip(noted, notes, strict=True):
        assert opening_words(text) in " ".join(html.unescape(note).split()), f"{qid}'s words are inside its note"
