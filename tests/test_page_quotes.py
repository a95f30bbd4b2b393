"""The quote explorer: filters alone and combined, search, paging, links and notices."""

from __future__ import annotations

import re
from html import escape

import duckdb
import pytest

from components.text import highlighted
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
    ("source", ["interview"], "q.source_id = 'interview'"),
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


def test_search_highlight_escapes_the_match_and_the_text_around_it(app, built_db):
    term = "don't"  # an apostrophe: escaped as &#x27; in the match and around it, or the escaping is gone
    expected = expected_ids(built_db, "contains(lower(q.text), ?)", [term])
    assert expected, "the bundled review has quotes with the term"
    body = html_text(at := app("quotes", q=term, page="1"))
    quotes = re.findall(r'<blockquote class="quote-text">(.*?)</blockquote>', body, re.S)
    assert len(quotes) == min(len(expected), 10) and quote_ids_shown(at) == expected[:10]
    assert all("'" not in q and "<" not in re.sub(r"</?mark>", "", q) for q in quotes)
    assert sum(len(re.findall(r"<mark>don&#x27;t</mark>", q, re.I)) for q in quotes) >= len(quotes)
    assert highlighted('a <b> & "c" <B>', "<b>") == \
        'a <mark>&lt;b&gt;</mark> &amp; &quot;c&quot; <mark>&lt;B&gt;</mark>'


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


@pytest.mark.parametrize("typed", ['"not alone"', "\u201cnot alone\u201d"])
def test_a_search_in_quote_marks_is_the_phrase_inside_them(app, typed):
    at = app("quotes", q=typed)
    plain = app("quotes", q="not alone")
    assert quote_ids_shown(at) == quote_ids_shown(plain) != []
    assert html_text(at).count("<mark>") == html_text(plain).count("<mark>") > 0


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
    for card in cards:  # everything, the citation with the quote's words included, sits inside the note
        inner = card.split(">", 1)[1].removesuffix("</article>")
        assert inner.startswith('<details class="quote-note">')
        depth = 0
        for tag in re.finditer(r"<details\b|</details>", inner):
            depth += -1 if tag.group() == "</details>" else 1
            assert depth or tag.end() == len(inner), "part of the card comes after its content note closes"
        # and once it is opened, the citation waits behind its own summary, as on every other card
        _, _, share = re.split(CITE_SUMMARY, inner)
        assert "?quote=" in share and "ready to paste" in share


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


CITE_SUMMARY = r'<summary>Cite or share this quote<span class="ev-hidden">([^<]*)</span></summary>'


def test_every_card_offers_its_citation_and_link_behind_a_keyboard_reachable_summary(app, built_db):
    at = app("quotes")
    quote_id = fetch_one(built_db, "select id from quotes where content_note is not null order by position limit 1")[0]
    for card in quote_cards(at) + quote_cards(app("quotes", quote=quote_id)):  # a noted card too, once opened
        # <details>/<summary>: focusable and opened with Enter or Space
        _, _, share = re.split(CITE_SUMMARY, card)
        whose = re.search(CITE_SUMMARY, card).group(1)  # heard in a screen reader's list of summaries
        assert whose.startswith(" (") and whose.endswith(")") and len(whose) > 4
        assert "ready to paste" in share and "/quotes?quote=" in share


def test_link_to_many_quotes_reports_only_truly_unknown_ids(app, built_db):
    ids = expected_ids(built_db, "true", [])[:12]  # more than one page of linked quotes
    at = app("quotes", quote=[*ids, "no_such_quote"])
    assert at.subheader[0].value.startswith("12 matching quotes")
    notices = " ".join(w.value for w in at.warning)
    assert "no\\_such\\_quote" in notices and ids[-1] not in notices.replace("\\", "")


# --- staying oriented: filters across pages, links, dependent filters, messages ----------------------

def test_filters_survive_a_visit_to_another_page_and_stay_in_the_url(app, built_db):
    theme = expected_theme(built_db)
    at = app("quotes")
    at.multiselect(key="quotes_theme").set_value([theme]).run()
    at.switch_page("views/overview.py").run()
    at.switch_page("views/quotes.py").run()
    assert at.multiselect(key="quotes_theme").value == [theme]
    assert at.query_params["theme"] in (theme, [theme])
    assert quote_ids_shown(at) == expected_ids(built_db, "q.theme_id = ?", [theme])[:10]


def test_a_followed_link_replaces_the_filters_kept_from_earlier(app, built_db):
    first, second = [r[0] for r in fetch_all(built_db, "select id from themes order by number limit 2")]
    at = app("quotes")
    at.multiselect(key="quotes_theme").set_value([first]).run()
    at.switch_page("views/overview.py").run()
    at.query_params["theme"] = second
    at.switch_page("views/quotes.py").run()
    assert at.multiselect(key="quotes_theme").value == [second]


