"""Run the probe: N streamed requests per target at a capped concurrency, timed from this
workstation. Faults (timeouts, 429 with retry-after, 5xx, broken streams) are counted and
reported, never raised; a cancelled run keeps what it measured."""

from __future__ import annotations

import contextlib
import http.client
import ssl
import statistics
import threading
import time
from collections.abc import Callable
from concurrent.futures import CancelledError, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from advisor.probe.endpoints import Endpoint
from advisor.probe.wire import (
    HttpRequest,
    MalformedStream,
    StreamState,
    build_request,
    rate_limit_headers,
    read_event,
)

# A fixed, small prompt set: short answers, so the run is cheap and comparable across vendors.
PROMPTS = (
    "In two sentences, explain what a hash table is.",
    "Write a Python function that reverses a string, with a one-line docstring.",
    "List three differences between TCP and UDP, one line each.",
    "Summarise the purpose of unit tests in one short paragraph.",
    "Give a SQL query that counts orders per customer from a table orders(customer_id).",
)
MAX_TOKENS = 200
MAX_RETRY_WAIT_S = 30.0

ERROR_LABELS = {
    "timeout": "timed out",
    "rate_limited": "HTTP 429 (rate limited)",
    "server_error": "HTTP 5xx (server error)",
    "http_error": "HTTP error (request refused)",
    "connection_error": "could not connect",
    "malformed_stream": "broken or malformed stream",
    "stream_error": "error reported inside the stream",
}


@dataclass(frozen=True, slots=True)
class Target:
    """One catalogue candidate to measure and the model name its endpoint knows it by."""

    model_id: str
    mode: str
    endpoint: Endpoint
    api_model: str = ""

    @property
    def label(self) -> str:
        return f"{self.model_id}@{self.mode}"


@dataclass(frozen=True, slots=True)
class Sample:
    """One request: timings if it succeeded, else what went wrong."""

    target: int
    error: str = ""  # "" or a key of ERROR_LABELS
    detail: str = ""
    status: int | None = None
    ttft_s: float | None = None
    total_s: float | None = None
    output_tokens: int | None = None
    tokens_estimated: bool = False
    rate_limits: dict[str, Any] = field(default_factory=dict)

    @property
    def tokens_per_s(self) -> float | None:
        if self.error or not self.output_tokens or self.ttft_s is None or self.total_s is None:
            return None
        generating = self.total_s - self.ttft_s
        return self.output_tokens / generating if generating > 0 else None


def _quartiles(values: list[float]) -> tuple[float | None, float | None]:
    """Median and interquartile range (None when there are no values)."""
    if not values:
        return None, None
    if len(values) == 1:
        return values[0], 0.0
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q2, q3 - q1


@dataclass
class TargetResult:
    """Everything measured for one target."""

    target: Target
    samples: list[Sample] = field(default_factory=list)

    @property
    def ok(self) -> list[Sample]:
        return [s for s in self.samples if not s.error]

    @property
    def attempts(self) -> int:
        return len(self.samples)

    @property
    def error_rate(self) -> float | None:
        return (len(self.samples) - len(self.ok)) / len(self.samples) if self.samples else None

    def errors(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for s in self.samples:
            if s.error:
                counts[s.error] = counts.get(s.error, 0) + 1
        return counts

    def ttft(self) -> tuple[float | None, float | None]:
        return _quartiles([s.ttft_s for s in self.ok if s.ttft_s is not None])

    def tokens_per_s(self) -> tuple[float | None, float | None]:
        return _quartiles([v for s in self.ok if (v := s.tokens_per_s) is not None])

    def total(self) -> tuple[float | None, float | None]:
        return _quartiles([s.total_s for s in self.ok if s.total_s is not None])

    def rate_limits(self) -> dict[str, Any]:
        """The most recent rate-limit headers seen (limits are per account, not per call)."""
        seen: dict[str, Any] = {}
        for s in self.samples:
            seen.update(s.rate_limits)
        return seen


def _connection(url: str, timeout: float) -> tuple[http.client.HTTPConnection, str]:
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if parts.scheme == "https":
        conn = http.client.HTTPSConnection(
            parts.hostname, parts.port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    return conn, path


def _events(response: http.client.HTTPResponse, cancel: threading.Event, deadline: float):
    """(event, data) pairs of a server-sent event stream."""
    event, data = "", []
    while True:
        if cancel.is_set():
            raise _Cancelled
        if time.monotonic() > deadline:
            raise TimeoutError
        raw = response.readline()
        if not raw:
            if data:
                yield event, "\n".join(data)
            return
        try:
            line = raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            raise MalformedStream("the stream is not UTF-8 text") from None
        if not line:
            if data:
                yield event, "\n".join(data)
            event, data = "", []
        elif line.startswith(":"):
            continue  # a comment / keep-alive
        elif line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].lstrip(" "))


