"""The catalogue's format: one spec per table (its CSV file, columns, types, key), and how a
cell's text reads as a value and a value shows as text. Shared by import, export, the schema,
row edits and the catalogue editor."""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from advisor.domain.errors import CatalogueError
from advisor.domain.offers import (
    ASSURANCE_VALUES,
    ASSURANCES,
    LIFECYCLE_EVENTS,
    REGION_PATTERN,
    STORED_CHANNELS,
)
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
    # Text outside ``choices`` is accepted when it matches this (a region code "eu-central-1").
    pattern: str = ""
    # What the column holds, in words, when ``choices`` are too many to list in a message.
    vocabulary: str = ""


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
# A reasoning effort as vendors name them, from none to the most they sell.
REASONING_EFFORTS = ("none", "minimal", "low", "medium", "high", "xhigh", "max")
_SOURCE_KINDS = tuple(k.value for k in SourceKind)
_MODES = tuple(m.value for m in Mode)
_CHANNEL = Column(
    "channel",
    choices=STORED_CHANNELS,
    key_blank_ok=True,
    vocabulary="a channel word (blank = the vendor's own API; see docs/catalogue.md)",
)
_REGION = Column(
    "region",
    key_blank_ok=True,
    pattern=REGION_PATTERN,
    vocabulary="a region word (eu, us, global …) or a cloud region code (eu-central-1)",
)

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
        # Who stated the values on this row itself (values from public sources carry their
        # own provenance in model_attributes).
        Column("source_kind", choices=_SOURCE_KINDS),
        Column("reported_by"),
        Column("source"),  # the public source that wrote the row ("" = curated or yours)
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
        # How many items (problems, questions, tasks) the benchmark scores over, and where
        # that count is stated: the binomial standard error of a percent score needs it.
        Column("n_items", INTEGER, minimum=1),
        Column("n_items_source"),
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
        Column("reasoning_effort", choices=REASONING_EFFORTS, key_blank_ok=True),
        Column("harness", key_blank_ok=True),
        Column("task_subset", key_blank_ok=True),
        Column("settings", key_blank_ok=True),
        Column("source_kind", choices=_SOURCE_KINDS),
        Column("reported_by"),
        Column("source_url", key_blank_ok=True),
        Column("source_date"),
        Column("notes"),
        # The source's own key for the record (Epoch's id, a submission folder …).
        Column("source_record", key_blank_ok=True),
        Column("stderr", REAL, minimum=0),  # standard error, in the score's unit
        Column("source"),  # the public source that wrote the row ("" = curated or yours)
        # Independent runs the score averages, where the source states it ("averaged over 10
        # trials"): the binomial standard error shrinks by their square root.
        Column("trials", INTEGER, minimum=1),
        # What the run behind the score cost per task (USD) and how long a task took, where the
        # source publishes it (Aider's leaderboard; Epoch AI's copy of it).
        Column("cost_per_task_usd", REAL, minimum=0),
        Column("seconds_per_task", REAL, minimum=0),
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
        "source_record",
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

# Model attributes a source may state, each with its own provenance (the column of models.csv
# whose value it is; "reasoning" is hybrid_reasoning).
ATTRIBUTE_COLUMNS = (
    "display_name",
    "release_date",
    "input_usd_per_mtok",
    "output_usd_per_mtok",
    "cache_read_usd_per_mtok",
    "cache_write_usd_per_mtok",
    "context_window",
    "max_output_tokens",
    "open_weights",
    "hybrid_reasoning",
    "license",
)

MODEL_ATTRIBUTES = FileSpec(
    "model_attributes.csv",
    "model_attributes",
    (
        Column("model_id", required=True),
        Column("attribute", required=True, choices=ATTRIBUTE_COLUMNS),
        Column("value", required=True),  # as its models.csv column writes it
        _CHANNEL,  # "" = the vendor's own API
        Column("source_kind", choices=_SOURCE_KINDS),
        Column("reported_by"),
        Column("source_url", key_blank_ok=True),
        Column("source_date"),
        Column("source_record", key_blank_ok=True),
        Column("notes"),
        Column("source"),  # the public source that wrote the row ("" = curated or yours)
        _REGION,  # where the offer is served from, when the source says ("" = not stated)
    ),
    pk=("model_id", "attribute", "channel", "region", "source_url", "source_record"),
    references={"model_id": ("models", "model_id")},
)

