"""What every source connector hands over: the records of one source file (or folder), read in
the source's own published format, each with its provenance, before any name is mapped to a
catalogue model. Connectors never write the catalogue and never guess: a record they cannot
read is a problem naming the file, the record and the field; a record that is not about a
language model's figures (an embedding model, an image price) is skipped with its reason.

Every connector module has ``INFO`` (a :class:`SourceInfo`) and ``read(path) -> Reading``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from advisor.domain.errors import ImportProblem

# Source kinds, as the catalogue names them (advisor.domain.vocabulary.SourceKind).
VENDOR, THIRD_PARTY, COMPETITOR = "vendor", "third_party", "competitor"


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """A public data source: what it is, under which licence, and how to credit it."""

    key: str  # the name on the command line: "epoch", "litellm" …
    title: str
    homepage: str
    licence: str  # SPDX id, e.g. "CC-BY-4.0", "MIT", "Apache-2.0"
    credit: str  # shown wherever its figures are, e.g. "Epoch AI, AI Benchmarking Hub"
    download_url: str = ""  # the canonical published copy (``--download``), "" if none
    layout: str = "file"  # "file" or "folder": what ``read`` takes


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where one record comes from: enough to find it again in the source."""

    source_kind: str  # vendor / third_party / competitor
    reported_by: str  # who published the figure, e.g. "Epoch AI", "Sierra", "Anthropic"
    source_url: str  # the page or file a reader can open
    source_date: str  # YYYY-MM-DD: the record's own date, else the snapshot's
    source_record: str  # the source's own key: Epoch's id, litellm's key, a file path …


@dataclass(frozen=True, slots=True)
class ResultRecord:
    """One benchmark figure as the source states it.

    ``name`` is the source's own model name, verbatim (Epoch's ``Model version`` with its effort
    suffix, τ²-bench's ``model_name``…); identity mapping happens later. ``effort`` is the
    reasoning effort the source states ("" none stated, "none", "minimal", "low", "medium",
    "high", "xhigh"); ``thinking_budget`` a thinking-token budget ("32K"), "" if none.
    """

    name: str
    benchmark: str  # a catalogue benchmark id (advisor.sources.benchmarks)
    score: float  # in the benchmark's unit (percent: 0-100)
    provenance: Provenance
    vendor_hint: str = ""  # the source's organisation field, when it has one
    effort: str = ""
    thinking_budget: str = ""
    harness: str = ""  # agent or scaffold, when the source names one
    task_subset: str = ""
    settings: str = ""
    stderr: float | None = None  # standard error, in the score's unit, when the source gives it
    # Independent trials the score averages, when the source states it (τ²-bench's pass^k up
    # to k = 4 needs at least 4 trials per task); None when not stated.
    trials: int | None = None
    # What the run cost per task (USD) and took per task (seconds), when the source says.
    cost_per_task_usd: float | None = None
    seconds_per_task: float | None = None
    notes: str = ""
    release_date: str = ""  # the model's release date, when the source states it
    # The condition the source states ("" when only the effort says: see identity.mode_of;
    # "unspecified" when the source does not say how the figure was obtained).
    condition: str = ""


@dataclass(frozen=True, slots=True)
class AttributeRecord:
    """What a price or model database says about one model as one provider sells it.

    ``attributes`` holds only what the record states, in catalogue units: ``input_usd_per_mtok``,
    ``output_usd_per_mtok``, ``cache_read_usd_per_mtok``, ``cache_write_usd_per_mtok`` (USD per
    million tokens), ``context_window``, ``max_output_tokens`` (tokens), ``release_date``
    (YYYY-MM-DD), ``open_weights`` and ``reasoning`` (bool), ``display_name`` (text); and the
    offer's lifecycle where the source states it: ``deprecation_date`` (YYYY-MM-DD) and
    ``status`` (a lifecycle event the source states without a date: "deprecation", "preview").
    ``channel`` is "" for the vendor's own API, else the reseller or cloud ("bedrock",
    "vertex_ai", "azure", "openrouter" …); ``region`` the region the offer is served from when
    the source's key names one (advisor.sources.regions), else "".
    """

    name: str
    provenance: Provenance
    attributes: dict[str, Any]
    vendor_hint: str = ""
    channel: str = ""
    registry: bool = False
    region: str = ""  # a model registry entry: may create a model new to the catalogue


@dataclass
class Reading:
    """Everything read from one copy of a source."""

    info: SourceInfo
    snapshot_date: str  # the date of the copy (its own "last updated", or the newest record)
    results: list[ResultRecord] = field(default_factory=list)
    attributes: list[AttributeRecord] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (record key, why)
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def records(self) -> int:
        return len(self.results) + len(self.attributes)


def problem(
    file: str, record: str, field_name: str | None, reason: str, line: int | None = None
) -> ImportProblem:
    """A problem with one record: the file, the record (in the source's own words), the field
    and, where the file has lines, the line, so the user can find it."""
    return ImportProblem(file, line, field_name, f"record {record}: {reason}")


def price_value(
    file: str, record: str, field_name: str, value: Any, reading: Reading
) -> float | None:
    """A price as a source states it: a finite number of at least 0, else a problem named by
    file, record and field (and None)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        reading.problems.append(problem(file, record, field_name, f"not a number: {value!r:.60}"))
        return None
    if not math.isfinite(value) or value < 0:
        reading.problems.append(problem(file, record, field_name, f"not a price ≥ 0: {value!r}"))
        return None
    return float(value)


def token_count(
    file: str, record: str, field_name: str, value: Any, reading: Reading
) -> int | None:
    """A token limit as a source states it: a positive whole number, else a problem (and
    None)."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or (isinstance(value, float) and not (math.isfinite(value) and value.is_integer()))
        or value <= 0
    ):
        reading.problems.append(
            problem(file, record, field_name, f"not a positive whole number of tokens: {value!r}")
        )
        return None
    return int(value)
