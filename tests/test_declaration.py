"""The one declaration (evidence/format/declaration.py):
the database holds exactly what it declares, on both reviews; open
vocabularies (source types, rating scales, pages as printed, the method's own terms) reach the pages; optional
sections may be left out."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import duckdb
import pytest
import yaml

from components.text import markdown_escape
from evidence.build import build
from evidence.citations import page_label
from evidence.format.declaration import SECTIONS, TABLES
from evidence.format.language import AnyOf, ListOf, Record
from evidence.format.rules import check_folder
from evidence.rows import page_sort, rating_scale
from evidence.storage import _dig
from tests.conftest import REVIEWS, SYNTHETIC, html_text, open_page, point_app_at
from tests.test_validation import edit, line_of, the_problem


def instances(spec, value):
    """Every (record spec, value) the declaration finds in a section's value."""
    if isinstance(spec, Record) and isinstance(value, dict):
        yield spec, value
        for key, sub in {**spec.required, **spec.optional}.items():
            if key in value:
                yield from instances(sub, value[key])
    elif isinstance(spec, ListOf) and isinstance(value, list):
        for item in value:
            yield from instances(spec.item, item)
    elif isinstance(spec, AnyOf):
        for option in spec.options:
            yield from instances(option, value)


def as_stored(value, sql: str):
    """What a column should hold for a YAML value (the test's own statement of the storage rules): a list of text
    stays a list in a list column and is joined with "; " in a text column; a number in a text column (a page) is its
    text; anything else as written."""
    if isinstance(value, list):
        return [str(v) for v in value] if sql == "varchar[]" else "; ".join(map(str, value))
    if value is not None and sql == "varchar" and not isinstance(value, str):
        return str(value)
    return value


@pytest.mark.parametrize("name", list(REVIEWS))
def test_every_mirrored_table_holds_exactly_its_records_fields(name, review_dbs):
    """For each table that mirrors a record, its rows' mirrored columns are the YAML records' fields, one row per
    record: nothing dropped, renamed wrongly or left over."""
    sources, problems = check_folder(REVIEWS[name])
    assert not problems
    found: dict[int, list[dict]] = {}
    for section, value in sources.sections.items():
        for spec, record in instances(SECTIONS[section], value):
            found.setdefault(id(spec), []).append(record)
    with duckdb.connect(str(review_dbs[name]), read_only=True) as con:
        for table in [t for t in TABLES if t.record is not None]:
            mirrored = [c for c in table.columns() if c.path]
            names = ", ".join(c.name for c in mirrored)
            stored = Counter(map(repr, map(list, con.execute(f"select {names} from {table.name}").fetchall())))
            records = found.get(id(table.record), [])
            if table.name == "rating_levels" and not records:  # no declared scale: the points used are the levels
                records = rating_scale(sources.sections["quality"])
            written = Counter(repr([as_stored(_dig(r, c.path), c.sql) for c in mirrored]) for r in records)
            assert stored == written, table.name
            declared = {c.name for c in table.columns()}
            actual = {r[0] for r in con.execute("select column_name from duckdb_columns() where table_name = ?",
                                                [table.name]).fetchall()}
            assert actual == declared, table.name


def test_every_stored_column_has_its_meaning_written():
    """Every column of every table, mirrored or computed, carries its meaning (its comment) from the declaration."""
    for table in TABLES:
        for column in table.columns():
            assert column.doc.strip(), f"{table.name}.{column.name}"


@pytest.mark.parametrize("page, label, number", [
    (4, "p. 4", 4), ("877", "p. 877", 877), ("109-110", "pp. 109-110", 109), ("109\u2013110", "pp. 109\u2013110", 109),
    ("e123", "e123", 123), ("S12", "S12", 12), ("xii", "xii", None)])
def test_a_page_keeps_its_printed_form_and_sorts_by_its_first_number(page, label, number):
    assert page_label(page) == label
    assert page_sort(page) == number


