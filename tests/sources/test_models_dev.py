"""The models.dev connector against the real TOML tree, and against damaged copies of it."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from advisor.sources import base, models_dev

SNAPSHOT = Path(__file__).resolve().parents[2] / "data/sources/models.dev"
OPUS = "providers/anthropic/models/claude-opus-4-5.toml"


@pytest.fixture(scope="module")
def reading() -> base.Reading:
    return models_dev.read(SNAPSHOT)


@pytest.fixture(scope="module")
def by_record(reading) -> dict[str, base.AttributeRecord]:
    return {record.provenance.source_record: record for record in reading.attributes}


def _small_tree(tmp_path: Path) -> Path:
    """A copy holding the registry and Anthropic's offer of Claude Opus 4.5 and Sonnet 4.5."""
    root = tmp_path / "models.dev"
    for relative in (
        "models/anthropic/claude-opus-4-5.toml",
        "models/anthropic/claude-sonnet-4-5.toml",
        OPUS,
        "providers/anthropic/models/claude-sonnet-4-5.toml",
    ):
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SNAPSHOT / relative, root / relative)
    return root


def _edit(root: Path, relative: str, old: str, new: str) -> Path:
    file = root / relative
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return file


def test_info_is_the_source_contract():
    assert models_dev.INFO.key == "models.dev"
    assert models_dev.INFO.licence == "MIT"
    assert models_dev.INFO.layout == "folder"
    assert models_dev.INFO.download_url == ""


def test_counts(reading):
    assert reading.snapshot_date == "2026-06-30"
    assert len(reading.attributes) == 721
    assert sum(record.registry for record in reading.attributes) == 217
    assert len(reading.skipped) == 53
    assert reading.problems == []
    files = [f for f in SNAPSHOT.rglob("*.toml") if f.name != "provider.toml"]
    assert len(reading.attributes) + len(reading.skipped) == len(files) == 774


def test_registry_record_for_claude_opus_4_5(by_record):
    record = by_record["models/anthropic/claude-opus-4-5.toml"]
    assert (record.name, record.vendor_hint, record.channel, record.registry) == (
        "claude-opus-4-5",
        "anthropic",
        "",
        True,
    )
    assert record.attributes == {
        "display_name": "Claude Opus 4.5 (latest)",
        "release_date": "2025-11-24",
        "open_weights": False,
        "reasoning": True,
        "context_window": 200000,
        "max_output_tokens": 64000,
    }
    assert record.provenance == base.Provenance(
        source_kind="third_party",
        reported_by="models.dev",
        source_url="https://models.dev",
        source_date="2025-11-24",
        source_record="models/anthropic/claude-opus-4-5.toml",
    )


def test_anthropic_sells_claude_opus_4_5(by_record):
    record = by_record["providers/anthropic/models/claude-opus-4-5-20251101.toml"]
    assert (record.name, record.channel, record.registry) == ("claude-opus-4-5-20251101", "", False)
    attributes = record.attributes
    assert attributes["input_usd_per_mtok"] == 5.0
    assert attributes["output_usd_per_mtok"] == 25.0
    assert attributes["cache_read_usd_per_mtok"] == 0.5
    assert attributes["cache_write_usd_per_mtok"] == 6.25
    assert (attributes["context_window"], attributes["max_output_tokens"]) == (200000, 64000)
    assert attributes["release_date"] == "2025-11-01"  # the dated id's file, not the launch day


def test_gpt_5_1_has_a_400k_context_and_a_272k_input_limit(by_record):
    for relative in ("models/openai/gpt-5.1.toml", "providers/openai/models/gpt-5.1.toml"):
        attributes = by_record[relative].attributes
        assert attributes["context_window"] == 400000
        assert attributes["max_input_tokens"] == 272000
        assert attributes["max_output_tokens"] == 128000
    offer = by_record["providers/openai/models/gpt-5.1.toml"].attributes
    assert (offer["input_usd_per_mtok"], offer["cache_read_usd_per_mtok"]) == (1.25, 0.125)


def test_openrouter_offer_keeps_its_base_model(by_record):
    record = by_record["providers/openrouter/models/openai/gpt-5.1.toml"]
    assert (record.name, record.channel, record.vendor_hint) == (
        "openai/gpt-5.1",
        "openrouter",
        "openai",
    )
    assert record.attributes == {
        "input_usd_per_mtok": 1.25,
        "output_usd_per_mtok": 10.0,
        "cache_read_usd_per_mtok": 0.13,
        "base_model": "openai/gpt-5.1",
    }
    # no last_updated of its own (the registry holds it): dated by the snapshot
    assert record.provenance.source_date == "2026-06-30"


def test_deepseek_chat(by_record):
    record = by_record["providers/deepseek/models/deepseek-chat.toml"]
    assert (record.channel, record.vendor_hint) == ("", "deepseek")
    assert record.attributes["input_usd_per_mtok"] == 0.14
    assert record.attributes["output_usd_per_mtok"] == 0.28
    assert record.attributes["cache_read_usd_per_mtok"] == 0.0028
    assert record.attributes["context_window"] == 1000000
    assert record.provenance.source_date == "2026-02-28"


def test_a_month_only_release_date_is_kept_apart(by_record):
    record = by_record["models/moonshotai/kimi-k2.5.toml"]
    assert record.attributes["release_month"] == "2026-01"
    assert "release_date" not in record.attributes
    assert record.provenance.source_date == "2026-06-30"  # last_updated "2026-01" is no date


