"""The themes page: each theme's support as the paper states it, its quotes, the matrices and their links."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import duckdb
import pandas as pd
import pyarrow as pa
import yaml

from evidence.build import build
from tests.conftest import html_text, point_app_at, quote_ids_shown, table_with
from views.themes import QUOTES_SHOWN, unspecified_text


def rows(db, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def chart_frames(at, *columns: str) -> list[pd.DataFrame]:
    """The data of every Vega-Lite chart on the page that has all these columns, one frame per chart: a matrix
    draws its cells that open quotes and its empty ones as two datasets, joined here in the chart's order."""
    frames = []
    for chart in at.get("vega_lite_chart"):
        parts = [pa.ipc.open_stream(named.data.data).read_all().to_pandas() for named in chart.proto.datasets]
        parts = [part for part in parts if set(columns) <= set(part.columns)]
        if parts:
            frames.append(pd.concat(parts, ignore_index=True))
    return frames


def theme_facts(db) -> list[dict]:
    """Each theme's stated support, the studies the paper names for it, and its quotes in paper order."""
    facts = []
    for theme_id, name, stated, count in rows(db, "select id, name, support_stated, support_count from themes "
                                                  "order by number"):
        named = rows(db, "select s.citation from study_themes st join studies s on s.id = st.study_id "
                         "where st.theme_id = ? order by s.position", [theme_id])
        quotes = rows(db, "select id from quotes where theme_id = ? order by position", [theme_id])
        facts.append(dict(id=theme_id, name=name, stated=stated, count=count, named=[n for (n,) in named],
                          quotes=[q for (q,) in quotes]))
    return facts


def included_count(db) -> int:
    return rows(db, "select count(*) from studies where included")[0][0]


def test_each_theme_shows_its_stated_support_named_studies_and_quotes(app, built_db):
    included = included_count(built_db)
    for theme in theme_facts(built_db):
        at = app("themes", theme=theme["id"])
        html = html_text(at)
        assert at.selectbox(key="themes_theme").value == theme["id"]
        assert f"<strong>{theme['count']} of {included}</strong>" in html
        assert theme["stated"] in html
        for citation in theme["named"]:
            assert f"<li>{citation} " in html
        assert f"{len(theme['quotes'])} quote" in html
        assert quote_ids_shown(at) == theme["quotes"][:QUOTES_SHOWN]
        assert f'href="quotes?theme={theme["id"]}"' in html


def test_unnamed_supporting_studies_are_stated_as_not_specified(app, built_db):
    facts = theme_facts(built_db)
    gaps = [t for t in facts if t["count"] > len(t["named"])]
    assert gaps, "the bundled review has a theme whose named studies are fewer than its stated count"
    for theme in gaps:
        html = html_text(app("themes", theme=theme["id"]))
        assert unspecified_text(theme["count"] - len(theme["named"])) in html
        assert rows(built_db, "select synthesis_appendix_note from reviews")[0][0].replace("'", "&#x27;") in html
    complete = next(t for t in facts if t["count"] == len(t["named"]))
    assert "not specified by the paper" not in html_text(app("themes", theme=complete["id"]))


def test_a_bad_theme_in_the_link_gives_a_notice_and_the_first_theme(app, built_db):
    at = app("themes", theme="no_such_theme")
    assert "no\\_such\\_theme" in at.warning[0].value
    assert at.selectbox(key="themes_theme").value == theme_facts(built_db)[0]["id"]


def test_choosing_a_theme_writes_it_to_the_url(app, built_db):
    last = theme_facts(built_db)[-1]
    at = app("themes")
    at.selectbox(key="themes_theme").set_value(last["id"]).run()
    assert at.query_params["theme"] in (last["id"], [last["id"]])
    assert quote_ids_shown(at) == last["quotes"][:QUOTES_SHOWN]


def expected_support(db) -> dict[tuple[str, str], str]:
    """What the paper says of each theme and included study, worked out from the tables directly."""
    named = set(rows(db, "select theme_id, study_id from study_themes"))
    counts = {t: c for t, c in rows(db, "select id, support_count from themes")}
    named_per_theme = pd.Series([t for t, _ in named]).value_counts().to_dict()
    studies = [s for (s,) in rows(db, "select id from studies where included")]
    return {(t, s): "supported" if (t, s) in named else
            "not specified" if counts[t] > named_per_theme.get(t, 0) else "not supported"
            for t in counts for s in studies}


def test_theme_matrix_cells_say_what_the_paper_states_and_link_to_their_quotes(app, built_db):
    at = app("themes")
    (cells,) = chart_frames(at, "support", "href")
    support = expected_support(built_db)
    quotes = {(t, s): n for t, s, n in rows(built_db, "select theme_id, study_id, count(*) from quotes group by all")}
    assert len(cells) == len(support)
    for cell in cells.itertuples(index=False):
        assert cell.support == support[(cell.theme_id, cell.study_id)]
        assert cell.quotes == quotes.get((cell.theme_id, cell.study_id), 0)
        if cell.quotes:
            assert parse_qs(urlsplit(cell.href).query) == {"theme": [cell.theme_id], "study": [cell.study_id]}
        else:  # an empty cell says why, in the paper's terms, instead of opening an empty list
            assert pd.isna(cell.href) and "prints no quote from" in cell.action
            assert cell.action.startswith({"supported": "The paper states support",
                                           "not specified": "The paper does not say whether",
                                           "not supported": "The paper does not tie"}[cell.support])
    table = table_with(at, "The paper")
    assert sorted(table["Quote explorer link"].dropna()) == sorted(cells.href.dropna())
    assert sorted(table["Quote explorer"]) == sorted(cells.action)  # the chart draws linked cells, then empty ones
    assert table["The paper"].value_counts().to_dict() == pd.Series(list(support.values())).value_counts().to_dict()


