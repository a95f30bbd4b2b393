"""Where the YAML sources and the built database live: one setting each, with defaults."""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The folder of YAML sources: $EVIDENCE_DATA_DIR, or data/ in the project."""
    return _paths(os.environ.get("EVIDENCE_DATA_DIR"), os.environ.get("EVIDENCE_DB"))[0]


def db_path() -> Path:
    """The built database: $EVIDENCE_DB, or evidence.duckdb in the data folder."""
    return _paths(os.environ.get("EVIDENCE_DATA_DIR"), os.environ.get("EVIDENCE_DB"))[1]


@cache
def _paths(data: str | None, db: str | None) -> tuple[Path, Path]:
    # Read several times in every rerun: the paths are made once per setting, not every time.
    folder = Path(data) if data is not None else PROJECT_ROOT / "data"
    return folder, Path(db) if db is not None else folder / "evidence.duckdb"


def public_url() -> str | None:
    """The dashboard's public address for printed handouts: $EVIDENCE_PUBLIC_URL, or None if not set."""
    return os.environ.get("EVIDENCE_PUBLIC_URL", "").strip() or None


def local_contacts() -> list[str]:
    """Local crisis contacts for the patient leaflet, from $EVIDENCE_LOCAL_CONTACTS: one per line or per ';',
    each printed exactly as written (e.g. "Perinatal mental health team: 0123 456 789"). None set: []."""
    raw = os.environ.get("EVIDENCE_LOCAL_CONTACTS", "")
    return [entry.strip() for entry in re.split(r"[;\n]", raw) if entry.strip()]
