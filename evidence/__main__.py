"""Command line: `python -m evidence build|check|docs|new`, and `template`, `import` and `export` (see
evidence/interchange/cli.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import settings
from .database import data_version
from .format.folder import ignored_files, yaml_files
from .format.json_schema import schema_text
from .format.reference import format_reference
from .format.rules import check_folder
from .format.scaffold import TODO, write_new
from .interchange.cli import COMMANDS
from .interchange.cli import main as interchange_main

DOCS_FILE = settings.PROJECT_ROOT / "docs" / "DATA.md"
FORMAT_FILE = settings.PROJECT_ROOT / "docs" / "FORMAT.md"
SCHEMA_FILE = settings.PROJECT_ROOT / "docs" / "evidence.schema.json"


def _report(problems) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} problem(s) found; nothing was written.", file=sys.stderr)
    return 1


def _remind_placeholders(folder: Path) -> None:
    """The values `new` wrote for the researcher to replace are valid, so check passes; still, say where they are."""
    left = [f"{path}:{n}" for path in yaml_files(folder)
            for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
            if TODO in line and not line.lstrip().startswith("#")]
    if left:
        print(f"{len(left)} value(s) still marked '{TODO}' (written by new or import, for you to replace): "
              + ", ".join(left))


def _new(folder: Path | None) -> int:
    if folder is None:
        print("new needs a folder: python -m evidence new DIR", file=sys.stderr)
        return 2
    try:
        files = write_new(folder)
    except (FileExistsError, OSError) as exc:
        print(f"{exc}; nothing was written.", file=sys.stderr)
        return 1
    print(f"wrote {len(files)} files to {folder}: edit them (see docs/FORMAT.md), then run "
          f"python -m evidence check {folder}")
    return 0


def _note_ignored(data_dir: Path) -> None:
    """Say which files named like sources are left out as an editor's or the system's (never silently)."""
    if not data_dir.is_dir():
        return
    ignored = ignored_files(data_dir)
    if ignored:
        print(f"note: ignored what an editor or the system left beside the sources: "
              f"{', '.join(p.name for p in ignored)}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the process exit code."""
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in COMMANDS:
        return interchange_main(argv)
    parser = argparse.ArgumentParser(prog="python -m evidence", description=__doc__)
    parser.add_argument("command", choices=["build", "check", "docs", "new"],
                        help="build: compile the YAML into the database; check: validate without "
                             "writing; docs: regenerate docs/DATA.md, docs/FORMAT.md and the JSON Schema; "
                             "new: write a small valid synthesis into FOLDER to start from")
    parser.add_argument("folder", nargs="?", type=Path,
                        help="with new: the folder to create; with check or build: the YAML folder (as --data)")
    parser.add_argument("--data", type=Path, default=None, help="YAML folder (default: $EVIDENCE_DATA_DIR or data/)")
    parser.add_argument("--db", type=Path, default=None,
                        help="database file (default: $EVIDENCE_DB or data/evidence.duckdb)")
    args = parser.parse_args(argv)
    if args.command == "new":
        return _new(args.folder)
    data_dir, db_path = args.data or args.folder or settings.data_dir(), args.db or settings.db_path()
    _note_ignored(data_dir)
    if args.command == "check":
        sources, problems = check_folder(data_dir)
        for warning in sources.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        if problems:
            return _report(problems)
        print(f"{data_dir}: no problems found" + (f", {len(sources.warnings)} warning(s) to look at." if
                                                   sources.warnings else "."))
        _remind_placeholders(data_dir)
        return 0
    from .build import build  # duckdb and pandas: only the commands that write need them
    from .data_reference import render

    result = build(data_dir, db_path)
    if not result.ok:
        return _report(result.problems)
    if args.command == "docs":
        DOCS_FILE.parent.mkdir(exist_ok=True)
        DOCS_FILE.write_text(render(db_path), encoding="utf-8")
        FORMAT_FILE.write_text(format_reference(), encoding="utf-8")
        SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
        for path in (DOCS_FILE, FORMAT_FILE, SCHEMA_FILE):
            print(f"wrote {path.relative_to(settings.PROJECT_ROOT)}")
        return 0
    print(f"built {db_path} (source hash {data_version(result.source_hash)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