def test_subtheme_matrix_counts_coded_quotes_and_says_so(app, built_db):
    at = app("themes")
    (cells,) = chart_frames(at, "subtheme_id", "href")
    coded = {(u, s): n for u, s, n in rows(built_db, "select qs.subtheme_id, q.study_id, count(*) from "
                                                     "quote_subthemes qs join quotes q on q.id = qs.quote_id "
                                                     "group by all")}
    for cell in cells.itertuples(index=False):
        assert cell.quotes == coded.get((cell.subtheme_id, cell.study_id), 0)
        if cell.quotes:
            # not the subtheme's theme too: a quote coded to it may be printed under another theme, and counts
            assert parse_qs(urlsplit(cell.href).query) == {"subtheme": [cell.subtheme_id], "study": [cell.study_id]}
        else:
            assert pd.isna(cell.href)
    assert cells.quotes.sum() == sum(coded.values())
    assert "Counts of quotes our editors coded to each subtheme" in html_text(at)
    assert "This is not the paper's statement" in html_text(at)


def test_a_matrix_link_opens_exactly_that_cells_quotes(app):
    (cells,) = chart_frames(app("themes"), "support", "href")
    cell = cells.sort_values("quotes").iloc[-1]
    at = app("quotes", **{k: v for k, v in parse_qs(urlsplit(cell.href).query).items()})
    assert at.subheader[0].value.startswith(f"{cell.quotes} matching quote")


def test_data_text_renders_literally_not_as_markup(app, data_copy, tmp_path, monkeypatch):
    marked = "*bold* $x$ <b>hi</b> # h"
    themes_file = data_copy / "themes.yaml"
    data = yaml.safe_load(themes_file.read_text(encoding="utf-8"))
    data["themes"][0]["summary"] = marked
    themes_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    db = tmp_path / "marked.duckdb"
    assert build(data_copy, db).ok
    point_app_at(monkeypatch, db, data_copy)
    at = app("themes", theme=data["themes"][0]["id"])
    assert "*bold* $x$ &lt;b&gt;hi&lt;/b&gt; # h" in html_text(at)
    assert "<b>hi</b>" not in html_text(at)
    shown = [m.value for m in [*at.markdown, *at.caption, *at.title, *at.header, *at.subheader, *at.latex]]
    assert not any("hi" in text and ("bold" in text or "<b>" in text) for text in shown)


def test_a_theme_whose_named_studies_are_all_its_support_marks_the_others_not_supported(app, data_copy, tmp_path,
                                                                                        monkeypatch):
    """The bundled review has no 'not supported' cell, so a second review is built that has some."""
    themes_file = data_copy / "themes.yaml"
    data = yaml.safe_load(themes_file.read_text(encoding="utf-8"))
    theme = next(t for t in data["themes"] if t["support"]["count"] > len(t["support"]["studies"]))
    theme["support"]["count"] = len(theme["support"]["studies"])  # every supporting study is named
    themes_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    db = tmp_path / "second.duckdb"
    result = build(data_copy, db)
    assert result.ok, result.problems
    point_app_at(monkeypatch, db, data_copy)
    support = expected_support(db)
    assert "not supported" in support.values() and "not specified" not in support.values()
    (cells,) = chart_frames(app("themes"), "support", "href")
    assert {(c.theme_id, c.study_id): c.support for c in cells.itertuples(index=False)} == support
    named = {s["study"] for s in theme["support"]["studies"]}
    study = next(s for s in rows(db, "select id from studies where included") if s[0] not in named)[0]
    shown = html_text(app("studies", study=study))
    row = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*{re.escape(theme['name'])}(?:(?!</tr>).)*</tr>", shown, re.S)
    assert row and "Not among the" in row.group(0), "the study page says the theme is not supported"


COMPACT = re.compile(r'<ul class="ev-compact">(.*?)</ul>(?:<p class="ev-note">(.*?)</p>)?', re.S)
CHIP = re.compile(r'<a class="ev-cell" href="([^"]*)"[^>]*>([^<]*) <span class="ev-cell-n">(\d+)</span></a>')


def test_on_a_phone_each_matrix_is_rows_of_chips_each_opening_exactly_its_quotes(any_app, review):
    """The narrow form of both matrices: a line per row with a chip per filled cell only, every chip's count the
    number of quotes its link opens, and one line saying how many empty cells were left out."""
    import html as html_module

    from queries import filtered_quotes

    shown = html_text(any_app("themes"))
    forms = COMPACT.findall(shown)
    assert len(forms) == 2, "a compact form for each matrix"
    from queries import run_query

    matrices = [list(zip(run_query("theme_study_matrix", study_id=None).quotes)),
                list(zip(run_query("subtheme_study_matrix").quotes))]
    for (body, left_out), matrix in zip(forms, matrices, strict=True):
        chips = CHIP.findall(body)
        assert len(chips) == sum(1 for (n,) in matrix if n) and all(int(n) > 0 for _, _, n in chips)
        assert "No printed quote" not in body and "no printed quote from" not in body  # no empty cell here
        for href, _, count in chips:
            query = parse_qs(urlsplit(html_module.unescape(href)).query)
            opened = filtered_quotes(None, themes=query.get("theme", []), subthemes=query.get("subtheme", []),
                                     studies=query.get("study", []))
            assert int(opened.total_matches.iloc[0]) == int(count), href
        empty = sum(1 for (n,) in matrix if not n)
        assert (f"{empty} cell" in html_module.unescape(left_out)) if empty else not left_out
