"""The Epoch AI Benchmarking Hub connector against the real snapshot, a zip of it, and damaged
copies."""

from __future__ import annotations

import csv
import shutil
import zipfile
from pathlib import Path

import pytest

from advisor.sources import epoch
from advisor.sources.base import ResultRecord
from advisor.sources.benchmarks import SOURCE_BENCHMARKS

SNAPSHOT = Path(__file__).resolve().parents[2] / "data" / "sources" / "epoch" / "benchmark_data"

COUNTS = {
    "gpqa-diamond": 157,
    "simpleqa-verified": 41,
    "swe-bench-verified": 25,
    "otis-mock-aime": 130,
    "frontiermath": 89,
    "frontiermath-tier-4": 59,
    "math-level-5": 108,
    "chess-puzzles": 31,
    "terminal-bench-2": 170,
    "aider-polyglot": 72,
    "humanitys-last-exam": 43,
    "osworld": 19,
    "webdev-arena": 32,
    "metr-time-horizon": 46,
    "arc-agi-2": 118,
    "gso": 26,
    "simplebench": 71,
    "fiction-livebench-120k": 42,
    "the-agent-company": 16,
    "apex-agents": 23,
    "cybench": 22,
    "epoch-capabilities-index": 348,
}


@pytest.fixture(scope="module")
def reading():
    return epoch.read(SNAPSHOT)


def by_record(reading, source_record: str) -> ResultRecord:
    (found,) = [r for r in reading.results if r.provenance.source_record == source_record]
    return found


def copy_of_snapshot(tmp_path: Path) -> Path:
    folder = tmp_path / "benchmark_data"
    shutil.copytree(SNAPSHOT, folder)
    return folder


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(reading, file: str) -> list:
    return [p for p in reading.problems if p.file == file]


# --- the real snapshot -------------------------------------------------------------------------


def test_info():
    info = epoch.INFO
    assert (info.key, info.title, info.licence, info.layout) == (
        "epoch",
        "Epoch AI Benchmarking Hub",
        "CC-BY-4.0",
        "folder",
    )
    assert info.homepage == "https://epoch.ai/benchmarks"
    assert info.credit == "Epoch AI, AI Benchmarking Hub"
    assert info.download_url == "https://epoch.ai/data/benchmark_data.zip"


def test_counts_per_benchmark(reading):
    counts: dict[str, int] = {}
    for r in reading.results:
        counts[r.benchmark] = counts.get(r.benchmark, 0) + 1
    assert counts == COUNTS
    assert set(counts) <= set(SOURCE_BENCHMARKS)


def test_snapshot_reads_clean(reading):
    assert reading.problems == []
    assert reading.snapshot_date == "2026-04-17"  # frontiermath's newest "Started at"
    assert reading.info is epoch.INFO


def test_first_gpqa_row(reading):
    r = reading.results[[x.benchmark for x in reading.results].index("gpqa-diamond")]
    assert r.name == "gpt-5.4-mini-2026-03-17_high"
    assert r.score == pytest.approx(83.5859, abs=1e-4)
    assert r.stderr == pytest.approx(2.2274, abs=1e-4)
    assert (r.effort, r.thinking_budget) == ("high", "")
    assert r.release_date == "2026-03-17"
    assert r.vendor_hint == ""
    p = r.provenance
    assert p.source_record == "gpqa_diamond:AQF46S9hBhosKPEMy3fyB9"
    assert p.source_date == "2026-04-15"
    assert (p.source_kind, p.reported_by, p.source_url) == (
        "third_party",
        "Epoch AI",
        "https://epoch.ai/benchmarks",
    )
    assert "https://logs.epoch.ai/inspect-viewer/" in r.notes
    assert "AQF46S9hBhosKPEMy3fyB9.eval" in r.notes


def test_thinking_budget_suffix(reading):
    r = next(
        x
        for x in reading.results
        if x.benchmark == "gpqa-diamond" and x.name == "claude-sonnet-4-6_32K"
    )
    assert (r.effort, r.thinking_budget) == ("", "32K")
    assert r.score == pytest.approx(87.37373737, abs=1e-6)
    assert r.vendor_hint == "Anthropic"


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ("claude-opus-4-7_xhigh", ("xhigh", "", "")),
        ("claude-opus-4-6_max", ("max", "", "")),
        ("gpt-5.1-2025-11-13_none", ("none", "", "")),
        ("gpt-5-2025-08-07_minimal", ("minimal", "", "")),
        ("claude-opus-4-6_120K", ("", "120K", "")),
        ("gemini-2.5-flash-preview-09-2025_16k", ("", "16k", "")),
        ("DeepSeek-V3.2-Exp_thinking", ("", "", "thinking")),
        ("claude-opus-4-6_unknown", ("", "", "")),
        ("Qwen-1_8B", ("", "", "")),
        ("gpt-5.3-codex", ("", "", "")),
    ],
)
def test_suffix(model, expected):
    assert epoch._suffix(model) == expected


