"""Check the sections against the published JSON Schema, then what a schema cannot say, each problem at the
file and line of the offending value with a fix in plain words.

The JSON Schema (json_schema.py, derived from the declaration in declaration.py) is what editors validate against
as the user types; `check` validates with the same schema through jsonschema, so the two cannot disagree.
The declaration then gives what no schema can: ids unique per kind, references that resolve, and
near-misses of the reserved values ('Not Confirmed', 'n/a') that a free-text field would otherwise take.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import jsonschema

from .declaration import SECTIONS
from .folder import Sources
from .json_schema import json_schema
from .language import NOT_CONFIRMED, NOT_SPECIFIED, AnyOf, Id, ListOf, Record, Ref, Spec, Text
from .problems import SHORT, Checker, Where, listing, suggest, type_name
from .yaml_file import LineDict, LineList


@dataclass(frozen=True)
class Step:
    """One level on the way from the sections to a value: the key that leads there, the value, its spec."""

    key: str | int
    value: object
    spec: Spec | None


def check_sections(sources: Sources, checker: Checker) -> None:
    """Shape (the JSON Schema), reserved values, ids and references (the declaration), all reported at once."""
    check_shape(sources, checker)
    check_reserved(sources, checker)
    check_free_text(sources, checker)
    # Ids declared in a file that could not be read are unknown: judging references now would bury the
    # one real problem (a YAML syntax error, say) under a cascade of "not a known id" reports.
    check_ids(sources, checker, resolve=not sources.unreadable)


# --- shape: jsonschema's errors, said in the declaration's words -------------------------------------------

@functools.cache
def validator() -> jsonschema.Draft202012Validator:
    """A validator for the schema docs/evidence.schema.json publishes (Draft 2020-12)."""
    # JSON Schema counts 877.0 as an integer; a page or a count written so would be stored as text "877.0".
    checker = jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda _, value: isinstance(value, int) and not isinstance(value, bool))
    strict = jsonschema.validators.extend(jsonschema.Draft202012Validator, type_checker=checker)
    return strict(json_schema())


def check_shape(sources: Sources, checker: Checker) -> None:
    """Validate the sections as one document against the JSON Schema; report each error once."""
    seen: set = set()
    for error in validator().iter_errors(dict(sources.sections)):
        for leaf in _leaves(error):
            _explain(leaf, sources, checker, seen)


# Keywords that judge a value on its own; any other error is about what a mapping or list holds.
SCALAR = {"type", "enum", "const", "pattern", "minLength", "maxLength", "minimum", "maximum", "format"}


def _leaves(error) -> Iterator:
    """The errors to report for one error: an `anyOf` whose value has the type of exactly one option, and
    breaks that option's rules inside (a list of authors with an empty name), is judged by that option;
    otherwise the anyOf itself, by everything it accepts."""
    if error.validator == "anyOf" and error.context:
        options: dict[int, list] = {}
        for sub in error.context:
            options.setdefault(sub.relative_schema_path[0], []).append(sub)
        here = list(error.absolute_path)
        fitting = [subs for subs in options.values()
                   if not any(sub.validator == "type" and list(sub.absolute_path) == here for sub in subs)]
        if len(fitting) == 1 and any(sub.validator not in SCALAR or list(sub.absolute_path) != here
                                     for sub in fitting[0]):
            for sub in fitting[0]:
                yield from _leaves(sub)
            return
    yield error


def _specs_on(schema_path) -> list:
    """The declared spec of each value on an error's path, read off the error's path through the schema
    (json_schema.py writes a Record's fields as `properties`, a list's item as `items`, options as `anyOf`)."""
    tokens, specs, spec, at = list(schema_path), [], None, 0
    while at < len(tokens):
        token, following = tokens[at], tokens[at + 1] if at + 1 < len(tokens) else None
        if token == "properties" and following is not None and (spec is None or isinstance(spec, Record)):
            spec = SECTIONS.get(following) if spec is None else spec.fields.get(following)
            specs.append(spec)
            at += 2
        elif token == "items" and isinstance(spec, ListOf):
            spec = spec.item
            specs.append(spec)
            at += 1
        elif token == "anyOf" and isinstance(spec, AnyOf) and isinstance(following, int):
            spec = specs[-1] = spec.options[following]
            at += 2
        elif token == "$ref":
            at += 1
        else:
            break
        if spec is None:
            break
    return specs


def _steps(error, sections: dict) -> list[Step]:
    path = list(error.absolute_path)
    specs = _specs_on(error.absolute_schema_path)
    specs += [None] * (len(path) - len(specs))
    steps, value = [], sections
    for key, spec in zip(path, specs, strict=False):
        value = value[key]
        steps.append(Step(key, value, spec))
    return steps


def _explain(error, sources: Sources, checker: Checker, seen: set) -> None:
    """Report one jsonschema error at the offending value's line, in words a person can act on."""
    steps = _steps(error, sources.sections)
    if not steps:  # the document itself: cannot happen while only declared sections are validated
        checker.report(Where(str(sources.folder), 1, "sources"), error.message, "correct the sources' top level")
        return
    where, name = _where(sources, steps)
    at = Found(error, steps[-1].spec, where, name, tuple(error.absolute_path), _pattern(steps))
    explain = EXPLAINERS.get(error.validator)
    if explain is None or not explain(at, checker, seen):
        _mismatch(at, checker, seen)


