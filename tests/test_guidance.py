"""Guidance that says no more than the evidence: stored statements are verbatim, every editorial claim is
linked with a relation (or is practice advice with no count), the studies a claim credits are those its own
links name, its strength is its statements' quantifiers, and no editorial text copies the paper's prose.

Expectations are worked out here from the raw link tables, independently of the queries the app uses.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict

import duckdb
import pytest

from evidence.format.rules import check_folder
from evidence.strength import strength
from queries import run_query
from tests.conftest import PAPER, ROOT, html_text, open_page
from tests.test_validation import edit
from tests.test_validation_rules import assert_reported

ABSTRACT = ROOT.parent / "shared" / "seeds" / "forum-interviews-abstract.txt"
QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
CLAIM_KINDS = ("talking_point", "leaflet_section", "theme_summary", "construct", "line_of_argument", "stigma_type",
               "review_point", "evidence_note")
# Editorial text of each kind of claim: table, id expression, the columns that say something of the evidence.
CLAIM_TEXT = {
    "talking_point": ("talking_points", "id", ["title", "short", "body", "advice"]),
    "leaflet_section": ("leaflet_sections", "id", ["heading", "text", "array_to_string(bullets, ' ')"]),
    "theme_summary": ("themes", "id", ["summary"]),
    "construct": ("constructs", "id", ["description"]),
    "line_of_argument": ("reviews", "id", ["line_of_argument"]),
    "stigma_type": ("stigma_types", "id", ["definition"]),
    "review_point": ("review_points", "section || ':' || position", ["text"]),
    "evidence_note": ("evidence_notes", "id", ["topic", "text"]),
}
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10}
STUDY_COUNT = re.compile(r"\b(all|only one|one|two|three|four|five|six|seven|eight|nine|ten|\d+)"
                         r"(?: of the(?: \w+)?)?(?: included)? stud(?:y|ies)\b", re.IGNORECASE)
# Columns that store the sources' own words, cited, or short names taken from them: exempt from the copy check.
VERBATIM = {("quotes", "text"), ("statements", "text"), ("statements", "quantifier"),
            ("studies", "characteristics_aim"), ("studies", "title"), ("studies", "characteristics_n"),
            ("studies", "characteristics_definition"), ("studies", "characteristics_data_collection"),
            ("studies", "characteristics_analysis"), ("reviews", "title"), ("quality_criteria", "question"),
            ("disclosure_consequences", "paper_text"), ("quality_criteria", "group_label"),
            ("quality_criteria", "short_label"), ("themes", "support_stated"),
            ("quote_records", "record")}  # derived: each quote's text (verbatim) with its citation, as JSON
# Rows stored as the paper prints them: its flow diagram's exclusion box.
VERBATIM_ROWS = {"review_points": "section <> 'flow_exclusion_criteria'"}


def rows(db, sql: str, params=()) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def seed(path) -> str:
    """A seed text; in CI its absence fails the test instead of skipping it."""
    if not path.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must run with ../shared beside the project")
        pytest.skip(f"{path} is not beside the project")
    return path.read_text(encoding="utf-8")


def folded(text: str) -> str:
    """Typographic quote marks straight and whitespace collapsed: the folding rule for stored text."""
    return " ".join(text.translate(QUOTE_MARKS).split())


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", folded(text).lower())


def claims(kind: str) -> dict[str, dict]:
    return {row["claim_id"]: row for row in run_query("claim_support", claim_kind=kind).to_dict("records")}


def presence(db) -> dict[str, str]:
    """Statements of a theme's presence ("a theme in four of the five studies"), with their theme."""
    return dict(rows(db, "select id, theme_presence_id from statements where theme_presence_id is not null"))


def measures(kind: str, claim: str, statement: str, present_in: dict[str, str]) -> bool:
    """Whether a linked statement measures the claim: any statement but one of a theme's presence, which measures
    only that theme's summary."""
    return statement not in present_in or (kind == "theme_summary" and present_in[statement] == claim)


