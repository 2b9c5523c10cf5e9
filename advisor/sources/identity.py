"""From a source's name for a model to a catalogue model, mode and reasoning effort.

Every source names the same model differently (``claude-opus-4-5-20251101``,
``Claude Opus 4.5``, ``bedrock/anthropic.claude-opus-4-5-20251101-v1:0``,
``claude-opus-4-5_32K``). A name is mapped in three steps, and never guessed:

1. **Canonical form** (:func:`canonical`), by fixed, documented rules: lower case, spaces and
   underscores to hyphens; a reseller or cloud prefix dropped (``bedrock/``, ``vertex_ai/``,
   ``azure/``, ``openrouter/``, ``anthropic/`` …, and Bedrock's ``anthropic.`` with its
   ``-v1:0`` suffix, only after such a Bedrock prefix: ``deepseek-v3`` keeps its ``-v3``); a
   run description in brackets dropped (Aider's ``(high)``, ``(32k thinking)``, ``(no think)``,
   ``(default)``, ``(2025-02-15)``: the connector has read the effort from it), a bracketed
   four-digit release kept as one (``DeepSeek R1 (0528)`` is ``deepseek-r1-0528``), any other
   bracket kept (``(Reasoner)`` says something the name alone does not); an effort word just
   before an ISO date dropped (``gpt-5.2-low-2025-12-11``: the connector has read it); an
   eight-digit or ISO date stamp dropped (``-20251101``, ``-2025-04-14``, ``@20251101``: a
   snapshot of the same model), a four-digit one kept (``-0528`` names a release of its own);
   ``-latest`` dropped; a ``p`` between digits read as a point (``deepseek-v3p2``,
   ``kimi-k2p5``: hosts' spelling of ``v3.2``, ``k2.5``); a version's ``.0`` dropped
   (``gemini-3.0-pro``);
   Claude names in family-first order with a dotted version (``claude-3-7-sonnet`` and
   ``claude-sonnet-3-7`` are ``claude-sonnet-3.7``).
2. **The mapping table** ``data/sources/aliases.csv`` (``source,name,model_id,note``;
   ``source`` ``*`` for every source): a canonical name to a catalogue id, or to nothing
   (``model_id`` empty) for a name that is not a model the catalogue carries, with the reason.
3. **The catalogue's own ids**: a canonical name equal to a known model id.

Anything else is *unmapped* and listed in the sync report; a name the table maps to two
models, or whose looser forms fit several ids, is *ambiguous* and listed too.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

_PREFIXES = re.compile(
    r"^(?:bedrock|bedrock_converse|vertex_ai|vertex_ai_beta|azure|azure_ai|openrouter|gemini|"
    r"anthropic|openai|xai|x-ai|deepseek|mistral|mistralai|moonshot|moonshotai|together_ai|"
    r"fireworks_ai|groq|deepinfra|perplexity|dashscope|meta-llama|meta|google|qwen|"
    r"us|eu|apac|global)/"
)
_BEDROCK = re.compile(
    r"^(?:(?:us|eu|apac|global|us-gov)\.)?(?:anthropic|meta|mistral|amazon|cohere|ai21|"
    r"deepseek|qwen|openai|writer)\."
)
_BEDROCK_VERSION = re.compile(r"-v\d+(?::\d+)?$")
_RUN_NOTE = re.compile(
    r"\s*\((?:none|minimal|low|medium|high|xhigh|max|default[^)]*|no[ -]?think[^)]*|"
    r"\d+k[ -]?think[^)]*|\d{4}-\d{2}-\d{2})\)\s*$",
    re.I,
)
_BRACKET_RELEASE = re.compile(r"\s*\((\d{4})\)\s*$")
_EFFORT_BEFORE_DATE = re.compile(r"-(?:minimal|low|medium|high|xhigh)(?=-\d{4}-\d{2}-\d{2}$)")
_DATE_STAMP = re.compile(r"(?:[-@]\d{8}|-\d{4}-\d{2}-\d{2})$")
_EFFORT_SUFFIX = re.compile(
    r"_(?:none|minimal|low|medium|high|xhigh|max|unknown|thinking|\d+(?:\.\d+)?k)$"
)
_CLAUDE = re.compile(
    r"^claude-(?:(?P<a_major>\d+)(?:[-.](?P<a_minor>\d+))?-(?P<a_family>opus|sonnet|haiku)"
    r"|(?P<b_family>opus|sonnet|haiku)-(?P<b_major>\d+)(?:[-.](?P<b_minor>\d+))?)"
    r"(?P<rest>(?:-.*)?)$"
)
_DOT_ZERO = re.compile(r"(?<=\d)\.0(?=$|-)")
# Looser forms, only to tell an unmapped name from an ambiguous one (never to map).
_LOOSE = re.compile(r"-(?:preview|exp|experimental|instruct|it|chat|turbo|fast)$")


def canonical(name: str) -> str:
    """The canonical form of a source's model name (rules in the module docstring)."""
    text = name.strip().lower()
    while _RUN_NOTE.search(text):
        text = _RUN_NOTE.sub("", text)
    text = _BRACKET_RELEASE.sub(r"-\1", text)
    text = _EFFORT_SUFFIX.sub("", text.replace(" ", "-"))
    while _PREFIXES.match(text):
        text = _PREFIXES.sub("", text, count=1)
    text = text.rsplit("/", 1)[-1].replace("_", "-")
    bedrock = _BEDROCK.match(text)
    text = _BEDROCK.sub("", text)
    if bedrock:
        text = _BEDROCK_VERSION.sub("", text)
    text = text.split(":", 1)[0]
    text = _EFFORT_BEFORE_DATE.sub("", text)
    text = _DATE_STAMP.sub("", text)
    text = re.sub(r"-latest$", "", text)
    text = re.sub(r"(?<=\d)p(?=\d)", ".", text)
    text = re.sub(r"-+", "-", text).strip("-")
    text = _DOT_ZERO.sub("", text)
    match = _CLAUDE.match(text)
    if match:
        family = match["a_family"] or match["b_family"]
        major = match["a_major"] or match["b_major"]
        minor = match["a_minor"] or match["b_minor"]
        version = major if not minor or minor == "0" else f"{major}.{minor}"
        text = f"claude-{family}-{version}{match['rest']}"
        text = _DATE_STAMP.sub("", text)
    return text


