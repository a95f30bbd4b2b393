"""Where the YAML sources and the built database live: one setting each, with defaults."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The folder of YAML sources: $EVIDENCE_DATA_DIR, or data/ in the project."""
    return Path(os.environ.get("EVIDENCE_DATA_DIR", PROJECT_ROOT / "data"))


def db_path() -> Path:
    """The built database: $EVIDENCE_DB, or evidence.duckdb in the data folder."""
    return Path(os.environ.get("EVIDENCE_DB", data_dir() / "evidence.duckdb"))
