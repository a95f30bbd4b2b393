"""Review findings and their confidence (GRADE-CERQual, ConQual): the checks that catch the known misapplications,
the Summary of Qualitative Findings and Evidence Profiles on the page, their exports read back, and a review with no
findings that shows no confidence anywhere."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import duckdb
import pytest
import yaml

from evidence.build import build
from evidence.findings_files import finding_records, findings_csv, findings_docx, findings_json
from evidence.format.rules import check_folder
from queries import run_query
from tests.conftest import DATA, SYNTHETIC, html_text, open_page, point_app_at

LEVEL_LABELS = ("High confidence", "Moderate confidence", "Low confidence", "Very low confidence")


@pytest.fixture
def synthetic_copy(tmp_path) -> Path:
    target = tmp_path / "review"
    shutil.copytree(SYNTHETIC, target)
    return target


def edit(folder: Path, name: str, change) -> None:
    path = folder / f"{name}.yaml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(content)
    path.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True), encoding="utf-8")


def finding(content: dict, finding_id: str) -> dict:
    return next(f for f in content["findings"] if f["id"] == finding_id)


def judgement(content: dict, finding_id: str, component: str) -> dict:
    return next(j for j in finding(content, finding_id)["assessment"]["components"] if j["component"] == component)


MISAPPLICATIONS = {
    "a component without an explanation": (
        "findings", lambda c: judgement(c, "f_shared_space", "coherence").pop("explanation"),
        "missing field 'explanation'"),
    "the overall level without an explanation": (
        "findings", lambda c: finding(c, "f_weighing_up")["assessment"].pop("explanation"),
        "missing field 'explanation'"),
    "an assessment with a component missing": (
        "findings", lambda c: finding(c, "f_shared_space")["assessment"]["components"].pop(),
        "its assessment leaves out relevance"),
    "a component judged twice": (
        "findings", lambda c: finding(c, "f_shared_space")["assessment"]["components"].append(
            dict(judgement(c, "f_shared_space", "coherence"))), "judges coherence twice"),
    "a finding with no contributing study": (
        "findings", lambda c: finding(c, "f_not_judged").update(studies=[]), "needs at least 1 item"),
    "crediting a study none of its quotes or statements come from": (
        "findings", lambda c: finding(c, "f_shared_space")["studies"].append("fixture01"),
        "credits 'fixture01', but none of its linked quotes or statements comes from that study"),
    "a quote from a study it does not credit": (
        "findings", lambda c: finding(c, "f_weighing_up")["evidence"].append({"quote": "n02", "relation": "states"}),
        "links quote 'n02' from 'fixture03', which is not among its contributing studies"),
    "an assessment attached to a study": (
        "studies", lambda c: c["studies"][0].update(assessment={"confidence": "high"}),
        "never a single study: move the judgement to the finding"),
    "a number where a level is expected": (
        "findings", lambda c: judgement(c, "f_shared_space", "adequacy").update(concern=2), "concern should be one of"),
    "a level of another method": (
        "findings", lambda c: judgement(c, "f_shared_space", "adequacy").update(concern="unequivocal"),
        "'unequivocal' is not a level of adequacy in GRADE-CERQual"),
    "a component of another method": (
        "findings", lambda c: judgement(c, "f_shared_space", "adequacy").update(component="credibility"),
        "'credibility' is not a component of GRADE-CERQual"),
    "a wording of a level the method lacks": (
        "findings", lambda c: c["confidence"]["levels"].append({"level": "certain", "meaning": "Sure."}),
        "'certain' is not one of high, moderate"),
    "a wording of a component's level as an overall level": (
        "findings", lambda c: c["confidence"]["levels"].append({"level": "serious", "meaning": "Bad."}),
        "'serious' is not one of GRADE-CERQual's overall levels"),
    "a wording of another method's component": (
        "findings", lambda c: c["confidence"]["levels"].append(
            {"component": "credibility", "level": "equivocal", "meaning": "Disputed."}),
        "'credibility' is not a component of GRADE-CERQual"),
    "a wording of a level the component lacks": (
        "findings", lambda c: c["confidence"]["levels"].append(
            {"component": "coherence", "level": "very_low", "meaning": "Unclear."}),
        "'very_low' is not one of GRADE-CERQual's component coherence"),
    "a level worded twice": (
        "findings", lambda c: c["confidence"]["levels"].append(dict(c["confidence"]["levels"][0])),
        "words the level 'very_low' of overall levels twice"),
    "a wording that says nothing": (
        "findings", lambda c: c["confidence"]["levels"].append({"level": "high"}),
        "gives neither a label nor a meaning"),
}


@pytest.mark.parametrize("case", list(MISAPPLICATIONS))
def test_check_catches_each_misapplication_with_file_line_and_fix(synthetic_copy, case):
    name, change, expected = MISAPPLICATIONS[case]
    edit(synthetic_copy, name, change)
    _, problems = check_folder(synthetic_copy)
    found = [p for p in problems if expected in str(p)]
    assert found, f"{case}: {[str(p) for p in problems]}"
    assert found[0].file.endswith(f"{name}.yaml") and found[0].line > 1 and found[0].fix


WARNINGS = {
    "no concerns on adequacy with one study": (
        lambda c: judgement(c, "f_weighing_up", "adequacy").update(concern="no_or_very_minor"),
        "no or very minor concerns on adequacy with a single contributing study"),
    "high confidence with a serious concern": (
        lambda c: finding(c, "f_what_it_made_possible")["assessment"].update(confidence="high"),
        "high overall confidence with serious concerns on methodological_limitations"),
}


@pytest.mark.parametrize("case", list(WARNINGS))
def test_where_judgement_may_differ_check_warns_and_the_build_goes_on(synthetic_copy, tmp_path, case):
    change, expected = WARNINGS[case]
    edit(synthetic_copy, "findings", change)
    sources, problems = check_folder(synthetic_copy)
    assert not problems
    assert any(expected in w.message for w in sources.warnings), [str(w) for w in sources.warnings]
    assert build(synthetic_copy, tmp_path / "warned.duckdb").ok


def test_the_bundled_and_synthetic_reviews_check_without_warnings():
    for folder in (DATA, SYNTHETIC):
        sources, problems = check_folder(folder)
        assert not problems and not sources.warnings


def test_conqual_findings_are_held_to_conquals_components(synthetic_copy):
    def to_conqual(content):
        content["confidence"]["method"] = "JBI ConQual"
        content["confidence"].pop("levels")  # the fixture words CERQual's levels, which ConQual does not have
        for item in content["findings"]:
            if "assessment" in item:
                item["assessment"]["components"] = [
                    {"component": "dependability", "concern": "downgraded_one", "explanation": "Two of five."},
                    {"component": "credibility", "concern": "unequivocal", "explanation": "Every illustration."}]
    edit(synthetic_copy, "findings", to_conqual)
    assert check_folder(synthetic_copy)[1] == []
    edit(synthetic_copy, "findings", lambda c: finding(c, "f_shared_space")["assessment"]["components"].pop())
    assert any("leaves out credibility" in p.message for p in check_folder(synthetic_copy)[1])


@pytest.fixture
def synthetic_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("findings") / "evidence.duckdb"
    assert build(SYNTHETIC, db).ok
    return db


def rows(db: Path, sql: str, params=()) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def test_the_summary_shows_every_finding_its_level_explanation_and_studies(monkeypatch, synthetic_db):
    point_app_at(monkeypatch, synthetic_db, SYNTHETIC)
    at = open_page("findings")
    html = html_text(at)
    for text, label, explanation in rows(synthetic_db, "select f.text, l.label, f.confidence_explanation from "
                                                      "findings f left join confidence_levels l on l.component_id "
                                                      "is null and l.id = f.confidence"):
        assert text in html
        assert (f"<strong>{label}</strong>" in html and explanation in html) if label else True
    assert "not assessed by the review&#x27;s authors" in html
    assert len([e for e in at.expander if e.label.startswith("Evidence Profile")]) == 3


def test_every_study_link_opens_exactly_that_studys_quotes_for_that_finding(monkeypatch, synthetic_db):
    point_app_at(monkeypatch, synthetic_db, SYNTHETIC)
    html = html_text(open_page("findings"))
    expected = {}
    for finding_id, study, quote in rows(synthetic_db, "select ce.claim_id, q.study_id, q.id from claim_evidence ce "
                                                       "join quotes q on q.id = ce.evidence_id where ce.claim_kind = "
                                                       "'finding' and ce.evidence_kind = 'quote'"):
        expected.setdefault((finding_id, study), set()).add(quote)
    import re
    citations = {citation for (citation,) in rows(synthetic_db, "select citation from studies")}
    texts = re.findall(r'href="quotes\?[^"]+"[^>]*>([^<]+)</a>', html)
    assert texts and all(text.split(" (")[0] in citations and text.endswith(("quote)", "quotes)")) for text in texts)
    hrefs = [h.replace("&amp;", "&") for h in re.findall(r'href="(quotes\?[^"]+)"', html)]
    linked = [set(parse_qs(urlsplit(h).query)["quote"]) for h in hrefs]
    assert sorted(map(sorted, linked)) == sorted(map(sorted, expected.values()))
    for ids in linked:  # the explorer, given the link, shows exactly those quotes
        shown = run_query("quotes_filtered", db_path=synthetic_db, themes=[], subthemes=[], studies=[], stigma=[],
                          sources=[], min_quality=None, search=None, quote_ids=sorted(ids), limit=None, offset=0,
                          min_confidence=None, records=None)
        assert set(shown.id.dropna()) == ids


def test_findings_filter_by_confidence_and_theme_from_the_address(monkeypatch, synthetic_db):
    point_app_at(monkeypatch, synthetic_db, SYNTHETIC)
    every_level = [level for (level,) in rows(synthetic_db, "select id from confidence_levels where component_id is "
                                                            "null")] + ["not_assessed"]
    html = html_text(open_page("findings", confidence=every_level))  # every choice keeps every finding
    assert all(text in html for (text,) in rows(synthetic_db, "select text from findings"))
    assert "Users of a survey" in html_text(open_page("findings", confidence="not_assessed"))
    html = html_text(open_page("findings", confidence="low"))
    assert "made it possible" in html and "shared space" not in html
    html = html_text(open_page("findings", theme="t_one"))
    assert "shared space" in html and "made it possible" not in html


def test_the_exports_read_back_with_every_finding_level_and_explanation(synthetic_db):
    findings = run_query("findings", db_path=synthetic_db, confidence=None, themes=None)
    judgements = run_query("finding_judgements", db_path=synthetic_db)
    records = finding_records(findings, judgements)
    args = ("Example et al. 2099", "abc123", "GRADE-CERQual")
    from docx import Document
    levels = [("Low confidence", "It is possible that ...")]
    document = Document(io.BytesIO(findings_docx(records, *args, "Review findings", levels)))
    summary, *profiles = document.tables
    assert tuple(cell.text for cell in summary.rows[0].cells) == (  # iSoQ's columns, in its order
        "#", "Summarised review finding", "Assessment of confidence", "Explanation of the assessment",
        "Contributing studies")
    body = [[cell.text for cell in row.cells] for row in summary.rows[1:]]
    assert [row[1] for row in body] == list(findings.text)
    assert [row[2] for row in body] == [label if isinstance(label, str) else "not assessed by the review's authors"
                                        for label in findings.confidence_label]
    assert [row[3] for row in body] == [e if isinstance(e, str) else "" for e in findings.confidence_explanation]
    assert [row[4] for row in body] == ["; ".join(s["citation"] for s in studies) for studies in findings.studies]
    assert len(profiles) == 3 and all(len(p.rows) == 5 for p in profiles)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Example et al. 2099" in text and "abc123" in text and "Low confidence: It is possible that ..." in text
    every = {j.explanation for j in judgements.itertuples()}
    assert every <= {cell.text for p in profiles for row in p.rows for cell in row.cells}
    import pandas as pd
    table = pd.read_csv(io.StringIO(findings_csv(records, *args)))  # a plain table: header first, no preamble
    assert list(table["Summarised review finding"]) == list(findings.text)
    assert set(table.review) == {"Example et al. 2099"} and set(table.data_version) == {"abc123"}
    data = json.loads(findings_json(records, *args))
    assert data["data_version"] == "abc123" and [f["finding"] for f in data["findings"]] == list(findings.text)


def test_a_review_without_findings_shows_no_confidence_level_anywhere(app, built_db):
    assert rows(built_db, "select count(*) from findings") == [(0,)]
    for name in [p.stem for p in (Path(__file__).resolve().parent.parent / "views").glob("*.py")]:
        at = open_page(name)
        shown = html_text(at) + "\n".join(m.value for m in [*at.markdown, *at.caption, *at.info])
        assert not any(label.lower() in shown.lower() for label in LEVEL_LABELS), name


def test_a_themes_findings_show_beside_it_with_their_confidence_and_its_meaning(monkeypatch, synthetic_db):
    point_app_at(monkeypatch, synthetic_db, SYNTHETIC)
    for theme_id, text, label, meaning in rows(synthetic_db, "select f.theme_id, f.text, l.label, l.meaning from "
                                                             "findings f join confidence_levels l on l.component_id "
                                                             "is null and l.id = f.confidence"):
        html = html_text(open_page("themes", theme=theme_id))
        assert f"{text} <strong>{label}</strong>" in html and meaning in html
        assert f'href="findings?theme={theme_id}"' in html


@pytest.mark.parametrize("shape", ["large", "small"])
def test_generated_reviews_with_forty_and_one_findings_and_conqual_check_build_and_show(tmp_path, monkeypatch, shape):
    from tests.shapes import SHAPES, generate

    data = generate(tmp_path / "data", **SHAPES[shape])
    sources, problems = check_folder(data)
    assert not problems and not sources.warnings, [str(p) for p in [*problems, *sources.warnings]]
    db = tmp_path / "shape.duckdb"
    assert build(data, db).ok
    assert rows(db, "select count(*) from findings") == [(SHAPES[shape]["findings"],)]
    assert rows(db, "select method from confidence_method") == [(SHAPES[shape].get("method", "GRADE-CERQual"),)]
    point_app_at(monkeypatch, db, data)
    at = open_page("findings")
    html = html_text(at)
    assert all(text in html for (text,) in rows(db, "select text from findings"))
    assert len([e for e in at.expander if e.label.startswith("Evidence Profile")]) == SHAPES[shape]["findings"]


def test_a_review_with_assessments_never_says_there_is_no_confidence_rating(monkeypatch, synthetic_db):
    from pypdf import PdfReader

    from evidence.handouts import clinician_guide_pdf
    from views.guide import by_claim
    point_app_at(monkeypatch, synthetic_db, SYNTHETIC)
    for name in [p.stem for p in (Path(__file__).resolve().parent.parent / "views").glob("*.py")]:
        at = open_page(name)
        shown = html_text(at) + "\n".join(m.value for m in [*at.markdown, *at.caption, *at.info])
        assert not any(said in shown.lower() for said in ("no confidence rating", "carries a confidence rating")), name
    assert "judged how much confidence each of their findings deserves, with GRADE-CERQual" in \
        html_text(open_page("guide"))
    guidance = {**run_query("guidance").iloc[0].to_dict(), "confidence_method": "GRADE-CERQual"}
    pdf = clinician_guide_pdf(run_query("talking_points"), by_claim(run_query("claim_support",
                                                                              claim_kind="talking_point")),
                              run_query("review").iloc[0].to_dict(), run_query("build_info").iloc[0].to_dict(),
                              guidance, None)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "no confidence rating" not in text.lower() and "GRADE-CERQual" in text


def test_a_review_without_assessments_still_says_why_there_is_no_rating(app):
    assert "No confidence rating." in html_text(open_page("guide"))
    assert any("No finding on this dashboard carries a confidence rating" in i.value for i in open_page("methods").info)


def test_the_explorer_keeps_the_quotes_supporting_findings_of_at_least_a_chosen_confidence(monkeypatch,
                                                                                           synthetic_db):
    from tests.conftest import quote_ids_shown
    point_app_at(monkeypatch, synthetic_db, SYNTHETIC)
    seen = []
    for rank, label in rows(synthetic_db, "select position, label from confidence_levels where component_id is null "
                                          "order by position"):
        expected = [q for (q, _) in rows(synthetic_db, "select distinct q.id, q.position from claim_evidence ce join "
                                                       "quotes q on q.id = ce.evidence_id join findings f on f.id = "
                                                       "ce.claim_id join confidence_levels lv on lv.component_id is "
                                                       "null and lv.id = f.confidence where ce.claim_kind = 'finding' "
                                                       "and lv.position <= ? order by q.position", [rank])]
        at = open_page("quotes", confidence=str(rank), size="50")
        assert quote_ids_shown(at) == expected, label
        box = at.selectbox(key="quotes_confidence")
        assert box.format_func(box.value) == (label if rank == 1 else f"{label} or higher")
        seen.append(len(expected))
    assert len(set(seen)) > 2, "the levels should keep different quotes"


def test_a_review_without_assessments_offers_no_confidence_filter(app):
    assert not [box for box in open_page("quotes").selectbox if box.key == "quotes_confidence"]


def test_a_talking_point_resting_on_a_finding_takes_its_confidence_on_the_page_and_in_the_pdf(monkeypatch,
                                                                                               synthetic_db):
    from pypdf import PdfReader

    from evidence.handouts import clinician_guide_pdf
    from evidence.strength import strength
    from views.guide import by_claim
    point_app_at(monkeypatch, synthetic_db, SYNTHETIC)
    resting = rows(synthetic_db, "select ce.claim_id, f.number, l.label, l.meaning from claim_evidence ce join "
                                 "findings f on f.id = ce.evidence_id join confidence_levels l on l.component_id is "
                                 "null and l.id = f.confidence where ce.claim_kind = 'talking_point' and "
                                 "ce.evidence_kind = 'finding'")
    assert resting, "the synthetic guide has a point resting on an assessed finding"
    claims = by_claim(run_query("claim_support", claim_kind="talking_point"))
    html = html_text(open_page("guide"))
    source = rows(synthetic_db, "select overall_source from confidence_method")[0][0]
    guidance = {**run_query("guidance").iloc[0].to_dict(), "confidence_method": "GRADE-CERQual",
                "confidence_source": source}
    pdf = clinician_guide_pdf(run_query("talking_points"), claims, run_query("review").iloc[0].to_dict(),
                              run_query("build_info").iloc[0].to_dict(), guidance, None)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)
    assert f"What the confidence levels below mean ({source})" in text
    for claim_id, number, label, meaning in resting:
        said = f"finding {number}: {label[0].lower() + label[1:]}"
        assert said in strength(claims[claim_id]) and said in html and meaning in html
        assert said in text
        assert f"{label}: {meaning[:1].lower() + meaning[1:]}" in text  # what the level means, printed too


def test_a_finding_that_starts_like_a_formula_is_text_in_the_csv_and_exact_in_json(synthetic_db):
    findings = run_query("findings", db_path=synthetic_db, confidence=None, themes=None)
    findings.loc[0, "text"] = '=HYPERLINK("http://x.invalid","click")'
    records = finding_records(findings, run_query("finding_judgements", db_path=synthetic_db))
    import pandas as pd
    table = pd.read_csv(io.StringIO(findings_csv(records, "R", "v", None)))
    assert table["Summarised review finding"][0] == "'" + findings.text[0]
    assert json.loads(findings_json(records, "R", "v", None))["findings"][0]["finding"] == findings.text[0]


def test_the_reviews_own_wording_of_a_level_replaces_the_methods_and_says_whose_it_is(monkeypatch, synthetic_db):
    """The fixture words the very low level and adequacy's serious concerns itself: its words stand on the page, in
    the Evidence Profile and in the Word document, the method's for every other level, and the page says so."""
    wordings = yaml.safe_load((SYNTHETIC / "findings.yaml").read_text(encoding="utf-8"))["confidence"]["levels"]
    overall = next(w for w in wordings if "component" not in w)
    serious = next(w for w in wordings if w.get("component") == "adequacy")
    point_app_at(monkeypatch, synthetic_db, SYNTHETIC)
    at = open_page("findings")
    shown = html_text(at)
    assert overall["meaning"] in shown and "not clear whether the review finding" not in shown
    assert serious["label"] in shown and serious["meaning"] in shown
    assert "Moderate confidence" in shown and "It is likely that the review finding" in shown  # the method's own
    caption = " ".join(c.value for c in at.caption).replace("\\", "")
    assert "the review's own wording where it gives one, otherwise GRADE-CERQual's own definitions" in caption
    levels = rows(synthetic_db, "select label, meaning from confidence_levels where component_id is null "
                                "order by position")
    source = rows(synthetic_db, "select overall_source from confidence_method")[0][0]
    findings = run_query("findings", db_path=synthetic_db, confidence=None, themes=None)
    records = finding_records(findings, run_query("finding_judgements", db_path=synthetic_db))
    from docx import Document
    document = Document(io.BytesIO(findings_docx(records, "Example et al. 2099", "abc123", "GRADE-CERQual",
                                                 "Review findings", levels, source)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"Very low confidence: {overall['meaning']}." in text and f"The meanings are {source}." in text



def test_no_cell_of_the_summary_stands_empty(monkeypatch, synthetic_db):
    """A phone shows each row as a card of labelled cells: a standalone or unassessed finding says so in its theme and
    explanation cells instead of leaving a label with nothing after it."""
    import re
    point_app_at(monkeypatch, synthetic_db, SYNTHETIC)
    summary = next(e.proto.body for e in open_page("findings").html
                   if "Summary of Qualitative Findings" in e.proto.body)
    empty = re.findall(r'<td role="cell" data-label="([^"]*)">\s*</td>', summary)
    assert not empty, f"empty cells: {empty}"
    assert rows(synthetic_db, "select count(*) from findings where theme_id is null")[0][0], "a standalone finding"
    assert rows(synthetic_db, "select count(*) from findings where confidence is null")[0][0], "an unassessed one"


def test_a_level_worded_with_markup_or_a_formula_shows_literally_and_opens_as_text(synthetic_copy, tmp_path,
                                                                                   monkeypatch):
    """A review's own wording of a level is untrusted text: markup shows as written on the page and in the Word
    document, and a label that starts like a formula is text in the CSV."""
    label, meaning = '=HYPERLINK("http://x.invalid","Low")', "<script>alert(1)</script> <b>may</b> hold"
    edit(synthetic_copy, "findings", lambda c: c["confidence"]["levels"].append(
        {"level": "low", "label": label, "meaning": meaning}))
    sources, problems = check_folder(synthetic_copy)
    assert not problems, [str(p) for p in problems]
    db = tmp_path / "hostile.duckdb"
    assert build(synthetic_copy, db).ok
    point_app_at(monkeypatch, db, synthetic_copy)
    shown = html_text(open_page("findings"))
    assert "<script>alert(1)" not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;may&lt;/b&gt; hold" in shown
    findings = run_query("findings", db_path=db, confidence=None, themes=None)
    records = finding_records(findings, run_query("finding_judgements", db_path=db))
    import pandas as pd
    table = pd.read_csv(io.StringIO(findings_csv(records, "R", "v", "GRADE-CERQual")))
    assert "'" + label in set(table["Assessment of confidence"])
    from docx import Document
    levels = rows(db, "select label, meaning from confidence_levels where component_id is null order by position")
    text = "\n".join(p.text for p in Document(io.BytesIO(findings_docx(records, "R", "v", "GRADE-CERQual", "F",
                                                                      levels))).paragraphs)
    assert f"{label}: {meaning}." in text
