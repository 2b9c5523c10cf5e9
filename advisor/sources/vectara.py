"""Vectara's hallucination leaderboard: the Markdown table in the repository's ``README.md``.

The table sits between ``<!-- LEADERBOARD_START -->`` and ``<!-- LEADERBOARD_END -->`` under a
"Last updated on March 10, 2026" line, which dates every row. Each row's "Hallucination Rate"
("1.8 %") lands on ``vectara-hallucination-rate`` in percent; the other columns go to the
notes. Columns are found by their header, so a reordered table still reads. The effort is taken
only from an effort word before the model name's date ("openai/gpt-5.2-low-2025-12-11").
"""

from __future__ import annotations

import math
import re
from datetime import datetime
from pathlib import Path

from advisor.sources.base import THIRD_PARTY, Provenance, Reading, ResultRecord, SourceInfo, problem

INFO = SourceInfo(
    key="vectara",
    title="Vectara hallucination leaderboard",
    homepage="https://github.com/vectara/hallucination-leaderboard",
    licence="Apache-2.0",
    credit="Vectara hallucination leaderboard, Apache-2.0",
    download_url="https://raw.githubusercontent.com/vectara/hallucination-leaderboard/main/README.md",
    layout="file",
)

BENCHMARK = "vectara-hallucination-rate"
START, END = "<!-- LEADERBOARD_START -->", "<!-- LEADERBOARD_END -->"
MODEL, RATE = "Model", "Hallucination Rate"
# Optional columns, kept in the notes: header -> how the note names it (and its unit).
NOTE_COLUMNS = {
    "Factual Consistency Rate": ("factual consistency rate", ""),
    "Answer Rate": ("answer rate", ""),
    "Average Summary Length (Words)": ("average summary length", " words"),
}
EFFORTS = ("none", "minimal", "low", "medium", "high", "xhigh")
_UPDATED = re.compile(r"Last updated on\s+([A-Za-z]+\s+\d{1,2},\s*\d{4})", re.I)
_PERCENT = re.compile(r"(-?\d+(?:\.\d+)?)\s*%?")
# OpenAI's naming: the effort word right before the snapshot date ("gpt-5.2-low-2025-12-11");
# a size word elsewhere ("mistral-medium-2508") is part of the model's name, not an effort.
_NAME_EFFORT = re.compile(r"-(" + "|".join(EFFORTS) + r")-\d{4}-\d{2}-\d{2}$", re.I)
_TABLE = "(leaderboard table)"


def read(path: Path) -> Reading:
    """Read the leaderboard table of Vectara's ``README.md`` at ``path``."""
    reading = Reading(info=INFO, snapshot_date="")
    file = str(path)
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        reading.problems.append(problem(file, _TABLE, None, f"cannot read: {exc}"))
        return reading
    start = next((i for i, line in enumerate(lines) if START in line), None)
    end = next((i for i, line in enumerate(lines) if END in line), None)
    if start is None or end is None or end < start:
        reading.problems.append(
            problem(file, _TABLE, None, f"no leaderboard section between {START} and {END}")
        )
        return reading
    section = list(enumerate(lines[start + 1 : end], start=start + 2))  # 1-based line numbers

    updated = next(((n, m) for n, line in section if (m := _UPDATED.search(line))), None)
    if updated is None:
        reading.problems.append(
            problem(file, _TABLE, "Last updated", "no 'Last updated on <date>' line", start + 1)
        )
        return reading
    try:
        stamp = datetime.strptime(re.sub(r",\s*", ", ", updated[1].group(1)), "%B %d, %Y")
    except ValueError:
        reading.problems.append(
            problem(file, _TABLE, "Last updated", f"unreadable date {updated[1].group(1)!r}")
        )
        return reading
    reading.snapshot_date = stamp.date().isoformat()

    table = [(n, _cells(line)) for n, line in section if line.strip().startswith("|")]
    if len(table) < 2:
        reading.problems.append(problem(file, _TABLE, None, "no Markdown table in the section"))
        return reading
    header_line, header = table[0]
    columns = {name.lower(): i for i, name in enumerate(header)}
    missing = [name for name in (MODEL, RATE) if name.lower() not in columns]
    if missing:
        for name in missing:
            reading.problems.append(
                problem(file, _TABLE, name, f"no {name!r} column in {header}", header_line)
            )
        return reading
    rows = table[2:] if set("".join(table[1][1])) <= set("-: ") else table[1:]
    for line, cells in rows:
        _read_row(file, line, cells, columns, reading)
    return reading


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [cell.strip() for cell in inner.split("|")]


def _read_row(
    file: str, line: int, cells: list[str], columns: dict[str, int], reading: Reading
) -> None:
    model_at, rate_at = columns[MODEL.lower()], columns[RATE.lower()]
    model = cells[model_at] if model_at < len(cells) else ""
    record = model or f"(row at line {line})"
    if not model:
        reading.problems.append(problem(file, record, MODEL, "empty model name", line))
        return
    if rate_at >= len(cells):
        reading.problems.append(problem(file, record, RATE, "missing cell", line))
        return
    raw = cells[rate_at]
    match = _PERCENT.fullmatch(raw)
    if not match:
        reading.problems.append(problem(file, record, RATE, f"not a number: {raw!r}", line))
        return
    score = float(match.group(1))
    if math.isnan(score) or not 0 <= score <= 100:
        reading.problems.append(problem(file, record, RATE, f"{raw!r} is outside 0-100", line))
        return
    notes = []
    for header, (label, unit) in NOTE_COLUMNS.items():
        at = columns.get(header.lower())
        if at is not None and at < len(cells) and cells[at]:
            notes.append(f"{label} {cells[at]}{unit}")
    vendor, slash, bare = model.partition("/")
    if not slash:
        vendor, bare = "", model
    effort_match = _NAME_EFFORT.search(bare)
    effort = effort_match.group(1).lower() if effort_match else ""
    reading.results.append(
        ResultRecord(
            name=model,
            benchmark=BENCHMARK,
            score=score,
            provenance=Provenance(
                source_kind=THIRD_PARTY,
                reported_by="Vectara",
                source_url="https://github.com/vectara/hallucination-leaderboard",
                source_date=reading.snapshot_date,
                source_record=model,
            ),
            vendor_hint=vendor,
            effort=effort,
            notes="; ".join(notes),
        )
    )