@dataclass(frozen=True, slots=True)
class Alias:
    """One line of the mapping table."""

    source: str  # a source key, or "*"
    name: str  # canonical form
    model_id: str  # "" = known, and not a model the catalogue carries
    note: str = ""


def read_aliases(path: Path) -> list[Alias]:
    """The mapping table (``data/sources/aliases.csv``)."""
    with Path(path).open(newline="", encoding="utf-8") as handle:
        return [
            Alias(
                row["source"].strip(),
                canonical(row["name"]),
                row["model_id"].strip(),
                row.get("note", ""),
            )
            for row in csv.DictReader(handle)
            if row.get("name", "").strip()
        ]


@dataclass(frozen=True, slots=True)
class Mapped:
    model_id: str
    how: str  # "id" (a catalogue id), "table" (the mapping table)


@dataclass(frozen=True, slots=True)
class Ignored:
    """The mapping table says this name is not a model the catalogue carries."""

    note: str


@dataclass(frozen=True, slots=True)
class Unmapped:
    canonical: str
    reason: str  # "unmapped" or "ambiguous"
    candidates: tuple[str, ...] = ()


Resolution = Mapped | Ignored | Unmapped


class Identities:
    """Resolves source names against a set of catalogue ids and the mapping table."""

    def __init__(self, known_ids: Iterable[str], aliases: Iterable[Alias] = ()) -> None:
        self.known = set(known_ids)
        self._table: dict[tuple[str, str], set[str]] = {}
        self._notes: dict[tuple[str, str], str] = {}
        for alias in aliases:
            key = (alias.source, alias.name)
            self._table.setdefault(key, set()).add(alias.model_id)
            self._notes[key] = alias.note

    def add(self, model_id: str) -> None:
        """A model created from a registry source becomes a known id."""
        self.known.add(model_id)

    def table_entry(self, source: str, name: str) -> set[str] | None:
        """What the mapping table says of a canonical name for ``source`` (None: nothing)."""
        for key in ((source, name), ("*", name)):
            if key in self._table:
                return self._table[key]
        return None

    def resolve(self, source: str, name: str) -> Resolution:
        """Map one source name (verbatim, with any prefix and effort suffix)."""
        form = canonical(name)
        entry = self.table_entry(source, form)
        if entry is not None:
            if len(entry) > 1:
                return Unmapped(form, "ambiguous", tuple(sorted(entry)))
            (model_id,) = entry
            if not model_id:
                key = (source, form) if (source, form) in self._notes else ("*", form)
                return Ignored(self._notes.get(key, ""))
            return Mapped(model_id, "table")
        if form in self.known:
            return Mapped(form, "id")
        loose = {_LOOSE.sub("", form)} | {i for i in self.known if _LOOSE.sub("", i) == form}
        near = sorted(i for i in self.known if i in loose or _LOOSE.sub("", i) in loose)
        if len(near) > 1:
            return Unmapped(form, "ambiguous", tuple(near))
        return Unmapped(form, "unmapped", tuple(near))


# ----- modes and efforts ------------------------------------------------------------------
THINKING_EFFORTS = ("low", "medium", "high", "xhigh", "max")
PLAIN_EFFORTS = ("none", "minimal")


def mode_of(effort: str, thinking_budget: str) -> tuple[str, str, str]:
    """``(mode, reasoning_effort, settings)`` for a stated effort or thinking budget: an
    effort of low or more, or any budget above 0, is extended thinking; a budget of 0 (thinking
    off), none or minimal reasoning is standard use; nothing stated is standard use (the
    vendor's default)."""
    effort = effort.strip().lower()
    if thinking_budget and thinking_budget.strip().upper().rstrip("K") in ("0", ""):
        return "standard", effort, "thinking off (budget 0)"
    if thinking_budget:
        return "extended_thinking", effort, f"thinking budget {thinking_budget}"
    if effort in THINKING_EFFORTS:
        return "extended_thinking", effort, ""
    if effort in PLAIN_EFFORTS:
        return "standard", effort, ""
    return "standard", "", ""
