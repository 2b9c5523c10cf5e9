"""Where the probe sends requests: one endpoint per vendor (or gateway), each speaking one of
four wire formats, at a base URL the user may change."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from advisor.domain.errors import AdvisorError


class Wire(StrEnum):
    """The HTTP API an endpoint speaks."""

    ANTHROPIC = "anthropic"  # Messages API
    OPENAI = "openai"  # Chat Completions API
    GEMINI = "gemini"  # Gemini API (generativelanguage)
    OPENAI_COMPATIBLE = "openai_compatible"  # vLLM, a company gateway …


WIRE_LABELS = {
    Wire.ANTHROPIC: "Anthropic Messages API",
    Wire.OPENAI: "OpenAI Chat Completions API",
    Wire.GEMINI: "Google Gemini API",
    Wire.OPENAI_COMPATIBLE: "OpenAI-compatible (self-hosted or gateway)",
}


def check_base_url(url: str) -> str:
    """``url`` if it is an http(s) URL with a host; otherwise a one-sentence error."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise AdvisorError(
            f"{url!r} is not a base URL; give one like https://api.example.com or "
            "http://127.0.0.1:8000/v1."
        )
    return url.strip()


@dataclass(frozen=True, slots=True)
class Endpoint:
    """A named endpoint: its wire format, base URL, and the catalogue vendor it serves."""

    name: str
    wire: Wire
    base_url: str
    vendor: str = ""

    def __post_init__(self) -> None:
        check_base_url(self.base_url)
        if not self.name.strip():
            raise AdvisorError("An endpoint needs a name, e.g. “company-gateway”.")


DEFAULT_ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("anthropic", Wire.ANTHROPIC, "https://api.anthropic.com", "Anthropic"),
    Endpoint("openai", Wire.OPENAI, "https://api.openai.com", "OpenAI"),
    Endpoint("google", Wire.GEMINI, "https://generativelanguage.googleapis.com", "Google"),
)
