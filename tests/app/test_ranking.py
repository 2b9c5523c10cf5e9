"""Ranking sessions and what a ranking shows: one matrix per policy, workloads applied, the
figures behind each candidate, those set aside, old figures, names."""

from __future__ import annotations

import datetime as dt

import pytest

from advisor.app import ranking
from advisor.app.ranking import OldFigures, RankingSession, figures_for, old_flags, set_aside_for
from advisor.domain import Policy, Profile, ProfileError, Workload
from advisor.domain.stakeholders import Stakeholder
from advisor.domain.vocabulary import Condition

TINY = Profile("tiny", {"code": 0.5, "know": 0.3, "price": 0.2})


def test_one_matrix_per_policy_and_weights_only_re_rank(tiny_db, monkeypatch):
    session = RankingSession.from_db(tiny_db)
    builds = []
    original = ranking.build_decision_matrix
    monkeypatch.setattr(
        ranking, "build_decision_matrix", lambda f, p: builds.append(p) or original(f, p)
    )
    first = session.recommend(TINY)
    again = session.recommend(TINY.with_weights({"code": 1.0}))
    assert again.matrix is first.matrix and len(builds) <= 1
    peak = Profile("peak", TINY.weights, policy=Policy(conditions=tuple(Condition)))
    assert session.recommend(peak).matrix is not first.matrix


def test_a_workload_adds_its_criteria(tiny_db):
    session = RankingSession.from_db(tiny_db)
    load = Workload(
        requests_per_day=1000, input_tokens_per_request=1000, output_tokens_per_request=500
    )
    rec = session.recommend(Profile("w", {"monthly_cost": 1.0}, workload=load))
    costs = dict(zip(rec.matrix.labels(), rec.matrix.column("monthly_cost"), strict=True))
    assert costs["alpha@standard"] == pytest.approx((1000 * 1 + 500 * 3) / 1e6 * 1000 * 21)


def test_an_unknown_stakeholder_key_names_the_stakeholder(tiny_db):
    people = (Stakeholder("Finance", {"nonsense": 1.0}),)
    profile = Profile("p", {"code": 1.0}, stakeholders=people)
    with pytest.raises(ProfileError, match=r"stakeholders\.Finance\.weights\.nonsense"):
        RankingSession.from_db(tiny_db).recommend(profile)


def test_figures_and_what_was_set_aside(tiny_db):
    rec = ranking.recommend(TINY, tiny_db)
    row = rec.matrix.labels().index("beta@standard")
    figures = {f["criterion"]: f for f in figures_for(rec, row)}
    assert (
        figures["code"]["value"] == 70 and figures["code"]["source_url"] == "https://b.example/beta"
    )
    aside = set_aside_for(rec, row)
    assert [(a["benchmark"], a["condition"], a["score"]) for a in aside] == [
        ("code", "parallel_test_time_compute", 90.0)
    ]
    assert all(v is None or v == v for f in figures.values() for v in f.values())  # no NaN


def test_old_figures_by_the_age_limit(tiny_db):
    rec = ranking.recommend(TINY, tiny_db)
    row = rec.matrix.labels().index("alpha@standard")
    figures = figures_for(rec, row)
    assert all(old_flags(figures, 12, dt.date(2026, 12, 1)))
    assert not any(old_flags(figures, 12, dt.date(2025, 2, 1)))
    old = OldFigures()
    found = old.of(rec, 12, dt.date(2026, 12, 1))
    assert "code (2025-01-01)" in found["alpha@standard"]
    assert old.of(rec, 12, dt.date(2026, 12, 1)) == found  # found once per matrix and day
    assert old.of(rec, 120, dt.date(2026, 12, 1)) == {}


def test_names(tiny_db):
    session = RankingSession.from_db(tiny_db)
    assert ranking.display_names(session.frames) == {
        "code": "Code bench",
        "know": "Knowledge bench",
        "price": "Price",
    }
    assert ranking.model_names(session.frames)["beta"] == "Beta"
