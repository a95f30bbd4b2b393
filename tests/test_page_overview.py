"""The overview: the review, its studies and totals, themes at a glance, the line of argument, limits, next steps."""

from __future__ import annotations

from components.text import escape
from tests.conftest import html_text, table_with
from tests.test_page_themes import chart_frames, rows


def test_overview_is_the_default_page_and_cites_the_review(app, built_db):
    at = app()
    title, question, design = rows(built_db, "select title, question, design from reviews")[0]
    assert at.title[0].value == "What this evidence is"
    html = html_text(at)
    for text in (title, question, design):
        assert escape(text) in html


def test_included_studies_with_samples_locations_and_totals(app, built_db):
    at = app("overview")
    studies = rows(built_db, "select citation, characteristics_location, sample_n, sample_unit, src.plural "
                             "from studies left join source_types src on src.id = source_id where included "
                             "order by studies.position")
    table = table_with(at, "Location (as printed)")
    assert list(table.Study) == [s[0] for s in studies]
    assert list(table["Location (as printed)"]) == [s[1] for s in studies]
    assert list(table["What it analysed"]) == [f"{s[4]}: {s[2]:,} {s[3]}" for s in studies]
    html = html_text(at)
    for unit, total in rows(built_db, "select sample_unit, sum(sample_n) from studies where included group by all"):
        assert f"{total:,} {unit}" in html
    related = rows(built_db, "select citation from studies where not included")
    assert not any(r[0] in list(table.Study) for r in related)


def test_themes_at_a_glance_counts_support_as_stated_and_quotes(app, built_db):
    at = app("overview")
    table = table_with(at, "The paper says")
    (parts,) = chart_frames(at, "part", "n")
    included = rows(built_db, "select count(*) from studies where included")[0][0]
    themes = rows(built_db, "select t.number, t.name, t.support_stated, t.support_count, "
                            "(select count(*) from study_themes st where st.theme_id = t.id), "
                            "(select count(*) from quotes q where q.theme_id = t.id) from themes t order by t.number")
    assert len(table) == len(themes)
    for row, (number, name, stated, count, named, quotes) in zip(table.itertuples(index=False), themes, strict=True):
        assert row.Theme == f"{number}. {name}"
        assert (row[1], row[2], row[3], row[4], row[5]) == (stated, f"{count} of {included}", named, count - named,
                                                            quotes)
        drawn = parts[parts.theme == row.Theme].set_index("part").n.to_dict()
        assert drawn.get("named by the paper", 0) == named
        assert drawn.get("not specified by the paper", 0) == count - named
    (bars,) = chart_frames(at, "quotes")
    assert list(bars.quotes) == [t[5] for t in themes]


def test_line_of_argument_draws_exactly_the_construct_theme_links(app, built_db):
    at = app("overview")
    (edges,) = chart_frames(at, "theme_id", "construct_id", "y2")
    links = rows(built_db, "select ct.theme_id, ct.construct_id, t.name, c.name, ct.provenance "
                           "from construct_themes ct join themes t on t.id = ct.theme_id "
                           "join constructs c on c.id = ct.construct_id")
    assert sorted(zip(edges.theme_id, edges.construct_id, strict=True)) == sorted((t, c) for t, c, *_ in links)
    html = html_text(at)
    for _, _, theme, construct, _ in links:
        assert f"{escape(theme)} → <strong>{escape(construct)}</strong>" in html
    if all(link[4] == "editorial" for link in links):
        assert "Every link drawn here is our editors" in html
        assert set(edges.link) == {"coded by our editors"}


def test_limits_of_the_evidence_are_each_labelled_paper_or_editorial(app, built_db):
    html = html_text(app("overview"))
    points = rows(built_db, "select text, provenance from review_points where section = 'limitations' "
                            "order by position")
    assert points
    for text, provenance in points:
        assert f'ev-chip-{provenance}">' in html and escape(text) in html
        chip = html[:html.index(escape(text))].rsplit("<li>", 1)[-1]
        assert f"ev-chip-{provenance}" in chip


def test_where_to_go_next_links_every_audience_to_its_pages(app):
    at = app("overview")
    targets = {link.proto.page for link in at.get("page_link")}  # each page's url path
    assert {"guide", "quotes", "themes", "studies", "methods"} <= targets
    assert "docs/DATA.md" in html_text(at)


def test_a_clinician_reaches_the_guide_from_the_top_of_the_overview(app):
    at = app("overview")
    first_links = [link.proto.page for link in at.get("page_link")][:2]
    assert first_links[0] == "guide", first_links  # the url path of the Talking with patients page
