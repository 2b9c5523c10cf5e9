"""The appendices: the method (every formula used), caveats (who measured what, old and
undated figures, what was not counted) and the numbered sources."""

from __future__ import annotations

import datetime as dt

import numpy as np
from reportlab.platypus import PageBreak

from advisor.domain.wording import agreeing, counted
from advisor.engine.freshness import cutoff_key
from advisor.engine.matrix import date_key
from advisor.report.layout import ReportContext, esc, table

MEASURED = ("latency_ttft_s", "output_tokens_per_s", "rate_limit_rpm", "rate_limit_input_tpm")


def method(ctx: ReportContext) -> list:
    r = ctx.inputs.ranking
    lines = [
        "<b>Candidates.</b> Each model in each mode (standard, extended thinking) the policy "
        "allows. A result counts only if its condition describes that mode and the policy "
        "allows it; one figure per candidate and benchmark is chosen by condition, then source "
        "kind (independent first: internal, third party, vendor, then competitor), then most "
        "recent date. Other sources' figures are listed beside the one chosen.",
        "<b>Offers.</b> A candidate is a model in a mode bought through one offer: the vendor's "
        "own API, a cloud in a region (AWS Bedrock eu …), a gateway, or self-hosting (open "
        "weights). An offer exists where a price source lists it; its prices and context are "
        "its own (by the same source precedence; a context the offer does not state is the "
        "model's, said so), its benchmarks the model's. Published rate limits and measurements "
        "are the vendor API's. Offers retired by the decision date, or retiring within the "
        "support the profile requires, are excluded (or flagged, as the profile chooses); each "
        "model is reported through its best-ranked offer.",
        "<b>Weights.</b> A group weight W is spread over its members in proportion to their "
        "shares: w<sub>c</sub> = Σ<sub>k</sub> W<sub>k</sub> s<sub>kc</sub> / Σ s<sub>k</sub>; "
        "weights are then divided by their sum.",
        measurements_line(ctx),
        "<b>Constraints.</b> Applied first; an unknown value fails the constraint. "
        "Normalisation uses only the surviving candidates.",
        f"<b>Missing figures ({esc(r.missing_rule)}).</b> worst: the worst observed value; "
        "mean: the mean of observed values; exclude: the candidate is excluded; renormalise: "
        "the candidate's own weights are rescaled over the criteria it has; estimate: a "
        "benchmark gap is estimated from the model's other published benchmark scores, other "
        "gaps count as the worst value.",
    ]
    if r.normalization == "minmax":
        lines.append(
            "<b>Normalisation (min-max).</b> higher is better: n = (x − min) / (max − "
            "min); lower is better: n = (max − x) / (max − min); no spread: n = 1."
        )
    else:
        lines.append(
            "<b>Normalisation (vector).</b> higher is better: n = x / ‖x‖; lower is "
            "better: n = 1 − x / ‖x‖, with ‖x‖ = √(Σ x²)."
        )
    if r.method == "wsm":
        lines.append(
            "<b>Score (weighted sum).</b> S<sub>i</sub> = Σ<sub>c</sub> w<sub>c</sub> "
            "n<sub>ic</sub>; the contribution of criterion c is w<sub>c</sub> "
            "n<sub>ic</sub>, so contributions add up to the score."
        )
    else:
        lines.append(
            "<b>Score (TOPSIS).</b> v = w n; D⁺ and D⁻ are the Euclidean distances to "
            "the column maxima and minima of v; S = D⁻ / (D⁺ + D⁻). Listed "
            "contributions are w n and do not add up to the score."
        )
    lines.append(
        "<b>Uncertainty.</b> Each benchmark figure's standard error (± in the tables) is the "
        "source's own where it states one; else, for a percent score p over a benchmark of n "
        "items averaged over t stated trials, the binomial 100 √(p(1 − p) / (n t)), p held "
        "within [1/2n, 1 − 1/2n]; else unknown (±?). Prices and limits are exact. P(A outscores "
        "B) draws every figure from a normal distribution with its standard error (a model's "
        "offers share their draws), keeps each criterion's normalisation (and TOPSIS's ideal "
        "points) as ranked and scores "
        "with the profile's weights and method; a gap is real when P ≥ 95%. Figures of unknown "
        "error are held fixed."
    )
    if r.missing_rule == "estimate":
        lines.append(estimates_line())
    lines.append(
        "<b>Coverage</b> is the share of weight a candidate has figures for. "
        "<b>Ties</b> are broken by model id, then mode. The full derivation is in "
        "docs/scoring.md of Model Advisor."
    )
    return [PageBreak(), ctx.p("Method", "h1"), *[ctx.p(line) for line in lines]]


def estimates_line() -> str:
    """The model behind estimated figures, in formulas (docs/scoring.md, "Estimated
    figures")."""
    return (
        "<b>Estimated figures.</b> Each published benchmark score y is put on an unbounded "
        "scale t: logit(y/100) for percentages (y/100 held within [0.005, 0.995]), ln y for "
        "minutes, y otherwise; then standardised per benchmark j, z = (t − c<sub>j</sub>) / "
        "s<sub>j</sub> (mean and standard deviation of its published scores). A one-capability "
        "model z<sub>ij</sub> = a<sub>j</sub> + θ<sub>i</sub> λ<sub>j</sub> + ε, with θ ~ N(0, 1) "
        "and ε ~ N(0, σ<sub>j</sub>²), is fit to the published cells by alternating ridge "
        "regressions (benchmarks with at least 3 scores; models with at least one). A gap's "
        "estimate is ẑ = a<sub>j</sub> + m<sub>i</sub> λ<sub>j</sub>, its standard deviation "
        "k √(σ<sub>j</sub>² + λ<sub>j</sub>² C<sub>i</sub>) with m<sub>i</sub> and C<sub>i</sub> "
        "the posterior mean and variance of θ<sub>i</sub> and k ≥ 1 the benchmark's factor "
        "that made 80% intervals hold 80% of its figures hidden in a 5-fold cross-validation "
        "(shrunk towards the pooled factor). The 80% interval is c<sub>j</sub> + "
        "s<sub>j</sub> (ẑ ± 1.2816 sd) put back on the benchmark's unit; the ± shown is its "
        "half-width / 1.2816, and comparisons draw the estimate within it. Estimates never "
        "replace a published figure, never count as "
        "coverage, and meet a required figure only when the profile says so "
        "(policy.estimates_satisfy_requirements)."
    )