class _Cancelled(Exception):
    pass


def measure_once(
    target: Target,
    index: int,
    request: HttpRequest,
    timeout: float,
    cancel: threading.Event,
) -> Sample:
    """Send one request and time its stream. Raises only :class:`_Cancelled`."""
    wire = target.endpoint.wire
    start = time.monotonic()
    deadline = start + 4 * timeout
    conn = response = None
    try:
        conn, path = _connection(request.url, timeout)
        conn.request("POST", path, body=request.body, headers=request.headers)
        response = conn.getresponse()
        limits = rate_limit_headers(wire, dict(response.getheaders()))
        if response.status != 200:
            response.read(65536)
            kind = (
                "rate_limited"
                if response.status == 429
                else "server_error"
                if response.status >= 500
                else "http_error"
            )
            return Sample(
                index,
                kind,
                f"HTTP {response.status} {response.reason}",
                response.status,
                rate_limits=limits,
            )
        state, ttft = StreamState(), None
        for event, data in _events(response, cancel, deadline):
            if read_event(wire, event, data, state):
                state.chunks += 1
                if ttft is None:
                    ttft = time.monotonic() - start
            if state.error:
                return Sample(index, "stream_error", state.error, 200, rate_limits=limits)
        total = time.monotonic() - start
        if ttft is None:
            return Sample(
                index,
                "malformed_stream",
                "the stream ended without any text",
                200,
                rate_limits=limits,
            )
        if not state.done:
            return Sample(
                index,
                "malformed_stream",
                "the stream ended before the reply was complete",
                200,
                rate_limits=limits,
            )
        tokens, estimated = state.output_tokens, False
        if tokens is None:  # no usage reported: one token per text event, marked as estimated
            tokens, estimated = state.chunks, True
        return Sample(index, "", "", 200, ttft, total, tokens, estimated, limits)
    except _Cancelled:
        raise
    except TimeoutError:
        return Sample(index, "timeout", f"no reply within {timeout:g} s")
    except MalformedStream as exc:
        return Sample(index, "malformed_stream", str(exc), 200)
    except (http.client.HTTPException, ssl.SSLError, OSError) as exc:
        return Sample(index, "connection_error", type(exc).__name__)
    finally:
        if response is not None:
            response.close()  # releases the socket the reply's stream still holds
        if conn is not None:
            conn.close()


def _wait(seconds: float, cancel: threading.Event) -> None:
    if cancel.wait(min(seconds, MAX_RETRY_WAIT_S)):
        raise _Cancelled


def run_probe(
    targets: list[Target],
    key_for: Callable[[str], str | None],
    *,
    samples: int = 5,
    concurrency: int = 2,
    timeout: float = 30.0,
    retries_after_429: int = 2,
    cancel: threading.Event | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[TargetResult]:
    """Measure every target ``samples`` times, at most ``concurrency`` requests at once.

    A 429 is recorded as a failed attempt, then retried after its retry-after (capped at 30 s)
    up to ``retries_after_429`` times. Setting ``cancel`` stops the run; what finished is kept.
    """
    cancel = cancel or threading.Event()
    results = [TargetResult(t) for t in targets]
    lock = threading.Lock()
    jobs = [(i, n) for n in range(samples) for i in range(len(targets))]
    done = 0

    def job(i: int, n: int) -> None:
        target = targets[i]
        key = key_for(target.endpoint.name) or ""
        request = build_request(
            target.endpoint,
            target.api_model or target.model_id,
            target.mode,
            PROMPTS[n % len(PROMPTS)],
            MAX_TOKENS,
            key,
        )
        for attempt in range(retries_after_429 + 1):
            if cancel.is_set():
                raise _Cancelled
            sample = measure_once(target, i, request, timeout, cancel)
            with lock:
                results[i].samples.append(sample)
            if sample.error != "rate_limited" or attempt == retries_after_429:
                return
            _wait(sample.rate_limits.get("retry_after", 1.0), cancel)

    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        futures = [pool.submit(job, i, n) for i, n in jobs]
        for future in as_completed(futures):
            with contextlib.suppress(_Cancelled, CancelledError):
                future.result()
            done += 1
            if progress is not None:
                progress(done, len(jobs))
            if cancel.is_set():
                for f in futures:
                    f.cancel()
    return results