def test_names_are_verbatim(reading):
    assert any(r.name == "claude-opus-4-6_unknown" for r in reading.results)
    assert any(r.name == "Llama-2-70b-hf " for r in reading.results)  # ECI's own trailing space


def test_terminal_bench_row_with_harness_and_source_link(reading):
    r = by_record(reading, "terminalbench_external:recIsprMd6SFvZAf1")
    assert (r.name, r.benchmark, r.harness) == (
        "gemini-3.1-pro-preview",
        "terminal-bench-2",
        "Forge Code",
    )
    assert r.score == pytest.approx(78.4)
    assert r.stderr == pytest.approx(1.8)
    assert r.vendor_hint == "Google DeepMind"
    p = r.provenance
    assert p.reported_by == "Terminal-Bench v2 Leaderboard"
    assert p.source_url == "https://www.tbench.ai/leaderboard/terminal-bench/2.0"
    assert p.source_date == "2026-03-02"  # its Run date
    assert "copied by Epoch AI, AI Benchmarking Hub" in r.notes


def test_external_row_without_source_falls_back(reading):
    r = by_record(reading, "terminalbench_external:recwQlLxqWmKqLyki")
    assert r.harness == "Terminus-KIRA"
    assert r.provenance.reported_by == "Terminal-Bench v2 Leaderboard"
    assert r.provenance.source_url == "https://www.tbench.ai/leaderboard/terminal-bench/2.0"


def test_external_units_and_columns(reading):
    aider = by_record(reading, "aider_polyglot_external:recpcTosmykQScJV3")  # already percent
    assert (aider.name, aider.score, aider.harness, aider.effort) == (
        "gpt-oss-120b_high",
        41.8,
        "diff",
        "high",
    )
    assert aider.provenance.reported_by == "Aider LLM Leaderboards"
    assert aider.provenance.source_url == "https://aider.chat/docs/leaderboards/"  # link blank
    linked = by_record(reading, "aider_polyglot_external:recGIpKLux7lz5yX2")
    assert linked.provenance.source_url == (
        "https://aider.chat/docs/leaderboards/#polyglot-leaderboard"
    )
    dated = by_record(reading, "aider_polyglot_external:reck6CxUeYWlXRAHn")
    assert (dated.score, dated.harness, dated.provenance.source_date) == (
        32.9,
        "whole",
        "2024-12-22",
    )

    hle = by_record(reading, "hle_external:recRaT3ySEJuEiBMU")  # fractions
    assert (hle.name, hle.effort) == ("claude-opus-4-6_max", "max")
    assert hle.score == pytest.approx(34.44)
    assert hle.stderr == pytest.approx(1.86)
    assert hle.provenance.source_date == "2026-04-17"  # no date in the file: the snapshot's

    metr = next(
        r for r in reading.results if r.name == "gpt-4-0314" and r.benchmark == "metr-time-horizon"
    )
    assert metr.score == pytest.approx(5.364045)  # minutes already

    arena = by_record(reading, "webdev_arena_external:rec42aGstj0e6Rset")
    assert arena.score == pytest.approx(1556.29)  # Elo

    apex = by_record(reading, "apex_agents_external:reczzlxSFDj7WbeiO")
    assert (apex.score, apex.stderr) == (pytest.approx(29.8), pytest.approx(3.6))

    gso = by_record(reading, "gso_external:recjWm0x4FyWwetTo")
    assert (gso.score, gso.harness, gso.provenance.source_date) == (
        pytest.approx(33.33),
        "OpenHands",
        "2026-02-11",
    )

    company = by_record(reading, "the_agent_company_external:recsHmIt77Rr4LD4D")  # UUID column
    assert company.score == pytest.approx(34.4)
    assert company.provenance.source_date == "2024-12-17"
    assert company.provenance.source_url.startswith("https://github.com/TheAgentCompany/")

    cyber = by_record(reading, "cybench_external:recWoHNahp8uxAsGZ")
    assert cyber.score == pytest.approx(93.0)
    assert cyber.provenance.reported_by == "Opus 4.6 System Card"

    osworld = by_record(reading, "os_world_external:claude-sonnet-4-5-20250929#2")  # no id column
    assert (osworld.score, osworld.harness, osworld.provenance.source_date) == (
        62.9,
        "claude-sonnet-4-5-20250929 (100 steps)",
        "2025-10-30",
    )

    eci = by_record(reading, "epoch_capabilities_index:muse-spark#4")
    assert eci.score == pytest.approx(154.4360527684353)
    assert eci.provenance.reported_by == "Epoch AI"
    assert eci.provenance.source_url == "https://epoch.ai/benchmarks/eci"