def test_a_one_quote_link_then_a_theme_shows_the_theme_not_a_false_warning(app, built_db):
    quote_id, theme = fetch_one(built_db, "select id, theme_id from quotes order by position limit 1")
    other = fetch_one(built_db, "select id from themes where id <> ? order by number limit 1", [theme])[0]
    at = app("quotes", quote=quote_id)
    assert quote_ids_shown(at) == [quote_id]
    at.multiselect(key="quotes_theme").set_value([other]).run()
    assert quote_ids_shown(at) == expected_ids(built_db, "q.theme_id = ?", [other])[:10]
    assert not at.warning and "quote" not in at.query_params


def test_a_link_with_quotes_and_filters_shows_the_filters_and_says_so(app, built_db):
    theme = expected_theme(built_db)
    quote_id = fetch_one(built_db, "select id from quotes where theme_id <> ? limit 1", [theme])[0]
    at = app("quotes", quote=quote_id, theme=theme)
    assert quote_ids_shown(at) == expected_ids(built_db, "q.theme_id = ?", [theme])[:10]
    assert "left out" in at.warning[0].value


def test_the_filters_panel_counts_what_its_filters_will_keep_and_starts_closed_on_a_phone(any_app, review):
    themes = [t for (t,) in fetch_all(review, "select id from themes order by number limit 2")]
    subtheme = fetch_one(review, "select id from subthemes where theme_id = ? order by position", [themes[0]])[0]
    at = any_app("quotes")
    panel = lambda: at.expander[0].proto  # noqa: E731
    assert panel().label == "Filters" and panel().expanded
    at.multiselect(key="quotes_theme").set_value(themes).run()
    at.multiselect(key="quotes_subtheme").set_value([subtheme]).run()
    assert panel().label == "Filters · 2 in use"
    # dropping the subtheme's theme drops the subtheme too; a search of spaces filters nothing
    at.multiselect(key="quotes_theme").set_value(themes[1:]).run()
    at.text_input(key="quotes_q").set_value("   ").run()
    assert panel().label == "Filters · 1 in use"
    at.session_state["chrome_on_a_phone"] = True  # what a phone's User-Agent gives (a browser test sends one)
    at.run()
    assert not panel().expanded


def test_subthemes_narrow_to_the_chosen_themes_and_name_their_theme(app, built_db):
    theme, name = fetch_one(built_db, "select id, name from themes order by number limit 1")
    at = app("quotes")
    at.multiselect(key="quotes_theme").set_value([theme]).run()
    box = at.multiselect(key="quotes_subtheme")
    expected = [r[0] for r in fetch_all(built_db, "select name from subthemes where theme_id = ? order by position",
                                        [theme])]
    assert box.options == [f"{n} ({name})" for n in expected]


def test_quality_thresholds_come_only_from_the_scores_present(app, built_db):
    scores = [r[0] for r in fetch_all(built_db, "select distinct quality_score from studies where included "
                                                "and quality_score is not null order by 1")]
    at = app("quotes")
    box = at.selectbox(key="quotes_min_quality")
    assert box.options == ["Any", *[f"{s} or more" for s in scores]]
    assert box.proto.placeholder == "Any", "no minimum must read 'Any' when cleared too, not 'Choose an option'"


def test_empty_results_give_advice_that_fits_what_was_asked(app, built_db):
    study, source = fetch_one(built_db, "select s.id, s.source_id from studies s where s.included "
                                        "and s.id in (select study_id from quotes) limit 1")
    other = "interview" if source != "interview" else "forum_post"
    at = app("quotes", study=study, source=other)
    assert at.subheader[0].value.startswith("0 matching quotes")
    assert "search" not in at.info[-1].value
    at = app("quotes", q="xqzvxqzv")
    assert "search" in at.info[-1].value


def test_page_notices_count_pages_in_words(app, built_db):
    quote_id = fetch_one(built_db, "select id from quotes limit 1")[0]
    at = app("quotes", quote=quote_id, page="3")
    assert "there is only 1 page of" in at.warning[0].value and "page(s)" not in at.warning[0].value
    at = app("quotes", q="xqzvxqzv", page="3")
    assert not at.warning


def test_page_size_lives_in_the_url(app, built_db):
    at = app("quotes", size="20")
    assert at.selectbox(key="quotes_size").value == 20
    assert quote_ids_shown(at) == expected_ids(built_db, "true", [])[:20]
    at.selectbox(key="quotes_size").set_value(50).run()
    assert at.query_params["size"] in ("50", ["50"])


def expected_theme(db) -> str:
    return fetch_one(db, "select theme_id from quotes group by 1 order by count(*) desc, 1 limit 1")[0]


