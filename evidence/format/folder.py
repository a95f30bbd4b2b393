"""Read the YAML files of a data folder into named sections, remembering each one's file."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .declaration import LAYOUT, OPTIONAL, SCHEMA_VERSION, SECTIONS
from .problems import SHORT, Problem, suggest
from .yaml_file import MAX_FILE_BYTES, LineDict, YamlError, load_yaml


@dataclass
class Sources:
    """The sections found in a data folder, the file of each, and what was wrong reading them."""

    folder: Path
    files: list[Path]
    sections: dict[str, object] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # the line of each section's key in its file
    problems: list[Problem] = field(default_factory=list)
    # Files that could not be read as YAML mappings, and sections no file defines: their ids are unknown.
    unreadable: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # found by check_folder; they never stop a build

    def file_of(self, section: str) -> str:
        return self.origin.get(section, "data")

    def line_of(self, section: str) -> int:
        return self.lines.get(section, 1)


def yaml_files(folder: Path) -> list[Path]:
    """Every entry of a data folder named *.yaml or *.yml, in a stable order (regular files or not), except what
    editors and operating systems leave beside a file (see `left_beside`)."""
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and not left_beside(p))


def left_beside(path: Path) -> bool:
    """An editor's lock or backup, or macOS's resource fork, named like a source: .#quotes.yaml (Emacs),
    ._quotes.yaml (macOS), quotes.yaml~ and #quotes.yaml# (editors' backups)."""
    name = path.name
    return name.startswith((".#", "._", "#")) or name.endswith("~")


def ignored_files(folder: Path) -> list[Path]:
    """The files named like sources that `yaml_files` leaves out, for a note."""
    return sorted(p for p in folder.iterdir() if left_beside(p) and (".yaml" in p.name or ".yml" in p.name))


def not_a_file(path: Path) -> str | None:
    """Why `path` cannot be read as a source file (a dangling link, a folder, a pipe...), or None."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if path.is_symlink():
            target = os.readlink(path)
            if not os.path.lexists(path.parent / target):
                return f"is a symbolic link to '{target}', which does not exist"
            return f"is a symbolic link that cannot be followed ({exc.strerror})"
        return f"cannot be examined ({exc.strerror})"
    if stat.S_ISREG(mode):
        return None
    kind = "a folder" if stat.S_ISDIR(mode) else "a named pipe" if stat.S_ISFIFO(mode) else \
        "a socket" if stat.S_ISSOCK(mode) else "a device"
    return f"is {kind}, not a regular file"


def source_hash(folder: Path) -> str:
    """SHA-256 over the schema version, the table layout and every YAML file's name and bytes."""
    digest = hashlib.sha256(f"schema {SCHEMA_VERSION}\n".encode())
    digest.update(LAYOUT.encode())
    for path in yaml_files(folder):
        digest.update(f"\n--- {path.name}\n".encode())
        try:
            size = path.stat().st_size if not_a_file(path) is None else -1
            if size < 0:
                digest.update(b"(not a regular file)")
            elif size > MAX_FILE_BYTES:  # refused by its size: never read (a sparse file can claim a gigabyte)
                digest.update(f"(over the limit: {size} bytes, {path.stat().st_mtime_ns})".encode())
            else:
                digest.update(path.read_bytes())
        except OSError as exc:  # unreadable: the check reports it; the hash only needs to differ
            digest.update(f"(unreadable: {exc.strerror})".encode())
    return digest.hexdigest()


def display_name(path: Path) -> str:
    """A path as it should appear in messages: relative to the working folder when it can be."""
    try:
        return str(Path(os.path.abspath(path)).relative_to(Path.cwd().resolve()))  # abspath: links may loop
    except ValueError:
        return str(path)


def read_sources(folder: Path) -> Sources:
    """Load every YAML file in `folder`, placing each top-level key as a section."""
    if not folder.is_dir():
        sources = Sources(folder, [])
        sources.problems.append(Problem(str(folder), 0, f"data folder '{folder}' does not exist",
                                        "point EVIDENCE_DATA_DIR at the folder holding the YAML sources"))
        return sources
    sources = Sources(folder, yaml_files(folder))
    for path in sources.files:
        _place(sources, path)
    # A file that failed to parse may hold the missing sections: do not report them twice.
    unreadable = bool(sources.problems)
    missing = [name for name in SECTIONS if name not in sources.sections and name not in OPTIONAL]
    sources.unreadable += [f"section {name}" for name in missing]
    if unreadable or not missing:
        return sources
    if not sources.files:  # one cause, however many sections it leaves out
        sources.problems.append(Problem(display_name(folder), 0, "the data folder holds no .yaml or .yml file",
                                        "run python -m evidence new DIR to start a synthesis, or point "
                                        "EVIDENCE_DATA_DIR at the folder holding the YAML sources"))
        return sources
    sources.problems += [_missing_section(sources, name) for name in missing]
    return sources


