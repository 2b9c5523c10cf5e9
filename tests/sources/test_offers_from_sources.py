"""Offers read from the real litellm and models.dev snapshots: each cloud, region and gateway
listing keeps its own price, its source key and its lifecycle, checked against the raw files."""

from __future__ import annotations

import json
import tomllib

import pytest

from advisor.catalogue import load_frames
from advisor.domain import Policy
from advisor.engine import build_decision_matrix
from advisor.sources import base, litellm, models_dev
from advisor.sources.identity import Identities
from advisor.sources.regions import region_of
from advisor.sources.rows import catalogue_rows
from tests.conftest import DATA

LITELLM = DATA / "sources/litellm/model_prices_and_context_window.json"
MODELS_DEV = DATA / "sources/models.dev"
EU_SONNET = "eu.anthropic.claude-sonnet-4-5-20250929-v1:0"


@pytest.fixture(scope="module")
def raw() -> dict:
    return json.loads(LITELLM.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bundled_matrix(bundled_db):
    return build_decision_matrix(load_frames(bundled_db), Policy())


def _figure(matrix, label, criterion):
    row = matrix.labels().index(label)
    figures = matrix.figures
    return figures[(figures["row"] == row) & (figures["criterion"] == criterion)].iloc[0]


@pytest.mark.parametrize(
    ("channel", "key", "region"),
    [
        ("bedrock", "eu.anthropic.claude-sonnet-4-5-20250929-v1:0", "eu"),
        ("bedrock", "global.anthropic.claude-haiku-4-5-20251001-v1:0", "global"),
        ("bedrock", "us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0", "us-gov"),
        ("bedrock", "bedrock/eu-central-1/qwen.qwen3-32b-v1:0", "eu-central-1"),
        ("bedrock", "aws/global.anthropic.claude-sonnet-4-5-20250929-v1:0", "global"),
        ("bedrock", "anthropic.claude-sonnet-4-5-20250929-v1:0", ""),
        ("bedrock", "bedrock/invoke/anthropic.claude-3-5-sonnet-20240620-v1:0", ""),
        ("azure", "azure/eu/gpt-5-2025-08-07", "eu"),
        ("azure", "azure/global-standard/gpt-4o-2024-08-06", "global"),
        ("azure", "azure_ai/global/grok-4", "global"),
        ("openrouter", "openrouter/anthropic/claude-sonnet-4.5", ""),
        ("", "us.anthropic.claude-sonnet-4-5", ""),  # the vendor's own API: never a region
    ],
)
def test_the_region_an_offer_key_names(channel, key, region):
    assert region_of(channel, key) == region


def test_a_bedrock_eu_offer_of_a_claude_model_has_its_own_price(raw):
    records = {r.name: r for r in litellm.read(LITELLM).attributes}
    record = records[EU_SONNET]
    assert (record.channel, record.region) == ("bedrock", "eu")
    assert record.attributes["input_usd_per_mtok"] == pytest.approx(
        raw[EU_SONNET]["input_cost_per_token"] * 1e6
    )
    assert record.attributes["output_usd_per_mtok"] == pytest.approx(
        raw[EU_SONNET]["output_cost_per_token"] * 1e6
    )


def test_the_bundled_catalogue_ranks_that_offer_at_that_price(bundled_matrix, raw):
    label = "claude-sonnet-4.5@standard/bedrock:eu"
    price = _figure(bundled_matrix, label, "input_usd_per_mtok")
    assert price["value"] == pytest.approx(raw[EU_SONNET]["input_cost_per_token"] * 1e6)
    assert price["source_record"] == EU_SONNET
    assert price["reported_by"] == "litellm (BerriAI)"
    api = _figure(bundled_matrix, "claude-sonnet-4.5@standard", "input_usd_per_mtok")
    assert price["value"] > api["value"]  # the EU profile costs 10% more than the vendor's API
    # The model's benchmarks are shared by its offers.
    row = bundled_matrix.labels().index(label)
    api_row = bundled_matrix.labels().index("claude-sonnet-4.5@standard")
    bench = [c for c in bundled_matrix.criteria if c.startswith("swe-bench")]
    for criterion in bench:
        j = bundled_matrix.criteria.index(criterion)
        a, b = bundled_matrix.values[row, j], bundled_matrix.values[api_row, j]
        assert a == b or (a != a and b != b)


def test_every_priced_listing_of_a_bundled_model_is_an_offer(bundled_db, bundled_matrix):
    attributes = load_frames(bundled_db).model_attributes
    priced = attributes[
        (attributes["channel"] != "")
        & attributes["attribute"].isin(["input_usd_per_mtok", "output_usd_per_mtok"])
    ]
    listed = {
        (m, c, r) for m, c, r in zip(priced.model_id, priced.channel, priced.region, strict=True)
    }
    m = bundled_matrix
    offers = set(zip(m.model_ids, m.channels, m.regions, strict=True))
    assert listed <= offers


def test_litellm_deprecation_dates_become_lifecycle_rows(bundled_db, raw):
    key = "eu.anthropic.claude-haiku-4-5-20251001-v1:0"
    events = load_frames(bundled_db).lifecycle
    found = events[events["source_record"] == key].iloc[0]
    assert (found["model_id"], found["channel"], found["region"]) == (
        "claude-haiku-4.5",
        "bedrock",
        "eu",
    )
    assert (found["event"], found["date"]) == ("deprecation", raw[key]["deprecation_date"])


def test_models_dev_status_becomes_a_dateless_lifecycle_row(bundled_db):
    path = "providers/anthropic/models/claude-3-haiku-20240307.toml"
    data = tomllib.loads((MODELS_DEV / path).read_text(encoding="utf-8"))
    assert data["status"] == "deprecated"
    events = load_frames(bundled_db).lifecycle
    found = events[events["source_record"] == path].iloc[0]
    assert (found["model_id"], found["channel"], found["event"]) == (
        "claude-haiku-3",
        "",
        "deprecation",
    )
    assert not isinstance(found["date"], str)  # no date stated: none invented


def test_models_dev_gateway_listings_are_offers(bundled_matrix):
    path = MODELS_DEV / "providers/openrouter/models/anthropic/claude-sonnet-4.5.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    label = "claude-sonnet-4.5@standard/openrouter"
    row = bundled_matrix.labels().index(label)
    stated = bundled_matrix.figures
    stated = stated[(stated["row"] == row) & (stated["criterion"] == "input_usd_per_mtok")]
    others = bundled_matrix.alternatives
    others = others[(others["row"] == row) & (others["criterion"] == "input_usd_per_mtok")]
    every = list(stated["value"]) + list(others["value"])
    records = list(stated["source_record"]) + list(others["source_record"])
    assert data["cost"]["input"] in every
    assert "providers/openrouter/models/anthropic/claude-sonnet-4.5.toml" in records


def test_a_listing_on_a_channel_outside_the_vocabulary_is_reported_not_kept():
    info = base.SourceInfo("test", "Test", "https://t.example", "MIT", "Test")
    record = base.AttributeRecord(
        "alpha",
        base.Provenance("third_party", "Test", "https://t.example", "2026-01-01", "x/alpha"),
        {"input_usd_per_mtok": 1.0},
        channel="madeupcloud",
    )
    reading = base.Reading(info, "2026-01-01", attributes=[record])
    rows = catalogue_rows([reading], Identities(["alpha"], {}), {"alpha": "VendorA"})
    assert rows.model_attributes == []
    assert any("'madeupcloud' is not in the channel vocabulary" in x for x in rows.report.lines())


def test_a_damaged_deprecation_date_or_status_is_a_problem(tmp_path):
    data = {"m": {"mode": "chat", "litellm_provider": "openai", "deprecation_date": "soon"}}
    path = tmp_path / "prices.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    reading = litellm.read(path)
    assert [p.column for p in reading.problems] == ["deprecation_date"]
    assert "not a YYYY-MM-DD date: 'soon'" in reading.problems[0].reason
    folder = tmp_path / "md" / "providers" / "openai" / "models"
    folder.mkdir(parents=True)
    (folder / "gpt-x.toml").write_text('name = "GPT X"\nstatus = "retiring"\n')
    bad = models_dev.read(tmp_path / "md")
    assert [p.column for p in bad.problems] == ["status"]
