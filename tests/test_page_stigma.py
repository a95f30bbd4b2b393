"""The stigma lens: stigma types with their terms, counts by theme, feared consequences, and tagged quotes."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pandas as pd

from components.text import escape
from tests.conftest import html_text, quote_ids_shown, table_with
from tests.test_page_themes import chart_frames, rows
from views.stigma import QUOTES_SHOWN


def stigma_types(db) -> list[tuple]:
    return rows(db, "select id, label, paper_term, definition from stigma_types order by position")


def tagged(db, stigma_id: str) -> list[str]:
    return [q for (q,) in rows(db, "select q.id from quotes q join quote_stigma qs on qs.quote_id = q.id "
                                   "where qs.stigma_type_id = ? order by q.position", [stigma_id])]


def test_stigma_types_show_our_definition_and_the_papers_term(app, built_db):
    html = html_text(app("stigma"))
    for stigma_id, label, term, definition in stigma_types(built_db):
        assert f"<strong>{escape(label)}</strong>" in html
        assert f"<em>{escape(term)}</em>" in html and escape(definition) in html
        count = len(tagged(built_db, stigma_id))
        if count:
            assert f'href="quotes?stigma={stigma_id}" target="_self">{count} quote' in html
        else:  # a link would open an empty explorer
            assert f'href="quotes?stigma={stigma_id}"' not in html and "0 quotes tagged" in html


def test_counts_by_stigma_type_and_theme_equal_the_tags(app, built_db):
    at = app("stigma")
    (cells,) = chart_frames(at, "stigma_type_id", "href")
    counts = {(s, t): n for s, t, n in rows(built_db, "select qs.stigma_type_id, q.theme_id, count(*) "
                                                      "from quote_stigma qs join quotes q on q.id = qs.quote_id "
                                                      "group by all")}
    n_themes = rows(built_db, "select count(*) from themes")[0][0]
    assert len(cells) == len(stigma_types(built_db)) * n_themes
    for cell in cells.itertuples(index=False):
        assert cell.quotes == counts.get((cell.stigma_type_id, cell.theme_id), 0)
        if cell.quotes:
            assert parse_qs(urlsplit(cell.href).query) == {"stigma": [cell.stigma_type_id], "theme": [cell.theme_id]}
        else:  # an empty cell says why instead of opening an empty list
            assert pd.isna(cell.href) and "No quote in this theme is tagged" in cell.action
    table = table_with(at, "Tagged quotes")
    assert table["Tagged quotes"].sum() == sum(counts.values())
    assert sorted(table["Quote explorer link"].dropna()) == sorted(cells.href.dropna())
    assert sorted(table["Quote explorer"]) == sorted(cells.action)  # the chart draws linked cells, then empty ones


def test_feared_consequences_give_the_papers_phrase_place_and_quotes(app, built_db):
    html = html_text(app("stigma"))
    for consequence_id, label, phrase, where in rows(built_db, "select id, label, paper_text, paper_location from "
                                                               "disclosure_consequences order by position"):
        line = html[html.index(f"<strong>{escape(label)}</strong>"):].split("</li>", 1)[0]
        assert f"the paper's phrase \"{escape(phrase)}\"" in line
        assert escape(where) in line
        quotes = rows(built_db, "select quote_id from quote_consequences where consequence_id = ?", [consequence_id])
        assert line.count('href="quotes?quote=') == len(quotes)
        for (quote_id,) in quotes:
            assert f'href="quotes?quote={quote_id}"' in line


def test_each_stigma_type_shows_exactly_its_tagged_quotes(app, built_db):
    for stigma_id, *_ in stigma_types(built_db):
        at = app("stigma", stigma=stigma_id)
        expected = tagged(built_db, stigma_id)
        assert at.selectbox(key="stigma_stigma").value == stigma_id
        assert quote_ids_shown(at) == expected[:QUOTES_SHOWN]
        assert f"{len(expected)} quote" in html_text(at)


def test_a_bad_stigma_type_in_the_link_gives_a_notice(app, built_db):
    at = app("stigma", stigma="no_such_type")
    assert "no\\_such\\_type" in at.warning[0].value
    first = stigma_types(built_db)[0][0]
    assert at.selectbox(key="stigma_stigma").value == first
    assert quote_ids_shown(at) == tagged(built_db, first)[:QUOTES_SHOWN]


def test_stigma_tags_are_labelled_as_editorial_coding(app):
    at = app("stigma")
    assert "our editors' coding" in at.caption[0].value.replace("\\", "")
    assert "tagged with this type by our editors" in html_text(at)
