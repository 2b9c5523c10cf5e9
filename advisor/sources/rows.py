"""From source readings to catalogue rows, with every name mapped or reported.

:func:`catalogue_rows` turns the readings of one or more sources into rows of the catalogue's
tables (``models`` new to the catalogue, ``model_attributes``, ``results``, ``benchmarks``,
``sources``) and a :class:`MappingReport` of every name that maps to nothing, to more than one
model, or that the mapping table sets aside. Pure: no file is written and no database opened.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from advisor.domain.catalogue_format import ATTRIBUTE_COLUMNS, MODELS, cell_text
from advisor.domain.offers import STORED_CHANNELS
from advisor.domain.precedence import attribute_rank
from advisor.domain.wording import counted
from advisor.sources.base import AttributeRecord, Provenance, Reading, ResultRecord
from advisor.sources.benchmarks import SOURCE_BENCHMARKS, unit_of
from advisor.sources.identity import Identities, Ignored, Mapped, Unmapped, mode_of

# The model maker as sources name it -> the catalogue's vendor name.
VENDOR_NAMES = {
    "anthropic": "Anthropic",
    "openai": "OpenAI",
    "google": "Google",
    "google deepmind": "Google",
    "gemini": "Google",
    "xai": "xAI",
    "x-ai": "xAI",
    "deepseek": "DeepSeek",
    "mistral": "Mistral AI",
    "mistralai": "Mistral AI",
    "mistral ai": "Mistral AI",
    "moonshotai": "Moonshot AI",
    "moonshot": "Moonshot AI",
    "moonshot ai": "Moonshot AI",
    "alibaba": "Alibaba (Qwen)",
    "qwen": "Alibaba (Qwen)",
    "dashscope": "Alibaba (Qwen)",
    "meta": "Meta",
    "llama": "Meta",
    "meta-llama": "Meta",
    "cohere": "Cohere",
    "minimax": "MiniMax",
    "zhipuai": "Zhipu AI",
    "zhipu ai": "Zhipu AI",
    "z.ai": "Zhipu AI",
    "zai": "Zhipu AI",
    "nvidia": "NVIDIA",
    "perplexity": "Perplexity",
    "xiaomi": "Xiaomi",
    "stepfun": "StepFun",
    "tencent": "Tencent",
    "sakana": "Sakana AI",
    "sarvam": "Sarvam AI",
    "deepreinforce": "DeepReinforce",
    # Epoch AI's organisation names
    "meta ai": "Meta",
    "z.ai (zhipu ai)": "Zhipu AI",
    "microsoft": "Microsoft",
    "microsoft research": "Microsoft",
    "amazon": "Amazon",
    "01.ai": "01.AI",
    "bytedance": "ByteDance",
    "reka ai": "Reka AI",
    "databricks": "Databricks",
}
# Attributes a record may state, as models.csv columns ("reasoning" is hybrid_reasoning).
_ATTRIBUTE_COLUMN = {"reasoning": "hybrid_reasoning"}


def vendor_name(hint: str) -> str:
    """The catalogue's name for a model maker ("" when the hint names none it knows)."""
    return VENDOR_NAMES.get(hint.strip().lower(), "")


@dataclass
class MappingReport:
    """Names the mapping could not resolve, with how many records each one carries."""

    unmapped: Counter = field(default_factory=Counter)  # (source, name, canonical, closest)
    ambiguous: Counter = field(default_factory=Counter)  # (source, name, canonical, candidates)
    ignored: Counter = field(default_factory=Counter)  # (source, name, note)
    created: list[str] = field(default_factory=list)  # models new to the catalogue
    # Listings on a channel outside the vocabulary (advisor.domain.offers): (source, channel)
    channels: Counter = field(default_factory=Counter)

    def lines(self) -> list[str]:
        """The report as text lines, for a person."""
        out = []
        for (source, name, _form, closest), n in sorted(self.ambiguous.items()):
            out.append(f"{source}: {name!r} is ambiguous ({n} records): fits {closest}")
        for (source, name, _form, closest), n in sorted(self.unmapped.items()):
            near = f"; closest catalogue id {closest}" if closest else ""
            out.append(f"{source}: {name!r} maps to no model ({n} records){near}")
        for (source, channel), n in sorted(self.channels.items()):
            out.append(
                f"{source}: channel {channel!r} is not in the channel vocabulary "
                f"({counted(n, 'record')} set aside; add it to advisor/domain/offers.py)"
            )
        return out


@dataclass
class CatalogueRows:
    """Rows for the catalogue's tables, by table name."""

    models: list[dict[str, Any]] = field(default_factory=list)
    model_attributes: list[dict[str, Any]] = field(default_factory=list)
    results: list[dict[str, Any]] = field(default_factory=list)
    benchmarks: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    lifecycle: list[dict[str, Any]] = field(default_factory=list)
    report: MappingReport = field(default_factory=MappingReport)


