"""The due-diligence section: for each shortlisted offer, its lifecycle risk and the team's
assurance findings for its vendor and channel, with the evidence and its age (findings older
than 12 months flagged); an assurance with no finding is unknown, never assumed."""

from __future__ import annotations

from reportlab.platypus import PageBreak

from advisor.domain.offers import ASSURANCE_MAX_AGE_MONTHS, ASSURANCES, channel_label
from advisor.domain.ranking import RankedCandidate
from advisor.engine.due_diligence import findings
from advisor.report.layout import ReportContext, esc, table
from advisor.report.sections.summary import lifecycle_risk


def shortlist(ctx: ReportContext) -> tuple[RankedCandidate, ...]:
    """The shortlisted candidates: the best models, each through its best offer."""
    return ctx.inputs.ranking.best_offers()[: ctx.options.shortlist]


def due_diligence(ctx: ReportContext) -> list:
    chosen = shortlist(ctx)
    if not chosen:
        return []
    required = ctx.inputs.profile.constraints.required_assurances
    out = [
        PageBreak(),
        ctx.p("Due diligence", "h1"),
        ctx.p(
            "What the team recorded about each shortlisted offer's vendor and channel "
            "(Catalogue ▸ Due diligence), with its evidence and the date it was checked. "
            f"A finding recorded more than {ASSURANCE_MAX_AGE_MONTHS} months before "
            f"{ctx.inputs.profile.policy.as_of().isoformat()} is flagged for a fresh check. "
            "An assurance with no finding is unknown: the report never assumes one."
            + (
                " The profile requires: "
                + ", ".join(esc(ASSURANCES.get(k, k)) for k in required)
                + "; an offer without a positive finding for each is excluded."
                if required
                else ""
            )
        ),
    ]
    for cand in chosen:
        row = ctx.row_of[cand.candidate]
        matrix = ctx.inputs.matrix
        vendor = str(matrix.vendors[row])
        via = channel_label(matrix.channels[row])
        out.append(ctx.p(esc(ctx.name(cand.candidate)), "h2"))
        out.append(ctx.p(lifecycle_risk(ctx, row)))
        found = findings(matrix, row, ctx.inputs.profile.policy.as_of())
        if not found:
            out.append(
                ctx.p(
                    f"No findings recorded for {esc(vendor)} via {esc(via)}: every assurance "
                    "is unknown."
                )
            )
            continue
        rows = [["Assurance", "Finding", "Evidence", "Recorded", "By", "Covers"]]
        for f in found:
            recorded = esc(f.recorded_on) + (
                f"<br/><font color='#b9770e'>older than {ASSURANCE_MAX_AGE_MONTHS} months: "
                "re-check</font>"
                if f.old
                else ""
            )
            rows.append(
                [
                    ctx.cell(esc(f.label)),
                    ctx.cell(esc(f.value) + (f"<br/>{esc(f.detail)}" if f.detail else "")),
                    ctx.cell(esc(f.evidence)),
                    ctx.cell(recorded),
                    ctx.cell(esc(f.recorded_by)),
                    ctx.cell(esc(f.scope)),
                ]
            )
        unknown = [k for k in ASSURANCES if k not in {f.assurance for f in found}]
        w = ctx.width
        out.append(table(rows, [w * s for s in (0.2, 0.14, 0.28, 0.14, 0.1, 0.14)]))
        if unknown:
            out.append(
                ctx.p(
                    "Unknown (no finding recorded): "
                    + ", ".join(esc(ASSURANCES[k]) for k in unknown)
                    + ".",
                    "small",
                )
            )
    return out