def measurements_line(ctx: ReportContext) -> str:
    """Which latency, speed and rate-limit figures the ranking used: the team's own or the
    published ones, and how many of the team's own were counted."""
    figures = ctx.figures
    own = 0
    if figures is not None and len(figures):
        mine = figures["criterion"].isin(MEASURED) & (figures["source_kind"] == "internal")
        own = int(mine.sum())
    if ctx.inputs.profile.policy.own_measurements:
        return (
            "<b>Your measurements.</b> Latency, output speed and rate limits measured by your "
            "team (source kind internal, e.g. by Model Advisor's live probe from your own "
            "workstation and account) count before published figures; "
            f"{counted(own, 'such figure', 'such figures')} {agreeing(own, 'was', 'were')} used, "
            "each listed with its date, region and sample count."
        )
    return (
        "<b>Your measurements.</b> Not used: this profile ranks on published latency, speed "
        "and rate-limit figures only (policy.own_measurements = false)."
    )


def caveats(ctx: ReportContext) -> list:
    figures = ctx.figures
    ranking = ctx.inputs.ranking
    out = [ctx.p("Caveats", "h1")]
    if ctx.inputs.estimate_caveat:
        out.append(ctx.p(esc(ctx.inputs.estimate_caveat)))
    if figures is not None and len(figures):
        counts = figures["source_kind"].fillna("unstated").value_counts()
        kinds = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in counts.items())
        out.append(
            ctx.p(
                f"Who measured the figures used: {kinds}. Vendor and competitor figures are "
                "self-reported under conditions the vendor chose; third-party and internal "
                "figures were measured independently."
            )
        )
        shortlisted_rows = {
            ctx.row_of[c.candidate] for c in ranking.best_offers()[: ctx.options.shortlist]
        }
        out += _old_figures(ctx, figures[figures["row"].isin(shortlisted_rows)])
    aside = ctx.inputs.matrix.set_aside
    if aside is not None and len(aside):
        by_condition = aside["condition"].value_counts()
        out.append(
            ctx.p(
                "Published figures not counted because of their condition: "
                + ", ".join(f"{n} {esc(c)}" for c, n in by_condition.items())
                + "."
            )
        )
    return out


def _old_figures(ctx: ReportContext, shortlisted) -> list:
    """The shortlisted candidates' figures older than the policy's age limit, and undated."""
    months = ctx.inputs.profile.policy.stale_after_months
    cutoff = cutoff_key(ctx.options.date, months)
    keys = date_key(shortlisted["source_date"])
    stale = shortlisted[(keys > 0) & (keys < cutoff)]
    undated = shortlisted[keys == 0]
    out = []
    if len(stale):
        since = dt.date(cutoff // 10000, cutoff // 100 % 100, cutoff % 100)
        out.append(
            ctx.p(
                f"<b>Figures older than {months} months</b> (before {since.isoformat()}) among "
                "the shortlisted candidates:"
            )
        )
        for row, group in stale.groupby("row"):
            total = int((shortlisted["row"] == row).sum())
            oldest = group["source_date"].iloc[int(np.argmin(date_key(group["source_date"])))]
            names = ", ".join(sorted({esc(ctx.crit(c)) for c in group["criterion"]}))
            out.append(
                ctx.p(
                    f"{esc(ctx.name(ctx.labels[row]))}: {len(group)} of {counted(total, 'figure')} "
                    f"(oldest {esc(oldest)}): {names}.",
                    "small",
                )
            )
    if len(undated):
        out.append(
            ctx.p(
                f"{counted(len(undated), 'figure')} of the shortlisted candidates "
                f"{agreeing(len(undated), 'has', 'have')} no source date.",
                "small",
            )
        )
    return out


def _dates_text(dates: list[str]) -> str:
    """The dates a source was cited with: all of a few, else the span and how many."""
    if len(dates) <= 3:
        return "; ".join(dates)
    dated = sorted(d for d in dates if d != "undated")
    span = f"{dated[0]} to {dated[-1]}" if dated else "undated"
    extra = " and undated" if "undated" in dates and dated else ""
    return f"{len(dates)} dates, {span}{extra}"


def sources(ctx: ReportContext) -> list:
    out = [
        PageBreak(),
        ctx.p("Sources", "h1"),
        ctx.p(
            "Every source behind a figure in this report; numbers in the tables refer to these "
            "entries. Figures collected by a public data source are credited to it as its "
            "licence asks.",
            "small",
        ),
    ]
    rows = [["#", "Source", "Date", "Credit"]]
    for number, url, dates in ctx.sources.entries():
        credit = "; ".join(ctx.sources.credits(url))
        rows.append(
            [
                f"[{number}]",
                ctx.cell(esc(url)),
                ctx.cell(esc(_dates_text(dates))),
                ctx.cell(esc(credit)),
            ]
        )
    w = ctx.width
    out.append(table(rows, [w * 0.07, w * 0.5, w * 0.18, w * 0.25]))
    return out
