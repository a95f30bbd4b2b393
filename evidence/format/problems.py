"""The problems `check` reports: each at a file and line with a fix in plain words, those of one cause merged into
one message, and the helpers that word them (a value quoted short, a list of names, a did-you-mean)."""

from __future__ import annotations

import difflib
import reprlib
from dataclasses import dataclass, field

from .yaml_file import LineDict, LineList

SHORT = reprlib.Repr()  # a value as a problem quotes it: short, whatever its size
SHORT.maxstring = SHORT.maxother = 60
SHORT.maxlist = SHORT.maxdict = 4
SHORT.maxlevel = 2


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the sources: where, what, and how to fix it."""

    file: str
    line: int
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}\n    fix: {self.fix}"


@dataclass
class Where:
    """A position in the sources while checking: file, line and a readable label."""

    file: str
    line: int
    label: str

    def at(self, line: int, label: str | None = None) -> Where:
        return Where(self.file, line, label or self.label)


@dataclass
class Checker:
    """Collects problems; those reported with the same cause become one message naming every place."""

    problems: list[Problem] = field(default_factory=list)
    causes: dict[object, list[Problem]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)  # where judgement may differ: said, never stopping a build

    def report(self, where: Where, message: str, fix: str, cause=None) -> None:
        problem = Problem(where.file, where.line, f"{where.label}: {message}", fix)
        if cause is None:
            self.problems.append(problem)
        else:
            self.causes.setdefault(cause, []).append(problem)

    def warn(self, where: Where, message: str, fix: str) -> None:
        self.warnings.append(Problem(where.file, where.line, f"{where.label}: {message}", fix))

    def any(self) -> bool:
        return bool(self.problems or self.causes)

    def found(self) -> list[Problem]:
        """Every problem, one per cause, sorted by file and line."""
        return sorted(set(self.problems) | {_merged(group) for group in self.causes.values()})


MORE_LINES = 12  # places listed in a grouped message; a cause repeated thousands of times stays one line


def _merged(group: list[Problem]) -> Problem:
    """One message for a cause found at several places: the first place, then how many more and where."""
    first, *rest = sorted(group)
    if not rest:
        return first
    return Problem(first.file, first.line, f"{first.message}, and {len(rest)} more ({_places(first, rest)})",
                   first.fix)


def _places(first: Problem, rest: list[Problem]) -> str:
    by_file: dict[str, list[int]] = {}
    for problem in rest:
        lines = by_file.setdefault(problem.file, [])
        if problem.line not in lines:
            lines.append(problem.line)
    parts, room = [], MORE_LINES
    for file, lines in by_file.items():
        if room <= 0:
            parts.append("...")
            break
        shown = ", ".join(map(str, lines[:room])) + (", ..." if len(lines) > room else "")
        text = ("line " if len(lines) == 1 else "lines ") + shown
        parts.append(text if file == first.file else f"{file} {text}")
        room -= len(lines)
    return "; ".join(parts)


def listing(names) -> str:
    """Names for a problem's message, sorted: at most twelve, then "...", or "none"."""
    names = sorted(names)
    return ", ".join(names[:12]) + (", ..." if len(names) > 12 else "") if names else "none"


def suggest(value: str, known, otherwise: str) -> str:
    """A fix for an unknown value: the closest known one, or `otherwise`."""
    close = difflib.get_close_matches(value, list(known), n=1)
    return f"did you mean '{close[0]}'?" if close else otherwise


def type_name(value) -> str:
    """What a YAML value is, in a reader's words ("a mapping", "text")."""
    return {dict: "a mapping", LineDict: "a mapping", list: "a list", LineList: "a list",
            str: "text", int: "a whole number", bool: "true/false", float: "a number",
            type(None): "empty"}.get(type(value), type(value).__name__)
