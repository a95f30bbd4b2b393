"""The build: atomic replacement, no debris, rebuild only when sources change, read-only use, determinism."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

import evidence.build
from evidence.build import build, ensure_built
from evidence.format.declaration import SCHEMA_VERSION
from evidence.format.folder import source_hash, yaml_files
from tests.conftest import DATA
from tests.test_validation import CASES, edit


def fingerprint(path: Path) -> tuple[str, int]:
    """The file's SHA-256 and modification time: both must survive a failed build."""
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def db(tmp_path, data_copy) -> Path:
    """A database built from the scratch data, in a folder of its own."""
    path = tmp_path / "out" / "evidence.duckdb"
    assert build(data_copy, path).ok
    return path


def fetch(path: Path, sql: str, params=None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


@pytest.mark.parametrize("case", ["malformed YAML", "wrong type", "PRISMA arithmetic"])
def test_a_failed_build_leaves_the_database_untouched_and_no_debris(db, data_copy, case):
    before, files = fingerprint(db), listing(db.parent)
    edit(data_copy, *CASES[case][:3])
    result = build(data_copy, db)
    assert not result.ok and not result.built
    assert fingerprint(db) == before
    assert listing(db.parent) == files


def test_a_crash_while_writing_leaves_the_database_untouched_and_no_debris(db, data_copy, monkeypatch):
    real_write = evidence.build._write

    def write_then_crash(path, *args):
        real_write(path, *args)
        raise RuntimeError("disk full")

    monkeypatch.setattr(evidence.build, "_write", write_then_crash)
    edit(data_copy, "review.yaml", "review:\n", "# changed\nreview:\n")
    before, files = fingerprint(db), listing(db.parent)
    with pytest.raises(RuntimeError):
        build(data_copy, db)
    assert fingerprint(db) == before
    assert listing(db.parent) == files


def test_a_good_build_replaces_the_database(db, data_copy):
    before, files = fingerprint(db), listing(db.parent)
    edit(data_copy, "quotes.yaml", "makes me feel better.", "makes me feel better (edited).")
    result = build(data_copy, db)
    assert result.ok and result.built
    assert fingerprint(db)[0] != before[0]
    assert listing(db.parent) == files
    assert fetch(db, "select count(*) from quotes where contains(text, '(edited)')") == [(1,)]
    assert fetch(db, "select source_hash from build_info") == [(source_hash(data_copy),)]


def test_ensure_built_builds_a_missing_file(tmp_path, data_copy):
    path = tmp_path / "new" / "evidence.duckdb"
    result = ensure_built(data_copy, path)
    assert result.ok and result.built and path.is_file()


def test_ensure_built_does_nothing_when_sources_are_unchanged(db, data_copy):
    before = fingerprint(db)
    result = ensure_built(data_copy, db)
    assert result.ok and not result.built
    assert fingerprint(db) == before


def test_ensure_built_rebuilds_when_a_yaml_file_changes(db, data_copy):
    old_hash = source_hash(data_copy)
    edit(data_copy, "review.yaml", "review:\n", "# an editor's note\nreview:\n")
    result = ensure_built(data_copy, db)
    assert result.ok and result.built
    assert result.source_hash != old_hash
    assert fetch(db, "select source_hash from build_info") == [(source_hash(data_copy),)]


def test_build_info_records_schema_version_hash_and_files(built_db):
    (version, digest, files), = fetch(built_db, "select schema_version, source_hash, source_files from build_info")
    assert version == SCHEMA_VERSION
    assert digest == source_hash(DATA)
    assert files == [p.name for p in yaml_files(DATA)]


def test_the_database_opens_read_only_from_a_second_process(built_db):
    script = ("import duckdb, sys; con = duckdb.connect(sys.argv[1], read_only=True); "
              "print(con.execute('select count(*) from quotes').fetchone()[0])")
    with duckdb.connect(str(built_db), read_only=True) as first:
        expected = first.execute("select count(*) from quotes").fetchone()[0]
        second = subprocess.run([sys.executable, "-c", script, str(built_db)],
                                capture_output=True, text=True, timeout=60)
        assert second.returncode == 0, second.stderr
        assert int(second.stdout) == expected > 0
        with pytest.raises(duckdb.Error):
            first.execute("delete from quotes")


def table_contents(path: Path) -> dict[str, list[tuple]]:
    """Every table's rows in a stable order; build_info without its build time."""
    with duckdb.connect(str(path), read_only=True) as con:
        tables = [t for (t,) in con.execute("select table_name from duckdb_tables() order by table_name").fetchall()]
        contents = {t: con.execute(f'select * from "{t}" order by all').fetchall() for t in tables if t != "build_info"}
        contents["build_info"] = con.execute("select * exclude (built_at) from build_info").fetchall()
    return contents


def test_two_builds_hold_the_same_contents(tmp_path, built_db):
    again = tmp_path / "again.duckdb"
    assert build(DATA, again).ok
    first, second = table_contents(built_db), table_contents(again)
    assert first == second
    assert first["quotes"], "the build wrote no quotes"


HOLD = ("import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); con.execute('create table t(x int)'); "
        "print('open', flush=True); time.sleep(60)")


def test_a_killed_builds_leftovers_are_removed_by_the_next_build_but_a_running_one_is_left_alone(db, data_copy):
    """kill -9 during a build leaves its .tmp and .tmp.wal beside the database for ever; the next build removes
    them. A build still running in another process holds its file locked, and keeps it."""
    killed = db.parent / f".{db.name}.abc123.tmp"
    killed.write_bytes(b"half a database")
    Path(f"{killed}.wal").write_bytes(b"half a log")
    orphan_wal = db.parent / f".{db.name}.def456.tmp.wal"
    orphan_wal.write_bytes(b"a log with no file")
    running = db.parent / f".{db.name}.running.tmp"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(running)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        assert build(data_copy, db).ok
        assert not killed.exists() and not Path(f"{killed}.wal").exists() and not orphan_wal.exists()
        assert running.exists(), "a build still running elsewhere lost its file"
    finally:
        holder.kill()
        holder.wait()
