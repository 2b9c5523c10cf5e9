"""The recommendation report as a use case: rank the profile, run the studies the report shows
(robustness, stakeholders, trade-offs) and hand them all to :mod:`advisor.report`, which only
lays them out."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np

from advisor.app import analysis, estimates, uncertainty
from advisor.app.ranking import (
    RankingSession,
    Recommendation,
    display_names,
    model_names,
    source_credits,
)
from advisor.app.workspace import catalogue_facts, data_date
from advisor.domain.criteria import TASK_COST_BENCHMARK, task_criterion
from advisor.domain.errors import AdvisorError
from advisor.domain.profile import Profile
from advisor.report import ReportInputs, ReportOptions, TradeoffChart, write_report

__all__ = ["ReportOptions", "export_report", "report_inputs"]

# The report's trade-off charts: the score against each of these criteria (latency only when
# some candidate has a figure for it).
CHARTS = (
    ("blended_usd_per_mtok", "Blended price, USD / M tokens"),
    ("latency_ttft_s", "Time to first token, s"),
    (task_criterion(TASK_COST_BENCHMARK, "cost_per_task"), "Aider polyglot cost per task, USD"),
)


def report_inputs(
    session: RankingSession,
    recommendation: Recommendation,
    options: ReportOptions,
    catalogue_meta: dict[str, str] | None = None,
) -> ReportInputs:
    """Everything the report shows for ``recommendation``, the studies included. A score that
    is not a finite number never reaches a sentence: the report is refused instead."""
    matrix, ranking = recommendation.matrix, recommendation.ranking
    broken = [c.candidate for c in ranking.candidates if not np.isfinite(c.score)]
    if broken:
        raise AdvisorError(
            f"The report was not written: the score of {broken[0]} is not a number, so no "
            "sentence about it would be true. Check the profile's workload and the figures "
            f"`advisor explain {broken[0]}` lists."
        )
    study = None
    if options.sensitivity_samples and len(ranking):
        study = analysis.sensitivity(
            recommendation, samples=options.sensitivity_samples, seed=0, data_gaps=False
        )
    charts = tuple(
        TradeoffChart(key, label, analysis.tradeoff(recommendation, key, analysis.SCORE))
        for key, label in CHARTS
        if key == CHARTS[0][0]
        or (key in matrix.criteria and not np.all(np.isnan(matrix.column(key))))
    )
    return ReportInputs(
        profile=recommendation.profile,
        matrix=matrix,
        ranking=ranking,
        model_names=model_names(session.frames),
        criterion_names=display_names(session.frames),
        catalogue_meta={
            "data_date": data_date(catalogue_facts(session.frames)),
            **dict(catalogue_meta or {}),
        },
        source_credits=source_credits(session.frames, with_licence=True),
        acceptability=study.acceptability if study else None,
        ties=uncertainty.tie_groups(recommendation) if len(ranking) else None,
        stability=study.stability if study else (),
        group=analysis.group_analysis(recommendation),
        tradeoffs=charts,
        vendor_styles=analysis.vendor_styles(session.frames),
        estimates={
            c.candidate: tuple(estimates.estimates_for(recommendation, matrix.row_of(c.candidate)))
            for c in ranking.best_offers()[: options.shortlist]
            if c.estimated
        },
        estimate_caveat=estimates.caveat(recommendation),
    )


def export_report(
    session: RankingSession,
    profile: Profile,
    path: str | Path,
    options: ReportOptions | None = None,
    catalogue_meta: dict[str, str] | None = None,
) -> Path:
    """Rank ``profile`` and write the recommendation report PDF to ``path`` (atomically)."""
    options = options or ReportOptions()
    if profile.policy.decision_date is None:  # lifecycle judged on the report's own date
        policy = dataclasses.replace(profile.policy, decision_date=options.date.isoformat())
        profile = dataclasses.replace(profile, policy=policy)
    recommendation = session.recommend(profile)
    inputs = report_inputs(session, recommendation, options, catalogue_meta)
    return write_report(inputs, Path(path), options)
