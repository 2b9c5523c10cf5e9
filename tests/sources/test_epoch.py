"""The Epoch AI Benchmarking Hub connector against the real snapshot, a zip of it, and damaged
copies: its benchmark figures, and the capabilities index as a model registry."""

from __future__ import annotations

import csv
import shutil
import zipfile
from pathlib import Path

import pytest

from advisor.domain.catalogue_format import BENCHMARKS
from advisor.sources import epoch
from advisor.sources.base import AttributeRecord, ResultRecord
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
    # the files added with the older leaderboards and papers' tables
    "weirdml": 104,
    "arc-agi-1": 117,
    "video-mme": 49,
    "vpct": 38,
    "geobench": 32,
    "balrog": 28,
    "posttrainbench": 22,
    "cadeval": 15,
    "gdpval": 11,
    "mmlu": 217,
    "gsm8k": 170,
    "winogrande": 137,
    "hellaswag": 113,
    "arc-challenge": 134,
    "boolq": 136,
    "bbh": 88,
    "piqa": 113,
    "scienceqa": 26,
    "triviaqa": 115,
    "openbookqa": 72,
    "superglue": 10,
    "commonsenseqa-2": 6,
    "lambada": 53,
}
REGISTRY_RECORDS = 547  # ECI rows released from 2023-01-01 on, not "Unreleased"


@pytest.fixture(scope="module")
def reading():
    return epoch.read(SNAPSHOT)


def by_record(reading, source_record: str) -> ResultRecord:
    (found,) = [r for r in reading.results if r.provenance.source_record == source_record]
    return found


def registry_entry(reading, source_record: str) -> AttributeRecord:
    (found,) = [r for r in reading.attributes if r.provenance.source_record == source_record]
    return found


