"""litellm's price map: BerriAI's ``model_prices_and_context_window.json``, read as published.

The file is one JSON object keyed by litellm's own model names ("claude-opus-4-5-20251101",
"bedrock/us-east-1/anthropic.claude-v1", "openrouter/openai/gpt-4o"). Only entries whose
``mode`` is "chat" or "responses" are model records; every other entry (embedding, image,
audio, rerank…, the ``sample_spec`` field documentation, pricing rules without a mode, the
mirror's top-level ``last_updated`` stamp) is skipped with its reason.

Units: litellm prices are USD per token; they become USD per million tokens, rounded to six
significant digits (``2.9999999999999997`` → ``3.0``). ``context_window`` is
``max_input_tokens``; without it, the legacy ``max_tokens`` only when ``max_output_tokens`` is
absent too (litellm's own rule: ``max_tokens`` is the output limit when the provider states one).
Token counts written as integral floats (``2000000.0``) are read as integers; a count of 0 (a
few gateway entries) states nothing and is left missing, a negative or fractional one is a
problem. Tiered
(``*_above_200k_tokens``, ``tiered_pricing``), batch, flex and priority prices are left out.

The channel comes from ``litellm_provider``: "" for the model maker's own API ("anthropic",
"openai", "gemini" = Google AI Studio, "xai", "deepseek", "dashscope" …), else the cloud or
reseller ("bedrock", "vertex_ai", "azure", "openrouter", "together" …).
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from advisor.sources.base import (
    THIRD_PARTY,
    AttributeRecord,
    Provenance,
    Reading,
    SourceInfo,
    price_value,
    problem,
    token_count,
)
from advisor.sources.regions import region_of

INFO = SourceInfo(
    key="litellm",
    title="litellm model prices and context windows",
    homepage="https://github.com/BerriAI/litellm",
    licence="MIT",
    credit="litellm (BerriAI), MIT licence",
    download_url=(
        "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json"
    ),
    layout="file",
)

REPORTED_BY = "litellm (BerriAI)"
SOURCE_URL = "https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json"
MODEL_MODES = frozenset({"chat", "responses"})

# litellm field (USD per token) -> catalogue attribute (USD per million tokens)
PRICE_FIELDS = {
    "input_cost_per_token": "input_usd_per_mtok",
    "output_cost_per_token": "output_usd_per_mtok",
    "cache_read_input_token_cost": "cache_read_usd_per_mtok",
    "cache_creation_input_token_cost": "cache_write_usd_per_mtok",
}

# litellm_provider values that are the model maker's own API (channel "").
FIRST_PARTY = frozenset(
    {
        "anthropic",
        "openai",
        "gemini",  # Google AI Studio
        "palm",  # Google's earlier PaLM API
        "xai",
        "deepseek",
        "mistral",
        "codestral",  # Mistral's Codestral endpoint
        "moonshot",
        "dashscope",  # Alibaba Qwen
        "zai",
        "minimax",
        "cohere",
        "cohere_chat",
        "ai21",
        "amazon_nova",
        "meta",
        "meta_llama",
        "sarvam",
        "inception",
        "morph",
        "gigachat",
        "perplexity",
        "volcengine",  # ByteDance Doubao
    }
)
# First-party providers that also resell others' models: their own only by these name prefixes.
OWN_MODEL_PREFIXES = {
    "perplexity": ("sonar", "pplx-", "preset/", "perplexity/", "r1-1776"),
    "volcengine": ("doubao",),
}
# litellm_provider -> channel word, where it is not the provider name itself.
CHANNELS = {
    "bedrock_converse": "bedrock",
    "bedrock_mantle": "bedrock",
    "azure_ai": "azure",
    "together_ai": "together",
    "fireworks_ai": "fireworks",
    "vercel_ai_gateway": "vercel",
    "lambda_ai": "lambda",
    "featherless_ai": "featherless",
    "gradient_ai": "gradient",
}
_VERTEX_MAKER = re.compile(r"^vertex_ai-(.+?)(?:_models)?$")
_BEDROCK_REGIONS = frozenset({"us", "eu", "apac", "global", "us-gov", "jp", "au", "ca", "regional"})
_NOT_A_MAKER = frozenset({"accounts", "@cf", "@hf", "ps", "us", "eu", "global", "global-standard"})
_KEY_DATE = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_FILE = "(file)"
_STAMP = "last_updated"


def read(path: Path) -> Reading:
    """Read litellm's ``model_prices_and_context_window.json`` at ``path``."""
    reading = Reading(info=INFO, snapshot_date="")
    file = str(path)
    try:
        data = json.loads(Path(path).read_bytes())
    except json.JSONDecodeError as exc:
        reason = f"not valid JSON: {exc.msg}"
        reading.problems.append(problem(file, _FILE, None, reason, exc.lineno))
        return reading
    except (OSError, UnicodeDecodeError, RecursionError) as exc:
        reading.problems.append(problem(file, _FILE, None, f"cannot read: {exc}"))
        return reading
    if not isinstance(data, dict):
        kind = type(data).__name__
        reading.problems.append(
            problem(file, _FILE, None, f"the top level is a JSON {kind}, not an object")
        )
        return reading

    reading.snapshot_date = _snapshot_date(file, data, reading)
    for key, entry in data.items():
        if key == _STAMP and not isinstance(entry, dict):
            reading.skipped.append((key, "the snapshot's own timestamp, not a model"))
        elif key == "sample_spec":
            reading.skipped.append((key, "litellm's documentation of the fields, not a model"))
        elif not isinstance(entry, dict):
            kind = type(entry).__name__
            reading.problems.append(problem(file, key, None, f"a JSON {kind}, not an object"))
        else:
            _read_entry(file, key, entry, reading)
    return reading