def test_pagers_above_and_below_the_cards_move_together(app, built_db):
    every = expected_ids(built_db, "true", [])
    assert len(every) > 10, "the fixture needs two pages"
    at = app("quotes")
    top, bottom = at.get("pagination")
    assert top.key.endswith("_top") and not bottom.key.endswith("_top")
    top.set_value(2).run()
    assert quote_ids_shown(at) == every[10:20]
    assert [p.value for p in at.get("pagination")] == [2, 2]
    at.get("pagination")[1].set_value(1).run()
    assert quote_ids_shown(at) == every[:10]
    assert [p.value for p in at.get("pagination")] == [1, 1]


def test_a_link_to_an_unknown_quote_says_so_and_not_that_there_are_none(any_app, review):
    at = any_app("quotes", quote="no-such-quote")
    shown = " ".join(e.value for e in at.info)
    assert "No quote has the id this link names" in shown and "There are no quotes" not in shown
    assert "Showing the quote(s) this link points to" not in shown, "it shows none"
    assert quote_ids_shown(at) == [] and not at.exception and at.button(key="quotes_clear_link")


def test_a_link_to_quotes_opens_with_the_filters_closed_so_the_quotes_are_in_view(any_app, review):
    first = fetch_one(review, "select id from quotes order by position limit 1")[0]
    assert not any_app("quotes", quote=first).expander[0].proto.expanded
    assert any_app("quotes").expander[0].proto.expanded


def test_a_link_to_a_subtheme_outside_its_themes_says_the_subtheme_was_left_out(any_app, review):
    (first, subtheme), (other, _) = fetch_all(review, "select t.id, min(s.id) from themes t join subthemes s on "
                                                      "s.theme_id = t.id group by all order by any_value(t.number)")[:2]
    at = any_app("quotes", theme=other, subtheme=subtheme)
    [notice] = [w.value for w in at.warning]
    assert "left out" in notice and subtheme.replace("_", "\\_") in notice
    assert at.multiselect(key="quotes_subtheme").value == []
    assert not any(w.value for w in any_app("quotes", theme=first, subtheme=subtheme).warning)


def test_one_page_of_matches_has_no_pager_but_keeps_the_page_size(any_app, review):
    first = fetch_one(review, "select id from quotes order by position limit 1")[0]
    at = any_app("quotes", quote=first)
    assert quote_ids_shown(at) == [first]
    assert not at.get("pagination") and at.selectbox(key="quotes_size").value == 10
    assert at.subheader[0].value == "1 matching quote", "one page needs no 'showing 1–1'"
    at = any_app("quotes")
    total = fetch_one(review, "select count(*) from quotes")[0]
    assert at.subheader[0].value == f"{total} matching quotes · showing 1–10", "several pages say which is shown"


def test_only_a_page_turn_scrolls_to_the_quotes_shown(app):
    at = app("quotes")
    scrolls = lambda: sum("#quotes-shown" in e.proto.body for e in at.html)  # noqa: E731
    assert scrolls() == 0
    at.get("pagination")[1].set_value(2).run()
    assert scrolls() == 1
    at.run()  # a rerun on the same page does not move the reader
    assert scrolls() == 0


def test_each_review_gets_its_own_filter_options(any_app, review):
    # The options are derived once per data version: a second review must never see the first one's.
    at = any_app("quotes")
    themes = [r[0] for r in fetch_all(review, "select name from themes order by number")]
    studies = [r[0] for r in fetch_all(review, "select citation from studies where included order by position")]
    assert at.multiselect(key="quotes_theme").options == themes
    assert at.multiselect(key="quotes_study").options == studies


def test_a_filter_change_after_a_page_turn_starts_at_the_first_page_of_the_new_matches(app, built_db):
    """One pager per list, kept across filter changes (the browser only redraws its buttons): a change of filters
    still starts the new matches at page 1, both pagers with it, and the pager turns them as before."""
    every = expected_ids(built_db, "true", [])
    at = app("quotes")
    at.get("pagination")[0].set_value(2).run()
    assert quote_ids_shown(at) == every[10:20]
    at.text_input(key="quotes_q").set_value("a").run()  # a search that still matches more than a page
    matches = quote_ids_shown(at)
    assert "showing 1–10" in at.subheader[0].value and [p.value for p in at.get("pagination")] == [1, 1]
    at.get("pagination")[1].set_value(2).run()
    assert "showing 11–" in at.subheader[0].value and set(quote_ids_shown(at)).isdisjoint(matches)
    at.text_input(key="quotes_q").set_value("").run()
    assert quote_ids_shown(at) == every[:10] and [p.value for p in at.get("pagination")] == [1, 1]
