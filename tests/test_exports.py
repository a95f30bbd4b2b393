"""Quote exports hold exactly the filtered quotes, with citations and provenance-labelled tags."""

from __future__ import annotations

import csv
import io
import json

import duckdb
import pytest

from evidence.citations import quote_citation
from evidence.exports import About, quotes_csv, quotes_json
from queries import run_query

ANY = dict(themes=[], subthemes=[], studies=[], stigma=[], sources=[], quote_ids=[], min_quality=None,
    min_confidence=None, search=None, records=None)


def test_exports_hold_every_filtered_quote_not_just_a_page(use_db):
    with duckdb.connect(str(use_db), read_only=True) as con:
        stigma, expected = con.execute("""
            select stigma_type_id, list(quote_id order by q.position) from quote_stigma
            join quotes q on q.id = quote_id group by all order by count(*) desc limit 1""").fetchone()
    frame = run_query("quotes_filtered", limit=None, offset=0, **{**ANY, "stigma": [stigma]})
    rows = list(csv.DictReader(io.StringIO(quotes_csv(frame))))
    document = json.loads(quotes_json(frame, About("Review 2019")))
    assert [r["id"] for r in rows] == expected == [q["id"] for q in document["quotes"]]
    assert document["source_review"] == "Review 2019"
    first = document["quotes"][0]
    assert first["theme_provenance"] == "paper"
    assert all(tag["provenance"] in ("paper", "editorial") for tag in first["subthemes"] + first["stigma"])
    assert all("(editorial)" in r["stigma types"] for r in rows)


def test_each_file_says_what_it_is_from_the_review_version_filters_and_quality_maximum(use_db):
    frame = run_query("quotes_filtered", limit=None, offset=0, **{**ANY, "min_quality": 1})
    about = About("Review 2019", "abc123", (("study", "s1"), ("study", "s 2"), ("min_quality", "1")))
    rows = list(csv.DictReader(io.StringIO(quotes_csv(frame, about))))
    document = json.loads(quotes_json(frame, about))
    assert {(r["review"], r["data_version"], r["filters"]) for r in rows} == {
        ("Review 2019", "abc123", "study=s1&study=s+2&min_quality=1")}
    assert document["data_version"] == "abc123"
    assert document["filters"] == {"study": ["s1", "s 2"], "min_quality": ["1"]}
    with duckdb.connect(str(use_db), read_only=True) as con:
        maxima = dict(con.execute("select id, quality_max from studies").fetchall())
    assert [q["study_quality_max"] for q in document["quotes"]] == [maxima[q["study_id"]] for q in
                                                                    document["quotes"]]
    assert all(r["study_quality_max"] == str(q["study_quality_max"]) for r, q in zip(rows, document["quotes"],
                                                                                     strict=True))


def test_csv_keeps_quote_text_exactly(use_db):
    frame = run_query("quotes_filtered", limit=None, offset=0, **ANY)
    rows = list(csv.DictReader(io.StringIO(quotes_csv(frame))))
    assert [r["text"] for r in rows] == list(frame.text)


def test_citation_carries_study_page_and_review():
    assert quote_citation('say "hi"', "Evans et al. 2012", 407, "Moore et al. 2019") == \
        '"say "hi"" (Evans et al. 2012, p. 407; quoted in Moore et al. 2019)'


def test_missing_values_are_null_in_json_and_empty_in_csv(use_db):
    frame = run_query("quotes_filtered", limit=None, offset=0, **ANY)
    assert frame.content_note.isna().any(), "the bundled review has quotes without a content note"
    document = json.loads(quotes_json(frame, About("R")), parse_constant=lambda name: pytest.fail(f"JSON holds {name}"))
    notes = {q["id"]: q["content_note"] for q in document["quotes"]}
    assert None in notes.values()
    rows = list(csv.DictReader(io.StringIO(quotes_csv(frame))))
    assert not [r["id"] for r in rows if "nan" in (r["content_note"], r["study_quality_score"])]
    assert all(r["printed_citation"] for r in rows)


def test_each_exported_quote_carries_its_study_page_source_and_theme(use_db):
    """Read back from the database itself, so a column dropped or mixed up in an export is caught."""
    with duckdb.connect(str(use_db), read_only=True) as con:
        truth = {qid: (citation, page, source, theme) for qid, citation, page, source, theme in con.execute("""
            select q.id, s.citation, q.page, src.label, t.name from quotes q
            join studies s on s.id = q.study_id join themes t on t.id = q.theme_id
            left join source_types src on src.id = q.source_id""").fetchall()}
    frame = run_query("quotes_filtered", limit=None, offset=0, **ANY)
    rows = list(csv.DictReader(io.StringIO(quotes_csv(frame))))
    assert len(rows) == len(truth)
    for row in rows:
        assert (row["study"], row["page"], row["source"], row["theme (paper)"]) == truth[row["id"]], row["id"]
    for quote in json.loads(quotes_json(frame, About("R")))["quotes"]:
        assert (quote["study"], quote["page"], quote["source"], quote["theme"]) == truth[quote["id"]], quote["id"]


