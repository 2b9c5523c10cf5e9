"""The report's stakeholders section, read back from the PDF."""

from __future__ import annotations

from advisor.app.ranking import RankingSession
from advisor.app.report import export_report
from advisor.domain import Profile
from advisor.domain.stakeholders import Elicitation, Stakeholder, group_weights
from advisor.domain.vocabulary import Aggregation, ElicitationMethod
from advisor.engine.stakeholders import analyse
from advisor.report import ReportOptions
from tests.report.test_report import DATE, text_of


def test_the_report_states_each_stakeholder_the_rule_the_group_and_the_consensus(tiny_db, tmp_path):
    session = RankingSession.from_db(tiny_db)
    judged = Elicitation(
        ElicitationMethod.AHP,
        ("code", "price"),
        judgements=(3.0,),
        consistency_ratio=0.0,
        date="2026-12-01",
    )
    people = (
        Stakeholder("Engineering", {"code": 0.75, "price": 0.25}, judged),
        Stakeholder("Finance", {"price": 0.8, "know": 0.2}),
    )
    profile = Profile(
        "Committee",
        group_weights(people, Aggregation.GEOMETRIC),
        stakeholders=people,
        aggregation=Aggregation.GEOMETRIC,
        consensus_top_k=2,
    )
    path = tmp_path / "committee.pdf"
    export_report(session, profile, path, ReportOptions(date=DATE))
    text, _ = text_of(path)
    assert "Stakeholders" in text and "Engineering" in text and "Finance" in text
    assert "the geometric mean of the stakeholders' normalised weights" in text
    assert "pairwise comparisons (AHP), consistency ratio 0.00, 2026-12-01" in text
    assert "Code bench : Price = 3" in text
    assert "Finance: entered directly" in text
    rec = session.recommend(profile)
    analysis = analyse(rec.matrix, profile, rec.ranking)
    assert "Acceptable to all (in every stakeholder's top 2)" in text
    assert analysis.consensus  # the tiny catalogue has a candidate both rank in their top 2
    ranks = rec.ranking.ranks()
    for label in analysis.consensus:
        model, mode = label.split("@")
        name = f"{model.capitalize()} ({mode.replace('_', ' ')})"
        assert f"{name} (group rank {ranks[label]})" in text
    assert "Where they disagree" in text