@pytest.mark.parametrize(
    ("relative", "reason"),
    [
        ("models/openai/whisper-large-v3.toml", "whisper model"),
        ("providers/openai/models/text-embedding-3-small.toml", "embed model"),
        ("models/nvidia/llama-nemotron-rerank-vl-1b-v2.toml", "rerank model"),
        ("providers/google/models/gemini-2.5-flash-preview-tts.toml", "tts model"),
        ("providers/openai/models/gpt-image-1.toml", "outputs image"),  # from its base model
        ("providers/xai/models/grok-imagine-video.toml", "outputs video"),
        ("providers/alibaba/models/qwen3-asr-flash.toml", "takes audio"),
        ("providers/openrouter/models/openai/gpt-audio.toml", "outputs text, audio"),
    ],
)
def test_non_text_models_are_skipped(reading, relative, reason):
    assert reason in dict(reading.skipped)[relative]


def test_channels(reading):
    channels = {(r.provenance.source_record.split("/")[1], r.channel) for r in reading.attributes}
    assert ("openrouter", "openrouter") in channels
    assert all(channel == "" for folder, channel in channels if folder != "openrouter")


def test_an_all_models_json_is_never_read(tmp_path, reading):
    root = tmp_path / "models.dev"
    shutil.copytree(SNAPSHOT, root)
    (root / "all_models.json").write_text("{ not even json", encoding="utf-8")
    again = models_dev.read(root)
    assert again.problems == []
    assert len(again.attributes) == len(reading.attributes)


def test_provenance_round_trip(reading):
    """Every record leads back to its TOML file, and every figure equals the raw one."""
    for record in reading.attributes:
        raw = tomllib.loads((SNAPSHOT / record.provenance.source_record).read_text("utf-8"))
        attributes = record.attributes
        for key, attribute in models_dev.PRICES.items():
            assert attributes.get(attribute) == raw.get("cost", {}).get(key)
        for key, attribute in models_dev.LIMITS.items():
            assert attributes.get(attribute) == raw.get("limit", {}).get(key)
        for key, attribute in (
            ("name", "display_name"),
            ("open_weights", "open_weights"),
            ("reasoning", "reasoning"),
            ("base_model", "base_model"),
        ):
            assert attributes.get(attribute) == raw.get(key)
        assert raw.get("release_date") in (
            attributes.get("release_date"),
            attributes.get("release_month"),
        )
        if len(raw.get("last_updated", "")) == 10:
            assert record.provenance.source_date == raw["last_updated"]
        stem = Path(record.provenance.source_record).stem
        assert record.name == stem or record.name.endswith(f"/{stem}")


# --- damaged copies: a problem naming the file, the record and the field; never an exception


def test_small_tree_reads(tmp_path):
    reading = models_dev.read(_small_tree(tmp_path))
    assert len(reading.attributes) == 4 and reading.problems == []


def test_truncated_toml(tmp_path):
    root = _small_tree(tmp_path)
    file = root / OPUS
    text = file.read_text(encoding="utf-8")
    file.write_text(text[: text.index("[cost]") + 3], encoding="utf-8")
    reading = models_dev.read(root)
    assert len(reading.attributes) == 3
    (found,) = reading.problems
    assert found.file == str(file)
    assert f"record {OPUS}:" in found.reason and "not valid TOML" in found.reason
    assert found.line is not None


@pytest.mark.parametrize(
    ("old", "new", "field_name", "expected"),
    [
        ("input = 5.00", 'input = "abc"', "cost.input", "not a number: 'abc'"),
        ("output = 25.00", "output = -25.00", "cost.output", "not a price ≥ 0"),
        ("input = 5.00", "input = { base = 5.00 }", "cost.input", "not a number"),
        ("context = 200_000", "context = -200_000", "limit.context", "not a positive whole"),
        ("context = 200_000", "context = 2.5e-1", "limit.context", "not a positive whole"),
        ("[limit]\ncontext", "[limit]\ncontext.tokens", "limit.context", "not a positive whole"),
        ('release_date = "2025-11-24"', 'release_date = "soon"', "release_date", "not a YYYY"),
        ("reasoning = true", 'reasoning = "yes"', "reasoning", "not true or false"),
        ('name = "Claude Opus 4.5 (latest)"', "name = 45", "name", "not a text"),
    ],
)
def test_bad_field(tmp_path, old, new, field_name, expected):
    root = _small_tree(tmp_path)
    file = _edit(root, OPUS, old, new)
    reading = models_dev.read(root)
    (found,) = reading.problems
    assert found.file == str(file)
    assert found.column == field_name
    assert f"record {OPUS}:" in found.reason and expected in found.reason
    assert OPUS not in {r.provenance.source_record for r in reading.attributes}
    assert len(reading.attributes) == 3


def test_a_table_replaced_by_a_number(tmp_path):
    root = _small_tree(tmp_path)
    _edit(root, OPUS, "[cost]\n", "[price]\n")
    file = _edit(root, OPUS, 'family = "claude-opus"\n', 'family = "claude-opus"\ncost = 5\n')
    (found,) = models_dev.read(root).problems
    assert (found.file, found.column) == (str(file), "cost")
    assert "not a table" in found.reason


def test_unknown_fields_are_fine(tmp_path):
    root = _small_tree(tmp_path)
    _edit(root, OPUS, "[cost]\n", "[cost]\nper_hour = { gpu = 3 }\n")
    reading = models_dev.read(root)
    assert reading.problems == [] and len(reading.attributes) == 4


def test_a_folder_that_is_not_models_dev(tmp_path):
    reading = models_dev.read(tmp_path)
    assert reading.attributes == []
    assert "not models.dev" in reading.problems[0].reason
    assert models_dev.read(tmp_path / "absent").problems
