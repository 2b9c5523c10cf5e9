"""The probe as a use case: endpoints kept in the catalogue (never a key), targets, the one
rule for which endpoints need a key, a real run against a local fake vendor, and its rows."""

from __future__ import annotations

import json

import pytest

from advisor.app import probe
from advisor.domain import AdvisorError
from tests.probe.fake_vendor import Behaviour, FakeVendor

KEY = "sk-test-APPLAYER-0011223344"


def test_defaults_then_the_users_own_endpoints(workspace):
    names = [e.name for e in probe.endpoints(workspace)]
    assert names == ["anthropic", "openai", "google"]
    gateway = probe.Endpoint(
        "gateway", probe.Wire.OPENAI_COMPATIBLE, "http://127.0.0.1:9/v1", "VendorA"
    )
    probe.save_endpoint(workspace, gateway)
    moved = probe.Endpoint("openai", probe.Wire.OPENAI, "https://proxy.example/v1", "OpenAI")
    probe.save_endpoint(workspace, moved)
    assert probe.endpoint_named(workspace, "gateway") == gateway
    assert probe.endpoint_named(workspace, "openai") == moved
    stored = json.loads(workspace.meta()["probe_endpoints"])
    assert [e["name"] for e in stored] == ["gateway", "openai"]
    with pytest.raises(
        AdvisorError, match="No endpoint called 'nope'; endpoints: anthropic, gateway"
    ):
        probe.endpoint_named(workspace, "nope")


def test_a_damaged_entry_falls_back_to_the_default(workspace):
    workspace.db["meta"].upsert(
        {"key": "probe_endpoints", "value": json.dumps([{"name": "openai", "wire": "smtp"}])},
        pk="key",
    )
    assert probe.endpoint_named(workspace, "openai").base_url == "https://api.openai.com"


def test_the_endpoint_serving_a_model(workspace):
    gateway = probe.Endpoint(
        "gateway", probe.Wire.OPENAI_COMPATIBLE, "http://127.0.0.1:9", "VendorA"
    )
    probe.save_endpoint(workspace, gateway)
    assert probe.endpoint_for(workspace, "alpha") == gateway
    assert probe.endpoint_for(workspace, "beta") is None
    with pytest.raises(AdvisorError, match="No model 'ghost' in the catalogue"):
        probe.endpoint_for(workspace, "ghost")
    assert probe.a_model_of(workspace, "VendorA") == "alpha"


def test_targets_and_the_key_rule(memory_keyring, monkeypatch):
    anthropic = probe.Endpoint("anthropic", probe.Wire.ANTHROPIC, "https://a.example", "A")
    local = probe.Endpoint("local", probe.Wire.OPENAI_COMPATIBLE, "http://127.0.0.1:9", "B")
    target = probe.target("alpha", anthropic)
    assert (target.model_id, target.mode, target.api_model) == ("alpha", "standard", "alpha")
    assert probe.target("alpha@extended_thinking", local, "a-1").api_model == "a-1"
    with pytest.raises(AdvisorError, match="standard or extended_thinking"):
        probe.target("alpha@turbo", anthropic)
    assert probe.needs_key(anthropic) and not probe.needs_key(local)
    keys = probe.KeyStore()
    targets = [target, probe.target("beta", local)]
    assert probe.missing_keys(targets, keys, environment=False) == ["anthropic"]
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    assert probe.missing_keys(targets, keys, environment=False) == ["anthropic"]  # the window
    assert probe.missing_keys(targets, keys, environment=True) == []  # the command line
    assert keys.get("anthropic") == KEY and keys.where("anthropic") == "session"


def test_a_run_is_measured_shown_and_stored(workspace, memory_keyring):
    with FakeVendor(Behaviour(ttft_s=0.05, chunks=5, requests_limit=60)) as vendor:
        local = probe.Endpoint("local", probe.Wire.OPENAI_COMPATIBLE, vendor.url, "VendorA")
        results = probe.run([probe.target("alpha", local)], probe.KeyStore(), samples=2)
    [row] = [probe.result_row(r) for r in results]
    assert row[0] == "alpha@standard" and row[1] == "2/2" and row[4] == "none"
    assert row[2].endswith(" s ± " + row[2].split(" ± ")[1]) and "RPM 60" in row[5]
    assert len(row) == len(probe.RESULT_HEADERS)
    assert probe.store_results(workspace, results, "lab") == 3
    stored = {r["metric"]: r for r in workspace.rows("measurements") if r["region"] == "lab"}
    assert set(stored) == {"ttft_s", "output_tokens_per_s"}
    assert stored["ttft_s"]["source_kind"] == "internal" and stored["ttft_s"]["sample_count"] == 2
    workspace.take_snapshot("frozen")
    with workspace.reopen("frozen") as frozen, pytest.raises(AdvisorError, match="read-only"):
        probe.store_results(frozen, results, "lab")
