"""The command line's JSON shapes (``--json``): plain data a script can read."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterator
from typing import Any, BinaryIO

import orjson

from advisor.app.estimates import estimates_for
from advisor.app.offers import offer_facts
from advisor.app.ranking import Recommendation, figures_for, set_aside_for
from advisor.domain.profile import Profile
from advisor.domain.stakeholders import shares


def ranking_document(
    recommendation: Recommendation, top: int | None = None, extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The ranking as ``rank --json`` prints it: policy, weights, every ranked candidate with its
    figures, the excluded, the notes, then ``extra``. The candidates (and the excluded) are
    iterators, made one at a time as :func:`write_json` writes them."""
    ranking = recommendation.ranking
    profile = recommendation.profile
    ranked = iter(ranking.top(top)) if top else ranking.iter_candidates()
    row_of = {label: i for i, label in enumerate(recommendation.matrix.labels())}

    def entry(c) -> dict[str, Any]:
        row = row_of[c.candidate]
        return {
            "candidate": c.candidate,
            "model_id": c.model_id,
            "mode": c.mode,
            "effort_band": c.effort or None,
            **offer_facts(recommendation, row),
            "best_offer": c.best_offer,
            "rank": c.rank,
            "score": c.score,
            "contributions": c.contributions,
            "criterion_contributions": c.criterion_contributions,
            "coverage": c.coverage,
            "pareto": c.pareto,
            "missing": list(c.missing),
            "estimated": estimates_for(recommendation, row),
            "figures": figures_for(recommendation, row),
            "not_counted": set_aside_for(recommendation, row),
        }

    def excluded(e) -> dict[str, Any]:
        return {
            "candidate": e.candidate,
            "model_id": e.model_id,
            "mode": e.mode,
            **offer_facts(recommendation, row_of[e.candidate]),
            "reasons": list(e.reasons),
            "constraints": list(e.constraints),
        }

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
        "ranking": map(entry, ranked),
        "excluded": map(excluded, ranking.excluded),
        "notes": list(ranking.notes),
        **(extra or {}),
    }


# orjson: 20-30x the standard library's indented encoder (which is pure Python); the same
# JSON, but for the spelling of some floats (1e-05 is written 0.00001) and NaN written null.
_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY


def write_json(out: BinaryIO, document: object) -> None:
    """Write ``document`` to ``out`` as indented UTF-8 JSON and a newline. A top-level dict's
    values that are iterators are written as lists item by item, so a long list is never held
    whole, neither as objects nor as text."""
    if not isinstance(document, dict) or not any(
        isinstance(v, Iterator) for v in document.values()
    ):
        out.write(orjson.dumps(document, option=_OPTIONS) + b"\n")
        return
    out.write(b"{")
    for index, (key, value) in enumerate(document.items()):
        out.write(b"\n  " if index == 0 else b",\n  ")
        out.write(orjson.dumps(str(key)) + b": ")
        if not isinstance(value, Iterator):
            out.write(_indented(value, 1))
            continue
        written = 0
        for item in value:
            out.write(b"[\n    " if written == 0 else b",\n    ")
            out.write(_indented(item, 2))
            written += 1
        out.write(b"\n  ]" if written else b"[]")
    out.write(b"\n}\n")


def print_json(document: object) -> None:
    """:func:`write_json` to standard output (after any text already printed)."""
    sys.stdout.flush()
    out = getattr(sys.stdout, "buffer", None)
    write_json(out if out is not None else _TextOut(sys.stdout), document)
    (out or sys.stdout).flush()


class _TextOut:
    """Bytes to a text stream that has no binary buffer (a redirect to a StringIO)."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, data: bytes) -> None:
        self._stream.write(data.decode("utf-8"))


def _indented(value: object, level: int) -> bytes:
    """``value`` as indented JSON to sit ``level`` levels deep."""
    text = orjson.dumps(value, option=_OPTIONS)
    return text.replace(b"\n", b"\n" + b"  " * level)


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
