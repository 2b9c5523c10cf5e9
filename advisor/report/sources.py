"""Numbered sources: every URL behind a figure gets one number, in order of first citation."""

from __future__ import annotations


class SourceIndex:
    """Assigns ``[n]`` to each distinct source URL and remembers the dates it was cited with."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}
        self._dates: dict[str, list[str]] = {}

    def cite(self, urls: str | None, date: str | None) -> str:
        """``[n]`` (or ``[n, m]`` for several ``" ; "``-separated URLs); "—" when none."""
        if not urls or urls != urls:
            return "—"
        numbers = []
        for url in (u.strip() for u in str(urls).split(" ; ") if u.strip()):
            if url not in self._numbers:
                self._numbers[url] = len(self._numbers) + 1
                self._dates[url] = []
            label = str(date) if date and date == date else "undated"
            if label not in self._dates[url]:
                self._dates[url].append(label)
            numbers.append(self._numbers[url])
        return "[" + ", ".join(str(n) for n in numbers) + "]"

    def entries(self) -> list[tuple[int, str, list[str]]]:
        """``(number, url, dates)`` in number order."""
        return [(n, url, self._dates[url]) for url, n in self._numbers.items()]
