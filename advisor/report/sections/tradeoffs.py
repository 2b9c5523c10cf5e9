"""Trade-offs: the score against price (and against latency when measured), with the best
trade-offs named."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak

from advisor.report.charts import scatter_chart
from advisor.report.layout import ReportContext, esc


def tradeoffs(ctx: ReportContext) -> list:
    matrix = ctx.inputs.matrix
    out = [
        PageBreak(),
        ctx.p("Trade-offs", "h1"),
        ctx.p(
            "Each point is a ranked candidate; the dashed line joins the best trade-offs "
            "between the two axes (no other candidate is better on both)."
        ),
    ]
    for chart in ctx.inputs.tradeoffs:
        data = chart.data
        vendors = [str(matrix.vendors[r]) for r in data.rows]
        out.append(ctx.p(f"Score against {chart.label.split(',')[0].lower()}", "h2"))
        out.append(
            scatter_chart(
                data,
                vendors,
                chart.label,
                "Score",
                ctx.width,
                78 * mm,
                styles=ctx.inputs.vendor_styles or None,
            )
        )
        front = ", ".join(esc(ctx.name(ctx.labels[data.rows[i]])) for i in data.front)
        note = f"Best trade-offs: {front}." if front else ""
        if data.not_shown:
            note += f" {data.not_shown} ranked candidates without a figure are not shown."
        out.append(ctx.p(note, "small"))
    if not any(c.criterion == "latency_ttft_s" for c in ctx.inputs.tradeoffs):
        out.append(
            ctx.p(
                "No latency measurements are in the catalogue, so the score against latency "
                "chart is omitted.",
                "small",
            )
        )
    return out
