"""Pydantic's genai-prices: the published v2 feed ``data_v2.json`` (``prices/new_data/v2``).

The feed is a JSON list of providers (``id``, ``name``, ``models``); each model has ``id``,
``name``, ``context_window`` and ``prices`` in USD per million tokens (``input_mtok``,
``output_mtok``, ``cache_read_mtok``, ``cache_write_mtok`` …). The record's name is the model
``id``; its ``source_record`` is ``"<provider id>/<model id>"``.

Prices come in three shapes, read as genai-prices itself does:

* a number;
* a tiered price ``{"base": 3, "tiers": [{"start": 200000, "price": 6}]}``: the ``base`` price
  is taken, the tiers left out;
* a list of conditional prices, each ``{"constraint": …, "prices": {…}}``, later entries taking
  precedence when their constraint holds, the first one otherwise. A ``start_date`` constraint
  holds from that date: the price in force on the snapshot date is taken and dated by its
  ``start_date``. A daily ``start_time``/``end_time`` window (DeepSeek's former off-peak
  discount) is resolved to the price that applies for most of the day (DeepSeek: the standard
  price from 00:30 to 16:30 UTC, not the 8-hour discount).

The feed states no check date. The snapshot date is the newest ISO date the file mentions that
is not later than today (the feed announces future price changes, e.g. "from 2027-01-01"), so
a price scheduled after the copy was read never counts as current.

The channel comes from the provider id: "" for the model maker's own API (anthropic, openai,
google, x-ai, deepseek, mistral, moonshotai …; Claude on Google is Vertex AI), else the cloud or
reseller ("aws" → "bedrock", "azure", "openrouter", "together", "huggingface" …). Embedding,
speech, transcription, realtime/audio, image, music and moderation models are skipped.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time, timedelta
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
)
from advisor.sources.regions import region_of

INFO = SourceInfo(
    key="genai-prices",
    title="genai-prices (Pydantic) price database",
    homepage="https://github.com/pydantic/genai-prices",
    licence="MIT",
    credit="genai-prices (Pydantic), MIT licence",
    download_url="https://raw.githubusercontent.com/pydantic/genai-prices/main/prices/data_v2.json",
    layout="file",
)

REPORTED_BY = "genai-prices (Pydantic)"
SOURCE_URL = "https://github.com/pydantic/genai-prices"

PRICES = {
    "input_mtok": "input_usd_per_mtok",
    "output_mtok": "output_usd_per_mtok",
    "cache_read_mtok": "cache_read_usd_per_mtok",
    "cache_write_mtok": "cache_write_usd_per_mtok",
}
# provider ids that are the model maker's own API (channel "")
FIRST_PARTY = frozenset(
    {
        "anthropic",
        "openai",
        "google",
        "x-ai",
        "deepseek",
        "mistral",
        "moonshotai",
        "cohere",
        "minimax",
        "zai",
        "zhipuai",
        "perplexity",
        "voyageai",
    }
)
CHANNELS = {"aws": "bedrock"}
_NOT_TEXT = (
    (re.compile(r"embed|voyage-|^bge-|rerank", re.I), "an embedding model"),
    (re.compile(r"transcribe|\btts\b|whisper|speech", re.I), "a speech model"),
    (re.compile(r"realtime|audio|sonic|\blive\b", re.I), "an audio / realtime model"),
    (re.compile(r"image|lyria", re.I), "an image or music generation model"),
    (re.compile(r"moderation", re.I), "a moderation model"),
)
_MEDIA_OUT = ("output_image_mtok", "output_audio_mtok", "output_video_mtok")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")
_FILE = "(file)"


def read(path: Path, *, today: date | None = None) -> Reading:
    """Read genai-prices' ``data_v2.json`` at ``path`` (``today`` pins the date for tests)."""
    reading = Reading(info=INFO, snapshot_date="")
    file = str(path)
    try:
        text = Path(path).read_bytes().decode("utf-8")
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        reason = f"not valid JSON: {exc.msg}"
        reading.problems.append(problem(file, _FILE, None, reason, exc.lineno))
        return reading
    except (OSError, UnicodeDecodeError, RecursionError) as exc:
        reading.problems.append(problem(file, _FILE, None, f"cannot read: {exc}"))
        return reading
    if not isinstance(data, list):
        kind = type(data).__name__
        reading.problems.append(
            problem(file, _FILE, None, f"the top level is a JSON {kind}, not a list of providers")
        )
        return reading

    today = today or date.today()
    reading.snapshot_date = _snapshot_date(text, today)
    as_of = date.fromisoformat(reading.snapshot_date) if reading.snapshot_date else today
    for at, provider in enumerate(data):
        pid = provider.get("id") if isinstance(provider, dict) else None
        if not isinstance(pid, str) or not pid:
            reading.problems.append(
                problem(file, f"(provider {at + 1})", "id", "a provider without an id")
            )
            continue
        models = provider.get("models")
        if not isinstance(models, list):
            reading.problems.append(problem(file, pid, "models", f"not a list: {models!r:.60}"))
            continue
        for number, model in enumerate(models):
            _read_model(file, pid, number, model, as_of, reading)
    return reading