def _provenance(p: Provenance) -> dict[str, str]:
    return {
        "source_kind": p.source_kind,
        "reported_by": p.reported_by,
        "source_url": p.source_url,
        "source_date": p.source_date,
        "source_record": p.source_record,
    }


def _text(attribute: str, value: Any) -> str | None:
    """An attribute value as its models.csv column writes it (None when it is not one)."""
    if value is None or value == "":
        return None
    if attribute == "release_date":
        text = str(value)[:10]
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            return None
        return text
    return cell_text(MODELS, attribute, value)


def _attribute_rows(
    source: str,
    model_id: str,
    record: AttributeRecord | ResultRecord,
    values: dict[str, Any],
    channel: str,
    region: str = "",
) -> list[dict[str, Any]]:
    rows = []
    for key, value in values.items():
        attribute = _ATTRIBUTE_COLUMN.get(key, key)
        if attribute not in ATTRIBUTE_COLUMNS:
            continue
        text = _text(attribute, value)
        if text is None:
            continue
        rows.append(
            {
                "model_id": model_id,
                "attribute": attribute,
                "value": text,
                "channel": channel,
                "region": region,
                **_provenance(record.provenance),
                "notes": "",
                "source": source,
            }
        )
    return rows


# A record's dated lifecycle fields and the event each one dates.
_LIFECYCLE_FIELDS = {"deprecation_date": "deprecation"}


def _lifecycle_rows(source: str, model_id: str, record: AttributeRecord) -> list[dict[str, Any]]:
    """The offer's lifecycle events the record states: a dated deprecation (litellm's
    ``deprecation_date``), or a stage without a date (models.dev's ``status``)."""
    rows = []
    stated = [(event, record.attributes.get(name)) for name, event in _LIFECYCLE_FIELDS.items()]
    status = record.attributes.get("status")
    if status:
        stated.append((status, ""))
    for event, when in stated:
        if when is None:
            continue
        rows.append(
            {
                "model_id": model_id,
                "channel": record.channel,
                "region": record.region,
                "event": event,
                "date": when or None,
                **_provenance(record.provenance),
                "notes": (
                    f"deprecation_date {when}" if when else "a status, stated without a date"
                ),
                "source": source,
            }
        )
    return rows


def _resolve(identities: Identities, report: MappingReport, source: str, name: str) -> str | None:
    found = identities.resolve(source, name)
    if isinstance(found, Mapped):
        return found.model_id
    if isinstance(found, Ignored):
        report.ignored[(source, name, found.note)] += 1
    elif isinstance(found, Unmapped) and found.reason == "ambiguous":
        report.ambiguous[(source, name, found.canonical, ", ".join(found.candidates))] += 1
    elif isinstance(found, Unmapped):
        report.unmapped[(source, name, found.canonical, ", ".join(found.candidates))] += 1
    return None


def _new_model(source: str, model_id: str, record: AttributeRecord) -> dict[str, Any] | None:
    vendor = vendor_name(record.vendor_hint)
    if not vendor:
        return None
    name = str(record.attributes.get("display_name") or model_id)
    p = record.provenance
    return {
        "model_id": model_id,
        "vendor": vendor,
        "display_name": name,
        "source_url": p.source_url,
        "source_date": p.source_date,
        "source_kind": p.source_kind,
        "reported_by": p.reported_by,
        "notes": f"Created from {p.reported_by} ({p.source_record}).",
        "source": source,
    }


def _result_row(source: str, model_id: str, record: ResultRecord) -> dict[str, Any]:
    mode, effort, settings = mode_of(record.effort, record.thinking_budget)
    if record.settings == "thinking":  # a "thinking" variant: extended thinking, effort unstated
        mode, settings = "extended_thinking", ""
    condition = record.condition or mode
    stated = record.settings if record.settings != "thinking" else ""
    extra = "; ".join(part for part in (settings, stated) if part)
    return {
        "model_id": model_id,
        "benchmark": record.benchmark,
        "condition": condition,
        "score": record.score,
        "unit": unit_of(record.benchmark),
        "reasoning_effort": effort,
        "harness": record.harness,
        "task_subset": record.task_subset,
        "settings": extra,
        **_provenance(record.provenance),
        "notes": record.notes,
        "stderr": record.stderr,
        "source": source,
        "trials": record.trials,
        "cost_per_task_usd": record.cost_per_task_usd,
        "seconds_per_task": record.seconds_per_task,
    }


