"""The Aider connector against the real polyglot leaderboard snapshot and mutated copies."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from advisor.sources import aider
from advisor.sources.base import THIRD_PARTY, Reading

SNAPSHOT = (
    Path(__file__).resolve().parents[2] / "data" / "sources" / "aider" / "polyglot_leaderboard.yml"
)
GPT5_HIGH = "2025-08-23-15-47-21--gpt-5-high"


@pytest.fixture(scope="module")
def reading() -> Reading:
    return aider.read(SNAPSHOT)


def _by_dirname(reading: Reading):
    return {r.provenance.source_record: r for r in reading.results}


def test_reads_every_entry(reading):
    assert reading.problems == []
    assert reading.skipped == []
    assert len(reading.results) == 69
    assert len(_by_dirname(reading)) == 69
    assert {r.benchmark for r in reading.results} == {"aider-polyglot"}
    assert reading.snapshot_date == "2025-10-03"


def test_gpt_5_high(reading):
    record = _by_dirname(reading)[GPT5_HIGH]
    assert record.name == "gpt-5 (high)"
    assert record.score == 88.0
    assert record.harness == "aider (diff edit format)"
    assert record.effort == "high"
    assert record.thinking_budget == ""
    assert record.vendor_hint == ""
    p = record.provenance
    assert (p.source_kind, p.reported_by, p.source_date, p.source_url) == (
        THIRD_PARTY,
        "Aider",
        "2025-08-23",
        "https://aider.chat/docs/leaderboards/",
    )
    assert record.notes == (
        "pass_rate_1 52.0; total_cost 29.0829; seconds_per_case 194.0; "
        "percent_cases_well_formed 91.6; aider version 0.86.2.dev; "
        "command: aider --model openai/gpt-5"
    )


def test_first_entry(reading):
    first = reading.results[0]
    assert (first.name, first.score, first.provenance.source_date) == (
        "Gemini 2.0 Pro exp-02-05",
        35.6,
        "2025-02-25",
    )
    assert first.provenance.source_record == "2025-02-25-20-23-07--gemini-pro"
    assert first.harness == "aider (whole edit format)"
    assert (first.effort, first.thinking_budget, first.settings) == ("", "", "")


def test_effort_and_thinking_budget(reading):
    records = _by_dirname(reading)
    budgets = {r.provenance.source_record: r.thinking_budget for r in reading.results}
    assert budgets["2025-05-24-22-10-36--sonnet4-diff-exuser-think32k"] == "32K"  # 32000
    assert budgets["2025-06-06-16-36-21--gemini0605-32k-think-diff-fenced"] == "32K"  # 32768
    assert budgets["2025-05-25-22-58-44--flash25-05-20-24k-think"] == "24K"  # 24576
    assert budgets["2025-05-26-15-56-31--flash25-05-20-24k-think"] == "0"  # thinking off
    assert budgets["2025-02-24-21-47-23--sonnet37-diff-think-32k-64k"] == "32K"  # the command
    assert budgets["2025-05-24-21-17-54--sonnet4-diff-exuser"] == ""  # "(no thinking)"
    # Effort from the field, else the command's --reasoning-effort, else "(medium)" in the name.
    assert records["2025-06-25-21-04-24--o3-price-reduction-high"].effort == "high"
    assert records["2025-08-06-04-54-48--gpt-oss-120b-high-polyglot"].effort == "high"
    assert records["2025-01-31-20-27-46--o3-mini-diff2"].effort == "medium"
    assert records["2025-06-25-20-30-16--o3-price-reduction"].effort == ""
    assert sum(1 for r in reading.results if r.effort) == 14
    architect = records["2025-06-27-23-53-57--o3-mini-high-diff-arch"]
    assert architect.harness == "aider (architect edit format)"
    assert architect.settings == "editor model gpt-4.1 (editor-diff edit format)"
    assert "test_cases 224 of total_tests 225" in architect.notes


def test_thousands():
    assert [aider._thousands(n) for n in (32000, 32768, 24576, 0, 1500)] == [
        "32K",
        "32K",
        "24K",
        "0",
        "1500",
    ]


def test_provenance_round_trip(reading):
    raw = {e["dirname"]: e for e in yaml.safe_load(SNAPSHOT.read_text(encoding="utf-8"))}
    for record in reading.results:
        entry = raw[record.provenance.source_record]
        assert entry["pass_rate_2"] == record.score
        assert entry["model"] == record.name
        assert entry["date"].isoformat() == record.provenance.source_date
        assert record.harness == f"aider ({entry['edit_format']} edit format)"


def _mutated(tmp_path: Path, old: str, new: str) -> tuple[Reading, str]:
    """The snapshot with ``old`` replaced by ``new`` in the GPT-5 (high) entry only."""
    text = SNAPSHOT.read_text(encoding="utf-8")
    start = text.index(f"- dirname: {GPT5_HIGH}")
    end = text.index("\n- dirname:", start)
    assert old in text[start:end]
    file = tmp_path / "polyglot_leaderboard.yml"
    file.write_text(text[:start] + text[start:end].replace(old, new) + text[end:], encoding="utf-8")
    return aider.read(file), str(file)


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        ("pass_rate_2: 88.0", "pass_rate_two: 88.0", "pass_rate_2", "missing"),
        ("pass_rate_2: 88.0", "pass_rate_2: eighty-eight", "pass_rate_2", "not a number"),
        ("pass_rate_2: 88.0", "pass_rate_2: '88.0'", "pass_rate_2", "not a number"),
        ("pass_rate_2: 88.0", "pass_rate_2: 130.0", "pass_rate_2", "outside 0-100"),
        ("pass_rate_2: 88.0", "pass_rate_2: .nan", "pass_rate_2", "outside 0-100"),
        ("pass_rate_2: 88.0", "pass_rate_2: true", "pass_rate_2", "not a number"),
        ("pass_rate_2: 88.0", "pass_rate_2:\n    second: 88.0", "pass_rate_2", "not a number"),
        ("  model: gpt-5 (high)\n", "", "model", "missing"),
        ("date: 2025-08-23", "date: last August", "date", "YYYY-MM-DD"),
        ("  date: 2025-08-23\n", "", "date", "missing"),
    ],
)
def test_format_drift_is_a_problem_not_an_exception(tmp_path, old, new, field, words):
    reading, file = _mutated(tmp_path, old, new)
    assert len(reading.results) == 68
    assert len(reading.problems) == 1
    found = reading.problems[0]
    assert (found.file, found.column) == (file, field)
    assert found.reason.startswith(f"record {GPT5_HIGH}: ")
    assert words in found.reason
    text = Path(file).read_text(encoding="utf-8").splitlines()
    assert text[found.line - 1] == f"- dirname: {GPT5_HIGH}"


def test_an_entry_without_dirname(tmp_path):
    reading, file = _mutated(tmp_path, f"- dirname: {GPT5_HIGH}", f"- name: {GPT5_HIGH}")
    assert len(reading.results) == 68
    [found] = reading.problems
    assert (found.file, found.column) == (file, "dirname")
    assert found.reason.startswith("record entry ")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("- dirname: x\n  model: [unclosed\n", "not readable YAML"),
        ("- dirname: x\n  date: 2025-13-45\n", "not readable YAML"),
        ("leaderboard:\n  - dirname: x\n", "expected a list"),
        ("", "expected a list"),
    ],
)
def test_unreadable_or_renested_file(tmp_path, text, words):
    file = tmp_path / "polyglot_leaderboard.yml"
    file.write_text(text, encoding="utf-8")
    reading = aider.read(file)
    assert reading.results == []
    assert [(p.file, p.column) for p in reading.problems] == [(str(file), None)]
    assert words in reading.problems[0].reason


def test_missing_file_and_non_mapping_entries(tmp_path):
    missing = aider.read(tmp_path / "nowhere.yml")
    assert missing.results == [] and len(missing.problems) == 1
    file = tmp_path / "polyglot_leaderboard.yml"
    file.write_text("- just a string\n", encoding="utf-8")
    [found] = aider.read(file).problems
    assert found.reason == "record entry 1: not a mapping"


def test_yaml_dates_and_strings():
    assert aider._date(dt.date(2025, 8, 23)) == "2025-08-23"
    assert aider._date(dt.datetime(2025, 8, 23, 10, 0)) == "2025-08-23"
    assert aider._date("2025-08-23") == "2025-08-23"
    assert aider._date("2025-02-30") == ""


def test_info():
    assert aider.INFO.key == "aider"
    assert aider.INFO.licence == "Apache-2.0"
    assert aider.INFO.layout == "file"
    assert aider.INFO.download_url == (
        "https://raw.githubusercontent.com/Aider-AI/aider/main/aider/website/_data/"
        "polyglot_leaderboard.yml"
    )


def test_cost_and_time_per_task(reading):
    record = _by_dirname(reading)[GPT5_HIGH]
    # total_cost 29.0829 over test_cases 225; seconds_per_case 194.0 (the entry's own figures)
    assert record.cost_per_task_usd == pytest.approx(29.0829 / 225, abs=1e-6)
    assert record.seconds_per_task == 194.0
    unmeasured = [r for r in reading.results if "total_cost 0.0;" in r.notes]
    assert unmeasured and all(r.cost_per_task_usd is None for r in unmeasured)
