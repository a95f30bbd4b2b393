"""The app builds its own database on first start, and broken YAML never costs the last good build."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import duckdb
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import queries
from evidence.build import build
from evidence.format.declaration import SCHEMA_VERSION
from evidence.format.folder import source_hash
from tests.conftest import ROOT


@pytest.fixture
def fresh_app(monkeypatch, data_copy, tmp_path):
    """Open the app on a scratch data folder and a database path of the test's own."""
    db = tmp_path / "built" / "evidence.duckdb"
    monkeypatch.setenv("EVIDENCE_DATA_DIR", str(data_copy))
    monkeypatch.setenv("EVIDENCE_DB", str(db))

    def run() -> AppTest:
        queries.close_all()
        st.cache_resource.clear()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.run()
        return at

    yield run, data_copy, db
    queries.close_all()


def test_first_start_builds_the_database(fresh_app):
    run, _, db = fresh_app
    assert not db.exists()
    at = run()
    assert not at.exception and not at.error
    assert db.exists() and at.title


def test_broken_yaml_names_the_problem_and_keeps_the_last_good_build(fresh_app):
    run, data, db = fresh_app
    assert build(data, db).ok
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    quotes = data / "quotes.yaml"
    quotes.write_text(quotes.read_text(encoding="utf-8").replace("page: 877", "page: eight", 1), encoding="utf-8")
    at = run()
    assert not at.exception
    assert "shows the last good build" in at.error[0].value
    assert "quotes.yaml:" in at.code[0].value and "fix:" in at.code[0].value
    assert at.title, "the pages still render from the last good build"
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_broken_yaml_with_no_earlier_build_stops_with_the_message(fresh_app):
    run, data, db = fresh_app
    (data / "themes.yaml").write_text("themes: [unclosed\n", encoding="utf-8")
    at = run()
    assert not at.exception
    assert "no earlier build" in at.error[0].value
    assert "themes.yaml:" in at.code[0].value
    assert not db.exists() and not at.title


# --- self-repair: the app checks the database file itself, not only the YAML stamps -------------------

def _older_schema(db):
    older = db.with_name("older.duckdb")  # swapped in whole, as an operator copying an old file would
    older.write_bytes(db.read_bytes())
    with duckdb.connect(str(older)) as con:
        con.execute("update build_info set schema_version = schema_version - 1")
    os.replace(older, db)