def test_every_percent_figure_in_range(reading):
    for r in reading.results:
        if SOURCE_BENCHMARKS[r.benchmark]["unit"] == "percent":
            assert 0 <= r.score <= 100, r
        assert r.provenance.source_kind == "third_party"
        assert len(r.provenance.source_date) == 10


def test_duplicates_are_kept(reading):
    opus = [
        r
        for r in reading.results
        if r.benchmark == "swe-bench-verified" and r.name == "claude-opus-4-6"
    ]
    assert sorted(r.provenance.source_record for r in opus) == [
        "swe_bench_verified:2hH2GAPUFaJR7pfVKhhicg",
        "swe_bench_verified:aQiAg6mt8HPHXjKcJvax2d",
    ]


def test_skips(reading):
    reasons = dict(reading.skipped)
    for name in (
        "README.md",
        "mmlu_external.csv",
        "gsm8k_external.csv",
        "additional_eci_data/eci_scaling.csv",
    ):
        assert reasons[name] == "not a benchmark the catalogue uses"
    assert not any(k.startswith(("gpqa_diamond.csv", "hle_external.csv")) for k in reasons)
    no_model = [k for k, why in reading.skipped if why == "no Model version"]
    assert len(no_model) == 53
    assert "os_world_external:#1" in no_model
    assert sum(why == "no ECI Score" for _, why in reading.skipped) == 243
    assert sum(why == "no 120k token score" for _, why in reading.skipped) == 19


def test_provenance_round_trip(reading):
    """Every record is found again in the raw CSV: same model, same figure."""
    files: dict[str, list[dict[str, str]]] = {}
    for r in reading.results:
        stem, key = r.provenance.source_record.split(":", 1)
        if stem not in files:
            with open(SNAPSHOT / f"{stem}.csv", encoding="utf-8", newline="") as handle:
                files[stem] = list(csv.DictReader(handle))
        rows = files[stem]
        spec = epoch._FILES[stem]
        if spec.key:
            (row,) = [x for x in rows if x[spec.key] == key]
        else:
            model, number = key.rsplit("#", 1)
            row = rows[int(number) - 1]
            assert row["Model version"] == model
        assert row["Model version"] == r.name
        assert float(row[spec.score]) * spec.scale == pytest.approx(r.score)
        assert SOURCE_BENCHMARKS[r.benchmark]["benchmark"] == epoch.FILES[stem]


# --- the zip -----------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "benchmark_data/", "export/benchmark_data/"])
def test_zip_reads_the_same(tmp_path, reading, prefix):
    archive = tmp_path / "benchmark_data.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        if prefix:
            z.writestr(prefix, "")  # a directory entry
        for file in sorted(SNAPSHOT.rglob("*")):
            if file.is_file():
                z.write(file, prefix + file.relative_to(SNAPSHOT).as_posix())
    zipped = epoch.read(archive)
    assert zipped.results == reading.results
    assert zipped.skipped == reading.skipped
    assert zipped.problems == []
    assert zipped.snapshot_date == reading.snapshot_date


def test_not_a_zip_or_missing(tmp_path):
    bogus = tmp_path / "benchmark_data.zip"
    bogus.write_bytes(b"not a zip")
    for path in (bogus, tmp_path / "nowhere"):
        got = epoch.read(path)
        assert got.results == []
        assert len(got.problems) == 1
        assert got.problems[0].file == path.name


# --- damaged copies ----------------------------------------------------------------------------


def test_renamed_required_column(tmp_path):
    folder = copy_of_snapshot(tmp_path)
    rewrite(folder / "gpqa_diamond.csv", "Model version,mean_score,", "Model version,mean score,")
    got = epoch.read(folder)
    (p,) = problems_of(got, "gpqa_diamond.csv")
    assert (p.column, p.line) == ("mean_score", 1)
    assert "header" in p.reason and "missing" in p.reason
    assert not any(r.benchmark == "gpqa-diamond" for r in got.results)
    assert len(got.results) == sum(COUNTS.values()) - COUNTS["gpqa-diamond"]


