"""Run the probe: N streamed requests per target at a capped concurrency, timed from this
workstation. Faults (timeouts, 429 with retry-after, 5xx, broken streams) are counted and
reported, never raised; a cancelled run keeps what it measured."""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import statistics
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, CancelledError, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from advisor.domain.secrets import key_problem
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
TOTAL_TIME_FACTOR = 4  # a request may take this many times the timeout in all
MAX_LINE_BYTES = 1 << 20  # one line of a reply's stream; a longer one is a malformed reply
MAX_PLAUSIBLE_TOKENS_PER_S = 100_000.0  # faster than any served model by two orders
CANCEL_POLL_S = 0.1  # how often a run looks at its cancel flag while requests are in flight

ERROR_LABELS = {
    "timeout": "timed out",
    "rate_limited": "HTTP 429 (rate limited)",
    "server_error": "HTTP 5xx (server error)",
    "http_error": "HTTP error (request refused)",
    "connection_error": "could not connect",
    "malformed_stream": "broken or malformed stream",
    "stream_error": "error reported inside the stream",
    "client_error": "request could not be sent",
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
            seen.update({k: v for k, v in s.rate_limits.items() if k != "rejected"})
        return seen

    def rejected_headers(self) -> list[str]:
        """Rate-limit headers that were not numbers of at least 0, and so were not kept."""
        return list(
            dict.fromkeys(r for s in self.samples for r in s.rate_limits.get("rejected", []))
        )


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


def _events(response: http.client.HTTPResponse, watch: _Watch):
    """(event, data) pairs of a server-sent event stream, each line at most
    ``MAX_LINE_BYTES`` long."""
    event, data = "", []
    while True:
        watch.check()
        raw = response.readline(MAX_LINE_BYTES + 1)
        watch.check()
        if len(raw) > MAX_LINE_BYTES:
            raise MalformedStream(f"a line of the stream is longer than {MAX_LINE_BYTES:,} bytes")
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


class _Watch:
    """One request's deadline and the run's cancel: when either comes, the request's socket is
    shut, so a server that trickles bytes (or a stalled read) cannot hold it any longer."""

    def __init__(self, deadline: float, cancel: threading.Event) -> None:
        self.deadline = deadline
        self.cancel = cancel
        # the connected socket, kept here: http.client hands it to the response and forgets it
        self.sock: socket.socket | None = None
        self.expired = False
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self.expire)
        self._timer.daemon = True
        self._timer.start()

    def expire(self) -> None:
        self.expired = True
        self.abort()

    def abort(self) -> None:
        with self._lock:
            sock = self.sock
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def check(self) -> None:
        if self.cancel.is_set():
            raise _Cancelled
        if self.expired or time.monotonic() > self.deadline:
            raise TimeoutError

    def close(self) -> None:
        self._timer.cancel()


class _Active:
    """The requests in flight, so that cancelling the run shuts their sockets at once."""

    def __init__(self) -> None:
        self._watches: set[_Watch] = set()
        self._lock = threading.Lock()

    def add(self, watch: _Watch) -> None:
        with self._lock:
            self._watches.add(watch)

    def discard(self, watch: _Watch) -> None:
        with self._lock:
            self._watches.discard(watch)

    def abort_all(self) -> None:
        with self._lock:
            watches = list(self._watches)
        for watch in watches:
            watch.abort()


