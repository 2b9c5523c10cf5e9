"""The cover and the executive summary: the recommendation, its margin, and why each of the
top three ranks where it does."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from advisor import __version__
from advisor.domain.constraints import BOUNDS, constraint_label
from advisor.domain.ranking import RankedCandidate
from advisor.domain.uncertainty_words import verdict_text
from advisor.domain.wording import agreeing, counted
from advisor.report.layout import ReportContext, esc, num


def cover(ctx: ReportContext) -> list:
    o, meta = ctx.options, ctx.inputs.catalogue_meta
    lines = [
        Spacer(1, 50 * mm),
        ctx.p(esc(o.title), "title"),
        ctx.p(f"Profile: <b>{esc(ctx.inputs.profile.name)}</b>", "center"),
    ]
    for label, value in (("Organisation", o.organisation), ("Prepared by", o.author)):
        if value:
            lines.append(ctx.p(f"{label}: {esc(value)}", "center"))
    snapshot = (
        f"; ranked against snapshot “{esc(meta['snapshot'])}” taken "
        f"{esc(meta.get('snapshot_taken', 'unknown'))}"
        if meta.get("snapshot")
        else ""
    )
    lines += [
        ctx.p(f"Date: {o.date.isoformat()}", "center"),
        ctx.p(
            f"Catalogue: figures up to {esc(meta.get('data_date') or 'an unknown date')} "
            f"(this copy created {esc(meta.get('created_at', 'unknown'))[:10]} from "
            f"{esc(Path(meta.get('bundled_from', '')).name or 'the bundled data')}){snapshot}",
            "center",
        ),
        ctx.p(f"Prepared with Model Advisor {esc(__version__)}", "center"),
        Spacer(1, 20 * mm),
        ctx.p(
            "Every figure in this report carries its condition, source and date; numbers in "
            "square brackets refer to the sources appendix. The scoring method is stated in "
            "the method appendix so that any score can be recomputed by hand.",
            "center",
        ),
        PageBreak(),
    ]
    return lines


def executive_summary(ctx: ReportContext) -> list:
    ranking = ctx.inputs.ranking
    out = [ctx.p("Executive summary", "h1")]
    top = ranking.best_offers()[:3]
    if not top:
        main = ranking.main_exclusion()
        # the label people read, and the key the profile file uses
        worst = f"{constraint_label(main[0])} ({main[0]})" if main else "none"
        out.append(
            ctx.p(
                "No candidate passes every hard constraint. The constraint that excluded the "
                f"most candidates is <b>{esc(worst)}</b>; relax it to obtain a recommendation."
            )
        )
        return out
    lead = top[0]
    out.append(
        ctx.p(
            f"Recommended: <b>{esc(ctx.name(lead.candidate))}</b>, score {lead.score:.3f} of 1 "
            f"under {esc(ranking.method.upper())} with {esc(ranking.normalization)} "
            f"normalisation, bought through {esc(ctx.offer(ctx.row_of[lead.candidate]))}. "
            f"{counted(len(ranking.best_offer_rows), 'model')} "
            f"{agreeing(len(ranking.best_offer_rows), 'was', 'were')} ranked through "
            f"{counted(len(ranking), 'offer')}, and {counted(len(ranking.excluded), 'offer')} "
            "excluded by hard constraints; each model is compared through its best offer. "
            f"Lifecycle dates are judged on {ctx.inputs.profile.policy.as_of().isoformat()}."
        )
    )
    if len(top) > 1:
        gap = lead.score - top[1].score
        relative = gap / lead.score if lead.score else 0
        strength = "narrow" if relative < 0.03 else "clear" if relative < 0.1 else "wide"
        out.append(
            ctx.p(
                f"Robustness: the lead over the runner-up is {gap:.3f} points ({relative:.1%} "
                f"of the winning score), a {strength} margin." + _rank1_sentence(ctx, lead)
            )
        )
    ties = ctx.inputs.ties
    if ties is not None and len(ties.labels) > 1:
        out.append(
            ctx.p(
                "<b>Is the lead real?</b> " + esc(verdict_text(ties, ctx.name)) + _noise_note(ties)
            )
        )
    for position, cand in enumerate(top):
        role = "Recommendation" if position == 0 else f"Runner-up {position}"
        out.append(ctx.p(f"{role}: {esc(ctx.name(cand.candidate))}", "h2"))
        out.append(ctx.p(why(ctx, cand)))
    return out


def _noise_note(ties) -> str:
    """How the distinguishability was tested, and what it could not test."""
    known, unknown = ties.noise.known, ties.noise.unknown
    note = (
        f" (Every benchmark figure drawn within its standard error — the source's own, or "
        f"binomial from the benchmark's item count — {ties.samples:,} times, seed {ties.seed}, "
        f"with the profile's weights and method; {counted(known, 'weighted figure')} of the "
        f"ranked candidates carry one"
    )
    if unknown:
        note += f", {unknown:,} of unknown error are held fixed, so the odds overstate certainty"
    return esc(note) + ".)"


def _rank1_sentence(ctx: ReportContext, lead: RankedCandidate) -> str:
    a = ctx.inputs.acceptability
    if a is None:
        return ""
    offer, model = a.rank1(lead.candidate), a.model_rank1(lead.candidate)
    through = f" ({model:.0%} through any of the model's offers)" if model - offer >= 0.005 else ""
    return (
        f" Under {a.samples:,} weight vectors sampled around the stated weights it ranks "
        f"first in {offer:.0%} of cases{through} (rank-1 probability; see Robustness)."
    )


def why(ctx: ReportContext, cand: RankedCandidate) -> str:
    """Why a candidate ranks where it does: score, strongest contributions, weaknesses,
    missing figures and the constraints it barely passes."""
    ranking = ctx.inputs.ranking
    weights = dict(zip(ranking.criteria, ranking.weights, strict=True))
    contributions = sorted(cand.contributions.items(), key=lambda kv: -kv[1])
    strong = ", ".join(f"{esc(ctx.crit(k))} ({v:.3f})" for k, v in contributions[:2] if v > 0)
    place = ranking.place_of(cand)
    parts = [
        f"Rank {place} of the models (offer {cand.rank}), score {cand.score:.3f}, data "
        f"coverage {cand.coverage:.0%}" + (", Pareto-optimal." if cand.pareto else ".")
    ]
    if strong:
        parts.append(f"Largest contributions: {strong}.")
    weak = [
        c
        for c, v in cand.criterion_contributions.items()
        if weights.get(c, 0) > 0 and v / weights[c] < 0.25 and c not in cand.missing
    ]
    if weak:
        parts.append(
            "Notable weaknesses (under a quarter of the possible credit): "
            + ", ".join(esc(ctx.crit(c)) for c in weak[:4])
            + "."
        )
    if cand.missing:
        parts.append(
            f"No published figure for {len(cand.missing)} weighted criteria ("
            + ", ".join(esc(ctx.crit(c)) for c in cand.missing[:5])
            + ("…" if len(cand.missing) > 5 else "")
            + f"), handled by the “{esc(ranking.missing_rule)}” rule"
            + (
                f"; {len(cand.estimated)} of them estimated (marked as such on its page)."
                if cand.estimated
                else "."
            )
        )
    close = near_bounds(ctx, cand.candidate)
    if close:
        parts.append("Constraints it barely passes: " + "; ".join(close) + ".")
    parts.append(lifecycle_risk(ctx, ctx.row_of[cand.candidate]))
    return " ".join(parts)


def lifecycle_risk(ctx: ReportContext, row: int) -> str:
    """The offer's lifecycle risk in one sentence, with its source."""
    state = ctx.lifecycle
    offer = esc(ctx.offer(row))
    note = str(state.texts[row])
    months = ctx.inputs.profile.constraints.min_support_months
    if not note:
        return (
            f"Lifecycle risk ({offer}): no deprecation or retirement is recorded for this "
            "offer in the catalogue's sources."
        )
    flag = {
        "retiring": f" — support ends within the {months} months the profile requires "
        "(flagged, not excluded, by the profile's choice)",
        "deprecated": " — already deprecated (flagged, not excluded, by the profile's choice)",
    }.get(str(state.badges[row]), "")
    return f"Lifecycle risk ({offer}): {esc(note)}{flag}."


def near_bounds(ctx: ReportContext, label: str) -> list[str]:
    """The bounds a candidate meets within 10% of the limit."""
    constraints = ctx.inputs.profile.constraints
    row = ctx.row_of[label]
    notes = []
    for bound in BOUNDS:
        limit = getattr(constraints, bound.name)
        if not limit or bound.criterion not in ctx.inputs.matrix.criteria:
            continue
        value = ctx.inputs.matrix.column(bound.criterion)[row]
        if value == value and abs(value - limit) <= 0.1 * abs(limit):
            notes.append(
                f"{bound.what} {num(value)} against a {'maximum' if bound.upper else 'minimum'} "
                f"of {num(limit)}"
            )
    return notes
