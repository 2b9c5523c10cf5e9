"""The recommendation report as a PDF (reportlab platypus): real text, embedded font, vector
charts, numbered sources, written to a temporary file and renamed into place."""

from __future__ import annotations

import datetime as dt
import html
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    CondPageBreak,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from advisor.resources import resources_dir
from advisor.domain.criteria import ATTRIBUTE_CRITERIA
from advisor.domain.errors import AdvisorError
from advisor.domain.files import publish
from advisor.domain.profile import Profile
from advisor.domain.stakeholders import AGGREGATION_TEXT, shares
from advisor.domain.vocabulary import Condition
from advisor.engine.freshness import cutoff_key
from advisor.engine.matrix import DecisionMatrix, date_key
from advisor.engine.sensitivity import rank_acceptability, stability_intervals
from advisor.engine.stakeholders import analyse
from advisor.engine.tradeoff import SCORE, tradeoff
from advisor.report.charts import FONT, bar_chart, interval_chart, scatter_chart
from advisor.report.sources import SourceIndex

PAGE_SIZES = {"A4": A4, "Letter": LETTER}


@dataclass(frozen=True)
class ReportOptions:
    """What goes on the cover and how much detail the report carries."""

    title: str = "LLM vendor and model recommendation"
    organisation: str = ""
    author: str = ""
    page_size: str = "A4"
    shortlist: int = 3
    date: dt.date = field(default_factory=dt.date.today)
    sensitivity_samples: int = 2000  # 0 leaves the robustness section out


@dataclass(frozen=True)
class ReportInputs:
    """Everything the report shows: the ranking, its matrix, and names for ids."""

    profile: Profile
    matrix: DecisionMatrix
    ranking: object  # advisor.domain.Ranking
    model_names: dict[str, str]
    criterion_names: dict[str, str]
    catalogue_meta: dict[str, str]


def register_fonts() -> None:
    """Embed the shipped DejaVu Sans (regular and bold) in every report."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    fonts = resources_dir() / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(fonts / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(f"{FONT}-Bold", str(fonts / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=f"{FONT}-Bold", italic=FONT, boldItalic=f"{FONT}-Bold"
    )


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
        "cell": ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontName=f"{FONT}-Bold",
            fontSize=16,
            leading=20,
            spaceBefore=6,
            spaceAfter=8,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=f"{FONT}-Bold",
            fontSize=12,
            leading=15,
            spaceBefore=8,
            spaceAfter=4,
        ),
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName=f"{FONT}-Bold",
            fontSize=24,
            leading=30,
            alignment=TA_CENTER,
            spaceAfter=18,
        ),
        "center": ParagraphStyle(
            "center", parent=base, alignment=TA_CENTER, fontSize=11, leading=16
        ),
    }


def _app_version() -> str:
    from advisor import __version__

    return __version__


def _text(value: object, default: str = "") -> str:
    """A cell's text: ``default`` for None, NaN or empty."""
    if value is None or (isinstance(value, float) and value != value) or value == "":
        return default
    return str(value)


def _esc(text: object) -> str:
    return html.escape(str(text), quote=False)


def _num(value: float) -> str:
    if value != value:
        return "—"
    return f"{value:,.0f}" if abs(value) >= 10_000 else f"{value:.4g}"


TABLE_STYLE = [
    ("FONT", (0, 0), (-1, -1), FONT, 7.5),
    ("FONT", (0, 0), (-1, 0), f"{FONT}-Bold", 7.5),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf5")),
    ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#8a99b3")),
    ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f6f7f9")]),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
]


def _ratio(value: float) -> str:
    """A judgement as Saaty writes it: 3, or 1/3 for its reciprocal."""
    if value >= 1:
        return f"{value:g}"
    return f"1/{1 / value:.3g}"


def _table(rows: list[list], widths: list[float], right: tuple[int, ...] = ()) -> Table:
    """A table whose header row repeats when it splits across pages."""
    table = Table(rows, colWidths=widths, repeatRows=1)
    style = list(TABLE_STYLE) + [("ALIGN", (c, 0), (c, -1), "RIGHT") for c in right]
    table.setStyle(TableStyle(style))
    return table


