"""Epoch AI Benchmarking Hub: the CSVs of https://epoch.ai/data/benchmark_data.zip, unzipped or
as the zip itself.

Two kinds of file land on catalogue benchmarks. Epoch's own runs (``gpqa_diamond.csv`` …) give
``mean_score`` and ``stderr`` as fractions, the run's ``Started at`` and ``id``, and put the
reasoning effort or thinking budget after the last "_" of ``Model version``. The
``*_external.csv`` files are Epoch's copies of other leaderboards, each with its own columns and
units (checked file by file against the data: see ``_FILES``); their figures are credited to the
leaderboard named in their ``Source`` column. ``epoch_capabilities_index.csv`` is Epoch's own
index. Every other file is skipped whole.

``source_record`` is ``"{file stem}:{key}"``; the key is the row's ``id`` (``UUID`` in
``the_agent_company_external``) or, in files with no id column (``os_world_external``,
``epoch_capabilities_index``), ``"{Model version}#{n}"`` with ``n`` the data row's number
(1 is the first row after the header). Blank scores and rows with no ``Model version`` are
skipped with their reason; anything unreadable is a problem and its record is left out.
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from advisor.domain.errors import ImportProblem
from advisor.sources import base
from advisor.sources.benchmarks import PERCENT, unit_of

INFO = base.SourceInfo(
    key="epoch",
    title="Epoch AI Benchmarking Hub",
    homepage="https://epoch.ai/benchmarks",
    licence="CC-BY-4.0",
    credit="Epoch AI, AI Benchmarking Hub",
    download_url="https://epoch.ai/data/benchmark_data.zip",
    layout="folder",
)

_Opener = Callable[[], io.TextIOWrapper]

EPOCH = "Epoch AI"
COPIED = "copied by Epoch AI, AI Benchmarking Hub"
NOT_USED = "not a benchmark the catalogue uses"
MODEL = "Model version"

# Suffixes of "Model version" after the last "_": Epoch's reasoning-effort words ("unknown" is
# Epoch saying the effort is not known, so none is stated) and thinking-token budgets ("32K").
EFFORTS = frozenset({"none", "minimal", "low", "medium", "high", "xhigh", "max"})
_BUDGET = re.compile(r"\d+(?:\.\d+)?[Kk]")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class _File:
    """How one Epoch CSV is read: its columns, and the scale that puts its figures in the
    benchmark's unit (100 for a fraction of a percent benchmark)."""

    benchmark: str
    score: str
    scale: float
    reported_by: str  # who published the figures, unless the file's Source column says
    url: str  # where, unless the file's source-link column says
    kind: str = "external"  # "run" (Epoch's own run), "external" (a copy), "index" (ECI)
    key: str | None = "id"  # the id column; None: "{Model version}#{row}"
    stderr: str | None = None
    stderr_scale: float = 1.0
    harness: str | None = None  # required when named: the agent is part of the figure
    date: str | None = None  # the row's own run / evaluation / added date
    source: str | None = None
    link: str | None = None
    settings: str | None = None
    listed_as: str | None = None  # the leaderboard's own name for the model

    def required(self) -> tuple[str, ...]:
        cols = (MODEL, self.score, self.key, self.harness, "Started at" if self.run else None)
        return tuple(c for c in cols if c)

    @property
    def run(self) -> bool:
        return self.kind == "run"


def _run(benchmark: str) -> _File:
    return _File(
        benchmark,
        "mean_score",
        100.0,
        EPOCH,
        "https://epoch.ai/benchmarks",
        kind="run",
        stderr="stderr",
        stderr_scale=100.0,
        date="Started at",
    )


