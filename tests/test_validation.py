"""Bad YAML sources are reported with the file, the line, what is wrong and how to fix it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from evidence.format.problems import Problem
from evidence.format.rules import check_folder
from tests.conftest import ROOT


def edit(folder: Path, name: str, old: str, new: str) -> None:
    """Replace the one occurrence of `old` in a data file with `new`."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{name} no longer holds exactly one {old!r}: update this test's edit"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(folder: Path, name: str, snippet: str) -> int:
    """The 1-based line of a data file where `snippet` starts."""
    text = (folder / name).read_text(encoding="utf-8")
    assert text.count(snippet) == 1, f"{name} does not hold exactly one {snippet!r}"
    return text[:text.index(snippet)].count("\n") + 1


def the_problem(problems: list[Problem], path: Path, line: int, *fragments: str) -> Problem:
    """The one problem reported at `path`:`line` whose message holds every fragment."""
    found = [p for p in problems if Path(p.file).resolve() == path.resolve() and p.line == line
             and all(f in p.message for f in fragments)]
    assert len(found) == 1, f"expected one problem at {path.name}:{line} saying {fragments}; got:\n" + \
        "\n".join(map(str, problems))
    problem = found[0]
    assert str(problem).startswith(f"{problem.file}:{line}: ") and "\n    fix: " in str(problem)
    return problem


def study_ids(folder: Path) -> list[str]:
    return [s["id"] for s in yaml.safe_load((folder / "studies.yaml").read_text(encoding="utf-8"))["studies"]]


# Each case: file, text to replace, its replacement, the text whose line the problem must name (None: the
# replacement's own line), fragments of the message, and a fragment of the fix.
CASES = {
    "malformed YAML": ("studies.yaml", "    year: 2012\n", "    year: 2012: oops\n", None,
                       ("not valid YAML",), "YAML syntax"),
    "wrong type": ("quotes.yaml", "    page: 877\n", "    page: [four]\n", None,
                   ("page should be a whole number", "found a list"), "write page as a whole number"),
    "missing field": ("quotes.yaml", '    printed_citation: "Kantrowitz-Gordon 2013, p. 877"\n', "", "  - id: q01\n",
                      ("quote 'q01'", "missing field 'printed_citation'"), "add 'printed_citation:'"),
    "unknown field": ("quotes.yaml", "    content_note: \"rejecting", "    content_nte: \"rejecting", None,
                      ("unknown field 'content_nte'",), "did you mean 'content_note'?"),
    "duplicate id": ("quotes.yaml", "  - id: q02\n", "  - id: q01\n", "  - id: q01\n    study: mooreayers2016",
                     ("duplicate quote id 'q01'", "first at"), "an id of its own"),
    "unknown reference": ("quotes.yaml", "  - id: q01\n    study: kantrowitzgordon2013\n",
                          "  - id: q01\n    study: kantrowitz2013\n", "    study: kantrowitz2013",
                          ("study 'kantrowitz2013' is not a known study", "known: "),
                          "did you mean 'kantrowitzgordon2013'?"),
    "PRISMA arithmetic": ("prisma.yaml", "  screened: 78\n", "  screened: 77\n", None,
                          ("screened is 77", "identified less duplicates is 78"), "correct screened"),
    "exclusion reasons": ("prisma.yaml", "{reason: Facebook, n: 6}", "{reason: Facebook, n: 7}", "    n: 73\n",
                          ("excluded_at_screening is 73", "reasons add up to 74"), "correct the count or the reasons"),
    "quality total": ("quality.yaml", "[1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1], total: 7}",
                      "[1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1], total: 6}", None,
                      ("rating row for study 'mooreayers2016'", "total is 6 but the ratings add up to 7"),
                      "correct the total"),
    "quality score": ("studies.yaml", "    quality_score: 7\n", "    quality_score: 8\n", None,
                      ("study 'mooreayers2016'", "quality_score is 8 but its rating row's total is 7"),
                      "set quality_score: 7"),
    "quote without subtheme": ("quotes.yaml", "      subthemes: [reducing_isolation]\n", "      subthemes: []\n",
                               "  - id: q07\n", ("quote 'q07'", "linked to no subtheme"), "add at least one subtheme"),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_each_bad_input_names_file_line_problem_and_fix(data_copy, case):
    name, old, new, anchor, fragments, fix = case
    edit(data_copy, name, old, new)
    line = line_of(data_copy, name, anchor or new)
    _, problems = check_folder(data_copy)
    assert fix in the_problem(problems, data_copy / name, line, *fragments).fix


def test_an_unknown_reference_lists_the_known_ids(data_copy):
    edit(data_copy, "quotes.yaml", *CASES["unknown reference"][1:3])
    _, problems = check_folder(data_copy)
    problem = the_problem(problems, data_copy / "quotes.yaml", line_of(data_copy, "quotes.yaml", "kantrowitz2013"),
                          "is not a known study")
    known = problem.message.split("(known: ")[1]
    assert all(study_id in known for study_id in study_ids(data_copy))


def test_a_syntax_error_is_not_buried_under_unknown_references(data_copy):
    edit(data_copy, *CASES["malformed YAML"][:3])
    _, problems = check_folder(data_copy)
    # The studies file could not be read, so its ids are unknown: reporting every reference to them
    # would hide the one line that needs fixing among dozens.
    assert [p for p in problems if "not valid YAML" in p.message]
    assert not [p for p in problems if "is not a known" in p.message]


def test_an_unknown_top_level_section_is_named_with_a_suggestion(data_copy):
    (data_copy / "extra.yaml").write_text("# notes\nquote: []\n", encoding="utf-8")
    _, problems = check_folder(data_copy)
    problem = the_problem(problems, data_copy / "extra.yaml", 2, "unknown section 'quote'")
    assert problem.fix == "did you mean 'quotes'?"


def test_the_bundled_data_has_no_problems(data_copy):
    _, problems = check_folder(data_copy)
    assert problems == []


# Shape problems across three files, all reported in one run.
SEVERAL = ["wrong type", "unknown field", "unknown reference"]


def break_several(folder: Path) -> list[tuple[str, int, str]]:
    """Apply several shape problems plus a missing field in another file; return (file, line, fragment) of each."""
    expected = []
    for key in SEVERAL:
        name, old, new, anchor, fragments, _ = CASES[key]
        edit(folder, name, old, new)
        expected.append((name, line_of(folder, name, anchor or new), fragments[0]))
    edit(folder, "studies.yaml", "    citation: Moore and Ayers 2016\n", "")
    expected.append(("studies.yaml", line_of(folder, "studies.yaml", "  - id: mooreayers2016"),
                     "missing field 'citation'"))
    (folder / "extra.yaml").write_text("quote: []\n", encoding="utf-8")
    expected.append(("extra.yaml", 1, "unknown section 'quote'"))
    return expected


def test_several_problems_are_all_reported_in_one_run(data_copy):
    expected = break_several(data_copy)
    _, problems = check_folder(data_copy)
    for name, line, fragment in expected:
        the_problem(problems, data_copy / name, line, fragment)


def test_several_rule_problems_are_all_reported_in_one_run(data_copy):
    keys = ["PRISMA arithmetic", "exclusion reasons", "quality score", "quote without subtheme"]
    for key in keys:
        edit(data_copy, *CASES[key][:3])
    _, problems = check_folder(data_copy)
    for key in keys:
        name, _, new, anchor, fragments, fix = CASES[key]
        assert fix in the_problem(problems, data_copy / name, line_of(data_copy, name, anchor or new), *fragments).fix


def run_check(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "evidence", "check", "--data", str(folder)],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_cli_check_exits_1_and_prints_every_problem_to_stderr(data_copy):
    expected = break_several(data_copy)
    result = run_check(data_copy)
    assert result.returncode == 1
    for name, line, fragment in expected:
        located = [ln for ln in result.stderr.splitlines() if f"{name}:{line}: " in ln and fragment in ln]
        assert located, f"{name}:{line} {fragment!r} not in stderr:\n{result.stderr}"
    assert result.stderr.count("\n    fix: ") >= len(expected)
    assert "nothing was written" in result.stderr


def test_cli_check_exits_0_on_sound_data(data_copy):
    result = run_check(data_copy)
    assert result.returncode == 0, result.stderr
    assert "no problems found" in result.stdout


def test_a_missing_line_of_argument_or_empty_evidence_list_names_the_fields_to_write(data_copy):
    """The fix says what to write, field by field: 'add a line of argument (a mapping)' and 'add an evidence link (a
    mapping)' sent the reader round in a circle."""
    import yaml

    path = next(p for p in data_copy.glob("*.yaml") if "line_of_argument:" in p.read_text(encoding="utf-8"))
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    content.pop("line_of_argument")
    content["themes"][0]["summary_evidence"] = []
    path.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True), encoding="utf-8")
    _, problems = check_folder(data_copy)
    missing = next(p for p in problems if "section 'line_of_argument'" in p.message)
    assert "text:" in missing.fix and "evidence:" in missing.fix
    empty = next(p for p in problems if "summary_evidence needs at least 1" in p.message)
    assert all(field in empty.fix for field in ("relation:", "statement:", "quote:", "study:"))


