"""The report's offers, lifecycle and due-diligence sections, read back from the PDF."""

from __future__ import annotations

import datetime as dt

import pytest

from advisor.app.ranking import RankingSession
from advisor.app.report import export_report
from advisor.catalogue import import_folder
from advisor.domain import Constraints, Profile
from advisor.report import ReportOptions
from tests.conftest import write_csv
from tests.engine.test_offers import ASSURANCES, LIFECYCLE, OFFER_ATTRIBUTES
from tests.report.test_report import text_of

DATE = dt.date(2026, 12, 1)


@pytest.fixture
def session(fresh_db, tiny_folder):
    write_csv(tiny_folder, "model_attributes.csv", OFFER_ATTRIBUTES)
    write_csv(tiny_folder, "lifecycle.csv", LIFECYCLE)
    write_csv(tiny_folder, "assurances.csv", ASSURANCES)
    import_folder(fresh_db, tiny_folder)
    return RankingSession.from_db(fresh_db)


def _report(session, tmp_path, **constraints):
    path = tmp_path / "offers.pdf"
    profile = Profile("Offers", {"code": 0.3, "price": 0.7}, Constraints(**constraints))
    export_report(session, profile, path, ReportOptions(date=DATE, shortlist=3))
    return text_of(path)[0]


def test_due_diligence_lists_each_finding_with_its_evidence_and_age(session, tmp_path):
    text = _report(session, tmp_path, retiring="flag")
    assert "Due diligence" in text
    assert "Data processing agreement (DPA)" in text and "https://a.example/dpa" in text
    # recorded 2024-01-10: more than 12 months before the decision date
    assert "2024-01-10 older than 12 months: re-check" in text
    assert "Unknown (no finding recorded):" in text and "SOC 2 Type II report" in text


def test_lifecycle_risk_and_the_models_other_offers(session, tmp_path):
    text = _report(session, tmp_path, retiring="flag")
    assert "Decision date: 2026-12-01" in text  # the report's date, as no decision date is set
    assert "Lifecycle risk (Vendor API): no deprecation or retirement is recorded" in text
    assert "Other offers of this model" in text
    assert "AWS Bedrock · eu" in text
    assert "deprecated from 2027-02-01 (litellm (BerriAI), https://litellm.example)" in text
    # A retired offer is excluded with its date whatever the profile's choice for retiring.
    assert "retired on 2026-06-15 (VendorC, https://c.example/deprecations)" in text


def test_the_ranking_lists_each_model_once_with_its_offer(session, tmp_path):
    text = _report(session, tmp_path, channels_include=("api", "bedrock"))
    assert "Offer" in text and "Vendor API (+1)" in text  # Bedrock eu; Bedrock us retires too soon
    assert "offered through OpenRouter, not a channel the profile lists" in text