def test_text_pages_reach_the_cards_and_citations(review_dbs, monkeypatch):
    """The fixture prints pages as "pp. 102-103" and "e104": the explorer's cards and citations keep them so."""
    point_app_at(monkeypatch, review_dbs["synthetic"], SYNTHETIC)
    html = html_text(open_page("quotes", size="100"))
    assert "pp. 102-103" in html and ", e104" in html
    assert "p. 102-103" not in html.replace("pp. 102-103", "")


def test_declared_source_types_label_cards_filters_and_totals(review_dbs, monkeypatch):
    point_app_at(monkeypatch, review_dbs["synthetic"], SYNTHETIC)
    quotes = open_page("quotes", size="100")
    assert set(quotes.multiselect(key="quotes_source").options) == {"noticeboard note", "survey free-text answer"}
    assert "survey free-text answer" in html_text(quotes)
    overview = html_text(open_page("overview"))
    assert "survey free-text answers)" in overview and "interviews)" not in overview


def test_a_labelled_rating_scale_counts_scores_and_shows_its_levels(review_dbs, monkeypatch):
    point_app_at(monkeypatch, review_dbs["synthetic"], SYNTHETIC)
    with duckdb.connect(str(review_dbs["synthetic"]), read_only=True) as con:
        levels = con.execute("select label, score from rating_levels order by position").fetchall()
        sums = con.execute("select s.id, s.quality_score, sum(coalesce(r.score, 0)) from quality_ratings r "
                           "join studies s on s.id = r.study_id group by all").fetchall()
    assert levels == [("Yes", 2), ("Partly", 1), ("No", 0), ("Can't tell", None)]
    assert len(sums) == 7 and all(score == total for _, score, total in sums)
    html = html_text(open_page("studies"))
    assert "Can&#x27;t tell (no score)" in html and "Partly (1 point)" in html and "Yes (2 points)" in html


def test_ratings_off_the_scale_are_reported_at_their_study(tmp_path):
    folder = tmp_path / "review"
    shutil.copytree(SYNTHETIC, folder)
    edit(folder, "quality.yaml", "    - partial\n", "    - partially\n")
    _, problems = check_folder(folder)
    line = line_of(folder, "quality.yaml", "  - study: fixture03") + 1  # its ratings
    problem = the_problem(problems, folder / "quality.yaml", line, "fixture03", "'partially' is not a level")
    assert "partial" in problem.fix


def test_the_method_names_its_own_levels_and_the_review_its_tables(review_dbs, monkeypatch):
    point_app_at(monkeypatch, review_dbs["synthetic"], SYNTHETIC)
    methods = open_page("methods")
    fixture_methods = " ".join(m.value for m in methods.markdown) + html_text(methods)
    fixture_studies = html_text(open_page("studies"))
    themes = open_page("themes")
    assert "Levels of synthesis" in fixture_methods and "Orders of construct" not in fixture_methods
    assert "analytical themes" in themes.caption[0].value and "descriptive themes" in themes.caption[0].value
    assert "Table 1" not in fixture_studies and "Table 2" not in fixture_studies
    quotes = open_page("quotes")
    labels = {w.key: w.label for w in quotes.multiselect}
    assert labels["quotes_theme"] == "Analytical theme" and labels["quotes_subtheme"] == "Descriptive theme"
    assert "Analytical themes are the paper's" in quotes.caption[0].value
    cards = html_text(quotes)
    assert "Analytical theme (paper: the section that prints it)" in cards and ">Descriptive themes (" in cards
    assert [t.value for t in themes.title] == ["Analytical themes"]
    point_app_at(monkeypatch, review_dbs["bundled"], REVIEWS["bundled"])
    bundled = open_page("studies")
    assert [h.value for h in bundled.header][:2] == [markdown_escape("Included studies (Table 1)"),
                                                     markdown_escape("Quality appraisal (Table 2)")]
    assert "Orders of construct" in " ".join(m.value for m in open_page("methods").markdown)


OPTIONAL_SECTIONS = ["source_types", "stigma_types", "disclosure_consequences", "guidance"]


