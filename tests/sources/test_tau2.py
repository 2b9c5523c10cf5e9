"""The τ²-bench connector against the real submissions snapshot and mutated copies of it."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from advisor.sources import tau2
from advisor.sources.base import THIRD_PARTY, VENDOR, Reading

SNAPSHOT = Path(__file__).resolve().parents[2] / "data" / "sources" / "tau2-bench" / "submissions"
MINI = "gpt-4-1-mini_openai_2024-06-20"


@pytest.fixture(scope="module")
def reading() -> Reading:
    return tau2.read(SNAPSHOT)


def _records(reading: Reading, key: str) -> dict[str, object]:
    return {r.benchmark: r for r in reading.results if r.provenance.source_record == key}


def test_reads_every_submission_without_problems(reading):
    assert reading.problems == []
    assert len(reading.results) == 151
    assert Counter(r.benchmark for r in reading.results) == {
        "tau2-bench-retail": 42,
        "tau2-bench-airline": 41,
        "tau2-bench-telecom": 37,
        "tau2-bench-banking": 31,
    }
    kinds = {r.provenance.source_record: r.provenance.source_kind for r in reading.results}
    assert len(kinds) == 65  # 67 files less the two templates
    assert Counter(kinds.values()) == {THIRD_PARTY: 49, VENDOR: 16}
    assert reading.snapshot_date == "2026-08-17"


def test_example_templates_are_skipped_with_a_reason(reading):
    assert sorted(key for key, _ in reading.skipped) == [
        "A_EXAMPLE_new-model_example-org_2025-01-15",
        "A_EXAMPLE_voice-model_example-org_2026-03-11",
    ]
    assert all("example" in why for _, why in reading.skipped)


def test_sierra_run_of_gpt_4_1_mini(reading):
    records = _records(reading, MINI)
    assert {b: r.score for b, r in records.items()} == {
        "tau2-bench-retail": 61.4,
        "tau2-bench-airline": 48.7,
        "tau2-bench-telecom": 48.9,
    }
    retail = records["tau2-bench-retail"]
    assert retail.name == "GPT-4.1-mini"
    assert retail.vendor_hint == "OpenAI"
    assert retail.release_date == "2025-04-14"
    assert retail.provenance.source_kind == THIRD_PARTY
    assert retail.provenance.reported_by == "Sierra"
    assert retail.provenance.source_date == "2025-06-09"
    assert retail.provenance.source_url == (
        "https://github.com/sierra-research/tau2-bench/tree/main/web/leaderboard/public/"
        "submissions/gpt-4-1-mini_openai_2024-06-20"
    )
    assert retail.harness == "tau2-bench 0.1.3, user simulator gpt-4.1-2025-04-14"
    assert (retail.effort, retail.thinking_budget, retail.settings, retail.task_subset) == (
        "",
        "",
        "",
        "",
    )
    assert "Verified evaluation with full trajectory data available" in retail.notes
    assert "Original evaluation from tau2-bench paper" in retail.notes


def test_vendor_submissions(reading):
    opus = _records(reading, "claude-opus-4_anthropic_2025-05-22")
    assert set(opus) == {"tau2-bench-retail", "tau2-bench-airline"}  # telecom is null
    retail = opus["tau2-bench-retail"]
    assert retail.score == 81.4
    assert retail.provenance.source_kind == VENDOR
    assert retail.provenance.reported_by == "Anthropic"
    assert retail.harness == "original tau-bench"  # the figure predates τ²-bench
    assert retail.settings == "extended thinking"  # stated in the notes, with no level
    assert retail.effort == ""
    assert "modified_prompts not stated" in retail.notes
    # "Alibaba" submitted Qwen's model: the vendor's own figure.
    qwen = _records(reading, "qwen3-max_qwen_2024_09_23")["tau2-bench-telecom"]
    assert (qwen.score, qwen.provenance.source_kind, qwen.provenance.reported_by) == (
        84.2,
        VENDOR,
        "Alibaba",
    )


def test_org_comparison():
    assert tau2._same_org("Google", "Google DeepMind")
    assert tau2._same_org("Qwen", "Alibaba")
    assert tau2._same_org("Zhipu AI", "Z.ai")
    assert tau2._same_org("Moonshot AI", "moonshot ai")
    assert not tau2._same_org("Google", "Sierra")
    assert not tau2._same_org("Multiple providers", "Sierra")
    assert not tau2._same_org("Thinking Machines Lab", "Sierra Research Lab")


def test_settings_effort_and_domains(reading):
    gemini = _records(reading, "gemini-3-pro_google_2025-11-18")["tau2-bench-retail"]
    assert gemini.provenance.source_kind == THIRD_PARTY  # submitting_organization is Sierra
    assert gemini.settings == "prompts modified"
    assert gemini.harness == "tau2-bench 0.1.3, user simulator Gemini-3.0-Pro"  # "v0.1.3"
    none = _records(reading, "gpt-5-2-none_sierra_2026-02-26")["tau2-bench-airline"]
    assert (none.name, none.effort, none.score) == ("GPT-5.2", "none", 52.5)
    opus = _records(reading, "claude-opus-4-6_sierra_2026-05-05")
    assert list(opus) == ["tau2-bench-banking"]
    assert opus["tau2-bench-banking"].score == 27.32
    assert opus["tau2-bench-banking"].effort == ""
    assert opus["tau2-bench-banking"].settings == "reasoning effort max; retrieval alltools"
    voice = _records(reading, "gpt-realtime-2-minimal_openai_2026-07-01")["tau2-bench-retail"]
    assert voice.effort == "minimal"
    assert voice.settings == "voice"
    assert voice.harness == "tau2-bench 1.0.0, user simulator v1.0"
    sonnet = _records(reading, "claude-sonnet-4-5_sierra_2026-02-26")["tau2-bench-banking"]
    assert (sonnet.effort, sonnet.settings) == ("", "thinking enabled; retrieval terminal")


def test_provenance_round_trip(reading):
    domains = {benchmark: domain for domain, benchmark in tau2.DOMAINS.items()}
    for record in reading.results:
        raw = json.loads((SNAPSHOT / f"{record.provenance.source_record}.json").read_text())
        assert raw["model_name"] == record.name
        assert raw["submitting_organization"] == record.provenance.reported_by
        assert raw["results"][domains[record.benchmark]]["pass_1"] == record.score
        assert record.provenance.source_url.endswith("/" + record.provenance.source_record)


def test_upstream_layout(tmp_path):
    keys = [
        MINI,
        "claude-opus-4_anthropic_2025-05-22",
        "A_EXAMPLE_new-model_example-org_2025-01-15",
    ]
    for key in keys:
        (tmp_path / key).mkdir()
        shutil.copy(SNAPSHOT / f"{key}.json", tmp_path / key / "submission.json")
    (tmp_path / "manifest.json").write_text(json.dumps({"submissions": keys}))
    (tmp_path / "schema.json").write_text("{}")
    (tmp_path / "README.md").write_text("# submissions")
    (tmp_path / "gemini-3-pro_BIGAI_2026-01-15" / "trajectories").mkdir(parents=True)
    upstream = tau2.read(tmp_path)
    assert upstream.problems == []
    assert len(upstream.results) == 5
    flat = tau2.read(SNAPSHOT)
    expected = [r for r in flat.results if r.provenance.source_record in keys[:2]]
    assert sorted(upstream.results, key=repr) == sorted(expected, key=repr)
    skipped = dict(upstream.skipped)
    assert set(skipped) == {keys[2], "manifest", "schema", "gemini-3-pro_BIGAI_2026-01-15"}
    # The repository folder above the submissions reads too.
    parent = tmp_path / "parent"
    shutil.copytree(tmp_path / MINI, parent / "submissions" / MINI)
    assert len(tau2.read(parent).results) == 3


def _mutated(tmp_path: Path, change) -> tuple[Reading, str]:
    data = json.loads((SNAPSHOT / f"{MINI}.json").read_text())
    change(data)
    file = tmp_path / f"{MINI}.json"
    file.write_text(json.dumps(data))
    return tau2.read(tmp_path), str(file)


def _set(path: list[str], value):
    def change(data):
        for key in path[:-1]:
            data = data[key]
        data[path[-1]] = value

    return change


@pytest.mark.parametrize(
    ("change", "field", "words", "records"),
    [
        (lambda d: d.update(model=d.pop("model_name")), "model_name", "missing", 0),
        (lambda d: d.update(scores=d.pop("results")), "results", "missing", 0),
        (lambda d: d.update(results={"text": d["results"]}), "results.text", "no catalogue", 0),
        (
            lambda d: d["results"]["retail"].update(pass1=d["results"]["retail"].pop("pass_1")),
            "results.retail.pass_1",
            "missing",
            2,
        ),
        (_set(["results", "airline", "pass_1"], "48.7%"), "results.airline.pass_1", "number", 2),
        (_set(["results", "telecom", "pass_1"], 130), "results.telecom.pass_1", "outside", 2),
        (_set(["results", "telecom", "pass_1"], True), "results.telecom.pass_1", "number", 2),
        (_set(["results", "retail"], [61.4]), "results.retail", "object", 2),
        (lambda d: d.pop("methodology"), "methodology", "missing", 0),
        (
            lambda d: (
                d.update(submission_date="June 2025"),
                d["methodology"].pop("evaluation_date"),
            ),
            "submission_date",
            "YYYY-MM-DD",
            0,
        ),
    ],
)
def test_format_drift_is_a_problem_not_an_exception(tmp_path, change, field, words, records):
    reading, file = _mutated(tmp_path, change)
    assert len(reading.results) == records
    if field == "results.text":  # an unknown domain is skipped, not a problem
        assert reading.problems == []
        assert reading.skipped == [(f"{MINI} text", "domain has no catalogue benchmark")]
        return
    assert len(reading.problems) == 1
    found = reading.problems[0]
    assert found.file == file
    assert found.column == field
    assert found.reason.startswith(f"record {MINI}: ")
    assert words in found.reason


def test_unreadable_input(tmp_path):
    (tmp_path / "broken.json").write_text('{"model_name": "x",')
    (tmp_path / "list.json").write_text("[1, 2]")
    (tmp_path / "latin1.json").write_bytes(b'{"model_name": "caf\xe9"}')
    reading = tau2.read(tmp_path)
    assert reading.results == []
    assert {(p.file, p.column) for p in reading.problems} == {
        (str(tmp_path / name), None) for name in ("broken.json", "list.json", "latin1.json")
    }
    assert all(p.reason.startswith("record ") for p in reading.problems)
    missing = tau2.read(tmp_path / "nowhere")
    assert missing.results == [] and len(missing.problems) == 1
    assert "nowhere" in missing.problems[0].reason


def test_info():
    assert tau2.INFO.key == "tau2-bench"
    assert tau2.INFO.licence == "MIT"
    assert tau2.INFO.layout == "folder"
    assert tau2.INFO.download_url == ""
    assert "Sierra" in tau2.INFO.credit


def test_a_submission_with_every_domain_null_is_skipped(tmp_path):
    reading, _ = _mutated(tmp_path, lambda d: d.update(results=dict.fromkeys(d["results"])))
    assert reading.results == [] and reading.problems == []
    assert reading.skipped == [(MINI, "no domain has a pass_1 figure (all null)")]
