"""The Studies page: Table 1 and the appraisal as the database holds them, a page per study, related evidence apart."""

from __future__ import annotations

from html import escape

import duckdb
import pandas as pd
import pytest

from components.quality_charts import quality_heatmap, quality_totals
from queries import run_query
from tests.conftest import content_notes, html_text, quote_ids_shown
from tests.conftest import table_with as frame_with

NC = "not confirmed"


def fetch(db, sql: str, params=None) -> pd.DataFrame:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).df()




def test_characteristics_rows_equal_the_included_studies(app, built_db):
    at = app("studies")
    shown = frame_with(at, "N (as printed)")
    expected = fetch(built_db, "select citation, characteristics_aim, characteristics_n, characteristics_definition, "
                               "characteristics_location, characteristics_data_collection, characteristics_analysis, "
                               "quality_score, quality_max from studies where included order by position")
    assert shown.values.tolist() == expected.values.tolist()
    related = fetch(built_db, "select citation from studies where not included").citation.tolist()
    assert related and not set(related) & set(shown["Study"])


def test_quality_chart_data_equal_the_ratings_and_totals_the_printed_scores(review):
    built_db = review
    expected = fetch(built_db, "select study_id, criterion_id, rating from quality_ratings order by all")
    chart = quality_heatmap(run_query("quality_ratings")).data
    assert chart[["study_id", "criterion_id", "rating"]].sort_values(["study_id", "criterion_id"]).values.tolist() \
        == expected.values.tolist()
    # Each cell is labelled with its level's label from the scale (declared, or the points themselves).
    levels = fetch(built_db, "select id, label from rating_levels").set_index("id").label
    assert (chart.status == chart.rating.map(levels)).all()
    totals = quality_totals(run_query("studies").query("included")).data
    printed = fetch(built_db, "select citation, quality_score, quality_max from studies where included "
                              "order by position")
    columns = ["citation", "quality_score"]
    assert totals[columns].values.tolist() == printed[columns].values.tolist()
    assert totals.label.tolist() == [f"{s}/{m}" for s, m in zip(printed.quality_score, printed.quality_max,
                                                                strict=True)]
    sums = fetch(built_db, "select study_id, sum(score) as s from quality_ratings group by 1").set_index("study_id").s
    scores = fetch(built_db, "select id, quality_score from studies where included").set_index("id").quality_score
    assert sums.sort_index().tolist() == scores.sort_index().tolist()


def test_quality_table_alternative_equals_the_ratings(app, built_db):
    at = app("studies")
    table = frame_with(at, "Total")
    ratings = fetch(built_db, "select s.citation, c.short_label, l.label from quality_ratings r "
                              "join studies s on s.id = r.study_id join quality_criteria c on c.id = r.criterion_id "
                              "join rating_levels l on l.id = r.rating")
    for row in ratings.itertuples(index=False):
        assert str(table.loc[table.Study == row.citation, row.short_label].item()) == row.label
    scores = fetch(built_db, "select citation, quality_score from studies where included order by position")
    assert table[["Study", "Total"]].values.tolist() == scores.values.tolist()
    approach = fetch(built_db, "select quality_approach from reviews").quality_approach[0]
    assert approach in html_text(at)


def included_ids(db) -> list[str]:
    return fetch(db, "select id from studies where included order by position").id.tolist()


def test_each_study_page_shows_its_quotes_reference_and_doi_only_when_confirmed(app, built_db):
    for study_id in included_ids(built_db):
        at = app("studies", study=study_id)
        study = fetch(built_db, "select * from studies where id = ?", [study_id]).iloc[0]
        quotes = fetch(built_db, "select id from quotes where study_id = ? order by position", [study_id]).id
        assert quote_ids_shown(at) == quotes.tolist(), study_id
        notes = fetch(built_db, "select count(*) as n from quotes where study_id = ? and content_note is not null",
                      [study_id]).n[0]
        assert len(content_notes(at)) == notes, study_id
        html = html_text(at)
        assert at.header[0].value.replace("\\", "") == study.citation
        fields = ["authors", "title", "journal", "volume", "issue", "pages", "doi"]
        unconfirmed = [f for f in fields if study[f] == NC]
        assert html.count('<span class="nc">not confirmed</span>') == len(unconfirmed), study_id
        for field in set(fields) - set(unconfirmed) - {"authors"}:
            assert escape(str(study[field])) in html, (study_id, field)
        assert ("https://doi.org/" in html) == (study.doi != NC), study_id
        if study.doi != NC:
            assert f'href="https://doi.org/{study.doi}"' in html
        link = at.get("page_link")[0].proto
        assert link.page == "quotes" and link.query_string == f"study={study_id}"


def test_study_page_says_not_specified_where_the_paper_does_not_say(app, built_db):
    matrix = run_query("theme_study_matrix", db_path=built_db, study_id=None)
    unspecified = matrix[matrix.support == "not specified"]
    assert not unspecified.empty, "the data has a theme whose supporting studies are not all named"
    study_id = unspecified.study_id.iloc[0]
    at = app("studies", study=study_id)
    shown = frame_with(at, "What the paper says")
    expected = matrix[matrix.study_id == study_id].sort_values("theme_number")
    assert shown.Support.tolist() == expected.support.tolist()
    assert shown["Quotes from this study"].tolist() == expected.quotes.tolist()
    themes = fetch(built_db, "select t.support_count, (select count(*) from study_themes st where st.theme_id = t.id) "
                             "as named from themes t order by t.number")
    for said, support, theme in zip(shown["What the paper says"], shown.Support, themes.itertuples(), strict=True):
        if support == "not specified":
            assert f"counts {theme.support_count} studies but names only {theme.named}" in said


def test_public_record_context_is_labelled_as_context(app, built_db):
    context = fetch(built_db, "select study_id, text from study_context order by study_id, position")
    if context.empty:
        pytest.skip("no public-record context in the data")
    study_id = context.study_id.iloc[0]
    at = app("studies", study=study_id)
    assert any("Context from public records" in m.value for m in at.markdown)
    html = html_text(at)
    for text in context[context.study_id == study_id].text:
        assert escape(text) in html


def test_a_bad_study_value_gives_a_notice(app):
    at = app("studies", study="no_such_study")
    assert "no\\_such\\_study" in at.warning[0].value
    assert at.selectbox(key="studies_study").value is None


def test_choosing_a_study_writes_it_to_the_url(app, built_db):
    study_id = included_ids(built_db)[-1]
    at = app("studies")
    at.selectbox(key="studies_study").set_value(study_id).run()
    assert at.query_params["study"] in (study_id, [study_id])


def test_related_study_stands_apart_and_is_not_a_choice(app, built_db):
    related = fetch(built_db, "select id, citation, related_relation, related_conclusion from studies "
                              "where not included")
    assert not related.empty
    at = app("studies")
    assert set(related.id).isdisjoint(at.selectbox(key="studies_study").options)
    html = html_text(at)
    for study in related.itertuples(index=False):
        assert any(study.citation in s.value.replace("\\", "") for s in at.subheader)
        assert escape(study.related_relation) in html
    themes = run_query("related_themes", db_path=built_db)
    shown = frame_with(at, "Its theme")
    assert shown["Its theme"].tolist() == themes[themes.study_id == related.id[0]].name.tolist()
    count = len(included_ids(built_db))
    assert any(f"not one of the {count} included studies" in w.value for w in at.warning)


def test_reference_downloads_are_offered(app):
    at = app("studies")
    assert [b.proto.label for b in at.get("download_button")] == ["Download RIS", "Download BibTeX"]