def test_renamed_harness_column(tmp_path):
    folder = copy_of_snapshot(tmp_path)
    rewrite(
        folder / "terminalbench_external.csv", "Model version,Agent,", "Model version,Agent name,"
    )
    (p,) = epoch.read(folder).problems
    assert (p.file, p.column) == ("terminalbench_external.csv", "Agent")


def test_truncated_row(tmp_path):
    folder = copy_of_snapshot(tmp_path)
    path = folder / "gpqa_diamond.csv"
    text = path.read_text(encoding="utf-8")
    cut = text.index("fZB3qGSohAVYzN97mniuUp.eval") - 40  # inside the second row's Log viewer
    path.write_text(text[:cut], encoding="utf-8")
    got = epoch.read(folder)
    (p,) = problems_of(got, "gpqa_diamond.csv")
    assert p.line == 3
    assert "gpt-5.4-nano-2026-03-17_high" in p.reason
    assert p.column == "Logs"  # the first column the row does not reach
    gpqa = [r for r in got.results if r.benchmark == "gpqa-diamond"]
    assert [r.provenance.source_record for r in gpqa] == ["gpqa_diamond:AQF46S9hBhosKPEMy3fyB9"]


def test_truncated_inside_a_quoted_field(tmp_path):
    folder = copy_of_snapshot(tmp_path)
    path = folder / "math_level_5.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("Likely around 6e25") + 10], encoding="utf-8")
    got = epoch.read(folder)
    (p,) = problems_of(got, "math_level_5.csv")
    assert p.line == 3 and "truncated" in p.reason
    assert [r.name for r in got.results if r.benchmark == "math-level-5"] == [
        "gpt-5-mini-2025-08-07_high"
    ]


def test_unreadable_bytes(tmp_path):
    folder = copy_of_snapshot(tmp_path)
    (folder / "chess_puzzles.csv").write_bytes(b"Model version,mean_score\n\xff\xfe\x00bad\n")
    got = epoch.read(folder)
    assert problems_of(got, "chess_puzzles.csv")
    assert not any(r.benchmark == "chess-puzzles" for r in got.results)


@pytest.mark.parametrize("value", ["n/a", "nan", "inf", "83%"])
def test_score_not_a_number(tmp_path, value):
    folder = copy_of_snapshot(tmp_path)
    rewrite(folder / "gpqa_diamond.csv", "_high,0.8358585858585859,", f"_high,{value},")
    got = epoch.read(folder)
    (p,) = got.problems
    assert (p.file, p.column, p.line) == ("gpqa_diamond.csv", "mean_score", 2)
    assert "AQF46S9hBhosKPEMy3fyB9" in p.reason and "gpt-5.4-mini-2026-03-17_high" in p.reason
    assert "not a number" in p.reason
    assert len(got.results) == sum(COUNTS.values()) - 1


def test_percent_above_100(tmp_path):
    folder = copy_of_snapshot(tmp_path)
    rewrite(
        folder / "aider_polyglot_external.csv",
        "gpt-oss-120b_high,41.8,",
        "gpt-oss-120b_high,141.8,",
    )
    rewrite(
        folder / "hle_external.csv",
        "gemini-3-pro-preview,0.37520000000000003,",
        "gemini-3-pro-preview,1.5,",
    )
    got = epoch.read(folder)
    aider, hle = sorted(got.problems, key=lambda p: p.file)
    assert (aider.file, aider.column) == ("aider_polyglot_external.csv", "Percent correct")
    assert "recpcTosmykQScJV3" in aider.reason and "outside 0-100" in aider.reason
    assert (hle.file, hle.column) == ("hle_external.csv", "Accuracy")
    assert "recXvAi7z6kYifmzb" in hle.reason and "150 percent" in hle.reason


def test_negative_elo_and_bad_stderr(tmp_path):
    folder = copy_of_snapshot(tmp_path)
    rewrite(
        folder / "webdev_arena_external.csv",
        "claude-opus-4-6_unknown,1556.29,",
        "claude-opus-4-6_unknown,-1556.29,",
    )
    rewrite(folder / "gpqa_diamond.csv", ",0.022274469189069883,", ",-0.02,")
    got = epoch.read(folder)
    assert sorted((p.file, p.column) for p in got.problems) == [
        ("gpqa_diamond.csv", "stderr"),
        ("webdev_arena_external.csv", "Arena Score"),
    ]


def test_bad_date(tmp_path):
    folder = copy_of_snapshot(tmp_path)
    rewrite(folder / "gpqa_diamond.csv", ",2026-04-15T14:03:19.000Z,", ",15/04/2026,")
    (p,) = epoch.read(folder).problems
    assert (p.file, p.column) == ("gpqa_diamond.csv", "Started at")
