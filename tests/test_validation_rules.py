"""Rules that tie quotes to their theme and citation: each broken one is reported with file, line and fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence.build import build
from evidence.validate import check_folder
from tests.test_validation import edit, line_of, the_problem

# Each case: file, text to replace, its replacement, the text whose line the problem names, message fragments,
# a fragment of the fix.
CASES = {
    "quote from a study its fully named theme does not name": (
        "quotes.yaml", "  - id: q02\n    study: mooreayers2016\n    page: 3\n    printed_citation: \"Moore & Ayers, "
        "2016, p. 3\"", "  - id: q02\n    study: smithmerry2019\n    page: 3\n    printed_citation: \"Moore & Ayers, "
        "2016, p. 3\"", "  - id: q02", ("quote 'q02'", "names all its 5 supporting studies"), "check the quote's"),
    "printed citation disagrees with the page": (
        "quotes.yaml", "    page: 877\n", "    page: 878\n", "    page: 878",
        ("page is 878 but the printed citation says p. 877",), "make page the page"),
}


def assert_reported(folder, case) -> None:
    """Break a copy of the data as a case says, and find its one problem at the right line with the right fix.
    A case: file, text to replace, its replacement, the text whose line the problem names (None: the
    replacement's first line), fragments of the message, a fragment of the fix."""
    name, old, new, anchor, fragments, fix = case
    edit(folder, name, old, new)
    _, problems = check_folder(folder)
    line = line_of(folder, name, anchor or new.strip().splitlines()[0])
    assert fix in the_problem(problems, folder / name, line, *fragments).fix


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_quote_rules_name_file_line_problem_and_fix(data_copy, case):
    assert_reported(data_copy, case)


def test_a_quote_may_come_from_a_study_the_paper_leaves_unnamed(data_copy):
    """Under a theme whose support names fewer studies than it counts, any included study may be the source."""
    edit(data_copy, "quotes.yaml", "  - id: q04\n    study: mooreayers2016\n", "  - id: q04\n    study: alang2015\n")
    edit(data_copy, "quotes.yaml", '    printed_citation: "Moore and Ayers, 2016, p. 3"\n    source: interview\n'
         "    theme: virtual_support\n", '    printed_citation: "Alang 2015, p. 3"\n    source: interview\n'
         "    theme: virtual_support\n")
    _, problems = check_folder(data_copy)
    assert not [p for p in problems if "q04" in p.message]


def test_an_unreadable_file_is_named_with_a_fix_not_a_traceback(data_copy, monkeypatch, tmp_path):
    """The operating system refusing to read a file (as for a non-root user without read permission)."""
    target = (data_copy / "quotes.yaml").resolve()
    real, real_open = Path.read_bytes, Path.open

    def refuse(self):
        if self.resolve() == target:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    def refuse_open(self, *args, **kwargs):
        if self.resolve() == target:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    db = tmp_path / "evidence.duckdb"
    assert build(data_copy, db).ok
    before = db.read_bytes()
    monkeypatch.setattr(Path, "read_bytes", refuse)
    monkeypatch.setattr(Path, "open", refuse_open)
    _, problems = check_folder(data_copy)
    problem = the_problem(problems, data_copy / "quotes.yaml", 1, "cannot be read (Permission denied)")
    assert "chmod" in problem.fix
    assert not build(data_copy, db).ok
    assert db.read_bytes() == before
