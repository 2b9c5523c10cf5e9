"""The report as a use case: the application layer runs every study the report shows and hands
it over typed; the report only lays it out (read back from the PDF)."""

from __future__ import annotations

import datetime as dt

import numpy as np
from pypdf import PdfReader

from advisor.app import analysis
from advisor.app.ranking import RankingSession
from advisor.app.report import ReportOptions, export_report, report_inputs
from advisor.domain import Profile
from advisor.domain.stakeholders import Stakeholder, group_weights
from advisor.domain.vocabulary import Aggregation

TINY = Profile("tiny", {"code": 0.5, "know": 0.3, "price": 0.2})
DATE = dt.date(2026, 11, 25)


def test_the_inputs_carry_every_study(tiny_db):
    session = RankingSession.from_db(tiny_db)
    rec = session.recommend(TINY)
    inputs = report_inputs(session, rec, ReportOptions(date=DATE, sensitivity_samples=300))
    study = analysis.sensitivity(rec, samples=300, data_gaps=False)
    assert np.array_equal(inputs.acceptability.probabilities, study.acceptability.probabilities)
    assert inputs.stability == study.stability
    assert inputs.group is None  # no stakeholders
    assert [c.criterion for c in inputs.tradeoffs] == ["blended_usd_per_mtok", "latency_ttft_s"]
    assert inputs.model_names["alpha"] == "Alpha" and inputs.criterion_names["code"] == "Code bench"
    none = report_inputs(session, rec, ReportOptions(date=DATE, sensitivity_samples=0))
    assert none.acceptability is None and none.stability == ()


def test_the_latency_chart_needs_a_latency_figure(fresh_db, tiny_folder):
    from advisor.catalogue import import_folder

    import_folder(fresh_db, tiny_folder)
    fresh_db.execute("DELETE FROM measurements")
    fresh_db.conn.commit()
    session = RankingSession.from_db(fresh_db)
    inputs = report_inputs(session, session.recommend(TINY), ReportOptions(sensitivity_samples=0))
    assert [c.criterion for c in inputs.tradeoffs] == ["blended_usd_per_mtok"]


def test_stakeholders_reach_the_report(tiny_db, tmp_path):
    people = (Stakeholder("Eng", {"code": 1.0}), Stakeholder("Fin", {"price": 1.0}))
    profile = Profile(
        "Committee", group_weights(people, Aggregation.ARITHMETIC), stakeholders=people
    )
    session = RankingSession.from_db(tiny_db)
    inputs = report_inputs(session, session.recommend(profile), ReportOptions(date=DATE))
    assert set(inputs.group.rankings) == {"Eng", "Fin"}
    path = export_report(session, profile, tmp_path / "c.pdf", ReportOptions(date=DATE))
    text = " ".join(p.extract_text() for p in PdfReader(path).pages)
    assert "Stakeholders" in text and "Eng" in text and "Fin" in text
