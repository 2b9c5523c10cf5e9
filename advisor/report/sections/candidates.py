"""A page for each shortlisted candidate: why it ranks where it does, its contributions
against the weights, every figure counted with its source, and what was not counted."""

from __future__ import annotations

from reportlab.platypus import PageBreak

from advisor.domain.ranking import RankedCandidate
from advisor.report.charts import bar_chart
from advisor.report.layout import ReportContext, esc, num, table, text
from advisor.report.sections.summary import why

ALWAYS_LISTED = ("blended_usd_per_mtok", "context_window")


def candidate_pages(ctx: ReportContext) -> list:
    out = []
    for cand in ctx.inputs.ranking.top(ctx.options.shortlist):
        out += candidate_page(ctx, cand)
    return out


def candidate_page(ctx: ReportContext, cand: RankedCandidate) -> list:
    ranking, profile = ctx.inputs.ranking, ctx.inputs.profile
    row = ctx.row_of[cand.candidate]
    total = sum(profile.weights.values())
    items = [
        (ctx.crit(k), v, profile.weights.get(k, 0) / total) for k, v in cand.contributions.items()
    ]
    out = [
        PageBreak(),
        ctx.p(f"{cand.rank}. {esc(ctx.name(cand.candidate))}", "h1"),
        ctx.p(why(ctx, cand)),
        ctx.p("Contribution to the score against the weight", "h2"),
        bar_chart(items, ctx.width),
        ctx.p("Figures counted", "h2"),
        figures_table(ctx, row),
    ]
    if cand.missing:
        out.append(
            ctx.p(
                "Missing: "
                + ", ".join(esc(ctx.crit(c)) for c in cand.missing)
                + f" — filled by the “{esc(ranking.missing_rule)}” rule."
            )
        )
    aside = ctx.inputs.matrix.set_aside
    if aside is not None and not aside.empty:
        mine = aside[aside["row"] == row]
        if len(mine):
            listed = "; ".join(
                f"{esc(ctx.crit(a.benchmark))} {a.score:g} ({esc(a.condition)}) "
                f"{ctx.sources.cite(a.source_url, a.source_date)}"
                for a in mine.itertuples(index=False)
            )
            out.append(ctx.p(f"Published but not counted under this policy: {listed}.", "small"))
    return out


def figures_table(ctx: ReportContext, row: int):
    """Every weighted (or always listed) figure of one row with condition, source and date."""
    weighted = set(ctx.inputs.ranking.criteria)
    rows = [["Criterion", "Value", "Condition and context", "Source kind", "Date", "Source"]]
    figures = ctx.figures_of(row)
    for f in figures.itertuples(index=False) if figures is not None else ():
        if f.criterion not in weighted and f.criterion not in ALWAYS_LISTED:
            continue
        context = "; ".join(
            str(v)
            for v in (f.reasoning_effort, f.harness, f.task_subset, f.settings, f.flags, f.detail)
            if v and v == v
        )
        condition = (f.condition or "attribute") + (f" — {context}" if context else "")
        rows.append(
            [
                ctx.cell(esc(ctx.crit(f.criterion))),
                num(f.value),
                ctx.cell(esc(condition)),
                esc(text(f.source_kind)),
                ctx.cell(esc(text(f.source_date, "undated"))),
                ctx.sources.cite(f.source_url, f.source_date),
            ]
        )
    w = ctx.width
    return table(rows, [w * 0.22, w * 0.1, w * 0.36, w * 0.1, w * 0.14, w * 0.08], right=(1,))
