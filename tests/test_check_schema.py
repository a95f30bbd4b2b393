"""`check` validates with the published JSON Schema and reports one message per cause, on both reviews.

Damage is done through the declaration (evidence/format/declaration.py) rather than by editing known lines, so the
tests follow the format as it grows: every field, whatever it is called, is damaged and must be found.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from evidence.format.declaration import OPTIONAL, SECTIONS
from evidence.format.language import AnyOf, ListOf, Record, Ref, Text
from evidence.format.problems import Checker, Problem, Where
from evidence.format.rules import check_folder
from evidence.format.structure import validator
from evidence.format.yaml_file import LineDict, LineList, load_yaml
from tests.conftest import REVIEWS, ROOT

WRONG = {"wrong": "shape"}  # a mapping: the wrong shape for every field that is not itself a record


@pytest.fixture(params=list(REVIEWS))
def review_copy(request, tmp_path) -> Path:
    """A scratch copy of each review's YAML in turn (the bundled one, then the synthetic fixture)."""
    target = tmp_path / request.param
    target.mkdir()
    for path in REVIEWS[request.param].glob("*.yaml"):
        shutil.copy(path, target / path.name)
    return target


def plain(value):
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def file_of(folder: Path, section: str) -> Path:
    """The file defining a section: the one named for it when there is one, else the first holding it."""
    named = folder / f"{section}.yaml"
    if named.is_file() and section in (load_yaml(named) or {}):
        return named
    return next(path for path in sorted(folder.glob("*.yaml")) if section in (load_yaml(path) or {}))


def rewrite(folder: Path, section: str, change) -> Path:
    """Apply `change` to a section's plain data and write its file back as YAML."""
    path = file_of(folder, section)
    document = plain(load_yaml(path))
    change(document[section])
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def line_at(path: Path, section: str, keys: tuple, loaded: dict | None = None) -> int:
    """The line of the value at `keys` inside a section, as the file now reads (or as `loaded` holds it)."""
    node = (loaded or {}).get(path) or load_yaml(path)
    line = node.line_of(section)
    for key in (section, *keys):
        line = node.line_of(key) if isinstance(node, (LineDict, LineList)) else line
        node = node[key]
    return line


def leaves(spec, keys=()):
    """(keys, spec) for every field that holds a single value (not a record, not a list), '*' for list items."""
    if isinstance(spec, Record):
        for key, inner in {**spec.required, **spec.optional}.items():
            yield from leaves(inner, (*keys, key))
    elif isinstance(spec, ListOf):
        yield from leaves(spec.item, (*keys, "*"))
    else:
        yield keys, spec


def first_present(data, keys: tuple, holds=lambda value: True) -> tuple | None:
    """The concrete path (list positions filled in) of the first value the data holds at `keys` (that `holds`)."""
    if not keys:
        return () if holds(data) else None
    key, rest = keys[0], keys[1:]
    if key == "*":
        candidates = range(len(data)) if isinstance(data, list) else []
    else:
        candidates = [key] if isinstance(data, dict) and key in data else []
    for candidate in candidates:
        found = first_present(data[candidate], rest, holds)
        if found is not None:
            return (candidate, *found)
    return None


def set_at(data, path: tuple, value) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def at(problems: list[Problem], path: Path, line: int, *fragments: str) -> list[Problem]:
    return [p for p in problems if Path(p.file).resolve() == path.resolve() and p.line == line
            and all(fragment in p.message for fragment in fragments)]


def describe(problems) -> str:
    return "\n".join(map(str, problems))


# --- 1. the published schema is the validator ------------------------------------------------------------------

def test_check_validates_with_the_schema_editors_are_given():
    published = json.loads((ROOT / "docs" / "evidence.schema.json").read_text(encoding="utf-8"))
    assert validator().schema == published
    assert validator().META_SCHEMA["$id"].startswith("https://json-schema.org/draft/2020-12/")


