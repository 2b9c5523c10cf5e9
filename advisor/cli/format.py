"""Plain-text rendering of rankings and tables for the terminal."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import pandas as pd

from advisor.app import estimates
from advisor.app.offers import offer_of
from advisor.app.ranking import Recommendation
from advisor.domain.stakeholders import AGGREGATION_TEXT, shares
from advisor.domain.uncertainty_words import (
    estimate_cell,
    interval_text,
    odds_text,
    plus_minus,
)
from advisor.domain.vocabulary import MissingRule
from advisor.domain.wording import counted


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]) -> str:
    """A fixed-width text table."""
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        parts = [
            c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, right, strict=True)
        ]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def _num(value: float, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if abs(value) >= 10000:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:.0f}"


def _bar(score: float, width: int = 10) -> str:
    filled = round(score * width)
    return "█" * filled + "·" * (width - filled)


def ranking_text(rec: Recommendation, top: int | None = None, every_offer: bool = False) -> str:
    """The ranking as a readable report: table, excluded candidates, notes, policy. Each model
    and mode shows once, through its best-ranked offer, unless ``every_offer``."""
    ranking, matrix, profile = rec.ranking, rec.matrix, rec.profile
    listed = ranking.candidates if every_offer else ranking.best_offers()
    ranked = listed[:top] if top else listed
    row_of = {label: i for i, label in enumerate(matrix.labels())}
    price = matrix.column("blended_usd_per_mtok")
    context = matrix.column("context_window")
    offers_of = Counter((c.model_id, c.mode) for c in ranking.candidates)
    estimating = ranking.missing_rule == MissingRule.ESTIMATE.value
    rows = []
    for place, c in enumerate(ranked, start=1):
        r = row_of[c.candidate]
        leading = sorted(c.contributions.items(), key=lambda kv: -kv[1])[:3]
        offer = offer_of(rec, r)
        more = offers_of[(c.model_id, c.mode)] - 1
        offer_text = offer.short + (f" (+{more})" if more and not every_offer else "")
        rows.append(
            [
                str(c.rank if every_offer else place),
                c.candidate,
                offer_text + (f" [{offer.badge}]" if offer.badge else ""),
                f"{c.score:.3f}",
                _bar(c.score),
                f"{c.coverage:.0%}",
                *([str(len(c.estimated)) if c.estimated else ""] if estimating else []),
                "yes" if c.pareto else "",
                _num(price[r]),
                _num(context[r], 0),
                ", ".join(f"{k} {v:.2f}" for k, v in leading if v > 0),
            ]
        )
    models = counted(len(ranking.best_offer_rows), "model and mode", "models and modes")
    out = [
        f"Profile: {profile.name}   method {ranking.method}, {ranking.normalization} "
        f"normalisation, missing data: {ranking.missing_rule}",
        f"Conditions counted: {', '.join(c.value for c in profile.policy.conditions)}"
        + (
            f"; at equal budget, effort band {profile.policy.budget_band} only"
            if profile.policy.budget_band
            else ""
        ),
        f"Decision date {profile.policy.as_of().isoformat()}: "
        f"{counted(len(ranking), 'offer')} ranked, of {models}"
        + ("" if every_offer else "; each shown through its best offer (+N: its other offers)"),
        "",
        table(
            [
                "#",
                "Candidate",
                "Offer",
                "Score",
                "",
                "Coverage",
                *(["Estimated"] if estimating else []),
                "Pareto",
                "$/Mtok",
                "Context",
                "Largest contributions",
            ],
            rows,
            [True, False, False, True, False, True, *[True] * estimating, False, True, True, False],
        ),
    ]
    shown = len(ranked)
    if shown < len(listed):
        what = "offers" if every_offer else "models and modes"
        out.append(f"... {len(listed) - shown} more ranked {what} (drop --top to see all)")
    out += _excluded_lines(rec, every_offer)
    if ranking.notes:
        out += ["", "Notes:"] + [f"  {n}" for n in ranking.notes]
    if estimating:
        out += [
            "",
            "Estimated = weighted benchmark gaps an estimate filled (coverage counts published "
            "figures only). " + estimates.caveat(rec),
        ]
    out += [
        "",
        "$/Mtok = blended list price (3 input : 1 output) per million tokens. "
        "See every figure behind a score with `advisor explain`"
        + ("." if every_offer else "; every offer with `advisor rank --every-offer`."),
    ]
    return "\n".join(out)


def _excluded_lines(rec: Recommendation, every_offer: bool) -> list[str]:
    """Excluded candidates: every offer, or each model and mode no offer of which is ranked
    (through its first offer, the vendor's own API where there is one)."""
    ranking = rec.ranking
    excluded = ranking.excluded
    if not excluded:
        return []
    if every_offer:
        lines = [f"  {e.candidate}: " + "; ".join(e.reasons) for e in excluded]
        return ["", f"Excluded ({len(excluded)}):", *lines]
    ranked = {(c.model_id, c.mode) for c in ranking.candidates}
    groups: dict[tuple[str, str], list] = {}
    for e in excluded:
        if (e.model_id, e.mode) not in ranked:
            groups.setdefault((e.model_id, e.mode), []).append(e)
    lines = []
    for offers in groups.values():
        first = offers[0]
        others = f" ({counted(len(offers), 'offer')}, all excluded)" if len(offers) > 1 else ""
        lines.append(f"  {first.candidate}{others}: " + "; ".join(first.reasons))
    hidden = len(excluded) - sum(len(g) for g in groups.values())
    out = ["", f"Excluded ({counted(len(groups), 'model and mode', 'models and modes')}):", *lines]
    if hidden:
        out.append(
            f"  … and {counted(hidden, 'other offer')} of ranked models "
            "(`--every-offer` lists them)"
        )
    return out


def _context(figure: dict) -> str:
    """Effort, harness, task subset, settings and reporter of a figure, where given."""
    parts = [
        f"{label}{figure[key]}"
        for key, label in (
            ("reasoning_effort", "effort "),
            ("harness", "harness: "),
            ("task_subset", "subset: "),
            ("settings", ""),
            ("reported_by", "by "),
        )
        if figure.get(key)
    ]
    return "; ".join(parts)


def _other_line(other: dict) -> str:
    about = [other.get("condition"), _context(other), other.get("source_kind")]
    about.append(other.get("source_date") or "undated")
    record = f" [{other['source_record']}]" if other.get("source_record") else ""
    return (
        f"  {other['criterion']} {_num(other['value'])} ({'; '.join(a for a in about if a)}) "
        f"{other.get('source_url') or ''}{record}"
    )


def explain_text(
    rec: Recommendation,
    label: str,
    figures: list[dict],
    aside: list[dict],
    others: list[dict] | None = None,
) -> str:
    """Every figure behind one candidate with condition, source and date; the other sources'
    figures for the same criteria; what the policy does not count."""
    ranking = rec.ranking
    found = next((c for c in ranking.candidates if c.candidate == label), None)
    out = []
    if found is not None:
        out.append(
            f"{label}: rank {found.rank} of {len(ranking)}, score {found.score:.3f}, "
            f"coverage {found.coverage:.0%}{', Pareto-optimal' if found.pareto else ''}"
        )
        out.append(
            "Contributions: " + ", ".join(f"{k} {v:.3f}" for k, v in found.contributions.items())
        )
        if found.missing:
            out.append(
                "Missing (handled by the '"
                + ranking.missing_rule
                + "' rule): "
                + ", ".join(found.missing)
            )
    else:
        reasons = next((e.reasons for e in ranking.excluded if e.candidate == label), ())
        out.append(f"{label}: excluded — " + "; ".join(reasons))
    rows = [
        [
            f["criterion"],
            _num(f["value"]),
            plus_minus(f.get("stderr"), f.get("stderr_origin")),
            f.get("condition") or "",
            _context(f),
            f.get("source_kind") or "",
            f.get("source_date") or "",
            "; ".join(x for x in (f.get("flags"), f.get("detail")) if x),
            f.get("source_url") or "",
            f.get("source_record") or "",
        ]
        for f in figures
    ]
    out += [
        "",
        "Figures counted:",
        table(
            [
                "Criterion",
                "Value",
                "± SE",
                "Condition",
                "Context",
                "Source kind",
                "Date",
                "Flags",
                "Source",
                "Record",
            ],
            rows,
            [False, True, True, False, False, False, False, False, False, False],
        ),
    ]
    guessed = estimates.estimates_for(rec, rec.matrix.row_of(label))
    if guessed:
        out += [
            "",
            "Estimated, no published figure (missing-data rule 'estimate'):",
            table(
                ["Criterion", "Estimate", "80% interval"],
                [
                    [
                        e["criterion"],
                        estimate_cell(e["value"], e["stderr"]),
                        interval_text(*e["interval_80"]),
                    ]
                    for e in guessed
                ],
                [False, True, True],
            ),
            estimates.caveat(rec),
            "`advisor explain --json` prints the fitted parameters behind each estimate.",
        ]
    if others:
        out += ["", "Other figures for these criteria (not counted: the rule chose the one above):"]
        out += [_other_line(o) for o in others]
    out += [
        "",
        "± SE: each benchmark figure's standard error (the source's own, else binomial from the "
        "benchmark's item count; ±? unknown). `advisor compare` tests a gap against them.",
    ]
    if aside:
        out += ["", "Published but not counted under this policy:"]
        out += [
            f"  {a['benchmark']} {_num(a['score'])} ({a['condition']}, {a['source_kind']}, "
            f"{a['source_date']}): {a['reason']}"
            for a in aside
        ]
    return "\n".join(out)


def compare_text(rec: Recommendation, result) -> str:
    """A comparison (``advisor compare``): scores and P(first), P(row outscores column), and
    per criterion each pair's figures with their standard errors and P(A better)."""
    labels = result.labels
    out = [
        f"Profile: {rec.profile.name}   {result.samples:,} draws of the figures within their "
        f"standard errors, seed {result.seed}; a gap is real when P >= {result.confidence:.0%}.",
        f"{counted(result.known_errors, 'weighted benchmark figure')} of these candidates "
        "vary by their standard errors"
        + (
            f"; {result.unknown_errors:,} of unknown error are held fixed, so the odds "
            "overstate how sure the gaps are."
            if result.unknown_errors
            else "."
        )
        + _estimates_vary(result),
        "",
        table(
            ["Candidate", "Score", "P(first)"],
            [
                [label, f"{result.scores[i]:.3f}", odds_text(float(result.p_first[i]))]
                for i, label in enumerate(labels)
            ],
            [False, True, True],
        ),
        "",
        "P(row outscores column):",
        table(
            ["", *(f"#{i + 1}" for i in range(len(labels)))],
            [
                [
                    f"#{a + 1} {label}",
                    *(
                        "—" if a == b else odds_text(float(result.overall[a, b]))
                        for b in range(len(labels))
                    ),
                ]
                for a, label in enumerate(labels)
            ],
            [False, *([True] * len(labels))],
        ),
    ]
    for a in range(len(labels)):
        for b in range(a + 1, len(labels)):
            p = float(result.overall[a, b])
            real = max(p, 1 - p) >= result.confidence
            out += [
                "",
                f"{labels[a]} vs {labels[b]}: P(A outscores B) {odds_text(p)} — "
                + ("the gap is real." if real else "within measurement noise."),
            ]
            rows = [
                [
                    criterion,
                    _figure(result, a, j),
                    _figure(result, b, j),
                    odds_text(float(result.by_criterion[a, b, j])),
                ]
                for j, criterion in enumerate(result.criteria)
            ]
            out.append(
                table(["Criterion", "A", "B", "P(A better)"], rows, [False, True, True, True])
            )
    out += ["", "? = not known: a figure is missing, or a gap between figures of unknown error."]
    return "\n".join(out)


def _estimates_vary(result) -> str:
    count = 0 if result.estimated is None else int(result.estimated.sum())
    if not count:
        return ""
    return (
        f" {counted(count, 'estimated figure')} (no published figure) "
        f"{'varies' if count == 1 else 'vary'} by {'its' if count == 1 else 'their'} "
        "own standard error."
    )


def _figure(result, i: int, j: int) -> str:
    """Candidate i's figure for criterion j in a comparison: "missing", an estimate (marked),
    or the published figure with its ± (a benchmark's ±? when unknown)."""
    value, stderr = result.values[i, j], result.stderrs[i, j]
    if math.isnan(value):
        return "missing"
    if result.estimated[i, j]:
        return estimate_cell(value, stderr)
    if not result.noisy[j]:
        return _num(value)
    return f"{_num(value)} {plus_minus(stderr, 'benchmark')}"


def frame_text(frame: pd.DataFrame, columns: Sequence[str] | None = None, width: int = 60) -> str:
    """A DataFrame as a text table, long cells shortened."""
    frame = frame[list(columns)] if columns else frame

    def cell(v: object) -> str:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return ""
        text = _num(v) if isinstance(v, float) else str(v)
        return text if len(text) <= width else text[: width - 1] + "…"

    rows = [[cell(v) for v in record] for record in frame.itertuples(index=False)]
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns]
    return table([str(c) for c in frame.columns], rows, numeric)