DAMAGE = {
    "deleted": lambda db: db.unlink(),
    "truncated": lambda db: db.write_bytes(db.read_bytes()[:4096]),
    "emptied": lambda db: db.write_bytes(b""),
    "random bytes": lambda db: db.write_bytes(os.urandom(db.stat().st_size)),
    "corrupted in place": lambda db: _scribble(db),
    "older schema": _older_schema,
    "cut to half": lambda db: os.truncate(db, db.stat().st_size // 2),
    "blocks corrupted in the middle": lambda db: _corrupt_middle(db),
}


def _corrupt_middle(db, keep_stamp: bool = False, everything: bool = False):
    """Overwrite 4 KiB blocks past the header (a third of the way in, or all of them), as a failing disk would;
    optionally keeping the file's size and modification time, so nothing about the file looks changed."""
    stat = db.stat()
    start = 3 * 4096 if everything else stat.st_size // 3
    end = stat.st_size if everything else start + 8 * 4096
    with db.open("r+b") as handle:
        for offset in range(start, end, 4096):
            handle.seek(offset)
            handle.write(os.urandom(4096))
    if keep_stamp:
        os.utime(db, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert db.stat().st_size == stat.st_size


def _scribble(db):
    with db.open("r+b") as handle:
        handle.seek(0)
        handle.write(os.urandom(8192))


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_database_damaged_while_the_app_runs_is_rebuilt_on_the_next_run(fresh_app, damage):
    run, data, db = fresh_app
    assert build(data, db).ok
    at = run()  # the app starts on a current build and has nothing to do
    assert not at.exception and at.title
    DAMAGE[damage](db)
    at.run()  # the same session, as a reader's next click: no restart, no YAML edit
    assert not at.exception, at.exception
    assert not at.error and at.title
    con = duckdb.connect(":memory:")
    con.execute("attach ? as built (read_only)", [str(db)])
    assert con.execute("select schema_version, source_hash from built.build_info").fetchall() == [
        (SCHEMA_VERSION, source_hash(data))]
    con.close()


def _current(db, data) -> bool:
    con = duckdb.connect(":memory:")
    try:
        con.execute("attach ? as built (read_only)", [str(db)])
        ok = con.execute("select schema_version, source_hash from built.build_info").fetchall() == [
            (SCHEMA_VERSION, source_hash(data))]
        for (table,) in con.execute("select table_name from duckdb_tables() where database_name = 'built'").fetchall():
            con.execute(f'select bit_xor(hash(t)) from built."{table}" as t').fetchall()  # every block reads
        return ok
    finally:
        con.close()


def test_a_database_damaged_with_its_size_and_time_kept_is_found_and_rebuilt_at_start(fresh_app):
    """Nothing about the file looks changed, and its build record still reads: only reading every row finds it."""
    run, data, db = fresh_app
    assert build(data, db).ok
    _corrupt_middle(db, keep_stamp=True)
    at = run()  # a restart
    assert not at.exception and not at.error and at.title
    assert _current(db, data)


def test_a_query_that_meets_a_damaged_block_has_the_file_rebuilt_and_the_page_served(fresh_app):
    """Damaged after the app checked it, with size and time kept: the first page query that reads a damaged block
    has the database rebuilt, and the page is drawn again from the new file, with no error shown."""
    run, data, db = fresh_app
    assert build(data, db).ok
    at = run()
    assert not at.exception and at.title
    _corrupt_middle(db, keep_stamp=True, everything=True)
    queries.close_all()  # nothing of the old file in memory; the app's check of it is still cached
    at.switch_page("views/quotes.py").run()
    assert not at.exception, at.exception
    assert not at.error and at.title
    assert _current(db, data)


def test_a_damaged_database_with_broken_yaml_says_what_to_do(fresh_app):
    run, data, db = fresh_app
    assert build(data, db).ok
    db.write_bytes(b"not a database")
    (data / "themes.yaml").write_text("themes: [unclosed\n", encoding="utf-8")
    at = run()
    assert not at.exception
    assert "no earlier build" in at.error[0].value and "themes.yaml:" in at.code[0].value
    assert db.read_bytes() == b"not a database"


WRITER = ("import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('open', flush=True); "
          "time.sleep(60)")


def test_a_database_another_program_holds_for_writing_is_never_replaced(fresh_app):
    run, data, db = fresh_app
    assert build(data, db).ok
    quotes = data / "quotes.yaml"
    quotes.write_text(quotes.read_text(encoding="utf-8") + "\n# an editor's note\n", encoding="utf-8")
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "open"
        before = db.stat().st_ino, hashlib.sha256(db.read_bytes()).hexdigest()
        at = run()
        assert not at.exception
        assert "could not be rebuilt" in at.error[0].value
        assert "holds the database open for writing" in at.code[0].value and "fix:" in at.code[0].value
        assert (db.stat().st_ino, hashlib.sha256(db.read_bytes()).hexdigest()) == before
        # the pages are served meanwhile, from a copy of the last good build, with the notice on top
        assert "shows the last good build" in at.error[0].value and at.title
        for page in ("views/quotes.py", "views/studies.py", "views/themes.py"):
            at.switch_page(page).run()
            assert not at.exception and at.title, page
        assert queries.serving_path() != db
    finally:
        writer.kill()
        writer.wait()
    at.run()  # the writer is gone: the next run rebuilds
    assert not at.exception and not at.error and at.title
    assert queries.serving_path() == db and not list(db.parent.glob("*.held-copy"))


@pytest.fixture
def read_only(tmp_path):
    """Make a folder read-only to this process: chmod for a normal user, a read-only bind mount for root."""
    made = []

    def protect(folder):
        if os.geteuid() != 0:
            folder.chmod(0o555)
        else:
            for args in (["mount", "--bind", folder, folder], ["mount", "-o", "remount,ro,bind", folder]):
                if subprocess.run(args, capture_output=True).returncode != 0:
                    pytest.skip("cannot make a folder read-only here (root without mount rights)")
        made.append(folder)

    yield protect
    for folder in made:
        if os.geteuid() != 0:
            folder.chmod(0o755)
        else:
            subprocess.run(["umount", "--lazy", folder], capture_output=True)  # the app may still hold a file


def test_a_read_only_folder_keeps_serving_the_last_good_build_with_a_notice(fresh_app, read_only):
    run, data, db = fresh_app
    assert build(data, db).ok
    quotes = data / "quotes.yaml"
    quotes.write_text(quotes.read_text(encoding="utf-8") + "\n# an editor's note\n", encoding="utf-8")
    read_only(db.parent)
    at = run()
    assert not at.exception
    assert "could not be rebuilt" in at.error[0].value and "shows the last good build" in at.error[0].value
    assert "cannot be written" in at.code[0].value and "fix:" in at.code[0].value
    assert at.title


def test_a_read_only_folder_with_no_build_says_what_to_do(fresh_app, read_only):
    run, _, db = fresh_app
    db.parent.mkdir()
    read_only(db.parent)
    at = run()
    assert not at.exception
    assert "no earlier build" in at.error[0].value and "cannot be written" in at.code[0].value


def test_notices_name_files_within_the_data_folder_never_the_servers_paths(fresh_app):
    """Every visitor sees the notice: it names quotes.yaml:LINE, not /srv/.../data/quotes.yaml."""
    run, data, db = fresh_app
    assert build(data, db).ok
    quotes = data / "quotes.yaml"
    quotes.write_text(quotes.read_text(encoding="utf-8").replace("page: 877", "page: eight", 1), encoding="utf-8")
    at = run()
    shown = " ".join([e.value for e in at.error] + [c.value for c in at.code])
    assert "quotes.yaml:" in shown
    for folder in {str(data), str(data.resolve()), str(db.parent), str(db.parent.resolve())}:
        assert folder not in shown, f"the notice shows the server's path {folder}"
    assert "/tmp/" not in shown and str(ROOT) not in shown
