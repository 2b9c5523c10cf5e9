"""The ranking table (the top of it, when the catalogue is large), the excluded candidates
grouped by their reasons, and the ranking's notes."""

from __future__ import annotations

from reportlab.platypus import PageBreak

from advisor.domain.wording import counted
from advisor.report.layout import ReportContext, esc, money, num, table, times

TOP_ROWS = 40  # ranked candidates listed in full; the rest are counted


def ranking(ctx: ReportContext) -> list:
    ranked, matrix = ctx.inputs.ranking, ctx.inputs.matrix
    out = [PageBreak(), ctx.p("Ranking", "h1")]
    price = matrix.column("blended_usd_per_mtok")
    context = matrix.column("context_window")
    workload = ctx.inputs.profile.workload is not None and "monthly_cost" in matrix.criteria
    head = ["#", "Candidate", "Score", "Coverage", "Pareto", "$/Mtok", "Context"]
    if workload:
        monthly = matrix.column("monthly_cost")
        per_1k = matrix.column("cost_per_1k_requests")
        headroom = matrix.column("rate_limit_headroom")
        head += ["$/month", "$/1k", "Headroom"]
    rows = [[*head, "Src"]]
    shown = ranked.candidates[:TOP_ROWS]
    for cand in shown:
        r = ctx.row_of[cand.candidate]
        cells = [
            str(cand.rank),
            ctx.cell(esc(ctx.name(cand.candidate))),
            f"{cand.score:.3f}",
            f"{cand.coverage:.0%}",
            "yes" if cand.pareto else "",
            num(price[r]),
            num(context[r]),
        ]
        if workload:
            cells += [money(monthly[r], 0), money(per_1k[r], 2), times(headroom[r])]
        rows.append([*cells, ctx.cite_attributes(r)])
    w = ctx.width
    if workload:
        shares = [0.04, 0.22, 0.07, 0.09, 0.07, 0.08, 0.1, 0.09, 0.08, 0.09, 0.07]
        right = (0, 2, 3, 5, 6, 7, 8, 9)
    else:
        shares = [0.05, 0.38, 0.09, 0.1, 0.08, 0.09, 0.12, 0.09]
        right = (0, 2, 3, 5, 6)
    out.append(table(rows, [w * share for share in shares], right=right))
    more = len(ranked.candidates) - len(shown)
    out.append(
        ctx.p(
            (
                f"The {len(shown)} best of {len(ranked.candidates)} ranked candidates; the "
                f"other {more} rank below them (`advisor rank --json` lists every one). "
                if more
                else ""
            )
            + "$/Mtok: blended list price, (3 × input + output) / 4, USD per million tokens. "
            + (
                "$/month and $/1k (per 1,000 requests): the workload's cost at list prices, "
                "US dollars; Headroom: the binding rate limit over the workload's peak demand. "
                if workload
                else ""
            )
            + "Pareto: no other candidate is at least as good on every weighted criterion and "
            "better on one.",
            "small",
        )
    )
    if ranked.excluded:
        out.append(ctx.p(f"Excluded candidates ({len(ranked.excluded)})", "h2"))
        by_reasons: dict[tuple[str, ...], list[str]] = {}
        for e in ranked.excluded:
            by_reasons.setdefault(tuple(e.reasons), []).append(ctx.name(e.candidate))
        # One paragraph per set of reasons (a paragraph, unlike a table cell, splits across
        # pages however many candidates share the reasons).
        for reasons, names in sorted(by_reasons.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            out.append(
                ctx.p(
                    f"<b>{esc('; '.join(reasons))}</b> — {counted(len(names), 'candidate')}:<br/>"
                    + esc(", ".join(names)),
                    "small",
                )
            )
    if ranked.notes:
        out.append(ctx.p("Notes: " + " ".join(esc(n) for n in ranked.notes), "small"))
    return out