def test_download_names_carry_the_review_and_the_filters():
    from components.downloads import file_stem
    assert file_stem("Moore et al. 2019", {"theme": ["stigma_identity"], "q": "Good mothér", "study": []}) == \
        "moore-et-al-2019-quotes-theme-stigma-identity-q-good-mother"
    assert file_stem("Moore et al. 2019", {"theme": [], "q": ""}) == "moore-et-al-2019-quotes"
    assert len(file_stem("R", {"q": "x" * 300})) <= 120


FORMULAS = ["=HYPERLINK(\"http://example.invalid\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\r=1",
            "=cmd|' /C calc'!A0"]


def test_csv_neutralises_a_cell_a_spreadsheet_would_run_and_json_keeps_it(use_db):
    """OWASP's CSV-injection guidance: a cell starting with = + - @ tab or carriage return gets a leading
    apostrophe; the JSON export keeps every value exactly."""
    frame = run_query("quotes_filtered", limit=len(FORMULAS), offset=0, **ANY).copy()
    frame["text"] = FORMULAS[:len(frame)]
    frame["printed_citation"] = [f"=A{i}" for i in range(len(frame))]
    rows = list(csv.DictReader(io.StringIO(quotes_csv(frame), newline="")))
    assert [r["text"] for r in rows] == [f"'{f}" for f in FORMULAS[:len(frame)]]
    assert all(r["printed_citation"].startswith("'=") for r in rows)
    document = json.loads(quotes_json(frame, About("R")))
    assert [q["text"] for q in document["quotes"]] == FORMULAS[:len(frame)]
    plain = run_query("quotes_filtered", limit=None, offset=0, **ANY)
    assert [r["text"] for r in csv.DictReader(io.StringIO(quotes_csv(plain)))] == list(plain.text), \
        "a text that starts like no formula is changed"


def test_each_exported_quote_carries_its_studys_own_quality_score(review):
    """The study's score, not the checklist's maximum (a planted swap of the two went unnoticed)."""
    with duckdb.connect(str(review), read_only=True) as con:
        scores = dict(con.execute("select q.id, s.quality_score from quotes q join studies s on s.id = q.study_id")
                      .fetchall())
        assert len(set(scores.values())) > 1 or con.execute("select bool_or(quality_score <> quality_max) from "
                                                            "studies where included").fetchone()[0]
    frame = run_query("quotes_filtered", limit=None, offset=0, **ANY)
    for row in csv.DictReader(io.StringIO(quotes_csv(frame))):
        assert row["study_quality_score"] == ("" if scores[row["id"]] is None else str(scores[row["id"]]))
    for quote in json.loads(quotes_json(frame, About("R")))["quotes"]:
        assert quote["study_quality_score"] == scores[quote["id"]]


def test_each_exported_quote_carries_its_language_and_consequences(review):
    """The quote's language and the feared consequences it names (both reviews: one codes consequences, the other
    prints quotes in other languages), as the data holds them."""
    with duckdb.connect(str(review), read_only=True) as con:
        languages = dict(con.execute("select id, language from quotes").fetchall())
        named = {}
        for quote_id, label, provenance in con.execute(
                "select qc.quote_id, c.label, qc.provenance from quote_consequences qc join disclosure_consequences c "
                "on c.id = qc.consequence_id order by c.position").fetchall():
            named.setdefault(quote_id, []).append(f"{label} ({provenance})")
    assert any(languages.values()) or named, "the review holds languages or consequences to export"
    frame = run_query("quotes_filtered", limit=None, offset=0, **ANY)
    for row in csv.DictReader(io.StringIO(quotes_csv(frame))):
        assert row["language"] == (languages[row["id"]] or "")
        assert row["consequences"] == "; ".join(named.get(row["id"], []))
    for quote in json.loads(quotes_json(frame, About("R")))["quotes"]:
        assert quote["language"] == languages[quote["id"]]
        assert [f"{c['name']} ({c['provenance']})" for c in quote["consequences"]] == named.get(quote["id"], [])


def test_the_builds_record_of_each_quote_is_the_downloads_record(review):
    """The web API reads each quote as the build made it (quote_records, one JSON object per quote); the explorer's
    download makes the same record from the card's columns. Every quote of both reviews must come out the same."""
    from evidence.exports import quote_records
    from queries import NO_QUOTE_FILTER, run_rows

    cards = run_rows("quotes_filtered", limit=None, offset=0, **NO_QUOTE_FILTER)
    built = run_rows("quotes_filtered", limit=None, offset=0, **{**NO_QUOTE_FILTER, "records": True})
    assert [json.loads(row.record) for row in built] == quote_records(cards) and cards
