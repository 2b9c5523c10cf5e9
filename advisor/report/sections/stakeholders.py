"""Stakeholders: each one's weights and how they were stated, the group rule, each one's top
three, where they disagree and the candidates acceptable to all."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak

from advisor.domain.stakeholders import AGGREGATION_TEXT, Elicitation, shares
from advisor.report.layout import ReportContext, esc, ratio, table


def stakeholders(ctx: ReportContext) -> list:
    profile, analysis = ctx.inputs.profile, ctx.inputs.group
    if not profile.stakeholders or analysis is None:
        return []
    people = profile.stakeholders
    out = [PageBreak(), ctx.p("Stakeholders", "h1")]
    out.append(
        ctx.p(
            f"{len(people)} stakeholders stated their own weights. The group's weights are "
            f"{AGGREGATION_TEXT[profile.aggregation]}; shares below are of each stakeholder's "
            "own total."
        )
    )
    group = shares(profile.weights)
    keys = sorted({w.key for w in analysis.spreads}, key=lambda k: -group.get(k, 0))
    each = {p.name: shares(p.weights) for p in people}
    rows = [["Criterion or group", *[esc(p.name) for p in people], "Group"]]
    for key in keys:
        rows.append(
            [esc(ctx.crit(key))]
            + [f"{each[p.name].get(key, 0.0):.0%}" for p in people]
            + [f"{group.get(key, 0.0):.0%}"]
        )
    first = ctx.width * 0.3
    rest = (ctx.width - first) / (len(people) + 1)
    cells = [[ctx.cell(str(c)) for c in row] for row in rows]
    out.append(table(cells, [first] + [rest] * (len(people) + 1)))
    out += [CondPageBreak(40 * mm), ctx.p("How each set of weights was stated", "h2")]
    for person in people:
        e = person.elicitation
        line = f"<b>{esc(person.name)}</b>: {esc(e.summary if e else 'entered directly')}"
        if e is not None and e.consistency_ratio is not None and e.consistency_ratio > 0.1:
            line += " (above Saaty's 0.10: the judgements should be revisited)"
        out.append(ctx.p(line + "."))
        if e is not None:
            out.append(ctx.p(esc(answers(ctx, e)), "small"))
    out += [CondPageBreak(50 * mm), ctx.p("Top three", "h2")]
    rows = [["Weights of", "1", "2", "3"]]
    tops = [("Group", [c.candidate for c in analysis.group.top(3)])]
    tops += [(p.name, list(analysis.top(p.name))) for p in people]
    for who, labels in tops:
        rows.append(
            [ctx.cell(esc(who))]
            + [ctx.cell(esc(ctx.name(label))) for label in labels]
            + [""] * (3 - len(labels))
        )
    w = ctx.width
    out.append(table(rows, [w * 0.19, w * 0.27, w * 0.27, w * 0.27]))
    widest = analysis.widest()
    out += [CondPageBreak(30 * mm), ctx.p("Where they disagree", "h2")]
    if not widest:
        out.append(ctx.p("Every stakeholder weights every criterion alike."))
    for spread in widest:
        text = spread.describe(f"<b>{esc(ctx.crit(spread.key))}</b>", esc)
        out.append(ctx.p(f"{text[:-1]}; group {spread.group:.0%})."))
    out.append(ctx.p(f"Acceptable to all (in every stakeholder's top {analysis.top_k})", "h2"))
    if analysis.consensus:
        ranks = analysis.group.ranks()
        listed = "; ".join(
            f"{esc(ctx.name(c))} (group rank {ranks[c]})" for c in analysis.consensus
        )
        out.append(ctx.p(listed + "."))
    else:
        out.append(
            ctx.p(
                f"No candidate is in every stakeholder's top {analysis.top_k}; the group's "
                "choice is a compromise no stakeholder ranks highly. Revisit the weights "
                "where they disagree most, or widen k."
            )
        )
    return out


def answers(ctx: ReportContext, elicitation: Elicitation) -> str:
    """The answers behind elicited weights, so a reader can recompute them."""
    names = [ctx.crit(k) for k in elicitation.keys]
    if elicitation.method.value == "ahp":
        pairs = [(a, b) for i, a in enumerate(names) for b in names[i + 1 :]]
        return "Judgements (how many times as important): " + "; ".join(
            f"{a} : {b} = {ratio(v)}"
            for (a, b), v in zip(pairs, elicitation.judgements, strict=True)
        )
    return "Swings rated out of 100: " + "; ".join(
        f"{n} {r:g}" for n, r in zip(names, elicitation.ratings, strict=True)
    )
