"""Live-probe accuracy against a local fake vendor with injected delays, beside a floor in the same
run: the same streamed request read with bare ``http.client`` (no SSE parsing, no bookkeeping).

Run:  python benchmarks/bench_probe.py [--json PATH] [--quick]

Issue 8 names no speed target; this shows how close the probe's time to first token and output
speed come to what the server injected, per wire format, and what the probe adds over the floor.
Everything stays on 127.0.0.1.
"""

from __future__ import annotations

import http.client
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for the tests' fake vendor

from timing import benchmark_args, write_results

from advisor.probe.endpoints import Endpoint, Wire
from advisor.probe.runner import Target, run_probe
from advisor.probe.wire import build_request
from tests.probe.fake_vendor import Behaviour, FakeVendor

KEY = "sk-bench-not-a-real-key"
WIRES = [Wire.ANTHROPIC, Wire.OPENAI, Wire.GEMINI]


def floor_ttft(endpoint: Endpoint) -> float:
    """Seconds to the first body byte of one request with bare http.client."""
    request = build_request(endpoint, "model-x", "standard", "Say hi.", 64, KEY)
    parts = urlsplit(request.url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    start = time.monotonic()
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    conn.request("POST", path, body=request.body, headers=request.headers)
    response = conn.getresponse()
    response.read(1)
    seconds = time.monotonic() - start
    response.read()
    conn.close()
    return seconds


def probe_once(endpoint: Endpoint) -> tuple[float, float, int]:
    """One probe request: time to first token, output tokens per second, errors."""
    [result] = run_probe(
        [Target("model-x", "standard", endpoint, api_model="model-x")],
        lambda _n: KEY,
        samples=1,
        concurrency=1,
    )
    if not result.ok:
        return float("nan"), float("nan"), result.attempts
    return result.ttft()[0], result.tokens_per_s()[0], result.attempts - len(result.ok)


def main() -> None:
    args = benchmark_args(__doc__, "bench_probe", quick="fewer cases (smoke run)")
    rounds = 3 if args.quick else 7
    ttfts = [0.1] if args.quick else [0.05, 0.2, 0.5]
    rows = []
    for wire in WIRES:
        for ttft in ttfts:
            behaviour = Behaviour(ttft_s=ttft, chunk_delay_s=0.01, chunks=21, tokens_per_chunk=3)
            injected_speed = 63 / (20 * 0.01)
            probe, floor, speeds, errors = [], [], [], 0
            with FakeVendor(behaviour) as vendor:
                endpoint = Endpoint("fake", wire, vendor.url)
                for r in range(rounds):  # the probe and the floor alternate who goes first
                    if r % 2:
                        floor.append(floor_ttft(endpoint))
                    seconds, speed, failed = probe_once(endpoint)
                    probe.append(seconds)
                    speeds.append(speed)
                    errors += failed
                    if not r % 2:
                        floor.append(floor_ttft(endpoint))
            gaps = sorted((p - f) * 1000 for p, f in zip(probe, floor, strict=True))
            rows.append(
                {
                    "wire": wire.value,
                    "injected_ttft_ms": ttft * 1000,
                    "probe_ttft_ms": statistics.median(probe) * 1000,
                    "floor_ttft_ms": statistics.median(floor) * 1000,
                    "gap_ms": (gaps[0], statistics.median(gaps), gaps[-1]),
                    "injected_tok_s": injected_speed,
                    "probe_tok_s": statistics.median(speeds),
                    "errors": errors,
                }
            )
    header = (
        f"{'wire':<10} {'injected':>9} {'probe':>9} {'floor':>9} {'probe - floor min/med/max':>26}"
        f" {'tok/s in':>9} {'tok/s':>8} {'errors':>6}"
    )
    print(f"Probe accuracy, {rounds} rounds of one probe and one floor request each (ms)")
    print(header)
    for r in rows:
        low, mid, high = r["gap_ms"]
        print(
            f"{r['wire']:<10} {r['injected_ttft_ms']:>9.0f} {r['probe_ttft_ms']:>9.1f}"
            f" {r['floor_ttft_ms']:>9.1f} {f'{low:.1f} / {mid:.1f} / {high:.1f}':>26}"
            f" {r['injected_tok_s']:>9.0f} {r['probe_tok_s']:>8.0f} {r['errors']:>6}"
        )
    worst = max(abs(r["gap_ms"][1]) for r in rows)
    print(f"largest median probe-minus-floor time to first token: {worst:.1f} ms")
    write_results(args.json, rows)


if __name__ == "__main__":
    main()