@dataclass(frozen=True)
class Found:
    """A jsonschema error with what the declaration says about its value, and where the value is."""

    error: object
    spec: Spec | None
    where: Where
    name: str
    path: tuple  # the value's own path: one report per value and kind
    field: tuple  # the path without list positions: one cause per field, wherever it repeats

    @property
    def value(self):
        return self.error.instance


def _missing_fields(at: Found, checker: Checker, seen: set) -> bool:
    fields = at.spec.fields if isinstance(at.spec, Record) else {}
    unknown = [str(key) for key in at.value if key not in fields]
    for key in [key for key in at.error.validator_value if key not in at.value]:
        if difflib.get_close_matches(key, unknown, n=1):
            continue  # a misspelt key: one cause, reported as the unknown field with its did-you-mean
        expects = fields[key].expects if key in fields else "its value"
        _once(checker, seen, (at.path, "required", key), (at.field, "required", key), at.where,
              f"missing field '{key}'" + _in(at.name), f"add '{key}:' with {expects}")
    return True


def _unknown_fields(at: Found, checker: Checker, seen: set) -> bool:
    known = list(at.error.schema.get("properties", {}))
    missing = [key for key in at.error.schema.get("required", []) if key not in at.value]
    for key in [key for key in at.value if key not in known]:
        line = at.value.line_of(key) if isinstance(at.value, LineDict) else at.where.line
        meant = difflib.get_close_matches(str(key), missing, n=1)
        also = f" (and the required '{meant[0]}' is missing)" if meant else ""
        _once(checker, seen, (at.path, "unknown", str(key)), (at.field, "unknown", str(key)), at.where.at(line),
              f"unknown field {SHORT.repr(str(key))}" + _in(at.name) + also,
              at.spec.hints.get(str(key)) if isinstance(at.spec, Record) and str(key) in at.spec.hints else
              suggest(str(key), known, f"remove it; known fields: {', '.join(known)}"))
    return True


def _too_few(at: Found, checker: Checker, seen: set) -> bool:
    if not isinstance(at.spec, ListOf):
        return False
    _once(checker, seen, (at.path, "few"), (at.field, "few"), at.where,
          f"{at.name} needs at least {at.spec.min_items} item(s), found {len(at.value)}",
          f"add {at.spec.item.expects} to {at.name}")
    return True


def _no_option_fits(at: Found, checker: Checker, seen: set) -> bool:
    """Text where a field takes a reserved value or another shape: a near-miss of the reserved value is
    named as one ('Not Confirmed' for a list of authors)."""
    meant = near_miss(at.value, _reserved_values(at.spec)) if isinstance(at.value, str) else []
    if meant:
        _reserved(checker, at.where, at.name, at.value, meant)
    return bool(meant)


def _not_a_choice(at: Found, checker: Checker, seen: set) -> bool:
    if not isinstance(at.value, str):
        return False
    choices = [str(choice) for choice in at.error.validator_value]
    close = [choice for choice in choices if choice.casefold() == at.value.casefold()]
    listed = ", ".join(choices)
    _once(checker, seen, (at.path, "value"), (at.field, "choice", at.value), at.where,
          f"{at.name} {SHORT.repr(at.value)} is not one of {listed}",
          f"did you mean '{close[0]}'?" if close else suggest(at.value, choices, f"use one of: {listed}"))
    return True