def _missing_section(sources: Sources, name: str) -> Problem:
    """A section no file defines, reported where a reader would add it: the file named for it, else beside
    the section declared next to it."""
    named = [p for p in (sources.folder / f"{name}.yaml", sources.folder / f"{name}.yml") if p.is_file()]
    holding = f" holding {SECTIONS[name].expects} (docs/FORMAT.md has an example)"
    if named:
        return Problem(display_name(named[0]), 1, f"no file defines the section '{name}', and this file is "
                       "named for it", f"add a top-level '{name}:' key{holding} to this file")
    order = list(SECTIONS)
    at = order.index(name)
    before = [s for s in reversed(order[:at]) if s in sources.sections]
    after = [s for s in order[at + 1:] if s in sources.sections]
    if not before + after:  # files, but not one section in them (a file holding only {}, say)
        return Problem(display_name(sources.files[0]), 1, f"no file defines the section '{name}'",
                       f"add a top-level '{name}:' key{holding} to this file or another YAML file of the folder")
    neighbour = (before or after)[0]
    side = "after" if before else "before"
    return Problem(sources.file_of(neighbour), sources.line_of(neighbour),
                   f"no file defines the section '{name}' (in the format it comes {side} '{neighbour}', defined here)",
                   f"add a top-level '{name}:' key{holding}: in this file {side} '{neighbour}:', or in a file of "
                   f"its own such as {name}.yaml")


def _refuse(sources: Sources, shown: str, line: int, message: str, fix: str) -> None:
    sources.unreadable.append(shown)
    sources.problems.append(Problem(shown, line, message, fix))


def _place(sources: Sources, path: Path) -> None:
    shown = display_name(path)
    why_not = not_a_file(path)
    if why_not:
        return _refuse(sources, shown, 1, f"the source {why_not}",
                       "replace it with a YAML file, or rename it so its name does not end in .yaml or .yml")
    try:
        content = load_yaml(path)
    except OSError as exc:
        return _refuse(sources, shown, 1, f"the file cannot be read ({exc.strerror})",
                       "let the app's user read it (for example chmod a+r on the file)")
    except YamlError as exc:
        return _refuse(sources, shown, exc.line, f"not valid YAML: {exc.problem}", _fix_for(exc.problem))
    if content is None:
        return _refuse(sources, shown, 1, "the file is empty or holds only comments",
                       f"add its section (a top-level key such as '{next(iter(SECTIONS))}:'), or delete the file")
    if not isinstance(content, LineDict):
        return _refuse(sources, shown, 1, "the file's top level should be a mapping of sections",
                       f"start the file with a section key such as '{next(iter(SECTIONS))}:'")
    for key, value in content.items():
        line = content.line_of(key)
        if key not in SECTIONS:
            sources.problems.append(Problem(shown, line, f"unknown section {SHORT.repr(str(key))}",
                                            suggest(str(key), SECTIONS, f"use one of: {', '.join(SECTIONS)}")))
        elif key in sources.sections:
            sources.problems.append(Problem(shown, line, f"section '{key}' is already defined in "
                                            f"{sources.origin[key]}", "keep one definition of each section"))
        elif value is None:
            _refuse(sources, shown, line, f"the section '{key}' is empty",
                    f"add its entries under '{key}:', or remove the key and define the section elsewhere")
        else:
            sources.sections[key] = value
            sources.origin[key] = shown
            sources.lines[key] = line


def _fix_for(problem: str) -> str:
    """The fix for a YAML error, by its kind."""
    for marker, fix in FIXES:
        if marker in problem:
            return fix
    return ("correct the YAML syntax at that line (indentation, a missing colon, or an unclosed quote are the "
            "usual causes)")


FIXES = (
    ("read differently by YAML versions", "write a whole number in plain digits with no leading zero (512), a "
                                          "decimal with a point (8.5), or put the value in quotes if it is text "
                                          "('0512', '8:32')"),
    ("appears twice", "keep one of the two keys: delete or rename the other"),
    ("invisible character", "delete the character (retype the text around it if it was pasted in)"),
    ("not UTF-8", "save the file as UTF-8 (most editors offer it under 'Save with encoding')"),
    ("over the limit", "split the value or the file; a source this large is almost certainly a mistake"),
    ("levels deep", "flatten the structure: the sources need only a few levels of nesting"),
    ("too deeply", "flatten the structure: the sources need only a few levels of nesting"),
    ("expands to more than", "write the values out instead of repeating anchors (&name) through aliases (*name)"),
)
