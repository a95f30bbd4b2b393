"""Where the YAML sources and the built database live: one setting each, with defaults."""

from __future__ import annotations

import os
import re
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The folder of YAML sources: $EVIDENCE_DATA_DIR, or data/ in the project."""
    return Path(os.environ.get("EVIDENCE_DATA_DIR", PROJECT_ROOT / "data"))


def db_path() -> Path:
    """The built database: $EVIDENCE_DB, or evidence.duckdb in the data folder."""
    return Path(os.environ.get("EVIDENCE_DB", data_dir() / "evidence.duckdb"))


def public_url() -> str | None:
    """The dashboard's public address for printed handouts: $EVIDENCE_PUBLIC_URL, or None if not set."""
    return os.environ.get("EVIDENCE_PUBLIC_URL", "").strip() or None


def local_contacts() -> list[str]:
    """Local crisis contacts for the patient leaflet, from $EVIDENCE_LOCAL_CONTACTS: one per line or per ';',
    each printed exactly as written (e.g. "Perinatal mental health team: 0123 456 789"). None set: []."""
    raw = os.environ.get("EVIDENCE_LOCAL_CONTACTS", "")
    return [entry.strip() for entry in re.split(r"[;\n]", raw) if entry.strip()]