LIFECYCLE = FileSpec(
    "lifecycle.csv",
    "lifecycle",
    (
        Column("model_id", required=True),
        _CHANNEL,
        _REGION,
        Column("event", required=True, choices=tuple(LIFECYCLE_EVENTS)),
        Column("date", ISODATE),  # blank: the source states the stage but not since when
        Column("source_kind", choices=_SOURCE_KINDS),
        Column("reported_by"),
        Column("source_url", key_blank_ok=True),
        Column("source_date"),
        Column("source_record", key_blank_ok=True),
        Column("notes"),
        Column("source"),
    ),
    pk=("model_id", "channel", "region", "event", "source_url", "source_record"),
    references={"model_id": ("models", "model_id")},
)

ASSURANCE_FINDINGS = FileSpec(
    "assurances.csv",
    "assurances",
    (
        Column("vendor", key_blank_ok=True),  # blank: every vendor's models on the channel
        _CHANNEL,
        Column("assurance", required=True, choices=tuple(ASSURANCES)),
        Column("value", required=True, choices=ASSURANCE_VALUES),
        Column("detail"),  # "30 days", "Enterprise plan only" …
        Column("evidence", required=True),  # a URL or a document's name
        Column("recorded_on", ISODATE, required=True),  # when the finding was last checked
        Column("recorded_by", required=True),
        Column("notes"),
    ),
    pk=("vendor", "channel", "assurance", "evidence"),
)

SOURCES = FileSpec(
    "sources.csv",
    "sources",
    (
        Column("source", required=True),
        Column("title", required=True),
        Column("licence", required=True),
        Column("credit", required=True),
        Column("homepage"),
        Column("snapshot_date", ISODATE),
        Column("records", INTEGER, minimum=0),
        Column("synced_at"),
        Column("notes"),
    ),
    pk=("source",),
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
    MODEL_ATTRIBUTES,
    LIFECYCLE,
    ASSURANCE_FINDINGS,
    SOURCES,
)
SPECS_BY_FILE: dict[str, FileSpec] = {s.file: s for s in FILE_SPECS}
SPECS_BY_TABLE: dict[str, FileSpec] = {s.table: s for s in FILE_SPECS}

TRUE_WORDS = frozenset({"yes", "true", "1", "y"})
FALSE_WORDS = frozenset({"no", "false", "0", "n"})
URL_SEPARATOR = " ; "

# Tables whose rows carry a source kind: rows the user adds are "internal" unless they say else.
SOURCED_TABLES = ("results", "measurements")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# The number forms a catalogue cell may take: a decimal point, an optional exponent, and (in
# whole numbers, or with a decimal point) commas only as thousands separators in groups of
# three. "2,5" is refused: in half the world it means two and a half, in the other half 25.
_REAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_GROUPED_INTEGER = re.compile(r"^[+-]?\d{1,3}(,\d{3})+$")
_GROUPED_REAL = re.compile(r"^[+-]?\d{1,3}(,\d{3})+\.\d+$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_NON_FINITE = frozenset({"nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "-infinity"})
MAX_INTEGER = 2**63 - 1  # what SQLite can store in an INTEGER column
MAX_DIGITS = 40


def _short(text: str) -> str:
    """A cell's text as a message quotes it: whole, or its start when it is long."""
    return repr(text) if len(text) <= MAX_DIGITS else f"{text[:20]!r}… ({len(text):,} characters)"