def _mismatch(at: Found, checker: Checker, seen: set) -> None:
    """The value is not what the field expects. One message per value (an empty text breaks two of the
    schema's rules), one cause per field and type found: 'page: "four"' in thirty quotes is one mistake."""
    expects = at.spec.expects if at.spec is not None else at.error.message
    fix = f"write {at.name} as {expects}"
    if isinstance(at.value, bool) and "true/false" not in expects:  # YAML's yes/no/on/off read as booleans
        fix += "; YAML reads an unquoted yes, no, on, off, true or false as true/false, so quote it: 'yes'"
    _once(checker, seen, (at.path, "value"), (at.field, "value", type_name(at.value)), at.where,
          f"{at.name} should be {expects}, found {_found(at.value)}", fix)


# Each returns False when the generic "should be ..." message says it better.
EXPLAINERS = {"required": _missing_fields, "additionalProperties": _unknown_fields, "minItems": _too_few,
              "anyOf": _no_option_fits, "enum": _not_a_choice}


def _once(checker: Checker, seen: set, place, cause, where: Where, message: str, fix: str) -> None:
    """Report a problem unless its place already has one; problems of one cause become one message."""
    if place not in seen:
        seen.add(place)
        checker.report(where, message, fix, cause=cause)


def _in(name: str) -> str:
    return f" in {name}" if name else ""


def _found(value) -> str:
    """A short description of a value, never the value whole (aliases can make it enormous)."""
    if isinstance(value, dict):
        keys = ", ".join(str(key)[:40] for key in list(value)[:4]) + (", ..." if len(value) > 4 else "")
        return f"a mapping ({keys})" if value else "an empty mapping"
    if isinstance(value, list):
        return f"a list of {len(value)} item(s)"
    if value is None:
        return "nothing (the key has no value)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()}, as YAML reads an unquoted yes/no)"
    return f"{type_name(value)} {SHORT.repr(value)}"


# --- where a value is, and what to call it -------------------------------------------------------------------

def _where(sources: Sources, steps: list[Step]) -> tuple[Where, str]:
    """The file, line and label of the value the steps lead to, and its name within the labelled record."""
    section = str(steps[0].key)
    label, names, by_id = section, [], False
    for depth, step in enumerate(steps):
        if depth:
            names.append(step.key)
        found = _identity(step, depth, steps[depth + 1:])
        if found is not None:
            own, is_id = found
            label = f"{label}, {own}" if by_id and not is_id else own
            names, by_id = [], is_id or by_id
    # A section's own value (a list with too few items, say) is called by the section's name.
    name = _name(names) or (section if label == section else "")
    return Where(sources.file_of(section), _line(sources, steps), label), name


def _identity(step: Step, depth: int, below: list[Step]) -> tuple[str, bool] | None:
    """What a record is called: by its id, or (a list item without one) by the first id it refers to, unless
    that reference is the very value being reported."""
    spec, value = step.spec, step.value
    if not isinstance(spec, Record) or not isinstance(value, dict):
        return None
    ident = value.get("id")
    if "id" in spec.fields and isinstance(ident, str) and ident:
        return f"{spec.noun} {SHORT.repr(ident)}", True
    if depth and isinstance(step.key, int):
        for key, inner in spec.fields.items():
            if isinstance(inner, Ref) and isinstance(value.get(key), str) and value[key] \
                    and [s.key for s in below] != [key]:
                return f"{spec.noun} for {inner.kind} {SHORT.repr(value[key])}", False
    return None


def _name(keys: list) -> str:
    text = ""
    for key in keys:
        if isinstance(key, int):
            text = f"{text}[{key + 1}]" if text else f"item {key + 1}"
        else:
            text = f"{text}.{key}" if text else str(key)
    return text


def _line(sources: Sources, steps: list[Step]) -> int:
    for depth in range(len(steps) - 1, 0, -1):
        parent = steps[depth - 1].value
        if isinstance(parent, (LineDict, LineList)):
            return parent.line_of(steps[depth].key)
    return sources.line_of(str(steps[0].key))


