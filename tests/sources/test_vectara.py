"""The Vectara connector against the real README snapshot and mutated copies of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.sources import vectara
from advisor.sources.base import THIRD_PARTY, Reading

SNAPSHOT = (
    Path(__file__).resolve().parents[2] / "data" / "sources" / "vectara-hallucination" / "README.md"
)
FLASH_LITE = "|google/gemini-2.5-flash-lite|3.3 %|96.7 %|99.5 %|95.7|"


@pytest.fixture(scope="module")
def reading() -> Reading:
    return vectara.read(SNAPSHOT)


def _by_name(reading: Reading):
    return {r.name: r for r in reading.results}


def test_reads_every_row(reading):
    assert reading.problems == []
    assert reading.skipped == []
    assert len(reading.results) == 96
    assert len(_by_name(reading)) == 96
    assert reading.snapshot_date == "2026-03-10"
    assert {r.benchmark for r in reading.results} == {"vectara-hallucination-rate"}


def test_gemini_flash_lite(reading):
    record = _by_name(reading)["google/gemini-2.5-flash-lite"]
    assert record.score == 3.3
    assert record.vendor_hint == "google"
    assert record.effort == ""
    assert record.notes == (
        "factual consistency rate 96.7 %; answer rate 99.5 %; average summary length 95.7 words"
    )
    p = record.provenance
    assert (p.source_kind, p.reported_by, p.source_date, p.source_record) == (
        THIRD_PARTY,
        "Vectara",
        "2026-03-10",
        "google/gemini-2.5-flash-lite",
    )
    assert p.source_url == "https://github.com/vectara/hallucination-leaderboard"


def test_first_and_last_rows(reading):
    assert (reading.results[0].name, reading.results[0].score) == ("antgroup/finix_s1_32b", 1.8)
    assert (reading.results[-1].name, reading.results[-1].score) == (
        "mistralai/ministral-3-3b-2512",
        24.2,
    )
    assert _by_name(reading)["meta-llama/Llama-3.3-70B-Instruct-Turbo"].vendor_hint == "meta-llama"


def test_effort_only_where_the_name_states_it(reading):
    efforts = {r.name: r.effort for r in reading.results if r.effort}
    assert efforts == {
        "openai/gpt-5.2-low-2025-12-11": "low",
        "openai/gpt-5.2-high-2025-12-11": "high",
        "openai/gpt-5.1-low-2025-11-13": "low",
        "openai/gpt-5.1-high-2025-11-13": "high",
        "openai/gpt-5-minimal-2025-08-07": "minimal",
        "openai/gpt-5-high-2025-08-07": "high",
        "openai/o4-mini-low-2025-04-16": "low",
        "openai/o4-mini-high-2025-04-16": "high",
    }
    assert _by_name(reading)["mistralai/mistral-medium-2508"].effort == ""  # a size, not effort


def test_provenance_round_trip(reading):
    lines = SNAPSHOT.read_text(encoding="utf-8").splitlines()
    rows = {}
    for line in lines[
        lines.index("<!-- LEADERBOARD_START -->") : lines.index("<!-- LEADERBOARD_END -->")
    ]:
        cells = line.strip("|").split("|")
        if line.startswith("|") and cells[1].endswith("%"):
            rows[cells[0]] = float(cells[1].rstrip(" %"))
    assert len(rows) == 96
    for record in reading.results:
        assert rows[record.provenance.source_record] == record.score
        assert record.name == record.provenance.source_record


def _mutated(tmp_path: Path, old: str, new: str) -> tuple[Reading, str]:
    text = SNAPSHOT.read_text(encoding="utf-8")
    assert old in text
    file = tmp_path / "README.md"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return vectara.read(file), str(file)


@pytest.mark.parametrize(
    ("new", "field", "words"),
    [
        ("|google/gemini-2.5-flash-lite|n/a|96.7 %|99.5 %|95.7|", "Hallucination Rate", "number"),
        ("|google/gemini-2.5-flash-lite|130 %|96.7 %|99.5 %|95.7|", "Hallucination Rate", "0-100"),
        ("|google/gemini-2.5-flash-lite|", "Hallucination Rate", "missing"),
        ("||3.3 %|96.7 %|99.5 %|95.7|", "Model", "empty"),
    ],
)
def test_a_bad_row_is_a_problem_naming_file_record_field_and_line(tmp_path, new, field, words):
    reading, file = _mutated(tmp_path, FLASH_LITE, new)
    assert len(reading.results) == 95
    assert len(reading.problems) == 1
    found = reading.problems[0]
    assert (found.file, found.column, found.line) == (file, field, 30)
    record = "(row at line 30)" if field == "Model" else "google/gemini-2.5-flash-lite"
    assert found.reason.startswith(f"record {record}: ")
    assert words in found.reason


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        ("|Model|Hallucination Rate|", "|Model|Hallucination %|", "Hallucination Rate", "column"),
        ("|Model|Hallucination Rate|", "|LLM|Hallucination Rate|", "Model", "column"),
        ("<!-- LEADERBOARD_START -->", "<!-- TABLE_START -->", None, "no leaderboard section"),
        ("<!-- LEADERBOARD_END -->", "", None, "no leaderboard section"),
        ("Last updated on March 10, 2026", "Updated recently", "Last updated", "no 'Last"),
        (
            "Last updated on March 10, 2026",
            "Last updated on Marchember 10, 2026",
            "Last updated",
            "date",
        ),
    ],
)
def test_format_drift_is_a_problem_not_an_exception(tmp_path, old, new, field, words):
    reading, file = _mutated(tmp_path, old, new)
    assert reading.results == []
    assert len(reading.problems) == 1
    found = reading.problems[0]
    assert (found.file, found.column) == (file, field)
    assert found.reason.startswith("record (leaderboard table): ")
    assert words in found.reason


def test_a_section_without_a_table(tmp_path):
    file = tmp_path / "README.md"
    file.write_text(
        "<!-- LEADERBOARD_START -->\nLast updated on March 10, 2026\n<!-- LEADERBOARD_END -->\n"
    )
    reading = vectara.read(file)
    assert reading.results == []
    assert [(p.file, p.column) for p in reading.problems] == [(str(file), None)]
    assert "no Markdown table" in reading.problems[0].reason


def test_unreadable_file(tmp_path):
    file = tmp_path / "README.md"
    file.write_bytes(b"\xff\xfe\x00broken")
    for path in (file, tmp_path / "missing.md"):
        reading = vectara.read(path)
        assert reading.results == []
        assert [(p.file, p.column) for p in reading.problems] == [(str(path), None)]


def test_info():
    assert vectara.INFO.key == "vectara"
    assert vectara.INFO.licence == "Apache-2.0"
    assert vectara.INFO.layout == "file"
    assert vectara.INFO.download_url == (
        "https://raw.githubusercontent.com/vectara/hallucination-leaderboard/main/README.md"
    )
