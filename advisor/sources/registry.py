"""The sources Model Advisor knows: each one's connector module and, for the bundled
catalogue, where its snapshot lives under ``data/sources/``."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

from advisor.domain.errors import AdvisorError


@dataclass(frozen=True, slots=True)
class KnownSource:
    key: str  # as typed on the command line
    module: str  # the connector
    bundled: str  # the snapshot's path under data/sources/


SOURCES: tuple[KnownSource, ...] = (
    KnownSource("models.dev", "advisor.sources.models_dev", "models.dev"),
    KnownSource(
        "litellm", "advisor.sources.litellm", "litellm/model_prices_and_context_window.json"
    ),
    KnownSource("genai-prices", "advisor.sources.genai_prices", "genai-prices/data_v2.json"),
    KnownSource("epoch", "advisor.sources.epoch", "epoch/benchmark_data"),
    KnownSource("tau2-bench", "advisor.sources.tau2", "tau2-bench/submissions"),
    KnownSource("vectara", "advisor.sources.vectara", "vectara-hallucination/README.md"),
    KnownSource("aider", "advisor.sources.aider", "aider/polyglot_leaderboard.yml"),
)
BY_KEY = {s.key: s for s in SOURCES}


def known(key: str) -> KnownSource:
    """The source called ``key``; an AdvisorError naming the known ones."""
    try:
        return BY_KEY[key]
    except KeyError:
        names = ", ".join(s.key for s in SOURCES)
        raise AdvisorError(f"No source called {key!r}; sources: {names}.") from None


def connector(key: str) -> ModuleType:
    """The connector module of source ``key`` (``INFO`` and ``read(path)``)."""
    return importlib.import_module(known(key).module)
