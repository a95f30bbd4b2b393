"""The built database against the paper and the checked bibliography: quotes, tables, counts, provenance.

The paper is parsed here with its own regular expressions, independently of the project's code, so a
mistake in the YAML or the build cannot hide behind the same mistake in a shared parser.
"""

from __future__ import annotations

import re
from collections import Counter

import duckdb
import pytest

from queries import run_query
from tests.conftest import PAPER, ROOT, source_text

REFERENCES = ROOT.parent / "shared" / "references.md"
NOT_CONFIRMED = "not confirmed"
QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
# A block quote is a line of its own: the quote in double marks, then "(Study, p. N)".
BLOCK_QUOTE = re.compile(r'^"(?P<text>.+)" \((?P<citation>[^()]+?),? p\. (?P<page>\d+)\)$')
TABLE_LABEL = re.compile(r"^.+ \(\d{4}\)$")


def normalise(text: str) -> str:
    """Typographic quote marks made straight and whitespace collapsed, as the data stores quotes."""
    return " ".join(text.translate(QUOTE_MARKS).split())


def citation_key(citation: str) -> str:
    """A citation reduced to lowercase words, so "Moore & Ayers, 2016" matches "Moore and Ayers 2016"."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", citation.lower().replace("&", " and ")).split())


@pytest.fixture(scope="module")
def paper() -> str:
    """The paper's raw text; absent, the tests that need it skip locally and fail in CI."""
    return source_text(PAPER, "the paper's text")


@pytest.fixture(scope="module")
def con(built_db):
    """A read-only connection to the session's database."""
    with duckdb.connect(str(built_db), read_only=True) as connection:
        yield connection


def rows(con, sql: str, params=None) -> list[tuple]:
    return con.execute(sql, params or []).fetchall()


def column(con, sql: str, params=None) -> list:
    return [row[0] for row in rows(con, sql, params)]


def paper_block_quotes(paper: str) -> list[dict]:
    """Every block quote the paper prints, in order, with its citation and page."""
    found = []
    for line in paper.splitlines():
        match = BLOCK_QUOTE.match(normalise(line))
        if match:
            found.append({"text": match["text"], "citation": match["citation"], "page": int(match["page"])})
    return found


def table_cells(paper: str, start: str, end: str) -> list[str]:
    """The cells of a table of the paper (each starts a line with a tab), whitespace collapsed."""
    block = re.sub(r"\[bookmark: \w+\]", "", paper[paper.index(start):paper.index(end)])
    return [" ".join(cell.split()) for cell in re.split(r"\n\t", block)]


def table_rows(cells: list[str], width: int) -> dict[str, list[str]]:
    """Rows of a table keyed by their study label, e.g. "Evans et al. (2012)", with `width` cells after it."""
    return {cell: cells[i + 1:i + 1 + width] for i, cell in enumerate(cells) if TABLE_LABEL.match(cell)}


def study_by_citation(con) -> dict[str, str]:
    return {citation_key(citation): sid for sid, citation in rows(con, "select id, citation from studies")}


# --- quotes ---------------------------------------------------------------------------------------

def test_parser_finds_the_papers_block_quotes(paper):
    quotes = paper_block_quotes(paper)
    # The parser itself must work: the paper prints its quotes under four themes, from several studies.
    assert len(quotes) >= 10
    assert len({q["citation"] for q in quotes}) >= 5


def test_every_quote_in_the_database_is_word_for_word_in_the_paper(con, paper):
    text = normalise(paper)
    missing = [qid for qid, quote in rows(con, "select id, text from quotes") if normalise(quote) not in text]
    assert not missing, f"quotes not found verbatim in the paper: {missing}"


def test_every_block_quote_of_the_paper_is_in_the_database_with_its_study_and_page(con, paper):
    studies = study_by_citation(con)
    expected = [(q["text"], studies.get(citation_key(q["citation"]), q["citation"]), str(q["page"]))
                for q in paper_block_quotes(paper)]
    stored = rows(con, "select text, study_id, page from quotes order by position")
    assert [(normalise(t), s, p) for t, s, p in stored] == expected