def raw_cell(stem: str, source_record: str, column: str) -> str:
    """The cell of the raw CSV behind a record, as the file writes it."""
    with open(SNAPSHOT / f"{stem}.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    key = source_record.split(":", 1)[1]
    spec = epoch._FILES[stem]
    if spec.key:
        (row,) = [x for x in rows if x[spec.key] == key]
    else:
        row = rows[int(key.rsplit("#", 1)[1]) - 1]
    return row[column]


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
    assert set(epoch.FILES.values()) == set(COUNTS)


def test_benchmark_rows_fit_the_catalogue():
    categories = next(c for c in BENCHMARKS.columns if c.name == "category").choices
    for benchmark in COUNTS:
        row = SOURCE_BENCHMARKS[benchmark]
        assert row["category"] in categories, benchmark
        assert row["description"] and str(row["url"]).startswith("https://"), benchmark
    assert SOURCE_BENCHMARKS["geobench"]["unit"] == "points"
    assert SOURCE_BENCHMARKS["superglue"]["unit"] == "score"


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


def test_new_files_units_and_columns(reading):
    """One or two rows per newly read file, checked by hand against the raw CSV: the raw cell is
    written here with the figure it becomes."""
    weird = by_record(reading, "weirdml_external:recBg3iB5UB07x2hT")
    assert raw_cell("weirdml_external", "weirdml_external:recBg3iB5UB07x2hT", "Accuracy") == "0.722"
    assert (weird.name, weird.benchmark, weird.effort) == (
        "gpt-5.2-2025-12-11_xhigh",
        "weirdml",
        "xhigh",
    )
    assert weird.score == pytest.approx(72.2)
    assert weird.provenance.reported_by == "WeirdML Leaderboard"
    assert weird.provenance.source_url == "https://htihle.github.io/weirdml.html"
    assert weird.provenance.source_date == "2026-04-17"  # no date column: the snapshot's
    codex = by_record(reading, "weirdml_external:recSL5zN2vlWKsInd")  # "Accuracy SE" not read
    assert raw_cell("weirdml_external", "weirdml_external:recSL5zN2vlWKsInd", "Accuracy SE") == (
        "0.00016396022084974617"
    )
    assert (codex.score, codex.stderr) == (pytest.approx(79.3), None)

    arc = by_record(reading, "arc_agi_external:recyX2f3amNA4ZPUQ")
    assert raw_cell("arc_agi_external", "arc_agi_external:recyX2f3amNA4ZPUQ", "Score") == "0.608"
    assert (arc.name, arc.benchmark, arc.effort) == ("o3-2025-04-16_high", "arc-agi-1", "high")
    assert arc.score == pytest.approx(60.8)
    assert arc.provenance.reported_by == "ARC Prize Leaderboard"  # its Source column
    assert "listed as o3 (High)" in arc.notes
    unsourced = by_record(reading, "arc_agi_external:recoac8q5cQOYtiEr")  # Source blank
    assert unsourced.score == pytest.approx(94.5)  # raw 0.9450000000000001
    assert unsourced.provenance.reported_by == "ARC Prize leaderboard"
    assert unsourced.provenance.source_url == "https://arcprize.org/leaderboard"

    balrog = by_record(reading, "balrog_external:recGsilOFpcHF89qF")
    stem, record = "balrog_external", "balrog_external:recGsilOFpcHF89qF"
    assert raw_cell(stem, record, "Average progress") == "0.323"
    assert raw_cell(stem, record, "Average Standard error") == "0.015"
    assert (balrog.name, balrog.score, balrog.stderr) == (
        "gpt-4o-2024-05-13",
        pytest.approx(32.3),
        pytest.approx(1.5),
    )
    assert balrog.provenance.source_date == "2024-11-11"  # its Date added

    post = by_record(reading, "posttrainbench_external:claude-opus-4-6#1")  # no id column
    stem, record = "posttrainbench_external", "posttrainbench_external:claude-opus-4-6#1"
    assert raw_cell(stem, record, "Average (%)") == "0.2316"
    assert raw_cell(stem, record, "Average SD (%)") == "0.018000000000000002"  # not a stderr
    assert (post.score, post.harness, post.stderr) == (pytest.approx(23.16), "Claude Code", None)
    assert post.provenance.reported_by == "PostTrainBench leaderboard"
    assert "listed as Opus 4.6" in post.notes

    gdp = by_record(reading, "gdpval_external:rechImbYYM7BaW9f2")
    stem, record = "gdpval_external", "gdpval_external:rechImbYYM7BaW9f2"
    assert raw_cell(stem, record, "Win + tie rate (%)") == "0.47576"  # OpenAI's 47.6%
    assert raw_cell(stem, record, "Win Rate (%)") == "0.436"  # wins alone: not read
    assert (gdp.name, gdp.score) == ("claude-opus-4-1-20250805", pytest.approx(47.576))
    assert (gdp.provenance.reported_by, gdp.provenance.source_url) == (
        "OpenAI GDPval",
        "https://openai.com/index/gdpval/",
    )

    geo = by_record(reading, "geobench_external:recKwlVhpDLw3jftZ")  # points, not percent
    assert raw_cell(
        "geobench_external", "geobench_external:recKwlVhpDLw3jftZ", "ACW Avg Score"
    ) == ("4019")
    assert (geo.score, geo.settings) == (4019.0, "tools: Search")

    cad = by_record(reading, "cad_eval_external:receLc2LaThHq7BXT")
    stem, record = "cad_eval_external", "cad_eval_external:receLc2LaThHq7BXT"
    assert raw_cell(stem, record, "Overall pass (%)") == "0.74"
    assert (raw_cell(stem, record, "Total Passes"), raw_cell(stem, record, "Total tasks")) == (
        "37",
        "50",
    )
    assert (cad.name, cad.score) == ("o3-2025-04-16_medium", pytest.approx(74.0))

    video = by_record(reading, "video_mme_external:recyqau4pcAgM8IdV")
    stem, record = "video_mme_external", "video_mme_external:recyqau4pcAgM8IdV"
    assert raw_cell(stem, record, "Overall (no subtitles)") == "0.735"
    assert (video.name, video.score, video.settings) == (
        "Qwen2.5-VL-72B-Instruct",
        pytest.approx(73.5),
        "frames: 1024.0",
    )
    assert "listed as AdaReTaKe" in video.notes


def test_files_gathered_from_papers(reading):
    mmlu = by_record(reading, "mmlu_external:reciHYY3MaHRp7o7O")
    assert raw_cell("mmlu_external", "mmlu_external:reciHYY3MaHRp7o7O", "EM") == "0.871"
    assert (mmlu.name, mmlu.benchmark, mmlu.score, mmlu.settings) == (
        "DeepSeek-V3",
        "mmlu",
        pytest.approx(87.1),
        "shots: 5",
    )
    assert (mmlu.provenance.reported_by, mmlu.provenance.source_url) == (
        "DeepSeek-V3 Technical Report",
        "https://arxiv.org/pdf/2412.19437",
    )
    assert "listed as DeepSeek-V3 Base" in mmlu.notes

    gsm = by_record(reading, "gsm8k_external:recgxNHJ9ndu3AnUb")
    assert raw_cell("gsm8k_external", "gsm8k_external:recgxNHJ9ndu3AnUb", "EM") == "0.464"
    assert raw_cell("gsm8k_external", "gsm8k_external:recgxNHJ9ndu3AnUb", "Shots") == "8"
    assert (gsm.name, gsm.score, gsm.settings) == ("gemma-7b", pytest.approx(46.4), "shots: 8")
    assert gsm.provenance.reported_by == "Nemotron-4 15B Technical Report"
    unstated = by_record(reading, "gsm8k_external:reccmnrR6t9A5tbfZ")  # Shots blank
    assert (unstated.score, unstated.settings) == (pytest.approx(46.4), "")

    glue = by_record(reading, "superglue_external:recyISVSc8fWnwPWJ")  # a 0-100 score
    assert raw_cell("superglue_external", "superglue_external:recyISVSc8fWnwPWJ", "Score") == (
        "0.889"
    )
    assert (glue.name, glue.score, glue.settings) == ("T5-11B", pytest.approx(88.9), "")

    llama = by_record(reading, "common_sense_qa_2_external:recdvV2jdEN8V6o76")  # Source blank
    assert (llama.score, llama.settings) == (pytest.approx(50.0), "shots: few")
    assert llama.provenance.reported_by == "Epoch AI Benchmarking Hub (no source named)"
    assert llama.provenance.source_url == "https://arxiv.org/pdf/2309.13165v1"  # its link


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
        "additional_eci_data/eci_scaling.csv",
        "additional_eci_data/eci_benchmark_difficulties_and_slopes.csv",
    ):
        assert reasons[name] == "not a benchmark the catalogue uses"
    unread = {k: why for k, why in reasons.items() if k.endswith(".csv") and "/" not in k}
    assert unread == {f"{stem}.csv": why for stem, why in epoch._UNREAD.items()}
    assert set(epoch._UNREAD) == {
        "lech_mazur_writing_external",
        "deepresearchbench_external",
        "adversarial_nli_external",
    }
    assert "versions" in reasons["lech_mazur_writing_external.csv"]
    assert not any(k.startswith(("gpqa_diamond.csv", "hle_external.csv")) for k in reasons)
    assert not any(k.startswith(("mmlu_external.csv", "gsm8k_external.csv")) for k in reasons)
    no_model = [k for k, why in reading.skipped if why == "no Model version"]
    assert len(no_model) == 406
    assert "os_world_external:#1" in no_model
    assert "weirdml_external:recbUeKqIhCxmfiab" in no_model  # "Combo of deepseek-r1-0528 and …"
    assert "arc_agi_external:recM25loZNyA1teVD" in no_model  # o3-preview (Low)
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