def _pattern(steps: list[Step]) -> tuple:
    """The path of a value with list positions left out: one field, wherever it repeats."""
    return tuple("*" if isinstance(step.key, int) else step.key for step in steps)


# --- what the declaration says beyond the schema -------------------------------------------------------------

def _declared(spec: Spec, route: tuple) -> Iterator[tuple[tuple, Spec]]:
    """(route, spec) for every spec of a declaration; a route is one (key, spec) per level, '*' for a list's
    items, each level's spec being the option taken where the declaration offers several."""
    yield route, spec
    if isinstance(spec, Record):
        for key, inner in spec.fields.items():
            yield from _declared(inner, (*route, (key, inner)))
    elif isinstance(spec, ListOf):
        yield from _declared(spec.item, (*route, ("*", spec.item)))
    elif isinstance(spec, AnyOf):
        for option in spec.options:
            yield from _declared(option, (*route[:-1], (route[-1][0], option)))


@functools.cache
def _routes() -> list[tuple[tuple, Spec]]:
    return [found for name, spec in SECTIONS.items() for found in _declared(spec, ((name, spec),))]


def _values(value, route: tuple, steps: tuple = ()) -> Iterator[list[Step]]:
    """The steps to every value the data holds at a route."""
    if not route:
        yield list(steps)
        return
    (key, spec), rest = route[0], route[1:]
    if key == "*":
        if isinstance(value, list):
            for index, item in enumerate(value):
                yield from _values(item, rest, (*steps, Step(index, item, spec)))
    elif isinstance(value, dict) and key in value:
        yield from _values(value[key], rest, (*steps, Step(key, value[key], spec)))


def _each(sources: Sources, kind: type) -> Iterator[tuple[Spec, list[Step]]]:
    for route, spec in _routes():
        if isinstance(spec, kind):
            for steps in _values(sources.sections, route):
                yield spec, steps


def check_ids(sources: Sources, checker: Checker, resolve: bool) -> None:
    """Each id is declared once per kind; every reference names a declared id (with a did-you-mean)."""
    declared: dict[str, dict[str, Where]] = {}
    for spec, steps in _each(sources, Id):
        value = steps[-1].value
        if isinstance(value, str) and value:
            where, _ = _where(sources, steps)
            first = declared.setdefault(spec.kind, {}).setdefault(value, where)
            if first is not where:
                checker.report(where, f"duplicate {spec.kind} id {SHORT.repr(value)} (first at {first.file}:"
                               f"{first.line})", f"give this {spec.kind} an id of its own",
                               cause=("duplicate", spec.kind, value))
    if not resolve:
        return
    for spec, steps in _each(sources, Ref):
        value, known = steps[-1].value, declared.get(spec.kind, {})
        if isinstance(value, str) and value and value not in known:
            where, name = _where(sources, steps)
            checker.report(where, f"{name} {SHORT.repr(value)} is not a known {spec.kind} (known: "
                           f"{listing(known)})", suggest(value, known, f"use one of the known {spec.kind} ids, "
                                                                         f"or add {spec.kind} '{value}'"),
                           cause=("unknown", spec.kind, value))


def check_reserved(sources: Sources, checker: Checker) -> None:
    """Free text where a field also takes reserved values ('not confirmed'): a variant spelling of one, or a
    placeholder such as 'n/a', is a likely mistake, not a real value."""
    for spec, steps in _each(sources, AnyOf):
        reserved, value = _reserved_values(spec), steps[-1].value
        # Only where free text is also accepted: elsewhere the schema refuses the value (check_shape).
        free = any(isinstance(option, Text) and not option.choices for option in spec.options)
        if reserved and free and isinstance(value, str) and value.strip() and value not in reserved:
            meant = near_miss(value, reserved)
            if meant:
                where, name = _where(sources, steps)
                _reserved(checker, where, name, value, meant)


