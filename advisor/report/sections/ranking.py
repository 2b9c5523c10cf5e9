"""The ranking table, the excluded candidates with their reasons, and the ranking's notes."""

from __future__ import annotations

from reportlab.platypus import PageBreak

from advisor.report.layout import ReportContext, esc, num, table


def ranking(ctx: ReportContext) -> list:
    ranked, matrix = ctx.inputs.ranking, ctx.inputs.matrix
    out = [PageBreak(), ctx.p("Ranking", "h1")]
    price = matrix.column("blended_usd_per_mtok")
    context = matrix.column("context_window")
    rows = [["#", "Candidate", "Score", "Coverage", "Pareto", "$/Mtok", "Context", "Src"]]
    for cand in ranked.candidates:
        r = ctx.row_of[cand.candidate]
        rows.append(
            [
                str(cand.rank),
                ctx.cell(esc(ctx.name(cand.candidate))),
                f"{cand.score:.3f}",
                f"{cand.coverage:.0%}",
                "yes" if cand.pareto else "",
                num(price[r]),
                num(context[r]),
                ctx.cite_attributes(r),
            ]
        )
    w = ctx.width
    widths = [w * 0.05, w * 0.38, w * 0.09, w * 0.1, w * 0.08, w * 0.09, w * 0.12, w * 0.09]
    out.append(table(rows, widths, right=(0, 2, 3, 5, 6)))
    out.append(
        ctx.p(
            "$/Mtok: blended list price, (3 × input + output) / 4, USD per million tokens. "
            "Pareto: no other candidate is at least as good on every weighted criterion and "
            "better on one.",
            "small",
        )
    )
    if ranked.excluded:
        out.append(ctx.p(f"Excluded candidates ({len(ranked.excluded)})", "h2"))
        rows = [["Candidate", "Reasons"]]
        for e in ranked.excluded:
            rows.append([ctx.cell(esc(ctx.name(e.candidate))), ctx.cell(esc("; ".join(e.reasons)))])
        out.append(table(rows, [w * 0.35, w * 0.65]))
    if ranked.notes:
        out.append(ctx.p("Notes: " + " ".join(esc(n) for n in ranked.notes), "small"))
    return out
