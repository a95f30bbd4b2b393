"""A small declarative language for the shape of the YAML sources, and its checker."""

from __future__ import annotations

import difflib
import reprlib
from collections import defaultdict
from dataclasses import dataclass, field

from .loader import LineDict, LineList

NOT_CONFIRMED = "not confirmed"
NOT_SPECIFIED = "not specified"
INTEGER_MAX = 2**31 - 1  # the database's INTEGER columns
_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 60
_SHORT.maxlist = _SHORT.maxdict = 4
_SHORT.maxlevel = 2


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
    """Collects problems, declared ids and references while specs walk the sources."""

    problems: list[Problem] = field(default_factory=list)
    ids: dict[str, dict[str, Where]] = field(default_factory=lambda: defaultdict(dict))
    refs: list[tuple[str, str, Where, str]] = field(default_factory=list)

    def report(self, where: Where, message: str, fix: str) -> None:
        self.problems.append(Problem(where.file, where.line, f"{where.label}: {message}", fix))

    def declare(self, kind: str, value: str, where: Where) -> None:
        first = self.ids[kind].get(value)
        if first is not None:
            self.report(where, f"duplicate {kind} id '{value}' (first at {first.file}:{first.line})",
                        f"give this {kind} an id of its own")
        else:
            self.ids[kind][value] = where

    def resolve_refs(self) -> None:
        for kind, value, where, field_name in self.refs:
            known = self.ids.get(kind, {})
            if value not in known:
                self.report(where, f"{field_name} '{value}' is not a known {kind} (known: {_listing(known)})",
                            _suggest(value, known, f"use one of the known {kind} ids, or add {kind} '{value}'"))


def _listing(names) -> str:
    names = sorted(names)
    return ", ".join(names[:12]) + (", ..." if len(names) > 12 else "") if names else "none"


def _suggest(value: str, known, otherwise: str) -> str:
    close = difflib.get_close_matches(value, list(known), n=1)
    return f"did you mean '{close[0]}'?" if close else otherwise


def _type_name(value) -> str:
    return {dict: "a mapping", LineDict: "a mapping", list: "a list", LineList: "a list",
            str: "text", int: "a whole number", bool: "true/false", float: "a number",
            type(None): "empty"}.get(type(value), type(value).__name__)


class Spec:
    """The expected shape of one value."""

    expects = "a value"

    def check(self, value, where: Where, checker: Checker, name: str) -> None:
        raise NotImplementedError

    def mismatch(self, value, where: Where, checker: Checker, name: str) -> None:
        # reprlib, not repr: a value expanded through aliases could be enormous
        checker.report(where, f"{name} should be {self.expects}, found {_type_name(value)} {_SHORT.repr(value)}",
                       f"write {name} as {self.expects}")


@dataclass
class Text(Spec):
    """Non-empty text; `allow` lists sentinel values that are always accepted."""

    choices: tuple[str, ...] = ()

    @property
    def expects(self) -> str:
        return "one of: " + ", ".join(repr(c) for c in self.choices) if self.choices else "non-empty text"

    def check(self, value, where, checker, name):
        if not isinstance(value, str) or not value.strip():
            return self.mismatch(value, where, checker, name)
        if self.choices and value not in self.choices:
            checker.report(where, f"{name} '{value}' is not one of {', '.join(self.choices)}",
                           _suggest(value, self.choices, f"use one of: {', '.join(self.choices)}"))


@dataclass
class Int(Spec):
    """A whole number within bounds."""

    low: int = 0
    high: int = INTEGER_MAX

    @property
    def expects(self) -> str:
        high = f"{self.high:,}" if self.high >= 10_000 else str(self.high)  # 2,147,483,647 but 2100
        return f"a whole number from {self.low} to {high}"

    def check(self, value, where, checker, name):
        ok = isinstance(value, int) and not isinstance(value, bool)
        if not ok or value < self.low or value > self.high:
            self.mismatch(value, where, checker, name)


@dataclass
class Bool(Spec):
    """true or false."""

    expects = "true or false"

    def check(self, value, where, checker, name):
        if not isinstance(value, bool):
            self.mismatch(value, where, checker, name)


@dataclass
class Id(Spec):
    """An identifier that declares a new `kind` id: lowercase letters, digits and underscores."""

    kind: str
    expects = "an id of lowercase letters, digits and underscores"

    def check(self, value, where, checker, name):
        if not isinstance(value, str) or not value or not value.replace("_", "").isalnum() \
                or value != value.lower():
            return self.mismatch(value, where, checker, name)
        checker.declare(self.kind, value, where)


@dataclass
class Ref(Spec):
    """A reference to an id of `kind` declared anywhere in the sources."""

    kind: str

    @property
    def expects(self) -> str:
        return f"a {self.kind} id"

    def check(self, value, where, checker, name):
        if not isinstance(value, str) or not value:
            return self.mismatch(value, where, checker, name)
        checker.refs.append((self.kind, value, where, name))


@dataclass
class ListOf(Spec):
    """A list whose items all match `item`, with at least `min_items` of them."""

    item: Spec
    min_items: int = 0

    @property
    def expects(self) -> str:
        return f"a list of {self.item.expects}"

    def check(self, value, where, checker, name):
        if not isinstance(value, list):
            return self.mismatch(value, where, checker, name)
        if len(value) < self.min_items:
            checker.report(where, f"{name} needs at least {self.min_items} item(s), found {len(value)}",
                           f"add {self.item.expects} to {name}")
        for index, item in enumerate(value):
            line = value.line_of(index) if isinstance(value, LineList) else where.line
            self.item.check(item, where.at(line), checker, f"{name}[{index + 1}]")


@dataclass
class AnyOf(Spec):
    """A value matching the first of `options` whose shape fits."""

    options: tuple[Spec, ...]

    @property
    def expects(self) -> str:
        return " or ".join(option.expects for option in self.options)

    def check(self, value, where, checker, name):
        for option in self.options:
            trial = Checker()
            option.check(value, where, trial, name)
            if not trial.problems:
                return option.check(value, where, checker, name)
        self.mismatch(value, where, checker, name)


@dataclass
class Record(Spec):
    """A mapping with `required` and `optional` fields; unknown keys are reported."""

    noun: str
    required: dict[str, Spec]
    optional: dict[str, Spec] = field(default_factory=dict)
    docs: dict[str, str] = field(default_factory=dict)  # what a field means, for FORMAT.md and the JSON Schema

    @property
    def expects(self) -> str:
        return f"a {self.noun} (a mapping)"

    def check(self, value, where, checker, name):
        if not isinstance(value, dict):
            return self.mismatch(value, where, checker, name)
        line = value.line if isinstance(value, LineDict) else where.line
        ident = value.get("id")
        label = f"{self.noun} '{ident}'" if isinstance(ident, str) else self.noun
        here = where.at(line, label)
        fields = {**self.required, **self.optional}
        for key in value:
            if key not in fields:
                checker.report(here.at(_line(value, key)), f"unknown field '{key}'",
                               _suggest(str(key), fields, f"remove it; known fields: {', '.join(fields)}"))
        for key, spec in self.required.items():
            if key not in value:
                checker.report(here, f"missing field '{key}'", f"add '{key}:' with {spec.expects}")
        for key, spec in fields.items():
            if key in value:
                spec.check(value[key], here.at(_line(value, key)), checker, key)


def _line(mapping, key) -> int:
    return mapping.line_of(key) if isinstance(mapping, LineDict) else 0