def test_every_field_holding_the_wrong_shape_is_named_at_its_line(review_copy):
    """Every single-value field of the declaration that the data holds gets a mapping instead; each is reported
    at its own line, with what the field expects and a fix, and the published schema refuses each too."""
    damaged: list[tuple[str, tuple, object]] = []
    held = [s for s in SECTIONS if any(s in (load_yaml(p) or {}) for p in review_copy.glob("*.yaml"))]
    for section, spec in [(s, SECTIONS[s]) for s in held]:  # an optional section a review leaves out: nothing to damage
        def damage(data, spec=spec, section=section):
            for keys, leaf in leaves(spec):
                path = first_present(data, keys)
                if path:
                    set_at(data, path, dict(WRONG))  # a copy each: one object written twice becomes an alias
                    damaged.append((section, path, leaf))
        rewrite(review_copy, section, damage)
    assert len(damaged) > 40, "the reviews should exercise most of the declaration"
    _, problems = check_folder(review_copy)
    files = {section: file_of(review_copy, section) for section in held}
    loaded = {path: load_yaml(path) for path in set(files.values())}
    for section, path, leaf in damaged:
        file = files[section]
        found = at(problems, file, line_at(file, section, path, loaded), "should be", leaf.expects,
                   "a mapping (wrong)")
        assert len(found) == 1, f"{section}{list(path)} ({leaf.expects}) not reported once:\n{describe(problems)}"
        assert found[0].fix.startswith("write ") and leaf.expects in found[0].fix
    for section in held:
        document = plain(loaded[files[section]])
        assert list(validator().iter_errors(document)), f"the published schema accepts the damaged {section}"


def test_a_section_left_without_items_is_named(review_copy):
    section, spec = next((name, spec) for name, spec in SECTIONS.items()
                         if isinstance(spec, ListOf) and spec.min_items)
    path = rewrite(review_copy, section, lambda items: items.clear())
    _, problems = check_folder(review_copy)
    found = at(problems, path, line_at(path, section, ()), f"{section}: {section} needs at least {spec.min_items}")
    assert len(found) == 1 and found[0].fix == f"add {spec.item.expects} to {section}", describe(problems)


def test_an_id_with_a_trailing_line_break_is_refused(review_copy):
    """Python's $ matches before a final newline; the schema's id pattern must not let one by."""
    section, keys = next((name, keys) for name, spec in SECTIONS.items() for keys, leaf in leaves(spec)
                         if type(leaf).__name__ == "Id")
    data = plain(load_yaml(file_of(review_copy, section)))[section]
    path = first_present(data, keys)
    assert path, f"the review holds no {section} id"
    file = rewrite(review_copy, section, lambda d: set_at(d, path, "fine_id\n"))
    _, problems = check_folder(review_copy)
    assert at(problems, file, line_at(file, section, path), "should be an id of lowercase letters"), \
        describe(problems)


def test_a_misspelt_required_field_is_one_message_with_its_correction(review_copy):
    section, item = next((name, spec.item) for name, spec in SECTIONS.items()
                         if isinstance(spec, ListOf) and isinstance(spec.item, Record))
    key = next(k for k in item.required if k != "id" and len(k) > 3)
    typo = key[0] + key[2] + key[1] + key[3:]

    def misspell(items):
        items[0] = {(typo if k == key else k): v for k, v in items[0].items()}
    path = rewrite(review_copy, section, misspell)
    _, problems = check_folder(review_copy)
    assert [p.message.split(": ", 1)[1] for p in problems] == \
        [f"unknown field '{typo}' (and the required '{key}' is missing)"], describe(problems)
    assert problems[0].line == line_at(path, section, (0, typo))
    assert problems[0].fix == f"did you mean '{key}'?"