# Units checked against the snapshot of 2026-04: fractions (0-1) unless said otherwise.
_FILES: dict[str, _File] = {
    "gpqa_diamond": _run("gpqa-diamond"),
    "simpleqa_verified": _run("simpleqa-verified"),
    "swe_bench_verified": _run("swe-bench-verified"),
    "otis_mock_aime_2024_2025": _run("otis-mock-aime"),
    "frontiermath": _run("frontiermath"),
    "frontiermath_tier_4": _run("frontiermath-tier-4"),
    "math_level_5": _run("math-level-5"),
    "chess_puzzles": _run("chess-puzzles"),
    "terminalbench_external": _File(
        "terminal-bench-2",
        "Accuracy mean",
        100.0,
        "Terminal-Bench v2 Leaderboard",
        "https://www.tbench.ai/leaderboard/terminal-bench/2.0",
        stderr="Accuracy SE",
        stderr_scale=100.0,
        harness="Agent",
        date="Run date",
        source="Source",
        link="Source Link",
        listed_as="Name",
    ),
    "aider_polyglot_external": _File(  # already percent (3.6-88.0)
        "aider-polyglot",
        "Percent correct",
        1.0,
        "Aider LLM Leaderboards",
        "https://aider.chat/docs/leaderboards/",
        harness="Edit format",
        date="Date of evaluation",
        source="Source",
        link="Source link",
    ),
    "hle_external": _File(
        "humanitys-last-exam",
        "Accuracy",
        100.0,
        "Humanity's Last Exam leaderboard",
        "https://lastexam.ai/",
        stderr="Accuracy Standard Error",
        stderr_scale=100.0,
        listed_as="Name",
    ),
    "os_world_external": _File(  # already percent (3.0-66.3); no id column
        "osworld",
        "Score",
        1.0,
        "OSWorld leaderboard",
        "https://os-world.github.io/",
        key=None,
        harness="Agent",
        date="Date added",
        source="Source",
        link="Source link",
    ),
    "webdev_arena_external": _File(  # Elo
        "webdev-arena",
        "Arena Score",
        1.0,
        "WebDev Arena Leaderboard",
        "https://web.lmarena.ai/leaderboard",
        date="Last updated",
        source="Source",
        link="Source link (site from table)",
    ),
    "metr_time_horizons_external": _File(  # minutes already (GPT-4: 5.4, GPT-2 XL: 0.04)
        "metr-time-horizon",
        "Time horizon",
        1.0,
        "METR",
        "https://metr.org/",
        source="Source",
        link="Source link",
        settings="METR version",
    ),
    "arc_agi_2_external": _File(
        "arc-agi-2",
        "Score",
        100.0,
        "ARC Prize leaderboard",
        "https://arcprize.org/leaderboard",
        listed_as="Name",
    ),
    "gso_external": _File(
        "gso",
        "Score OPT@1",
        100.0,
        "GSO Leaderboard",
        "https://gso-bench.github.io/leaderboard.html",
        harness="Scaffold",
        date="Evaluation date",
        source="Source",
        link="Source link",
    ),
    "simplebench_external": _File(
        "simplebench",
        "Score (AVG@5)",
        100.0,
        "SimpleBench Leaderboard",
        "https://simple-bench.com/",
        source="Source",
        link="Source link (site from table)",
    ),
    "fictionlivebench_external": _File(
        "fiction-livebench-120k",
        "120k token score",
        100.0,
        "Fiction.live leaderboard",
        "https://fiction.live/stories/Fiction-liveBench",
        source="Source",
        link="Source link",
    ),
    "the_agent_company_external": _File(  # "% Score" holds fractions (0.042-0.524)
        "the-agent-company",
        "% Score",
        100.0,
        "TheAgentCompany leaderboard",
        "https://the-agent-company.com/",
        key="UUID",
        date="Date",
        source="Source",
        link="Source link (site from table)",
        listed_as="Name",
    ),
    "apex_agents_external": _File(  # score a fraction, its standard error already percent
        "apex-agents",
        "Pass@1 score",
        100.0,
        "APEX-Agents leaderboard",
        "https://www.mercor.com/apex/",
        stderr="Pass@1 Standard Error",
        listed_as="Name",
    ),
    "cybench_external": _File(  # "Unguided % Solved" holds fractions (0.05-0.93)
        "cybench",
        "Unguided % Solved",
        100.0,
        "Cybench leaderboard",
        "https://cybench.github.io/",
        source="Source",
        link="Source link",
    ),
    "epoch_capabilities_index": _File(
        "epoch-capabilities-index",
        "ECI Score",
        1.0,
        EPOCH,
        "https://epoch.ai/benchmarks/eci",
        kind="index",
        key=None,
    ),
}
FILES: dict[str, str] = {stem: spec.benchmark for stem, spec in _FILES.items()}