def test_quote_counts_per_study_match_the_paper(con, paper):
    studies = study_by_citation(con)
    printed = Counter(studies.get(citation_key(q["citation"])) for q in paper_block_quotes(paper))
    stored = dict(rows(con, "select study_id, count(*) from quotes group by study_id"))
    assert stored == dict(printed)


def test_each_printed_citation_stands_next_to_its_quote_in_the_paper(con, paper):
    text = normalise(paper)
    for qid, quote, citation in rows(con, "select id, text, printed_citation from quotes"):
        assert f'"{normalise(quote)}" ({citation})' in text, qid


def test_each_quote_is_filed_under_the_theme_whose_section_prints_it(con, paper):
    themes = rows(con, "select lower(name), id from themes")
    section, printed = None, []
    for line in paper.splitlines():
        plain = re.sub(r"\[bookmark: \w+\]", "", line).strip().lower()
        # A theme's section opens with a heading "Name: phrase"; its block quotes follow until the next one.
        section = next((tid for name, tid in themes if plain.startswith(f"{name}:")), section)
        match = BLOCK_QUOTE.match(normalise(line))
        if match:
            printed.append((match["text"], section))
    assert {theme for _, theme in printed} == {tid for _, tid in themes}, "the parser found every theme's section"
    stored = [(normalise(t), theme) for t, theme in rows(con, "select text, theme_id from quotes order by position")]
    assert stored == printed


def test_every_quote_has_a_study_a_page_and_a_subtheme(con):
    orphans = column(con, """
        select q.id from quotes as q
        left join studies as s on s.id = q.study_id
        where s.id is null or q.page is null or q.page_sort is null or q.page_sort < 1
           or not exists (select 1 from quote_subthemes as qs where qs.quote_id = q.id)""")
    assert not orphans
    assert column(con, "select count(*) from quotes")[0] > 0


def test_quotes_come_only_from_included_studies(con):
    assert not column(con, "select q.id from quotes as q join studies as s on s.id = q.study_id "
                           "where not s.included")


# --- counts ---------------------------------------------------------------------------------------

def test_five_included_studies_and_one_related(con):
    assert dict(rows(con, "select included, count(*) from studies group by included")) == {True: 5, False: 1}


def test_themes_subthemes_constructs_and_criteria_counts(con):
    assert column(con, "select count(*) from themes") == [4]
    assert column(con, "select count(*) from subthemes") == [17]
    assert column(con, "select count(*) from constructs") == [3]
    assert column(con, "select count(*) from quality_criteria") == [11]
    per_theme = column(con, "select count(sub.id) from themes as t left join subthemes as sub on sub.theme_id = t.id "
                            "group by t.number order by t.number")
    assert per_theme == [4, 5, 5, 3]


def test_themes_and_subthemes_match_table_3(con, paper):
    cells = table_cells(paper, "Table 3 Subthemes", "Discussion and Conclusions")
    headers, body = cells[1:5], cells[5:]
    for index, header in enumerate(headers):
        number, name = re.fullmatch(r"Theme (\d+) (.+)", header).groups()
        printed = [c for c in body[index::4] if c]
        stored = rows(con, "select t.name, list(sub.name order by sub.position) from themes as t "
                           "join subthemes as sub on sub.theme_id = t.id where t.number = ? group by t.name",
                      [int(number)])
        assert stored == [(name, printed)]


def test_theme_headlines_head_their_sections_in_the_paper(con, paper):
    lines = [normalise(re.sub(r"\[bookmark: \w+\]", "", line)) for line in paper.splitlines()]
    for name, headline in rows(con, "select name, headline from themes"):
        heading = [line for line in lines if line.lower().startswith(name.lower() + ":")]
        assert heading and f'"{headline}"' in heading[0], name