def test_a_list_in_a_field_that_takes_other_shapes_is_judged_item_by_item(review_copy):
    """A list of names where 'not confirmed' is also allowed: a bad name is reported as that item, not as the
    whole field being neither."""
    fields = [(section, keys) for section, spec in SECTIONS.items() for keys, leaf in leaves(spec)
              if isinstance(leaf, AnyOf) and any(isinstance(option, ListOf) for option in leaf.options)]
    section, keys, path = next((section, keys, path) for section, keys in fields if (path := first_present(
        plain(load_yaml(file_of(review_copy, section)))[section], keys, lambda value: isinstance(value, list))))
    file = rewrite(review_copy, section, lambda data: set_at(data, (*path, 0), dict(WRONG)))
    _, problems = check_folder(review_copy)
    assert len(problems) == 1, describe(problems)
    assert at(problems, file, line_at(file, section, (*path, 0)), f"{keys[-1]}[1] should be", "a mapping (wrong)"), \
        describe(problems)


# --- 2. one message per cause --------------------------------------------------------------------------------

def list_section_with(kind) -> tuple[str, str]:
    """The first section that is a list of records with a required field of `kind`, and that field."""
    for name, spec in SECTIONS.items():
        if isinstance(spec, ListOf) and isinstance(spec.item, Record):
            for key, field in spec.item.required.items():
                if type(field) is kind and not getattr(field, "choices", ()):
                    return name, key
    raise AssertionError(f"no list section has a required {kind.__name__} field")


def grouped(problems, path, lines, *fragments) -> Problem:
    """The one message for a cause found at `lines`: at the first, naming how many more and (some of) where."""
    assert len(problems) == 1, f"one message per cause, got {len(problems)}:\n{describe(problems)}"
    problem = problems[0]
    assert Path(problem.file).resolve() == path.resolve() and problem.line == lines[0]
    assert all(fragment in problem.message for fragment in fragments), problem
    rest = sorted(set(lines[1:]))
    listed = ", ".join(map(str, rest[:12])) + (", ..." if len(rest) > 12 else "")
    word = "line" if len(rest) == 1 else "lines"
    assert problem.message.endswith(f", and {len(lines) - 1} more ({word} {listed})"), problem
    return problem


def test_one_unknown_id_used_everywhere_is_one_message(review_copy):
    section, key = list_section_with(Ref)

    def point_nowhere(items):
        for item in items:
            item[key] = "nowhere_at_all"
    path = rewrite(review_copy, section, point_nowhere)
    count = len(plain(load_yaml(path))[section])
    assert count >= 3
    _, problems = check_folder(review_copy)
    lines = [line_at(path, section, (index, key)) for index in range(count)]
    grouped(problems, path, lines, f"{key} 'nowhere_at_all' is not a known")


def test_one_wrong_value_type_repeated_is_one_message(review_copy):
    section, key = list_section_with(Text)

    def as_numbers(items):
        for item in items:
            item[key] = 42
    path = rewrite(review_copy, section, as_numbers)
    count = len(plain(load_yaml(path))[section])
    _, problems = check_folder(review_copy)
    lines = [line_at(path, section, (index, key)) for index in range(count)]
    assert grouped(problems, path, lines, f"{key} should be non-empty text, found a whole number 42").fix == \
        f"write {key} as non-empty text"


def test_an_empty_text_is_one_message_though_it_breaks_two_rules_of_the_schema(review_copy):
    section, key = list_section_with(Text)
    path = rewrite(review_copy, section, lambda items: set_at(items, (0, key), ""))
    _, problems = check_folder(review_copy)
    assert [(p.line, p.message.split(": ", 1)[1]) for p in problems] == \
        [(line_at(path, section, (0, key)), f"{key} should be non-empty text, found text ''")], describe(problems)


