"""Rules that tie quotes to their theme and citation: each broken one is reported with file, line and fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence.build import build
from evidence.format.rules import check_folder
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
         "    theme: virtual_support\n", '    printed_citation: "Alang and Fomotar 2015, p. 3"\n    source: interview\n'
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


# The second round: arithmetic that does not add up, citations that disagree with their own records

def _quote(ident: str, study: str, citation: str) -> tuple[str, str]:
    """A quote's opening lines: its id, study, page 3 and printed citation, as quotes.yaml writes them."""
    return (f"  - id: {ident}\n    study: ", f"\n    page: 3\n    printed_citation: \"{citation}\"")


AGREEMENT = {
    "added from references, included unchanged": (
        "prisma.yaml", "added_from_references: 0", "added_from_references: 3", "included: 5",
        ("included is 5", "plus the studies added from references, is 8"), "correct included"),
    "a maximum the checklist cannot reach": (
        "quality.yaml", "max_score: 11", "max_score: 99", None, ("max_score is 99", "at most 11"),
        "set max_score: 11"),
    "a 2 on a one-point criterion": (
        "quality.yaml", "{study: mooreayers2016,       ratings: [1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1], total: 7}",
        "{study: mooreayers2016,       ratings: [1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 2], total: 8}", None,
        ("a rating of 2", "1 point each"), "correct the rating"),
    "a quote moved to another study under its old citation": (
        "quotes.yaml", "  - id: q04\n    study: mooreayers2016\n", "  - id: q04\n    study: moore2016\n",
        'printed_citation: "Moore and Ayers, 2016, p. 3"',
        ("printed citation 'Moore and Ayers, 2016, p. 3' does not name its study", "Moore et al. 2016"),
        "correct study:"),
    "a printed citation of another year": (
        "quotes.yaml", '    printed_citation: "Evans et al. 2012, p. 407"\n    source: forum_post\n    theme: '
                       'virtual_support', '    printed_citation: "Evans et al. 2013, p. 407"\n    source: forum_post\n'
                                          '    theme: virtual_support', 'printed_citation: "Evans et al. 2013',
        ("does not name its study", "Evans et al. 2012"), "printed citation as the paper prints it"),
    "an author holding a semicolon": (
        "studies.yaml", "Fomotar M.", "Fomotar M.; Smith J.", None, ("holds a ';'",), "one author per list item"),
    "two studies with one citation": (
        "studies.yaml", "citation: Moore and Ayers 2016\n    included", "citation: Moore et al. 2016\n    included",
        "citation: Moore et al. 2016\n    included: true\n    source: interview",
        ("citation 'Moore et al. 2016' is also study 'moore2016'",), "tells it apart"),
}


@pytest.mark.parametrize("case", AGREEMENT.values(), ids=AGREEMENT.keys())
def test_arithmetic_and_citations_must_agree(data_copy, case):
    name, old, new, anchor, fragments, fix = case
    edit(data_copy, name, old, new)
    _, problems = check_folder(data_copy)
    where = anchor or new.strip().splitlines()[0]
    line = line_of(data_copy, name, where)
    found = [p for p in problems if Path(p.file).name == name and p.line == line
             and all(f in p.message for f in fragments)]
    assert found and fix in found[0].fix, "\n".join(map(str, problems))


def test_a_theme_cannot_show_quotes_from_more_studies_than_its_support_counts(data_copy):
    """'A theme in four of the five studies' printing quotes from all five."""
    for ident, study, old_citation, citation in (("q04", "moore2016", "Moore and Ayers, 2016, p. 3",
                                                  "Moore et al. 2016, p. 3"),
                                                 ("q06", "alang2015", "Moore and Ayers 2016, p. 3",
                                                  "Alang and Fomotar 2015, p. 3"),
                                                 ("q07", "kantrowitzgordon2013", "Moore and Ayers 2016, p. 3",
                                                  "Kantrowitz-Gordon 2013, p. 3")):
        opening, rest = _quote(ident, "", old_citation)
        edit(data_copy, "quotes.yaml", f"{opening}mooreayers2016{rest}", f"{opening}{study}"
             + rest.replace(old_citation, citation))
    _, problems = check_folder(data_copy)
    theme = [p for p in problems if "support counts 4 studies" in p.message and "come from 5" in p.message]
    assert len(problems) == 1 and theme, "\n".join(map(str, problems))
    assert Path(theme[0].file).name == "themes.yaml"