def test_constructs_are_the_papers_third_order_constructs_in_order(con, paper):
    sentence = re.search(r"third order constructs are ([^.]+)\.", normalise(paper)).group(1)
    printed = re.split(r", | and ", sentence)
    assert [n.lower() for n in column(con, "select name from constructs order by number")] == printed


# --- PRISMA ---------------------------------------------------------------------------------------

def flow(con) -> dict[str, int]:
    return {step: n for step, n in rows(con, "select step, n from prisma_flow") if step != "source"}


def test_prisma_flow_adds_up(con):
    counts = flow(con)
    sources = column(con, "select n from prisma_flow where step = 'source'")
    assert sources and sum(sources) == counts["identified"]
    assert counts["identified"] - counts["duplicates_removed"] == counts["screened"]
    assert counts["screened"] - counts["excluded_at_screening"] == counts["full_text_assessed"]
    assert counts["full_text_assessed"] - counts["excluded_at_full_text"] == counts["included"]
    assert counts["included"] == column(con, "select count(*) from studies where included")[0]


def test_prisma_exclusion_reasons_add_up_to_their_step(con):
    counts = flow(con)
    reasons = dict(rows(con, "select step, sum(n) from prisma_exclusions group by step"))
    assert reasons, "no exclusion reasons stored"
    for step, total in reasons.items():
        assert total == counts[step], step


def test_prisma_counts_are_the_papers(con, paper):
    text = normalise(paper).lower()
    for label, n in rows(con, "select label, n from prisma_flow where step = 'source'"):
        assert f"{n} {label.lower()}" in text
    for reason, n in rows(con, "select reason, n from prisma_exclusions"):
        assert f"{reason.lower()}, n={n}" in text
    counts = flow(con)
    assert f"{counts['duplicates_removed']} duplicates removed" in text
    assert f"{counts['screened']} of records screened" in text
    assert f"{counts['excluded_at_screening']} of records excluded" in text
    assert f"{counts['included']} studies included" in text


# --- quality (Table 2) ------------------------------------------------------------------------------

def table2(paper: str) -> dict[str, list[int]]:
    """Table 2 rows: the 11 ratings then the printed total, keyed by study label."""
    cells = table_cells(paper, "Table 2 Quality appraisal", "Table 3 Subthemes")
    return {label: [int(c) for c in cells] for label, cells in table_rows(cells, 12).items()}


def test_table_2_totals_are_parsed_as_printed(paper):
    assert [row[-1] for row in table2(paper).values()] == [10, 10, 11, 11, 7]


def test_each_studys_ratings_sum_to_its_quality_score(con):
    mismatched = rows(con, """
        select s.id, s.quality_score, sum(r.score) from studies as s
        join quality_ratings as r on r.study_id = s.id
        group by s.id, s.quality_score having s.quality_score <> sum(r.score)""")
    assert not mismatched
    assert not column(con, "select id from studies where included and quality_score is null")


def test_ratings_and_totals_match_table_2(con, paper):
    printed = table2(paper)
    assert len(printed) == 5
    for label, cells in printed.items():
        (study_id, score), = rows(con, "select id, quality_score from studies where characteristics_label = ?", [label])
        ratings = column(con, "select r.score from quality_ratings as r join quality_criteria as c "
                              "on c.id = r.criterion_id where r.study_id = ? order by c.position", [study_id])
        assert ratings + [score] == cells, label


# --- Table 1 --------------------------------------------------------------------------------------

TABLE1_COLUMNS = ", ".join(f"characteristics_{c}" for c in
                           ("aim", "n", "definition", "location", "data_collection", "analysis"))


def test_table_1_fields_match_the_paper(con, paper):
    printed = table_rows(table_cells(paper, "Table 1 Study characteristics", "Table 2 Quality appraisal"), 6)
    stored = {row[0]: list(row[1:]) for row in
              rows(con, f"select characteristics_label, {TABLE1_COLUMNS} from studies where included "
                        "order by position")}
    assert stored == printed


# --- theme support and provenance -------------------------------------------------------------------

