"""The probe against a real local server in each wire format: timings match the injected delays,
every fault is reported as what it is, and nothing raises."""

from __future__ import annotations

import threading
from collections import deque

import pytest

from advisor.probe.endpoints import Endpoint, Wire
from advisor.probe.runner import Target, run_probe
from tests.probe.fake_vendor import Behaviour, FakeVendor

WIRES = [Wire.ANTHROPIC, Wire.OPENAI, Wire.GEMINI, Wire.OPENAI_COMPATIBLE]
KEY = "sk-test-not-a-real-key-1234"


def _target(vendor: FakeVendor, wire: Wire, mode: str = "standard") -> Target:
    base = vendor.url + ("/v1" if wire == Wire.OPENAI_COMPATIBLE else "")
    return Target("model-x", mode, Endpoint("fake", wire, base), api_model="model-x-api")


@pytest.mark.parametrize("wire", WIRES)
def test_timings_match_the_servers_delays(wire):
    behaviour = Behaviour(ttft_s=0.15, chunk_delay_s=0.01, chunks=21, tokens_per_chunk=3)
    with FakeVendor(behaviour) as vendor:
        [result] = run_probe([_target(vendor, wire)], lambda _n: KEY, samples=4, concurrency=2)
    assert result.attempts == 4 and result.error_rate == 0
    ttft, spread = result.ttft()
    assert 0.15 <= ttft < 0.15 + 0.12 and spread < 0.1
    # 63 tokens over 20 gaps of 10 ms: about 315 tokens/s (sleep overshoot only slows it).
    speed, _ = result.tokens_per_s()
    assert 150 < speed <= 330
    assert all(not s.tokens_estimated for s in result.samples)
    path, headers, body = behaviour.seen[0]
    if wire == Wire.ANTHROPIC:
        assert path == "/v1/messages" and headers["x-api-key"] == KEY
        assert body["model"] == "model-x-api" and body["stream"] is True
    elif wire == Wire.GEMINI:
        assert path == "/v1beta/models/model-x-api:streamGenerateContent?alt=sse"
        assert headers["x-goog-api-key"] == KEY
    else:
        assert path == "/v1/chat/completions" and headers["authorization"] == f"Bearer {KEY}"
        assert body["stream_options"] == {"include_usage": True}


@pytest.mark.parametrize("wire", [Wire.ANTHROPIC, Wire.OPENAI])
def test_rate_limit_headers_are_recorded(wire):
    with FakeVendor(Behaviour(requests_limit=50, tokens_limit=30000)) as vendor:
        [result] = run_probe([_target(vendor, wire)], lambda _n: KEY, samples=1)
    limits = result.rate_limits()
    assert limits["requests_limit"] == 50 and limits["tokens_limit"] == 30000
    assert "requests_remaining" in limits


def test_429_is_counted_then_retried_after_its_retry_after():
    behaviour = Behaviour(faults=deque(["429", "429"]), retry_after="0.3")
    with FakeVendor(behaviour) as vendor:
        [result] = run_probe(
            [_target(vendor, Wire.ANTHROPIC)], lambda _n: KEY, samples=1, concurrency=1
        )
    assert [s.error for s in result.samples] == ["rate_limited", "rate_limited", ""]
    assert result.errors() == {"rate_limited": 2} and result.error_rate == pytest.approx(2 / 3)
    assert result.samples[0].rate_limits["retry_after"] == 0.3


@pytest.mark.parametrize(
    ("fault", "kind"),
    [
        ("500", "server_error"),
        ("broken", "malformed_stream"),
        ("truncated", "malformed_stream"),
        ("error_event", "stream_error"),
    ],
)
@pytest.mark.parametrize("wire", WIRES)
def test_every_fault_is_reported_as_what_it_is(wire, fault, kind):
    behaviour = Behaviour(faults=deque([fault]), chunks=6)
    with FakeVendor(behaviour) as vendor:
        [result] = run_probe([_target(vendor, wire)], lambda _n: KEY, samples=2, concurrency=1)
    errors = [s.error for s in result.samples]
    if wire == Wire.GEMINI and fault == "truncated":
        kind = "malformed_stream"  # no finishReason arrives
    assert errors == [kind, ""], errors
    assert result.samples[0].ttft_s is None and result.ok[0].ttft_s is not None


def test_a_stalled_stream_times_out_and_a_dead_port_is_a_connection_error():
    with FakeVendor(Behaviour(faults=deque(["stall"]))) as vendor:
        [result] = run_probe([_target(vendor, Wire.OPENAI)], lambda _n: KEY, samples=1, timeout=0.5)
        url = vendor.url
    assert result.samples[0].error == "timeout"
    dead = Target("m", "standard", Endpoint("dead", Wire.OPENAI, url))
    [result] = run_probe([dead], lambda _n: KEY, samples=1, timeout=1)
    assert result.samples[0].error == "connection_error"


def test_without_usage_the_token_count_is_estimated_and_marked():
    with FakeVendor(Behaviour(report_usage=False, chunks=8)) as vendor:
        [result] = run_probe([_target(vendor, Wire.OPENAI)], lambda _n: KEY, samples=1)
    [sample] = result.samples
    assert sample.tokens_estimated and sample.output_tokens == 8


def test_extended_thinking_asks_for_thinking_in_each_format():
    behaviour = Behaviour(chunks=3)
    with FakeVendor(behaviour) as vendor:
        for wire in (Wire.ANTHROPIC, Wire.OPENAI, Wire.GEMINI):
            run_probe([_target(vendor, wire, "extended_thinking")], lambda _n: KEY, samples=1)
    bodies = [body for _p, _h, body in behaviour.seen]
    assert bodies[0]["thinking"]["type"] == "enabled"
    assert bodies[1]["reasoning_effort"] == "high"
    assert bodies[2]["generationConfig"]["thinkingConfig"]["thinkingBudget"] > 0


def test_cancel_keeps_what_was_measured():
    cancel = threading.Event()
    seen = []

    def progress(done, total):
        seen.append((done, total))
        if done == 2:
            cancel.set()

    with FakeVendor(Behaviour(chunks=4)) as vendor:
        [result] = run_probe(
            [_target(vendor, Wire.ANTHROPIC)],
            lambda _n: KEY,
            samples=10,
            concurrency=1,
            cancel=cancel,
            progress=progress,
        )
    assert 2 <= result.attempts < 10 and all(not s.error for s in result.samples)
    assert seen[-1][1] == 10
