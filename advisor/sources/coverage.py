"""How complete a rebuilt catalogue is against the sources it was built from: the figures the
bundle's targets are stated in (model and vendor counts, recent models the sources list,
results by source kind, the frontier models' independent and honesty figures, release dates).

Pure: computed from a :class:`~advisor.sources.bundle.Bundle`; benchmarks/bench_sources.py
prints them beside their floors.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from advisor.sources.bundle import Bundle
from advisor.sources.identity import Identities, Mapped, read_aliases
from advisor.sources.rows import vendor_name

# The vendors whose recent models the catalogue must carry, as the catalogue names them.
MAJOR_VENDORS = (
    "Anthropic",
    "OpenAI",
    "Google",
    "xAI",
    "DeepSeek",
    "Mistral AI",
    "Meta",
    "Alibaba (Qwen)",
    "Moonshot AI",
)
HONESTY = "honesty"


@dataclass
class Coverage:
    models: int
    vendors: int
    newest_release: str
    release_known: int
    results: int
    results_by_kind: Counter
    # Names a source lists with a release date since ``since``, of a major vendor, that map
    # to no model (each with the source and the date it gives).
    recent_missing: list[tuple[str, str, str]] = field(default_factory=list)
    recent_listed: int = 0
    # The frontier: the newest models of the major vendors, with their release date and their
    # counts of third-party figures and of honesty figures. (Every honesty figure a source has
    # is mapped to its model or listed in the mapping report.)
    frontier: list[tuple[str, str, int, int]] = field(default_factory=list)
    # The same for the newest models that have any benchmark figure at all.
    figured_frontier: list[tuple[str, str, int, int]] = field(default_factory=list)

    @property
    def third_party_share(self) -> float:
        return self.results_by_kind.get("third_party", 0) / self.results if self.results else 0.0

    @property
    def release_share(self) -> float:
        return self.release_known / self.models if self.models else 0.0


def coverage(
    bundle: Bundle,
    aliases_path,
    since: str = "2025-01-01",
    frontier_size: int = 20,
) -> Coverage:
    """The bundle's coverage figures (see the module docstring)."""
    models = bundle.tables["models"]
    results = bundle.tables["results"]
    vendor_of = {m["model_id"]: m["vendor"] for m in models}
    released = {m["model_id"]: str(m.get("release_date") or "") for m in models}
    out = Coverage(
        models=len(models),
        vendors=len({m["vendor"] for m in models}),
        newest_release=max((d for d in released.values() if d), default=""),
        release_known=sum(1 for d in released.values() if d),
        results=len(results),
        results_by_kind=Counter(str(r.get("source_kind") or "") for r in results),
    )
    identities = Identities(vendor_of, read_aliases(aliases_path))
    missing: dict[tuple[str, str], str] = {}
    listed: set[tuple[str, str]] = set()
    for reading in bundle.readings:
        source = reading.info.key
        records = [
            (r.name, str(r.attributes.get("release_date") or ""), r.vendor_hint)
            for r in reading.attributes
        ] + [(r.name, r.release_date, r.vendor_hint) for r in reading.results]
        for name, date, hint in records:
            if not date or date[:10] < since or vendor_name(hint) not in MAJOR_VENDORS:
                continue
            listed.add((source, name))
            found = identities.resolve(source, name)
            if isinstance(found, Mapped) or not hasattr(found, "canonical"):
                continue  # mapped, or set aside by the mapping table with its reason
            missing.setdefault((source, name), date[:10])
    out.recent_listed = len(listed)
    out.recent_missing = sorted((s, n, d) for (s, n), d in missing.items())
    major = [m for m in models if m["vendor"] in MAJOR_VENDORS and released[m["model_id"]]]
    newest = sorted(major, key=lambda m: (released[m["model_id"]], m["model_id"]), reverse=True)
    honesty = {r["criterion"] for r in bundle.tables["criterion_groups"] if r["group"] == HONESTY}
    third = Counter(r["model_id"] for r in results if r.get("source_kind") == "third_party")
    honest = Counter(r["model_id"] for r in results if r["benchmark"] in honesty)
    figured = {r["model_id"] for r in results}
    for m in newest[:frontier_size]:
        model_id = m["model_id"]
        out.frontier.append((model_id, released[model_id], third[model_id], honest[model_id]))
    for m in [m for m in newest if m["model_id"] in figured][:frontier_size]:
        model_id = m["model_id"]
        out.figured_frontier.append(
            (model_id, released[model_id], third[model_id], honest[model_id])
        )
    return out
