"""The four wire formats: how to ask for a streamed reply, how to read its server-sent events,
and which response headers carry the account's rate limits."""

from __future__ import annotations

import json
import math
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


# A reply's token count above this is not believed (the probe asks for a few hundred).
MAX_PLAUSIBLE_TOKENS = 1_000_000


def read_event(wire: Wire, event: str, data: str, state: StreamState) -> bool:
    """Update ``state`` from one server-sent event; True if it carried generated text.

    Any event that is not the shape the wire format promises (valid JSON of the wrong shape
    included) raises :class:`MalformedStream`: one sample's fault, never the run's."""
    if data.strip() == "[DONE]":
        state.done = True
        return False
    try:
        payload = json.loads(data)
    except (json.JSONDecodeError, RecursionError):
        raise MalformedStream(f"an event's data is not JSON ({_shown(data)})") from None
    if not isinstance(payload, dict):
        raise MalformedStream("an event's data is not a JSON object")
    parse = {Wire.ANTHROPIC: _anthropic, Wire.GEMINI: _gemini}.get(wire, _openai)
    try:
        return parse(payload, state)
    except (AttributeError, TypeError, KeyError, ValueError) as exc:
        raise MalformedStream(
            f"an event is not shaped as the {wire.value} format promises ({type(exc).__name__})"
        ) from None


def _shown(text: str) -> str:
    """A short, printable excerpt of what a server sent, for an error detail."""
    excerpt = "".join(c if c.isprintable() else "?" for c in text[:40])
    return repr(excerpt)


def _error_text(value: Any, field: str) -> str:
    """An error event's kind: ``{"error": {field: ...}}`` or ``{"error": "text"}``."""
    if isinstance(value, dict):
        value = value.get(field) or "error"
    return _shown(str(value or "error")).strip("'\"")


def _tokens(value: Any) -> int | None:
    """A reported token count, or None when absent; an impossible one is a malformed reply."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise MalformedStream(
            f"the reply's token count is not a whole number ({_shown(str(value))})"
        )
    if not 0 <= value <= MAX_PLAUSIBLE_TOKENS:
        raise MalformedStream(f"the reply reports an impossible token count ({value:,})")
    return value


def _anthropic(payload: dict, state: StreamState) -> bool:
    kind = payload.get("type")
    if kind == "error":
        state.error = _error_text(payload.get("error"), "type")
        return False
    if kind == "content_block_delta":
        delta = payload.get("delta") or {}
        text = delta.get("text") or delta.get("thinking") or ""
        return bool(text)
    if kind == "message_delta":
        usage = payload.get("usage") or {}
        tokens = _tokens(usage.get("output_tokens"))
        if tokens is not None:
            state.output_tokens = tokens
    elif kind == "message_stop":
        state.done = True
    return False


def _openai(payload: dict, state: StreamState) -> bool:
    if "error" in payload:
        state.error = _error_text(payload.get("error"), "type")
        return False
    usage = payload.get("usage")
    if usage is not None:
        tokens = _tokens(usage.get("completion_tokens"))
        if tokens is not None:
            state.output_tokens = tokens
    text = False
    for choice in payload.get("choices") or []:
        delta = choice.get("delta") or {}
        if delta.get("content") or delta.get("reasoning_content") or delta.get("reasoning"):
            text = True
    return text


def _gemini(payload: dict, state: StreamState) -> bool:
    if "error" in payload:
        state.error = _error_text(payload.get("error"), "status")
        return False
    usage = payload.get("usageMetadata") or {}
    produced = (_tokens(usage.get("candidatesTokenCount")) or 0) + (
        _tokens(usage.get("thoughtsTokenCount")) or 0
    )
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
    """A header's number; None when absent or not a finite number of at least 0 (a negative
    or NaN limit is not a limit, and is never stored)."""
    if value is None:
        return None
    try:
        number = float(value.strip())
    except ValueError:
        return None
    return number if math.isfinite(number) and number >= 0 else None


_NUMERIC_HEADERS = {
    Wire.ANTHROPIC: {
        "requests_limit": "anthropic-ratelimit-requests-limit",
        "requests_remaining": "anthropic-ratelimit-requests-remaining",
        "tokens_limit": "anthropic-ratelimit-tokens-limit",
        "tokens_remaining": "anthropic-ratelimit-tokens-remaining",
        "input_tokens_limit": "anthropic-ratelimit-input-tokens-limit",
        "output_tokens_limit": "anthropic-ratelimit-output-tokens-limit",
    },
    None: {  # OpenAI, OpenAI-compatible and Gemini gateways
        "requests_limit": "x-ratelimit-limit-requests",
        "requests_remaining": "x-ratelimit-remaining-requests",
        "tokens_limit": "x-ratelimit-limit-tokens",
        "tokens_remaining": "x-ratelimit-remaining-tokens",
    },
}
_RESET_HEADERS = {
    Wire.ANTHROPIC: {
        "requests_reset": "anthropic-ratelimit-requests-reset",
        "tokens_reset": "anthropic-ratelimit-tokens-reset",
    },
    None: {
        "requests_reset": "x-ratelimit-reset-requests",
        "tokens_reset": "x-ratelimit-reset-tokens",
    },
}


def rate_limit_headers(wire: Wire, headers: dict[str, str]) -> dict[str, Any]:
    """The account's limits as the reply's headers state them (names lower-cased). A limit
    that is not a finite number of at least 0 is left out and named under ``"rejected"``;
    it is never stored."""
    h = {k.lower(): v for k, v in headers.items()}
    family = wire if wire == Wire.ANTHROPIC else None
    found: dict[str, Any] = {}
    rejected = []
    for key, name in _NUMERIC_HEADERS[family].items():
        if name not in h:
            continue
        number = _number(h[name])
        if number is None:
            rejected.append(f"{name}: {_shown(h[name])} is not a number of at least 0")
        else:
            found[key] = number
    for key, name in _RESET_HEADERS[family].items():
        if name in h:
            found[key] = _shown(h[name]).strip("'\"")
    retry_after = _number(h.get("retry-after"))  # an HTTP date is valid: then the default wait
    if retry_after is not None:
        found["retry_after"] = retry_after
    if rejected:
        found["rejected"] = rejected
    return found