def _number_problem(column: Column, text: str) -> str:
    """Why ``text`` is not a number of the column's kind, or ""."""
    kind = "a number" if column.type == REAL else "a whole number"
    if len(text) > MAX_DIGITS:
        return f"{_short(text)} is too long to be {kind}"
    if text.lower() in _NON_FINITE:
        return f"{text!r} is not a finite number"
    if "," in text:
        grouped = _GROUPED_INTEGER if column.type == INTEGER else _GROUPED_REAL
        if grouped.match(text):
            return ""
        return (
            f"{text!r} is not {kind}: write the decimal point as '.' (2.5) and leave out "
            "thousands separators (or group digits in threes: 1,000.5)"
        )
    pattern = _INTEGER if column.type == INTEGER else _REAL
    if not pattern.match(text):
        return f"{text!r} is not {kind}"
    return ""


# Characters catalogue text may not hold: C0 controls but tab and line breaks, DEL, and lone
# UTF-16 surrogates (which cannot be written as UTF-8).
_BAD_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _text_problem(found: re.Match) -> str:
    """Why text holding the character ``found`` cannot be stored as catalogue text."""
    char = found.group()
    if "\ud800" <= char <= "\udfff":
        return "contains an invalid character (a lone UTF-16 surrogate); fix the text"
    return f"contains a control character (code {ord(char)}); remove it"


_LEADING_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?(?!\d)")


def _dated_text_problem(text: str) -> str:
    """A source date may be "2025-05-22", "2025-05" or words ("undated (commit …)"); when it
    starts with a year and month, they (and the day) must be on the calendar."""
    found = _LEADING_DATE.match(text)
    if found is None:
        return ""
    year, month, day = int(found.group(1)), int(found.group(2)), found.group(3)
    try:
        date(year, month, int(day) if day else 1)
    except ValueError:
        return f"{text!r} is not a date on the calendar"
    return ""


def parse_cell(column: Column, raw: str) -> tuple[Any, str | None]:
    """Convert one cell's text; return ``(value, None)`` or ``(None, reason)``."""
    text = raw.strip()
    if text == "":
        if column.required:
            return None, "is required but empty"
        return ("" if column.key_blank_ok else None), None
    if column.type in (REAL, INTEGER):  # the number forms are checked whole: no text check
        plain = text
        if column.type == REAL and _REAL.match(text):  # the common form, checked at once
            number: float | int = float(text)
        elif column.type == INTEGER and len(text) <= MAX_DIGITS and _INTEGER.match(text):
            number = int(text)
        else:
            problem = _number_problem(column, text)
            if problem:
                return None, problem
            plain = text.replace(",", "")
            number = float(plain) if column.type == REAL else int(plain)
        if isinstance(number, float) and not math.isfinite(number):
            return None, f"{_short(text)} is not a finite number"
        if isinstance(number, int) and abs(number) > MAX_INTEGER:
            return None, f"{_short(text)} is too large (at most {MAX_INTEGER:,})"
        if column.minimum is not None and number < column.minimum:
            return None, f"{text} is below the minimum of {column.minimum:g}"
        if column.maximum is not None and number > column.maximum:
            return None, f"{text} is above the maximum of {column.maximum:g}"
        return number, None
    found = _BAD_TEXT.search(text)
    if found is not None:
        return None, _text_problem(found)
    if column.type == BOOL:
        word = text.lower()
        if word in TRUE_WORDS:
            return 1, None
        if word in FALSE_WORDS:
            return 0, None
        return None, f"{text!r} is not yes/no/true/false/1/0"
    if column.type == ISODATE:
        if not _ISO_DATE.match(text):
            return None, f"{text!r} is not a date in YYYY-MM-DD form"
        try:
            date.fromisoformat(text)
        except ValueError:
            return None, f"{text!r} is not a date on the calendar"
    if column.name.endswith("_date") and column.type != ISODATE:
        problem = _dated_text_problem(text)
        if problem:
            return None, problem
    if column.pattern and (text in column.choices or re.match(column.pattern, text)):
        return text, None
    if (column.choices or column.pattern) and text not in column.choices:
        close = difflib.get_close_matches(text, column.choices, n=1, cutoff=0.75)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        if column.vocabulary:
            return None, f"{text!r} is not {column.vocabulary}{hint}"
        return None, f"{text!r} is not one of {', '.join(column.choices)}{hint}"
    return text, None