def test_a_problem_in_one_file_does_not_hide_the_rules_of_another(data_copy):
    """A field missing from review.yaml and a study's score that does not add up in another file: both at once, as
    the README promises (a missing field once hid eight rating errors until it was fixed)."""
    review = data_copy / "review.yaml"
    text = review.read_text(encoding="utf-8")
    review.write_text(re.sub(r"\n  design: [^\n]*", "", text, count=1), encoding="utf-8")
    studies = next(p for p in data_copy.glob("*.yaml") if "quality_score:" in p.read_text(encoding="utf-8"))
    text = studies.read_text(encoding="utf-8")
    studies.write_text(re.sub(r"quality_score: (\d+)", lambda m: f"quality_score: {int(m.group(1)) - 1}", text,
                              count=1), encoding="utf-8")
    _, problems = check_folder(data_copy)
    assert any("missing field 'design'" in p.message for p in problems), [str(p) for p in problems]
    assert any(p.file.endswith(studies.name) and "score" in p.message for p in problems), [str(p) for p in problems]


def test_each_rule_declares_every_section_it_reads():
    """A rule runs only when the sections it reads are sound: READS must name every section its code reads."""
    import inspect

    from evidence.format import rules

    for rule, declared in rules.READS.items():
        source = inspect.getsource(rule) + "".join(
            inspect.getsource(getattr(rules, name)) for name in re.findall(r"\b(_[a-z_]+)\(", inspect.getsource(rule))
            if callable(getattr(rules, name, None)))
        read = set(re.findall(r'\bs\["([a-z_]+)"\]', source))
        assert read <= declared, (rule.__name__, read - declared)
    assert set(rules.READS) == set(rules.RULES)