def sensitivity_text(study: dict) -> str:
    """Rank acceptability, stability intervals and data gaps as text tables."""
    from advisor.app.analysis import figure_noise_text  # not imported for `rank` (start-up)

    out = [
        f"Profile: {study['profile']}   {study['samples']} weight samples, seed {study['seed']}, "
        + (
            "uniform weights"
            if study["concentration"] is None
            else f"Dirichlet concentration {study['concentration']:g}"
        )
        + f"; {figure_noise_text(study)}",
        "",
        "Rank acceptability (share of samples in which the candidate takes each rank):",
    ]
    rows = []
    for a in study["acceptability"][:15]:
        probs = a["rank_probabilities"] + [0.0] * (3 - len(a["rank_probabilities"]))
        rows.append([a["candidate"], *(f"{p:.1%}" for p in probs[:3]), f"{a['expected_rank']:.2f}"])
    out.append(
        table(
            ["Candidate", "Rank 1", "Rank 2", "Rank 3", "Expected rank"],
            rows,
            [False, True, True, True, True],
        )
    )
    if study["current_top"]:
        out += [
            "",
            f"Weight stability of the current top candidate, {study['current_top']} "
            "(each weight moved alone, the others rescaled in proportion):",
        ]
        rows = [
            [
                s["key"],
                f"{s['weight']:.1%}",
                f"{s['low']:.2%} – {s['high']:.2%}",
                s["below"] or "—",
                s["above"] or "—",
            ]
            for s in study["stability"]
        ]
        out.append(
            table(
                ["Weight", "Now", "Top stays top for", "Takes over below", "Takes over above"],
                rows,
                [False, True, True, False, False],
            )
        )
    if study["data_gaps"]:
        out += ["", "Missing figures: rank if they were the best / worst observed values:"]
        rows = [
            [
                g["candidate"],
                str(g["rank"]),
                str(g["best_rank"]),
                str(g["worst_rank"]),
                ", ".join(g["missing"])[:60],
            ]
            for g in study["data_gaps"][:15]
        ]
        out.append(
            table(
                ["Candidate", "Rank", "Best", "Worst", "Missing"],
                rows,
                [False, True, True, True, False],
            )
        )
    return "\n".join(out)