class ReportBuilder:
    """Builds the story (list of flowables) section by section."""

    def __init__(self, inputs: ReportInputs, options: ReportOptions) -> None:
        self.inputs = inputs
        self.options = options
        self.s = _styles()
        self.sources = SourceIndex()
        self.labels = inputs.matrix.labels()
        self.row_of = {label: i for i, label in enumerate(self.labels)}
        figures = inputs.matrix.figures
        self.figures = figures if figures is not None else None
        self.width = PAGE_SIZES[options.page_size][0] - 36 * mm
        self.acceptability = None
        self.intervals = []
        if options.sensitivity_samples and len(inputs.ranking):
            self.acceptability = rank_acceptability(
                inputs.matrix, inputs.ranking, samples=options.sensitivity_samples, seed=0
            )
            self.intervals = stability_intervals(inputs.matrix, inputs.ranking)

    # helpers ------------------------------------------------------------------------------
    def name(self, label: str) -> str:
        model_id, mode = label.split("@", 1)
        mode_text = "extended thinking" if mode == "extended_thinking" else "standard"
        return f"{self.inputs.model_names.get(model_id, model_id)} ({mode_text})"

    def crit(self, key: str) -> str:
        if key in self.inputs.criterion_names:
            return self.inputs.criterion_names[key]
        if key in ATTRIBUTE_CRITERIA:
            return ATTRIBUTE_CRITERIA[key].label
        return key

    def p(self, text: str, style: str = "body") -> Paragraph:
        return Paragraph(text, self.s[style])

    def _cite_attributes(self, row: int) -> str:
        """Source numbers behind a row's price and context figures."""
        figures = self.figures_of(row)
        if figures is None:
            return "—"
        wanted = figures[figures["criterion"].isin(["blended_usd_per_mtok", "context_window"])]
        refs = {self.sources.cite(f.source_url, f.source_date) for f in wanted.itertuples()}
        refs.discard("—")
        return " ".join(sorted(refs)) or "—"

    def figures_of(self, row: int):
        return self.figures[self.figures["row"] == row] if self.figures is not None else None

    # sections -----------------------------------------------------------------------------
    def cover(self) -> list:
        o, meta = self.options, self.inputs.catalogue_meta
        lines = [
            Spacer(1, 50 * mm),
            self.p(_esc(o.title), "title"),
            self.p(f"Profile: <b>{_esc(self.inputs.profile.name)}</b>", "center"),
        ]
        for label, value in (("Organisation", o.organisation), ("Prepared by", o.author)):
            if value:
                lines.append(self.p(f"{label}: {_esc(value)}", "center"))
        lines += [
            self.p(f"Date: {o.date.isoformat()}", "center"),
            self.p(
                f"Catalogue: created {_esc(meta.get('created_at', 'unknown'))[:10]} from "
                f"{_esc(Path(meta.get('bundled_from', '')).name or 'the bundled data')}"
                + (
                    f"; ranked against snapshot “{_esc(meta['snapshot'])}” taken "
                    f"{_esc(meta.get('snapshot_taken', 'unknown'))}"
                    if meta.get("snapshot")
                    else ""
                ),
                "center",
            ),
            self.p(f"Prepared with Model Advisor {_esc(_app_version())}", "center"),
            Spacer(1, 20 * mm),
            self.p(
                "Every figure in this report carries its condition, source and date; numbers in "
                "square brackets refer to the sources appendix. The scoring method is stated in "
                "the method appendix so that any score can be recomputed by hand.",
                "center",
            ),
            PageBreak(),
        ]
        return lines

    def executive_summary(self) -> list:
        ranking = self.inputs.ranking
        out = [self.p("Executive summary", "h1")]
        top = ranking.top(3)
        if not top:
            reasons: dict[str, int] = {}
            for e in ranking.excluded:
                for name in e.constraints:
                    reasons[name] = reasons.get(name, 0) + 1
            worst = max(reasons.items(), key=lambda kv: kv[1])[0] if reasons else "none"
            out.append(
                self.p(
                    "No candidate passes every hard constraint. The constraint that "
                    "excluded the most "
                    f"candidates is <b>{_esc(worst)}</b>; relax it to obtain a recommendation."
                )
            )
            return out
        lead = top[0]
        out.append(
            self.p(
                f"Recommended: <b>{_esc(self.name(lead.candidate))}</b>, "
                f"score {lead.score:.3f} of 1 "
                f"under {_esc(ranking.method.upper())} with "
                f"{_esc(ranking.normalization)} normalisation. "
                f"{len(ranking)} candidates were ranked and "
                f"{len(ranking.excluded)} excluded by hard "
                "constraints."
            )
        )
        if len(top) > 1:
            gap = lead.score - top[1].score
            relative = gap / lead.score if lead.score else 0
            strength = "narrow" if relative < 0.03 else "clear" if relative < 0.1 else "wide"
            out.append(
                self.p(
                    f"Robustness: the lead over the runner-up is {gap:.3f} points "
                    f"({relative:.1%} of "
                    f"the winning score), a {strength} margin."
                    + self._rank1_sentence(lead.candidate)
                )
            )
        for position, cand in enumerate(top):
            role = "Recommendation" if position == 0 else f"Runner-up {position}"
            out.append(self.p(f"{role}: {_esc(self.name(cand.candidate))}", "h2"))
            out.append(self.p(self._why(cand)))
        return out

    def _rank1_sentence(self, label: str) -> str:
        if self.acceptability is None:
            return ""
        share = self.acceptability.rank1(label)
        return (
            f" Under {self.acceptability.samples:,} weight vectors sampled around the stated "
            f"weights it ranks first in {share:.0%} of cases (rank-1 probability; see Robustness)."
        )

    def robustness(self) -> list:
        if self.acceptability is None:
            return []
        a = self.acceptability
        order = np.argsort(a.expected_rank, kind="stable")[:8]
        out = [
            self.p("Robustness", "h1"),
            self.p(
                f"Rank acceptability: the share of {a.samples:,} weight vectors, drawn from a "
                "Dirichlet distribution centred on the stated weights (concentration 50, seed "
                f"{a.seed}), under which each candidate takes ranks 1 to 3."
            ),
        ]
        rows = [["Candidate", "Rank 1", "Rank 2", "Rank 3", "Expected rank"]]
        for i in order:
            probs = list(a.probabilities[i]) + [0.0] * (3 - a.probabilities.shape[1])
            rows.append(
                [
                    Paragraph(_esc(self.name(a.labels[i])), self.s["cell"]),
                    *(f"{p:.1%}" for p in probs[:3]),
                    f"{a.expected_rank[i]:.2f}",
                ]
            )
        w = self.width
        out.append(
            _table(rows, [w * 0.44, w * 0.13, w * 0.13, w * 0.13, w * 0.17], right=(1, 2, 3, 4))
        )
        if self.intervals:
            top = self.inputs.ranking.candidates[0].candidate
            out.append(self.p("Weight stability intervals", "h2"))
            out.append(
                self.p(
                    f"How far each weight can move, the others rescaled in proportion, before "
                    f"{_esc(self.name(top))} stops ranking first; the diamond marks the "
                    "stated weight."
                )
            )
            items = [(self.crit(s.key), s.low, s.high, s.weight) for s in self.intervals]
            out.append(interval_chart(items, self.width))
            rows = [
                ["Weight", "Stated", "Top stays top for", "Takes over below", "Takes over above"]
            ]
            for s in self.intervals:
                rows.append(
                    [
                        Paragraph(_esc(self.crit(s.key)), self.s["cell"]),
                        f"{s.weight:.1%}",
                        f"{s.low:.1%} – {s.high:.1%}",
                        Paragraph(_esc(self.name(s.below)) if s.below else "—", self.s["cell"]),
                        Paragraph(_esc(self.name(s.above)) if s.above else "—", self.s["cell"]),
                    ]
                )
            out.append(_table(rows, [w * 0.2, w * 0.1, w * 0.18, w * 0.26, w * 0.26], right=(1, 2)))
        return out

    def _why(self, cand) -> str:
        shares = self.inputs.ranking
        weights = dict(zip(shares.criteria, shares.weights, strict=True))
        contributions = sorted(cand.contributions.items(), key=lambda kv: -kv[1])
        strong = ", ".join(f"{_esc(self.crit(k))} ({v:.3f})" for k, v in contributions[:2] if v > 0)
        parts = [
            f"Rank {cand.rank}, score {cand.score:.3f}, data coverage {cand.coverage:.0%}"
            + (", Pareto-optimal." if cand.pareto else ".")
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
                + ", ".join(_esc(self.crit(c)) for c in weak[:4])
                + "."
            )
        if cand.missing:
            parts.append(
                f"No figure for {len(cand.missing)} weighted criteria ("
                + ", ".join(_esc(self.crit(c)) for c in cand.missing[:5])
                + ("…" if len(cand.missing) > 5 else "")
                + f"), handled by the “{_esc(self.inputs.ranking.missing_rule)}” rule."
            )
        close = self._near_bounds(cand.candidate)
        if close:
            parts.append("Constraints it barely passes: " + "; ".join(close) + ".")
        return " ".join(parts)

    def _near_bounds(self, label: str) -> list[str]:
        c = self.inputs.profile.constraints
        row = self.row_of[label]
        matrix = self.inputs.matrix
        checks = [
            ("blended price", "blended_usd_per_mtok", c.max_blended_usd_per_mtok, True),
            ("context window", "context_window", c.min_context_window, False),
            ("time to first token", "latency_ttft_s", c.max_latency_ttft_s, True),
            ("rate limit", "rate_limit_rpm", c.min_rate_limit_rpm, False),
        ]
        notes = []
        for what, criterion, bound, upper in checks:
            if bound:
                value = matrix.column(criterion)[row]
                if value == value and abs(value - bound) <= 0.1 * abs(bound):
                    notes.append(
                        f"{what} {_num(value)} against a {'maximum' if upper else 'minimum'} "
                        f"of {_num(bound)}"
                    )
        return notes

    def requirements(self) -> list:
        profile, ranking = self.inputs.profile, self.inputs.ranking
        total = sum(profile.weights.values())
        out = [PageBreak(), self.p("Requirements", "h1"), self.p("Weights", "h2")]
        if profile.stakeholders:
            out.append(
                self.p(
                    f"These are the group's weights, formed from {len(profile.stakeholders)} "
                    f"stakeholders' by {AGGREGATION_TEXT[profile.aggregation]}; the "
                    "ranking in this report is the group's. Each stakeholder's weights follow in "
                    "the Stakeholders section."
                )
            )
        elif profile.elicitation is not None:
            out.append(self.p(f"Elicited by {_esc(profile.elicitation.summary)}."))
        rows = [["Criterion or group", "Weight", "Share"]]
        items = []
        for key, value in sorted(profile.weights.items(), key=lambda kv: -kv[1]):
            share = value / total
            rows.append([self.crit(key), f"{value:.4g}", f"{share:.0%}"])
            items.append((self.crit(key), share, 0.0))
        out += [
            _table(rows, [self.width * 0.5, self.width * 0.2, self.width * 0.2], right=(1, 2)),
            Spacer(1, 6),
            bar_chart(items, self.width),
        ]
        groups = self.inputs.matrix.groups
        members = [
            f"{_esc(self.crit(k))} = "
            + ", ".join(f"{_esc(self.crit(c))} {w:g}" for c, w in groups[k].items())
            for k in profile.weights
            if k in groups and len(groups[k]) > 1
        ]
        if members:
            out.append(
                self.p(
                    "Groups are blends of their members (shares within the group): "
                    + "; ".join(members)
                    + ".",
                    "small",
                )
            )
        out.append(self.p("Hard constraints", "h2"))
        c = profile.constraints
        constraint_lines = [
            (
                c.max_blended_usd_per_mtok,
                lambda v: f"Blended price at most {v:g} USD per million tokens",
            ),
            (
                c.max_input_usd_per_mtok,
                lambda v: f"Input price at most {v:g} USD per million tokens",
            ),
            (
                c.max_output_usd_per_mtok,
                lambda v: f"Output price at most {v:g} USD per million tokens",
            ),
            (c.min_context_window, lambda v: f"Context window at least {v:,.0f} tokens"),
            (c.max_latency_ttft_s, lambda v: f"Time to first token at most {v:g} s"),
            (c.min_rate_limit_rpm, lambda v: f"Rate limit at least {v:,.0f} requests per minute"),
            (c.min_coverage, lambda v: f"Figures for at least {v:.0%} of the weight"),
            (c.open_weights_only or None, lambda v: "Open weights only"),
            (c.vendors_include or None, lambda v: "Only vendors: " + ", ".join(v)),
            (c.vendors_exclude or None, lambda v: "Excluded vendors: " + ", ".join(v)),
            (c.required_criteria or None, lambda v: "Required figures: " + ", ".join(v)),
        ]
        active = [describe(value) for value, describe in constraint_lines if value]
        out.append(self.p("<br/>".join(_esc(a) for a in active) if active else "None."))
        out.append(
            self.p(
                "A candidate whose figure for a constrained criterion is unknown fails "
                "that constraint: a requirement that cannot be checked is not met.",
                "small",
            )
        )
        policy = profile.policy
        out.append(self.p("Policy", "h2"))
        counted = ", ".join(c.value for c in policy.conditions)
        excluded = [c.value for c in Condition if c not in policy.conditions]
        out.append(
            self.p(
                f"Conditions counted: {_esc(counted)}."
                + (f" Not counted: {_esc(', '.join(excluded))}." if excluded else "")
                + (
                    " Parallel test-time compute (many samples, the best picked by the "
                    "vendor's own "
                    "scorer) is excluded because customers usually cannot buy it; "
                    "those figures are "
                    "listed, not scored."
                    if Condition.PARALLEL not in policy.conditions
                    else " Peak claims are compared: parallel test-time compute figures "
                    "count, so scores "
                    "overstate what a customer can buy."
                )
            )
        )
        out.append(
            self.p(
                f"Method: {_esc(ranking.method.upper())}; "
                f"normalisation: {_esc(ranking.normalization)}; "
                f"missing figures: {_esc(ranking.missing_rule)}; modes: "
                f"{_esc(', '.join(m.value for m in policy.modes))}; rate-limit tier: "
                f"{policy.rate_limit_tier}."
            )
        )
        workload = profile.workload
        if workload is not None:
            out.append(self.p("Workload assumptions", "h2"))
            peak = (
                f"{workload.peak_requests_per_min:,.0f} requests per minute at peak"
                if workload.peak_requests_per_min
                else f"{workload.concurrency or 0:,.0f} requests in flight at peak"
            )
            tiers = ", ".join(f"{v} tier {t}" for v, t in sorted(workload.tiers.items()))
            out.append(
                self.p(
                    f"{workload.requests_per_day:,.0f} requests per day over "
                    f"{workload.working_days_per_month:g} working days a month; {peak}; "
                    f"{workload.input_tokens_per_request:,.0f} input tokens per request "
                    f"({workload.cached_input_share:.0%} from cache), "
                    f"{workload.output_tokens_per_request:,.0f} output tokens, reasoning tokens "
                    f"{workload.reasoning_tokens_standard:,.0f} (standard) and "
                    f"{workload.reasoning_tokens_extended_thinking:,.0f} (extended thinking). "
                    f"Account tiers: {_esc(tiers) or 'the policy tier for every vendor'}, "
                    f"others at tier {policy.rate_limit_tier}. Monthly cost, headroom and "
                    "response time are derived from these; each candidate page shows the "
                    "inputs of every derived figure."
                )
            )
        if profile.description:
            out.append(self.p(f"Profile description: {_esc(profile.description)}", "small"))
        return out

    def stakeholders(self) -> list:
        """Each stakeholder's weights and how they were elicited, the rule, the group ranking's
        top, each one's top 3, the widest spreads and the candidates acceptable to all."""
        profile = self.inputs.profile
        if not profile.stakeholders:
            return []
        analysis = analyse(self.inputs.matrix, profile, self.inputs.ranking)
        people = profile.stakeholders
        out = [PageBreak(), self.p("Stakeholders", "h1")]
        out.append(
            self.p(
                f"{len(people)} stakeholders stated their own weights. The group's weights are "
                f"{AGGREGATION_TEXT[profile.aggregation]}; shares below are of each "
                "stakeholder's own total."
            )
        )
        group = shares(profile.weights)
        keys = sorted(
            {k for w in analysis.spreads for k in [w.key]}, key=lambda k: -group.get(k, 0)
        )
        each = {p.name: shares(p.weights) for p in people}
        rows = [["Criterion or group", *[_esc(p.name) for p in people], "Group"]]
        for key in keys:
            rows.append(
                [_esc(self.crit(key))]
                + [f"{each[p.name].get(key, 0.0):.0%}" for p in people]
                + [f"{group.get(key, 0.0):.0%}"]
            )
        first = self.width * 0.3
        rest = (self.width - first) / (len(people) + 1)
        cells = [[Paragraph(str(c), self.s["cell"]) for c in row] for row in rows]
        out.append(_table(cells, [first] + [rest] * (len(people) + 1)))
        out += [CondPageBreak(40 * mm), self.p("How each set of weights was stated", "h2")]
        for person in people:
            how = person.elicitation.summary if person.elicitation else "entered directly"
            line = f"<b>{_esc(person.name)}</b>: {_esc(how)}"
            e = person.elicitation
            if e is not None and e.consistency_ratio is not None and e.consistency_ratio > 0.1:
                line += " (above Saaty's 0.10: the judgements should be revisited)"
            out.append(self.p(line + "."))
            if e is not None:
                out.append(self.p(_esc(self._answers(e)), "small"))
        out += [CondPageBreak(50 * mm), self.p("Top three", "h2")]
        rows = [["Weights of", "1", "2", "3"]]
        tops = [("Group", [c.candidate for c in analysis.group.top(3)])]
        tops += [(p.name, list(analysis.top(p.name))) for p in people]
        for who, labels in tops:
            rows.append(
                [Paragraph(_esc(who), self.s["cell"])]
                + [Paragraph(_esc(self.name(lab)), self.s["cell"]) for lab in labels]
                + [""] * (3 - len(labels))
            )
        w = self.width
        out.append(_table(rows, [w * 0.19, w * 0.27, w * 0.27, w * 0.27]))
        widest = analysis.widest()
        out += [CondPageBreak(30 * mm), self.p("Where they disagree", "h2")]
        if not widest:
            out.append(self.p("Every stakeholder weights every criterion alike."))
        for spread in widest:
            text = spread.describe(f"<b>{_esc(self.crit(spread.key))}</b>", _esc)
            out.append(self.p(f"{text[:-1]}; group {spread.group:.0%})."))
        out.append(self.p(f"Acceptable to all (in every stakeholder's top {analysis.top_k})", "h2"))
        if analysis.consensus:
            ranks = analysis.group.ranks()
            out.append(
                self.p(
                    "; ".join(
                        f"{_esc(self.name(c))} (group rank {ranks[c]})" for c in analysis.consensus
                    )
                    + "."
                )
            )
        else:
            out.append(
                self.p(
                    f"No candidate is in every stakeholder's top {analysis.top_k}; the group's "
                    "choice is a compromise no stakeholder ranks highly. Revisit the weights "
                    "where they disagree most, or widen k."
                )
            )
        return out

    def _answers(self, elicitation) -> str:
        """The answers behind elicited weights, so a reader can recompute them."""
        names = [self.crit(k) for k in elicitation.keys]
        if elicitation.method.value == "ahp":
            pairs = [(a, b) for i, a in enumerate(names) for b in names[i + 1 :]]
            return "Judgements (how many times as important): " + "; ".join(
                f"{a} : {b} = {_ratio(v)}"
                for (a, b), v in zip(pairs, elicitation.judgements, strict=True)
            )
        return "Swings rated out of 100: " + "; ".join(
            f"{n} {r:g}" for n, r in zip(names, elicitation.ratings, strict=True)
        )

    def ranking_section(self) -> list:
        ranking, matrix = self.inputs.ranking, self.inputs.matrix
        out = [PageBreak(), self.p("Ranking", "h1")]
        price = matrix.column("blended_usd_per_mtok")
        context = matrix.column("context_window")
        rows = [["#", "Candidate", "Score", "Coverage", "Pareto", "$/Mtok", "Context", "Src"]]
        for cand in ranking.candidates:
            r = self.row_of[cand.candidate]
            rows.append(
                [
                    str(cand.rank),
                    Paragraph(_esc(self.name(cand.candidate)), self.s["cell"]),
                    f"{cand.score:.3f}",
                    f"{cand.coverage:.0%}",
                    "yes" if cand.pareto else "",
                    _num(price[r]),
                    _num(context[r]),
                    self._cite_attributes(r),
                ]
            )
        w = self.width
        out.append(
            _table(
                rows,
                [w * 0.05, w * 0.38, w * 0.09, w * 0.1, w * 0.08, w * 0.09, w * 0.12, w * 0.09],
                right=(0, 2, 3, 5, 6),
            )
        )
        out.append(
            self.p(
                "$/Mtok: blended list price, (3 × input + output) / 4, USD per million "
                "tokens. Pareto: no other candidate is at least as good on every weighted "
                "criterion and better on one.",
                "small",
            )
        )
        if ranking.excluded:
            out.append(self.p(f"Excluded candidates ({len(ranking.excluded)})", "h2"))
            rows = [["Candidate", "Reasons"]]
            for e in ranking.excluded:
                rows.append(
                    [
                        Paragraph(_esc(self.name(e.candidate)), self.s["cell"]),
                        Paragraph(_esc("; ".join(e.reasons)), self.s["cell"]),
                    ]
                )
            out.append(_table(rows, [w * 0.35, w * 0.65]))
        if ranking.notes:
            out.append(self.p("Notes: " + " ".join(_esc(n) for n in ranking.notes), "small"))
        return out

    def tradeoffs(self) -> list:
        matrix, ranking = self.inputs.matrix, self.inputs.ranking
        out = [
            PageBreak(),
            self.p("Trade-offs", "h1"),
            self.p(
                "Each point is a ranked candidate; the dashed line joins the best "
                "trade-offs between the "
                "two axes (no other candidate is better on both)."
            ),
        ]
        charts = [("blended_usd_per_mtok", "Blended price, USD / M tokens")]
        if not np.all(np.isnan(matrix.column("latency_ttft_s"))):
            charts.append(("latency_ttft_s", "Time to first token, s"))
        for key, label in charts:
            data = tradeoff(matrix, ranking, key, SCORE)
            vendors = [str(matrix.vendors[r]) for r in data.rows]
            out.append(self.p(f"Score against {label.split(',')[0].lower()}", "h2"))
            out.append(scatter_chart(data, vendors, label, "Score", self.width, 78 * mm))
            front = ", ".join(_esc(self.name(self.labels[data.rows[i]])) for i in data.front)
            note = f"Best trade-offs: {front}." if front else ""
            if data.not_shown:
                note += f" {data.not_shown} ranked candidates without a figure are not shown."
            out.append(self.p(note, "small"))
        if len(charts) == 1:
            out.append(
                self.p(
                    "No latency measurements are in the catalogue, so the score against "
                    "latency chart is omitted.",
                    "small",
                )
            )
        return out

    def candidate_pages(self) -> list:
        ranking = self.inputs.ranking
        out = []
        for cand in ranking.top(self.options.shortlist):
            row = self.row_of[cand.candidate]
            weights = dict(zip(ranking.criteria, ranking.weights, strict=True))
            total = sum(self.inputs.profile.weights.values())
            items = [
                (self.crit(k), v, self.inputs.profile.weights.get(k, 0) / total)
                for k, v in cand.contributions.items()
            ]
            out += [
                PageBreak(),
                self.p(f"{cand.rank}. {_esc(self.name(cand.candidate))}", "h1"),
                self.p(self._why(cand)),
                self.p("Contribution to the score against the weight", "h2"),
                bar_chart(items, self.width),
                self.p("Figures counted", "h2"),
            ]
            rows = [
                ["Criterion", "Value", "Condition and context", "Source kind", "Date", "Source"]
            ]
            figures = self.figures_of(row)
            for f in figures.itertuples(index=False) if figures is not None else ():
                if f.criterion not in weights and f.criterion not in (
                    "blended_usd_per_mtok",
                    "context_window",
                ):
                    continue
                context = "; ".join(
                    str(v)
                    for v in (
                        f.reasoning_effort,
                        f.harness,
                        f.task_subset,
                        f.settings,
                        f.flags,
                        f.detail,
                    )
                    if v and v == v
                )
                ref = self.sources.cite(f.source_url, f.source_date)
                rows.append(
                    [
                        Paragraph(_esc(self.crit(f.criterion)), self.s["cell"]),
                        _num(f.value),
                        Paragraph(
                            _esc(
                                (f.condition or "attribute") + (f" — {context}" if context else "")
                            ),
                            self.s["cell"],
                        ),
                        _esc(_text(f.source_kind)),
                        Paragraph(_esc(_text(f.source_date, "undated")), self.s["cell"]),
                        ref,
                    ]
                )
            w = self.width
            out.append(
                _table(rows, [w * 0.22, w * 0.1, w * 0.36, w * 0.1, w * 0.14, w * 0.08], right=(1,))
            )
            if cand.missing:
                out.append(
                    self.p(
                        "Missing: "
                        + ", ".join(_esc(self.crit(c)) for c in cand.missing)
                        + f" — filled by the “{_esc(ranking.missing_rule)}” rule."
                    )
                )
            aside = self.inputs.matrix.set_aside
            if aside is not None and not aside.empty:
                mine = aside[aside["row"] == row]
                if len(mine):
                    listed = "; ".join(
                        f"{_esc(self.crit(a.benchmark))} {a.score:g} ({_esc(a.condition)}) "
                        f"{self.sources.cite(a.source_url, a.source_date)}"
                        for a in mine.itertuples(index=False)
                    )
                    out.append(
                        self.p(f"Published but not counted under this policy: {listed}.", "small")
                    )
        return out

    def method_appendix(self) -> list:
        r = self.inputs.ranking
        lines = [
            "<b>Candidates.</b> Each model in each mode (standard, extended thinking) the policy "
            "allows. A result counts only if its condition describes that mode and the policy "
            "allows it; one figure per candidate and benchmark is chosen by condition, then source "
            "kind (vendor, third party, internal before competitor), then most recent date.",
            "<b>Weights.</b> A group weight W is spread over its members in proportion to their "
            "shares: w<sub>c</sub> = Σ<sub>k</sub> W<sub>k</sub> s<sub>kc</sub> / Σ s<sub>k</sub>; "
            "weights are then divided by their sum.",
            self.measurements_line(),
            "<b>Constraints.</b> Applied first; an unknown value fails the constraint. "
            "Normalisation uses only the surviving candidates.",
            f"<b>Missing figures ({_esc(r.missing_rule)}).</b> worst: the worst observed value; "
            "mean: the mean of observed values; exclude: the candidate is excluded; renormalise: "
            "the candidate's own weights are rescaled over the criteria it has.",
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
            "<b>Coverage</b> is the share of weight a candidate has figures for. "
            "<b>Ties</b> are broken by model id, then mode. The full derivation is in "
            "docs/scoring.md of Model Advisor."
        )
        return [PageBreak(), self.p("Method", "h1"), *[self.p(line) for line in lines]]

    def measurements_line(self) -> str:
        """Which latency, speed and rate-limit figures the ranking used: the team's own or the
        published ones, and how many of the team's own were counted."""
        figures = self.figures
        measured = (
            "latency_ttft_s",
            "output_tokens_per_s",
            "rate_limit_rpm",
            "rate_limit_input_tpm",
        )
        own = 0
        if figures is not None and len(figures):
            mine = figures["criterion"].isin(measured) & (figures["source_kind"] == "internal")
            own = int(mine.sum())
        if self.inputs.profile.policy.own_measurements:
            return (
                "<b>Your measurements.</b> Latency, output speed and rate limits measured by your "
                "team (source kind internal, e.g. by Model Advisor's live probe from your own "
                "workstation and account) count before published figures; "
                f"{own} such figure(s) were used, each listed with its date, region and sample "
                "count."
            )
        return (
            "<b>Your measurements.</b> Not used: this profile ranks on published latency, speed "
            "and rate-limit figures only (policy.own_measurements = false)."
        )

    def caveats(self) -> list:
        figures = self.figures
        ranking = self.inputs.ranking
        used_rows = {self.row_of[c.candidate] for c in ranking.top(self.options.shortlist)}
        out = [self.p("Caveats", "h1")]
        if figures is not None and len(figures):
            counts = figures["source_kind"].fillna("unstated").value_counts()
            kinds = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in counts.items())
            out.append(
                self.p(
                    f"Who measured the figures used: {kinds}. Vendor and competitor figures are "
                    "self-reported under conditions the vendor chose; third-party and "
                    "internal figures "
                    "were measured independently."
                )
            )
            months = self.inputs.profile.policy.stale_after_months
            cutoff = cutoff_key(self.options.date, months)
            shortlisted = figures[figures["row"].isin(used_rows)]
            keys = date_key(shortlisted["source_date"])
            stale = shortlisted[(keys > 0) & (keys < cutoff)]
            undated = shortlisted[keys == 0]
            if len(stale):
                since = dt.date(cutoff // 10000, cutoff // 100 % 100, cutoff % 100)
                out.append(
                    self.p(
                        f"<b>Figures older than {months} months</b> (before "
                        f"{since.isoformat()}) among the shortlisted candidates:"
                    )
                )
                for row, group in stale.groupby("row"):
                    total = int((shortlisted["row"] == row).sum())
                    oldest = group["source_date"].iloc[
                        int(np.argmin(date_key(group["source_date"])))
                    ]
                    names = ", ".join(sorted({_esc(self.crit(c)) for c in group["criterion"]}))
                    out.append(
                        self.p(
                            f"{_esc(self.name(self.labels[row]))}: {len(group)} of {total} "
                            f"figures (oldest {_esc(oldest)}): {names}.",
                            "small",
                        )
                    )
            if len(undated):
                out.append(
                    self.p(
                        f"{len(undated)} figures of the shortlisted candidates have no "
                        "source date.",
                        "small",
                    )
                )
        aside = self.inputs.matrix.set_aside
        if aside is not None and len(aside):
            by_condition = aside["condition"].value_counts()
            out.append(
                self.p(
                    "Published figures not counted because of their condition: "
                    + ", ".join(f"{n} {_esc(c)}" for c, n in by_condition.items())
                    + "."
                )
            )
        return out

    def sources_appendix(self) -> list:
        out = [
            PageBreak(),
            self.p("Sources", "h1"),
            self.p(
                "Every source behind a figure in this report; numbers in the tables refer "
                "to these entries.",
                "small",
            ),
        ]
        rows = [["#", "Source", "Date"]]
        for number, url, dates in self.sources.entries():
            rows.append(
                [
                    f"[{number}]",
                    Paragraph(_esc(url), self.s["cell"]),
                    Paragraph(_esc("; ".join(dates)), self.s["cell"]),
                ]
            )
        w = self.width
        out.append(_table(rows, [w * 0.07, w * 0.68, w * 0.25]))
        return out

    def story(self) -> list:
        body = self.cover() + self.executive_summary() + self.requirements()
        body += self.stakeholders()
        body += self.ranking_section() + self.robustness() + self.tradeoffs()
        body += self.candidate_pages()
        body += [*self.method_appendix(), CondPageBreak(60 * mm), *self.caveats()]
        return body + self.sources_appendix()


def _footer(options: ReportOptions, profile_name: str) -> Callable:
    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(colors.HexColor("#666666"))
        text = (
            f"{options.title} · {profile_name} · {options.date.isoformat()} · "
            f"Model Advisor {_app_version()}"
        )
        canvas.drawString(18 * mm, 10 * mm, text)
        canvas.drawRightString(doc.pagesize[0] - 18 * mm, 10 * mm, f"Page {doc.page}")
        canvas.restoreState()

    return draw


def write_report(inputs: ReportInputs, path: Path, options: ReportOptions | None = None) -> Path:
    """Write the report to ``path`` atomically; raise AdvisorError with a clear message."""
    options = options or ReportOptions()
    if options.page_size not in PAGE_SIZES:
        raise AdvisorError(f"Unknown page size {options.page_size!r}; use A4 or Letter.")
    register_fonts()
    path = Path(path)
    try:
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(handle)
    except OSError as exc:
        raise AdvisorError(
            f"Cannot write the report to {path} ({exc.strerror}); choose another location."
        ) from None
    try:
        builder = ReportBuilder(inputs, options)
        doc = SimpleDocTemplate(
            temp,
            pagesize=PAGE_SIZES[options.page_size],
            leftMargin=18 * mm,
            rightMargin=18 * mm,
            topMargin=16 * mm,
            bottomMargin=18 * mm,
            title=options.title,
            author=options.author or "Model Advisor",
            subject=f"Recommendation for profile {inputs.profile.name}",
            creator="Model Advisor",
            invariant=True,
        )
        footer = _footer(options, inputs.profile.name)
        doc.build(builder.story(), onFirstPage=footer, onLaterPages=footer)
        publish(temp, path)
    except OSError as exc:
        raise AdvisorError(
            f"Cannot write the report to {path} ({exc.strerror}); choose another location."
        ) from None
    finally:
        Path(temp).unlink(missing_ok=True)
    return path
