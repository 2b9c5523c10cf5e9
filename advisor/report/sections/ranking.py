"""The ranking table (the top of it, when the catalogue is large), the excluded candidates
grouped by their reasons, and the ranking's notes."""

from __future__ import annotations

from collections import Counter

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
    head = ["#", "Candidate", "Offer", "Score", "Coverage", "Pareto", "$/Mtok", "Context"]
    if workload:
        monthly = matrix.column("monthly_cost")
        per_1k = matrix.column("cost_per_1k_requests")
        headroom = matrix.column("rate_limit_headroom")
        head += ["$/month", "$/1k", "Headroom"]
    rows = [[*head, "Src"]]
    best = ranked.best_offers()
    shown = best[:TOP_ROWS]
    offers_of = Counter((c.model_id, c.mode) for c in ranked.candidates)
    badges = ctx.lifecycle.badges
    for place, cand in enumerate(shown, start=1):
        r = ctx.row_of[cand.candidate]
        more = offers_of[(cand.model_id, cand.mode)] - 1
        offer = esc(ctx.offer(r)) + (f" (+{more})" if more else "")
        if badges[r]:
            offer += f"<br/><font size='6'>{esc(str(badges[r]))}</font>"
        cells = [
            str(place),
            ctx.cell(esc(ctx.name(_model_label(cand)))),
            ctx.cell(offer),
            f"{cand.score:.3f}",
            f"{cand.coverage:.0%}" + _estimated_mark(cand),
            "yes" if cand.pareto else "",
            num(price[r]),
            num(context[r]),
        ]
        if workload:
            cells += [money(monthly[r], 0), money(per_1k[r], 2), times(headroom[r])]
        rows.append([*cells, ctx.cite_attributes(r)])
    w = ctx.width
    if workload:
        shares = [0.04, 0.18, 0.12, 0.06, 0.07, 0.06, 0.07, 0.09, 0.08, 0.08, 0.08, 0.07]
        right = (0, 3, 4, 6, 7, 8, 9, 10)
    else:
        shares = [0.05, 0.28, 0.16, 0.08, 0.09, 0.07, 0.08, 0.11, 0.08]
        right = (0, 3, 4, 6, 7)
    out.append(table(rows, [w * share for share in shares], right=right))
    more = len(best) - len(shown)
    out.append(
        ctx.p(
            (
                f"The {len(shown)} best of {len(best)} ranked models; the other {more} rank "
                "below them (`advisor rank --json` lists every one). "
                if more
                else ""
            )
            + f"Each model and mode is listed once, through its best-ranked offer of the "
            f"{counted(len(ranked.candidates), 'offer')} ranked (+N: its other ranked offers); "
            "a model's benchmarks are shared by its offers, prices and lifecycle are each "
            "offer's own. "
            + "$/Mtok: blended list price, (3 × input + output) / 4, USD per million tokens. "
            + (
                "$/month and $/1k (per 1,000 requests): the workload's cost at list prices, "
                "US dollars; Headroom: the binding rate limit over the workload's peak demand. "
                if workload
                else ""
            )
            + "Pareto: no other candidate is at least as good on every weighted criterion and "
            "better on one."
            + (
                " Coverage counts published figures only; “N est.” under it: N weighted "
                "benchmark gaps an estimate filled (missing-data rule “estimate”)."
                if ranked.missing_rule == "estimate"
                else ""
            ),
            "small",
        )
    )
    if ranked.excluded:
        listed_models = {(c.model_id, c.mode) for c in ranked.candidates}
        seen: set[tuple[str, str]] = set()
        excluded = []
        for e in ranked.excluded:  # each model with no ranked offer, through its first offer
            key = (e.model_id, e.mode)
            if key not in listed_models and key not in seen:
                seen.add(key)
                excluded.append(e)
        hidden = len(ranked.excluded) - sum(
            1 for e in ranked.excluded if (e.model_id, e.mode) in seen
        )
        out.append(ctx.p(f"Excluded models ({len(excluded)})", "h2"))
        out.append(
            ctx.p(
                "Models none of whose offers passes every hard constraint, with the reasons "
                "of the first (the vendor's own API where there is one)."
                + (
                    f" {counted(hidden, 'other offer')} of ranked models "
                    f"{'was' if hidden == 1 else 'were'} excluded too (another channel or "
                    "region; `advisor rank --every-offer` lists them)."
                    if hidden
                    else ""
                ),
                "small",
            )
        )
        by_reasons: dict[tuple[str, ...], list[str]] = {}
        for e in excluded:
            by_reasons.setdefault(tuple(e.reasons), []).append(ctx.name(e.candidate))
        # One paragraph per set of reasons (a paragraph, unlike a table cell, splits across
        # pages however many candidates share the reasons).
        for reasons, names in sorted(by_reasons.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            out.append(
                ctx.p(
                    f"<b>{esc('; '.join(reasons))}</b> — {counted(len(names), 'model')}:<br/>"
                    + esc(", ".join(names)),
                    "small",
                )
            )
    if ranked.notes:
        out.append(ctx.p("Notes: " + " ".join(esc(n) for n in ranked.notes), "small"))
    return out


def _estimated_mark(cand) -> str:
    """Under a ranked candidate's coverage: how many weighted gaps an estimate filled."""
    count = len(cand.estimated)
    return f"<br/><font size='6'>{count} est.</font>" if count else ""


def _model_label(cand) -> str:
    """The model and mode of a candidate, without its offer (the Offer column names it)."""
    return f"{cand.model_id}@{cand.mode}"
