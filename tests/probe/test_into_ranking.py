"""Probe results become internal measurements and measured rate limits that the ranking uses
before published figures when the profile says so, and says so."""

from __future__ import annotations

from pathlib import Path

from advisor.app.probe import probe_rows, store_results
from advisor.app.ranking import RankingSession, figures_for, recommend
from advisor.app.report import export_report
from advisor.app.workspace import Workspace
from advisor.domain import Policy, Profile
from advisor.probe.endpoints import Endpoint, Wire
from advisor.probe.runner import Sample, Target, TargetResult


def _result(model_id: str, ttft: float, limits: dict) -> TargetResult:
    target = Target(model_id, "standard", Endpoint("vendor-b", Wire.OPENAI, "https://b.example"))
    samples = [
        Sample(0, ttft_s=ttft + d, total_s=ttft + d + 1.0, output_tokens=100, rate_limits=limits)
        for d in (0.0, 0.01, 0.02)
    ]
    samples.append(Sample(0, error="server_error", detail="HTTP 503"))
    return TargetResult(target, samples)


def _figures(rec, criterion):
    row = rec.matrix.labels().index("beta@standard")
    return [f for f in figures_for(rec, row) if f["criterion"] == criterion]


def test_measured_figures_count_first_and_can_be_switched_off(tiny_db):
    results = [_result("beta", 0.2, {"requests_limit": 7, "tokens_limit": 9000})]
    rows = probe_rows(results, "office-eu", today="2026-11-25")
    [ttft, speed] = rows["measurements.csv"]
    assert ttft["metric"] == "ttft_s" and ttft["value"] == 0.21 and ttft["sample_count"] == 3
    assert ttft["spread"] == 0.01 and ttft["source_kind"] == "internal"
    assert "4 attempts, 3 succeeded; errors: 1 server_error" in ttft["notes"]
    assert speed["metric"] == "output_tokens_per_s" and speed["value"] == 100.0
    assert store_results(Workspace(Path(":memory:"), tiny_db), results, "office-eu") == 3
    profile = Profile("p", {"latency_ttft_s": 1.0, "rate_limit_rpm": 1.0})
    rec = recommend(profile, tiny_db)
    [latency] = _figures(rec, "latency_ttft_s")
    assert latency["value"] == 0.21 and latency["source_kind"] == "internal"
    [rpm] = _figures(rec, "rate_limit_rpm")
    assert rpm["value"] == 7 and rpm["source_kind"] == "internal" and "measured" in rpm["detail"]
    published = Profile("p", profile.weights, policy=Policy(own_measurements=False))
    rec = recommend(published, tiny_db)
    # The tiny catalogue's latency figures are the team's own too: none is published.
    assert _figures(rec, "latency_ttft_s") == []
    assert [f["value"] for f in _figures(rec, "rate_limit_rpm")] == [1000]


def test_the_report_says_which_measurements_were_used(tiny_db, tmp_path):
    from pypdf import PdfReader

    store_results(
        Workspace(Path(":memory:"), tiny_db),
        [_result("beta", 0.2, {"requests_limit": 7})],
        "office-eu",
    )
    session = RankingSession.from_db(tiny_db)
    weights = {"latency_ttft_s": 1.0, "rate_limit_rpm": 1.0, "code": 1.0}
    texts = []
    for own in (True, False):
        profile = Profile("p", weights, policy=Policy(own_measurements=own))
        path = export_report(session, profile, tmp_path / f"r{own}.pdf")
        texts.append(" ".join(p.extract_text() for p in PdfReader(path).pages).replace("\n", " "))
    assert "count before published figures" in texts[0] and "such figures were used" in texts[0]
    assert "ranks on published latency" in texts[1]
