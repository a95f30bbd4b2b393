"""The app's named queries: the .sql files of this folder, run read-only against the evidence database through its
`Database` (evidence/database.py), values always bound as parameters, never formatted into SQL.

A line that ends in `-- when $name` is part of the query only when the parameter has a value (not null,
not an empty string or collection); `-- when $name has a space` and `-- when $name has no space` also
look at whether the text holds a space, and `-- when $name is empty` keeps a line only when it has no value.
A filter left empty is thus never planned at all: DuckDB spends
milliseconds binding and optimizing every subquery it is given, even one a constant makes useless. Only
the parameters left in the chosen lines are bound. "when" and its tests may be written in any case; any
other comment that starts with "when" is refused when the query is first run, so a mistyped condition
never silently keeps its line.
"""

from __future__ import annotations

import re
from collections import namedtuple
from collections.abc import Callable, Sized
from functools import cache
from pathlib import Path
from typing import TypeVar

import pandas as pd

from evidence import settings
from evidence.database import Database

SQL_DIR = Path(__file__).resolve().parent
_PARAM = re.compile(r"\$([a-z_]+)")
_WHEN = re.compile(r"--\s*when\b(.*)$", re.IGNORECASE)
_CONDITION = re.compile(r" \$([a-z_]+)( has a space| has no space| is empty)?\s*", re.IGNORECASE)
_serving: Path | None = None  # a copy of the last good build, while another program holds the file for writing


def serve_copy(path: Path | None) -> None:
    """Serve queries from `path` (a copy of the last good build) instead of the configured file; None: the file."""
    global _serving
    _serving = path


def serving_path() -> Path:
    """The database file queries read: the configured one, or the copy served while it is held for writing."""
    return _serving or settings.db_path()


class UnknownQuery(KeyError):
    """A query name with no .sql file behind it."""


def query_names() -> list[str]:
    """Every named query, i.e. every .sql file in this folder."""
    return sorted(p.stem for p in SQL_DIR.glob("*.sql"))


@cache
def _sql(name: str) -> str:
    path = SQL_DIR / f"{name}.sql"
    if not re.fullmatch(r"[a-z0-9_]+", name) or not path.is_file():
        raise UnknownQuery(f"no query named {name!r}; known: {', '.join(query_names())}")
    return path.read_text(encoding="utf-8")


@cache
def parameters(name: str) -> frozenset[str]:
    """The parameter names a query binds."""
    return _bound_names(_sql(name))


def _bound_names(sql: str) -> frozenset[str]:
    return frozenset(_PARAM.findall(strip_comments(sql)))


def strip_comments(sql: str) -> str:
    """SQL without its comments: what DuckDB plans."""
    return re.sub(r"--[^\n]*", "", sql)


def given(value) -> bool:
    """Whether a filter value asks for anything: not None, not an empty string or collection."""
    return value is not None and not (isinstance(value, Sized) and len(value) == 0)


Line = tuple[str, tuple[str, str | None] | None]  # a line of SQL, and its condition: (parameter, test) or None
_TESTS = {
    None: given,
    " has a space": lambda value: isinstance(value, str) and " " in value,
    " has no space": lambda value: isinstance(value, str) and value != "" and " " not in value,
    " is empty": lambda value: not given(value),
}


@cache
def _query_lines(name: str) -> tuple[Line, ...]:
    return conditional_lines(_sql(name), parameters(name), f"{name}.sql")


def conditional_lines(sql: str, params: frozenset[str], where: str) -> tuple[Line, ...]:
    """Each line of a query with its condition (parameter, test), or None when it has none."""
    lines = []
    for number, line in enumerate(sql.splitlines(), start=1):
        when = _WHEN.search(line)
        condition = None
        if when:
            match = _CONDITION.fullmatch(when.group(1))
            if not match or match.group(1) not in params:
                raise ValueError(f"{where} line {number}: '-- when{when.group(1)}' must be '-- when $parameter', "
                                 "optionally followed by 'has a space', 'has no space' or 'is empty', naming a "
                                 "parameter the query binds")
            condition = (match.group(1), match.group(2) and match.group(2).lower())
        lines.append((line, condition))
    return tuple(lines)


def statement(name: str, params: dict) -> tuple[str, dict]:
    """The query's SQL for these parameter values (its `-- when` lines chosen), and the parameters it binds."""
    lines = _query_lines(name)
    chosen = tuple(condition is None or _TESTS[condition[1]](params[condition[0]]) for _, condition in lines)
    sql, used = _chosen_sql(name, chosen)
    return sql, {key: value for key, value in params.items() if key in used}


@cache
def _chosen_sql(name: str, chosen: tuple[bool, ...]) -> tuple[str, frozenset[str]]:
    sql = "\n".join(line for (line, _), keep in zip(_query_lines(name), chosen, strict=True) if keep)
    return sql, _bound_names(sql)


def database(db_path: Path | None = None) -> Database:
    """The process's Database for `db_path`, by default the file the app serves."""
    return Database.at(db_path or serving_path())


def close_all() -> None:
    """Close every open connection and serve the configured file again (tests switch databases)."""
    serve_copy(None)
    Database.close_all()


def run_query(name: str, db_path: Path | None = None, **params) -> pd.DataFrame:
    """Run the named query with bound parameters and return its rows as a DataFrame."""
    return _execute(name, db_path, params, lambda result: result.df())


# The quote explorer's query with nothing chosen: a page sets only the filters it means.
NO_QUOTE_FILTER = dict(themes=[], subthemes=[], studies=[], stigma=[], sources=[], min_quality=None, search=None,
                       quote_ids=[], min_confidence=None, records=None)


def filtered_quotes(limit: int | None, offset: int = 0, **filters) -> pd.DataFrame:
    """The quotes matching these filters (any other left empty), in paper order, as the quote explorer finds them."""
    return run_query("quotes_filtered", limit=limit, offset=offset, **{**NO_QUOTE_FILTER, **filters})


def run_rows(name: str, db_path: Path | None = None, **params) -> list[tuple]:
    """Run the named query like run_query, returning its rows as named tuples: for a page of rows drawn at
    once, where building a DataFrame would cost more than the query (a null is None, never NaN)."""
    def fetch(result):
        return list(map(_row_type(tuple(column[0] for column in result.description))._make, result.fetchall()))
    return _execute(name, db_path, params, fetch)


@cache
def _row_type(columns: tuple[str, ...]) -> type:
    return namedtuple("Row", columns, rename=True)  # any column name, even a keyword


def _execute(name: str, db_path: Path | None, params: dict, fetch: Callable):
    expected = parameters(name)
    if set(params) != expected:
        raise TypeError(f"query {name!r} takes {sorted(expected)}, got {sorted(params)}")
    sql, bound = statement(name, params)
    return database(db_path).execute(sql, bound, fetch)


T = TypeVar("T")


def run_once(name: str, db_path: Path | None = None, **constants) -> pd.DataFrame:
    """The rows of a query, read once per database file version for every session. Its parameters, if it has
    any, are constants of the page (a kind of claim, a section), never a reader's choice: each distinct set is
    kept until the file changes."""
    key = name if not constants else f"{name}:{sorted(constants.items())!r}"
    db = database(db_path)
    return db.per_version(key, lambda: run_query(name, db_path=db.path, **constants)).copy(deep=False)


def per_version(key: str, make: Callable[[], T], db_path: Path | None = None) -> T:
    """`make()`, computed once per database file version and shared by every session: for values derived
    only from run_once results (options, citations). Callers must treat the value as read-only."""
    return database(db_path).per_version(key, make)
