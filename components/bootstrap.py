"""Make sure a current database exists before any page runs, and say so when it cannot."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from evidence import settings
from evidence.build import BuildResult, ensure_built
from evidence.sources import yaml_files


def _sources_stamp(data_dir: Path) -> tuple:
    # Names, sizes and modification times: cheap to read on every run, and any edit changes them.
    if not data_dir.is_dir():
        return ()
    return tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in yaml_files(data_dir))


@st.cache_resource(show_spinner="Building the evidence database from its YAML sources...")
def _ensure(data_dir: str, db_path: str, stamp: tuple) -> BuildResult:
    return ensure_built(Path(data_dir), Path(db_path))


def ensure_database() -> bool:
    """Build the database if it is missing or stale; report problems; True if pages can run."""
    data_dir, db_path = settings.data_dir(), settings.db_path()
    result = _ensure(str(data_dir), str(db_path), _sources_stamp(data_dir))
    if result.ok:
        return True
    usable = db_path.exists()
    lines = "\n".join(str(p) for p in result.problems)
    headline = (f"The YAML sources have {len(result.problems)} problem(s), so the database was not "
                "rebuilt. " + ("The dashboard shows the last good build." if usable else
                               "There is no earlier build to show."))
    st.error(headline, icon=":material/error:")
    st.code(lines, language=None)
    return usable