def _snapshot_date(file: str, data: dict[str, Any], reading: Reading) -> str:
    """The mirror's ``last_updated`` date, else the newest ISO date written in a model key."""
    stamp = data.get(_STAMP)
    if isinstance(stamp, str) and _ISO_DATE.match(stamp) and _valid_date(stamp[:10]):
        return stamp[:10]
    if stamp is not None and not isinstance(stamp, dict):
        reading.problems.append(
            problem(file, _STAMP, _STAMP, f"not an ISO date-time: {stamp!r}; dated by model keys")
        )
    dates = [d for key in data for d in _KEY_DATE.findall(key) if _valid_date(d)]
    return max(dates, default="")


def _valid_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _read_entry(file: str, key: str, entry: dict[str, Any], reading: Reading) -> None:
    mode = entry.get("mode")
    if mode is None:
        reading.skipped.append((key, "no mode: a pricing rule or placeholder, not a model"))
        return
    if not isinstance(mode, str):
        reading.problems.append(problem(file, key, "mode", f"not a text: {mode!r}"))
        return
    if mode not in MODEL_MODES:
        reading.skipped.append((key, f"mode {mode!r}: not a chat model"))
        return
    provider = entry.get("litellm_provider")
    if not isinstance(provider, str) or not provider:
        reading.problems.append(
            problem(file, key, "litellm_provider", f"missing or not a text: {provider!r}")
        )
        return

    attributes: dict[str, Any] = {}
    ok = True
    for field_name, attribute in PRICE_FIELDS.items():
        if field_name in entry:
            value = price_value(file, key, field_name, entry[field_name], reading)
            ok &= value is not None
            if value is not None:
                attributes[attribute] = _per_mtok(value)
    context_field = "max_input_tokens"
    if context_field not in entry and "max_output_tokens" not in entry and "max_tokens" in entry:
        context_field = "max_tokens"
    for field_name, attribute in (
        (context_field, "context_window"),
        ("max_output_tokens", "max_output_tokens"),
    ):
        if field_name in entry and entry[field_name] != 0:  # 0: litellm's "not stated"
            count = token_count(file, key, field_name, entry[field_name], reading)
            ok &= count is not None
            if count is not None:
                attributes[attribute] = count
    if "supports_reasoning" in entry:
        flag = entry["supports_reasoning"]
        if isinstance(flag, bool):
            attributes["reasoning"] = flag
        else:
            ok = False
            reading.problems.append(
                problem(file, key, "supports_reasoning", f"not true or false: {flag!r}")
            )
    page = entry.get("source")
    if isinstance(page, str) and page.strip():
        attributes["vendor_page"] = page.strip()
    if "deprecation_date" in entry:
        stated = entry["deprecation_date"]
        if isinstance(stated, str) and _ISO_DATE.match(stated) and _valid_date(stated[:10]):
            attributes["deprecation_date"] = stated[:10]
        else:
            ok = False
            reading.problems.append(
                problem(file, key, "deprecation_date", f"not a YYYY-MM-DD date: {stated!r}")
            )
    if not ok:
        return  # the problems name each unreadable field; a half-read record is not handed on

    channel, vendor = _channel(key, provider)
    reading.attributes.append(
        AttributeRecord(
            name=key,
            provenance=Provenance(
                source_kind=THIRD_PARTY,
                reported_by=REPORTED_BY,
                source_url=SOURCE_URL,
                source_date=reading.snapshot_date,
                source_record=key,
            ),
            attributes=attributes,
            vendor_hint=vendor,
            channel=channel,
            region=region_of(channel, key),
        )
    )


def _per_mtok(usd_per_token: float) -> float:
    """USD per token → USD per million tokens, to six significant digits (no float noise)."""
    return float(f"{usd_per_token * 1e6:.6g}")


def _channel(key: str, provider: str) -> tuple[str, str]:
    """(channel, vendor hint) for one entry: "" and the provider for the maker's own API."""
    if provider in FIRST_PARTY:
        prefixes = OWN_MODEL_PREFIXES.get(provider)
        bare = key.removeprefix(f"{provider}/")
        if prefixes is None or bare.startswith(prefixes):
            return "", provider
        return provider, _maker_in_key(key, provider)
    if provider.startswith("vertex_ai"):
        maker = _VERTEX_MAKER.match(provider)
        hint = maker.group(1) if maker and not maker.group(1).startswith("language") else ""
        return "vertex_ai", hint or _maker_in_key(key, provider)
    if provider.startswith("bedrock"):
        return "bedrock", _bedrock_maker(key)
    return CHANNELS.get(provider, provider), _maker_in_key(key, provider)


def _maker_in_key(key: str, provider: str) -> str:
    """The maker a reseller's key names ("openrouter/anthropic/claude-…" → "anthropic")."""
    parts = key.split("/")
    if len(parts) >= 3 and parts[1] not in _NOT_A_MAKER:
        return parts[1]
    return ""


def _bedrock_maker(key: str) -> str:
    """The maker in a Bedrock model id ("us.anthropic.claude-…" → "anthropic")."""
    model = key.rsplit("/", 1)[-1]
    for part in model.split("."):
        if part not in _BEDROCK_REGIONS:
            return part if part != model else ""
    return ""
