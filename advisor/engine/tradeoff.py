"""What a trade-off chart plots, shared by the GUI view and the PDF report: the two axes' values
for ranked candidates, which way is better on each, and the 2-D Pareto front of the pair."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from advisor.domain.ranking import Ranking
from advisor.engine.matrix import DecisionMatrix

SCORE = "__score__"


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


def axis_values(matrix: DecisionMatrix, ranking: Ranking, key: str) -> tuple[np.ndarray, bool]:
    """One axis for every matrix row (NaN where missing) and whether higher is better."""
    if key == SCORE:
        return np.asarray(ranking.arrays.scores, dtype=float), True
    column = matrix.criteria.index(key)
    return matrix.values[:, column], bool(matrix.higher_is_better[column])


def tradeoff(matrix: DecisionMatrix, ranking: Ranking, x_key: str, y_key: str) -> TradeoffData:
    """The data of a trade-off chart of ``y_key`` against ``x_key`` (criterion ids or SCORE)."""
    x_all, x_higher = axis_values(matrix, ranking, x_key)
    y_all, y_higher = axis_values(matrix, ranking, y_key)
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
    )
