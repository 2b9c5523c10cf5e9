"""The genai-prices connector against the real v2 feed, and against damaged copies of it."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest

from advisor.sources import base, genai_prices

SNAPSHOT = Path(__file__).resolve().parents[2] / "data/sources/genai-prices/data_v2.json"
TODAY = date(2026, 12, 1)  # the day the snapshot was read (SOURCE.txt)


@pytest.fixture(scope="module")
def raw() -> list:
    return json.loads(SNAPSHOT.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def reading() -> base.Reading:
    return genai_prices.read(SNAPSHOT, today=TODAY)


@pytest.fixture(scope="module")
def by_record(reading) -> dict[str, base.AttributeRecord]:
    return {record.provenance.source_record: record for record in reading.attributes}


def _model(data: list, provider: str, model: str) -> dict:
    entries = next(p for p in data if p["id"] == provider)["models"]
    return next(m for m in entries if m["id"] == model)


def _read_mutated(tmp_path: Path, data: object) -> tuple[Path, base.Reading]:
    path = tmp_path / "data_v2.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path, genai_prices.read(path, today=TODAY)


def test_info_is_the_source_contract():
    assert genai_prices.INFO.key == "genai-prices"
    assert genai_prices.INFO.licence == "MIT"
    assert genai_prices.INFO.layout == "file"
    assert genai_prices.INFO.download_url == (
        "https://raw.githubusercontent.com/pydantic/genai-prices/main/prices/data_v2.json"
    )


def test_counts(reading, raw):
    assert len(raw) == 36
    assert len(reading.attributes) == 1390
    assert len(reading.skipped) == 76
    assert reading.problems == []
    assert len(reading.attributes) + len(reading.skipped) == sum(len(p["models"]) for p in raw)


def test_snapshot_date_is_the_newest_date_not_in_the_future(reading):
    # 2027-01-01 (a scheduled Gemini price change) is later than the day of reading
    assert reading.snapshot_date == "2026-09-01"
    assert genai_prices.read(SNAPSHOT, today=date(2026, 8, 21)).snapshot_date == "2026-08-03"


def test_without_a_pinned_day_the_counts_are_the_same(reading):
    again = genai_prices.read(SNAPSHOT)
    assert (len(again.attributes), len(again.skipped)) == (1390, 76)


def test_deepseek_chat_takes_the_price_of_most_of_the_day(by_record, raw):
    record = by_record["deepseek/deepseek-chat"]
    assert (record.name, record.channel, record.vendor_hint) == ("deepseek-chat", "", "deepseek")
    assert record.attributes == {
        "display_name": "DeepSeek Chat",
        "context_window": 64000,
        "input_usd_per_mtok": 0.27,  # 00:30-16:30 UTC; the other 8 hours are at 0.135
        "output_usd_per_mtok": 1.1,
        "cache_read_usd_per_mtok": 0.07,
    }
    windows = _model(raw, "deepseek", "deepseek-chat")["prices"]
    assert windows[1]["constraint"] == {"start_time": "00:30:00Z", "end_time": "16:30:00Z"}


def test_claude_opus_4_5(by_record):
    record = by_record["anthropic/claude-opus-4-5"]
    assert record.attributes == {
        "display_name": "Claude Opus 4.5",
        "context_window": 200000,
        "input_usd_per_mtok": 5.0,
        "output_usd_per_mtok": 25.0,
        "cache_read_usd_per_mtok": 0.5,
        "cache_write_usd_per_mtok": 6.25,
    }
    assert record.provenance == base.Provenance(
        source_kind="third_party",
        reported_by="genai-prices (Pydantic)",
        source_url="https://github.com/pydantic/genai-prices",
        source_date="2026-09-01",
        source_record="anthropic/claude-opus-4-5",
    )


def test_gpt_5_1(by_record):
    attributes = by_record["openai/gpt-5.1"].attributes
    assert attributes["context_window"] == 400000
    assert (attributes["input_usd_per_mtok"], attributes["output_usd_per_mtok"]) == (1.25, 10.0)
    assert attributes["cache_read_usd_per_mtok"] == 0.125
    assert "max_output_tokens" not in attributes


def test_a_tiered_price_gives_its_base(by_record, raw):
    prices = _model(raw, "anthropic", "claude-sonnet-4-5")["prices"]
    assert prices["input_mtok"] == {"base": 3, "tiers": [{"start": 200000, "price": 6}]}
    attributes = by_record["anthropic/claude-sonnet-4-5"].attributes
    assert (attributes["input_usd_per_mtok"], attributes["output_usd_per_mtok"]) == (3.0, 15.0)


def test_a_dated_price_is_the_one_in_force(by_record):
    o3 = by_record["openai/o3"]  # $10/$40 until OpenAI's cut of 2025-06-10
    assert (o3.attributes["input_usd_per_mtok"], o3.attributes["output_usd_per_mtok"]) == (2, 8)
    assert o3.provenance.source_date == "2025-06-10"
    flash = by_record["google/gemini-3.6-flash"]  # introductory price until 2027-01-01
    assert flash.attributes["input_usd_per_mtok"] == 0.75
    sonnet = by_record["anthropic/claude-sonnet-5"]  # standard price from 2026-09-01
    assert sonnet.attributes["input_usd_per_mtok"] == 3.0
    assert sonnet.provenance.source_date == "2026-09-01"


def test_a_price_scheduled_after_the_copy_is_not_current():
    earlier = genai_prices.read(SNAPSHOT, today=date(2026, 8, 21))
    sonnet = next(
        r for r in earlier.attributes if r.provenance.source_record == "anthropic/claude-sonnet-5"
    )
    assert (sonnet.attributes["input_usd_per_mtok"], sonnet.attributes["output_usd_per_mtok"]) == (
        2.0,
        10.0,
    )
    assert sonnet.provenance.source_date == "2026-08-03"  # the snapshot's: no start_date


@pytest.mark.parametrize(
    ("record", "channel", "vendor"),
    [
        ("aws/global.anthropic.claude-opus-4-5-v1:0", "bedrock", "anthropic"),
        ("aws/meta.llama3-3-70b-instruct-v1:0", "bedrock", "meta"),
        ("azure/o3-mini", "azure", ""),
        ("google/gemini-2.5-pro", "", "google"),
        ("google/claude-opus-4-6", "vertex_ai", "anthropic"),
        ("openrouter/deepseek/deepseek-chat", "openrouter", "deepseek"),
        ("together/meta-llama/Llama-3.3-70B-Instruct-Turbo", "together", "meta-llama"),
        ("huggingface_novita/moonshotai/Kimi-K2.5", "huggingface", "moonshotai"),
        ("groq/llama-3.3-70b-versatile", "groq", ""),
        ("fireworks/kimi-k2p6", "fireworks", ""),
        ("x-ai/grok-4-0709", "", "x-ai"),
        ("moonshotai/kimi-k2.5", "", "moonshotai"),
        ("mistral/mistral-large", "", "mistral"),
    ],
)
def test_channels(by_record, record, channel, vendor):
    assert (by_record[record].channel, by_record[record].vendor_hint) == (channel, vendor)


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ("openai/text-embedding-3-small", "embedding"),
        ("voyageai/voyage-3", "embedding"),
        ("openai/gpt-4o-transcribe", "speech"),
        ("openai/gpt-realtime", "audio"),
        ("openai/gpt-image-1", "image"),
        ("google/gemini-omni-flash-preview", "output_video_mtok"),
        ("openai/moderation", "moderation"),
    ],
)
def test_non_text_models_are_skipped(reading, record, reason):
    assert reason in dict(reading.skipped)[record]


def test_provenance_round_trip(reading, raw):
    """Every record leads back to its raw model, and its prices are one of its price tables."""
    providers = {p["id"]: p for p in raw}
    for record in reading.attributes:
        pid, _, mid = record.provenance.source_record.partition("/")
        model = next(m for m in providers[pid]["models"] if m["id"] == mid)
        assert record.name == mid
        assert record.attributes.get("context_window") == model.get("context_window")
        assert record.attributes.get("display_name") == model.get("name")
        tables = (
            model["prices"] if isinstance(model["prices"], list) else [{"prices": model["prices"]}]
        )
        stated = {
            attribute: value
            for attribute, value in record.attributes.items()
            if attribute.endswith("_usd_per_mtok")
        }
        candidates = [
            {
                attribute: (v["base"] if isinstance(v, dict) else v)
                for key, attribute in genai_prices.PRICES.items()
                if (v := entry["prices"].get(key)) is not None
            }
            for entry in tables
        ]
        assert stated in candidates, record.provenance.source_record
        start = [e.get("constraint", {}).get("start_date") for e in tables]
        assert record.provenance.source_date in {*filter(None, start), reading.snapshot_date}


# --- damaged copies: a problem naming the file, the record and the field; never an exception


def test_truncated_file(tmp_path):
    text = SNAPSHOT.read_text(encoding="utf-8")
    path = tmp_path / "data_v2.json"
    path.write_text(text[: len(text) // 3], encoding="utf-8")
    reading = genai_prices.read(path, today=TODAY)
    assert reading.attributes == []
    (found,) = reading.problems
    assert found.file == str(path) and "not valid JSON" in found.reason and found.line


@pytest.mark.parametrize("top", [{"providers": []}, "text", None])
def test_top_level_of_the_wrong_type(tmp_path, top):
    _, reading = _read_mutated(tmp_path, top)
    assert reading.attributes == [] and "not a list of providers" in reading.problems[0].reason


def _mutate(raw: list, provider: str, model: str, change) -> list:
    data = copy.deepcopy(raw)
    change(_model(data, provider, model))
    return data


@pytest.mark.parametrize(
    ("provider", "model", "change", "field_name", "expected"),
    [
        (
            "deepseek",
            "deepseek-chat",
            lambda m: m["prices"][1]["prices"].update(input_mtok="abc"),
            "prices[1].prices.input_mtok",
            "not a number: 'abc'",
        ),
        (
            "openai",
            "gpt-5.1",
            lambda m: m["prices"].update(output_mtok=-10),
            "prices.output_mtok",
            "not a price ≥ 0",
        ),
        (
            "openai",
            "gpt-5.1",
            lambda m: m["prices"].update(input_mtok={"amount": 1.25}),  # a new nesting
            "prices.input_mtok",
            "not a number",
        ),
        (
            "anthropic",
            "claude-sonnet-4-5",
            lambda m: m["prices"]["input_mtok"].update(base="3"),
            "prices.input_mtok.base",
            "not a number: '3'",
        ),
        (
            "openai",
            "gpt-5.1",
            lambda m: m.update(context_window=-400000),
            "context_window",
            "not a positive whole number",
        ),
        (
            "openai",
            "gpt-5.1",
            lambda m: m.update(context_window="400k"),
            "context_window",
            "not a positive whole number",
        ),
        (
            "openai",
            "gpt-5.1",
            lambda m: m.update(prices=5),
            "prices",
            "not a price table",
        ),
        (
            "openai",
            "o3",
            lambda m: m["prices"][1].update(constraint={"start_date": "soon"}),
            "prices[1].constraint",
            "start_date not a date",
        ),
        (
            "openai",
            "o3",
            lambda m: m["prices"][1].update(constraint={"weekday": "monday"}),
            "prices[1].constraint",
            "an unknown kind of constraint",
        ),
        (
            "openai",
            "gpt-5.1",
            lambda m: m.update(name=["GPT", "5.1"]),
            "name",
            "not a text",
        ),
    ],
)
def test_bad_field(tmp_path, raw, provider, model, change, field_name, expected):
    path, reading = _read_mutated(tmp_path, _mutate(raw, provider, model, change))
    (found,) = reading.problems
    assert found.file == str(path)
    assert found.column == field_name
    assert f"record {provider}/{model}:" in found.reason and expected in found.reason
    assert f"{provider}/{model}" not in {r.provenance.source_record for r in reading.attributes}
    assert len(reading.attributes) == 1389


def test_a_price_table_not_in_force_is_checked_too(tmp_path, raw):
    data = _mutate(raw, "openai", "o3", lambda m: m["prices"][0]["prices"].update(input_mtok=-1))
    _, reading = _read_mutated(tmp_path, data)
    (found,) = reading.problems
    assert found.column == "prices[0].prices.input_mtok" and "record openai/o3:" in found.reason


def test_a_provider_without_models_or_id(tmp_path, raw):
    data = copy.deepcopy(raw)
    data[0]["models"] = {"claude-2": {}}
    data[1].pop("id")
    _, reading = _read_mutated(tmp_path, data)
    assert len(reading.problems) == 2
    assert "record anthropic: not a list" in reading.problems[0].reason
    assert reading.problems[1].column == "id"


def test_unknown_fields_are_fine(tmp_path, raw):
    data = _mutate(raw, "openai", "gpt-5.1", lambda m: m.update(new_field={"a": [1]}))
    data[0]["new_provider_field"] = 1
    _, reading = _read_mutated(tmp_path, data)
    assert reading.problems == [] and len(reading.attributes) == 1390