def expected_credit(db) -> dict[tuple[str, str], set[str]]:
    """Every study each claim's own links name: the named studies and origin of the statements that measure it,
    quotes' studies, linked study records, the contributing studies of the review findings it links, and the studies
    the paper ties to the themes it links; a limitation it links credits none."""
    behind = defaultdict(set)
    named = defaultdict(set)
    for statement, study in rows(db, "select statement_id, study_id from statement_studies"):
        named[statement].add(study)
    origin = dict(rows(db, "select id, from_study_id from statements where from_study_id is not null"))
    quote_study = dict(rows(db, "select id, study_id from quotes"))
    contributing = defaultdict(set)
    for finding, study in rows(db, "select finding_id, study_id from finding_studies"):
        contributing[finding].add(study)
    tied = defaultdict(set)
    for theme, study in rows(db, "select theme_id, study_id from study_themes"):
        tied[theme].add(study)
    present_in = presence(db)
    for kind, claim, evidence_kind, ident in rows(db, "select claim_kind, claim_id, evidence_kind, evidence_id "
                                                      "from claim_evidence"):
        if evidence_kind == "statement" and not measures(kind, claim, ident, present_in):
            continue
        if evidence_kind == "statement":
            behind[kind, claim] |= named[ident] | ({origin[ident]} if ident in origin else set())
        elif evidence_kind == "quote":
            behind[kind, claim].add(quote_study[ident])
        elif evidence_kind == "finding":
            behind[kind, claim] |= contributing[ident]
        elif evidence_kind == "theme":
            behind[kind, claim] |= tied[ident]
        elif evidence_kind == "study":
            behind[kind, claim].add(ident)
    return behind


def test_every_statement_is_word_for_word_in_its_source(built_db):
    paper, abstract = folded(seed(PAPER)), folded(seed(ABSTRACT))
    stored = rows(built_db, "select id, text, from_study_id from statements")
    assert len(stored) >= 40
    for ident, text, origin in stored:
        assert folded(text) in (abstract if origin else paper), f"statement {ident} is not verbatim in its source"


def test_statements_outside_the_synthesis_come_only_from_studies_outside_it(built_db):
    outside = rows(built_db, "select s.id, st.included from statements s join studies st on st.id = s.from_study_id")
    assert outside and not any(included for _, included in outside)


@pytest.mark.parametrize("kind", CLAIM_KINDS)
def test_every_claim_is_linked_or_is_practice_advice_with_no_count(review, kind):
    found = claims(kind)
    table, ident, _ = CLAIM_TEXT[kind]
    assert len(found) == rows(review, f"select count(distinct {ident}) from {table}")[0][0]
    for claim_id, claim in found.items():
        if claim["relation"] == "practice advice":
            assert claim["links"] == 0 and strength(claim) == "" and not len(claim["studies"]), claim_id
        else:
            assert claim["links"] >= 1, claim_id
    if kind in ("theme_summary", "construct", "line_of_argument"):
        assert all(c["statements"] >= 1 for c in found.values()), f"a {kind} rests on no statement of the paper"


def test_relation_is_derived_from_the_links(review):
    relations = defaultdict(set)
    for kind, claim, relation in rows(review, "select claim_kind, claim_id, relation from claim_evidence"):
        relations[kind, claim].add(relation)
    for kind in CLAIM_KINDS:
        for claim_id, claim in claims(kind).items():
            linked = relations.get((kind, claim_id), set())
            expected = ("practice advice" if not linked else "our reading" if "our reading" in linked else "states")
            assert claim["relation"] == expected, (kind, claim_id)


@pytest.mark.parametrize("kind", CLAIM_KINDS)
def test_a_claim_credits_exactly_the_studies_its_own_links_name(review, kind):
    expected = expected_credit(review)
    included = {citation: sid for sid, citation in rows(review, "select id, citation from studies where included")}
    outside = {citation: sid for sid, citation in rows(review, "select id, citation from studies where not included")}
    for claim_id, claim in claims(kind).items():
        credited = {included[s["citation"]] for s in claim["studies"]} | {outside[c] for c in claim["related_studies"]}
        assert credited == expected[kind, claim_id], (kind, claim_id)


