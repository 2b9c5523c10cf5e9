"""The four wire formats: how to ask for a streamed reply, how to read its server-sent events,
and which response headers carry the account's rate limits."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from advisor.domain.vocabulary import Mode
from advisor.probe.endpoints import Endpoint, Wire

ANTHROPIC_VERSION = "2023-06-01"
THINKING_BUDGET = 1024  # tokens a thinking mode may spend before answering


@dataclass(frozen=True, slots=True)
class HttpRequest:
    url: str
    headers: dict[str, str]
    body: bytes

    def __repr__(self) -> str:  # never show the headers: they carry the key
        return f"HttpRequest({self.url!r})"


def _join(base: str, path: str) -> str:
    return base.rstrip("/") + path


def _openai_path(base: str) -> str:
    # "https://api.openai.com" and "http://gateway:8000/v1" are both accepted as base URLs.
    return (
        "/chat/completions"
        if urlsplit(base).path.rstrip("/").endswith("/v1")
        else ("/v1/chat/completions")
    )


def build_request(
    endpoint: Endpoint, api_model: str, mode: str, prompt: str, max_tokens: int, key: str
) -> HttpRequest:
    """The streamed request for one prompt, in the endpoint's wire format."""
    thinking = mode == Mode.EXTENDED_THINKING.value
    headers = {"content-type": "application/json", "accept": "text/event-stream"}
    if endpoint.wire == Wire.ANTHROPIC:
        body: dict[str, Any] = {
            "model": api_model,
            "max_tokens": max_tokens + (THINKING_BUDGET if thinking else 0),
            "stream": True,
            "messages": [{"role": "user", "content": prompt}],
        }
        if thinking:
            body["thinking"] = {"type": "enabled", "budget_tokens": THINKING_BUDGET}
        headers |= {"x-api-key": key, "anthropic-version": ANTHROPIC_VERSION}
        url = _join(endpoint.base_url, "/v1/messages")
    elif endpoint.wire == Wire.GEMINI:
        config: dict[str, Any] = {"maxOutputTokens": max_tokens}
        if thinking:
            config["thinkingConfig"] = {"thinkingBudget": THINKING_BUDGET}
            config["maxOutputTokens"] = max_tokens + THINKING_BUDGET
        body = {
            "contents": [{"role": "user", "parts": [{"text": prompt}]}],
            "generationConfig": config,
        }
        headers["x-goog-api-key"] = key
        model = quote(api_model, safe="")
        url = _join(endpoint.base_url, f"/v1beta/models/{model}:streamGenerateContent?alt=sse")
    else:  # OpenAI and OpenAI-compatible
        body = {
            "model": api_model,
            "stream": True,
            "stream_options": {"include_usage": True},
            "max_completion_tokens": max_tokens + (THINKING_BUDGET if thinking else 0),
            "messages": [{"role": "user", "content": prompt}],
        }
        if thinking:
            body["reasoning_effort"] = "high"
        if key:
            headers["authorization"] = f"Bearer {key}"
        url = _join(endpoint.base_url, _openai_path(endpoint.base_url))
    return HttpRequest(url, headers, json.dumps(body).encode())


@dataclass
class StreamState:
    """What the events of one reply have said so far."""

    first_token: bool = False
    chunks: int = 0
    output_tokens: int | None = None
    done: bool = False
    error: str = ""


class MalformedStream(Exception):
    """The reply is not the stream the wire format promises."""


def read_event(wire: Wire, event: str, data: str, state: StreamState) -> bool:
    """Update ``state`` from one server-sent event; True if it carried generated text."""
    if data.strip() == "[DONE]":
        state.done = True
        return False
    try:
        payload = json.loads(data)
    except json.JSONDecodeError:
        raise MalformedStream(f"an event's data is not JSON ({data[:40]!r})") from None
    if not isinstance(payload, dict):
        raise MalformedStream("an event's data is not a JSON object")
    if wire == Wire.ANTHROPIC:
        return _anthropic(payload, state)
    if wire == Wire.GEMINI:
        return _gemini(payload, state)
    return _openai(payload, state)


def _anthropic(payload: dict, state: StreamState) -> bool:
    kind = payload.get("type")
    if kind == "error":
        state.error = str((payload.get("error") or {}).get("type", "error"))
        return False
    if kind == "content_block_delta":
        delta = payload.get("delta") or {}
        text = delta.get("text") or delta.get("thinking") or ""
        return bool(text)
    if kind == "message_delta":
        usage = payload.get("usage") or {}
        if isinstance(usage.get("output_tokens"), int):
            state.output_tokens = usage["output_tokens"]
    elif kind == "message_stop":
        state.done = True
    return False


def _openai(payload: dict, state: StreamState) -> bool:
    if "error" in payload:
        state.error = str((payload.get("error") or {}).get("type") or "error")
        return False
    usage = payload.get("usage")
    if isinstance(usage, dict) and isinstance(usage.get("completion_tokens"), int):
        state.output_tokens = usage["completion_tokens"]
    text = False
    for choice in payload.get("choices") or []:
        delta = choice.get("delta") or {}
        if delta.get("content") or delta.get("reasoning_content") or delta.get("reasoning"):
            text = True
    return text


def _gemini(payload: dict, state: StreamState) -> bool:
    if "error" in payload:
        state.error = str((payload.get("error") or {}).get("status") or "error")
        return False
    usage = payload.get("usageMetadata") or {}
    produced = (usage.get("candidatesTokenCount") or 0) + (usage.get("thoughtsTokenCount") or 0)
    if produced:
        state.output_tokens = produced
    text = False
    for candidate in payload.get("candidates") or []:
        for part in (candidate.get("content") or {}).get("parts") or []:
            if part.get("text"):
                text = True
        if candidate.get("finishReason"):
            state.done = True
    return text


def _number(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return float(value.strip())
    except ValueError:
        return None


def rate_limit_headers(wire: Wire, headers: dict[str, str]) -> dict[str, Any]:
    """The account's limits as the reply's headers state them (names lower-cased)."""
    h = {k.lower(): v for k, v in headers.items()}
    if wire == Wire.ANTHROPIC:
        p = "anthropic-ratelimit-"
        found = {
            "requests_limit": _number(h.get(p + "requests-limit")),
            "requests_remaining": _number(h.get(p + "requests-remaining")),
            "requests_reset": h.get(p + "requests-reset"),
            "tokens_limit": _number(h.get(p + "tokens-limit")),
            "tokens_remaining": _number(h.get(p + "tokens-remaining")),
            "tokens_reset": h.get(p + "tokens-reset"),
            "input_tokens_limit": _number(h.get(p + "input-tokens-limit")),
            "output_tokens_limit": _number(h.get(p + "output-tokens-limit")),
        }
    else:
        found = {
            "requests_limit": _number(h.get("x-ratelimit-limit-requests")),
            "requests_remaining": _number(h.get("x-ratelimit-remaining-requests")),
            "requests_reset": h.get("x-ratelimit-reset-requests"),
            "tokens_limit": _number(h.get("x-ratelimit-limit-tokens")),
            "tokens_remaining": _number(h.get("x-ratelimit-remaining-tokens")),
            "tokens_reset": h.get("x-ratelimit-reset-tokens"),
        }
    found["retry_after"] = _number(h.get("retry-after"))
    return {k: v for k, v in found.items() if v is not None}