def probe_text(results) -> str:
    """A probe run as a table: successes, medians with their spread, errors, stated limits."""
    from advisor.app.probe import RESULT_HEADERS, result_row  # not for rank (certifi: 25 ms)

    rows = [result_row(r) for r in results]
    return table(list(RESULT_HEADERS), rows, [False, True, True, True, False, False])


def group_text(analysis, profile, names: dict[str, str]) -> str:
    """Stakeholders' weights, the group rule, each top 3, the widest spreads, the consensus."""
    people = profile.stakeholders
    weights = {s.name: shares(s.weights) for s in people}
    group = shares(profile.weights)
    rows = [
        [names.get(k, k)]
        + [f"{weights[s.name].get(k, 0.0):.0%}" for s in people]
        + [f"{group.get(k, 0.0):.0%}"]
        for k in sorted((w.key for w in analysis.spreads), key=lambda k: -group.get(k, 0.0))
    ]
    rule = AGGREGATION_TEXT[profile.aggregation]
    out = [
        f"Profile: {profile.name}   {len(people)} stakeholders",
        f"Group weights: {rule}.",
        "",
        table(
            ["Weight"] + [s.name for s in people] + ["Group"],
            rows,
            [False] + [True] * (len(people) + 1),
        ),
        "",
        "How each set of weights was stated:",
    ]
    for s in people:
        how = s.elicitation.summary if s.elicitation else "entered directly"
        out.append(f"  {s.name}: {how}")
    out += ["", "Top 3:"]
    width = max(len("Group"), *(len(s.name) for s in people))
    out.append(f"  {'Group':<{width}}  " + ", ".join(c.candidate for c in analysis.group.top(3)))
    for s in people:
        out.append(f"  {s.name:<{width}}  " + ", ".join(analysis.top(s.name)))
    widest = analysis.widest()
    out += ["", "Widest weight spread:"]
    if not widest:
        out.append("  none: every stakeholder weights every criterion alike")
    out += [f"  {w.describe(names.get(w.key, w.key))}" for w in widest]
    out += ["", f"Acceptable to all (in every stakeholder's top {analysis.top_k}):"]
    out.append("  " + (", ".join(analysis.consensus) or "none; raise --top-k or revisit weights"))
    return "\n".join(out)