# --- the capabilities index as a model registry ----------------------------------------------


def test_registry_records(reading):
    assert len(reading.attributes) == REGISTRY_RECORDS
    assert reading.records == sum(COUNTS.values()) + REGISTRY_RECORDS
    for a in reading.attributes:
        assert a.registry and a.channel == ""
        assert a.attributes["release_date"] >= "2023-01-01"
        stem, key = a.provenance.source_record.split(":", 1)
        assert stem == "epoch_capabilities_index" and key.rsplit("#", 1)[0] == a.name
        assert (a.provenance.source_kind, a.provenance.reported_by) == ("third_party", "Epoch AI")
        assert a.provenance.source_url == "https://epoch.ai/benchmarks/eci"
        assert a.provenance.source_date == "2026-04-17"  # the snapshot's


def test_registry_record_by_hand(reading):
    # Row 126: gemini-2.0-flash-001, 2025-02-05, "Google DeepMind,Google", API access,
    # Model name "Gemini 2.0 Flash" (Display name "Gemini 2.0 Flash (Feb 2025)" is not read).
    record = "epoch_capabilities_index:gemini-2.0-flash-001#126"
    assert raw_cell("epoch_capabilities_index", record, "Organization") == "Google DeepMind,Google"
    flash = registry_entry(reading, record)
    assert flash == AttributeRecord(
        name="gemini-2.0-flash-001",
        provenance=by_record(reading, record).provenance,  # the same key as its ECI result
        attributes={
            "release_date": "2025-02-05",
            "display_name": "Gemini 2.0 Flash",
            "open_weights": False,
        },
        vendor_hint="Google DeepMind",
        channel="",
        registry=True,
    )
    assert flash.provenance.source_date == "2026-04-17"


