"""The command line's JSON shapes (``--json``): plain data a script can read."""

from __future__ import annotations

import dataclasses
from typing import Any

from advisor.app.estimates import estimates_for
from advisor.app.offers import offer_facts
from advisor.app.ranking import Recommendation, figures_for, set_aside_for
from advisor.domain.profile import Profile
from advisor.domain.stakeholders import shares


def ranking_to_dict(recommendation: Recommendation, top: int | None = None) -> dict[str, Any]:
    """The ranking: policy, weights, every ranked candidate with its figures, the excluded."""
    ranking = recommendation.ranking
    profile = recommendation.profile
    ranked = ranking.top(top) if top else ranking.candidates
    row_of = {label: i for i, label in enumerate(recommendation.matrix.labels())}
    return {
        "profile": profile.name,
        "policy": {
            "method": profile.policy.method.value,
            "normalization": profile.policy.normalization.value,
            "conditions": [c.value for c in profile.policy.conditions],
            "missing": profile.policy.missing.value,
            "modes": [m.value for m in profile.policy.modes],
            "rate_limit_tier": profile.policy.rate_limit_tier,
            "decision_date": profile.policy.as_of().isoformat(),
            "budget_band": profile.policy.budget_band,
        },
        "criteria": dict(zip(ranking.criteria, (float(w) for w in ranking.weights), strict=True)),
        "ranking": [
            {
                "candidate": c.candidate,
                "model_id": c.model_id,
                "mode": c.mode,
                "effort_band": c.effort or None,
                **offer_facts(recommendation, row_of[c.candidate]),
                "best_offer": c.best_offer,
                "rank": c.rank,
                "score": c.score,
                "contributions": c.contributions,
                "criterion_contributions": c.criterion_contributions,
                "coverage": c.coverage,
                "pareto": c.pareto,
                "missing": list(c.missing),
                "estimated": estimates_for(recommendation, row_of[c.candidate]),
                "figures": figures_for(recommendation, row_of[c.candidate]),
                "not_counted": set_aside_for(recommendation, row_of[c.candidate]),
            }
            for c in ranked
        ],
        "excluded": [
            {
                "candidate": e.candidate,
                "model_id": e.model_id,
                "mode": e.mode,
                **offer_facts(recommendation, row_of[e.candidate]),
                "reasons": list(e.reasons),
                "constraints": list(e.constraints),
            }
            for e in ranking.excluded
        ],
        "notes": list(ranking.notes),
    }


def group_to_dict(analysis, profile: Profile) -> dict[str, Any]:
    """A stakeholder analysis: each one's weights and elicitation, tops, spreads, consensus."""
    return {
        "profile": profile.name,
        "aggregation": profile.aggregation.value,
        "top_k": analysis.top_k,
        "group_weights": shares(profile.weights),
        "stakeholders": [
            {
                "name": s.name,
                "weights": shares(s.weights),
                "elicitation": s.elicitation.summary if s.elicitation else "entered directly",
                "consistency_ratio": s.elicitation.consistency_ratio if s.elicitation else None,
                "top": list(analysis.top(s.name)),
            }
            for s in profile.stakeholders
        ],
        "group_top": [c.candidate for c in analysis.group.top(3)],
        "spread": [
            {"key": w.key, "spread": w.spread, "group": w.group, "shares": w.shares}
            for w in analysis.spreads
        ],
        "consensus": list(analysis.consensus),
    }


def changes_to_json(changes: list) -> list[dict[str, Any]]:
    """Catalogue differences (``catalogue diff --json``), keys as lists."""
    return [{**dataclasses.asdict(c), "key": list(c.key)} for c in changes]