def test_links_reach_only_what_names_its_studies_or_speaks_of_the_review(review):
    """A claim links only what itself names studies (a finding its contributing studies, a theme those the paper
    ties to it) or a limitation of the review, which credits none."""
    kinds = {kind for (kind,) in rows(review, "select distinct evidence_kind from claim_evidence")}
    assert kinds <= {"statement", "quote", "study", "finding", "theme", "limitation"}


@pytest.mark.parametrize("kind", CLAIM_KINDS)
def test_strength_is_the_quantifiers_of_the_statements_that_state_it(review, kind):
    """Only statements linked as 'states' measure a claim (our reading of a sentence borrows none of its count),
    and a statement of a theme's presence measures only that theme's summary."""
    quantifiers = defaultdict(list)
    present_in = presence(review)
    for claim, ident, quantifier in rows(
            review, "select ce.claim_id, s.id, s.quantifier from claim_evidence ce join statements s on "
                    "s.id = ce.evidence_id where ce.claim_kind = ? and ce.evidence_kind = 'statement' and "
                    "ce.relation = 'states' and s.quantifier is not null order by ce.position", [kind]):
        if measures(kind, claim, ident, present_in):
            quantifiers[claim].append(quantifier)
    for claim, stated in rows(review, "select ce.claim_id, t.support_stated from claim_evidence ce join themes t on "
                                      "t.id = ce.evidence_id where ce.claim_kind = ? and ce.evidence_kind = 'theme' "
                                      "and ce.relation = 'states' order by ce.position", [kind]):
        quantifiers[claim].append(stated)
    for claim_id, claim in claims(kind).items():
        shown = re.findall(r'"([^"]+)"', strength(claim))
        assert shown == list(dict.fromkeys(quantifiers[claim_id])), (kind, claim_id)


def test_unnamed_studies_are_said_to_be_not_specified(use_db):
    summary = claims("theme_summary")["virtual_support"]
    assert '"four of the five studies" (the paper names 2; 2 not specified)' in strength(summary)


def test_a_theme_presence_places_a_claim_about_some_women_but_gives_it_no_count(use_db):
    """The paper found the theme in all studies; that does not make a claim about some women within it hold in all
    five, nor credit it with every study."""
    point = claims("talking_point")["separate_illness"]
    assert "all studies" not in strength(point) and '"some women"' in strength(point)
    assert len(point["studies"]) < point["included_total"]
    items = run_query("claim_evidence_items", claim_kind="talking_point")
    placed = items[(items.claim_id == "separate_illness") & items.places_only]
    assert list(placed.evidence_id) == ["repair_all_studies"]


def test_the_theme_presence_still_measures_its_own_themes_summary(review):
    present_in = presence(review)
    assert present_in, "no statement of a theme's presence: the rule would be untested"
    for statement, theme in present_in.items():
        quantifier = rows(review, "select quantifier from statements where id = ?", [statement])[0][0]
        linked = rows(review, "select 1 from claim_evidence where claim_kind = 'theme_summary' and claim_id = ? "
                              "and evidence_id = ?", [theme, statement])
        if linked:
            assert f'"{quantifier}"' in strength(claims("theme_summary")[theme]), theme


def test_a_claim_read_into_a_counted_sentence_borrows_none_of_its_count(review):
    """Our reading of a sentence that says how widely something holds is not a claim that holds that widely."""
    read = rows(review, "select ce.claim_kind, ce.claim_id, s.quantifier from claim_evidence ce join statements s on "
                        "s.id = ce.evidence_id where ce.relation = 'our reading' and s.quantifier is not null and "
                        "s.theme_presence_id is null")
    stated = {(kind, claim, quantifier) for kind, claim, quantifier in rows(
        review, "select ce.claim_kind, ce.claim_id, s.quantifier from claim_evidence ce join statements s on "
                "s.id = ce.evidence_id where ce.relation = 'states'")}
    for kind, claim, quantifier in read:
        if (kind, claim, quantifier) not in stated:
            assert f'"{quantifier}"' not in strength(claims(kind)[claim]), (kind, claim)