# Text a spreadsheet would run as a formula when it opens a CSV file (CSV injection): it starts
# with one of these, after any number of apostrophes.
_FORMULA_LEAD = re.compile(r"^'*[=+\-@\t\r]")
_NEUTRALISED = re.compile(r"^'+[=+\-@\t\r]")


def is_text(column: Column) -> bool:
    """Does ``column`` hold free text (not a number, a yes/no or a date)?"""
    return column.type not in (REAL, INTEGER, BOOL, ISODATE)


def neutralise_formula(text: str) -> str:
    """Text as a CSV export writes it: an apostrophe before text a spreadsheet would run as a
    formula ("=cmd|…", "@SUM(…)", "+1-1"), the convention spreadsheets show as text. Exactly
    undone by :func:`restore_formula_text`, so an export imports back unchanged."""
    return "'" + text if _FORMULA_LEAD.match(text) else text


def restore_formula_text(text: str) -> str:
    """Undo :func:`neutralise_formula` on text read from a CSV file."""
    return text[1:] if text[:1] == "'" and _NEUTRALISED.match(text) else text


def cell_problem(column: Column, text: str) -> str:
    """Why ``text`` cannot go in ``column`` (type, range, allowed values), or ""."""
    _value, reason = parse_cell(column, text)
    return f"{column.name}: {reason}" if reason else ""


def column_hint(column: Column) -> str:
    """What a column accepts, in a few words (tooltips and the add-row form)."""
    if column.type == BOOL:
        text = "yes or no"
    elif column.type == ISODATE:
        text = "a date, YYYY-MM-DD"
    elif column.type in (REAL, INTEGER):
        text = "a whole number" if column.type == INTEGER else "a number"
        if column.minimum is not None:
            text += f", at least {column.minimum:g}"
        if column.maximum is not None:
            text += f", at most {column.maximum:g}"
    elif column.vocabulary:
        text = column.vocabulary
    elif column.choices:
        text = "one of " + ", ".join(column.choices)
    else:
        text = "text"
    return text + ("; required" if column.required else "")


def spec_of(table: str) -> FileSpec:
    """The spec of catalogue table ``table``; a :class:`CatalogueError` for an unknown name."""
    try:
        return SPECS_BY_TABLE[table]
    except KeyError:
        raise CatalogueError(f"No catalogue table called {table!r}.") from None


def key_of(spec: FileSpec, row: dict[str, Any]) -> tuple:
    """A row's primary key (blank key columns as "", as they are stored)."""
    return tuple(row.get(c) if row.get(c) is not None else "" for c in spec.pk)


def cell_text(spec: FileSpec, column: str, value: Any) -> str:
    """A stored value as the text an editor field (or a CSV cell) shows."""
    if value is None:
        return ""
    kind = spec.column(column).type
    if kind == BOOL:
        return "yes" if value else "no"
    if kind == REAL:
        return f"{float(value):g}" if abs(float(value)) < 1e15 else repr(float(value))
    if kind == INTEGER:
        return str(int(value))
    return str(value)


def row_texts(spec: FileSpec, row: dict[str, Any]) -> dict[str, str]:
    """Every column of a stored row as editor text."""
    return {c: cell_text(spec, c, row.get(c)) for c in spec.names}


def default_texts(table: str) -> dict[str, str]:
    """Starting values for a new row: the user's own figures are internal and dated today."""
    spec = spec_of(table)
    texts = dict.fromkeys(spec.names, "")
    if table in SOURCED_TABLES:
        texts["source_kind"] = "internal"
        texts["source_date"] = date.today().isoformat()
    if table == "results":
        texts["condition"] = "standard"
    if table == "measurements":
        texts["mode"] = "standard"
    return texts


def split_list(value: str | None) -> list[str]:
    """Split a ``" ; "``-separated cell (source URLs, model ids) into its items."""
    if not value:
        return []
    return [item.strip() for item in value.split(URL_SEPARATOR.strip()) if item.strip()]
