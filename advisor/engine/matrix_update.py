"""A decision matrix brought up to date after an edit of a few models' rows, without a rebuild.

Everything a matrix row holds comes from its own model's rows (results, prices and other
attributes, measurements, rate limits, lifecycle events) and from tables every row shares
(benchmarks, criterion groups, assurances). After an edit that changed only some models'
rows, those models' rows are built again from their own rows alone and put in place of the
old ones; every other row, figure and alternative is kept. The result equals a rebuild
(tests/engine/test_matrix_update.py checks it against one after random edits).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import pandas as pd

from advisor.domain.criteria import ATTRIBUTE_CRITERIA
from advisor.domain.frames import CatalogueFrames
from advisor.domain.profile import Policy
from advisor.engine.constraints import channel_words
from advisor.engine.lifecycle import Lifecycle, lifecycle
from advisor.engine.matrix import (
    DecisionMatrix,
    assemble_matrix,
    benchmark_figures,
    build_decision_matrix,
    candidates_of,
    rate_limit_table,
    task_criteria,
)

# Tables whose rows name the model they describe in a "model_id" column.
_BY_MODEL = ("models", "results", "measurements", "model_attributes", "lifecycle")
# Per-row arrays of a matrix, spliced row block by row block.
_ROW_ARRAYS = (
    "model_ids",
    "modes",
    "vendors",
    "open_weights",
    "values",
    "channels",
    "regions",
    "efforts",
)
# Per-figure tables with a "row" column, each ordered so that a model's rows are together.
_ROW_TABLES = ("figures", "set_aside", "alternatives", "lifecycle")


def frames_of_models(
    frames: CatalogueFrames, model_ids: Collection[str], in_model_order: bool = False
) -> CatalogueFrames:
    """``frames`` cut down to the rows that describe ``model_ids`` (tables every model shares
    kept whole); rate limits that name a model among others are kept too. ``in_model_order``:
    the caller knows each table keyed by model is sorted by model id (a catalogue's tables
    are read in primary-key order), so it is not checked."""
    ids = sorted(model_ids)
    tables = {}
    for name in _BY_MODEL:
        table = getattr(frames, name)
        tables[name] = None if table is None else _rows_of(table, ids, in_model_order)
    wanted = set(ids)
    named = [
        isinstance(listed, str) and any(m.strip() in wanted for m in listed.split(";"))
        for listed in frames.rate_limits["model_ids"].tolist()
    ]
    return CatalogueFrames(
        benchmarks=frames.benchmarks,
        criterion_groups=frames.criterion_groups,
        rate_limits=frames.rate_limits[np.array(named, dtype=bool)],
        sources=frames.sources,
        assurances=frames.assurances,
        **tables,
    )


def _rows_of(table: pd.DataFrame, ids: list[str], in_order: bool = False) -> pd.DataFrame:
    """The rows of ``table`` whose model is one of ``ids`` (sorted), in table order."""
    keys = table["model_id"].to_numpy(dtype=object)
    try:
        in_order = in_order or len(keys) < 2 or bool((keys[1:] >= keys[:-1]).all())
    except TypeError:  # a missing model id: not a catalogue's table
        in_order = False
    if not in_order:
        return table[table["model_id"].isin(ids)]
    # a catalogue's tables come sorted by model id first: each model's rows are one slice
    return table.iloc[_positions(keys, ids)]


def _positions(keys: np.ndarray, wanted) -> np.ndarray:
    """Where each of ``wanted`` (sorted) sits in ``keys`` (sorted): every matching position,
    in order."""
    starts = np.searchsorted(keys, wanted, "left")
    ends = np.searchsorted(keys, wanted, "right")
    spans = [np.arange(a, b) for a, b in zip(starts, ends, strict=True)]
    return np.concatenate(spans) if spans else np.empty(0, dtype=np.int64)


@dataclass(frozen=True)
class ModelsEdited:
    """An edit that changed only some models' rows: the catalogue after it, those models, and
    their rows before and after (what every matrix's update needs, worked out once)."""

    frames: CatalogueFrames  # the whole catalogue after the edit
    models: tuple[str, ...]  # sorted
    part: CatalogueFrames  # the edited models' rows after the edit
    tasks_before: frozenset[str]  # cost- and time-per-task criteria their rows had
    tasks_after: frozenset[str]
    tables: frozenset[str] | None  # the tables the edit changed (None: not said)

    @classmethod
    def between(
        cls,
        before: CatalogueFrames,
        after: CatalogueFrames,
        model_ids: Collection[str],
        tables: Collection[str] | None = None,
        in_model_order: bool = False,
    ) -> ModelsEdited:
        """``tables``: the tables the edit changed (None: any of the models' tables);
        ``in_model_order``: as for :func:`frames_of_models`, for both ``before`` and
        ``after``."""
        models = tuple(sorted(model_ids))
        part = frames_of_models(after, models, in_model_order)
        before_results = _rows_of(before.results, list(models), in_model_order)
        return cls(
            frames=after,
            models=models,
            part=part,
            tables=None if tables is None else frozenset(tables),
            tasks_before=frozenset(task_criteria(before_results)),
            tasks_after=frozenset(task_criteria(part.results)),
        )

    @property
    def results_only(self) -> bool:
        """Whether only benchmark results changed."""
        return self.tables is not None and self.tables <= {"results"}

    def tasks(self, matrix: DecisionMatrix) -> tuple[str, ...]:
        """The matrix's cost- and time-per-task criteria after the edit: a criterion only the
        edited models' rows had before may be gone (then all results are looked at)."""
        if not self.tasks_before <= self.tasks_after:
            return task_criteria(self.frames.results)
        first = len(ATTRIBUTE_CRITERIA) + len(self.frames.benchmarks)
        return tuple(sorted(set(matrix.criteria[first:]) | self.tasks_after))


def update_matrix(
    matrix: DecisionMatrix, edited: ModelsEdited, policy: Policy
) -> DecisionMatrix | None:
    """``matrix`` (built for ``policy`` before the edit) with the edited models' rows built
    again from their rows after it. None when the edit changed which criteria the matrix has
    (a model's figure was the only cost-per-task figure of its benchmark, say) or the matrix's
    rows are not in the built order: then rebuild."""
    if not matrix.rows_in_tiebreak_order or not edited.models:
        return None
    tasks = edited.tasks(matrix)
    part = _rows_rebuilt(matrix, edited, policy, tasks)
    if part.criteria != matrix.criteria:
        return None
    same_limits = edited.tables is not None and "rate_limits" not in edited.tables
    limits = matrix.rate_limits if same_limits else rate_limit_table(edited.frames)
    return _spliced(matrix, part, edited.models, limits)


def _rows_rebuilt(
    matrix: DecisionMatrix, edited: ModelsEdited, policy: Policy, tasks: tuple[str, ...]
) -> DecisionMatrix:
    """The edited models' rows, built from their rows after the edit. When only results
    changed and the models' candidates stayed the same, their other figures (prices, limits,
    measurements, rate limits) are the matrix's own: only benchmark figures are picked again."""
    candidates = candidates_of(edited.part, policy)
    rows = _positions(matrix.model_ids, edited.models)
    if edited.results_only and _same_candidates(matrix, rows, candidates):
        bench_cells, set_aside, bench_others = benchmark_figures(edited.part, candidates, policy)
        kept = set(ATTRIBUTE_CRITERIA)
        return assemble_matrix(
            edited.part,
            policy,
            candidates,
            [_kept_rows(matrix.figures, rows, kept), bench_cells],
            set_aside,
            [_kept_rows(matrix.alternatives, rows, kept), bench_others],
            tasks=tasks,
            rate_limits=matrix.rate_limits,
        )
    return build_decision_matrix(edited.part, policy, tasks=tasks)


def _same_candidates(matrix: DecisionMatrix, rows: np.ndarray, candidates: pd.DataFrame) -> bool:
    """Whether ``candidates`` are the matrix's ``rows`` (model, mode, band and offer each)."""
    if len(rows) != len(candidates):
        return False
    pairs = (
        (matrix.model_ids, "model_id"),
        (matrix.modes, "mode"),
        (matrix.efforts, "effort"),
        (matrix.channels, "channel"),
        (matrix.regions, "region"),
    )
    return all(
        np.array_equal(np.asarray(mine, dtype=object)[rows], candidates[column].to_numpy(object))
        for mine, column in pairs
    )


def _kept_rows(table: pd.DataFrame, rows: np.ndarray, criteria: set[str]) -> pd.DataFrame:
    """The entries of ``table`` (ordered by row) on ``rows`` whose criterion is one of
    ``criteria``, renumbered as those rows' positions."""
    picked = table.iloc[_positions(table["row"].to_numpy(), rows)]
    picked = picked[picked["criterion"].isin(criteria).to_numpy(bool)]
    position = np.empty(int(rows.max(initial=-1)) + 1, dtype=np.int64)
    position[rows] = np.arange(len(rows))
    return picked.assign(row=position[picked["row"].to_numpy(int)])


def _spliced(
    old: DecisionMatrix, part: DecisionMatrix, models: tuple[str, ...], rate_limits: pd.DataFrame
) -> DecisionMatrix:
    """``old`` with each model's rows replaced by its rows in ``part`` (both sorted by model
    first), renumbering the rows of every per-figure table."""
    old_keys, part_keys = old.model_ids, part.model_ids
    # (matrix, first row, end row) blocks in the new order
    blocks: list[tuple[DecisionMatrix, int, int]] = []
    kept_from = 0
    for model in models:
        start, end = (
            np.searchsorted(old_keys, model, "left"),
            np.searchsorted(old_keys, model, "right"),
        )
        first = np.searchsorted(part_keys, model, "left")
        last = np.searchsorted(part_keys, model, "right")
        blocks += [(old, kept_from, int(start)), (part, int(first), int(last))]
        kept_from = int(end)
    blocks.append((old, kept_from, len(old)))
    blocks = [b for b in blocks if b[2] > b[1]]

    arrays = {
        name: np.concatenate([getattr(m, name)[a:b] for m, a, b in blocks])
        if blocks
        else getattr(old, name)[:0]
        for name in _ROW_ARRAYS
    }
    tables = {name: _spliced_table(getattr(old, name), name, blocks) for name in _ROW_TABLES}
    spliced = DecisionMatrix(
        criteria=old.criteria,
        higher_is_better=old.higher_is_better,
        groups=old.groups,
        tiebreak=np.arange(len(arrays["model_ids"])),
        rate_limits=rate_limits,
        budget_band=old.budget_band,
        scales=old.scales,
        assurances=part.assurances,
        **arrays,
        **tables,
    )
    _keep_row_facts(old, part, spliced, blocks)
    return spliced


def _keep_row_facts(
    old: DecisionMatrix,
    part: DecisionMatrix,
    spliced: DecisionMatrix,
    blocks: list[tuple[DecisionMatrix, int, int]],
) -> None:
    """What the old matrix worked out per row (labels, channel words, lifecycles at each
    decision date asked for) kept for the kept rows and worked out for the rebuilt ones: made
    once per catalogue, not once per edit. Each is a function of its own row alone."""
    memo = spliced.__dict__

    def joined(kept: np.ndarray, rebuilt: np.ndarray) -> np.ndarray:
        pieces = [(kept if m is old else rebuilt)[a:b] for m, a, b in blocks]
        return np.concatenate(pieces) if pieces else kept[:0]

    memo["_labels"] = joined(old.labels_array(), part.labels_array())
    if "_channel_words" in old.__dict__:
        memo["_channel_words"] = joined(channel_words(old), channel_words(part))
    lifecycles = old.__dict__.get("_lifecycle_memo")
    if lifecycles:
        memo["_lifecycle_memo"] = {}
        for (as_of, months), before in lifecycles.items():
            rebuilt = lifecycle(part, as_of, months)
            columns = {
                name: joined(getattr(before, name), getattr(rebuilt, name))
                for name in ("badges", "texts", "retired", "short")
            }
            memo["_lifecycle_memo"][as_of, months] = Lifecycle(
                **columns, as_of=as_of, months=months
            )


def _spliced_table(
    like: pd.DataFrame, name: str, blocks: list[tuple[DecisionMatrix, int, int]]
) -> pd.DataFrame:
    """Table ``name`` of each block's matrix, cut to the block's rows and renumbered (no rows:
    ``like`` emptied)."""
    pieces, rows, new_start = [], [], 0
    for matrix, a, b in blocks:
        table = getattr(matrix, name)
        row = table["row"].to_numpy()
        # the table holds a model's rows together and models in order, so bisection finds
        # a block's edges even where rows within one model are not sorted
        lo, hi = np.searchsorted(row, a, "left"), np.searchsorted(row, b, "left")
        if hi > lo:
            pieces.append(table.iloc[lo:hi])
            rows.append(row[lo:hi] - a + new_start)
        new_start += b - a
    if not pieces:
        return like.iloc[:0]
    out = pd.concat(pieces, ignore_index=True)  # one copy; renumbered in place
    out["row"] = np.concatenate(rows)
    return out