def _snapshot_date(text: str, today: date) -> str:
    dates = []
    for found in _ISO_DATE.findall(text):
        try:
            day = date.fromisoformat(found)
        except ValueError:
            continue
        if day <= today:
            dates.append(day)
    return max(dates).isoformat() if dates else ""


def _read_model(
    file: str, pid: str, number: int, model: Any, as_of: date, reading: Reading
) -> None:
    mid = model.get("id") if isinstance(model, dict) else None
    if not isinstance(mid, str) or not mid:
        reading.problems.append(
            problem(file, f"{pid}/(model {number + 1})", "id", "a model without an id")
        )
        return
    record = f"{pid}/{mid}"
    name = model.get("name")
    for pattern, kind in _NOT_TEXT:
        if pattern.search(mid) or (isinstance(name, str) and pattern.search(name)):
            reading.skipped.append((record, f"{kind}, not a text-generation model"))
            return

    problems_before = len(reading.problems)
    tables, chosen, since = _price_tables(file, record, model.get("prices"), as_of, reading)
    prices = tables[chosen][1] if tables else None
    if prices is not None and any(key in prices for key in _MEDIA_OUT):
        media = ", ".join(key for key in _MEDIA_OUT if key in prices)
        reading.skipped.append((record, f"priced for {media}: not a text-generation model"))
        return
    attributes: dict[str, Any] = {}
    if name is not None:
        if isinstance(name, str):
            attributes["display_name"] = name
        else:
            reading.problems.append(problem(file, record, "name", f"not a text: {name!r}"))
    if "context_window" in model:
        window = model["context_window"]
        if isinstance(window, int) and not isinstance(window, bool) and window > 0:
            attributes["context_window"] = window
        else:
            reading.problems.append(
                problem(file, record, "context_window", f"not a positive whole number: {window!r}")
            )
    for at, (where, table) in enumerate(tables):  # every table is checked, one is taken
        for key, attribute in PRICES.items():
            if key in table:
                value = _price(file, record, f"{where}.{key}", table[key], reading)
                if value is not None and at == chosen:
                    attributes[attribute] = value
    if len(reading.problems) > problems_before:
        return  # the problems name each unreadable field; a half-read record is not handed on

    channel, vendor = _channel(pid, mid)
    reading.attributes.append(
        AttributeRecord(
            name=mid,
            provenance=Provenance(
                source_kind=THIRD_PARTY,
                reported_by=REPORTED_BY,
                source_url=SOURCE_URL,
                source_date=since or reading.snapshot_date,
                source_record=record,
            ),
            attributes=attributes,
            vendor_hint=vendor,
            channel=channel,
            region=region_of(channel, record),
        )
    )