def count_phrases(text: str, included_total: int) -> set[int]:
    """The numbers of studies a text claims, e.g. "four of the five studies" -> 4, "all studies" -> all."""
    found = set()
    for word in STUDY_COUNT.findall(text or ""):
        word = word.lower().removeprefix("only ")
        found.add(included_total if word == "all" else NUMBERS.get(word) or int(word))
    return found


@pytest.mark.parametrize("kind", CLAIM_KINDS)
def test_no_claim_text_states_a_study_count_its_links_do_not_give(review, kind):
    table, ident, columns = CLAIM_TEXT[kind]
    total = rows(review, "select count(*) from studies where included")[0][0]
    counts = defaultdict(set)
    for claim, quantifier, study_count in rows(
            review, "select ce.claim_id, s.quantifier, s.study_count from claim_evidence ce join statements s on "
                      "s.id = ce.evidence_id where ce.claim_kind = ? and ce.evidence_kind = 'statement'", [kind]):
        counts[claim] |= count_phrases(quantifier, total) | ({study_count} if study_count else set())
    support = claims(kind)
    texts = rows(review, f"select {ident}, concat_ws(' ', {', '.join(columns)}) from {table}")
    for claim_id, text in texts:
        allowed = counts[claim_id] | {len(support[claim_id]["studies"]), len(support[claim_id]["related_studies"])}
        stated = count_phrases(text, total)
        assert stated <= allowed, f"{kind} {claim_id} says {stated - allowed} studies; its links give {allowed}"


def test_the_count_check_catches_a_count_no_link_gives():
    assert count_phrases("In all five studies, and in two of the studies", 5) == {5, 2}
    assert count_phrases("Only one study reported it", 5) == {1}


def editorial_texts(db) -> list[tuple[str, str, str]]:
    """Every text value of every table, except the columns that store the sources' own words."""
    columns = rows(db, "select c.table_name, c.column_name from duckdb_columns() c join duckdb_tables() t on "
                       "t.table_name = c.table_name and t.schema_name = c.schema_name where c.data_type = 'VARCHAR' "
                       "and c.schema_name = 'main'")
    found = []
    for table, column in columns:
        if (table, column) in VERBATIM:
            continue
        kept = VERBATIM_ROWS.get(table, "true")
        found += [(table, column, value) for (value,) in rows(db, f'select distinct "{column}" from "{table}" '
                                                                    f'where "{column}" is not null and {kept}')]
    return found


def test_no_editorial_text_repeats_eight_words_of_the_sources(built_db):
    sources = words(seed(PAPER)) + ["|"] + words(seed(ABSTRACT))
    grams = {tuple(sources[i:i + 8]) for i in range(len(sources) - 7)}
    copied = []
    for table, column, value in editorial_texts(built_db):
        tokens = words(value)
        copied += [f"{table}.{column}: {' '.join(tokens[i:i + 8])}" for i in range(len(tokens) - 7)
                   if tuple(tokens[i:i + 8]) in grams]
    assert copied == []


def test_the_copy_check_reads_the_guidance(built_db):
    checked = {(table, column) for table, column, _ in editorial_texts(built_db)}
    assert {("talking_points", "body"), ("themes", "summary"), ("leaflet_sections", "text"),
            ("reviews", "line_of_argument"), ("review_points", "text")} <= checked


# The guide page


def summary_lines(page: str) -> dict[str, str]:
    return dict(re.findall(r'<li data-point="([^"]+)">(.*?)</li>', page))


