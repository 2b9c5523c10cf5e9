"""The ranking table (the top of it, when the catalogue is large), the excluded candidates
grouped by their reasons, and the ranking's notes."""

from __future__ import annotations

from reportlab.platypus import PageBreak

from advisor.report.layout import ReportContext, esc, num, table

TOP_ROWS = 40  # ranked candidates listed in full; the rest are counted


def ranking(ctx: ReportContext) -> list:
    ranked, matrix = ctx.inputs.ranking, ctx.inputs.matrix
    out = [PageBreak(), ctx.p("Ranking", "h1")]
    price = matrix.column("blended_usd_per_mtok")
    context = matrix.column("context_window")
    rows = [["#", "Candidate", "Score", "Coverage", "Pareto", "$/Mtok", "Context", "Src"]]
    shown = ranked.candidates[:TOP_ROWS]
    for cand in shown:
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
            "Pareto: no other candidate is at least as good on every weighted criterion and "
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
                    f"<b>{esc('; '.join(reasons))}</b> — {len(names)} candidate(s):<br/>"
                    + esc(", ".join(names)),
                    "small",
                )
            )
    if ranked.notes:
        out.append(ctx.p("Notes: " + " ".join(esc(n) for n in ranked.notes), "small"))
    return out
