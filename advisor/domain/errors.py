"""Errors meant for people: one sentence of what went wrong and what to do."""

from __future__ import annotations

from dataclasses import dataclass


class AdvisorError(Exception):
    """Base class for errors shown to the user as a single clear message."""


class ProfileError(AdvisorError):
    """A profile is missing, malformed, or names something that does not exist."""


class CatalogueError(AdvisorError):
    """The catalogue database cannot be opened or used."""


class CatalogueDamaged(CatalogueError):
    """SQLite says the catalogue file ``path`` is damaged. ``aside`` is where it was set aside
    (opening the same path again starts from the bundled catalogue), or None when it was left
    in place for the user to decide (the window asks first)."""

    def __init__(self, message: str, aside: str | None, path: str = "") -> None:
        super().__init__(message)
        self.aside = aside
        self.path = path


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """One rejected cell or row of an import: where it is and why."""

    file: str
    line: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.reason}"


class ImportRejected(AdvisorError):
    """An import was refused as a whole; nothing was written."""

    def __init__(self, problems: list[ImportProblem]):
        self.problems = list(problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(
            f"Import rejected with {count} {noun}; nothing was written. "
            "Fix the rows listed and import again."
        )

    def lines(self) -> list[str]:
        """Every problem as a printable line, by file, line and column."""
        ordered = sorted(self.problems, key=lambda p: (p.file, p.line or 0, p.column or ""))
        return [str(p) for p in ordered]
