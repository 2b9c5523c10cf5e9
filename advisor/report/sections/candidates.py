"""A page for each shortlisted candidate: why it ranks where it does, its contributions
against the weights, every figure counted with its source, and what was not counted."""

from __future__ import annotations

from reportlab.platypus import PageBreak

from advisor.domain.ranking import RankedCandidate
from advisor.domain.uncertainty_words import estimate_cell, interval_text, plus_minus
from advisor.report.charts import bar_chart
from advisor.report.layout import ReportContext, esc, num, table, text
from advisor.report.sections.summary import why

ALWAYS_LISTED = ("blended_usd_per_mtok", "context_window")


def candidate_pages(ctx: ReportContext) -> list:
    out = []
    for cand in ctx.inputs.ranking.best_offers()[: ctx.options.shortlist]:
        out += candidate_page(ctx, cand)
    return out


def candidate_page(ctx: ReportContext, cand: RankedCandidate) -> list:
    ranking, profile = ctx.inputs.ranking, ctx.inputs.profile
    row = ctx.row_of[cand.candidate]
    total = sum(profile.weights.values())
    items = [
        (ctx.crit(k), v, profile.weights.get(k, 0) / total) for k, v in cand.contributions.items()
    ]
    place = ranking.place_of(cand)
    out = [
        PageBreak(),
        ctx.p(f"{place}. {esc(ctx.name(cand.candidate))}", "h1"),
        ctx.p(why(ctx, cand)),
        ctx.p("Contribution to the score against the weight", "h2"),
        bar_chart(items, ctx.width),
        ctx.p("Figures counted", "h2"),
        figures_table(ctx, row),
    ]
    guessed = ctx.inputs.estimates.get(cand.candidate, ())
    if guessed:
        out += estimates_table(ctx, guessed)
    unfilled = [c for c in cand.missing if c not in cand.estimated]
    if unfilled:
        how = (
            "no estimate could be made, so each counts as the worst observed value"
            if ranking.missing_rule == "estimate"
            else f"filled by the “{esc(ranking.missing_rule)}” rule"
        )
        names = ", ".join(esc(ctx.crit(c)) for c in unfilled)
        out.append(ctx.p(f"Missing: {names} — {how}."))
    others = other_figures(ctx, row)
    if others:
        out.append(
            ctx.p(
                "Other sources' figures, kept side by side (the stated rule chose the ones "
                f"above): {others}.",
                "small",
            )
        )
    out += other_offers(ctx, cand)
    aside = ctx.inputs.matrix.set_aside
    if aside is not None and not aside.empty:
        mine = aside[aside["row"] == row]
        if len(mine):
            listed = "; ".join(
                f"{esc(ctx.crit(a.benchmark))} {a.score:g} ({esc(a.condition)}) {ctx.cite(a)}"
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
        spread = plus_minus(f.stderr, f.stderr_origin)
        rows.append(
            [
                ctx.cell(esc(ctx.crit(f.criterion))),
                f"{num(f.value)} {spread}".strip(),
                ctx.cell(esc(condition)),
                esc(text(f.source_kind)),
                ctx.cell(esc(text(f.source_date, "undated"))),
                ctx.cell(_cited(ctx, f)),
            ]
        )
    w = ctx.width
    return table(rows, [w * 0.19, w * 0.12, w * 0.26, w * 0.12, w * 0.12, w * 0.19], right=(1,))


def estimates_table(ctx: ReportContext, guessed: tuple[dict, ...]) -> list:
    """The estimates counted in a candidate's score, in a table of their own (never among
    the figures), with the caveat that states their validated error."""
    head = ["Criterion", "Estimate (no published figure)", "80% interval", "From published scores"]
    rows = [head]
    for e in guessed:
        rows.append(
            [
                ctx.cell(esc(ctx.crit(e["criterion"]))),
                esc(estimate_cell(e["value"], e["stderr"])),
                esc(interval_text(*e["interval_80"])),
                f"{e['based_on']} of the model's",
            ]
        )
    w = ctx.width
    return [
        ctx.p("Estimated, not published", "h2"),
        table(rows, [w * 0.3, w * 0.25, w * 0.17, w * 0.28], right=(1, 2, 3)),
        ctx.p(
            esc(ctx.inputs.estimate_caveat)
            + " Coverage counts published figures only; the method appendix gives the model "
            "and `advisor explain --json` its fitted parameters.",
            "small",
        ),
    ]


def _cited(ctx: ReportContext, figure) -> str:
    """The source number, then the source's own record key in small type."""
    record = figure.source_record if isinstance(figure.source_record, str) else ""
    ref = ctx.cite(figure)
    return f"{ref}<br/><font size='6'>{esc(record)}</font>" if record else ref


def other_figures(ctx: ReportContext, row: int) -> str:
    """The other sources' figures for the candidate's weighted criteria, cited."""
    others = ctx.inputs.matrix.alternatives
    if others is None or others.empty:
        return ""
    weighted = set(ctx.inputs.ranking.criteria) | set(ALWAYS_LISTED)
    mine = others[(others["row"] == row) & others["criterion"].isin(weighted)]
    listed = []
    for o in mine.itertuples(index=False):
        about = ", ".join(
            esc(str(v)) for v in (o.condition, o.reasoning_effort, o.source_kind) if v and v == v
        )
        date = esc(text(o.source_date, "undated"))
        name = esc(ctx.crit(o.criterion))
        listed.append(f"{name} {num(o.value)} ({about}, {date}) {ctx.cite(o)}")
    return "; ".join(listed)


def other_offers(ctx: ReportContext, cand: RankedCandidate) -> list:
    """The model's other offers in this mode: where else it can be bought, at what price,
    with its place or why it is excluded."""
    matrix, ranking = ctx.inputs.matrix, ctx.inputs.ranking
    keys = matrix.model_mode_keys()
    row = ctx.row_of[cand.candidate]
    same = [int(r) for r in (keys == keys[row]).nonzero()[0] if r != row]
    if not same:
        return []
    price = matrix.column("blended_usd_per_mtok")
    reasons = {e.candidate: e.reasons for e in ranking.excluded}
    rows = [["Offer", "$/Mtok", "Place or reason excluded", "Lifecycle"]]
    for other in same:
        label = ctx.labels[other]
        found = ranking.find(label)
        place = f"offer {found.rank}" if found else "; ".join(reasons.get(label, ()))
        rows.append(
            [
                ctx.cell(esc(ctx.offer(other))),
                num(price[other]),
                ctx.cell(esc(place)),
                ctx.cell(esc(str(ctx.lifecycle.texts[other]) or "none recorded")),
            ]
        )
    w = ctx.width
    return [
        ctx.p("Other offers of this model", "h2"),
        table(rows, [w * 0.22, w * 0.1, w * 0.43, w * 0.25], right=(1,)),
    ]
