"""Robustness: rank acceptability under sampled weights and the weight stability intervals of
the recommended candidate, as the application layer computed them."""

from __future__ import annotations

import numpy as np

from advisor.report.charts import interval_chart
from advisor.report.layout import ReportContext, esc, table


def robustness(ctx: ReportContext) -> list:
    a = ctx.inputs.acceptability
    if a is None:
        return []
    order = np.argsort(a.expected_rank, kind="stable")[:8]
    out = [
        ctx.p("Robustness", "h1"),
        ctx.p(
            f"Rank acceptability: the share of {a.samples:,} weight vectors, drawn from a "
            "Dirichlet distribution centred on the stated weights (concentration 50, seed "
            f"{a.seed}), under which each candidate takes ranks 1 to 3. " + esc(_figure_noise(a))
        ),
    ]
    rows = [["Candidate", "Rank 1", "Rank 2", "Rank 3", "Expected rank"]]
    for i in order:
        probs = list(a.probabilities[i]) + [0.0] * (3 - a.probabilities.shape[1])
        rows.append(
            [
                ctx.cell(esc(ctx.name(a.labels[i]))),
                *(f"{p:.1%}" for p in probs[:3]),
                f"{a.expected_rank[i]:.2f}",
            ]
        )
    w = ctx.width
    out.append(table(rows, [w * 0.44, w * 0.13, w * 0.13, w * 0.13, w * 0.17], right=(1, 2, 3, 4)))
    return out + stability(ctx)


def _figure_noise(a) -> str:
    """Which uncertainty the acceptability reflects besides the weights'."""
    if a.figure_noise == "own":
        if not a.known_errors:
            return "No weighted benchmark figure states its uncertainty, so only the weights vary."
        held = f"; {a.unknown_errors:,} of unknown error are held fixed" if a.unknown_errors else ""
        return (
            "Each sample also draws every weighted benchmark figure within its own standard "
            f"error ({a.known_errors:,} figures{held}), so the shares reflect measurement noise "
            "and doubt about the weights together."
        )
    if a.figure_noise == "relative":
        return f"Each sample also perturbs every figure by up to ±{a.relative_error:.0%}."
    return "The figures are held fixed: only the weights vary."


def stability(ctx: ReportContext) -> list:
    intervals = ctx.inputs.stability
    if not intervals:
        return []
    top = ctx.inputs.ranking.candidates[0].candidate
    out = [
        ctx.p("Weight stability intervals", "h2"),
        ctx.p(
            "How far each weight can move, the others rescaled in proportion, before "
            f"{esc(ctx.name(top))} stops ranking first; the diamond marks the stated weight."
        ),
        interval_chart([(ctx.crit(s.key), s.low, s.high, s.weight) for s in intervals], ctx.width),
    ]
    rows = [["Weight", "Stated", "Top stays top for", "Takes over below", "Takes over above"]]
    for s in intervals:
        rows.append(
            [
                ctx.cell(esc(ctx.crit(s.key))),
                f"{s.weight:.1%}",
                f"{s.low:.1%} – {s.high:.1%}",
                ctx.cell(esc(ctx.name(s.below)) if s.below else "—"),
                ctx.cell(esc(ctx.name(s.above)) if s.above else "—"),
            ]
        )
    w = ctx.width
    out.append(table(rows, [w * 0.2, w * 0.1, w * 0.18, w * 0.26, w * 0.26], right=(1, 2)))
    return out
