"""Rank for each stakeholder and for the group, and show where they disagree (scoring.md §11)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from advisor.domain.profile import Profile
from advisor.domain.ranking import Ranking
from advisor.domain.stakeholders import shares
from advisor.engine.matrix import DecisionMatrix
from advisor.engine.rank import rank

TOP_SHOWN = 3


@dataclass(frozen=True)
class WeightSpread:
    """One weight key's share of each stakeholder's total, and the widest gap between them."""

    key: str
    shares: dict[str, float]  # stakeholder name -> share of their weights (0..1)
    group: float  # the group's share

    @property
    def spread(self) -> float:
        return max(self.shares.values()) - min(self.shares.values())

    def describe(self, label: str, escape: Callable[[str], str] = str) -> str:
        """Say "Price: 56% apart (Finance 56%, Engineering 0%)", with ``label`` for the key and
        the stakeholders' names passed through ``escape`` (for markup)."""
        high = max(self.shares, key=self.shares.get)
        low = min(self.shares, key=self.shares.get)
        return (
            f"{label}: {self.spread:.0%} apart ({escape(high)} {self.shares[high]:.0%}, "
            f"{escape(low)} {self.shares[low]:.0%})"
        )


@dataclass(frozen=True)
class GroupAnalysis:
    """The group's ranking, each stakeholder's, and where they agree and disagree."""

    group: Ranking
    rankings: dict[str, Ranking]  # stakeholder name -> their ranking
    top_k: int
    spreads: tuple[WeightSpread, ...]  # widest first
    consensus: tuple[str, ...]  # in every stakeholder's top k, in the group's order

    def widest(self, n: int = TOP_SHOWN) -> tuple[WeightSpread, ...]:
        """The ``n`` keys the stakeholders weight most differently (only those that differ)."""
        return tuple(s for s in self.spreads if s.spread > 0)[:n]

    def top(self, name: str, n: int = TOP_SHOWN) -> tuple[str, ...]:
        """The first ``n`` candidates of stakeholder ``name``."""
        return tuple(c.candidate for c in self.rankings[name].top(n))


def analyse(
    matrix: DecisionMatrix,
    profile: Profile,
    group: Ranking | None = None,
    top_k: int | None = None,
) -> GroupAnalysis:
    """Rank ``profile`` once per stakeholder (their weights, everything else shared).

    The consensus set is the intersection of every stakeholder's top ``top_k`` (default the
    profile's ``consensus_top_k``); weight spread is, per key, the largest share minus the
    smallest across stakeholders (a key a stakeholder leaves out counts as 0).
    """
    k = top_k or profile.consensus_top_k
    group = group if group is not None else rank(matrix, profile)
    rankings = {s.name: rank(matrix, profile.for_stakeholder(s.name)) for s in profile.stakeholders}
    each = {s.name: shares(s.weights) for s in profile.stakeholders}
    group_shares = shares(profile.weights)
    keys = list(group_shares) + [
        key for s in profile.stakeholders for key in s.weights if key not in group_shares
    ]
    spreads = [
        WeightSpread(
            key, {name: w.get(key, 0.0) for name, w in each.items()}, group_shares.get(key, 0.0)
        )
        for key in dict.fromkeys(keys)
    ]
    spreads.sort(key=lambda s: -s.spread)
    consensus: tuple[str, ...] = ()
    if rankings:
        tops = [{c.candidate for c in r.top(k)} for r in rankings.values()]
        common = set.intersection(*tops)
        order = group.ranks()
        consensus = tuple(sorted(common, key=lambda c: (order.get(c, len(order) + 1), c)))
    return GroupAnalysis(group, rankings, k, tuple(spreads), consensus)
