"""The explorer's search answers from the build's word index exactly what a literal, case- and accent-blind
substring match of the quote text answers, for every kind of search."""

from __future__ import annotations

import random

import duckdb
import pytest

from queries import run_query

ANY = dict(themes=[], subthemes=[], studies=[], stigma=[], sources=[], quote_ids=[], min_quality=None,
    min_confidence=None, records=None,
           limit=None, offset=0)


CURLY, STRAIGHT = "\u2018\u2019\u201a\u201b\u201c\u201d\u201e", "\'\'\'\'\"\"\""


def literal_matches(db, needle: str) -> list[str]:
    """The reference: a plain scan of the text, no index; case, accents and curly quote marks folded."""
    fold = "translate(strip_accents(lower({})), $curly, $straight)"
    with duckdb.connect(str(db), read_only=True) as con:
        sql = f"select id from quotes where contains({fold.format('text')}, {fold.format('$needle')}) order by position"
        return [r[0] for r in con.execute(sql, {"needle": needle, "curly": CURLY, "straight": STRAIGHT}).fetchall()]


def searched(db, needle: str) -> list[str]:
    frame = run_query("quotes_filtered", db_path=db, **ANY, search=needle)
    return frame.id.dropna().tolist()


def needles(db) -> list[str]:
    """Pieces cut from the quotes themselves: inside words, across spaces, with punctuation; plus edge cases."""
    with duckdb.connect(str(db), read_only=True) as con:
        texts = [r[0] for r in con.execute("select text from quotes order by position").fetchall()]
    rng = random.Random(12)
    cuts = []
    for text in texts:
        for length in (2, 5, 9, 14, 25):
            start = rng.randrange(0, max(1, len(text) - length))
            cuts.append(text[start:start + length])
    return cuts + ["GOOD MOTHER", "e", "the", " ", "  ", "mother  ", "xqzv", "%", "_", "o_d", "'", ".",
                   "Mothér", "good mother and", "a bad", "don\u2019t", "\u201cnot", "\u2019", "i don\u2019t"]


def test_index_and_text_scan_agree_for_every_kind_of_search(built_db):
    wrong = {n: (searched(built_db, n), literal_matches(built_db, n)) for n in needles(built_db)}
    wrong = {n: pair for n, pair in wrong.items() if pair[0] != pair[1]}
    assert not wrong, wrong


@pytest.mark.parametrize("needle", ["GOOD", "good", "Good"])
def test_search_ignores_case(built_db, needle):
    assert searched(built_db, needle) == searched(built_db, "good") != []


def test_search_ignores_accents(tmp_path, data_copy):
    from evidence.build import build
    quotes = data_copy / "quotes.yaml"
    text = quotes.read_text(encoding="utf-8")
    assert "mother" in text
    quotes.write_text(text.replace("mother", "mothér", 1), encoding="utf-8")
    db = tmp_path / "accents.duckdb"
    assert build(data_copy, db).ok
    accented = searched(db, "mothér")
    assert accented and accented == searched(db, "MOTHER") == literal_matches(db, "mother")


def test_search_takes_curly_and_straight_quote_marks_alike(tmp_path, data_copy):
    from components.text import highlighted
    from evidence.build import build
    quotes = data_copy / "quotes.yaml"
    text = quotes.read_text(encoding="utf-8")
    assert "don't" in text
    quotes.write_text(text.replace("don't", "don\u2019t", 1), encoding="utf-8")  # one quote printed with a curly mark
    db = tmp_path / "marks.duckdb"
    assert build(data_copy, db).ok
    typed_on_a_phone, typed_on_a_keyboard = searched(db, "don\u2019t"), searched(db, "don't")
    assert typed_on_a_phone == typed_on_a_keyboard == literal_matches(db, "don't")
    assert len(typed_on_a_phone) >= 2, "quotes with either mark are found"
    assert highlighted("I don\u2019t and I don't", "DON'T").count("<mark>") == 2


def test_deriving_again_replaces_the_index_rather_than_adding_to_it(tmp_path, built_db):
    from evidence.build import derive
    db = tmp_path / "again.duckdb"
    db.write_bytes(built_db.read_bytes())
    count = "select (select count(*) from search_words), (select count(*) from search_postings), " \
            "(select count(*) from quote_tags), (select count(*) from quote_facets)"
    with duckdb.connect(str(db)) as con:
        before = con.execute(count).fetchall()
        derive(con)
        assert con.execute(count).fetchall() == before
        assert con.execute("select count(*) = count(distinct word) from search_words").fetchall()[0][0]
    assert searched(db, "good mother") == literal_matches(db, "good mother")


@pytest.mark.parametrize("text, term, marked", [
    ("A good Mothér.", "mother", "A good <mark>Mothér</mark>."),
    ("GOOD mother", "good m", "<mark>GOOD m</mark>other"),
    ("<b>bold</b> & bold", "bold", "&lt;b&gt;<mark>bold</mark>&lt;/b&gt; &amp; <mark>bold</mark>"),
    ("no match", "xyz", "no match"),
    ("a%b_c", "%b_", "a<mark>%b_</mark>c"),
])
def test_highlights_mark_what_the_search_matches_and_escape_the_rest(text, term, marked):
    from components.text import highlighted
    assert highlighted(text, term) == marked


def test_the_index_and_the_highlighter_fold_every_quote_mark_alike(built_db):
    """One list of quote marks (QUOTE_MARKS) serves the index's search_fold and the highlighter's fold: a mark one
    folds and the other keeps would find a quote and leave its match unmarked."""
    from components.text import _folded
    from evidence.format.declaration import QUOTE_MARKS

    marks = [*QUOTE_MARKS, "\u2032", "'", '"', "\u00e9"]
    with duckdb.connect(str(built_db), read_only=True) as con:
        folded = [con.execute("select search_fold(?)", [mark]).fetchone()[0] for mark in marks]
    assert folded == [_folded(mark)[0] for mark in marks]
    assert set(folded[:len(QUOTE_MARKS)]) <= {"'", '"'}