def check_free_text(sources: Sources, checker: Checker) -> None:
    """Every free text: it must show something (not only spaces, zero-width or filler characters), and one that
    folds near 'not specified' or 'not confirmed', or is a stand-in ('TBA', 'n/a', '-', '?'), is refused with the
    exact reserved spelling, unless the field holds the source's own words as printed."""
    for spec, steps in _each(sources, Text):
        value = steps[-1].value
        if spec.choices or not isinstance(value, str) or not value.strip():
            continue  # an empty or blank text is the schema's to report
        if tuple("*" if isinstance(step.key, int) else step.key for step in steps) in _reserved_paths():
            continue  # check_reserved judges a field that takes reserved values
        if not visible(value):
            where, name = _where(sources, steps)
            codes = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(value))[:60]
            checker.report(where, f"{name} shows nothing: it holds only invisible or blank characters ({codes})",
                           "write the text, or leave the field out if it is optional",
                           cause=("invisible", value))
        elif not spec.verbatim and value not in RESERVED:
            meant = near_miss(value, list(RESERVED), STAND_INS)
            if meant:
                where, name = _where(sources, steps)
                _reserved(checker, where, name, value, meant if len(meant) == 1 else [NOT_SPECIFIED])


RESERVED = (NOT_SPECIFIED, NOT_CONFIRMED)


@functools.cache
def _reserved_paths() -> frozenset[tuple]:
    """The paths (keys, '*' for list items) of the fields that take reserved values beside free text."""
    return frozenset(tuple(key for key, _ in route) for route, spec in _routes()
                     if isinstance(spec, AnyOf) and _reserved_values(spec))
# Characters that draw nothing although Unicode does not call them spaces: Hangul and halfwidth fillers, the
# braille blank.
FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def visible(text: str) -> bool:
    """Whether a text draws at least one character: not only spaces, controls, format characters or fillers."""
    return any(unicodedata.category(c)[0] not in "ZC" and c not in FILLERS for c in text)


def _reserved_values(spec) -> list[str]:
    """A field's reserved values: the fixed texts it takes beside another kind of value ('not confirmed')."""
    if not isinstance(spec, AnyOf):
        return []
    return [choice for option in spec.options if isinstance(option, Text) for choice in option.choices]


def _reserved(checker: Checker, where: Where, name: str, value: str, meant: list[str]) -> None:
    exact = " or ".join(f"'{choice}'" for choice in meant)
    variant = any(_distance(_plain(value), _plain(choice)) <= 2 or _tagged(_plain(value), choice) for choice in meant)
    how = f"the reserved value {exact} spelt differently" if variant else \
        f"a placeholder, where this field takes the reserved value {exact}"
    checker.report(where, f"{name} {SHORT.repr(value)} looks like {how}; only the exact spelling is recognised",
                   f"write exactly {exact} (lower case, one space, nothing after) if that is what it means; "
                   "otherwise give the real value", cause=("reserved", value, tuple(meant)))


# Stand-ins people type for a value they do not have, compared after _plain.
PLACEHOLDERS = {"", "n a", "na", "none", "null", "nil", "unknown", "not known", "not available", "not applicable",
                "unavailable", "tbc", "tbd", "to be confirmed", "to be determined", "unconfirmed", "unspecified",
                "not stated", "not given", "not reported", "missing", "not confirmed", "not specified", "tba",
                "to be announced", "xxx", "todo", "placeholder"}


# In free text, "none" and "not applicable" can be real answers (no reporting standard was followed).
STAND_INS = PLACEHOLDERS - {"none", "not applicable"}


def near_miss(value: str, reserved: list[str], placeholders: frozenset | set = PLACEHOLDERS) -> list[str]:
    """The reserved values `value` likely stands for: a variant spelling or typo of one ('Not Confirmed',
    'not-confirmed', 'not specifed'), or a placeholder ('n/a', 'unknown'); empty when it is neither."""
    if value in reserved:
        return []
    plain = _plain(value)
    close = [choice for choice in reserved if _distance(plain, _plain(choice)) <= 2 or _tagged(plain, choice)]
    return close or (list(reserved) if plain in placeholders else [])


def _tagged(plain: str, choice: str) -> bool:
    """The reserved value with a word or two tagged on ('not confirmed yet', 'not specified as yet'); a real
    sentence that starts with it ('not confirmed by the publisher, who lists no volume') is not."""
    head = _plain(choice) + " "
    return plain.startswith(head) and len(plain[len(head):].split()) <= 2


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def _distance(a: str, b: str) -> int:
    """How many characters differ between two texts: the characters replaced, inserted or deleted in difflib's
    alignment of them (a typo, a missing letter, a swapped pair)."""
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in
               difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if tag != "equal")