def write_without_optional_sections(source: Path, folder: Path) -> None:
    """A copy of a review with every optional section left out, and the fields that refer to them."""
    folder.mkdir()
    for path in source.glob("*.yaml"):
        content = {k: v for k, v in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items()
                   if k not in OPTIONAL_SECTIONS}
        for record in content.get("studies", []) + content.get("quotes", []):
            record.pop("source", None)
            record.pop("stigma", None)
            for key in ("stigma", "consequences"):
                record.get("coding", {}).pop(key, None)
        if content:
            (folder / path.name).write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True),
                                            encoding="utf-8")


def test_optional_sections_may_be_left_out_and_every_page_still_runs(tmp_path, monkeypatch):
    folder, db = tmp_path / "review", tmp_path / "evidence.duckdb"
    write_without_optional_sections(SYNTHETIC, folder)
    result = build(folder, db)
    assert result.ok, "\n".join(map(str, result.problems))
    point_app_at(monkeypatch, db, folder)
    for page in ("overview", "themes", "quotes", "studies", "methods", "present"):
        at = open_page(page)
        assert not at.exception, page
    keys = {w.key for w in open_page("quotes").multiselect}
    assert "quotes_source" not in keys and "quotes_stigma" not in keys, "a filter for a vocabulary not declared"


def test_a_field_added_to_quotes_reaches_the_cards(review_dbs, monkeypatch):
    """`language` was added by touching only the declaration, the fixture's data and the card (see the README):
    the table, its comment, the page query and the JSON Schema followed by themselves."""
    point_app_at(monkeypatch, review_dbs["synthetic"], SYNTHETIC)
    with duckdb.connect(str(review_dbs["synthetic"]), read_only=True) as con:
        assert con.execute("select comment from duckdb_columns() where table_name = 'quotes' "
                           "and column_name = 'language'").fetchone()[0].startswith("The language")
    cards = html_text(open_page("quotes", size="100"))
    assert " · in Russian" in cards and " · in Japanese" in cards


def test_methods_lists_the_editorial_fields_of_tables_that_hold_rows_in_readers_words(review):
    from tests.conftest import html_tables
    at = open_page("methods")
    table = next(t for t in html_tables(at) if "Documented as" in t.columns)
    with duckdb.connect(str(review), read_only=True) as con:
        empty = {name for name, rows in con.execute("select table_name, estimated_size from duckdb_tables()").fetchall()
                 if rows == 0}
    assert ("themes", "summary") in set(zip(table.Table, table.Field, strict=True))
    assert not set(table.Table) & empty, "fields of sections this review does not have"
    assert not any("paper's own words" in d or "your word" in d for d in table["Documented as"])


def test_an_unquoted_yes_is_explained_with_its_fix(tmp_path):
    folder = tmp_path / "review"
    shutil.copytree(SYNTHETIC, folder)
    edit(folder, "quality.yaml", "  - id: 'yes'\n", "  - id: yes\n")
    _, problems = check_folder(folder)
    problem = the_problem(problems, folder / "quality.yaml", line_of(folder, "quality.yaml", "  - id: yes\n"),
                          "should be an id", "as YAML reads an unquoted yes/no")
    assert "quote it: 'yes'" in problem.fix


def test_a_wrong_total_is_reported_at_its_own_line(tmp_path):
    folder = tmp_path / "review"
    shutil.copytree(SYNTHETIC, folder)
    text = (folder / "quality.yaml").read_text(encoding="utf-8")
    row = text.index("  - study: fixture03")
    total = text.index("    total: 5\n", row)
    (folder / "quality.yaml").write_text(text[:total] + "    total: 4\n" + text[total + len("    total: 5\n"):],
                                         encoding="utf-8")
    _, problems = check_folder(folder)
    line = text[:total].count("\n") + 1
    the_problem(problems, folder / "quality.yaml", line, "fixture03", "total is 4 but the ratings add up to 5")


def test_the_argument_diagram_heads_its_columns_with_the_reviews_terms(review_dbs, monkeypatch):
    from tests.test_review_words import shown_text
    point_app_at(monkeypatch, review_dbs["bundled"], REVIEWS["bundled"])
    text = shown_text(open_page("overview"))
    assert "Third-order constructs" in text and "second order" not in text