@pytest.mark.parametrize(
    ("record", "accessibility", "open_weights"),
    [
        ("zai-org/GLM-4.6#65", "Open weights (unrestricted)", True),
        ("starcoder2-3b#400", "Open weights (restricted use)", True),
        ("c4ai-command-r-plus-08-2024#369", "Open weights (non-commercial)", True),
        ("muse-spark#4", "API access", False),
        ("gemini-2.0-pro-exp-02-05#135", "Hosted access (no API)", False),
        ("INTELLECT-1-Instruct#387", "", None),
    ],
)
def test_registry_accessibility(reading, record, accessibility, open_weights):
    record = f"epoch_capabilities_index:{record}"
    assert raw_cell("epoch_capabilities_index", record, "Model accessibility") == accessibility
    assert registry_entry(reading, record).attributes.get("open_weights") == open_weights


def test_registry_rows_left_out_and_kept(reading):
    names = {a.name for a in reading.attributes}
    assert "grok-4-heavy-web-app" not in names  # 2025-07-10 but Unreleased
    assert "Nemotron-4 15B" not in names  # 2024-02-26 but Unreleased (it has an ECI score)
    assert "text-davinci-003" not in names  # 2022-11-28
    assert "gemini-1.0-pro-001" in names  # 2023-12-13
    # No ECI score, still a registry entry; the first of "Google,Google DeepMind".
    deep_think = registry_entry(
        reading, "epoch_capabilities_index:gemini-2.5-deep-think-2025-08-01-webapp#191"
    )
    assert (deep_think.vendor_hint, deep_think.attributes["open_weights"]) == ("Google", False)
    muse = registry_entry(reading, "epoch_capabilities_index:muse-spark#4")
    assert muse.vendor_hint == "Meta AI"  # verbatim, not mapped
    # "Model name" stripped ("GPT-5.3 Codex\n"); a blank one gives no display name.
    codex = registry_entry(reading, "epoch_capabilities_index:gpt-5.3-codex#448")
    assert codex.attributes["display_name"] == "GPT-5.3 Codex"
    mini = registry_entry(reading, "epoch_capabilities_index:gpt-5.4-mini-2026-03-17_high#2")
    assert (mini.attributes, mini.vendor_hint) == ({"release_date": "2026-03-17"}, "")


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
    assert zipped.attributes == reading.attributes
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


def test_missing_score_column_of_a_new_file(tmp_path):
    folder = copy_of_snapshot(tmp_path)
    rewrite(
        folder / "cad_eval_external.csv",
        "Model version,Overall pass (%),",
        "Model version,Overall pass,",
    )
    got = epoch.read(folder)
    (p,) = got.problems
    assert (p.file, p.column, p.line) == ("cad_eval_external.csv", "Overall pass (%)", 1)
    assert "missing" in p.reason
    assert not any(r.benchmark == "cadeval" for r in got.results)
    assert len(got.results) == sum(COUNTS.values()) - COUNTS["cadeval"]
    assert len(got.attributes) == REGISTRY_RECORDS


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


def test_aider_copy_carries_its_cost_per_task(reading):
    rows = [r for r in reading.results if r.benchmark == "aider-polyglot"]
    high = next(r for r in rows if r.name == "gpt-5-2025-08-07_high")
    assert high.cost_per_task_usd == 0.13 and high.seconds_per_task is None
    assert sum(r.cost_per_task_usd is not None for r in rows) == 57  # of the rows read


def test_a_bad_cost_is_a_problem(tmp_path):
    folder = copy_of_snapshot(tmp_path)
    rewrite(folder / "aider_polyglot_external.csv", ",0.13,", ",cheap,")
    found = problems_of(epoch.read(folder), "aider_polyglot_external.csv")
    assert any("'cheap' is not a cost or a time" in p.reason for p in found)