def test_disclaimer_comes_before_a_summary_of_every_point_in_order(app, built_db):
    page = html_text(app("guide"))
    disclaimer = rows(built_db, "select disclaimer from guidance")[0][0]
    ordered = [p for (p,) in rows(built_db, "select tp.id from talking_points tp join guidance_sections gs on "
                                            "gs.id = tp.section_id order by gs.position, tp.position")]
    lines = summary_lines(page)
    assert list(lines) == ordered
    assert page.index(disclaimer) < page.index(f'<li data-point="{ordered[0]}">')
    first_in_full = page.index(f'id="tp-{ordered[0]}"')
    assert all(page.index(f'<li data-point="{p}">') < first_in_full for p in ordered)


def test_each_summary_line_shows_its_relation_and_strength(app, use_db):
    lines = summary_lines(html_text(app("guide")))
    for point_id, claim in claims("talking_point").items():
        line = lines[point_id]
        assert f'data-relation="{claim["relation"]}"' in line
        how_widely = strength(claim).replace('"', "&quot;")
        assert how_widely in line
        if claim["relation"] == "practice advice":
            assert "stud" not in line.split("</span>", 1)[1], point_id


def test_evidence_opens_on_demand_and_the_caveat_is_not_repeated(app, built_db):
    at = app("guide")
    points = rows(built_db, "select count(*) from talking_points")[0][0]
    advice = rows(built_db, "select count(*) from talking_points tp where not exists (select 1 from claim_evidence ce "
                            "where ce.claim_kind = 'talking_point' and ce.claim_id = tp.id)")[0][0]
    expanders = [e for e in at.expander if e.label == "What this point rests on"]
    assert len(expanders) == points - advice
    assert html_text(at).count("did not rate") == 1


def test_practice_advice_is_labelled_as_such(app, built_db):
    page = html_text(app("guide"))
    for (advice,) in rows(built_db, "select advice from talking_points where advice is not null"):
        escaped = advice.replace("'", "&#x27;").replace('"', "&quot;")
        assert f"<strong>Practice advice, not from the review:</strong> {escaped}" in page


def test_guide_has_wording_to_open_the_conversation_and_a_risk_point(use_db):
    points = run_query("talking_points")
    support = claims("talking_point")
    advice_only = [p for p in points.itertuples() if support[p.id]["relation"] == "practice advice"]
    assert any('"' in p.body and "?" in p.body for p in advice_only), "no suggested wording"
    assert any("safeguarding" in p.body and "crisis" in p.body for p in advice_only), "no point on risk"


def test_a_study_outside_the_review_is_labelled_and_not_counted(use_db, app):
    page = html_text(app("guide"))
    outside = [c for c in claims("talking_point").values() if len(c["related_studies"])]
    assert outside, "no point draws on a study outside the review"
    for claim in outside:
        assert "outside the review: " + ", ".join(claim["related_studies"]) in strength(claim)
        assert all(s["citation"] not in claim["related_studies"] for s in claim["studies"])
    assert "(outside the synthesis)" in page


def test_linked_quotes_link_to_the_explorer_and_distressing_ones_stay_closed(app, built_db):
    page = html_text(app("guide"))
    quotes = rows(built_db, "select distinct q.id, q.content_note, q.text from claim_evidence ce join quotes q "
                            "on q.id = ce.evidence_id where ce.claim_kind = 'talking_point' "
                            "and ce.evidence_kind = 'quote'")
    assert any(note for _, note, _ in quotes), "no linked quote carries a content note"
    for quote_id, note, text in quotes:
        assert f'href="quotes?quote={quote_id}"' in page
        escaped = text.replace("'", "&#x27;").replace('"', "&quot;")
        assert (escaped in page) is (note is None), quote_id


def test_leaflet_preview_speaks_to_the_patient_and_staff_notes_stand_apart(app, built_db):
    page = html_text(app("guide"))
    preview = page[page.index('<div class="leaflet">'):]
    notes = [n for (n,) in rows(built_db, "select staff_note from leaflet_sections where staff_note is not null")]
    assert notes
    for note in notes:
        escaped = note.replace("'", "&#x27;").replace('"', "&quot;")
        assert escaped not in preview and escaped in page
    assert "Note:" not in preview


