"""Counted words: "1 row", never "1 rows" or "row(s)" (first-time user's defect 26)."""

from __future__ import annotations

import pytest

from advisor.domain.wording import counted, rows_are


@pytest.mark.parametrize(
    ("number", "noun", "plural", "text"),
    [
        (0, "row", None, "0 rows"),
        (1, "row", None, "1 row"),
        (2, "row", None, "2 rows"),
        (12_345, "row", None, "12,345 rows"),
        (1, "match", "matches", "1 match"),
        (3, "match", "matches", "3 matches"),
    ],
)
def test_counted(number, noun, plural, text):
    assert counted(number, noun, plural) == text


def test_rows_are():
    assert rows_are(1) == "the 1 row is"
    assert rows_are(4) == "all 4 rows are"
