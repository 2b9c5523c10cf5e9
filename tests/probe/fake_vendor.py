"""A real HTTP server on 127.0.0.1 that speaks the Anthropic, OpenAI and Gemini streaming wire
formats, with controllable delays, rate-limit headers, 429s, 5xx and broken streams."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Valid JSON of the wrong shape, per fault and wire format: (event name, data).
HOSTILE_EVENTS = {
    "wrong_shape": {
        "openai": (None, {"choices": "abc"}),
        "anthropic": ("content_block_delta", {"type": "content_block_delta", "delta": "text"}),
        "gemini": (None, {"candidates": "abc"}),
    },
    "wrong_shape_inner": {
        "openai": (None, {"choices": [{"delta": "text"}]}),
        "anthropic": ("message_delta", {"type": "message_delta", "usage": "lots"}),
        "gemini": (None, {"candidates": [{"content": "text"}]}),
    },
    "error_string": {
        "openai": (None, {"error": "overloaded"}),
        "anthropic": ("error", {"type": "error", "error": "overloaded"}),
        "gemini": (None, {"error": "overloaded"}),
    },
}


@dataclass
class Behaviour:
    """How the fake vendor answers. ``faults`` are consumed one per request, in order:
    "429", "500", "broken" (invalid JSON mid-stream), "truncated" (stream stops early),
    "stall" (no bytes after the headers), "error_event"; None answers normally.

    Hostile faults (each bounded by the server's stop, so no handler outlives a test):
    "wrong_shape" / "wrong_shape_inner" (valid JSON of the wrong shape), "error_string" (an
    error event whose error is a string), "drip" (a body byte every 50 ms, never a newline),
    "header_drip" (a header line dripped), "keepalive" (SSE comments for ever), "huge_line"
    (one line of 3 MiB), "neg_usage" / "huge_usage" (impossible token counts), and
    "bad_limits" (NaN and negative rate-limit headers)."""

    ttft_s: float = 0.05
    chunk_delay_s: float = 0.01
    chunks: int = 20
    tokens_per_chunk: int = 3
    report_usage: bool = True
    faults: deque = field(default_factory=deque)
    retry_after: str = "0.2"
    requests_limit: int = 4000
    tokens_limit: int = 400000
    seen: list = field(default_factory=list)  # (path, headers, body) of every request


class FakeVendor:
    """Start with ``with FakeVendor() as vendor:``; ``vendor.url`` is the base URL."""

    def __init__(self, behaviour: Behaviour | None = None) -> None:
        self.behaviour = behaviour or Behaviour()
        behaviour = self.behaviour
        stop = self._stop = threading.Event()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args):  # keep test output quiet
                pass

            def do_POST(self):
                length = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                behaviour.seen.append((self.path, dict(self.headers), body))
                fault = behaviour.faults.popleft() if behaviour.faults else None
                wire = (
                    "anthropic"
                    if self.path.startswith("/v1/messages")
                    else "gemini"
                    if ":streamGenerateContent" in self.path
                    else "openai"
                )
                if fault in ("429", "500"):
                    payload = json.dumps({"error": {"type": "rate_limit_error"}}).encode()
                    self.send_response(int(fault))
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(payload)))
                    if fault == "429":
                        self.send_header("retry-after", behaviour.retry_after)
                    self._limit_headers(wire)
                    self.end_headers()
                    self.wfile.write(payload)
                    return
                if fault == "header_drip":
                    self.wfile.write(b"HTTP/1.1 200 OK\r\nx-slow: ")
                    self._drip()
                    return
                if fault == "bad_limits":
                    limits = {
                        "anthropic": (
                            "anthropic-ratelimit-tokens-limit",
                            "anthropic-ratelimit-requests-limit",
                        ),
                    }.get(wire, ("x-ratelimit-limit-tokens", "x-ratelimit-limit-requests"))
                    self.send_response(200)
                    self.send_header("content-type", "text/event-stream")
                    self.send_header("connection", "close")
                    self.send_header(limits[0], "-5000")
                    self.send_header(limits[1], "nan")
                    self.end_headers()
                    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                        self._stream(wire, None)
                    return
                self.send_response(200)
                self.send_header("content-type", "text/event-stream")
                self.send_header("cache-control", "no-cache")
                self.send_header("connection", "close")
                self._limit_headers(wire)
                self.end_headers()
                if fault == "stall":
                    stop.wait(5)  # until the client gives up and the test ends
                    return
                if fault == "drip":
                    self._drip()
                    return
                if fault == "keepalive":
                    with contextlib.suppress(OSError):
                        while not stop.wait(0.05):
                            self._send(": keep-alive\n\n")
                    return
                if fault == "huge_line":
                    with contextlib.suppress(OSError):
                        self._send("data: ")
                        for _ in range(48):  # 3 MiB, never a newline
                            self._send("x" * 65536)
                    return
                time.sleep(behaviour.ttft_s)
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self._stream(wire, fault)

            def _limit_headers(self, wire):
                if wire == "anthropic":
                    p = "anthropic-ratelimit-"
                    self.send_header(p + "requests-limit", str(behaviour.requests_limit))
                    self.send_header(p + "requests-remaining", str(behaviour.requests_limit - 1))
                    self.send_header(p + "requests-reset", "2026-11-25T12:00:00Z")
                    self.send_header(p + "tokens-limit", str(behaviour.tokens_limit))
                    self.send_header(p + "tokens-remaining", str(behaviour.tokens_limit - 500))
                    self.send_header(p + "input-tokens-limit", str(behaviour.tokens_limit))
                    self.send_header(p + "output-tokens-limit", str(behaviour.tokens_limit // 5))
                elif wire == "openai":
                    self.send_header("x-ratelimit-limit-requests", str(behaviour.requests_limit))
                    self.send_header("x-ratelimit-remaining-requests", "3999")
                    self.send_header("x-ratelimit-reset-requests", "15ms")
                    self.send_header("x-ratelimit-limit-tokens", str(behaviour.tokens_limit))
                    self.send_header("x-ratelimit-remaining-tokens", "399500")
                    self.send_header("x-ratelimit-reset-tokens", "75ms")

            def _drip(self):
                with contextlib.suppress(OSError):
                    while not stop.wait(0.05):
                        self.wfile.write(b"x")
                        self.wfile.flush()

            def _send(self, text: str):
                self.wfile.write(text.encode())
                self.wfile.flush()

            def _event(self, wire, data, event=None):
                # Realistic chunking: an event may arrive split across writes.
                text = (f"event: {event}\n" if event else "") + f"data: {json.dumps(data)}\n\n"
                half = len(text) // 2
                self._send(text[:half])
                self._send(text[half:])

            def _stream(self, wire, fault):
                n = behaviour.chunks
                total = n * behaviour.tokens_per_chunk
                if wire == "anthropic":
                    self._event(
                        wire, {"type": "message_start", "message": {"usage": {}}}, "message_start"
                    )
                    self._send(": keep-alive\n\n")
                for i in range(n):
                    if i and behaviour.chunk_delay_s:
                        time.sleep(behaviour.chunk_delay_s)
                    if fault == "broken" and i == n // 2:
                        self._send("data: {not json\n\n")
                        return
                    if fault == "truncated" and i == n // 2:
                        return
                    if fault in HOSTILE_EVENTS and i == n // 2:
                        event, data = HOSTILE_EVENTS[fault][wire]
                        self._event(wire, data, event)
                        if fault != "error_string":
                            continue
                    if fault == "error_event" and i == n // 2:
                        if wire == "anthropic":
                            self._event(
                                wire,
                                {"type": "error", "error": {"type": "overloaded_error"}},
                                "error",
                            )
                        else:
                            self._event(
                                wire, {"error": {"type": "server_error", "status": "UNAVAILABLE"}}
                            )
                        return
                    word = "tok " * behaviour.tokens_per_chunk
                    if wire == "anthropic":
                        self._event(
                            wire,
                            {
                                "type": "content_block_delta",
                                "index": 0,
                                "delta": {"type": "text_delta", "text": word},
                            },
                            "content_block_delta",
                        )
                    elif wire == "gemini":
                        last = i == n - 1
                        data = {"candidates": [{"content": {"parts": [{"text": word}]}}]}
                        if last:
                            data["candidates"][0]["finishReason"] = "STOP"
                            if behaviour.report_usage:
                                data["usageMetadata"] = {
                                    "candidatesTokenCount": {
                                        "neg_usage": -500,
                                        "huge_usage": 10**20,
                                    }.get(fault, total)
                                }
                        self._event(wire, data)
                    else:
                        self._event(wire, {"choices": [{"index": 0, "delta": {"content": word}}]})
                total = {"neg_usage": -500, "huge_usage": 10**20}.get(fault, total)
                if wire == "anthropic":
                    usage = {"output_tokens": total} if behaviour.report_usage else {}
                    self._event(wire, {"type": "message_delta", "usage": usage}, "message_delta")
                    self._event(wire, {"type": "message_stop"}, "message_stop")
                elif wire == "openai":
                    if behaviour.report_usage:
                        self._event(wire, {"choices": [], "usage": {"completion_tokens": total}})
                    self._send("data: [DONE]\n\n")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        # Handler threads are joined on close, so no connection outlives the test.
        self.server.daemon_threads = False
        self.server.block_on_close = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeVendor:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self.server.shutdown()
        self.server.server_close()
