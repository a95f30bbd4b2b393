"""Reference export: RIS and BibTeX carry confirmed fields only, escaped, and say where they came from."""

from __future__ import annotations

import re

import duckdb
import pytest

from evidence.citations import (
    ONLY_FIRST_AUTHOR,
    bibtex_entry,
    bibtex_escape,
    dashboard_reference,
    page_range,
    review_reference,
    ris_record,
    studies_bibtex,
    studies_ris,
    surname_first,
)

NC = "not confirmed"
ORIGIN = "the test dashboard"
# DB column -> RIS tag and BibTeX field
FIELDS = {"title": ("TI", "title"), "journal": ("T2", "journal"), "volume": ("VL", "volume"),
          "issue": ("IS", "number"), "doi": ("DO", "doi")}


def parse_ris(text: str) -> list[dict[str, list[str]]]:
    """Records of an RIS file as tag -> values; fails on any line that is not 'XX  - value'."""
    records, current = [], None
    for line in text.splitlines():
        if not line.strip():
            continue
        match = re.fullmatch(r"([A-Z][A-Z0-9])  - ?(.*)", line)
        assert match, f"not an RIS line: {line!r}"
        tag, value = match.groups()
        if tag == "TY":
            current = {}
        assert current is not None, "a field before TY"
        if tag == "ER":
            records.append(current)
            current = None
            continue
        current.setdefault(tag, []).append(value)
    assert current is None, "a record without ER"
    return records


def parse_bibtex(text: str) -> list[dict[str, str]]:
    """Entries of a BibTeX file as field -> raw value, with '@type' and '@key'; braces must balance."""
    entries = []
    for match in re.finditer(r"@(\w+)\{([^,\s]+),\n(.*?)\n\}", text, re.S):
        entry = {"@type": match.group(1), "@key": match.group(2)}
        for field in re.finditer(r"^  (\w+) = \{(.*)\},?$", match.group(3), re.M):
            value = field.group(2)
            assert _balanced(value), f"unbalanced braces in {field.group(1)}: {value!r}"
            entry[field.group(1)] = value
        entries.append(entry)
    return entries


def _balanced(value: str) -> bool:
    depth = 0
    for char in re.sub(r"\\[{}]", "", value):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


@pytest.fixture(scope="module")
def studies(built_db) -> list[dict]:
    with duckdb.connect(str(built_db), read_only=True) as con:
        frame = con.execute("select * from studies where included order by position").df()
    return frame.to_dict("records")


def test_one_record_per_included_study_keyed_by_its_id(studies):
    ris = parse_ris(studies_ris(studies, ORIGIN))
    bib = parse_bibtex(studies_bibtex(studies, ORIGIN))
    ids = [s["id"] for s in studies]
    assert [r["ID"] for r in ris] == [[i] for i in ids]
    assert [e["@key"] for e in bib] == ids


def test_each_field_is_present_exactly_when_confirmed(studies):
    ris = parse_ris(studies_ris(studies, ORIGIN))
    bib = parse_bibtex(studies_bibtex(studies, ORIGIN))
    checked = 0
    for study, record, entry in zip(studies, ris, bib, strict=True):
        for column, (tag, field) in FIELDS.items():
            value = study[column]
            if value == NC:
                assert tag not in record and field not in entry, (study["id"], column)
            else:
                assert record[tag] == [value], (study["id"], column)
                assert entry[field] == (value if field == "doi" else bibtex_escape(value)), (study["id"], column)
                checked += 1
        assert record["PY"] == [str(study["year"])] and entry["year"] == str(study["year"])
    assert checked > 10


def test_pages_split_into_start_and_end(studies):
    for study, record, entry in zip(studies, parse_ris(studies_ris(studies, ORIGIN)),
                                    parse_bibtex(studies_bibtex(studies, ORIGIN)), strict=True):
        if study["pages"] == NC:
            assert "SP" not in record and "pages" not in entry
            continue
        parts = re.split(r"-", study["pages"])
        assert record["SP"] == [parts[0]]
        assert record.get("EP", []) == parts[1:]
        assert entry["pages"] == "--".join(parts)


def test_authors_come_from_the_joined_column_or_the_first_author_with_a_note(studies):
    for study in studies:
        record = parse_ris(ris_record(study, ORIGIN))[0]
        if study["authors"] != NC:
            names = study["authors"].split("; ")
            assert len(record["AU"]) == len(names)
            assert [a.replace(", ", " ") for a in record["AU"]] == names
            assert ONLY_FIRST_AUTHOR not in record["N1"]
        elif isinstance(study["first_author"], str):
            assert [a.replace(", ", " ") for a in record["AU"]] == [study["first_author"]]
            assert ONLY_FIRST_AUTHOR in record["N1"]
        else:
            assert "AU" not in record


def test_not_confirmed_is_never_a_value(studies):
    ris_text, bib_text = studies_ris(studies, ORIGIN), studies_bibtex(studies, ORIGIN)
    caveats = {str(s[c]) for s in studies for c in ("year_note", "reference_note") if isinstance(s[c], str)}
    for record in parse_ris(ris_text):
        for tag, values in record.items():
            for value in values:
                # The phrase may only appear inside a caveat the data itself states about the record.
                assert NC not in value.lower() or (tag == "N1" and value in caveats), (tag, value)
    for entry in parse_bibtex(bib_text):
        for field, value in entry.items():
            assert NC not in value.lower() or field == "note", (field, value)
            if field == "note" and NC in value.lower():
                assert any(bibtex_escape(c) in value for c in caveats if NC in c.lower())


