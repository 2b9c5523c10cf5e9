"""The probe against a hostile server on 127.0.0.1: wrong-shaped events, trickled bytes, endless
keep-alives, a huge line, impossible token counts and limits, Ctrl+C mid-request, and keys that
try to smuggle a line break into a header. Each is one sample's fault; the run goes on, the
stated time limit holds, nothing impossible is stored and no key reaches any output."""

from __future__ import annotations

import os
import signal
import threading
import tracemalloc
from collections import deque

import pytest

from advisor.app.probe import probe_rows
from advisor.probe.endpoints import Endpoint, Wire
from advisor.probe.runner import MAX_LINE_BYTES, Target, TargetResult, run_probe
from tests.probe.fake_vendor import Behaviour, FakeVendor

WIRES = [Wire.ANTHROPIC, Wire.OPENAI, Wire.GEMINI]
KEY = "sk-test-not-a-real-key-1234"


def _target(vendor: FakeVendor, wire: Wire) -> Target:
    return Target("model-x", "standard", Endpoint("fake", wire, vendor.url), api_model="m")


def _run_bounded(*args, **kwargs) -> list[TargetResult]:
    """run_probe on a thread that must end well within the stated limit (a hang fails)."""
    out: list = []
    worker = threading.Thread(target=lambda: out.append(run_probe(*args, **kwargs)))
    worker.start()
    worker.join(60)
    assert not worker.is_alive(), "the probe did not stop within its time limit"
    return out[0]


@pytest.mark.parametrize("fault", ["wrong_shape", "wrong_shape_inner"])
@pytest.mark.parametrize("wire", WIRES)
def test_a_wrong_shaped_event_fails_only_its_sample(wire, fault):
    with FakeVendor(Behaviour(faults=deque([fault]), chunks=6)) as vendor:
        [result] = run_probe([_target(vendor, wire)], lambda _n: KEY, samples=3, concurrency=1)
    assert [s.error for s in result.samples] == ["malformed_stream", "", ""]
    assert "not shaped as" in result.samples[0].detail


@pytest.mark.parametrize("wire", WIRES)
def test_an_error_event_whose_error_is_text_is_reported_as_such(wire):
    with FakeVendor(Behaviour(faults=deque(["error_string"]), chunks=6)) as vendor:
        [result] = run_probe([_target(vendor, wire)], lambda _n: KEY, samples=2, concurrency=1)
    assert [s.error for s in result.samples] == ["stream_error", ""]
    assert result.samples[0].detail == "overloaded"


@pytest.mark.parametrize("fault", ["drip", "header_drip", "keepalive"])
def test_a_server_that_trickles_bytes_cannot_hold_a_request_past_its_limit(fault):
    with FakeVendor(Behaviour(faults=deque([fault]))) as vendor:
        [result] = _run_bounded(
            [_target(vendor, Wire.OPENAI)], lambda _n: KEY, samples=2, concurrency=1, timeout=0.3
        )
    assert [s.error for s in result.samples] == ["timeout", ""]
    assert result.samples[0].detail == "no complete reply within 1.2 s"


def test_one_huge_line_is_refused_with_bounded_memory():
    with FakeVendor(Behaviour(faults=deque(["huge_line"]))) as vendor:
        tracemalloc.start()
        try:
            [result] = run_probe(
                [_target(vendor, Wire.OPENAI)], lambda _n: KEY, samples=2, concurrency=1
            )
            _now, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert [s.error for s in result.samples] == ["malformed_stream", ""]
    assert "longer than" in result.samples[0].detail
    assert peak < 8 * MAX_LINE_BYTES  # one bounded line, not the 3 MiB the server sent


