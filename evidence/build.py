"""Compile a data folder into a DuckDB file, atomically, and rebuild it when its sources change."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from .database import ALIAS, Database, is_damage, is_locked
from .format.declaration import DERIVE_SQL, SCHEMA_VERSION, TABLES
from .format.folder import display_name, source_hash
from .format.problems import Problem
from .format.rules import check_folder
from .rows import to_rows
from .storage import ddl


@dataclass(frozen=True)
class BuildResult:
    """What a build did: whether it wrote the file, and the problems that stopped it if not."""

    built: bool
    source_hash: str
    problems: tuple[Problem, ...] = ()
    usable: bool = True  # the file holds a build the app can serve (the last good one, if this one failed)
    cause: str = "sources"  # what the problems are about: "sources" (the YAML) or "database" (the file)
    locked: bool = False  # another program held the file open for writing, so it was left alone
    serve_from: str | None = None  # a copy of the last good build to serve meanwhile (held for writing)

    @property
    def ok(self) -> bool:
        return not self.problems


def build(data_dir: Path, db_path: Path) -> BuildResult:
    """Check `data_dir` and, if it is sound, replace `db_path` with a fresh build in one step."""
    sources, problems = check_folder(data_dir)
    digest = source_hash(data_dir) if data_dir.is_dir() else ""
    if problems:
        return BuildResult(False, digest, tuple(problems))
    try:
        _write_and_replace(sources, digest, db_path)
    except CannotWrite as exc:
        return BuildResult(False, digest, (exc.problem,), cause="database", locked=exc.locked)
    return BuildResult(True, digest)


class CannotWrite(Exception):
    """The database file could not be written or replaced; the old one is as it was."""

    def __init__(self, problem: Problem, locked: bool = False):
        self.problem, self.locked = problem, locked
        super().__init__(str(problem))


def _write_and_replace(sources, digest: str, db_path: Path) -> None:
    shown = display_name(db_path)
    tmp = None
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(db_path)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{db_path.name}.", suffix=".tmp", dir=db_path.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        tmp.unlink()  # DuckDB must create the file itself
        _write(tmp, to_rows(sources.sections), digest, [p.name for p in sources.files])
        if health(db_path).locked:
            raise CannotWrite(_locked_problem(shown), locked=True)
        os.replace(tmp, db_path)
    except OSError as exc:
        raise CannotWrite(Problem(shown, 0, f"the database cannot be written: {exc.strerror or exc}",
                                  "let the app's user write to that folder, or build it as a user who can "
                                  "(python -m evidence build), or point EVIDENCE_DB at a writable place")) from exc
    except duckdb.Error as exc:
        raise CannotWrite(Problem(shown, 0, f"the build stopped: {_first_line(exc)}",
                                  "run python -m evidence check; if it finds nothing, report this message "
                                  "as a bug in the checks")) from exc
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
            Path(f"{tmp}.wal").unlink(missing_ok=True)


def remove_stale_temporaries(db_path: Path) -> list[Path]:
    """Remove what a killed build left beside the database (its .tmp file and .tmp.wal); a build still running in
    another process holds its file locked, so that one is left alone. Returns what was removed."""
    removed = []
    for tmp in db_path.parent.glob(f".{db_path.name}.*.tmp"):
        try:
            duckdb.connect(str(tmp)).close()
        except duckdb.Error as exc:
            if is_locked(exc):
                continue
        for leftover in (tmp, Path(f"{tmp}.wal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
                removed.append(leftover)
    for wal in db_path.parent.glob(f".{db_path.name}.*.tmp.wal"):
        if not Path(str(wal)[:-4]).exists():
            with contextlib.suppress(OSError):
                wal.unlink()
                removed.append(wal)
    return removed


def _locked_problem(shown: str) -> Problem:
    return Problem(shown, 0, "another program holds the database open for writing, so it was not replaced",
                   "close that program (a duckdb shell opened without -readonly, or a notebook's "
                   "duckdb.connect), or open it read-only; the next page load tries again")


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:300]


def _write(path: Path, rows: dict, digest: str, files: list[str]) -> None:
    with duckdb.connect(str(path)) as con:
        con.execute(ddl(TABLES))
        for table in table_names():
            if rows.get(table):
                frame = pd.DataFrame(rows[table])  # noqa: F841 - read by name in the SQL below
                con.execute(f'insert into "{table}" by name select * from frame')
        derive(con)
        con.execute("insert into build_info values (?, ?, ?, ?)",
                    [SCHEMA_VERSION, digest, datetime.now(UTC).replace(tzinfo=None), files])
        con.execute("checkpoint")


def table_names() -> list[str]:
    """The tables the declaration derives, in declaration order, then the derived search index's."""
    derived = re.findall(r"^create table if not exists (\w+)", DERIVE_SQL, re.MULTILINE)
    return [table.name for table in TABLES] + derived