def test_page_offers_both_handouts(app):
    labels = [button.label for button in app("guide").get("download_button")]
    # both at the top; the leaflet again beside its preview, at the foot of the page
    assert labels == ["Practice guide (PDF)", "Leaflet to hand out (PDF)", "Leaflet to hand out (PDF)"]


# The paper's words behind summaries elsewhere


def test_theme_summary_shows_what_it_rests_on(app, built_db):
    theme = rows(built_db, "select id from themes order by number limit 1")[0][0]
    at = app("themes", theme=theme)
    statements = rows(built_db, "select s.text from claim_evidence ce join statements s on s.id = ce.evidence_id "
                                "where ce.claim_kind = 'theme_summary' and ce.claim_id = ?", [theme])
    page = html_text(at)
    assert statements and all(text.replace('"', "&quot;").replace("'", "&#x27;") in page for (text,) in statements)
    assert 'data-claim="' + theme + '"' in page


def test_overview_links_the_line_of_argument_and_constructs_to_the_paper(app, built_db):
    page = html_text(app("overview"))
    statements = rows(built_db, "select distinct s.text from claim_evidence ce join statements s on "
                                "s.id = ce.evidence_id where ce.claim_kind in ('line_of_argument', 'construct')")
    assert statements
    for (text,) in statements:
        assert text.replace('"', "&quot;").replace("'", "&#x27;") in page


def test_stigma_lens_shows_each_coding_rule(app, built_db):
    page = html_text(app("stigma"))
    for (rule,) in rows(built_db, "select rule from stigma_types"):
        assert f"Coding rule: {rule}".replace("'", "&#x27;").replace('"', "&quot;") in page


# Bad guidance YAML: file, line, problem and fix

BAD_GUIDANCE = {
    "unknown statement": ("guidance.yaml", "- {statement: implication_nhs_link, relation: states}",
                          "- {statement: implication_nhs_lnk, relation: states}", None,
                          ("'implication_nhs_lnk' is not a known statement",), "did you mean 'implication_nhs_link'?"),
    "unknown relation": ("guidance.yaml", "- {statement: implication_nhs_link, relation: states}",
                         "- {statement: implication_nhs_link, relation: proves}", None,
                         ("relation 'proves' is not one of",), "use one of"),
    "two targets in a link": ("guidance.yaml", "- {statement: implication_nhs_link, relation: states}",
                              "- {statement: implication_nhs_link, quote: q01, relation: states}", None,
                              ("names 2 of statement, quote, study, finding, theme and limitation",), "exactly one"),
    "point resting on quotes alone": ("guidance.yaml",
                                      "            - {statement: stigma_one_negative, relation: states}\n", "",
                                      "        - id: words_matter",
                                      ("talking point 'words_matter'", "rests on no statement"), "{statement: ID"),
    "summary without evidence": ("themes.yaml", "      - {statement: safe_all_studies, relation: states}\n"
                                 "      - {statement: safe_abstained_offline, relation: states}\n"
                                 "      - {statement: safe_anonymous_all, relation: states}\n"
                                 "      - {statement: safe_audience, relation: states}\n"
                                 "      - {statement: safe_identity_protected, relation: states}\n"
                                 "      - {statement: safe_buffered, relation: states}\n",
                                 "      - {quote: q02, relation: states}\n", "  - id: safe_place",
                                 ("theme 'safe_place' summary", "rests on no statement"), "{statement: ID"),
    "statement names an outside study": ("statements.yaml", "    study_count: 2\n    studies: [mooreayers2016]",
                                         "    study_count: 2\n    studies: [smithmerry2019, mooreayers2016]",
                                         "    studies: [smithmerry2019, mooreayers2016]",
                                         ("names 'smithmerry2019'", "not an included study"), "name only"),
    "count below the studies named": ("statements.yaml", "    quantifier: four of the five studies\n    study_count: 4",
                                      "    quantifier: four of the five studies\n    study_count: 1  # too few",
                                      "    study_count: 1  # too few", ("study_count 1 must be between",),
                                      "correct study_count"),
    "paper's point with no statement": ("review.yaml",
                                        "        evidence: [{statement: limitation_few_forums, relation: states}]\n",
                                        "", "      - text: Few kinds of forum",
                                        ("review point limitations 2", "rests on no statement"), "{statement: ID"),
    "linked title that gives advice": ("guidance.yaml", "title: Providers could discuss forum use",
                                       "title: Ask about forum use, without judgement", None,
                                       ("talking point 'ask_about_forums'", "reads as advice", "opens with 'Ask'"),
                                       "put the instruction in advice:"),
    "linked title that speaks to the reader": ("guidance.yaml", "title: A forum the paper names",
                                               "title: If you point her to a forum", None,
                                               ("talking point 'signpost_forum'", "speaks to the reader ('you')"),
                                               "put the instruction in advice:"),
    "stigma type without a coding rule": ("stigma.yaml", "    rule: >-\n      The speaker reports that someone",
                                          "    rules: >-\n      The speaker reports that someone", None,
                                          ("unknown field 'rules'",), "did you mean 'rule'?"),
}


