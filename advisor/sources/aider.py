"""Aider's polyglot leaderboard: ``aider/website/_data/polyglot_leaderboard.yml``.

Each entry is one benchmark run: ``pass_rate_2`` (percent passing after the second attempt)
lands on ``aider-polyglot``, keyed by the run's ``dirname`` and dated by its ``date``. The edit
format makes the harness; the first-attempt rate, cost, time, command and well-formedness go
to the notes.

Effort is what the entry states: its ``reasoning_effort``, else ``--reasoning-effort`` in its
command, else an effort in brackets in the model name ("o3-mini (high)"). The thinking budget
comes from ``thinking_tokens``, else ``--thinking-tokens`` or "(32k thinking)" in the name,
written in thousands of tokens: 32000, 32768 and "32k" are all "32K" (binary thousands when the
number divides by 1024, so 24576 is "24K"); 0 (thinking off) is "0".
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path
from typing import Any

import yaml

from advisor.sources.base import THIRD_PARTY, Provenance, Reading, ResultRecord, SourceInfo, problem

INFO = SourceInfo(
    key="aider",
    title="Aider LLM leaderboards (polyglot)",
    homepage="https://aider.chat/docs/leaderboards/",
    licence="Apache-2.0",
    credit="Aider LLM leaderboards, Apache-2.0",
    download_url=(
        "https://raw.githubusercontent.com/Aider-AI/aider/main/aider/website/_data/"
        "polyglot_leaderboard.yml"
    ),
    layout="file",
)

BENCHMARK = "aider-polyglot"
EFFORTS = ("none", "minimal", "low", "medium", "high", "xhigh")
_COMMAND_EFFORT = re.compile(r"--reasoning-effort[= ]+(\S+)")
_NAME_EFFORT = re.compile(r"\((" + "|".join(EFFORTS) + r")\)", re.I)
_COMMAND_BUDGET = re.compile(r"--thinking-tokens[= ]+(\d+)([kK]?)\b")
_NAME_BUDGET = re.compile(r"\((\d+)k think", re.I)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NOTE_FIELDS = ("pass_rate_1", "total_cost", "seconds_per_case", "percent_cases_well_formed")


def read(path: Path) -> Reading:
    """Read every entry of the polyglot leaderboard YAML at ``path``."""
    reading = Reading(info=INFO, snapshot_date="")
    file = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
        entries = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError, RecursionError) as exc:
        reading.problems.append(problem(file, "(file)", None, f"not readable YAML: {exc}"))
        return reading
    if not isinstance(entries, list):
        found = type(entries).__name__
        reading.problems.append(problem(file, "(file)", None, f"expected a list, found {found}"))
        return reading
    lines = {
        m.group(1).strip(): n
        for n, line in enumerate(text.splitlines(), start=1)
        if (m := re.match(r"\s*-?\s*dirname:\s*(\S+)", line))
    }
    for index, entry in enumerate(entries, start=1):
        _read_entry(file, index, entry, lines, reading)
    reading.snapshot_date = max((r.provenance.source_date for r in reading.results), default="")
    return reading


def _read_entry(file: str, index: int, entry: Any, lines: dict[str, int], reading: Reading) -> None:
    if not isinstance(entry, dict):
        reading.problems.append(problem(file, f"entry {index}", None, "not a mapping"))
        return
    dirname = entry.get("dirname")
    record = str(dirname) if isinstance(dirname, str) and dirname else f"entry {index}"
    line = lines.get(record)

    def bad(field: str, reason: str) -> None:
        reading.problems.append(problem(file, record, field, reason, line))

    if record == f"entry {index}":
        bad("dirname", "missing or empty")
        return
    model = entry.get("model")
    if not isinstance(model, str) or not model.strip():
        bad("model", "missing or empty")
        return
    if "pass_rate_2" not in entry:
        bad("pass_rate_2", "missing")
        return
    score = entry["pass_rate_2"]
    if isinstance(score, bool) or not isinstance(score, int | float):
        bad("pass_rate_2", f"not a number: {score!r}")
        return
    if math.isnan(score) or not 0 <= score <= 100:
        bad("pass_rate_2", f"{score!r} is outside 0-100")
        return
    source_date = _date(entry.get("date"))
    if not source_date:
        bad("date", f"missing or not a YYYY-MM-DD date: {entry.get('date')!r}")
        return

    command = entry.get("command") if isinstance(entry.get("command"), str) else ""
    edit_format = entry.get("edit_format")
    harness = f"aider ({edit_format} edit format)" if edit_format else "aider"
    settings = []
    if entry.get("editor_model"):
        editor = f"editor model {entry['editor_model']}"
        if entry.get("editor_edit_format"):
            editor += f" ({entry['editor_edit_format']} edit format)"
        settings.append(editor)
    effort, stated = _effort(entry, model, command)
    if stated:
        settings.append(f"reasoning effort {stated}")
    reading.results.append(
        ResultRecord(
            name=model,
            benchmark=BENCHMARK,
            score=float(score),
            provenance=Provenance(
                source_kind=THIRD_PARTY,
                reported_by="Aider",
                source_url="https://aider.chat/docs/leaderboards/",
                source_date=source_date,
                source_record=record,
            ),
            effort=effort,
            thinking_budget=_budget(entry, model, command),
            harness=harness,
            settings="; ".join(settings),
            notes=_notes(entry, command),
            cost_per_task_usd=_per_task_cost(entry),
            seconds_per_task=_positive(entry.get("seconds_per_case")),
        )
    )


def _positive(value: Any) -> float | None:
    """A finite number above 0, else None (Aider writes 0 where it did not measure)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) and value > 0 else None


