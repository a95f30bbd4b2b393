"""Compile a data folder into a DuckDB file, atomically, and rebuild it when its sources change."""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from .sources import DERIVE_FILE, SCHEMA_FILE, SCHEMA_VERSION, source_hash
from .spec import Problem
from .tables import to_rows
from .validate import check_folder


@dataclass(frozen=True)
class BuildResult:
    """What a build did: whether it wrote the file, and the problems that stopped it if not."""

    built: bool
    source_hash: str
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


class BuildError(Exception):
    """The sources have problems; the existing database was left as it was."""

    def __init__(self, problems):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def build(data_dir: Path, db_path: Path) -> BuildResult:
    """Check `data_dir` and, if it is sound, replace `db_path` with a fresh build in one step."""
    sources, problems = check_folder(data_dir)
    digest = source_hash(data_dir) if data_dir.is_dir() else ""
    if problems:
        return BuildResult(False, digest, tuple(problems))
    db_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{db_path.name}.", suffix=".tmp", dir=db_path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        tmp.unlink()  # DuckDB must create the file itself
        _write(tmp, to_rows(sources.sections), digest, [p.name for p in sources.files])
        os.replace(tmp, db_path)
    finally:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}.wal").unlink(missing_ok=True)
    return BuildResult(True, digest)


def _write(path: Path, rows: dict, digest: str, files: list[str]) -> None:
    with duckdb.connect(str(path)) as con:
        con.execute(SCHEMA_FILE.read_text(encoding="utf-8"))
        for table in table_names():
            if rows.get(table):
                frame = pd.DataFrame(rows[table])  # noqa: F841 - read by name in the SQL below
                con.execute(f'insert into "{table}" by name select * from frame')
        derive(con)
        con.execute("insert into build_info values (?, ?, ?, ?)",
                    [SCHEMA_VERSION, digest, datetime.now(UTC).replace(tzinfo=None), files])
        con.execute("checkpoint")


def table_names() -> list[str]:
    """The tables of the layout in creation order, which is also foreign-key order."""
    return re.findall(r"^create table (\w+)", SCHEMA_FILE.read_text(encoding="utf-8"), re.MULTILINE)


def stored_hash(db_path: Path) -> str | None:
    """The source hash recorded in a built file, or None if it is missing or unreadable."""
    if not db_path.exists():
        return None
    try:
        with duckdb.connect(str(db_path), read_only=True) as con:
            return con.execute("select source_hash from build_info").fetchone()[0]
    except (duckdb.Error, TypeError):
        return None


def ensure_built(data_dir: Path, db_path: Path) -> BuildResult:
    """Build `db_path` if it is missing or older than its sources; otherwise leave it alone."""
    digest = source_hash(data_dir) if data_dir.is_dir() else ""
    if digest and stored_hash(db_path) == digest:
        return BuildResult(False, digest)
    return build(data_dir, db_path)


def derive(con) -> None:
    """Fill the derived tables (search index, tags by position) from the loaded quote tables."""
    con.execute(DERIVE_FILE.read_text(encoding="utf-8"))
