"""Values shared by every layer: vocabulary, profiles, rankings. Standard library only.

The names below are imported from their modules when first asked for (PEP 562), so that
importing one small module (``advisor.domain.errors`` for the command line's error handling)
does not import profiles, rankings and the rest.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_WHERE = {
    "AdvisorError": "errors",
    "CatalogueError": "errors",
    "ImportProblem": "errors",
    "ImportRejected": "errors",
    "ProfileError": "errors",
    "Constraints": "profile",
    "Policy": "profile",
    "Profile": "profile",
    "Workload": "profile",
    "ExcludedCandidate": "ranking",
    "RankedCandidate": "ranking",
    "Ranking": "ranking",
    "RankingArrays": "ranking",
    "DEFAULT_CONDITIONS": "vocabulary",
    "MODE_CONDITIONS": "vocabulary",
    "Condition": "vocabulary",
    "Method": "vocabulary",
    "MissingRule": "vocabulary",
    "Mode": "vocabulary",
    "Normalization": "vocabulary",
    "SourceKind": "vocabulary",
}

__all__ = [
    "DEFAULT_CONDITIONS",
    "MODE_CONDITIONS",
    "AdvisorError",
    "CatalogueError",
    "Condition",
    "Constraints",
    "ExcludedCandidate",
    "ImportProblem",
    "ImportRejected",
    "Method",
    "MissingRule",
    "Mode",
    "Normalization",
    "Policy",
    "Profile",
    "ProfileError",
    "RankedCandidate",
    "Ranking",
    "RankingArrays",
    "SourceKind",
    "Workload",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'advisor.domain' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"advisor.domain.{module}"), name)
    globals()[name] = value  # asked once, then an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))


if TYPE_CHECKING:  # for type checkers and editors: the same names, imported eagerly
    from advisor.domain.errors import (
        AdvisorError,
        CatalogueError,
        ImportProblem,
        ImportRejected,
        ProfileError,
    )
    from advisor.domain.profile import Constraints, Policy, Profile, Workload
    from advisor.domain.ranking import ExcludedCandidate, RankedCandidate, Ranking, RankingArrays
    from advisor.domain.vocabulary import (
        DEFAULT_CONDITIONS,
        MODE_CONDITIONS,
        Condition,
        Method,
        MissingRule,
        Mode,
        Normalization,
        SourceKind,
    )