def _price_tables(
    file: str, record: str, prices: Any, as_of: date, reading: Reading
) -> tuple[list[tuple[str, dict[str, Any]]], int, str]:
    """Every price table (with the field that holds it), the one in force and its start date
    ("" if always); no tables, with a problem, when the prices cannot be read."""
    if isinstance(prices, dict):
        return [("prices", prices)], 0, ""
    if not isinstance(prices, list) or not prices:
        reading.problems.append(
            problem(file, record, "prices", f"not a price table or a list of them: {prices!r:.60}")
        )
        return [], 0, ""
    entries: list[tuple[dict[str, Any], date | None, tuple[time, time] | None]] = []
    for at, entry in enumerate(prices):
        where = f"prices[{at}]"
        table = entry.get("prices") if isinstance(entry, dict) else None
        if not isinstance(table, dict):
            reading.problems.append(problem(file, record, f"{where}.prices", "not a price table"))
            return [], 0, ""
        constraint = entry.get("constraint")
        start, window = None, None
        if constraint is not None:
            start, window, why = _constraint(constraint)
            if why:
                reading.problems.append(problem(file, record, f"{where}.constraint", why))
                return [], 0, ""
        entries.append((table, start, window))

    # genai-prices: the last entry whose constraint holds wins, else the first entry.
    def in_force(moment: datetime) -> int:
        for at in range(len(entries) - 1, -1, -1):
            _, start, window = entries[at]
            if start is not None and moment.date() < start:
                continue
            if window is not None and not window[0] <= moment.time() < window[1]:
                continue
            return at
        return 0

    midnight = datetime.combine(as_of, time())
    if all(window is None for _, _, window in entries):
        chosen = in_force(midnight)
    else:  # a daily window: the entry in force for most minutes of the day
        minutes: dict[int, int] = {}
        for minute in range(24 * 60):
            at = in_force(midnight + timedelta(minutes=minute))
            minutes[at] = minutes.get(at, 0) + 1
        chosen = max(minutes, key=lambda at: (minutes[at], -at))
    start = entries[chosen][1]
    tables = [(f"prices[{at}].prices", table) for at, (table, _, _) in enumerate(entries)]
    return tables, chosen, start.isoformat() if start else ""


def _constraint(constraint: Any) -> tuple[date | None, tuple[time, time] | None, str]:
    if not isinstance(constraint, dict):
        return None, None, f"not an object: {constraint!r:.60}"
    start = window = None
    if "start_date" in constraint:
        try:
            start = date.fromisoformat(constraint["start_date"])
        except (TypeError, ValueError):
            return None, None, f"start_date not a date: {constraint['start_date']!r}"
    if "start_time" in constraint or "end_time" in constraint:
        try:
            window = (_clock(constraint["start_time"]), _clock(constraint["end_time"]))
        except (KeyError, TypeError, ValueError):
            return None, None, f"not a daily start_time/end_time window: {constraint!r:.80}"
    if start is None and window is None:
        return None, None, f"an unknown kind of constraint: {constraint!r:.80}"
    return start, window, ""


def _clock(text: Any) -> time:
    """The feed's UTC time of day ("00:30:00Z") as a time."""
    if not isinstance(text, str):
        raise TypeError(text)
    return time.fromisoformat(text.removesuffix("Z"))


def _price(file: str, record: str, field_name: str, value: Any, reading: Reading) -> float | None:
    if isinstance(value, dict) and "base" in value:
        value, field_name = value["base"], f"{field_name}.base"  # tiered: the base price
    return price_value(file, record, field_name, value, reading)


def _channel(pid: str, mid: str) -> tuple[str, str]:
    """(channel, vendor hint) for one model of one provider."""
    if pid == "google" and mid.startswith("claude"):
        return "vertex_ai", "anthropic"  # Google sells Anthropic's models on Vertex AI
    if pid in FIRST_PARTY:
        return "", pid
    channel = "huggingface" if pid.startswith("huggingface_") else CHANNELS.get(pid, pid)
    if "/" in mid:
        return channel, mid.split("/", 1)[0]
    if pid == "aws" and "." in mid:
        parts = [part for part in mid.split(".") if part not in {"global", "regional", "us", "eu"}]
        return channel, parts[0] if len(parts) > 1 else ""
    return channel, ""
