"""The litellm connector against the real snapshot, and against damaged copies of it."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from advisor.sources import base, litellm

SNAPSHOT = (
    Path(__file__).resolve().parents[2]
    / "data/sources/litellm/model_prices_and_context_window.json"
)
# vercel_ai_gateway lists four embedding models as mode "chat" with 0-token limits: read, with
# no context window or output limit (0 states nothing).
ZERO_LIMITS_IN_SNAPSHOT = {
    "vercel_ai_gateway/amazon/titan-embed-text-v2",
    "vercel_ai_gateway/cohere/embed-v4.0",
    "vercel_ai_gateway/mistral/codestral-embed",
    "vercel_ai_gateway/mistral/mistral-embed",
}


@pytest.fixture(scope="module")
def raw() -> dict:
    return json.loads(SNAPSHOT.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def reading() -> base.Reading:
    return litellm.read(SNAPSHOT)


@pytest.fixture(scope="module")
def by_name(reading) -> dict[str, base.AttributeRecord]:
    return {record.name: record for record in reading.attributes}


def _read_mutated(tmp_path: Path, data: object) -> base.Reading:
    path = tmp_path / "model_prices_and_context_window.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return litellm.read(path)


def test_info_is_the_source_contract():
    assert litellm.INFO.key == "litellm"
    assert litellm.INFO.licence == "MIT"
    assert litellm.INFO.layout == "file"
    assert litellm.INFO.download_url == (
        "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json"
    )


def test_counts(reading, raw):
    assert reading.snapshot_date == "2026-07-24"
    assert len(reading.attributes) == 2370
    assert len(reading.skipped) == 615
    assert reading.problems == []
    assert len(reading.attributes) + len(reading.skipped) == len(raw)
    assert not reading.results


def test_every_non_chat_entry_is_skipped_with_its_reason(reading, raw):
    skipped = dict(reading.skipped)
    assert "last_updated" in skipped
    assert "documentation" in skipped["sample_spec"]
    assert skipped["text-embedding-3-large"] == "mode 'embedding': not a chat model"
    assert skipped["fireworks-ai-default"].startswith("no mode")
    names = {record.name for record in reading.attributes}
    for key, entry in raw.items():
        if isinstance(entry, dict) and entry.get("mode") in ("chat", "responses"):
            assert key in names
        else:
            assert key in skipped


def test_a_zero_token_limit_states_nothing(by_name):
    for key in ZERO_LIMITS_IN_SNAPSHOT:
        stated = by_name[key].attributes
        assert "context_window" not in stated and "max_output_tokens" not in stated


def test_deepseek_chat(by_name):
    record = by_name["deepseek-chat"]
    assert record.channel == ""
    assert record.vendor_hint == "deepseek"
    assert record.attributes == {
        "input_usd_per_mtok": 0.28,
        "output_usd_per_mtok": 0.42,
        "cache_read_usd_per_mtok": 0.028,
        "context_window": 131072,
        "max_output_tokens": 8192,
        "vendor_page": "https://api-docs.deepseek.com/quick_start/pricing",
    }


def test_claude_opus_4_5(by_name):
    record = by_name["claude-opus-4-5-20251101"]
    assert (record.channel, record.vendor_hint, record.registry) == ("", "anthropic", False)
    assert record.attributes == {
        "input_usd_per_mtok": 5.0,
        "output_usd_per_mtok": 25.0,
        "cache_read_usd_per_mtok": 0.5,
        "cache_write_usd_per_mtok": 6.25,
        "context_window": 200000,
        "max_output_tokens": 64000,
        "reasoning": True,
    }
    assert record.provenance == base.Provenance(
        source_kind="third_party",
        reported_by="litellm (BerriAI)",
        source_url="https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json",
        source_date="2026-07-24",
        source_record="claude-opus-4-5-20251101",
    )


def test_gpt_5_1_context_is_max_input_tokens(by_name):
    attributes = by_name["gpt-5.1"].attributes
    assert attributes["context_window"] == 272000
    assert attributes["max_output_tokens"] == 128000
    assert (attributes["input_usd_per_mtok"], attributes["output_usd_per_mtok"]) == (1.25, 10.0)
    assert attributes["cache_read_usd_per_mtok"] == 0.125  # 1.25e-07 × 1e6 = 0.12499999999999999
    assert "input_cost_per_token_priority" not in attributes


@pytest.mark.parametrize(
    ("key", "channel", "vendor"),
    [
        ("anthropic.claude-opus-4-5-20251101-v1:0", "bedrock", "anthropic"),
        ("us.anthropic.claude-opus-4-5-20251101-v1:0", "bedrock", "anthropic"),
        ("bedrock/us-east-2/moonshotai.kimi-k2.5", "bedrock", "moonshotai"),
        ("vertex_ai/claude-opus-4-5", "vertex_ai", "anthropic"),
        ("gemini-2.5-pro", "vertex_ai", ""),  # litellm_provider vertex_ai-language-models
        ("gemini/gemini-2.5-pro", "", "gemini"),  # Google AI Studio
        ("azure_ai/claude-opus-4-5", "azure", ""),
        ("azure/gpt-5.6", "azure", ""),
        ("openrouter/anthropic/claude-3.7-sonnet", "openrouter", "anthropic"),
        ("together_ai/moonshotai/Kimi-K2.5", "together", "moonshotai"),
        ("fireworks_ai/accounts/fireworks/models/qwen2p5-coder-7b", "fireworks", ""),
        ("groq/llama-3.3-70b-versatile", "groq", ""),
        ("perplexity/sonar-pro", "", "perplexity"),
        ("perplexity/anthropic/claude-opus-4-5", "perplexity", "anthropic"),
        ("dashscope/qwen3-max", "", "dashscope"),
        ("xai/grok-4-0709", "", "xai"),
        ("mistral/mistral-medium-2508", "", "mistral"),
        ("moonshot/kimi-k2.5", "", "moonshot"),
    ],
)
def test_channels(by_name, key, channel, vendor):
    assert (by_name[key].channel, by_name[key].vendor_hint) == (channel, vendor)


def test_prices_have_no_float_noise(by_name):
    # 3.3e-06 × 1e6 = 3.3000000000000003, 8e-07 × 1e6 = 0.7999999999999999
    assert by_name["us.anthropic.claude-sonnet-4-6"].attributes["input_usd_per_mtok"] == 3.3
    assert by_name["amazon.nova-pro-v1:0"].attributes["input_usd_per_mtok"] == 0.8


def test_integral_float_token_counts_are_integers(by_name):
    context = by_name["xai/grok-4-1-fast"].attributes["context_window"]  # 2000000.0 in the file
    assert context == 2000000 and isinstance(context, int)


def test_max_tokens_is_the_context_only_without_any_other_limit(by_name):
    # max_tokens only, no max_input/max_output_tokens: litellm's spec makes it the input limit
    assert by_name["openrouter/gryphe/mythomax-l2-13b"].attributes["context_window"] == 8192
    # max_tokens equal to max_output_tokens: an output limit, not a context window
    gemma = by_name["gemini/gemini-gemma-2-9b-it"].attributes
    assert "context_window" not in gemma and gemma["max_output_tokens"] == 8192


def test_provenance_round_trip(reading, raw):
    """Every record leads back to its raw entry, and every figure equals the raw one."""
    for record in reading.attributes:
        entry = raw[record.provenance.source_record]
        assert record.name == record.provenance.source_record
        assert entry["mode"] in ("chat", "responses")
        for field_name, attribute in litellm.PRICE_FIELDS.items():
            if field_name in entry:
                # six significant digits: within 5e-6 (Databricks' 15.00002 reads 15.0)
                assert record.attributes[attribute] == pytest.approx(
                    entry[field_name] * 1e6, rel=5e-6, abs=1e-12
                )
            else:
                assert attribute not in record.attributes
        if entry.get("max_input_tokens"):
            assert record.attributes["context_window"] == entry["max_input_tokens"]
        if entry.get("max_output_tokens"):
            assert record.attributes["max_output_tokens"] == entry["max_output_tokens"]
        if "supports_reasoning" in entry:
            assert record.attributes["reasoning"] is entry["supports_reasoning"]
        if "source" in entry:
            assert record.attributes["vendor_page"] == entry["source"].strip()
        assert record.provenance.source_date == reading.snapshot_date


# --- damaged copies: a problem naming the file, the record and the field; never an exception


def test_truncated_file(tmp_path):
    text = SNAPSHOT.read_text(encoding="utf-8")
    path = tmp_path / "model_prices_and_context_window.json"
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    reading = litellm.read(path)
    assert reading.attributes == [] and len(reading.problems) == 1
    found = reading.problems[0]
    assert found.file == str(path)
    assert "not valid JSON" in found.reason and found.line is not None


def test_missing_file(tmp_path):
    reading = litellm.read(tmp_path / "absent.json")
    assert reading.attributes == [] and "cannot read" in reading.problems[0].reason


@pytest.mark.parametrize("top", [[], "text", 3, None])
def test_top_level_of_the_wrong_type(tmp_path, top):
    reading = _read_mutated(tmp_path, top)
    assert reading.attributes == []
    assert "not an object" in reading.problems[0].reason


@pytest.mark.parametrize(
    ("field_name", "value", "expected"),
    [
        ("input_cost_per_token", "abc", "not a number: 'abc'"),
        ("output_cost_per_token", -4.2e-07, "not a price ≥ 0"),
        ("input_cost_per_token", {"base": 2.8e-07}, "not a number"),  # a new nesting
        ("max_input_tokens", -131072, "not a positive whole number"),
        ("max_input_tokens", 1.5, "not a positive whole number"),
        ("max_output_tokens", "8k", "not a positive whole number"),
        ("supports_reasoning", "yes", "not true or false"),
        ("mode", ["chat"], "not a text"),
        ("litellm_provider", None, "missing or not a text"),
    ],
)
def test_bad_field(tmp_path, raw, field_name, value, expected):
    data = copy.deepcopy(raw)
    data["deepseek-chat"][field_name] = value
    reading = _read_mutated(tmp_path, data)
    mine = [p for p in reading.problems if "record deepseek-chat:" in p.reason]
    assert len(mine) == 1
    assert mine[0].file == str(tmp_path / "model_prices_and_context_window.json")
    assert mine[0].column == field_name
    assert expected in mine[0].reason
    names = {record.name for record in reading.attributes}
    assert "deepseek-chat" not in names and "deepseek-reasoner" in names
    assert len(reading.attributes) == 2369


def test_entry_that_is_not_an_object(tmp_path, raw):
    data = dict(raw, **{"deepseek-chat": [1, 2]})
    reading = _read_mutated(tmp_path, data)
    assert any("record deepseek-chat: a JSON list" in p.reason for p in reading.problems)


def test_unknown_fields_are_fine(tmp_path, raw):
    data = copy.deepcopy(raw)
    data["deepseek-chat"]["a_new_field"] = {"nested": [1, 2, 3]}
    reading = _read_mutated(tmp_path, data)
    record = next(r for r in reading.attributes if r.name == "deepseek-chat")
    assert record.attributes["input_usd_per_mtok"] == 0.28
    assert reading.problems == []


def test_without_last_updated_the_newest_key_date_dates_the_copy(tmp_path, raw):
    data = {k: v for k, v in raw.items() if k != "last_updated"}
    reading = _read_mutated(tmp_path, data)
    assert reading.snapshot_date == max(
        d for key in data for d in litellm._KEY_DATE.findall(key) if litellm._valid_date(d)
    )
    assert reading.snapshot_date < "2026-07-24"
