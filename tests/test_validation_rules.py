"""Rules that tie quotes to their theme and citation: each broken one is reported with file, line and fix."""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_quote_rules_name_file_line_problem_and_fix(data_copy, case):
    name, old, new, anchor, fragments, fix = case
    edit(data_copy, name, old, new)
    _, problems = check_folder(data_copy)
    problem = the_problem(problems, data_copy / name, line_of(data_copy, name, anchor), *fragments)
    assert fix in problem.fix


def test_a_quote_may_come_from_a_study_the_paper_leaves_unnamed(data_copy):
    """Under a theme whose support names fewer studies than it counts, any included study may be the source."""
    edit(data_copy, "quotes.yaml", "  - id: q04\n    study: mooreayers2016\n", "  - id: q04\n    study: alang2015\n")
    edit(data_copy, "quotes.yaml", '    printed_citation: "Moore and Ayers, 2016, p. 3"\n    source: interview\n'
         "    theme: virtual_support\n", '    printed_citation: "Alang 2015, p. 3"\n    source: interview\n'
         "    theme: virtual_support\n")
    _, problems = check_folder(data_copy)
    assert not [p for p in problems if "q04" in p.message]
