"""The studies, assembled once: what the faces and the report get equals what the engine
computes, and the plain-data form carries every figure."""

from __future__ import annotations

import numpy as np
import pytest

from advisor.app import analysis
from advisor.app.ranking import recommend
from advisor.domain import Profile
from advisor.domain.stakeholders import Stakeholder, group_weights
from advisor.domain.vocabulary import Aggregation
from advisor.engine.sensitivity import rank_acceptability, stability_intervals, what_if
from advisor.engine.tradeoff import tradeoff

TINY = Profile("tiny", {"code": 0.5, "know": 0.3, "price": 0.2})


def test_the_sensitivity_study_is_the_engines(tiny_db):
    rec = recommend(TINY, tiny_db)
    study = analysis.sensitivity(rec, samples=400, seed=3)
    oracle = rank_acceptability(rec.matrix, rec.ranking, samples=400, seed=3)
    assert np.array_equal(study.acceptability.probabilities, oracle.probabilities)
    assert study.stability == tuple(stability_intervals(rec.matrix, rec.ranking))
    assert study.samples == 400 and study.current_top == rec.ranking.candidates[0].candidate
    gaps = {c.candidate: c.missing for c in rec.ranking.candidates if c.missing}
    assert {g.candidate: g.missing for g in study.data_gaps} == gaps and gaps
    plain = study.as_dict()
    assert plain["samples"] == 400 and plain["seed"] == 3 and plain["concentration"] == 50.0
    expected = [a["expected_rank"] for a in plain["acceptability"]]
    assert expected == sorted(expected)
    assert sum(a["rank_probabilities"][0] for a in plain["acceptability"]) == pytest.approx(1)
    assert {s["key"] for s in plain["stability"]} == {"code", "know", "price"}
    assert {g["candidate"]: tuple(g["missing"]) for g in plain["data_gaps"]} == gaps
    assert analysis.sensitivity(rec, samples=50, data_gaps=False).data_gaps == ()


def test_a_study_stops_when_progress_says_so(tiny_db):
    rec = recommend(TINY, tiny_db)
    seen = []
    study = analysis.sensitivity(
        rec, samples=5000, progress=lambda share: seen.append(share) is not None
    )
    assert study.samples == 500 and seen == [0.1]


def test_group_analysis_only_with_stakeholders(tiny_db):
    assert analysis.group_analysis(recommend(TINY, tiny_db)) is None
    people = (Stakeholder("Eng", {"code": 1.0}), Stakeholder("Fin", {"price": 1.0}))
    profile = Profile("c", group_weights(people, Aggregation.ARITHMETIC), stakeholders=people)
    group = analysis.group_analysis(recommend(profile, tiny_db), top_k=2)
    assert group.top_k == 2 and set(group.rankings) == {"Eng", "Fin"}


def test_tradeoff_and_what_if_are_the_engines(tiny_db):
    rec = recommend(TINY, tiny_db)
    data = analysis.tradeoff(rec, "blended_usd_per_mtok", analysis.SCORE)
    oracle = tradeoff(rec.matrix, rec.ranking, "blended_usd_per_mtok", analysis.SCORE)
    assert np.array_equal(data.rows, oracle.rows) and np.array_equal(data.front, oracle.front)
    t, lines = analysis.what_if(rec, "code", top=2)
    t2, lines2 = what_if(rec.matrix, rec.ranking, "code", top=2)
    assert np.array_equal(t, t2) and list(lines) == list(lines2)


def test_a_cancelled_study_stops_before_the_data_gaps(tiny_db):
    rec = recommend(TINY, tiny_db)
    asked = []
    study = analysis.sensitivity(rec, samples=400, progress=lambda s: bool(asked.append(s)))
    assert study.data_gaps == () and study.stability == () and asked
    full = analysis.sensitivity(rec, samples=400)
    assert full.data_gaps  # the tiny catalogue has gaps: uncancelled, they are studied
