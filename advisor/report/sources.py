"""Numbered sources: every URL behind a figure gets one number, in order of first citation,
with the dates it was cited with and the credit its public source asks for."""

from __future__ import annotations


class SourceIndex:
    """Assigns ``[n]`` to each distinct source URL and remembers the dates it was cited with."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}
        self._dates: dict[str, list[str]] = {}
        self._credits: dict[str, list[str]] = {}

    def cite(self, urls: str | None, date: str | None, credit: str = "") -> str:
        """``[n]`` (or ``[n, m]`` for several ``" ; "``-separated URLs); "—" when none.
        ``credit`` is what the figure's public source asks to be credited as."""
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
            if credit and credit not in self._credits.setdefault(url, []):
                self._credits[url].append(credit)
            numbers.append(self._numbers[url])
        return "[" + ", ".join(str(n) for n in numbers) + "]"

    def entries(self) -> list[tuple[int, str, list[str]]]:
        """``(number, url, dates)`` in number order."""
        return [(n, url, self._dates[url]) for url, n in self._numbers.items()]

    def credits(self, url: str) -> list[str]:
        """The credits cited with ``url``."""
        return self._credits.get(url, [])