def measure_once(
    target: Target,
    index: int,
    request: HttpRequest,
    timeout: float,
    cancel: threading.Event,
    active: _Active | None = None,
) -> Sample:
    """Send one request and time its stream, within ``TOTAL_TIME_FACTOR × timeout`` in all.
    Every fault becomes the sample's error (never with a header value in it: the headers
    carry the key). Raises only :class:`_Cancelled`."""
    wire = target.endpoint.wire
    start = time.monotonic()
    watch = _Watch(start + TOTAL_TIME_FACTOR * timeout, cancel)
    overdue = f"no complete reply within {TOTAL_TIME_FACTOR * timeout:g} s"
    if active is not None:
        active.add(watch)
    conn = response = None
    limits: dict[str, Any] = {}
    try:
        conn, path = _connection(request.url, timeout)
        conn.connect()
        watch.sock = conn.sock
        watch.check()
        try:
            conn.request("POST", path, body=request.body, headers=request.headers)
        except (ValueError, UnicodeError):  # a header http.client refuses: never echo it
            return Sample(index, "client_error", "a request header holds a character HTTP forbids")
        response = conn.getresponse()
        watch.check()
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
                f"HTTP {response.status} {_printable(response.reason)}",
                response.status,
                rate_limits=limits,
            )
        state, ttft = StreamState(), None
        for event, data in _events(response, watch):
            if read_event(wire, event, data, state):
                state.chunks += 1
                if ttft is None:
                    ttft = time.monotonic() - start
            if state.error:
                return Sample(index, "stream_error", state.error, 200, rate_limits=limits)
        watch.check()
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
        sample = Sample(index, "", "", 200, ttft, total, tokens, estimated, limits)
        speed = sample.tokens_per_s
        if speed is not None and speed > MAX_PLAUSIBLE_TOKENS_PER_S:
            return Sample(
                index,
                "malformed_stream",
                f"the reply implies {speed:,.0f} tokens/s, which no served model reaches",
                200,
                rate_limits=limits,
            )
        return sample
    except _Cancelled:
        raise
    except TimeoutError:
        if cancel.is_set():
            raise _Cancelled from None
        if watch.expired:
            return Sample(index, "timeout", overdue, rate_limits=limits)
        return Sample(index, "timeout", f"no reply within {timeout:g} s", rate_limits=limits)
    except MalformedStream as exc:
        return Sample(index, "malformed_stream", str(exc), 200, rate_limits=limits)
    except (http.client.HTTPException, ssl.SSLError, OSError) as exc:
        if cancel.is_set():
            raise _Cancelled from None
        if watch.expired:  # the watchdog shut the socket: a timeout, not a broken connection
            return Sample(index, "timeout", overdue)
        return Sample(index, "connection_error", type(exc).__name__)
    except Exception as exc:  # one sample's unforeseen fault must not end the run
        return Sample(index, "client_error", type(exc).__name__)
    finally:
        watch.close()
        if active is not None:
            active.discard(watch)
        if response is not None:
            response.close()  # releases the socket the reply's stream still holds
        if conn is not None:
            conn.close()


def _printable(text: Any) -> str:
    return "".join(c if c.isprintable() else "?" for c in str(text)[:80])


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
    up to ``retries_after_429`` times. Setting ``cancel`` (or Ctrl+C, which sets it) stops the
    run at once: requests in flight are cut off and what finished is kept and returned.
    """
    cancel = cancel or threading.Event()
    active = _Active()
    results = [TargetResult(t) for t in targets]
    lock = threading.Lock()
    jobs = [(i, n) for n in range(samples) for i in range(len(targets))]
    done = 0

    def job(i: int, n: int) -> None:
        target = targets[i]
        try:
            key = key_for(target.endpoint.name) or ""
        except Exception as exc:  # a keyring that fails mid-run (its message names no key)
            with lock:
                results[i].samples.append(Sample(i, "client_error", type(exc).__name__))
            return
        problem = key_problem(key) if key else ""
        if problem:  # never sent: a header must not carry what the key smuggles in
            with lock:
                results[i].samples.append(Sample(i, "client_error", f"the API key {problem}"))
            return
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
            sample = measure_once(target, i, request, timeout, cancel, active)
            with lock:
                results[i].samples.append(sample)
            if sample.error != "rate_limited" or attempt == retries_after_429:
                return
            _wait(sample.rate_limits.get("retry_after", 1.0), cancel)

    def stop() -> None:
        cancel.set()
        for f in futures:
            f.cancel()
        active.abort_all()

    pool = ThreadPoolExecutor(max_workers=max(1, concurrency))
    futures = [pool.submit(job, i, n) for i, n in jobs]
    pending = set(futures)
    try:
        while pending and not cancel.is_set():
            # a short wait, so a Cancel from another thread cuts stalled requests off at once
            finished, pending = wait(pending, timeout=CANCEL_POLL_S, return_when=FIRST_COMPLETED)
            for future in finished:
                with contextlib.suppress(_Cancelled, CancelledError):
                    future.result()
                done += 1
                if progress is not None:
                    progress(done, len(jobs))
    except KeyboardInterrupt:
        stop()  # the caller sees ``cancel`` set, with what finished
    finally:
        if cancel.is_set():
            stop()
        pool.shutdown(wait=True, cancel_futures=True)
    return results