@pytest.mark.parametrize("fault", ["neg_usage", "huge_usage"])
@pytest.mark.parametrize("wire", WIRES)
def test_impossible_token_counts_are_refused_not_stored(wire, fault):
    with FakeVendor(Behaviour(faults=deque([fault]), chunks=4)) as vendor:
        [result] = run_probe([_target(vendor, wire)], lambda _n: KEY, samples=2, concurrency=1)
    assert [s.error for s in result.samples] == ["malformed_stream", ""]
    assert "impossible token count" in result.samples[0].detail
    speeds = [r["value"] for r in probe_rows([result], "")["measurements.csv"]]
    assert speeds and all(0 < v < 1e5 for v in speeds)


@pytest.mark.parametrize("wire", [Wire.ANTHROPIC, Wire.OPENAI])
def test_negative_and_nan_limits_are_named_and_never_kept(wire):
    with FakeVendor(Behaviour(faults=deque(["bad_limits"]), chunks=4)) as vendor:
        [result] = run_probe([_target(vendor, wire)], lambda _n: KEY, samples=1, concurrency=1)
    assert "tokens_limit" not in result.samples[0].rate_limits
    assert "requests_limit" not in result.samples[0].rate_limits
    rejected = result.rejected_headers()
    assert len(rejected) == 2 and any(
        "'-5000' is not a number of at least 0" in r for r in rejected
    )
    rows = probe_rows([result], "")
    assert rows["rate_limits.csv"] == []  # nothing stated that could be a limit
    assert "Headers not kept" in rows["measurements.csv"][0]["notes"]


def test_ctrl_c_stops_at_once_and_keeps_what_finished():
    behaviour = Behaviour(faults=deque([None, None, "drip", "drip", "drip"]), chunks=3)
    cancel = threading.Event()
    timers = []

    def progress(done, _total):
        if done == 2:  # Ctrl+C while the third request is stalled
            timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT))
            timers.append(timer)
            timer.start()

    with FakeVendor(behaviour) as vendor:
        [result] = run_probe(
            [_target(vendor, Wire.OPENAI)],
            lambda _n: KEY,
            samples=5,
            concurrency=1,
            timeout=30,  # the drip alone would hold the third request for 120 s
            cancel=cancel,
            progress=progress,
        )
    for timer in timers:
        timer.join()
    assert cancel.is_set()
    assert [s.error for s in result.samples] == ["", ""]  # finished ones kept, nothing after
    assert len(behaviour.seen) == 3  # the queued requests were never sent


HOSTILE_KEYS = [
    "sk-secret-123456789\nX-Injected: 1",
    "sk-secret-123456789\r\nX-Injected: 1",
    "sk-secret-123456789\u2019",
    "sk-secret-123456789\x00",
]


@pytest.mark.parametrize("wire", [Wire.ANTHROPIC, Wire.OPENAI, Wire.GEMINI])
@pytest.mark.parametrize("key", HOSTILE_KEYS, ids=["lf", "crlf", "curly-quote", "nul"])
def test_a_hostile_key_fails_its_samples_and_is_never_echoed(wire, key):
    with FakeVendor(Behaviour(chunks=2)) as vendor:
        [result] = run_probe([_target(vendor, wire)], lambda _n: key, samples=2, concurrency=1)
        seen = list(vendor.behaviour.seen)
    assert {s.error for s in result.samples} == {"client_error"}
    shown = repr(result.samples) + repr(probe_rows([result], ""))
    assert "secret" not in shown and "Injected" not in shown
    assert not seen  # no request with a smuggled header ever left


def test_cancel_from_another_thread_cuts_a_stalled_request_off():
    """The window's Cancel button: set from the GUI thread while a request trickles."""
    behaviour = Behaviour(faults=deque([None, "drip", "drip"]), chunks=3)
    cancel = threading.Event()

    def progress(done, _total):
        if done == 1:
            threading.Timer(0.3, cancel.set).start()

    with FakeVendor(behaviour) as vendor:
        [result] = _run_bounded(
            [_target(vendor, Wire.OPENAI)],
            lambda _n: KEY,
            samples=3,
            concurrency=1,
            timeout=30,  # the drip alone would hold the request for 120 s
            cancel=cancel,
            progress=progress,
        )
    assert [s.error for s in result.samples] == [""] and len(behaviour.seen) == 2