def test_a_rule_broken_the_same_way_by_every_quote_is_one_message(review_copy):
    """Cross-section rules group too: quotes linked to no subtheme, however many, are one message."""
    def unlink(quotes):
        for quote in quotes:
            quote.pop("subthemes", None)
            quote.get("coding", {}).pop("subthemes", None)
    path = rewrite(review_copy, "quotes", unlink)
    count = len(plain(load_yaml(path))["quotes"])
    _, problems = check_folder(review_copy)
    grouped(problems, path, [line_at(path, "quotes", (index,)) for index in range(count)], "is linked to no subtheme")


def test_a_missing_section_is_reported_where_sections_are_defined(review_copy):
    """A file holding one section is deleted: the section is reported once, at a real line of a real file
    where another section is defined, and nothing else is reported."""
    alone = [path for path in sorted(review_copy.glob("*.yaml"))
             if len(load_yaml(path)) == 1 and next(iter(load_yaml(path))) not in OPTIONAL]
    victim = alone[-1]
    section = next(iter(load_yaml(victim)))
    victim.unlink()
    _, problems = check_folder(review_copy)
    assert len(problems) == 1, describe(problems)
    problem = problems[0]
    assert f"no file defines the section '{section}'" in problem.message and f"'{section}:'" in problem.fix
    where = Path(problem.file)
    assert where.is_file() and problem.line >= 1
    assert where.read_text(encoding="utf-8").splitlines()[problem.line - 1].split(":")[0] in SECTIONS


def test_an_empty_folder_is_one_message(tmp_path):
    _, problems = check_folder(tmp_path)
    assert len(problems) == 1 and "no .yaml or .yml file" in problems[0].message, describe(problems)
    assert "python -m evidence new" in problems[0].fix


def test_a_cause_at_many_places_lists_them_briefly():
    checker = Checker()
    for line in range(40, 10, -1):
        checker.report(Where("a.yaml", line, "quote 'q'"), "cites 'x'", "fix it", cause="x")
    checker.report(Where("b.yaml", 7, "theme 't'"), "cites 'x'", "fix it", cause="x")
    checker.report(Where("a.yaml", 5, "quote 'p'"), "cites 'y'", "fix it", cause="y")
    checker.report(Where("a.yaml", 9, "quote 'r'"), "has no page", "add one")
    found = checker.found()
    assert [(p.file, p.line) for p in found] == [("a.yaml", 5), ("a.yaml", 9), ("a.yaml", 11)]
    assert found[0].message == "quote 'p': cites 'y'"
    assert found[2].message == "quote 'q': cites 'x', and 30 more (lines 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, " \
                               "22, 23, ...; ...)"
    assert found[2].fix == "fix it"


def test_the_other_files_of_a_cause_are_named():
    checker = Checker()
    for file, line in [("a.yaml", 3), ("a.yaml", 8), ("b.yaml", 2), ("b.yaml", 4)]:
        checker.report(Where(file, line, "x"), "same", "fix", cause=1)
    assert checker.found()[0].message == "x: same, and 3 more (line 8; b.yaml lines 2, 4)"


def test_a_list_item_written_as_an_alias_is_reported_where_the_alias_stands(review_copy):
    shared = dict(WRONG)  # one object twice: YAML writes it once with an anchor (&), then as an alias (*)

    def share(quality):
        quality["ratings"][-1]["ratings"][1] = quality["ratings"][-1]["ratings"][2] = shared
    path = rewrite(review_copy, "quality", share)
    text = path.read_text(encoding="utf-8").splitlines()
    anchor, alias = (next(n for n, line in enumerate(text, 1) if mark in line) for mark in ("- &", "- *"))
    _, problems = check_folder(review_copy)
    assert at(problems, path, anchor, f"and 1 more (line {alias})"), describe(problems)


# --- 3. near-misses of the reserved values ---------------------------------------------------------------------

def reserved_fields():
    """(section, keys, reserved value, whether free text is also taken) for every field with reserved values."""
    for section, spec in SECTIONS.items():
        for keys, leaf in leaves(spec):
            if isinstance(leaf, AnyOf):
                free = any(isinstance(o, Text) and not o.choices for o in leaf.options)
                for option in leaf.options:
                    for choice in getattr(option, "choices", ()):
                        yield section, keys, choice, free