def catalogue_rows(
    readings: Iterable[Reading],
    identities: Identities,
    known_models: dict[str, str] | None = None,
) -> CatalogueRows:
    """Rows for every record of ``readings``. ``identities`` knows the catalogue's model ids
    (and grows as registry records create models); ``known_models`` maps those ids to vendors.

    Registry records are read first, from every reading, so that a model they create is known
    before other sources' names are mapped to it; then dated listings (a provider's record
    with a release date) of a known maker that no registry carries create models too, the
    maker's own API's listing first.
    """
    readings = list(readings)
    out = CatalogueRows()
    report = out.report
    known = dict(known_models or {})
    for reading in readings:
        for record in (r for r in reading.attributes if r.registry):
            source = reading.info.key
            found = identities.resolve(source, record.name)
            if isinstance(found, Unmapped) and found.reason == "unmapped":
                model = _new_model(source, found.canonical, record)
                if model is not None and found.canonical not in known:
                    out.models.append(model)
                    known[found.canonical] = model["vendor"]
                    identities.add(found.canonical)
                    report.created.append(found.canonical)
    # Then dated listings (a model as a provider sells it, with its release date) of a known
    # maker that no registry carries: the maker's own API first, so its name is the one kept.
    listings = [
        (reading.info.key, record)
        for reading in readings
        for record in reading.attributes
        if not record.registry and record.attributes.get("release_date")
    ]
    listings.sort(key=lambda pair: pair[1].channel != "")
    for source, record in listings:
        found = identities.resolve(source, record.name)
        if isinstance(found, Unmapped) and found.reason == "unmapped":
            model = _new_model(source, found.canonical, record)
            if model is not None and found.canonical not in known:
                out.models.append(model)
                known[found.canonical] = model["vendor"]
                identities.add(found.canonical)
                report.created.append(found.canonical)
    used_benchmarks: set[str] = set()
    for reading in readings:
        source = reading.info.key
        for record in reading.attributes:
            if record.channel and record.channel not in STORED_CHANNELS:
                report.channels[(source, record.channel)] += 1
                continue
            model_id = _resolve(identities, report, source, record.name)
            if model_id is not None:
                out.model_attributes += _attribute_rows(
                    source, model_id, record, record.attributes, record.channel, record.region
                )
                out.lifecycle += _lifecycle_rows(source, model_id, record)
        seen_dates: set[tuple[str, str, str]] = set()
        for record in reading.results:
            model_id = _resolve(identities, report, source, record.name)
            if model_id is None:
                continue
            out.results.append(_result_row(source, model_id, record))
            used_benchmarks.add(record.benchmark)
            stated = (model_id, record.provenance.reported_by, record.release_date)
            if record.release_date and stated not in seen_dates:
                seen_dates.add(stated)
                out.model_attributes += _attribute_rows(
                    source, model_id, record, {"release_date": record.release_date}, ""
                )
        out.sources.append(
            {
                "source": reading.info.key,
                "title": reading.info.title,
                "licence": reading.info.licence,
                "credit": reading.info.credit,
                "homepage": reading.info.homepage,
                "snapshot_date": reading.snapshot_date,
                "records": reading.records,
                "synced_at": "",
                "notes": "",
            }
        )
    out.benchmarks = [dict(SOURCE_BENCHMARKS[b]) for b in sorted(used_benchmarks)]
    return out


def distinct_names(created: list[dict[str, Any]], others: Iterable[str] = ()) -> None:
    """A model created from a source whose display name another model has too (registries
    name a family: "Gemini 1.5 Pro" for 001 and 002) gets its id in brackets, so that no two
    candidates read alike. Curated names are never changed; the source's own name stays in
    ``model_attributes``."""
    counts = Counter(others)
    counts.update(m["display_name"] for m in created)
    for model in created:
        if counts[model["display_name"]] > 1:
            model["display_name"] = f"{model['display_name']} ({model['model_id']})"


def choose_attributes(
    attributes: Iterable[dict[str, Any]],
) -> dict[tuple[str, str], dict[str, Any]]:
    """Per (model, attribute), the sourced value that counts by the stated precedence
    (advisor.domain.precedence), among the vendors' own APIs (channel "")."""
    best: dict[tuple[str, str], tuple[tuple, dict[str, Any]]] = {}
    for row in attributes:
        if row.get("channel"):
            continue
        key = (row["model_id"], row["attribute"])
        date = str(row.get("source_date") or "")
        order = (attribute_rank(row.get("source_kind"), row.get("reported_by")), _negate(date))
        order += (str(row.get("source_record") or ""),)
        if key not in best or order < best[key][0]:
            best[key] = (order, row)
    return {key: row for key, (_order, row) in best.items()}


def _negate(date: str) -> tuple[int, ...]:
    """A sort key that puts newer ISO dates first (undated last)."""
    digits = "".join(ch for ch in date[:10] if ch.isdigit())
    return (-int(digits),) if digits else (0,)