def read(path: Path) -> base.Reading:
    """Read a copy of the Benchmarking Hub: its folder, or ``benchmark_data.zip``."""
    path = Path(path)
    reader = _Reader()
    try:
        if path.is_file():
            with zipfile.ZipFile(path) as archive:
                reader.read_all(_zip_entries(archive))
        elif path.is_dir():
            reader.read_all(_folder_entries(path))
        else:
            reason = "is neither the benchmark_data folder nor its zip"
            reader.problems.append(base.problem(path.name, "copy", None, reason))
    except (OSError, zipfile.BadZipFile) as exc:
        reader.problems.append(base.problem(path.name, "copy", None, f"cannot be read: {exc}"))
    return reader.finish()


def _folder_entries(path: Path) -> list[tuple[str, _Opener]]:
    """(name inside the copy, opener) of every file in the folder, by name."""
    files = {file.relative_to(path).as_posix(): file for file in path.rglob("*") if file.is_file()}
    return [
        (name, partial(open, files[name], encoding="utf-8-sig", newline=""))
        for name in sorted(files)
    ]


def _zip_entries(archive: zipfile.ZipFile) -> list[tuple[str, _Opener]]:
    """The same for a zip, names taken relative to the folder holding the benchmark files
    (whatever the zip calls it: "", "benchmark_data/" …)."""
    members = [
        m for m in archive.namelist() if not m.endswith("/") and not m.startswith("__MACOSX/")
    ]
    known = [m for m in members if m.rsplit("/", 1)[-1].removesuffix(".csv") in _FILES]
    root = min((m[: m.rfind("/") + 1] for m in known), key=len, default="")

    def opener(member: str) -> io.TextIOWrapper:
        return io.TextIOWrapper(archive.open(member), encoding="utf-8-sig", newline="")

    entries = [(m[len(root) :] if m.startswith(root) else m, partial(opener, m)) for m in members]
    return sorted(entries, key=lambda entry: entry[0])


class _Reader:
    """Collects records, skips and problems across the files of one copy."""

    def __init__(self) -> None:
        # (record fields, (reported_by, source_url, source_record), own date)
        self.pending: list[tuple[dict[str, object], tuple[str, str, str], str]] = []
        self.skipped: list[tuple[str, str]] = []
        self.problems: list[ImportProblem] = []

    def read_all(self, entries: Iterable[tuple[str, _Opener]]) -> None:
        for name, opener in entries:
            stem = name.removesuffix(".csv") if name.endswith(".csv") else ""
            spec = _FILES.get(stem) if "/" not in name else None
            if spec is None:
                self.skipped.append((name, NOT_USED))
            else:
                self.read_file(name, stem, spec, opener)

    def read_file(self, name: str, stem: str, spec: _File, opener: _Opener) -> None:
        line = 1
        try:
            with opener() as handle:
                rows = csv.reader(handle, strict=True)
                header = next(rows, None)
                if header is None:
                    self.problems.append(base.problem(name, "header", None, "the file is empty"))
                    return
                header = [h.strip() for h in header]
                missing = [c for c in spec.required() if c not in header]
                for col in missing:
                    reason = f"required column {col!r} is missing (has the format changed?)"
                    self.problems.append(base.problem(name, "header", col, reason, line=1))
                if missing:
                    return
                line, number = rows.line_num + 1, 0
                for cells in rows:
                    if any(c.strip() for c in cells):  # not a blank line
                        number += 1
                        self._row(name, stem, spec, header, cells, number, line)
                    line = rows.line_num + 1
        except (csv.Error, UnicodeDecodeError, OSError, zipfile.BadZipFile, EOFError) as exc:
            reason = f"the file cannot be read from here on ({exc}); is it truncated?"
            self.problems.append(base.problem(name, f"at line {line}", None, reason, line=line))

    def _row(
        self,
        name: str,
        stem: str,
        spec: _File,
        header: list[str],
        cells: list[str],
        number: int,
        line: int,
    ) -> None:
        row = dict(zip(header, cells, strict=False))
        model = row.get(MODEL, "")
        key = row.get(spec.key, "").strip() if spec.key else f"{model}#{number}"
        label = f"{key} ({model.strip()})" if spec.key and model.strip() else key
        record = f"{stem}:{key}"

        def bad(column: str | None, reason: str) -> None:
            self.problems.append(base.problem(name, label or f"row {number}", column, reason, line))

        if len(cells) != len(header):
            first_missing = header[len(cells)] if len(cells) < len(header) else None
            bad(first_missing, f"the row has {len(cells)} fields, the header {len(header)}")
            return
        if not model.strip():
            self.skipped.append((record, f"no {MODEL}"))
            return
        if not key:
            bad(spec.key, "no id")
            return
        raw = row[spec.score].strip()
        if not raw:
            self.skipped.append((record, f"no {spec.score}"))
            return
        unit = unit_of(spec.benchmark)
        score = _number(raw, spec.scale)
        if score is None:
            bad(spec.score, f"{raw!r} is not a number")
            return
        if unit == PERCENT and not 0.0 <= score <= 100.0:
            bad(spec.score, f"{raw!r} is {score:g} percent, outside 0-100")
            return
        if unit != "index" and score < 0:
            bad(spec.score, f"{raw!r} is negative")
            return
        stderr = None
        if spec.stderr and row.get(spec.stderr, "").strip():
            stderr = _number(row[spec.stderr].strip(), spec.stderr_scale)
            if stderr is None or stderr < 0:
                bad(spec.stderr, f"{row[spec.stderr]!r} is not a standard error")
                return
        own_date = row.get(spec.date, "").strip()[:10] if spec.date else ""
        if own_date and not _DATE.fullmatch(own_date):
            bad(spec.date, f"{row[spec.date or '']!r} is not a date")
            return
        release = row.get("Release date", "").strip()
        if release and not _DATE.fullmatch(release):
            bad("Release date", f"{release!r} is not a date (YYYY-MM-DD)")
            return

        effort, budget, mode = _suffix(model)
        settings = "; ".join(s for s in (mode, _cell(row, spec.settings)) if s)
        reported_by, url = EPOCH, spec.url
        if spec.kind == "external":
            reported_by = _cell(row, spec.source) or spec.reported_by
            url = _cell(row, spec.link) or spec.url
        fields: dict[str, object] = {
            "name": model,
            "benchmark": spec.benchmark,
            "score": score,
            "vendor_hint": _cell(row, "Organization"),
            "effort": effort,
            "thinking_budget": budget,
            "harness": _cell(row, spec.harness),
            "settings": settings,
            "stderr": stderr,
            "notes": _notes(spec, row),
            "release_date": release,
        }
        self.pending.append((fields, (reported_by, url, record), own_date))

    def finish(self) -> base.Reading:
        dated = [d for *_, d in self.pending if d]
        released = [str(f["release_date"]) for f, *_ in self.pending if f["release_date"]]
        snapshot = max(dated or released or [""])
        reading = base.Reading(INFO, snapshot, skipped=self.skipped, problems=self.problems)
        for fields, (reported_by, url, record), own_date in self.pending:
            prov = base.Provenance(base.THIRD_PARTY, reported_by, url, own_date or snapshot, record)
            reading.results.append(base.ResultRecord(provenance=prov, **fields))  # type: ignore[arg-type]
        return reading


