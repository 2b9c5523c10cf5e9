"""models.dev: the open model database's TOML tree, read as the repository publishes it.

``read`` takes the folder holding ``models/`` and ``providers/``:

* ``models/<author>/<id>.toml`` is the registry (``registry=True``): what the model is, from its
  maker — display name, release date, open weights, reasoning, context and output limits. The
  record's name is the file stem ("claude-opus-4-5").
* ``providers/<provider>/models/<id>.toml`` is the model as one provider sells it: costs (already
  USD per million tokens) and limits. The name is the path below ``models/`` without ``.toml``
  ("gpt-5.1"; OpenRouter nests by maker: "openai/gpt-5.1"). A provider file may only name its
  registry entry (``base_model = "openai/gpt-5.1"``); that value is kept as
  ``attributes["base_model"]`` and nothing is copied from the registry into the record.

``context_window`` is ``limit.context``; ``limit.input`` (a separate input cap, e.g. GPT-5.1's
272,000 of a 400,000 context) is kept as ``attributes["max_input_tokens"]``. A release date given
only as a month ("2026-01") is not a catalogue date: it is kept as ``attributes["release_month"]``
and ``release_date`` is left out. Tiered (``cost.tiers``), reasoning, audio and experimental
"fast mode" prices are left out. Image, audio, video, embedding, rerank, speech and transcription
models are skipped (judged by the name and the modalities, the registry's when the provider file
states none).
"""

from __future__ import annotations

import re
import tomllib
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
    key="models.dev",
    title="models.dev open database of AI models",
    homepage="https://models.dev",
    licence="MIT",
    credit="models.dev, MIT licence",
    download_url="",  # a repository folder: no single published file
    layout="folder",
)

REPORTED_BY = "models.dev"
SOURCE_URL = "https://models.dev"

# provider folders that are the model maker's own API (channel "")
FIRST_PARTY = frozenset(
    {
        "anthropic",
        "openai",
        "google",  # Google AI Studio
        "xai",
        "deepseek",
        "mistral",
        "moonshotai",
        "moonshotai-cn",
        "alibaba",  # Qwen on DashScope / Model Studio
        "alibaba-cn",
        "llama",  # Meta's Llama API
        "zhipuai",
        "zai",
        "minimax",
        "minimax-cn",
        "cohere",
        "perplexity",
    }
)
# provider folder -> channel word, where it is not the folder name itself
CHANNELS = {
    "amazon-bedrock": "bedrock",
    "google-vertex": "vertex_ai",
    "google-vertex-anthropic": "vertex_ai",
    "azure": "azure",
    "togetherai": "together",
    "fireworks-ai": "fireworks",
    "github-copilot": "github_copilot",
}
PRICES = {
    "input": "input_usd_per_mtok",
    "output": "output_usd_per_mtok",
    "cache_read": "cache_read_usd_per_mtok",
    "cache_write": "cache_write_usd_per_mtok",
}
LIMITS = {"context": "context_window", "output": "max_output_tokens", "input": "max_input_tokens"}
_NOT_TEXT_NAME = re.compile(r"embed|rerank|whisper|\btts\b|transcri", re.I)
_MEDIA = ("image", "audio", "video")
# models.dev's status words -> the catalogue's lifecycle events.
_STATUSES = {"alpha": "preview", "beta": "preview", "deprecated": "deprecation"}
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_TOML_LINE = re.compile(r"at line (\d+)")


def read(path: Path) -> Reading:
    """Read a models.dev tree (the folder holding ``models/`` and ``providers/``) at ``path``."""
    reading = Reading(info=INFO, snapshot_date="")
    root = Path(path)
    registry_dir, providers_dir = root / "models", root / "providers"
    if not registry_dir.is_dir() and not providers_dir.is_dir():
        reading.problems.append(
            problem(str(root), "(folder)", None, "no models/ or providers/ folder: not models.dev")
        )
        return reading

    registry = _load_all(registry_dir, "*/**/*.toml", reading)
    offers = _load_all(providers_dir, "*/models/**/*.toml", reading)
    dates = [d for _, data in registry + offers if (d := _full_date(data.get("last_updated")))]
    reading.snapshot_date = max(dates, default="")
    by_id = {_relative(file, registry_dir): data for file, data in registry}

    for file, data in registry:
        author = file.relative_to(registry_dir).parts[0]
        name = _relative(file, registry_dir / author)
        _add(root, file, data, name, author, "", True, by_id, reading)
    for file, data in offers:
        provider = file.relative_to(providers_dir).parts[0]
        models_dir = providers_dir / provider / "models"
        name = _relative(file, models_dir)
        nested = file.relative_to(models_dir).parts
        if provider in FIRST_PARTY:
            channel, vendor = "", provider
        else:
            channel = CHANNELS.get(provider, provider)
            vendor = nested[0] if len(nested) > 1 else ""
        _add(root, file, data, name, vendor, channel, False, by_id, reading)
    return reading


