"""Every named query runs; run_query guards its inputs; quotes_filtered filters and pages in SQL; code is general."""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import queries
from queries import UnknownQuery, conditional_lines, parameters, query_names, run_query, statement, strip_comments
from tests.conftest import ROOT
from tests.test_review_words import topic_words

SQL_DIR = ROOT / "queries"
# Parameters whose value is not a list or a nullable filter: a sensible value for each.
FIXED = {"limit": 10, "offset": 0, "section": "limitations", "term": "forum", "claim_kind": "talking_point"}


@pytest.fixture(autouse=True)
def fresh_connections():
    """Each test starts and ends without a cached connection, so databases never mix."""
    queries.close_all()
    yield
    queries.close_all()


def fetch(db: Path, sql: str, params=None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def first_included_study(db: Path) -> str:
    return fetch(db, "select id from studies where included order by position limit 1")[0][0]


def sensible_params(name: str, db: Path) -> dict:
    """Values for a query's parameters, read from how its SQL uses each one."""
    sql = (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
    values = {}
    for param in parameters(name):
        if re.search(rf"(len|list_contains)\(\${param}\b", sql):
            values[param] = []
        elif re.search(rf"\${param} is null|-- when \${param}\b", sql):
            values[param] = None  # a filter left out
        elif param == "study_id":
            values[param] = first_included_study(db)
        elif param in FIXED:
            values[param] = FIXED[param]
        else:
            pytest.fail(f"query {name!r} takes ${param}: add a sensible value for it to tests/test_queries.py")
    return values


@pytest.mark.parametrize("name", query_names())
def test_every_query_runs_on_the_built_database(built_db, name):
    frame = run_query(name, db_path=built_db, **sensible_params(name, built_db))
    assert isinstance(frame, pd.DataFrame) and len(frame.columns) > 0


@pytest.mark.parametrize("name", query_names())
def test_every_query_states_its_grain_on_line_one(name):
    first_line = (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8").splitlines()[0]
    assert re.match(r"-- one row\b", first_line), f"{name}.sql line 1: {first_line!r}"


def test_the_app_opens_the_database_read_only(built_db):
    with pytest.raises(duckdb.Error, match="read-only"):
        queries.database(built_db).connection().execute("create table evidence.scratch (a integer)")


@pytest.mark.parametrize("name", ["no_such_query", "../evidence/schema", "Quotes_Filtered", ""])
def test_run_query_rejects_unknown_names(built_db, name):
    with pytest.raises(UnknownQuery, match="no query named"):
        run_query(name, db_path=built_db)


def test_run_query_rejects_missing_and_extra_parameters(built_db):
    params = sensible_params("quotes_filtered", built_db)
    missing = {k: v for k, v in params.items() if k != "search"}
    with pytest.raises(TypeError, match="takes"):
        run_query("quotes_filtered", db_path=built_db, **missing)
    with pytest.raises(TypeError, match="takes"):
        run_query("quotes_filtered", db_path=built_db, **params, colour="red")
    with pytest.raises(TypeError, match="takes"):
        run_query("prisma_flow", db_path=built_db, section="limitations")


# --- quotes_filtered ------------------------------------------------------------------------------

def quotes(db: Path, **filters) -> pd.DataFrame:
    """quotes_filtered with every filter empty unless given, and every matching row unless limited."""
    params = {"themes": [], "studies": [], "sources": [], "quote_ids": [], "subthemes": [], "stigma": [],
              "min_quality": None, "search": None, "limit": None, "offset": 0, "min_confidence": None,
              "records": None}
    return run_query("quotes_filtered", db_path=db, **{**params, **filters})


def expected_ids(db: Path, where: str, params=None) -> list[str]:
    """Quote ids matching a condition, computed directly on the tables, in paper order."""
    return [r[0] for r in fetch(db, f"select q.id from quotes as q join studies as s on s.id = q.study_id "
                                    f"where {where} order by q.position", params)]


def combinations(db: Path) -> list[tuple[dict, str, list]]:
    """Filter combinations with the same condition in plain SQL, chosen from the data so each matches."""
    theme = fetch(db, "select theme_id from quotes group by theme_id order by count(*) desc, theme_id limit 1")[0][0]
    # The best- and the worst-rated quoted study, so the minimum quality filter drops one of them.
    ranked = fetch(db, "select s.id, s.quality_score from studies as s where s.id in (select study_id from quotes) "
                       "order by s.quality_score desc, s.position")
    two_studies, top_score = [ranked[0][0], ranked[-1][0]], ranked[0][1]
    stigma, subtheme = fetch(db, """
        select qt.stigma_type_id, qs.subtheme_id from quote_stigma as qt
        join quote_subthemes as qs on qs.quote_id = qt.quote_id
        group by all order by count(*) desc, 1, 2 limit 1""")[0]
    ids = [r[0] for r in fetch(db, "select id from quotes order by position")]
    return [
        ({"themes": [theme], "sources": ["forum_post"]}, "q.theme_id = ? and q.source_id = 'forum_post'", [theme]),
        ({"studies": two_studies, "min_quality": top_score}, "list_contains(?, q.study_id) and s.quality_score >= ?",
         [two_studies, top_score]),
        ({"stigma": [stigma], "subthemes": [subtheme]},
         "q.id in (select quote_id from quote_stigma where stigma_type_id = ?) "
         "and q.id in (select quote_id from quote_subthemes where subtheme_id = ?)", [stigma, subtheme]),
        ({"quote_ids": [ids[2], ids[0]]}, "q.id in (?, ?)", [ids[0], ids[2]]),
        ({"search": "MoThEr", "themes": [theme]}, "contains(lower(q.text), 'mother') and q.theme_id = ?", [theme]),
    ]


def test_quotes_filtered_returns_exactly_the_matching_quotes(built_db):
    for filters, where, params in combinations(built_db):
        expected = expected_ids(built_db, where, params)
        assert expected, f"{filters} matches nothing: pick a combination that can fail"
        frame = quotes(built_db, **filters)
        assert list(frame["id"]) == expected, filters
        assert set(frame["total_matches"]) == {len(expected)}, filters


def test_each_quote_carries_its_own_tags_in_vocabulary_order_with_provenance(built_db):
    expected = {}
    for kind, sql in (("subthemes", "select qs.quote_id, sub.id, sub.name, qs.provenance from quote_subthemes qs "
                                    "join subthemes sub on sub.id = qs.subtheme_id "
                                    "join themes t on t.id = sub.theme_id order by t.number, sub.position"),
                      ("stigma", "select qt.quote_id, st.id, st.label, qt.provenance from quote_stigma qt "
                                 "join stigma_types st on st.id = qt.stigma_type_id order by st.position")):
        for quote_id, tag_id, name, provenance in fetch(built_db, sql):
            expected.setdefault((quote_id, kind), []).append({"id": tag_id, "name": name, "provenance": provenance})
    assert any(len(tags) > 1 for tags in expected.values()), "no quote with two tags: the order goes untested"
    for row in quotes(built_db).itertuples():
        for kind in ("subthemes", "stigma"):
            assert list(getattr(row, kind)) == expected.get((row.id, kind), []), (row.id, kind)


def test_a_page_holds_its_slice_and_the_total_over_all_pages(built_db):
    every = expected_ids(built_db, "true")
    frame = quotes(built_db, limit=3, offset=2)
    assert list(frame["id"]) == every[2:5]
    assert set(frame["total_matches"]) == {len(every)}


def test_a_page_past_the_end_returns_one_row_with_no_id_and_the_total(built_db):
    total = len(expected_ids(built_db, "true"))
    frame = quotes(built_db, limit=10, offset=total)
    assert len(frame) == 1
    assert pd.isna(frame["id"].iloc[0])
    assert frame["total_matches"].iloc[0] == total


def test_no_limit_returns_every_matching_quote(built_db):
    every = expected_ids(built_db, "true")
    assert len(every) > 10, "the default page size would hide nothing"
    assert list(quotes(built_db, limit=None)["id"]) == every


def test_quote_rows_carry_their_tags(built_db):
    frame = quotes(built_db, limit=None)
    stored = {qid: n for qid, n in fetch(built_db, "select quote_id, count(*) from quote_subthemes group by all")}
    assert {row.id: len(row.subthemes) for row in frame.itertuples()} == stored


def test_each_quote_row_carries_its_studys_theme_and_source_facts(review_dbs):
    for name, db in review_dbs.items():
        expected = {r[0]: r[1:] for r in fetch(db, """
            select q.id, s.citation, s.quality_score, s.quality_max, th.name, src.label
            from quotes as q join studies as s on s.id = q.study_id join themes as th on th.id = q.theme_id
            left join source_types as src on src.id = q.source_id""")}
        frame = quotes(db).astype(object).where(lambda f: f.notna(), None)
        got = {row.id: (row.citation, row.quality_score, row.quality_max, row.theme_name, row.source_label)
               for row in frame.itertuples()}
        assert got == expected, name


def data_combinations(db: Path) -> list[tuple[dict, str, list]]:
    """Each filter alone, every filter at once, and a search of several words, with the same condition in plain
    SQL; values read from the data, so any review has them."""
    theme, study, source, stigma, subtheme, score, quote_id, text = fetch(db, """
        select q.theme_id, q.study_id, q.source_id, qt.stigma_type_id, qs.subtheme_id, s.quality_score, q.id, q.text
        from quotes as q join studies as s on s.id = q.study_id
        join quote_stigma as qt on qt.quote_id = q.id join quote_subthemes as qs on qs.quote_id = q.id
        where q.source_id is not null and s.quality_score is not null
        order by q.position limit 1""")[0]
    words = [w for w in text.split(" ") if w]
    word, phrase = max(words, key=len)[1:4].upper(), " ".join(words[1:3])
    matches = "contains(strip_accents(lower(q.text)), strip_accents(lower(?)))"
    each = [
        ({"themes": [theme]}, "q.theme_id = ?", [theme]),
        ({"studies": [study]}, "q.study_id = ?", [study]),
        ({"sources": [source]}, "q.source_id = ?", [source]),
        ({"quote_ids": [quote_id]}, "q.id = ?", [quote_id]),
        ({"min_quality": score}, "s.quality_score >= ?", [score]),
        ({"stigma": [stigma]}, "q.id in (select quote_id from quote_stigma where stigma_type_id = ?)", [stigma]),
        ({"subthemes": [subtheme]}, "q.id in (select quote_id from quote_subthemes where subtheme_id = ?)", [subtheme]),
        ({"search": word}, matches, [word]),
        ({"search": phrase}, matches, [phrase]),
    ]
    every = ({k: v for filters, _, _ in each if "search" not in filters for k, v in filters.items()} | {"search": word},
             " and ".join(where for _, where, _ in each[:-1]), [v for _, _, values in each[:-1] for v in values])
    return [*each, every]


def test_each_filter_alone_and_every_filter_at_once_match_plain_sql(review_dbs):
    for name, db in review_dbs.items():
        for filters, where, params in data_combinations(db):
            expected = expected_ids(db, where, params)
            assert expected, f"{name}: {filters} matches nothing: pick values that can fail"
            frame = quotes(db, **filters)
            assert list(frame["id"]) == expected, (name, filters)
            assert set(frame["total_matches"]) == {len(expected)}, (name, filters)


def test_a_filter_left_empty_is_not_in_the_statement_and_its_value_not_bound():
    empty = {"themes": [], "studies": [], "sources": [], "quote_ids": [], "subthemes": [], "stigma": [],
             "min_quality": None, "search": None, "limit": 10, "offset": 0, "min_confidence": None,
             "records": None}
    sql, bound = statement("quotes_filtered", empty)
    sql = strip_comments(sql)  # what DuckDB plans
    assert not re.search(r"\$(themes|stigma|search|min_quality)\b", sql) and "quote_tags" not in sql
    assert set(bound) == {"limit", "offset"}
    for given in ({"themes": ["t"]}, {"stigma": ["s"]}, {"min_quality": 0}, {"search": "a"}, {"search": "a b"}):
        key = next(iter(given))
        sql, bound = statement("quotes_filtered", {**empty, **given})
        assert f"${key}" in sql and bound[key] == given[key], given
    one_word, two_words = (strip_comments(statement("quotes_filtered", {**empty, "search": text})[0])
                           for text in ("a", "a b"))
    assert "phrase_hits" not in one_word and "phrase_hits" in two_words and "group by" not in one_word
    # A program's page reads the build's records and never joins the cards' tags; a page of cards never the records,
    # and takes its tags (consequences too) from the build's facets, never looking them up quote by quote.
    cards, records = (strip_comments(statement("quotes_filtered", {**empty, "records": flag})[0])
                      for flag in (None, True))
    assert "quote_records" not in cards and "f.consequences" in cards and "quote_consequences" not in cards
    assert "quote_records" in records and "quote_consequences" not in records and "quote_facets as f on" not in records


@pytest.mark.parametrize("comment", ["-- when $colour", "-- when $search sometimes", "-- when search", "-- when",
                                     "-- When $Search", "-- when the search is empty, nothing"])
def test_a_when_comment_must_name_a_parameter_and_a_known_test(comment):
    with pytest.raises(ValueError, match=r"t\.sql line 2: .*when \$parameter"):
        conditional_lines(f"select 1\n  and x = $search  {comment}", frozenset({"search"}), "t.sql")
    for written in ("-- when $search has a space", "-- WHEN $search Has A Space"):
        assert conditional_lines(f"x = $search  {written}", frozenset({"search"}), "t.sql") == \
            ((f"x = $search  {written}", ("search", " has a space")),)


# --- generality -----------------------------------------------------------------------------------

# Subtheme ids that are everyday English words the generic schema itself uses: "consequences" is part
# of the table names quote_consequences and disclosure_consequences, which any review's data fills.
# "identity" (a theme's word) is also what code calls a database file's inode, size and time.
GENERIC_WORDS = {"consequences", "identity"}
REVIEW_TERMS = ["select id from themes", "select name from themes", "select id from subthemes",
                "select id from studies", "select citation from studies", "select id from quotes"]


def review_terms(db: Path) -> set[str]:
    """The ids, names and topic words of this review that reusable code must never mention."""
    terms = {row[0] for sql in REVIEW_TERMS for row in fetch(db, sql)} | (topic_words(db) - format_words())
    # Terms under 5 characters (quote ids such as q01) would match ordinary code by chance.
    return {t for t in terms if len(t) >= 5 and t.lower() not in GENERIC_WORDS}


def format_words() -> set[str]:
    """The words of the format's own field names and fixed values (docs/evidence.schema.json), e.g. stigma, forum.

    Code must use these to read the data. Where one names this review's topic, the format is renamed (the
    lead's declaration), and the word comes back into the check by itself.
    """
    words, todo = set(), [json.loads((ROOT / "docs" / "evidence.schema.json").read_text(encoding="utf-8"))]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            words |= set(node.get("properties", {})) | {v for v in node.get("enum", []) if isinstance(v, str)}
            todo += node.values()
        elif isinstance(node, list):
            todo += node
    return {part for word in words for part in re.split(r"[_ ]", word.lower())}


def core_names() -> re.Pattern:
    """The functions and classes evidence/ defines (patient_leaflet_pdf): the core's own names are the lead's.

    What they put on a page, the rendered-text test of tests/test_review_words.py still checks.
    """
    names = {m for path in (ROOT / "evidence").glob("*.py")
             for m in re.findall(r"^(?:def|class) (\w+)", path.read_text(encoding="utf-8"), re.M)}
    return re.compile("|".join(rf"\b{re.escape(n)}\b" for n in sorted(names)))


def code_files() -> list[Path]:
    """Every file of reusable code: the router, the entry point, the web API, pages, components and queries."""
    return [ROOT / "app.py", ROOT / "serve.py", ROOT / "api.py"] + sorted(
        p for folder in ("views", "components", "queries") for p in (ROOT / folder).rglob("*")
        if p.is_file() and p.suffix in (".py", ".sql"))


def test_no_page_component_or_query_names_this_review(built_db):
    terms = review_terms(built_db)
    assert len(terms) > 10, "the review's terms were not read"
    # Letters and digits around a term mean another word; underscores do not (theme_safe_place names it).
    pattern = re.compile("|".join(rf"(?<![a-z0-9]){re.escape(t)}(?![a-z0-9])" for t in sorted(terms)), re.I)
    core = core_names()
    found = [f"{path.relative_to(ROOT)}:{n}: {match.group(0)}"
             for path in code_files()
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             for match in pattern.finditer(core.sub(" ", line))]
    assert not found, "reusable code names this review:\n" + "\n".join(found)


# --- run_once: what depends only on the data version ------------------------------------------------


def test_run_once_reads_a_version_once_and_again_after_a_rebuild(tmp_path, built_db):
    from evidence.build import build
    from tests.conftest import DATA

    db = tmp_path / "copy.duckdb"
    db.write_bytes(built_db.read_bytes())
    first = queries.run_once("build_info", db_path=db)
    review = queries.run_once("review", db_path=db)
    queries.close_all()
    writer = duckdb.connect(str(db))  # while a writer holds the file, no read-only connection can open it
    try:
        with pytest.raises(duckdb.Error):
            run_query("build_info", db_path=db)
        pd.testing.assert_frame_equal(queries.run_once("build_info", db_path=db), first)
        pd.testing.assert_frame_equal(queries.run_once("review", db_path=db), review)
    finally:
        writer.close()
    assert build(DATA, db).ok  # a new file renamed into place: a new version
    again = queries.run_once("build_info", db_path=db)
    assert again.built_at.iloc[0] > first.built_at.iloc[0]


def test_run_once_keeps_each_set_of_constant_parameters_apart_and_refuses_missing_ones(built_db):
    with pytest.raises(TypeError, match="takes"):
        queries.run_once("claim_support", db_path=built_db)
    with duckdb.connect(str(built_db), read_only=True) as con:
        kinds = [k for (k,) in con.execute("select distinct claim_kind from claim_evidence order by 1").fetchall()]
    assert len(kinds) >= 2
    for kind in kinds:
        once = queries.run_once("claim_support", db_path=built_db, claim_kind=kind)
        pd.testing.assert_frame_equal(once, queries.run_query("claim_support", db_path=built_db, claim_kind=kind))


def test_per_version_derives_a_value_once_per_version_and_again_after_a_rebuild(tmp_path, built_db):
    from evidence.build import build
    from tests.conftest import DATA

    db = tmp_path / "copy.duckdb"
    db.write_bytes(built_db.read_bytes())
    made = []

    def make():
        made.append(queries.run_once("build_info", db_path=db).built_at.iloc[0])
        return made[-1]

    first = queries.per_version("test:built_at", make, db_path=db)
    assert queries.per_version("test:built_at", make, db_path=db) == first and len(made) == 1
    assert queries.per_version("test:built_at", make, db_path=built_db) == first and len(made) == 2  # per file
    assert build(DATA, db).ok  # a new file renamed into place: a new version
    assert queries.per_version("test:built_at", make, db_path=db) > first and len(made) == 3


def test_per_version_derives_a_new_version_s_value_once_when_many_sessions_ask_at_once(tmp_path, built_db):
    """After a rebuild every session's next run asks for the new version's values at about the same moment: one of
    them derives each value, the others wait for it, so a server with many sessions does the work once, not once a
    session, just when it is busiest."""
    import threading
    import time

    db = tmp_path / "copy.duckdb"
    db.write_bytes(built_db.read_bytes())
    made, start = [], threading.Barrier(8)

    def make():
        made.append(1)
        time.sleep(0.2)  # a value that takes a while to derive: long enough for the others to ask meanwhile
        return queries.run_once("build_info", db_path=db).built_at.iloc[0]

    def ask(answers: list) -> None:
        start.wait()
        answers.append(queries.per_version("test:slow", make, db_path=db))

    answers: list = []
    sessions = [threading.Thread(target=ask, args=(answers,)) for _ in range(8)]
    for session in sessions:
        session.start()
    for session in sessions:
        session.join(timeout=30)
    assert len(answers) == 8 and len(set(answers)) == 1
    assert len(made) == 1, f"derived {len(made)} times for 8 sessions asking at once"


def test_run_rows_gives_run_query_rows_as_named_tuples_with_none_for_gaps(built_db):
    params = {**sensible_params("quotes_filtered", built_db), "limit": None}
    frame = run_query("quotes_filtered", db_path=built_db, **params)
    rows = queries.run_rows("quotes_filtered", db_path=built_db, **params)
    assert rows[0]._fields == tuple(frame.columns)
    assert [row.id for row in rows] == frame.id.tolist() and len(rows) > 10
    assert [row.content_note for row in rows] == [None if pd.isna(v) else v for v in frame.content_note]
    assert any(row.content_note is None for row in rows) and any(row.content_note for row in rows)
    with pytest.raises(TypeError, match="takes"):
        queries.run_rows("quotes_filtered", db_path=built_db, **params, colour="red")
