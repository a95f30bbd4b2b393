"""The clinician guide: every point rests on real evidence, its support figures are the database's, and bad
guidance YAML is reported with file, line and fix."""

from __future__ import annotations

import re
from collections import defaultdict

import duckdb
import pytest

from evidence.validate import check_folder
from tests.conftest import html_text
from tests.test_validation import edit, line_of, the_problem

KIND_TABLES = {"theme": "themes", "subtheme": "subthemes", "quote": "quotes", "study": "studies"}


def rows(db, sql: str, params=()) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def support_blocks(at) -> dict[str, str]:
    """Each talking point's support block on the page, keyed by point id."""
    found = re.findall(r'<div class="tp-support" data-point="([^"]+)" data-studies="(\d+)">(.*?)</div>', html_text(at))
    return {point: (int(n), body) for point, n, body in found}


def expected_support(db) -> dict[str, set[str]]:
    """Included studies behind each point, worked out here from the raw link tables."""
    behind = defaultdict(set)
    links = rows(db, "select point_id, evidence_kind, evidence_id from talking_point_evidence")
    ties = rows(db, "select theme_id, study_id from study_themes")
    quote_study = dict(rows(db, "select id, study_id from quotes"))
    included = {sid for (sid,) in rows(db, "select id from studies where included")}
    for point, kind, ident in links:
        if kind == "study":
            behind[point].add(ident)
        elif kind == "quote":
            behind[point].add(quote_study[ident])
        elif kind == "theme":
            behind[point].update(study for theme, study in ties if theme == ident)
    return {point: studies & included for point, studies in behind.items()}


def test_every_point_links_a_theme_or_quote_that_exists(built_db):
    points = [p for (p,) in rows(built_db, "select id from talking_points")]
    assert len(points) >= 10
    for point in points:
        grounded = rows(built_db, "select count(*) from talking_point_evidence e "
                                  "left join themes t on e.evidence_kind = 'theme' and t.id = e.evidence_id "
                                  "left join quotes q on e.evidence_kind = 'quote' and q.id = e.evidence_id "
                                  "where e.point_id = ? and (t.id is not null or q.id is not null)", [point])[0][0]
        assert grounded >= 1, f"talking point {point} rests on no existing theme or quote"


@pytest.mark.parametrize("kind, table", KIND_TABLES.items())
def test_every_evidence_link_names_an_existing_item(built_db, kind, table):
    dangling = rows(built_db, f"select e.point_id, e.evidence_id from talking_point_evidence e "
                              f"where e.evidence_kind = ? and e.evidence_id not in (select id from {table})", [kind])
    assert dangling == []


def test_every_review_point_link_exists(built_db):
    dangling = rows(built_db, "select e.evidence_id from talking_point_evidence e where e.evidence_kind = "
                              "'review_point' and e.evidence_id not in (select section || ':' || position "
                              "from review_points)")
    assert dangling == []


def test_disclaimer_and_confidence_caveat_come_before_the_points(app, built_db):
    disclaimer, confidence, first_title = rows(
        built_db, "select g.disclaimer, g.confidence_note, (select tp.title from talking_points tp join "
                  "guidance_sections gs on gs.id = tp.section_id order by gs.position, tp.position limit 1) "
                  "from guidance g")[0]
    page = html_text(app("guide"))
    assert "GRADE-CERQual" in confidence and "not a clinical guideline" in disclaimer
    assert -1 < page.index(disclaimer) < page.index(first_title)
    assert page.index(confidence) < page.index(first_title)


def test_every_point_shows_under_its_section_in_order(app, built_db):
    page = html_text(app("guide"))
    ordered = rows(built_db, "select gs.title, tp.title from talking_points tp join guidance_sections gs "
                             "on gs.id = tp.section_id order by gs.position, tp.position")
    positions = [page.index(f'<h4 class="tp-title">{title}</h4>') for _, title in ordered]
    assert positions == sorted(positions)
    for section, title in ordered:
        assert page.index(f'<h3 class="tp-section">{section}</h3>') < page.index(f'<h4 class="tp-title">{title}</h4>')


