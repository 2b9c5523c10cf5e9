"""Epoch AI Benchmarking Hub: the CSVs of https://epoch.ai/data/benchmark_data.zip, unzipped or
as the zip itself.

Two kinds of file land on catalogue benchmarks. Epoch's own runs (``gpqa_diamond.csv`` …) give
``mean_score`` and ``stderr`` as fractions, the run's ``Started at`` and ``id``, and put the
reasoning effort or thinking budget after the last "_" of ``Model version``. The
``*_external.csv`` files are Epoch's copies of other leaderboards, or of papers' tables (MMLU,
GSM8K …), each with its own columns and units (checked file by file against the data: see
``_FILES``); their figures are credited to the leaderboard or paper named in their ``Source``
column, else to the leaderboard the file copies, else (files gathered from papers) to
"Epoch AI Benchmarking Hub (no source named)". A file's setting column goes into ``settings``,
labelled where its value alone says nothing ("shots: 5", "frames: 64.0", "tools: Search").
``epoch_capabilities_index.csv`` is Epoch's own index. A file whose figures cannot be read with
confidence is skipped whole with the reason (``_UNREAD``); every other file is skipped whole as
not a benchmark the catalogue uses.

``source_record`` is ``"{file stem}:{key}"``; the key is the row's ``id`` (``UUID`` in
``the_agent_company_external``) or, in files with no id column (``os_world_external``,
``posttrainbench_external``, ``epoch_capabilities_index``), ``"{Model version}#{n}"`` with ``n``
the data row's number (1 is the first row after the header). Blank scores and rows with no
``Model version`` are skipped with their reason; anything unreadable is a problem and its record
is left out.

The capabilities index is also a model registry: each of its rows with a ``Release date`` on or
after 2023-01-01 and a ``Model accessibility`` other than "Unreleased" is also an
``AttributeRecord`` with ``registry=True``, whether or not it has an ECI score. Its name is the
``Model version`` verbatim, its vendor hint the first organisation of the comma-separated
``Organization`` as written ("Google DeepMind,Google" -> "Google DeepMind"), its channel "".
Attributes: ``display_name`` (``Model name`` stripped; none when blank), ``release_date``, and
``open_weights``: true for "Open weights …", false for "API access" and "Hosted access (no
API)", absent otherwise. Provenance: Epoch AI, the ECI page, the snapshot's date, and the same
``source_record`` as the row's ECI result. One record per row; the consumer dedups.
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
# Credit for a figure gathered from papers whose row names no source.
UNNAMED = "Epoch AI Benchmarking Hub (no source named)"
HUB = "https://epoch.ai/benchmarks"
ECI_URL = "https://epoch.ai/benchmarks/eci"
# The capabilities index as a model registry: rows released from this date on, not unreleased.
REGISTRY_FROM = "2023-01-01"
UNRELEASED = "Unreleased"
OPEN_WEIGHTS = "Open weights"  # "Open weights (unrestricted)", "(restricted use)" …
CLOSED = frozenset({"API access", "Hosted access (no API)"})

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
    settings: str | None = None  # a column stating how the figure was obtained
    settings_label: str = ""  # its name in ``settings`` ("shots" -> "shots: 5"); "" the value
    listed_as: str | None = None  # the leaderboard's own name for the model
    cost: str | None = None  # the run's cost per task, USD
    seconds: str | None = None  # the run's time per task, seconds

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
        HUB,
        kind="run",
        stderr="stderr",
        stderr_scale=100.0,
        date="Started at",
    )


def _papers(benchmark: str, score: str, shots: bool = True) -> _File:
    """A file Epoch gathered from papers and HELM: fractions, the paper in ``Source``, the shot
    count in ``Shots``, the paper's own model name in ``Name``."""
    return _File(
        benchmark,
        score,
        100.0,
        UNNAMED,
        HUB,
        source="Source",
        link="Source link",
        settings="Shots" if shots else None,
        settings_label="shots" if shots else "",
        listed_as="Name",
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
        cost="Cost",  # per exercise, USD (the leaderboard's total over its 225 exercises)
        seconds="Time per case (seconds)",
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
    "weirdml_external": _File(  # fractions (0.0173-0.793; gpt-5.2 xhigh 0.722 = v2's 72.2%)
        # "Accuracy SE" (0.00009-0.0003, 16 rows) is too small to be a standard error of these
        # fractions: not read.
        "weirdml",
        "Accuracy",
        100.0,
        "WeirdML Leaderboard",
        "https://htihle.github.io/weirdml.html",
        source="Source",
        link="Source link",
    ),
    "arc_agi_external": _File(  # ARC-AGI-1 (not -2); fractions (0.0-0.98; o3 high 0.608)
        "arc-agi-1",
        "Score",
        100.0,
        "ARC Prize leaderboard",
        "https://arcprize.org/leaderboard",
        source="Source",
        link="Source link",
        listed_as="Name",
    ),
    "video_mme_external": _File(  # fractions (0.379-0.797; Gemini 1.5 Pro 0.75 = 75.0%)
        "video-mme",
        "Overall (no subtitles)",
        100.0,
        "Video-MME leaderboard",
        "https://video-mme.github.io/home_page.html#leaderboard",
        source="Source",
        link="Source link",
        settings="Frames",
        settings_label="frames",
        listed_as="Name",
    ),
    "vpct_external": _File(  # fractions (0.3-0.91)
        "vpct",
        "Correct",
        100.0,
        "VPCT leaderboard",
        "https://cbrower.dev/vpct",
        source="Source",
        link="Source link",
    ),
    "geobench_external": _File(  # points already (2131-4333; medians up to 4671), not percent
        "geobench",
        "ACW Avg Score",
        1.0,
        "GeoBench leaderboard",
        "https://geobench.org/",
        source="Source",
        link="Source link",
        settings="Tools",
        settings_label="tools",
    ),
    "balrog_external": _File(  # fractions (0.037-0.481), standard errors too (0.008-0.024):
        # GPT-4o 0.323 and 0.015 are the BALROG paper's 32.34 +- 1.49.
        "balrog",
        "Average progress",
        100.0,
        "BALROG leaderboard",
        "https://balrogai.com/",
        stderr="Average Standard error",
        stderr_scale=100.0,
        date="Date added",
        source="Source",
        link="Source link",
    ),
    "posttrainbench_external": _File(  # "Average (%)" holds fractions (0.0725-0.2316; Opus 4.6
        # with Claude Code 0.2316 = the leaderboard's 23.2). "Average SD (%)" is a standard
        # deviation across runs, not a standard error: not read. No id, source or date column.
        "posttrainbench",
        "Average (%)",
        100.0,
        "PostTrainBench leaderboard",
        "https://posttrainbench.com/",
        key=None,
        harness="Scaffold",
        listed_as="Name",
    ),
    "cad_eval_external": _File(  # "Overall pass (%)" holds fractions (0.12-0.74; o3 0.74 = 37
        # of the 50 "Total tasks" in "Total Passes")
        "cadeval",
        "Overall pass (%)",
        100.0,
        "CadEval Dashboard",
        "https://willpatrick.xyz/cadevalresults_20250422_095709/",
        source="Source",
        link="Source link",
    ),
    "gdpval_external": _File(  # "Win + tie rate (%)" holds fractions (0.123-0.709; Claude Opus
        # 4.1 0.47576 = OpenAI's 47.6% wins or ties); "Win Rate (%)" (wins alone) is not read.
        # No source column: the figures are OpenAI's, who run GDPval's expert grading.
        "gdpval",
        "Win + tie rate (%)",
        100.0,
        "OpenAI GDPval",
        "https://openai.com/index/gdpval/",
        listed_as="Name",
    ),
    # Gathered from papers and HELM, all fractions (a row checked against its paper):
    "mmlu_external": _papers("mmlu", "EM"),  # 0.239-0.881; DeepSeek-V3 Base 0.871 = 87.1
    "gsm8k_external": _papers("gsm8k", "EM"),  # 0.0-0.945; Gemma 7B 0.464 = 46.4
    "wino_grande_external": _papers("winogrande", "Accuracy"),  # 0.515-0.892; GPT-4 0.875
    "hella_swag_external": _papers("hellaswag", "Overall accuracy"),  # 0.4-0.953; GPT-3 0.789
    "arc_ai2_external": _papers("arc-challenge", "Challenge score"),  # 0.232-0.963; LLaMA 65B
    # 0.56 = 56.0 ("Easy score", the easy set, is not read)
    "bool_q_external": _papers("boolq", "Score"),  # 0.0-0.912; Gemma 7B 0.832 = 83.2
    "bbh_external": _papers("bbh", "Average"),  # 0.201-0.892; Gemma 7B 0.551 = 55.1
    "piqa_external": _papers("piqa", "Score"),  # 0.637-0.901; Gemma 7B 0.812 = 81.2
    "science_qa_external": _File(  # fractions (0.3451-0.9618; GPT-3 0-shot 0.7404 = 74.04)
        "scienceqa",
        "Score",
        100.0,
        "ScienceQA leaderboard",
        "https://scienceqa.github.io/leaderboard.html",
        source="Source",
        link="Source link",
        listed_as="Name",
    ),
    "trivia_qa_external": _papers("triviaqa", "EM"),  # 0.435-0.876; Gemma 7B 0.634 = 63.4
    "open_book_qa_external": _papers("openbookqa", "Accuracy"),  # 0.224-0.88; GPT-3 0.576
    "superglue_external": _papers("superglue", "Score", shots=False),  # 0.633-0.889 of
    # SuperGLUE's 0-100 score: T5-11B 0.889 = 88.9. No shots column.
    "common_sense_qa_2_external": _papers("commonsenseqa-2", "Score"),  # 0.5-0.702; GPT-3 0.529
    "lambada_external": _papers("lambada", "Score"),  # 0.218-0.8715; GPT-3 0-shot 0.762 = 76.2
    "epoch_capabilities_index": _File(
        "epoch-capabilities-index",
        "ECI Score",
        1.0,
        EPOCH,
        ECI_URL,
        kind="index",
        key=None,
    ),
}
# Files left out whole: their figures cannot be read with confidence.
_UNREAD: dict[str, str] = {
    # Mean grades on a 10-point scale (6.05-8.729), but of two versions of the leaderboard and
    # no column tells them apart: rows 32-46 are the V4 rubric (Kimi K2-0905 8.729, GPT-5 8.723
    # as in the V4 README), rows 1-31 (two decimals) appear to be an earlier one, and
    # Llama-4-Maverick is in both (6.2 and 6.37).
    "lech_mazur_writing_external": "mixes two versions of the leaderboard with no column "
    "telling them apart",
    # 13 rows credited to the continuously updated DRB leaderboard (o3 0.466), 10 with no source
    # (sonar 0.3775 …); FutureSearch says its paper version (DRB-250506, o3 0.51) and the
    # leaderboard are not comparable, and nothing says which version those 10 rows are.
    "deepresearchbench_external": "mixes rows of the DRB leaderboard with rows of no stated "
    "source or version",
    # "Score" is round 2 in the MT-NLG rows (GPT-3 0.354 = ANLI R2), an unstated aggregate in
    # the Phi-3 rows, and UNICORN's 0.873 comes from the Rainbow paper, whose NLI task is
    # abductive NLI (αNLI), another benchmark; the R1-R3 columns are empty.
    "adversarial_nli_external": "the score column mixes ANLI rounds and another benchmark",
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
        # (name, attributes, vendor hint, source_record) of the capabilities index's models
        self.registry: list[tuple[str, dict[str, object], str, str]] = []
        self.skipped: list[tuple[str, str]] = []
        self.problems: list[ImportProblem] = []

    def read_all(self, entries: Iterable[tuple[str, _Opener]]) -> None:
        for name, opener in entries:
            stem = name.removesuffix(".csv") if name.endswith(".csv") else ""
            spec = _FILES.get(stem) if "/" not in name else None
            if spec is None:
                self.skipped.append((name, _UNREAD.get(stem, NOT_USED)))
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
        release = row.get("Release date", "").strip()
        if release and not _DATE.fullmatch(release):
            bad("Release date", f"{release!r} is not a date (YYYY-MM-DD)")
            return
        if spec.kind == "index" and release >= REGISTRY_FROM:
            self._registry_entry(row, model, release, record)
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

        per_task = {}
        for field, column in (("cost_per_task_usd", spec.cost), ("seconds_per_task", spec.seconds)):
            text = row.get(column, "").strip() if column else ""
            if text:
                value = _number(text, 1.0)
                if value is None or value < 0:
                    bad(column or "", f"{text!r} is not a cost or a time")
                    return
                per_task[field] = value
        effort, budget, mode = _suffix(model)
        setting = _cell(row, spec.settings)
        if setting and spec.settings_label:
            setting = f"{spec.settings_label}: {setting}"
        settings = "; ".join(s for s in (mode, setting) if s)
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
            **per_task,
            "notes": _notes(spec, row),
            "release_date": release,
        }
        self.pending.append((fields, (reported_by, url, record), own_date))

    def _registry_entry(self, row: dict[str, str], model: str, release: str, record: str) -> None:
        """The capabilities index's row as a registry entry, unless the model is unreleased."""
        access = row.get("Model accessibility", "").strip()
        if access == UNRELEASED:
            return
        attributes: dict[str, object] = {"release_date": release}
        if display := row.get("Model name", "").strip():
            attributes["display_name"] = display
        if access.startswith(OPEN_WEIGHTS):
            attributes["open_weights"] = True
        elif access in CLOSED:
            attributes["open_weights"] = False
        vendor = row.get("Organization", "").split(",")[0].strip()  # the first organisation
        self.registry.append((model, attributes, vendor, record))

    def finish(self) -> base.Reading:
        dated = [d for *_, d in self.pending if d]
        released = [str(f["release_date"]) for f, *_ in self.pending if f["release_date"]]
        snapshot = max(dated or released or [""])
        reading = base.Reading(INFO, snapshot, skipped=self.skipped, problems=self.problems)
        for fields, (reported_by, url, record), own_date in self.pending:
            prov = base.Provenance(base.THIRD_PARTY, reported_by, url, own_date or snapshot, record)
            reading.results.append(base.ResultRecord(provenance=prov, **fields))  # type: ignore[arg-type]
        for name, attributes, vendor, record in self.registry:
            prov = base.Provenance(base.THIRD_PARTY, EPOCH, ECI_URL, snapshot, record)
            reading.attributes.append(
                base.AttributeRecord(name, prov, attributes, vendor, channel="", registry=True)
            )
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