def _suffix(model: str) -> tuple[str, str, str]:
    """(effort, thinking budget, mode) stated by the suffix of a ``Model version``."""
    head, sep, tail = model.strip().rpartition("_")
    if not sep or not head:
        return "", "", ""
    if tail in EFFORTS:
        return tail, "", ""
    if _BUDGET.fullmatch(tail):
        return "", tail, ""
    if tail == "thinking":
        return "", "", "thinking"
    return "", "", ""


def _number(raw: str, scale: float) -> float | None:
    """``raw`` times ``scale``, rounded past float noise (0.298 * 100 is 29.8); None if not a
    finite number."""
    try:
        value = round(float(raw) * scale, 10)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _cell(row: dict[str, str], column: str | None) -> str:
    return " ".join(row.get(column, "").split()) if column else ""


def _notes(spec: _File, row: dict[str, str]) -> str:
    if spec.run:
        viewer = _cell(row, "Log viewer")
        logs = _cell(row, "Logs")
        return f"log viewer: {viewer}" if viewer else (f"logs: {logs}" if logs else "")
    if spec.kind == "index":
        return "Epoch AI's own index, fitted across benchmarks"
    listed = _cell(row, spec.listed_as)
    parts: Iterable[str] = (
        COPIED,
        f"listed as {listed}" if listed and listed != row[MODEL].strip() else "",
        _metr_interval(row) if spec.benchmark == "metr-time-horizon" else "",
        _cell(row, "Notes"),
    )
    return "; ".join(p for p in parts if p)


def _metr_interval(row: dict[str, str]) -> str:
    low, high = _cell(row, "CI_low"), _cell(row, "CI_high")
    return f"confidence interval {low}-{high} minutes" if low and high else ""