@pytest.mark.parametrize("case", BAD_GUIDANCE.values(), ids=BAD_GUIDANCE.keys())
def test_bad_links_name_file_line_problem_and_fix(data_copy, case):
    assert_reported(data_copy, case)


def test_a_practice_advice_point_may_title_itself_as_advice(data_copy):
    """Advice is allowed where it is labelled: a point that links nothing is practice advice, title included."""
    edit(data_copy, "guidance.yaml", "title: If something she has read or written shows risk to her or the baby",
         "title: Follow your local pathways if you see risk")
    _, problems = check_folder(data_copy)
    assert not problems


def test_quote_cards_show_their_coding_notes(app, built_db):
    noted = rows(built_db, "select id, coding_note from quotes where coding_note is not null and content_note is null "
                           "order by position")
    assert noted, "no quote carries a coding note: this test would pass vacuously"
    quote_id, note = noted[0]
    page = html_text(app("quotes", quote=quote_id))
    assert "Coding note (editorial)" in page
    assert note.replace("'", "&#x27;").replace('"', "&quot;") in page


# What the evidence as a whole rests on


@pytest.mark.parametrize("page", ["overview", "guide"])
def test_about_this_evidence_shows_every_note_with_what_it_rests_on(review, any_app, page):
    notes = rows(review, "select id, text from evidence_notes order by position")
    assert notes, "the review has no notes on its evidence: this test would pass vacuously"
    html = html_text(any_app(page))
    support = claims("evidence_note")
    shown = re.findall(r'<li data-note="([^"]+)">', html)
    assert shown == [ident for ident, _ in notes]
    for ident, text in notes:
        item = html[html.index(f'<li data-note="{ident}">'):]
        item = item[:item.index("</li>", item.index("claim-basis"))]
        assert text.replace("'", "&#x27;").replace('"', "&quot;") in item
        assert f'data-claim="{ident}"' in item and f'data-relation="{support[ident]["relation"]}"' in item
    linked = rows(review, "select s.text from claim_evidence ce join statements s on s.id = ce.evidence_id where "
                          "ce.claim_kind = 'evidence_note'")
    assert linked and all(t.replace('"', "&quot;").replace("'", "&#x27;") in html for (t,) in linked)


def test_a_theme_presence_linked_for_context_says_it_gives_no_count(review, any_app):
    placed = rows(review, "select ce.claim_id from claim_evidence ce join statements s on s.id = ce.evidence_id "
                          "where ce.claim_kind = 'evidence_note' and s.theme_presence_id is not null")
    html = html_text(any_app("overview"))
    if placed:
        assert "gives this claim no count and credits it no study" in html


def test_stigma_page_says_a_tag_is_broader_than_a_subtheme_only_where_the_term_is_one(review, any_app):
    types = rows(review, "select st.label, exists (select 1 from subthemes s where lower(s.name) = "
                         "lower(st.paper_term)) from stigma_types st order by st.position")
    if not types:
        return
    html = html_text(any_app("stigma"))
    for label, is_subtheme in types:
        start = html.index(f"<strong>{label}</strong>")
        line = html[start:html.index("</li>", start)]
        assert ("subtheme of that name" in line) is is_subtheme, label


