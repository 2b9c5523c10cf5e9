"""Counting words the way people write them: "1 row", "2 rows", "0 rows" (never "1 rows" or
"row(s)"). One place for every face and the report."""

from __future__ import annotations


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``number`` with ``noun`` in the right number: ``counted(1, "row")`` is "1 row",
    ``counted(3, "match", "matches")`` is "3 matches"; thousands are separated."""
    word = noun if number == 1 else (plural or noun + "s")
    return f"{number:,} {word}"


def rows_are(number: int) -> str:
    """ "the 1 row is" / "all 3 rows are", for sentences about unchanged rows."""
    return "the 1 row is" if number == 1 else f"all {number:,} rows are"


def agreeing(number: int, singular: str, plural: str) -> str:
    """The verb that agrees with ``number``: ``agreeing(1, "was", "were")`` is "was"."""
    return singular if number == 1 else plural