@dataclass(frozen=True)
class Health:
    """What a database file holds: its stored source hash, or why it cannot be served."""

    source_hash: str | None
    problem: str = ""  # empty when the file can be served
    locked: bool = False  # another process holds it open for writing


def health(db_path: Path, thorough: bool = False) -> Health:
    """Open the file read-only and read its build record: present, a database, this schema version. Thorough, it
    also reads every row of every table, so a file cut short or with a damaged block (whose build record still
    reads) is found before a page meets it."""
    if not db_path.is_file():
        return Health(None, "does not exist")
    con = None
    try:
        con = Database(db_path).open_read_only()  # a connection of its own: never the app's shared one
        row = con.execute("select schema_version, source_hash from build_info").fetchone()
        if thorough:
            _read_every_row(con)
    except duckdb.Error as exc:
        locked = is_locked(exc)
        if not locked and is_damage(exc):
            return Health(None, f"is damaged ({_first_line(exc)})")
        return Health(None, "is held open for writing by another program" if locked
                      else f"cannot be read as an evidence database ({_first_line(exc)})", locked)
    finally:
        if con is not None:
            con.close()
    if row is None:
        return Health(None, "has no build record")
    if row[0] != SCHEMA_VERSION:
        return Health(row[1], f"was built with schema version {row[0]}, this app needs {SCHEMA_VERSION}")
    return Health(row[1])


def _read_every_row(con) -> None:
    """Read every column of every row of the attached file's tables: each block is read, so its checksum checked."""
    tables = con.execute("select table_name from duckdb_tables() where database_name = ?", [ALIAS]).fetchall()
    for (table,) in tables:
        con.execute(f'select bit_xor(hash(t)) from {ALIAS}."{table}" as t').fetchall()


def held_copy(db_path: Path) -> Path | None:
    """A copy of a file another program holds open for writing, to serve until it lets go: DuckDB's lock keeps other
    processes from opening the file, not from reading its bytes. Kept only if every row of it reads; None if not."""
    copy = _held_copy_path(db_path)
    try:
        made, held = copy.stat(), db_path.stat()
        if made.st_size == held.st_size and made.st_mtime_ns >= held.st_mtime_ns:
            return copy  # made (and read whole) since the file last changed
    except OSError:
        pass
    tmp = copy.with_name(copy.name + ".tmp")
    try:
        shutil.copyfile(db_path, tmp)
        os.replace(tmp, copy)
    except OSError:
        tmp.unlink(missing_ok=True)
        return None
    if health(copy, thorough=True).problem:
        copy.unlink(missing_ok=True)
        return None
    return copy


def _held_copy_path(db_path: Path) -> Path:
    return db_path.with_name(f".{db_path.name}.held-copy")


def ensure_built(data_dir: Path, db_path: Path, damaged: bool = False) -> BuildResult:
    """Build `db_path` if it is missing, damaged (every row is read to know), older than its sources, or known to be
    `damaged` (a query met a damaged block); otherwise leave it alone."""
    digest = source_hash(data_dir) if data_dir.is_dir() else ""
    state = Health(None, "is damaged") if damaged else health(db_path, thorough=True)
    if not state.locked:
        with contextlib.suppress(OSError):  # the file is free again: its copy is not needed (a folder may be read-only)
            _held_copy_path(db_path).unlink(missing_ok=True)
    if not state.problem and digest and state.source_hash == digest:
        return BuildResult(False, digest)
    if state.locked:
        copy = held_copy(db_path)
        return BuildResult(False, digest, (_locked_problem(display_name(db_path)),), usable=copy is not None,
                           cause="database", locked=True, serve_from=None if copy is None else str(copy))
    result = build(data_dir, db_path)
    return result if result.ok else replace(result, usable=not state.problem)


def derive(con) -> None:
    """Fill the derived tables (search index, tags by position) from the loaded quote tables."""
    con.execute(DERIVE_SQL)