def test_support_figures_on_the_page_match_the_database(app, built_db):
    shown = support_blocks(app("guide"))
    expected = expected_support(built_db)
    scores = {sid: (citation, score, top) for sid, citation, score, top in
              rows(built_db, "select id, citation, quality_score, quality_max from studies where included")}
    total = len(scores)
    assert set(shown) == {p for (p,) in rows(built_db, "select id from talking_points")}
    for point, (n, body) in shown.items():
        assert n == len(expected[point]), point
        assert f"{n} of the {total} included studies" in body
        for sid in expected[point]:
            citation, score, top = scores[sid]
            assert f"{citation} {score}/{top}" in body, (point, sid)
        for sid in set(scores) - expected[point]:
            assert f"{scores[sid][0]} {scores[sid][1]}/" not in body, (point, sid)


def test_each_linked_theme_shows_its_stated_support_and_what_is_not_specified(app, built_db):
    shown = support_blocks(app("guide"))
    themes = rows(built_db, "select e.point_id, t.support_stated, t.support_count, "
                            "(select count(*) from study_themes st where st.theme_id = t.id) "
                            "from talking_point_evidence e join themes t on t.id = e.evidence_id "
                            "where e.evidence_kind = 'theme'")
    assert any(count > named for _, _, count, named in themes), "no theme with unnamed studies is linked"
    for point, stated, count, named in themes:
        body = shown[point][1]
        assert f"&ldquo;{stated}&rdquo; ({count} studies;" in body
        if count > named:
            assert f"names {named}; the other {count - named} are not specified" in body


def test_related_study_is_labelled_and_not_counted(app, built_db):
    page = html_text(app("guide"))
    related = rows(built_db, "select e.point_id, s.citation from talking_point_evidence e join studies s "
                             "on s.id = e.evidence_id where e.evidence_kind = 'study' and not s.included")
    assert related, "the guide links no related study outside the synthesis"
    shown = support_blocks(app("guide"))
    for point, citation in related:
        assert f"not counted above: {citation}" in shown[point][1]
        assert f'<span class="tp-related">{citation}</span>: not counted' in page


def test_linked_quotes_link_to_the_explorer_and_distressing_ones_stay_hidden(app, built_db):
    page = html_text(app("guide"))
    quotes = rows(built_db, "select distinct q.id, q.content_note, q.text from talking_point_evidence e "
                            "join quotes q on q.id = e.evidence_id where e.evidence_kind = 'quote'")
    assert any(note for _, note, _ in quotes), "no linked quote carries a content note"
    for quote_id, note, text in quotes:
        assert f'href="quotes?quote={quote_id}"' in page
        escaped = text.replace("'", "&#x27;").replace('"', "&quot;")
        assert (escaped in page) is (note is None), quote_id


def test_page_offers_both_handouts(app):
    at = app("guide")
    labels = [button.label for button in at.get("download_button")]
    assert labels == ["Clinician guide (PDF)", "Patient leaflet (PDF)"]


# Each case: text to replace in guidance.yaml, its replacement, the text whose line the problem names,
# fragments of the message, and a fragment of the fix.
BAD_GUIDANCE = {
    "unknown quote": ("quotes: [q01, q06]", "quotes: [q01, q66]", "quotes: [q01, q66]",
                      ("'q66' is not a known quote",), "did you mean"),
    "unknown theme": ("themes: [safe_place]\n            subthemes: [avoided_offline]",
                      "themes: [safe_plase]\n            subthemes: [avoided_offline]", "themes: [safe_plase]",
                      ("'safe_plase' is not a known theme",), "did you mean 'safe_place'?"),
    "no theme or quote": ("themes: [safe_place, virtual_support, stigma_identity, repair_identity]",
                          "subthemes: [anonymous]", "- id: evidence_limits",
                          ("talking point 'evidence_limits'", "links no theme or quote"), "evidence.themes"),
    "missing review point": ("- {section: conclusions, position: 2}", "- {section: conclusions, position: 9}",
                             "- {section: conclusions, position: 9}", ("conclusions 9",), "use a position from 1"),
}


@pytest.mark.parametrize("case", BAD_GUIDANCE.values(), ids=BAD_GUIDANCE.keys())
def test_bad_guidance_names_file_line_problem_and_fix(data_copy, case):
    old, new, anchor, fragments, fix = case
    edit(data_copy, "guidance.yaml", old, new)
    _, problems = check_folder(data_copy)
    problem = the_problem(problems, data_copy / "guidance.yaml", line_of(data_copy, "guidance.yaml", anchor),
                          *fragments)
    assert fix in problem.fix
