"""What a trade-off chart plots, shared by the GUI view and the PDF report: the two axes' values
for ranked candidates, which way is better on each, and the 2-D Pareto front of the pair."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np

from advisor.domain.criteria import ATTRIBUTE_CRITERIA, task_parts
from advisor.domain.ranking import Ranking
from advisor.domain.wording import counted
from advisor.engine.estimates import counted_estimate
from advisor.engine.matrix import DecisionMatrix

SCORE = "__score__"
# The sections of an axis list, in the order a chart's combo shows them.
GROUPS, ATTRIBUTES, WORKLOAD, BENCHMARKS = "Groups", "Model attributes", "Workload", "Benchmarks"
TASKS = "Cost and time per task"


# Tableau's ten colours; with two marker shapes they tell twenty vendors apart.
VENDOR_COLOURS = (
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
)  # fmt: skip
MARKERS = ("circle", "triangle")  # the triangle points down
OTHER_COLOUR = "#888888"


@dataclass(frozen=True)
class VendorStyle:
    """How a vendor's points look in every chart, in the window and in the report."""

    colour: str  # "#rrggbb"
    marker: str  # one of MARKERS


OTHER_VENDORS = VendorStyle(OTHER_COLOUR, "circle")


def vendor_styles(model_vendors) -> dict[str, VendorStyle]:
    """A colour and a marker for each of the twenty vendors with the most models in the
    catalogue (``model_vendors``: one vendor per model), the ten colours as circles then as
    triangles, vendors in alphabetical order; other vendors share :data:`OTHER_VENDORS`, so
    no two vendors in a legend look alike. The same catalogue gives the same styles wherever
    it is drawn."""
    counts = Counter(str(vendor) for vendor in model_vendors)
    busiest = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    marked = sorted(v for v, _n in busiest[: len(VENDOR_COLOURS) * len(MARKERS)])
    return {
        vendor: VendorStyle(
            VENDOR_COLOURS[i % len(VENDOR_COLOURS)], MARKERS[i // len(VENDOR_COLOURS)]
        )
        for i, vendor in enumerate(marked)
    }


def legend_entries(vendors, styles: dict[str, VendorStyle]) -> list[tuple[str, VendorStyle]]:
    """A chart's legend: each vendor shown with its style, A to Z, then one entry for the
    vendors that share :data:`OTHER_VENDORS` ("3 other vendors")."""
    shown = sorted(set(vendors))
    entries = [(v, styles[v]) for v in shown if v in styles]
    others = sum(v not in styles for v in shown)
    if others:
        entries.append((counted(others, "other vendor"), OTHER_VENDORS))
    return entries


def tick_text(value: float, spacing: float | None = None) -> str:
    """An axis tick as people read it, the same in the window and the report: "1,000,000"
    rather than "1e+06", "0.05" rather than "5e-02"; as many decimals as the tick ``spacing``
    needs (or, without one, as the value itself needs)."""
    if not math.isfinite(value):
        return ""
    step = spacing if spacing and spacing > 0 else abs(value)
    decimals = 0 if step == 0 or step >= 1 else min(6, -math.floor(math.log10(step) + 1e-9))
    text = f"{value:,.{decimals}f}"
    return "0" if text.lstrip("-") == f"{0:.{decimals}f}" else text


@dataclass(frozen=True)
class TradeoffData:
    """Points (ranked candidates with a figure on both axes) and the front through them."""

    rows: np.ndarray  # matrix rows plotted
    x: np.ndarray
    y: np.ndarray
    x_higher_is_better: bool
    y_higher_is_better: bool
    front: np.ndarray  # indices into rows/x/y, ordered by x
    log_x_possible: bool
    not_shown: int  # ranked candidates without a figure on an axis
    # per point: a figure on an axis is an estimate (rule "estimate"; charts draw it hollow)
    estimated: np.ndarray | None = None


def pareto_front_2d(x: np.ndarray, y: np.ndarray, x_higher: bool, y_higher: bool) -> np.ndarray:
    """Indices of the points no other point beats on both axes, ordered by x."""
    xs = x if x_higher else -x
    ys = y if y_higher else -y
    order = np.lexsort((-ys, -xs))  # best x first; among equal x, best y first
    front, best_y = [], -math.inf
    for i in order:
        if ys[i] > best_y:
            front.append(i)
            best_y = ys[i]
    front = np.array(front, dtype=int)
    return front[np.argsort(x[front], kind="stable")] if len(front) else front


def _members(matrix: DecisionMatrix, group: str) -> dict[str, float]:
    """A group's members that are columns of the matrix, with their shares (> 0)."""
    index = set(matrix.criteria)
    return {c: s for c, s in matrix.groups.get(group, {}).items() if c in index and s > 0}


def axis_sections(matrix: DecisionMatrix) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Everything a trade-off axis can show, by section, each key once: the score; groups of
    several criteria (a group of one is shown as its criterion); model attributes and
    measurements; the workload's criteria; cost and time per task; benchmarks (in matrix
    order)."""
    groups = tuple(sorted(g for g in matrix.groups if len(_members(matrix, g)) > 1))
    attributes = tuple(
        c
        for c in matrix.criteria
        if c in ATTRIBUTE_CRITERIA and ATTRIBUTE_CRITERIA[c].kind != "workload"
    )
    workload = tuple(
        c
        for c in matrix.criteria
        if c in ATTRIBUTE_CRITERIA and ATTRIBUTE_CRITERIA[c].kind == "workload"
    )
    tasks = tuple(c for c in matrix.criteria if task_parts(c) is not None)
    benchmarks = tuple(c for c in matrix.criteria if c not in ATTRIBUTE_CRITERIA and c not in tasks)
    sections = (
        (GROUPS, groups),
        (ATTRIBUTES, attributes),
        (WORKLOAD, workload),
        (TASKS, tasks),
        (BENCHMARKS, benchmarks),
    )
    return (("", (SCORE,)), *((name, keys) for name, keys in sections if keys))


def group_values(matrix: DecisionMatrix, ranking: Ranking, group: str) -> np.ndarray:
    """A group as one axis: for each ranked candidate, the share-weighted mean of its members'
    figures min-max normalised among ranked candidates (better = 1), members without a figure
    left out; NaN with none, and for candidates not ranked (docs/scoring.md, "Trade-off
    charts")."""
    members = _members(matrix, group)
    ranked = np.asarray(ranking.arrays.order, dtype=int)
    total = np.zeros(len(matrix))
    shares = np.zeros(len(matrix))
    for criterion, share in members.items():
        counted, _ = counted_column(matrix, ranking, criterion)
        x = counted[ranked]
        known = ~np.isnan(x)
        if not known.any():
            continue
        lo, hi = np.nanmin(x), np.nanmax(x)
        spread = hi - lo
        normal = np.where(known, (x - lo) / spread if spread > 0 else 1.0, 0.0)
        if not matrix.higher_is_better[matrix.criteria.index(criterion)]:
            normal = np.where(known, 1.0 - normal, 0.0) if spread > 0 else normal
        total[ranked] += share * normal
        shares[ranked] += share * known
    out = np.full(len(matrix), np.nan)
    has = shares > 0
    out[has] = total[has] / shares[has]
    return out


def counted_column(
    matrix: DecisionMatrix, ranking: Ranking, criterion: str
) -> tuple[np.ndarray, np.ndarray]:
    """A criterion's figures for every matrix row as the ranking counted them: the published
    figure, or under the rule "estimate" the estimate that filled its gap; and which are
    estimates."""
    guess = counted_estimate(ranking, len(matrix), criterion)[0]
    estimated = ~np.isnan(guess)
    published = matrix.values[:, matrix.criteria.index(criterion)]
    return np.where(estimated, guess, published), estimated


def axis_values(
    matrix: DecisionMatrix, ranking: Ranking, key: str
) -> tuple[np.ndarray, bool, np.ndarray]:
    """One axis for every matrix row (NaN where missing), whether higher is better, and which
    rows' values rest on an estimate: the score, a criterion, or a group (a group of one
    criterion is that criterion)."""
    none = np.zeros(len(matrix), dtype=bool)
    if key == SCORE:
        return np.asarray(ranking.arrays.scores, dtype=float), True, none
    if key in matrix.groups and key not in matrix.criteria:
        members = _members(matrix, key)
        if len(members) == 1:
            key = next(iter(members))
        else:
            guessed = none.copy()
            for criterion in members:
                guessed |= counted_column(matrix, ranking, criterion)[1]
            return group_values(matrix, ranking, key), True, guessed
    if key not in matrix.criteria:
        raise ValueError(f"{key!r} is neither a criterion nor a group of this catalogue")
    values, guessed = counted_column(matrix, ranking, key)
    return values, bool(matrix.higher_is_better[matrix.criteria.index(key)]), guessed


def tradeoff(matrix: DecisionMatrix, ranking: Ranking, x_key: str, y_key: str) -> TradeoffData:
    """The data of a trade-off chart of ``y_key`` against ``x_key`` (criterion ids or SCORE)."""
    x_all, x_higher, x_guessed = axis_values(matrix, ranking, x_key)
    y_all, y_higher, y_guessed = axis_values(matrix, ranking, y_key)
    ranked = np.asarray(ranking.arrays.order, dtype=int)
    rows = ranked[~np.isnan(x_all[ranked]) & ~np.isnan(y_all[ranked])]
    x, y = x_all[rows], y_all[rows]
    front = pareto_front_2d(x, y, x_higher, y_higher) if len(rows) else np.array([], dtype=int)
    return TradeoffData(
        rows=rows,
        x=x,
        y=y,
        x_higher_is_better=x_higher,
        y_higher_is_better=y_higher,
        front=front,
        log_x_possible=bool(len(rows) and np.all(x > 0)),
        not_shown=len(ranked) - len(rows),
        estimated=(x_guessed | y_guessed)[rows],
    )
