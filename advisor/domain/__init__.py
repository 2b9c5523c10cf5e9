"""Values shared by every layer: vocabulary, profiles, rankings. Standard library only."""

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