# A talking point may rest on a theme or a limitation as well as on statements and findings

def test_a_point_resting_on_a_theme_holds_as_widely_as_the_paper_says_the_theme_does(synthetic):
    """Credited the studies the paper ties to the theme, and counted as the paper states the theme's support."""
    themed = rows(synthetic, "select ce.claim_id, t.support_stated, t.support_count, t.number || '. ' || t.name, "
                          "(select count(*) from study_themes sth where sth.theme_id = t.id) from claim_evidence ce "
                          "join themes t on t.id = ce.evidence_id where ce.claim_kind = 'talking_point' "
                          "and ce.evidence_kind = 'theme'")
    assert themed, "no talking point rests on a theme: the rule would be untested"
    for claim_id, stated, count, label, named in themed:
        point = claims("talking_point")[claim_id]
        assert f'"{stated}"' in strength(point)
        assert named < count and f"the paper names {named}; {count - named} not specified" in strength(point)
        assert len(point["studies"]) == named
        items = run_query("claim_evidence_items", claim_kind="talking_point")
        item = items[(items.claim_id == claim_id) & (items.evidence_kind == "theme")].iloc[0]
        assert item.detail == stated and item.label == label


def test_a_point_resting_on_a_limitation_states_the_paper_and_credits_no_study(synthetic):
    limited = rows(synthetic, "select ce.claim_id, rp.text from claim_evidence ce join review_points rp on "
                           "rp.point_id = ce.evidence_id and rp.section = 'limitations' where "
                           "ce.claim_kind = 'talking_point' and ce.evidence_kind = 'limitation'")
    assert limited, "no talking point rests on a limitation: the rule would be untested"
    for claim_id, text in limited:
        point = claims("talking_point")[claim_id]
        assert point["relation"] == "states" and not len(point["studies"])
        items = run_query("claim_evidence_items", claim_kind="talking_point")
        item = items[(items.claim_id == claim_id)].iloc[0]
        assert item.detail == text and item.point_provenance == "paper"


def test_the_guide_shows_a_theme_and_a_limitation_a_point_rests_on(synthetic):
    page = html_text(open_page("guide"))
    assert "Parts of the synthesis, with the support the paper states for each" in page
    assert "Limitations of the review" in page and "The invented review found few invented studies." in page


def test_only_a_talking_point_may_rest_on_a_theme_or_limitation_alone(tmp_path):
    """A point of advice may rest on a theme or a limitation the paper states; a theme's own summary may not rest on
    a theme in place of the paper's sentences, and a link to a limitation without that id is refused."""
    import shutil

    from tests.conftest import SYNTHETIC
    from tests.test_findings import edit
    folder = tmp_path / "review"
    shutil.copytree(SYNTHETIC, folder)
    assert not check_folder(folder)[1], "the fixture's theme- and limitation-resting points must pass"

    def summary_on_a_theme(content):
        content["themes"][0]["summary_evidence"] = [{"theme": "t_two", "relation": "states"}]

    def unknown_limitation(content):
        for section in content["guidance"]["sections"]:
            for point in section["points"]:
                for link in point["evidence"]:
                    if "limitation" in link:
                        link["limitation"] = "lim_fw"
    edit(folder, "themes", summary_on_a_theme)
    messages = [(p.message, p.fix) for p in check_folder(folder)[1]]
    assert any("theme 't_one' summary" in m and "rests on no statement" in m and "{statement: ID" in f
               and "theme:" not in f for m, f in messages), messages
    assert not any("talking point" in m for m, _ in messages)
    shutil.copy(SYNTHETIC / "themes.yaml", folder / "themes.yaml")
    edit(folder, "guidance", unknown_limitation)
    messages = [p.message for p in check_folder(folder)[1]]
    assert any("'lim_fw' is not a known limitation" in m for m in messages), messages