def test_every_record_says_it_was_exported_from_the_dashboard(studies):
    assert all(f"Exported from {ORIGIN}." in r["N1"] for r in parse_ris(studies_ris(studies, ORIGIN)))
    assert all(f"Exported from {ORIGIN}." in e["note"] for e in parse_bibtex(studies_bibtex(studies, ORIGIN)))


def test_unconfirmed_fields_are_named_in_the_note(studies):
    sparse = [s for s in studies if s["title"] == NC]
    assert sparse, "the data has a study with an unconfirmed title"
    record = parse_ris(ris_record(sparse[0], ORIGIN))[0]
    assert record["TY"] == ["GEN"] and any("title" in n and "journal" in n for n in record["N1"])
    assert parse_bibtex(bibtex_entry(sparse[0], ORIGIN))[0]["@type"] == "misc"


SPECIAL = {"id": "x1", "title": "Mood & forums: 50% of $5 #1 in_a {set} ~ ^ back\\slash", "authors": "Doe J.",
           "journal": "J & K", "year": 2020, "volume": "1", "issue": "2", "pages": "e5", "doi": "10.1/a_b"}


def test_bibtex_escapes_every_special_character():
    entry = parse_bibtex(bibtex_entry(SPECIAL, "a 100% dashboard"))[0]
    assert entry["title"] == (r"Mood \& forums: 50\% of \$5 \#1 in\_a \{set\} \textasciitilde{} "
                              r"\textasciicircum{} back\textbackslash{}slash")
    assert entry["journal"] == r"J \& K"
    assert r"a 100\% dashboard" in entry["note"]
    # The doi field is printed verbatim by bibliography styles, so its underscore stays as it is.
    assert entry["doi"] == "10.1/a_b"
    unescaped = re.sub(r"\\(textbackslash|textasciitilde|textasciicircum)\{\}|\\[&%$#_{}]", "", entry["title"])
    assert not re.search(r"[&%$#_{}~^\\]", unescaped)


def test_ris_keeps_text_as_written_on_one_line():
    record = parse_ris(ris_record({**SPECIAL, "title": "Two\nlines & more"}, ORIGIN))[0]
    assert record["TI"] == ["Two lines & more"]
    assert record["UR"] == ["https://doi.org/10.1/a_b"]


def test_the_review_reference_leaves_out_unconfirmed_fields(built_db):
    with duckdb.connect(str(built_db), read_only=True) as con:
        review = con.execute("select * from reviews").df().iloc[0]
    text, missing = review_reference(review)
    assert NC not in text and review.title in text and review.journal in text
    for label, column in [("volume", "volume"), ("issue", "issue"), ("pages", "pages"), ("DOI", "doi")]:
        assert (label in missing) == (review[column] == NC)
        if review[column] != NC:
            assert review[column] in text
    assert ("doi.org" in text) == (review.doi != NC)


def test_the_dashboard_reference_names_version_address_and_access_date():
    text = dashboard_reference("Dash", "abc123", "http://host/app", "2024-01-02")
    assert "Dash" in text and "abc123" in text and "http://host/app" in text and "2024-01-02" in text
    assert "Available at" not in dashboard_reference("Dash", "abc123", "", "2024-01-02")


def test_bibtex_marks_unconfirmed_coauthors_as_others():
    from evidence.citations import bibtex_entry

    row = {"id": "x2012", "authors": "not confirmed", "first_author": "Evans M.", "title": "T", "journal": "J",
           "year": 2012, "volume": "1", "issue": "2", "pages": "1-2", "doi": "not confirmed"}
    entry = bibtex_entry(row, "the dashboard")
    assert "author = {Evans, M. and others}" in entry
    row_known = {**row, "authors": "Alang S.M.; Fomotar M.", "first_author": None}
    assert "author = {Alang, S.M. and Fomotar, M.}" in bibtex_entry(row_known, "the dashboard")


@pytest.mark.parametrize("author, expected", [
    ("Alang S.M.", "Alang, S.M."), ("Nguyễn T. Ʒ.", "Nguyễn, T. Ʒ."), ("Van der Berg A.B.", "Van der Berg, A.B."),
    ("Smith-Merry J.", "Smith-Merry, J."), ("Madonna", "Madonna")])
def test_surname_first_keeps_every_initial_in_any_script(author, expected):
    assert surname_first(author) == expected


@pytest.mark.parametrize("pages, expected", [("405-410", ("405", "410")), ("e18", ("e18", None)),
                                             ("e2020-117", ("e2020-117", None)), ("21\u201339", ("21", "39"))])
def test_an_article_number_is_one_value_not_a_page_range(pages, expected):
    assert page_range(pages) == expected


def test_the_review_reference_prints_an_article_number_without_pp():
    review = {"authors": ["Example A."], "year": 2031, "title": "T", "journal": "J", "volume": "12",
              "issue": "not confirmed", "pages": "e2031-117", "doi": "not confirmed", "year_note": None}
    text, left_out = review_reference(review)
    assert text == "Example A. (2031). T. J, 12, e2031-117." and left_out == ["issue", "DOI"]
