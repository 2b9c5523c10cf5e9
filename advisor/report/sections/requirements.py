"""Requirements: the weights (and how they were stated), hard constraints, the policy and the
workload assumptions."""

from __future__ import annotations

from reportlab.platypus import PageBreak, Spacer

from advisor.domain.constraints import CONSTRAINTS
from advisor.domain.stakeholders import AGGREGATION_TEXT
from advisor.domain.vocabulary import Condition
from advisor.domain.wording import counted
from advisor.report.charts import bar_chart
from advisor.report.layout import ReportContext, esc, table


def requirements(ctx: ReportContext) -> list:
    profile = ctx.inputs.profile
    out = [PageBreak(), ctx.p("Requirements", "h1"), *weights(ctx), *constraints(ctx)]
    out += policy(ctx) + workload(ctx)
    if profile.description:
        out.append(ctx.p(f"Profile description: {esc(profile.description)}", "small"))
    return out


def weights(ctx: ReportContext) -> list:
    profile = ctx.inputs.profile
    total = sum(profile.weights.values())
    out = [ctx.p("Weights", "h2")]
    if profile.stakeholders:
        out.append(
            ctx.p(
                f"These are the group's weights, formed from {len(profile.stakeholders)} "
                f"stakeholders' by {AGGREGATION_TEXT[profile.aggregation]}; the ranking in this "
                "report is the group's. Each stakeholder's weights follow in the Stakeholders "
                "section."
            )
        )
    elif profile.elicitation is not None:
        out.append(ctx.p(f"Elicited by {esc(profile.elicitation.summary)}."))
    rows = [["Criterion or group", "Weight", "Share"]]
    items = []
    for key, value in sorted(profile.weights.items(), key=lambda kv: -kv[1]):
        share = value / total
        rows.append([ctx.crit(key), f"{value:.4g}", f"{share:.0%}"])
        items.append((ctx.crit(key), share, 0.0))
    w = ctx.width
    out += [table(rows, [w * 0.5, w * 0.2, w * 0.2], right=(1, 2)), Spacer(1, 6)]
    out.append(bar_chart(items, w))
    groups = ctx.inputs.matrix.groups
    members = [
        f"{esc(ctx.crit(k))} = "
        + ", ".join(f"{esc(ctx.crit(c))} {share:g}" for c, share in groups[k].items())
        for k in profile.weights
        if k in groups and len(groups[k]) > 1
    ]
    if members:
        out.append(
            ctx.p(
                "Groups are blends of their members (shares within the group): "
                + "; ".join(members)
                + ".",
                "small",
            )
        )
    return out


def constraints(ctx: ReportContext) -> list:
    c = ctx.inputs.profile.constraints
    active = [
        info.describe(getattr(c, info.name))
        for info in CONSTRAINTS
        if hasattr(c, info.name) and getattr(c, info.name)
    ]
    return [
        ctx.p("Hard constraints", "h2"),
        ctx.p("<br/>".join(esc(a) for a in active) if active else "None."),
        ctx.p(
            "A candidate whose figure for a constrained criterion is unknown fails that "
            "constraint: a requirement that cannot be checked is not met.",
            "small",
        ),
    ]


def policy(ctx: ReportContext) -> list:
    ranking, policy = ctx.inputs.ranking, ctx.inputs.profile.policy
    counted = ", ".join(c.value for c in policy.conditions)
    excluded = [c.value for c in Condition if c not in policy.conditions]
    if Condition.PARALLEL not in policy.conditions:
        stance = (
            " Parallel test-time compute (many samples, the best picked by the vendor's own "
            "scorer) is excluded because customers usually cannot buy it; those figures are "
            "listed, not scored."
        )
    else:
        stance = (
            " Peak claims are compared: parallel test-time compute figures count, so scores "
            "overstate what a customer can buy."
        )
    return [
        ctx.p("Policy", "h2"),
        ctx.p(
            f"Conditions counted: {esc(counted)}."
            + (f" Not counted: {esc(', '.join(excluded))}." if excluded else "")
            + stance
        ),
        ctx.p(
            f"Method: {esc(ranking.method.upper())}; "
            f"normalisation: {esc(ranking.normalization)}; "
            f"missing figures: {esc(ranking.missing_rule)}; modes: "
            f"{esc(', '.join(m.value for m in policy.modes))}; rate-limit tier: "
            f"{policy.rate_limit_tier}."
        ),
        ctx.p(_lifecycle_policy(ctx)),
    ]


def _lifecycle_policy(ctx: ReportContext) -> str:
    profile = ctx.inputs.profile
    c = profile.constraints
    rule = "excluded" if c.retiring == "exclude" else "ranked and flagged"
    return (
        f"Decision date: {profile.policy.as_of().isoformat()}. An offer retired by then is "
        "never a candidate; one whose support ends (retirement or deprecation) within "
        f"{c.min_support_months} months of it is {rule}. The sooner of two sources' dates "
        "counts."
    )


def workload(ctx: ReportContext) -> list:
    profile = ctx.inputs.profile
    load = profile.workload
    if load is None:
        return []
    if load.peak_requests_per_min:
        peak = f"{counted(round(load.peak_requests_per_min), 'request')} per minute at peak"
    elif load.concurrency:
        peak = f"{counted(round(load.concurrency), 'request')} in flight at peak"
    else:  # never "0 requests in flight": the profile does not say
        peak = "peak demand not stated, so rate-limit headroom is not computed"
    tiers = ", ".join(f"{v} tier {t}" for v, t in sorted(load.tiers.items()))
    return [
        ctx.p("Workload assumptions", "h2"),
        ctx.p(
            f"{load.requests_per_day:,.0f} requests per day over "
            f"{load.working_days_per_month:g} working days a month; {peak}; "
            f"{load.input_tokens_per_request:,.0f} input tokens per request "
            f"({load.cached_input_share:.0%} from cache), "
            f"{load.output_tokens_per_request:,.0f} output tokens, reasoning tokens "
            f"{load.reasoning_tokens_standard:,.0f} (standard) and "
            f"{load.reasoning_tokens_extended_thinking:,.0f} (extended thinking). "
            f"Account tiers: {esc(tiers) or 'the policy tier for every vendor'}, "
            f"others at tier {profile.policy.rate_limit_tier}. Monthly cost, headroom and "
            "response time are derived from these; each candidate page shows the inputs of "
            "every derived figure."
        ),
    ]
