"""Command line for bringing a synthesis in and out:

    python -m evidence template FILE.xlsx
    python -m evidence import sheet FILE.xlsx|FILE.csv DIR
    python -m evidence import qdpx FILE.qdpx DIR [--theme-level N] [--subtheme-level N] [--studies cases|documents]
    python -m evidence export qdpx DIR FILE.qdpx
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .folder_writer import write_synthesis
from .synthesis import ImportProblem

COMMANDS = ("template", "import", "export")


def _report(problems: list[ImportProblem], wrote: str = "nothing was written") -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} problem(s) found; {wrote}.", file=sys.stderr)
    return 1


def _imported(synthesis, problems, folder: Path) -> int:
    if synthesis is None:
        return _report(problems)
    for note in synthesis.notes:
        print(f"note: {note}", file=sys.stderr)
    problems = write_synthesis(synthesis, folder)
    if problems:
        return _report(problems)
    print(f"wrote {folder}: {len(synthesis.studies)} studies, {len(synthesis.themes)} themes, "
          f"{sum(len(t.subthemes) for t in synthesis.themes)} subthemes, {len(synthesis.quotes)} quotes, "
          f"{len(synthesis.findings)} findings.\nNext: python -m evidence check {folder} lists each value marked "
          f"REPLACE: for you to fill in (docs/IMPORT.md).")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m evidence", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    template = commands.add_parser("template", help="write the extraction workbook to fill in")
    template.add_argument("file", type=Path)
    importing = commands.add_parser("import", help="write a synthesis folder from a spreadsheet or a .qdpx")
    importing.add_argument("kind", choices=["sheet", "qdpx"])
    importing.add_argument("file", type=Path)
    importing.add_argument("folder", type=Path)
    importing.add_argument("--theme-level", type=int, default=1,
                           help="qdpx: the level of the code tree that holds the themes (1 = top level)")
    importing.add_argument("--subtheme-level", type=int, default=None,
                           help="qdpx: the level that holds the subthemes (default: the one below the themes)")
    importing.add_argument("--studies", choices=["cases", "documents"], default=None,
                           help="qdpx: what a study is (default: cases where the project has them, else documents)")
    exporting = commands.add_parser("export", help="write a synthesis folder as a REFI-QDA project")
    exporting.add_argument("kind", choices=["qdpx"])
    exporting.add_argument("folder", type=Path)
    exporting.add_argument("file", type=Path)
    args = parser.parse_args(argv)

    if args.command == "template":
        from .template import write_template

        if args.file.suffix.lower() != ".xlsx":
            print(f"{args.file}: the template is an Excel workbook; name it .xlsx", file=sys.stderr)
            return 2
        if args.file.exists():
            print(f"{args.file} exists; nothing was written (choose a new name)", file=sys.stderr)
            return 1
        write_template(args.file)
        print(f"wrote {args.file}: fill it in, then run python -m evidence import sheet {args.file} FOLDER")
        return 0
    if args.command == "import":
        if not args.file.is_file():
            print(f"{args.file}: no such file", file=sys.stderr)
            return 2
        if args.kind == "sheet":
            from .sheet import read_sheet

            return _imported(*read_sheet(args.file), args.folder)
        from .qdpx import read_qdpx

        subtheme_level = args.subtheme_level or args.theme_level + 1
        return _imported(*read_qdpx(args.file, args.theme_level, subtheme_level, args.studies), args.folder)
    from .qdpx import write_qdpx

    problems = write_qdpx(args.folder, args.file)
    if problems:
        return _report(problems)
    print(f"wrote {args.file}")
    return 0
