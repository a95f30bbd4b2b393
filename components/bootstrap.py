"""Make sure a current, readable database exists before any page runs, and say so when it cannot."""

from __future__ import annotations

import logging
import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from evidence import settings
from evidence.build import BuildResult, ensure_built, health
from evidence.database import DamagedDatabase, file_identity
from evidence.format.folder import yaml_files
from queries import serve_copy

log = logging.getLogger(__name__)


def _stamp(path: Path) -> tuple:
    try:
        return (path.name, *file_identity(path))
    except OSError as exc:
        return (path.name, type(exc).__name__)


def _sources_stamp(data_dir: Path, db_path: Path) -> tuple:
    # Cheap to read on every run: any edit of a YAML file, and any change to the database file itself
    # (deleted, truncated, overwritten, swapped for another build), changes it, and the file is checked.
    try:
        files = yaml_files(data_dir)
    except OSError as exc:
        files, db_path = [], Path(f"{db_path} ({type(exc).__name__})")
    return tuple(_stamp(p) for p in files) + (_stamp(db_path),)


@st.cache_resource(show_spinner="Checking the evidence database against its YAML sources...", max_entries=8)
def _ensure(data_dir: str, db_path: str, stamp: str) -> BuildResult:
    result = ensure_built(Path(data_dir), Path(db_path))
    for problem in result.problems:
        log.warning("evidence database not rebuilt: %s", problem)
    return result


def ensure_database() -> bool:
    """Build the database if it is missing, damaged or stale; report problems; True if pages can run."""
    data_dir, db_path = settings.data_dir(), settings.db_path()
    # The stamp as one string: Streamlit hashes a cache key on every run, a tuple of tuples item by item.
    result = _ensure(str(data_dir), str(db_path), repr(_sources_stamp(data_dir, db_path)))
    if result.built or result.locked:
        # After a build the key holds the file as it was before: never match it again. A lock is let go
        # without any file changing: try again on the next run.
        _ensure.clear()
    serve_copy(Path(result.serve_from) if result.serve_from else None)
    if result.ok:
        return True
    count = len(result.problems)
    headline = (f"The YAML sources have {count} problem(s), so the database was not rebuilt. "
                if result.cause == "sources" else "The database could not be rebuilt. ")
    headline += ("The dashboard shows the last good build." if result.usable else
                 "There is no earlier build to show: fix the problem below and reload the page.")
    st.error(headline, icon=":material/error:")
    st.code("\n".join(for_readers(str(p), data_dir, db_path) for p in result.problems), language=None)
    return result.usable


def for_readers(text: str, data_dir: Path, db_path: Path) -> str:
    """A message with the server's folders taken out: files named relative to the data folder, the database by its
    own name. Every visitor sees a notice; none needs to learn where the server keeps its files."""
    forms = {form for folder in (data_dir, db_path.parent)
             for form in (str(folder), os.path.abspath(folder), str(folder.resolve()))}
    for form in sorted(forms, key=len, reverse=True):  # the longest first: a folder inside another
        if form not in ("", ".", os.sep):
            text = text.replace(form + os.sep, "").replace(form, Path(form).name or form)
    return text


def partial_run() -> bool:
    """True in a run of a fragment alone (a widget inside it changed): the router (app.py), its database check and
    its handling of a damaged file did not run before it."""
    ctx = get_script_run_ctx()
    return bool(ctx and ctx.fragment_ids_this_run)


@contextmanager
def partial_run_guard():
    """Around a fragment's body. In a run of the fragment alone, first the router's check of the database against its
    sources (a YAML file edited, the file replaced or gone). In any run, a damaged file met on the way is rebuilt and
    the whole app run again, as the router does for a page: Streamlit shows an error raised in a fragment inside it,
    so it would never reach the router."""
    if partial_run() and not ensure_database():
        st.stop()
    try:
        yield
    except DamagedDatabase:
        recover_from_damage()


def recover_from_damage() -> NoReturn:
    """After a query met a damaged file: rebuild it and run the whole app again, once; if that is not enough, say
    what to do and stop."""
    rebuilt = rebuild_damaged()
    if rebuilt and not st.session_state.get("app_rebuilt"):
        st.session_state["app_rebuilt"] = True
        st.rerun()
    st.error("The evidence database is damaged and could not be rebuilt: run python -m evidence build, or ask "
             "whoever runs the dashboard to.", icon=":material/error:")
    st.stop()


_rebuilding = threading.Lock()


def rebuild_damaged() -> bool:
    """Rebuild the database after a query met a damaged block (the check on first use reads every row, but a file
    can be damaged after it); True if the pages can run again. One session rebuilds; the others find it done."""
    data_dir, db_path = settings.data_dir(), settings.db_path()
    with _rebuilding:
        if not health(db_path, thorough=True).problem:
            return True
        log.warning("the evidence database %s is damaged; rebuilding it", db_path.name)
        result = ensure_built(data_dir, db_path, damaged=True)
    _ensure.clear()
    return result.ok
