"""The quote explorer: filters alone and combined, search, paging, links and notices."""

from __future__ import annotations

import re
from html import escape

import duckdb
import pytest

from evidence.build import build
from tests.conftest import content_notes, html_text, quote_cards, quote_ids_shown


def fetch_all(db, sql: str, params=()) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def fetch_one(db, sql: str, params=()) -> tuple:
    return fetch_all(db, sql, params)[0]


def expected_ids(db, where: str, params: list) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [r[0] for r in con.execute(f"select q.id from quotes q join studies s on s.id = q.study_id "
                                          f"where {where} order by q.position", params).fetchall()]


def test_opens_with_every_quote_counted(app, built_db):
    at = app("quotes")
    total = len(expected_ids(built_db, "true", []))
    assert at.subheader[0].value.startswith(f"{total} matching quotes")
    assert len(quote_ids_shown(at)) == 10


@pytest.mark.parametrize("key, value, where", [
    ("theme", ["stigma_identity"], "q.theme_id = 'stigma_identity'"),
    ("study", ["alang2015"], "q.study_id = 'alang2015'"),
    ("source", ["interview"], "q.source = 'interview'"),
    ("stigma", ["challenged"], "q.id in (select quote_id from quote_stigma where stigma_type_id = 'challenged')"),
    ("subtheme", ["separate_illness"],
     "q.id in (select quote_id from quote_subthemes where subtheme_id = 'separate_illness')"),
])
def test_each_filter_returns_exactly_its_quotes(app, built_db, key, value, where):
    at = app("quotes", **{key: value, "size": "50"})
    at.selectbox(key="quotes_size").set_value(50).run()
    assert quote_ids_shown(at) == expected_ids(built_db, where, [])


def test_filters_combine_and_minimum_quality_applies(app, built_db):
    at = app("quotes", stigma=["challenged"], min_quality="10")
    expected = expected_ids(built_db, "s.quality_score >= 10 and q.id in (select quote_id from quote_stigma "
                                      "where stigma_type_id = 'challenged')", [])
    assert quote_ids_shown(at) == expected and expected


def test_search_is_case_blind_counts_and_highlights(app, built_db):
    at = app("quotes", q="GOOD MOTHER")
    expected = expected_ids(built_db, "contains(lower(q.text), 'good mother')", [])
    assert len(expected) >= 2
    assert at.subheader[0].value.startswith(f"{len(expected)} matching quotes")
    assert quote_ids_shown(at) == expected
    assert html_text(at).count("<mark>good mother</mark>") == len(expected)


def test_widget_changes_are_written_to_the_url(app):
    at = app("quotes")
    at.multiselect(key="quotes_theme").set_value(["virtual_support"]).run()
    assert at.query_params["theme"] in ("virtual_support", ["virtual_support"])
    assert at.subheader[0].value.startswith("4 matching quotes")


def test_bad_url_values_give_a_notice_not_an_error(app):
    at = app("quotes", theme=["no_such_theme"], min_quality="high", page="0")
    notice = at.warning[0].value
    assert "no\\_such\\_theme" in notice and "high" in notice and "Page" in notice
    assert at.subheader[0].value.startswith("19 matching quotes")


def test_quote_link_shows_that_quote_alone(app):
    at = app("quotes", quote="q12")
    assert quote_ids_shown(at) == ["q12"]
    assert "take your child away" in html_text(at)


def test_distressing_quote_sits_behind_a_content_note(app, built_db):
    quote_id, note, text = fetch_one(built_db, "select id, content_note, text from quotes "
                                               "where content_note is not null order by position limit 1")
    at = app("quotes", quote=quote_id)
    [closed] = content_notes(at)
    assert closed.startswith(f'<details class="quote-note"><summary>Content note: {escape(note)}.')
    assert " open" not in closed.split(">", 1)[0]  # closed until the reader opens it
    assert escape(text[:30]) in closed


def test_second_page_continues_where_the_first_ended(app, built_db):
    at = app("quotes", page="2")
    assert quote_ids_shown(at) == expected_ids(built_db, "true", [])[10:20]


@pytest.mark.parametrize("term", ["%", "_", "o_d"])
def test_search_wildcards_match_literally(app, built_db, term):
    at = app("quotes", q=term)
    expected = expected_ids(built_db, "strpos(q.text, ?) > 0", [term])
    assert at.subheader[0].value.startswith(f"{len(expected)} matching quote")


def test_a_noted_quote_words_appear_only_inside_its_content_note(app, built_db):
    noted = expected_ids(built_db, "q.content_note is not null", [])
    at = app("quotes", quote=noted)
    cards = quote_cards(at)
    assert len(cards) == len(content_notes(at)) == len(noted)
    assert "Cite or share this quote" not in html_text(at)
    for card in cards:  # everything, the citation with the quote's words included, sits inside the note
        inner = card.split(">", 1)[1].removesuffix("</article>")
        assert inner.startswith('<details class="quote-note">') and inner.endswith("</details>")
        assert "?quote=" in inner and "ready to paste" in inner


def test_cards_show_data_text_literally(app, data_copy, tmp_path, monkeypatch):
    quotes = data_copy / "quotes.yaml"
    quotes.write_text(quotes.read_text(encoding="utf-8").replace("don't", "<b>don't</b> & *not*", 1), encoding="utf-8")
    db = tmp_path / "markup.duckdb"
    assert build(data_copy, db).ok
    monkeypatch.setenv("EVIDENCE_DB", str(db))
    monkeypatch.setenv("EVIDENCE_DATA_DIR", str(data_copy))
    at = app("quotes", q="<b>don't")
    assert quote_ids_shown(at) == [r[0] for r in fetch_all(db, "select id from quotes where text like '%<b>%'")]
    [shown] = re.findall(r'<blockquote class="quote-text">(.*?)</blockquote>', html_text(at))
    assert "<mark>&lt;b&gt;don&#x27;t</mark>&lt;/b&gt; &amp; *not*" in shown
    assert "<b>" not in html_text(at)


def test_every_card_offers_its_citation_and_link_behind_a_keyboard_reachable_summary(app):
    at = app("quotes")
    for card in quote_cards(at):
        assert "<summary>" in card  # <details>/<summary>: focusable and opened with Enter or Space
        assert "ready to paste" in card and "/quotes?quote=" in card


def test_link_to_many_quotes_reports_only_truly_unknown_ids(app, built_db):
    ids = expected_ids(built_db, "true", [])[:12]  # more than one page of linked quotes
    at = app("quotes", quote=[*ids, "no_such_quote"])
    assert at.subheader[0].value.startswith("12 matching quotes")
    notices = " ".join(w.value for w in at.warning)
    assert "no\\_such\\_quote" in notices and ids[-1] not in notices.replace("\\", "")
