"""The catalogue's CSV format: one spec per file, shared by import, export and the schema."""

from __future__ import annotations

from dataclasses import dataclass, field

from advisor.domain.vocabulary import Condition, Mode, SourceKind

TEXT, REAL, INTEGER, BOOL, ISODATE = "text", "real", "integer", "bool", "isodate"


@dataclass(frozen=True, slots=True)
class Column:
    """One CSV column and its SQLite column."""

    name: str
    type: str = TEXT
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    # Part of the primary key but optional in a file: stored as "" rather than NULL so that the
    # key stays unique (SQLite treats NULLs as distinct).
    key_blank_ok: bool = False


@dataclass(frozen=True, slots=True)
class FileSpec:
    """A CSV file of the catalogue format and the table it fills."""

    file: str
    table: str
    columns: tuple[Column, ...]
    pk: tuple[str, ...]
    references: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


_CONDITIONS = tuple(c.value for c in Condition)
_SOURCE_KINDS = tuple(k.value for k in SourceKind)
_MODES = tuple(m.value for m in Mode)

VENDORS = FileSpec(
    "vendors.csv",
    "vendors",
    (Column("vendor", required=True), Column("website"), Column("notes")),
    pk=("vendor",),
)

MODELS = FileSpec(
    "models.csv",
    "models",
    (
        Column("model_id", required=True),
        Column("vendor", required=True),
        Column("display_name", required=True),
        Column("release_date", ISODATE),
        Column("input_usd_per_mtok", REAL, minimum=0),
        Column("output_usd_per_mtok", REAL, minimum=0),
        Column("context_window", INTEGER, minimum=1),
        Column("max_output_tokens", INTEGER, minimum=1),
        Column("hybrid_reasoning", BOOL),
        Column("open_weights", BOOL),
        Column("license"),
        Column("source_url"),
        Column("source_date"),
        Column("notes"),
        Column("cache_read_usd_per_mtok", REAL, minimum=0),
        Column("cache_write_usd_per_mtok", REAL, minimum=0),
    ),
    pk=("model_id",),
    references={"vendor": ("vendors", "vendor")},
)

BENCHMARKS = FileSpec(
    "benchmarks.csv",
    "benchmarks",
    (
        Column("benchmark", required=True),
        Column("name", required=True),
        Column(
            "category",
            required=True,
            choices=(
                "coding",
                "agentic",
                "knowledge",
                "math",
                "multimodal",
                "honesty",
                "long-context",
                "multilingual",
                "reasoning",
            ),
        ),
        Column("unit", required=True),
        Column("higher_is_better", BOOL, required=True),
        Column("description"),
        Column("url"),
    ),
    pk=("benchmark",),
)

RESULTS = FileSpec(
    "benchmark_results.csv",
    "results",
    (
        Column("model_id", required=True),
        Column("benchmark", required=True),
        Column("condition", required=True, choices=_CONDITIONS),
        Column("score", REAL, required=True),
        Column("unit"),
        Column("reasoning_effort", choices=("low", "medium", "high", "minimal"), key_blank_ok=True),
        Column("harness", key_blank_ok=True),
        Column("task_subset", key_blank_ok=True),
        Column("settings", key_blank_ok=True),
        Column("source_kind", choices=_SOURCE_KINDS),
        Column("reported_by"),
        Column("source_url", key_blank_ok=True),
        Column("source_date"),
        Column("notes"),
    ),
    pk=(
        "model_id",
        "benchmark",
        "condition",
        "reasoning_effort",
        "harness",
        "task_subset",
        "settings",
        "source_url",
    ),
    references={"model_id": ("models", "model_id"), "benchmark": ("benchmarks", "benchmark")},
)

RATE_LIMITS = FileSpec(
    "rate_limits.csv",
    "rate_limits",
    (
        Column("vendor", required=True),
        Column("tier", required=True),
        Column("model_id_or_family", required=True),
        Column("requests_per_min", REAL, minimum=0),
        Column("input_tokens_per_min", REAL, minimum=0),
        Column("output_tokens_per_min", REAL, minimum=0),
        Column("source_url", key_blank_ok=True),
        Column("source_date"),
        Column("tokens_per_min", REAL, minimum=0),
        Column("requests_per_day", REAL, minimum=0),
        Column("notes"),
        Column("model_ids"),
        Column("tier_level", INTEGER, minimum=0),
    ),
    pk=("vendor", "tier", "model_id_or_family", "source_url"),
    references={"vendor": ("vendors", "vendor")},
)

MEASUREMENTS = FileSpec(
    "measurements.csv",
    "measurements",
    (
        Column("model_id", required=True),
        Column("mode", required=True, choices=_MODES),
        Column("metric", required=True, choices=("ttft_s", "output_tokens_per_s")),
        Column("value", REAL, required=True, minimum=0),
        Column("region", key_blank_ok=True),
        Column("sample_count", INTEGER, minimum=1),
        Column("spread", REAL, minimum=0),
        Column("source_kind", choices=_SOURCE_KINDS),
        Column("reported_by"),
        Column("source_url", key_blank_ok=True),
        Column("source_date", required=True),
        Column("notes"),
    ),
    pk=("model_id", "mode", "metric", "region", "source_url", "source_date"),
    references={"model_id": ("models", "model_id")},
)

CRITERION_GROUPS = FileSpec(
    "criterion_groups.csv",
    "criterion_groups",
    (
        Column("group", required=True),
        Column("criterion", required=True),
        Column("weight", REAL, required=True, minimum=0),
        Column("label"),
        Column("description"),
    ),
    pk=("group", "criterion"),
)

# Import order: referenced tables first.
FILE_SPECS: tuple[FileSpec, ...] = (
    VENDORS,
    MODELS,
    BENCHMARKS,
    CRITERION_GROUPS,
    RESULTS,
    RATE_LIMITS,
    MEASUREMENTS,
)
SPECS_BY_FILE: dict[str, FileSpec] = {s.file: s for s in FILE_SPECS}
SPECS_BY_TABLE: dict[str, FileSpec] = {s.table: s for s in FILE_SPECS}

TRUE_WORDS = frozenset({"yes", "true", "1", "y"})
FALSE_WORDS = frozenset({"no", "false", "0", "n"})
URL_SEPARATOR = " ; "