VARIANTS = {
    "hyphenated": lambda r: r.replace(" ", "-"),
    "title case": str.title,
    "shouted": str.upper,
    "full stop": lambda r: r + ".",
    "a letter dropped": lambda r: r[:-3] + r[-2:],  # not specified -> not specifed
    "n/a": lambda r: "n/a",
    "N/A": lambda r: "N/A",
    "unknown": lambda r: "Unknown",
    "a dash": lambda r: "-",
}


@pytest.mark.parametrize("variant", VARIANTS)
def test_near_misses_of_a_reserved_value_are_reported_as_such(review_copy, variant):
    """The first value of each field kind taking a reserved value (free text or not) becomes a near-miss."""
    cases, data = {}, {}
    for section, keys, reserved, free in reserved_fields():
        if section not in data:
            data[section] = plain(load_yaml(file_of(review_copy, section)))[section]
        path = first_present(data[section], keys)
        if path is not None:
            cases.setdefault((reserved, free), (section, path))
    assert cases, "the review has no field that takes a reserved value"
    original = {path: path.read_bytes() for path in review_copy.glob("*.yaml")}
    for (reserved, _), (section, path) in cases.items():
        typo = VARIANTS[variant](reserved)
        file = rewrite(review_copy, section, lambda data, p=path, t=typo: set_at(data, p, t))
        _, problems = check_folder(review_copy)
        assert len(problems) == 1, describe(problems)
        found = at(problems, file, line_at(file, section, path), repr(typo), f"reserved value '{reserved}'")
        assert found, f"{typo!r} for {reserved!r} at {section}{list(path)}:\n{describe(problems)}"
        assert f"write exactly '{reserved}'" in found[0].fix and "more (" not in found[0].message
        for name, content in original.items():
            name.write_bytes(content)


def test_a_reserved_value_spelt_exactly_and_real_values_near_it_are_accepted(review_copy):
    reserved = {choice for *_, choice, _ in reserved_fields()}
    section, keys, choice, _ = next(field for field in reserved_fields() if field[3])
    path = first_present(plain(load_yaml(file_of(review_copy, section)))[section], keys)
    for value in [choice, f"{choice} by the publisher, who lists no volume", "Nottingham Confirmatory Studies"]:
        rewrite(review_copy, section, lambda data, v=value: set_at(data, path, v))
        _, problems = check_folder(review_copy)
        assert problems == [], (value, reserved, describe(problems))


# --- 4. a rating error names its study -------------------------------------------------------------------------

def rating_rows(folder: Path) -> list:
    return plain(load_yaml(file_of(folder, "quality")))["quality"]["ratings"]


def test_a_rating_row_of_the_wrong_length_names_its_study(review_copy):
    row = rating_rows(review_copy)[-1]
    path = rewrite(review_copy, "quality", lambda quality: quality["ratings"][-1]["ratings"].pop())
    _, problems = check_folder(review_copy)
    index = len(rating_rows(review_copy)) - 1
    found = at(problems, path, line_at(path, "quality", ("ratings", index)),
               f"rating row for study '{row['study']}'", f"{len(row['ratings']) - 1} ratings for")
    assert len(found) == 1, describe(problems)


def test_a_rating_of_the_wrong_shape_names_its_study(review_copy):
    row = rating_rows(review_copy)[-1]
    path = rewrite(review_copy, "quality", lambda quality: set_at(quality, ("ratings", -1, "ratings", 1), dict(WRONG)))
    _, problems = check_folder(review_copy)
    index = len(rating_rows(review_copy)) - 1
    found = at(problems, path, line_at(path, "quality", ("ratings", index, "ratings", 1)),
               f"rating row for study '{row['study']}': ratings[2] should be")
    assert len(found) == 1, describe(problems)
