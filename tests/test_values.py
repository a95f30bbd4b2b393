"""How a value from the database is judged and written (evidence/values.py), once for every page and file."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from evidence.values import as_list, counted, missing, score_label, text_or_none


@pytest.mark.parametrize("value", [None, float("nan"), np.nan, pd.NA, np.float64("nan")])
def test_missing_cells_are_missing(value):
    assert missing(value) and text_or_none(value) is None and as_list(value) == []


@pytest.mark.parametrize("value", [0, 0.0, "", " ", "x", False, [], np.array([1])])
def test_a_value_is_not_missing_even_when_empty_or_zero(value):
    assert not missing(value)


def test_only_real_text_is_text():
    assert [text_or_none(v) for v in ("text", " ", "", 3, None)] == ["text", None, None, None, None]


def test_a_list_column_reads_as_a_plain_list():
    assert as_list(np.array(["a", "b"])) == ["a", "b"] and as_list(("a",)) == ["a"] and as_list([]) == []


def test_counts_and_scores_are_written_one_way():
    assert [counted(1, "quote"), counted(0, "quote"), counted(2, "study", "studies")] == \
        ["1 quote", "0 quotes", "2 studies"]
    assert [score_label(7.0, 10), score_label(np.nan, 10), score_label(None, None, "no score")] == \
        ["7/10", "not rated", "no score"]


def test_a_label_changes_only_its_first_letter_to_open_or_sit_inside_a_sentence():
    from evidence.values import capitalised, lowered
    assert capitalised("not assessed by the review's authors") == "Not assessed by the review's authors"
    assert lowered("Low confidence") == "low confidence" and lowered("GRADE-CERQual") == "gRADE-CERQual"
    assert capitalised("judged with GRADE-CERQual") == "Judged with GRADE-CERQual"  # the rest as written
    assert lowered("Moderate confidence (CERQual)") == "moderate confidence (CERQual)"
    assert capitalised("") == "" and lowered("") == ""


def test_the_data_version_is_the_source_hashs_first_twelve_digits():
    from evidence.database import data_version
    assert data_version("0123456789abcdef0123") == "0123456789ab"
