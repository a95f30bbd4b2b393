"""Read the YAML files of a data folder into named sections, remembering each one's file."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .loader import LineDict, YamlError, load_yaml
from .schema import SECTIONS
from .spec import Problem, _suggest

SCHEMA_FILE = Path(__file__).with_name("schema.sql")
DERIVE_FILE = Path(__file__).with_name("search_index.sql")
SCHEMA_VERSION = 4


@dataclass
class Sources:
    """The sections found in a data folder, the file of each, and what was wrong reading them."""

    folder: Path
    files: list[Path]
    sections: dict[str, object] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # files that are not YAML mappings: their ids are unknown

    def file_of(self, section: str) -> str:
        return self.origin.get(section, "data")


def yaml_files(folder: Path) -> list[Path]:
    """The YAML source files of a data folder, in a stable order."""
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def source_hash(folder: Path) -> str:
    """SHA-256 over the schema version, the table layout and every YAML file's name and bytes."""
    digest = hashlib.sha256(f"schema {SCHEMA_VERSION}\n".encode())
    digest.update(SCHEMA_FILE.read_bytes())
    digest.update(DERIVE_FILE.read_bytes())
    for path in yaml_files(folder):
        digest.update(f"\n--- {path.name}\n".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def display_name(path: Path) -> str:
    """A path as it should appear in messages: relative to the working folder when it can be."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
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
    for name in SECTIONS:
        if name not in sources.sections and not unreadable:
            sources.problems.append(Problem(display_name(folder), 0, f"no file defines the section '{name}'",
                                            f"add a top-level '{name}:' key to one of the YAML files"))
    return sources


def _place(sources: Sources, path: Path) -> None:
    shown = display_name(path)
    try:
        content = load_yaml(path)
    except YamlError as exc:
        sources.unreadable.append(shown)
        sources.problems.append(Problem(shown, exc.line, f"not valid YAML: {exc.problem}",
                                        "correct the YAML syntax at that line (indentation, a missing "
                                        "colon, or an unclosed quote are the usual causes)"))
        return
    if content is None:
        return
    if not isinstance(content, LineDict):
        sources.unreadable.append(shown)
        sources.problems.append(Problem(shown, 1, "the file's top level should be a mapping of sections",
                                        f"start the file with a section key such as '{next(iter(SECTIONS))}:'"))
        return
    for key, value in content.items():
        line = content.line_of(key)
        if key not in SECTIONS:
            sources.problems.append(Problem(shown, line, f"unknown section '{key}'",
                                            _suggest(str(key), SECTIONS, f"use one of: {', '.join(SECTIONS)}")))
        elif key in sources.sections:
            sources.problems.append(Problem(shown, line, f"section '{key}' is already defined in "
                                            f"{sources.origin[key]}", "keep one definition of each section"))
        else:
            sources.sections[key] = value
            sources.origin[key] = shown
