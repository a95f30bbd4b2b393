"""Presentation mode: a slide per theme (and more for its quotes where they need them), the findings, then the line
of argument and the implications, each citing the review."""

from __future__ import annotations

import re

import duckdb
import pytest
import yaml

from components.text import escape
from evidence.strength import NOT_ASSESSED
from views.present import QUOTES_PER_THEME


def rows(db, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def slide_html(at) -> str:
    return next(e.proto.body for e in at.html if '<section class="ev-slide ' in e.proto.body)


def kind_of(html: str) -> str:
    return re.search(r'class="ev-slide ev-slide-(\w+)"', html).group(1)


def whole_deck(app) -> list[str]:
    """Every slide's HTML, in order, as the app draws them."""
    total = int(re.search(r"Slide 1 of (\d+)", slide_html(app("present"))).group(1))
    return [slide_html(app("present", slide=str(n))) for n in range(1, total + 1)]


def test_deck_is_title_themes_with_their_quotes_findings_argument_implications_each_citing_the_review(any_app,
                                                                                                     review):
    app, built_db = any_app, review
    (title,) = rows(built_db, "select title from reviews")[0]
    themes = rows(built_db, "select number, name, headline, support_stated from themes order by number")
    deck = whole_deck(app)
    total = len(deck)
    for number, html in enumerate(deck, start=1):
        assert f"Slide {number} of {total}" in html
        assert "Source: " in html and escape(title) in html  # every slide carries the citation
    kinds = [kind_of(html) for html in deck]
    assert kinds[0] == "title" and kinds[-2:] == ["argument", "implications"]
    theme_slides = [(n, html) for n, html in enumerate(deck) if kind_of(html) == "theme"]
    assert len(theme_slides) == len(themes)  # one opening slide per theme, in the paper's order
    for (index, html), (_, name, headline, stated) in zip(theme_slides, themes, strict=True):
        assert f"<h1>{escape(name)}</h1>" in html and escape(stated) in html
        assert headline is None or escape(headline) in html
        for later in deck[index + 1:]:  # a theme's further slides follow it and carry its name
            if kind_of(later) != "quotes":
                break
            assert f"<h1>{escape(name)}</h1>" in later and "<blockquote" in later
    argument = rows(built_db, "select line_of_argument from reviews")[0][0]
    assert escape(argument) in deck[-2]
    for (text,) in rows(built_db, "select text from review_points where section = 'implications'"):
        assert escape(text) in deck[-1]


def test_each_theme_shows_its_chosen_quotes_once_across_its_slides(any_app, review):
    """However many slides a theme's quotes take, each of its quotes is shown once, at most three in all."""
    app, built_db = any_app, review
    deck = whole_deck(app)
    themes = rows(built_db, "select name from themes order by number")
    for (name,) in themes:
        mine = "".join(html for html in deck if f"<h1>{escape(name)}</h1>" in html)
        texts = re.findall(r'<blockquote class="ev-slide-quote">(.*?)<cite>', mine, re.S)
        assert 1 <= len(texts) <= QUOTES_PER_THEME and len(set(texts)) == len(texts), name


@pytest.mark.parametrize("raw, shown", [("0", 1), ("abc", 1), ("999", None)])
def test_a_slide_outside_the_deck_gives_a_notice(app, built_db, raw, shown):
    at = app("present", slide=raw)
    total = len(whole_deck(app))
    assert at.warning and "is not a slide of this deck" in at.warning[0].value
    assert f"Slide {shown or total} of {total}" in slide_html(at)


def test_next_and_previous_move_and_write_the_url(app):
    at = app("present", slide="2")
    at.button(key="present_next").click().run()
    assert 'Slide 3 of' in slide_html(at) and at.query_params["slide"] in ("3", ["3"])
    at.button(key="present_previous").click().run()
    assert 'Slide 2 of' in slide_html(at)
    assert app("present", slide="1").button(key="present_previous").disabled


def noted_quotes(db) -> list[tuple]:
    return rows(db, "select q.id, q.text, t.number from quotes q join themes t on t.id = q.theme_id "
                    "where q.content_note is not null")


def test_content_noted_quotes_are_never_shown_unless_the_data_chooses_them(any_app, review):
    app, built_db = any_app, review
    noted = noted_quotes(built_db)
    assert noted, "the data has quotes behind content notes"
    shown = "".join(whole_deck(app))
    for _, text, _ in noted:
        assert escape(text) not in shown
    assert "<blockquote" in shown


def test_a_content_noted_quote_the_data_chooses_is_shown_with_its_note(app, data_copy, tmp_path, monkeypatch,
                                                                      built_db):
    quote_id, text, number = noted_quotes(built_db)[0]
    themes_file = data_copy / "themes.yaml"
    data = yaml.safe_load(themes_file.read_text(encoding="utf-8"))
    theme = next(t for t in data["themes"] if t["number"] == number)
    theme.pop("headline_citation", None)
    theme["headline_in_quote"] = quote_id
    theme["headline"] = " ".join(text.split()[:3])  # the headline must be a phrase of the quote it comes from
    themes_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    monkeypatch.setenv("EVIDENCE_DATA_DIR", str(data_copy))
    monkeypatch.setenv("EVIDENCE_DB", str(tmp_path / "chosen.duckdb"))
    html = "".join(whole_deck(app))
    assert escape(text) in html and "Content note:" in html


def test_every_finding_is_on_a_findings_slide_with_its_confidence_and_what_that_means(any_app, review):
    """After the themes, the deck shows the review's findings a few at a time, each with the level of confidence
    the authors place in it and that level's plain meaning, or that they did not assess it."""
    app, built_db = any_app, review
    findings = rows(built_db, "select f.text, lv.label, lv.meaning from findings f "
                              "left join confidence_levels lv on lv.component_id is null and lv.id = f.confidence "
                              "order by f.position")
    shown = "".join(html for html in whole_deck(app) if kind_of(html) == "findings")
    assert shown.count("<li>") == len(findings)
    for text, label, meaning in findings:
        assert escape(text) in shown
        if label is None:
            assert escape(NOT_ASSESSED) in shown
        else:
            assert f"<strong>{escape(label)}</strong>" in shown and escape(meaning) in shown
