"""One evidence database file: where it is, which version is there, read-only connections to it, and running SQL on
them. Every reader of a built file goes through a `Database`: the app's named queries (queries/), the build's health
check, the docs writer and the benchmarks. Writing a file is the build's alone (build.py).

A connection is opened per process and per version of the file; every statement runs on its own cursor, because a
DuckDB connection refuses concurrent use from several threads (Streamlit runs sessions in threads). When a rebuild
replaces the file, the next statement opens the new version and the old connection is dropped, never closed: a cursor
keeps its database alive, so a query already running on the old version finishes on it, and the old version is
released when its last cursor is gone.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb

T = TypeVar("T")
ALIAS = "evidence"  # the name a connection attaches the file under, and its default catalog
_MISSING = object()


def data_version(source_hash: str) -> str:
    """The data version as readers see and cite it: the first 12 hex digits of the build's source hash."""
    return str(source_hash)[:12]


def file_identity(path: str | os.PathLike) -> tuple:
    """Which version of a file is there: a rebuild writes a new file and renames it into place (a new inode, size or
    mtime). Raises OSError when there is no file."""
    stat = os.stat(path)
    return stat.st_dev, stat.st_ino, stat.st_mtime_ns, stat.st_size


def is_locked(exc: BaseException) -> bool:
    """DuckDB's answer when another process holds the file open for writing."""
    return "Could not set lock" in str(exc)


DAMAGE = ("Corrupt database file", "checksum", "Could not read enough bytes", "Serialization Error",
          "INTERNAL Error", "not a valid DuckDB database")


def is_damage(exc: BaseException) -> bool:
    """Whether a DuckDB error says the file itself is damaged (cut short, a block that fails its checksum)."""
    text = str(exc)
    return not is_locked(exc) and (isinstance(exc, duckdb.IOException | duckdb.InternalException)
                                   or any(mark in text for mark in DAMAGE))


class DamagedDatabase(Exception):
    """A query met a damaged block of the database file (cut short, or failing its checksum): the file needs a
    rebuild, which the app does before it draws the page again."""

    def __init__(self, path: Path, cause: BaseException):
        self.path = path
        super().__init__(f"{path.name} is damaged: {str(cause).splitlines()[0][:200]}")


class Database:
    """A database file and what a process holds of it: one read-only connection and the values computed from it,
    both for the version of the file now in place. `Database.at(path)` is the process's shared one for a path."""

    _shared: dict[str, Database] = {}
    _shared_lock = threading.Lock()

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._connection: tuple[tuple, duckdb.DuckDBPyConnection] | None = None
        # per version: its identity, its values by key, and a lock per key being derived
        self._values: tuple[tuple, dict[str, object], dict[str, threading.Lock]] | None = None

    @classmethod
    def at(cls, path: str | os.PathLike) -> Database:
        """The process's Database for `path` (as written: resolving a path on every rerun would cost more)."""
        key = os.fspath(path)
        database = cls._shared.get(key)
        if database is None:
            with cls._shared_lock:
                database = cls._shared.setdefault(key, cls(key))
        return database

    @classmethod
    def close_all(cls) -> None:
        """Close every shared Database's connection (tests switch databases); the values kept per version stay."""
        with cls._shared_lock:
            for database in cls._shared.values():
                database.close()

    def identity(self) -> tuple:
        """Which version of the file is in place (see file_identity)."""
        return file_identity(self.path)

    def open_read_only(self) -> duckdb.DuckDBPyConnection:
        """A connection of its own to the version of the file now in place, attached read-only as `evidence`; the
        caller closes it."""
        # duckdb.connect(path) would hand back the instance already open for that path, i.e. the version before a
        # rebuild: an in-memory instance attaching the file always reads the current file.
        con = duckdb.connect(":memory:")
        try:
            con.execute(f"attach ? as {ALIAS} (read_only)", [str(self.path)])
            con.execute(f"use {ALIAS}")
        except BaseException:
            con.close()
            raise
        return con

    def connection(self) -> duckdb.DuckDBPyConnection:
        """The shared read-only connection to the version of the file in place, reopened when the file is replaced."""
        identity = self.identity()
        with self._lock:
            if self._connection is None or self._connection[0] != identity:
                self._connection = (identity, self.open_read_only())  # the old one is dropped, not closed (above)
            return self._connection[1]

    def execute(self, sql: str, params: dict | None, fetch: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """Run one statement on a cursor of its own and return `fetch(result)`; a damaged file raises
        DamagedDatabase."""
        try:
            cursor = self.connection().cursor()
            try:
                cursor.execute(f"use {ALIAS}")  # a cursor is a fresh session: it starts in the empty memory catalog
                return fetch(cursor.execute(sql, params or None))
            finally:
                cursor.close()
        except duckdb.Error as exc:
            if is_damage(exc):
                raise DamagedDatabase(self.path, exc) from exc
            raise

    def per_version(self, key: str, make: Callable[[], T]) -> T:
        """`make()`, computed once per version of the file and shared by every session; callers treat it as
        read-only. The old version's values go when the file changes. Sessions asking for a value not yet derived
        wait for the one deriving it (after a rebuild they all ask at once), rather than each deriving it again."""
        identity = self.identity()
        with self._lock:
            if self._values is None or self._values[0] != identity:
                self._values = (identity, {}, {})
            _, values, deriving = self._values
            value = values.get(key, _MISSING)
            if value is not _MISSING:
                return value
            flight = deriving.setdefault(key, threading.Lock())
        with flight:  # one derives; the rest find its value when they get the lock (or derive it if it failed)
            with self._lock:
                value = values.get(key, _MISSING)
            if value is _MISSING:
                value = make()
                with self._lock:
                    values[key] = value  # into this version's values, which go with it
        return value

    def close(self) -> None:
        """Close the shared connection (a query still running on it fails); the next statement opens the file again."""
        with self._lock:
            if self._connection is not None:
                self._connection[1].close()
            self._connection = None