def _per_task_cost(entry: dict[str, Any]) -> float | None:
    """The run's total cost over the exercises it ran (``total_cost / test_cases``), USD; None
    where Aider states no cost (0.0000: not measured) or no count."""
    total, cases = _positive(entry.get("total_cost")), _positive(entry.get("test_cases"))
    return None if total is None or cases is None else round(total / cases, 6)


def _date(value: Any) -> str:
    """``value`` (a YAML date, or a string) as YYYY-MM-DD, or "" when it is not a date."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and _DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            return ""
    return ""


def _effort(entry: dict[str, Any], model: str, command: str) -> tuple[str, str]:
    """The stated effort, and a stated effort outside the vocabulary (kept as a setting)."""
    stated = entry.get("reasoning_effort")
    if not (isinstance(stated, str) and stated.strip()):
        match = _COMMAND_EFFORT.search(command) or _NAME_EFFORT.search(model)
        stated = match.group(1) if match else ""
    level = stated.strip().lower()
    if not level:
        return "", ""
    return (level, "") if level in EFFORTS else ("", stated.strip())


def _budget(entry: dict[str, Any], model: str, command: str) -> str:
    tokens = entry.get("thinking_tokens")
    if isinstance(tokens, int) and not isinstance(tokens, bool) and tokens >= 0:
        return _thousands(tokens)
    if match := _COMMAND_BUDGET.search(command):
        number = int(match.group(1))
        return f"{number}K" if match.group(2) else _thousands(number)
    if match := _NAME_BUDGET.search(model):
        return f"{int(match.group(1))}K"
    return ""


def _thousands(tokens: int) -> str:
    """A token count as the budget people name: 32000 and 32768 are "32K"."""
    for unit in (1024, 1000):
        if tokens and tokens % unit == 0:
            return f"{tokens // unit}K"
    return str(tokens)


def _notes(entry: dict[str, Any], command: str) -> str:
    parts = [f"{key} {entry[key]}" for key in _NOTE_FIELDS if entry.get(key) is not None]
    cases, total = entry.get("test_cases"), entry.get("total_tests")
    if isinstance(cases, int) and isinstance(total, int) and cases != total:
        parts.append(f"test_cases {cases} of total_tests {total}")
    if entry.get("versions"):
        parts.append(f"aider version {entry['versions']}")
    if command:
        parts.append(f"command: {command}")
    return "; ".join(parts)
