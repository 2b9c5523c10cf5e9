"""The README's command table lists exactly the commands the parser knows."""

from __future__ import annotations

import re

from advisor.cli.parser import build_parser
from tests.conftest import REPO

COMMAND_WORD = re.compile(r"^[a-z][a-z-]*$")


def parser_commands(parser, prefix=()) -> set[tuple[str, ...]]:
    """Every runnable command, as the words after ``advisor``."""
    found = set()
    for action in parser._actions:
        if action.__class__.__name__ == "_SubParsersAction":
            for name, sub in action.choices.items():
                found |= parser_commands(sub, (*prefix, name)) or {(*prefix, name)}
    return found


def readme_commands() -> set[tuple[str, ...]]:
    """The commands in the first column of the README's Commands table."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]
    found = set()
    for line in section.splitlines():
        if not line.startswith("| `advisor"):
            continue
        first_cell = line.split(" | ", 1)[0]
        for span in re.findall(r"`(advisor[^`]*)`", first_cell):
            words = []
            for word in span.split()[1:]:
                if not COMMAND_WORD.match(word):
                    break
                words.append(word)
            if words:
                found.add(tuple(words))
    return found


def test_the_readme_lists_every_command_and_no_other():
    assert readme_commands() == parser_commands(build_parser())