def test_virtual_support_is_in_four_studies_with_two_named(con, built_db):
    (theme_id, count), = rows(con, "select id, support_count from themes where name = 'Virtual support'")
    assert count == 4
    assert len(column(con, "select study_id from study_themes where theme_id = ?", [theme_id])) == 2
    matrix = run_query("theme_study_matrix", db_path=built_db, study_id=None)
    assert Counter(matrix.loc[matrix.theme_id == theme_id, "support"]) == {"supported": 2, "not specified": 3}


def test_the_other_themes_are_in_all_five_studies_all_named(con):
    others = rows(con, """
        select t.name, t.support_count, count(st.study_id) from themes as t
        left join study_themes as st on st.theme_id = t.id
        where t.name <> 'Virtual support' group by t.name, t.support_count""")
    assert len(others) == 3
    assert all(count == 5 and named == 5 for _, count, named in others), others


def test_support_is_stated_in_the_papers_words(con, paper):
    text = normalise(paper)
    for name, stated in rows(con, "select name, support_stated from themes"):
        assert re.search(re.escape(name) + r" was [^.]*" + re.escape(stated), text, re.IGNORECASE), name


def test_provenance_separates_paper_from_editorial_coding(con):
    assert set(column(con, "select distinct provenance from quote_subthemes")) == {"editorial"}
    assert set(column(con, "select distinct provenance from quote_stigma")) == {"editorial"}
    assert set(column(con, "select distinct provenance from study_themes")) == {"paper"}


# --- bibliography (references.md) ------------------------------------------------------------------

@pytest.fixture(scope="module")
def references() -> str:
    """The checked bibliography; absent, its tests skip locally and fail in CI."""
    return source_text(REFERENCES, "the checked bibliography")


def reference_rows(references: str) -> list[list[str]]:
    """Rows of the bibliography's tables: citation, authors, year, title, journal, volume(issue): pages, DOI."""
    found = []
    for line in references.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 7 and re.match(r"\d{4}", cells[2]):
            found.append(cells)
    return found


def expected_locator(cell: str) -> tuple[str, str, str]:
    if cell == NOT_CONFIRMED:
        return (NOT_CONFIRMED,) * 3
    return re.fullmatch(r"(\S+)\((\S+)\): (\S+)", cell).groups()


def test_study_bibliography_matches_references(con, references):
    refs = reference_rows(references)
    assert len(refs) == 6  # the five included studies and the related one
    for citation, authors, year, title, journal, locator, doi in refs:
        (row,) = rows(con, "select authors, year, title, journal, volume, issue, pages, doi from studies "
                           "where citation = ?", [citation])
        expected_authors = NOT_CONFIRMED if authors.startswith(NOT_CONFIRMED) else \
            "; ".join(re.sub(r"\s*\(.*\)$", "", authors).split(", "))
        assert row == (expected_authors, int(year[:4]), title, journal, *expected_locator(locator), doi), citation


def test_unconfirmed_fields_of_kantrowitz_gordon_stay_unconfirmed(con):
    (title, doi), = rows(con, "select title, doi from studies where citation = 'Kantrowitz-Gordon 2013'")
    assert (title, doi) == (NOT_CONFIRMED, NOT_CONFIRMED)


def test_review_bibliography_matches_references(con, references):
    (volume, doi, issue, pages, year, title, authors), = rows(
        con, "select volume, doi, issue, pages, year, title, authors from reviews")
    assert re.search(r"^- Volume and DOI: not confirmed$", references, re.MULTILINE)
    assert (volume, doi) == (NOT_CONFIRMED, NOT_CONFIRMED)
    journal_line = re.search(r"^- Journal: .*$", references, re.MULTILINE).group(0)
    assert f"issue {issue};" in journal_line and f"pages {pages}" in journal_line and f"year {year}" in journal_line
    assert f"- Title: {title}\n" in references
    surnames = re.search(r"^- Authors: (.*?) \(", references, re.MULTILINE).group(1)
    assert [a.split()[0] for a in authors] == [a.split()[-1] for a in surnames.split(", ")]