def _load_all(folder: Path, pattern: str, reading: Reading) -> list[tuple[Path, dict[str, Any]]]:
    loaded = []
    for file in sorted(folder.glob(pattern)) if folder.is_dir() else []:
        try:
            text = file.read_bytes().decode("utf-8")
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            at = _TOML_LINE.search(str(exc))
            line = int(at.group(1)) if at else text.count("\n") + 1  # "at end of document"
            record = file.relative_to(folder.parent).as_posix()
            reason = f"not valid TOML: {exc}"
            reading.problems.append(problem(str(file), record, None, reason, line))
            continue
        except (OSError, UnicodeDecodeError) as exc:
            record = file.relative_to(folder.parent).as_posix()
            reading.problems.append(problem(str(file), record, None, f"cannot read: {exc}"))
            continue
        loaded.append((file, data))
    return loaded


def _relative(file: Path, folder: Path) -> str:
    """``file``'s path below ``folder``, without ``.toml``: a models.dev model id."""
    return file.relative_to(folder).with_suffix("").as_posix()


def _add(
    root: Path,
    file: Path,
    data: dict[str, Any],
    name: str,
    vendor: str,
    channel: str,
    registry: bool,
    by_id: dict[str, dict[str, Any]],
    reading: Reading,
) -> None:
    record = file.relative_to(root).as_posix()
    base_model = data.get("base_model")
    base = by_id.get(base_model, {}) if isinstance(base_model, str) else {}
    why = _not_text(name, data, base)
    if why:
        reading.skipped.append((record, why))
        return

    where = str(file)
    problems_before = len(reading.problems)
    attributes: dict[str, Any] = {}
    if "name" in data:
        attributes["display_name"] = _text(where, record, "name", data["name"], reading)
    if "release_date" in data:
        released = data["release_date"]
        if full := _full_date(released):
            attributes["release_date"] = full
        elif isinstance(released, str) and _MONTH.match(released) and _full_date(released + "-01"):
            attributes["release_month"] = released
        else:
            reading.problems.append(
                problem(where, record, "release_date", f"not a YYYY-MM-DD date: {released!r}")
            )
    for flag in ("open_weights", "reasoning"):
        if flag in data:
            if isinstance(data[flag], bool):
                attributes[flag] = data[flag]
            else:
                reading.problems.append(
                    problem(where, record, flag, f"not true or false: {data[flag]!r}")
                )
    for table, fields, read_value in (
        ("cost", PRICES, price_value),
        ("limit", LIMITS, token_count),
    ):
        section = data.get(table)
        if section is None:
            continue
        if not isinstance(section, dict):
            reading.problems.append(problem(where, record, table, f"not a table: {section!r}"))
            continue
        for key, attribute in fields.items():
            if key in section:
                value = read_value(where, record, f"{table}.{key}", section[key], reading)
                if value is not None:
                    attributes[attribute] = value
    if base_model is not None:
        attributes["base_model"] = _text(where, record, "base_model", base_model, reading)
    if "status" in data:
        status = data["status"]
        if status in _STATUSES:
            attributes["status"] = _STATUSES[status]
        else:
            reading.problems.append(
                problem(where, record, "status", f"not one of {', '.join(_STATUSES)}: {status!r}")
            )
    if len(reading.problems) > problems_before:
        return  # the problems name each unreadable field; a half-read record is not handed on

    updated = _full_date(data.get("last_updated"))
    reading.attributes.append(
        AttributeRecord(
            name=name,
            provenance=Provenance(
                source_kind=THIRD_PARTY,
                reported_by=REPORTED_BY,
                source_url=SOURCE_URL,
                source_date=updated or reading.snapshot_date,
                source_record=record,
            ),
            attributes=attributes,
            vendor_hint=vendor,
            channel=channel,
            registry=registry,
            region=region_of(channel, name),
        )
    )


def _not_text(name: str, data: dict[str, Any], base: dict[str, Any]) -> str:
    """Why the model is not a text model, or "" if it is (or nothing says otherwise)."""
    family = data.get("family", base.get("family", ""))
    for label in (name, family if isinstance(family, str) else ""):
        found = _NOT_TEXT_NAME.search(label)
        if found:
            return f"{found.group(0).lower()} model ({label}): not a text-generation model"
    own, inherited = data.get("modalities"), base.get("modalities")
    own = own if isinstance(own, dict) else {}
    inherited = inherited if isinstance(inherited, dict) else {}
    inputs = own.get("input", inherited.get("input"))
    outputs = own.get("output", inherited.get("output"))
    if isinstance(outputs, list):
        media = [kind for kind in outputs if kind in _MEDIA]
        if media or "text" not in outputs:
            return f"outputs {', '.join(map(str, outputs))}: not a text-only model"
    if isinstance(inputs, list) and inputs and "text" not in inputs:
        return f"takes {', '.join(map(str, inputs))}, not text"
    return ""


def _full_date(value: Any) -> str:
    """``value`` if it is a valid YYYY-MM-DD date (TOML dates included), else ""."""
    if isinstance(value, date):
        return value.isoformat()[:10]
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            return ""
    return ""


def _text(where: str, record: str, field_name: str, value: Any, reading: Reading) -> str:
    if isinstance(value, str):
        return value
    reading.problems.append(problem(where, record, field_name, f"not a text: {value!r}"))
    return ""
