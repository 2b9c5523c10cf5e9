"""The ranking as a sortable table: ranked candidates, then the excluded ones greyed with their
reasons. The model reads the state's ranking arrays; it never computes a score."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from advisor.app import estimates, uncertainty
from advisor.app.offers import offer_columns
from advisor.app.ranking import OldFigures, figures_for
from advisor.domain.efforts import band_text, split_label
from advisor.domain.uncertainty_words import (
    estimate_cell,
    estimate_text,
    odds_text,
    uncertainty_text,
)
from advisor.gui.labels import format_figure, format_number, mode_text, model_names
from advisor.gui.models.session import QtSession
from advisor.gui.theme import ESTIMATE_COLOUR
from advisor.gui.views.frozen_columns import FrozenColumns

KEY_BENCHMARKS = ("swe-bench-verified", "aider-polyglot", "gpqa-diamond")
SHORT_NAMES = {
    "swe-bench-verified": "SWE-bench V.",
    "aider-polyglot": "Aider",
    "gpqa-diamond": "GPQA ◆",  # ◆ = Diamond (the header's tooltip says so)
}
# Δ, # and Candidate stay in place while the other columns scroll sideways, so a name stays
# beside its figures and its reason for exclusion
FROZEN_COLUMNS = 3
# Columns by name (the benchmark, "Old" and "Why excluded" columns follow HEADERS).
(
    DELTA,
    RANK,
    CANDIDATE,
    VENDOR,
    CHANNEL,
    SCORE,
    COVERAGE,
    PARETO,
    PRICE,
    CONTEXT,
) = range(10)
TEXT_COLUMNS = (CANDIDATE, VENDOR, CHANNEL)
# A lifecycle badge as the Channel column shows it.
BADGES = {"retired": "⛔ retired", "retiring": "⏳ retiring", "deprecated": "⚠ deprecated"}
BADGES["preview"] = "β preview"
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
LABEL_ROLE = Qt.ItemDataRole.UserRole + 2
EXCLUDED_ROLE = Qt.ItemDataRole.UserRole + 3
# The roles the model answers; Qt asks a dozen more for every painted cell, twice where the
# frozen columns lie over the table, so those are turned away before any work.
ANSWERED_ROLES = frozenset(
    int(r)
    for r in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.FontRole,
        SORT_ROLE,
        LABEL_ROLE,
        EXCLUDED_ROLE,
    )
)


# Tie marks wait for the ranking to settle (a slider drag re-ranks many times), then draw this
# many samples: P(first) within about 1 point.
TIE_DELAY_MS = 250
TIE_SAMPLES = 4000


@dataclass(frozen=True, slots=True)
class Tie:
    """A ranked row's place among its statistical ties (app.uncertainty.tie_groups)."""

    group: int  # 0: tied with the leader
    head_rank: int  # the place of its group's first candidate
    within: bool  # in the group of a better-ranked candidate (the table shows "≈")
    shared: bool  # its group has more than one candidate
    p_first: float
    p_head: float
    p_leader: float


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    name: str
    mode: str
    vendor: str
    rank: int | None
    change: int | None  # positive = moved up; None = new or unknown
    score: float
    coverage: float
    pareto: bool
    price: float
    context: float
    benchmarks: tuple[float, ...]
    reasons: tuple[str, ...]
    workload: tuple[float, float, float] = (math.nan, math.nan, math.nan)
    offer: str = "Vendor API"  # "AWS Bedrock · eu"
    badge: str = ""  # "retired", "retiring", "deprecated", "preview" or ""
    lifecycle: str = ""  # the sentence behind the badge, with its source
    others: int = 0  # the model's other offers in this mode (hidden unless every offer shows)
    matrix_row: int = -1
    # per key benchmark, the estimate its score counted (rule "estimate"): (value, stderr),
    # NaN where the figure is published or nothing was estimated
    estimates: tuple[tuple[float, float], ...] = ()


@cache
def _italic() -> QFont:
    font = QFont()
    font.setItalic(True)
    return font


def _fmt(value: float, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if abs(value) >= 10_000:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}".rstrip("0").rstrip(".")


class RankingModel(QAbstractTableModel):
    """Rows: ranked candidates in rank order, then excluded candidates. Each model and mode
    shows once, through its best-ranked offer, unless ``every_offer`` is on."""

    HEADERS = (
        "Δ",
        "#",
        "Candidate",
        "Vendor",
        "Channel",
        "Score",
        "Coverage",
        "Pareto",
        "$/Mtok",
        "Context",
        "$/month",
        "$/1k req",
        "Headroom",
    )
    # The workload's columns (shown only while a workload is set), in HEADERS order.
    WORKLOAD_COLUMNS = (10, 11, 12)
    WORKLOAD_CRITERIA = ("monthly_cost", "cost_per_1k_requests", "rate_limit_headroom")

    def __init__(self, state: QtSession) -> None:
        super().__init__()
        self.state = state
        self.rows: list[Row] = []
        self.benchmark_names = dict(
            zip(
                state.session.frames.benchmarks["benchmark"],
                state.session.frames.benchmarks["name"],
                strict=True,
            )
        )
        self.headers = [*self.HEADERS, *(SHORT_NAMES.get(b, b) for b in KEY_BENCHMARKS)]
        self.headers += ["Old", "Why excluded"]
        self.old_column = len(self.headers) - 2
        self.stale: dict[str, list[str]] = {}
        self._old = OldFigures()
        self._names: tuple = (None, {})  # (frames, model_id -> display name)
        self.sort_column = 1
        self.sort_order = Qt.SortOrder.AscendingOrder
        self.every_offer = False
        self.ties: dict[str, Tie] = {}
        self.tie_groups: uncertainty.TieGroups | None = None
        self._tie_timer = QTimer(self)
        self._tie_timer.setSingleShot(True)
        self._tie_timer.setInterval(TIE_DELAY_MS)
        self._tie_timer.timeout.connect(self.update_ties)
        state.ranking_changed.connect(self._on_ranking_changed)

    def set_every_offer(self, on: bool) -> None:
        """Show every offer of every model, or each model and mode through its best one."""
        if on != self.every_offer:
            self.every_offer = on
            self._on_ranking_changed()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.headers[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                tips = {
                    DELTA: "Rank change since the last edit",
                    RANK: "Place in the ranking (each model and mode once, through its best "
                    "offer, unless Every offer is ticked). ≈ = within measurement noise of the "
                    "first candidate of its run: their figures' standard errors cannot tell them "
                    "apart at 95%; hover a place for P(first)",
                    CHANNEL: "Where the model is bought: the vendor's API, a cloud and region, a "
                    "gateway or self-hosting; (+N) its other offers; ⛔ retired, ⏳ retiring "
                    "within the support the profile requires, ⚠ deprecated, β preview",
                    SCORE: "Score from 0 to 1 under the profile's method",
                    COVERAGE: "Share of the weight this candidate has figures for",
                    PARETO: "★ = Pareto-optimal: no other candidate is at least as good on every "
                    "weighted criterion and better on one. With many weighted criteria many "
                    "candidates are; the trade-off chart's dashed line is over its two axes "
                    "only, so the two can differ",
                    PRICE: "Blended list price, (3 x input + output) / 4, USD per million "
                    "tokens, of this offer",
                    10: "Monthly cost at the workload, list prices, USD",
                    11: "Cost of 1,000 requests at the workload's token mix, USD",
                    12: "Rate-limit headroom at the workload's peak: the binding limit over the "
                    "demand (1× = just enough)",
                }
                bench = section - len(self.HEADERS)
                if 0 <= bench < len(KEY_BENCHMARKS):
                    key = KEY_BENCHMARKS[bench]
                    return f"{self.benchmark_names.get(key, key)} (the figure counted, %)"
                if section == self.old_column:
                    months = self.state.policy.stale_after_months
                    return (
                        f"⚠ N = N of the candidate's counted figures are older than {months} "
                        "months (policy: flag figures older than); hover a cell for which"
                    )
                if section == len(self.headers) - 1:
                    return "Why an excluded candidate is excluded (the constraints it fails)"
                return tips.get(section, self.headers[section])
        return None

    def _on_ranking_changed(self) -> None:
        self.beginResetModel()
        self.rows = self._sorted(self._build_rows())
        self.ties = {}
        self.endResetModel()
        self._tie_timer.start()

    # ----- measurement noise: which neighbours are statistically tied ----------------------
    def update_ties(self) -> None:
        """Mark the candidates measurement noise cannot tell apart (Monte Carlo over the
        figures' standard errors; run shortly after the ranking settles)."""
        rec = self.state.recommendation
        if rec is None or not len(rec.ranking):
            return
        groups = uncertainty.tie_groups(rec, samples=TIE_SAMPLES, every_offer=self.every_offer)
        self.tie_groups = groups
        heads = {}
        ties = {}
        for i, label in enumerate(groups.labels):
            g = int(groups.group[i])
            head = heads.setdefault(g, i)
            size = int((groups.group == g).sum())
            ties[label] = Tie(
                group=g,
                head_rank=head + 1,
                within=i != head,
                shared=size > 1,
                p_first=float(groups.p_first[i]),
                p_head=float(groups.p_head[i]),
                p_leader=float(groups.p_leader[i]),
            )
        self.ties = ties
        if self.rows:
            self.dataChanged.emit(self.index(0, RANK), self.index(len(self.rows) - 1, RANK))

    def _tie_tip(self, row: Row) -> str | None:
        tie = self.ties.get(row.label)
        if tie is None:
            return None
        groups = self.tie_groups
        first = f"P(first) {odds_text(tie.p_first)}"
        if tie.group == 0 and tie.shared:
            lead = (
                "the leader, "
                if not tie.within
                else f"P(#1 outscores it) {odds_text(tie.p_leader)}, "
            )
            return (
                f"≈ Tied at the top within measurement noise ({lead}{first}; "
                f"{groups.samples:,} draws of the figures within their standard errors)"
            )
        if tie.within:
            return (
                f"≈ Within measurement noise of #{tie.head_rank}: P(#{tie.head_rank} outscores "
                f"it) {odds_text(tie.p_head)}, below {groups.confidence:.0%}"
            )
        return (
            f"Distinguishable from the candidates above at {groups.confidence:.0%} confidence "
            f"({first})"
        )

    def _benchmark_tip(self, row: Row, criterion: str) -> str | None:
        rec = self.state.recommendation
        if rec is None or row.matrix_row < 0:
            return None
        figure = next(
            (f for f in figures_for(rec, row.matrix_row) if f["criterion"] == criterion), None
        )
        name = self.benchmark_names.get(criterion, criterion)
        if figure is None:
            counted = estimates.estimates_for(rec, row.matrix_row)
            found = next((e for e in counted if e["criterion"] == criterion), None)
            if found is not None:
                return (
                    f"{name}: "
                    + estimate_text(found["value"], found["stderr"], *found["interval_80"])
                    + "; see the detail pane for how it was estimated"
                )
            return f"{name}: no figure counted"
        spread = uncertainty_text(figure["stderr"], figure["stderr_origin"])
        return f"{name}: {format_number(figure['value'])}, {spread}"

    def _coverage_tip(self, row: Row) -> str | None:
        rec = self.state.recommendation
        found = rec.ranking.find(row.label) if rec is not None else None
        if found is None or not found.estimated:
            return None
        names = ", ".join(self.benchmark_names.get(c, c) for c in found.estimated)
        return (
            f"{row.coverage:.0%} of the weight has published figures. Estimated, not published "
            f"(so not counted as covered): {names}"
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column; excluded candidates always stay below the ranked ones."""
        self.sort_column, self.sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        # the view's current row and selection follow their candidates, not the row numbers
        old = self.persistentIndexList()
        held = [(self.rows[i.row()].label, i.column()) for i in old]
        self.rows = self._sorted(self.rows)
        position = {row.label: i for i, row in enumerate(self.rows)}
        self.changePersistentIndexList(
            old, [self.index(position[label], column) for label, column in held]
        )
        self.layoutChanged.emit()

    def _sorted(self, rows: list[Row]) -> list[Row]:
        # Keys are oriented so that larger is better; the first click on a column (ascending)
        # puts the best first (rank 1, highest score, cheapest), and text columns read A to Z.
        column = self.sort_column
        reverse = self.sort_order == Qt.SortOrder.DescendingOrder
        if column not in (*TEXT_COLUMNS, len(self.headers) - 1):
            reverse = not reverse

        def key(row: Row):
            value = self._sort_key(row, column)
            return (0, value) if not isinstance(value, str) else (1, value)

        ranked = sorted((r for r in rows if r.rank is not None), key=key, reverse=reverse)
        excluded = sorted((r for r in rows if r.rank is None), key=key, reverse=reverse)
        return ranked + excluded

    def _build_rows(self) -> list[Row]:
        rec = self.state.recommendation
        if rec is None:
            return []
        matrix, ranking = rec.matrix, rec.ranking
        arrays = ranking.arrays
        frames = self.state.session.frames
        if self._names[0] is not frames:  # names change with the catalogue, not the weights
            self._names = (frames, model_names(frames))
        names = self._names[1]
        price = matrix.column("blended_usd_per_mtok")
        context = matrix.column("context_window")
        workload = [
            matrix.column(c) if c in matrix.criteria else np.full(len(matrix), np.nan)
            for c in self.WORKLOAD_CRITERIA
        ]
        bench = [
            matrix.column(b) if b in matrix.criteria else np.full(len(matrix), np.nan)
            for b in KEY_BENCHMARKS
        ]
        guessed, guessed_se = estimates.counted_estimates(rec, KEY_BENCHMARKS)
        pareto = ranking.pareto_mask
        self.stale = self._old.of(rec, self.state.policy.stale_after_months)
        offers, badges, lifecycles = offer_columns(rec)
        labels_of = matrix.labels_array()
        order = np.asarray(arrays.order, dtype=int)
        keys = matrix.model_mode_keys()
        counts = np.bincount(keys[order], minlength=int(keys.max(initial=-1)) + 1)
        if not self.every_offer:
            order = order[np.sort(np.unique(keys[order], return_index=True)[1])]
        change = self._changes(labels_of, keys, order, rec)
        labels = labels_of[order].tolist()
        bench_rows = list(zip(*(col[order].tolist() for col in bench), strict=True))
        workload_rows = list(zip(*(col[order].tolist() for col in workload), strict=True))
        others = (counts[keys[order]] - 1).tolist() if not self.every_offer else [0] * len(order)
        guessed_rows = [
            tuple(zip(v, e, strict=True))
            for v, e in zip(guessed[order].tolist(), guessed_se[order].tolist(), strict=True)
        ]
        rows = [
            Row(
                label,
                names.get(model_id, model_id),
                mode,
                vendor,
                position + 1,
                moved,
                score,
                coverage,
                flag,
                cost,
                window,
                values,
                (),
                fit,
                offer,
                badge,
                note,
                more,
                matrix_row,
                estimated,
            )
            for position, (
                label,
                model_id,
                mode,
                vendor,
                moved,
                score,
                coverage,
                flag,
                cost,
                window,
                values,
                fit,
                offer,
                badge,
                note,
                more,
                matrix_row,
                estimated,
            ) in enumerate(
                zip(
                    labels,
                    matrix.model_ids[order],
                    matrix.modes[order],
                    matrix.vendors[order],
                    change,
                    np.asarray(arrays.scores)[order].tolist(),
                    np.asarray(arrays.coverage)[order].tolist(),
                    np.asarray(pareto)[order].tolist(),
                    price[order].tolist(),
                    context[order].tolist(),
                    bench_rows,
                    workload_rows,
                    offers[order].tolist(),
                    badges[order].tolist(),
                    lifecycles[order].tolist(),
                    others,
                    order.tolist(),
                    guessed_rows,
                    strict=True,
                )
            )
        ]
        ranked_keys = set(keys[np.asarray(arrays.order, dtype=int)].tolist())
        shown: set[int] = set()
        for r, excluded in zip(arrays.excluded, ranking.excluded, strict=True):
            key = int(keys[r])
            if not self.every_offer and (key in ranked_keys or key in shown):
                continue  # a model shows once: through a ranked offer, else its first one
            shown.add(key)
            rows.append(
                Row(
                    excluded.candidate,
                    names.get(excluded.model_id, excluded.model_id),
                    excluded.mode,
                    matrix.vendors[r],
                    None,
                    None,
                    math.nan,
                    float(arrays.coverage[r]),
                    False,
                    float(price[r]),
                    float(context[r]),
                    tuple(float(col[r]) for col in bench),
                    excluded.reasons,
                    tuple(float(col[r]) for col in workload),
                    str(offers[r]),
                    str(badges[r]),
                    str(lifecycles[r]),
                    0,
                    int(r),
                )
            )
        return rows

    def _changes(
        self, labels: np.ndarray, keys: np.ndarray, shown: np.ndarray, rec
    ) -> list[int | None]:
        """Each shown row's move since the ranking before, in the places this view shows:
        among every offer, or among the models (each through its best offer then)."""
        before = self.state.previous_ranks
        if not before:
            return [None] * len(shown)
        if self.every_offer:
            places = before
            now = labels[shown].tolist()
        else:
            # The models' places before: each model and mode at its best offer's rank.
            index = {label: i for i, label in enumerate(labels.tolist())}
            best: dict[int, int] = {}
            for label, rank in before.items():
                row = index.get(label)
                if row is not None:
                    key = int(keys[row])
                    best[key] = min(rank, best.get(key, rank))
            ordered = sorted(best, key=best.__getitem__)
            places = {key: place for place, key in enumerate(ordered, start=1)}
            now = keys[shown].tolist()
        return [
            (places[k] - position - 1) if k in places else None for position, k in enumerate(now)
        ]

    def row_of(self, label: str) -> int:
        """The row showing ``label``; for an offer not shown (each model shows through its
        best offer), the row of the same model and mode."""
        found = next((i for i, row in enumerate(self.rows) if row.label == label), -1)
        if found >= 0 or self.every_offer:
            return found
        model = label.split("/", 1)[0]
        return next(
            (i for i, row in enumerate(self.rows) if row.label.split("/", 1)[0] == model), -1
        )

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if role not in ANSWERED_ROLES or not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        excluded = row.rank is None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == LABEL_ROLE:
            return row.label
        if role == EXCLUDED_ROLE:
            return excluded
        if role == Qt.ItemDataRole.ToolTipRole:
            if excluded:
                return "Excluded: " + "; ".join(row.reasons)

            if column == CANDIDATE:
                band = split_label(row.label)[1]
                effort = f" · {band_text(band)}" if band else ""
                return f"{row.name} · {mode_text(row.mode)}{effort} · {row.offer}"
            if column == RANK:
                return self._tie_tip(row)
            bench = column - len(self.HEADERS)
            if 0 <= bench < len(KEY_BENCHMARKS):
                return self._benchmark_tip(row, KEY_BENCHMARKS[bench])
            if column == CHANNEL:
                parts = [row.offer]
                if row.others:
                    parts.append(
                        f"{row.others} other offer{'s' if row.others > 1 else ''} of this model "
                        "(tick Every offer to list them)"
                    )
                if row.lifecycle:
                    parts.append(row.lifecycle[:1].upper() + row.lifecycle[1:])
                return "\n".join(parts)
            if column == COVERAGE:
                return self._coverage_tip(row)
            if column == PARETO and row.pareto:
                return (
                    "★ Pareto-optimal: no other ranked candidate is at least as good on every "
                    "weighted criterion and better on one"
                )
            if column == self.old_column and row.label in self.stale:
                months = self.state.policy.stale_after_months
                return f"Figures older than {months} months:\n" + "\n".join(self.stale[row.label])
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if excluded:
                return QBrush(QColor(140, 140, 140))
            if column == DELTA and row.change:
                return QBrush(QColor(30, 150, 60) if row.change > 0 else QColor(200, 60, 50))
            if column == CHANNEL and row.badge in ("retiring", "deprecated", "preview"):
                return QBrush(QColor(185, 119, 14))
            bench = column - len(self.HEADERS)
            if 0 <= bench < len(KEY_BENCHMARKS) and self._estimate(row, bench) is not None:
                return QBrush(QColor(ESTIMATE_COLOUR))
        if role == Qt.ItemDataRole.FontRole:
            bench = column - len(self.HEADERS)
            if 0 <= bench < len(KEY_BENCHMARKS) and self._estimate(row, bench) is not None:
                return _italic()
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in (
            *TEXT_COLUMNS,
            len(self.headers) - 1,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: Row, column: int) -> str:
        bench_start = len(self.HEADERS)
        if column == DELTA:
            if row.rank is None:
                return ""
            if row.change is None:
                return "new" if self.state.previous_ranks else ""
            if row.change == 0:
                return ""
            return f"▲{row.change}" if row.change > 0 else f"▼{-row.change}"
        if column == RANK:
            if row.rank is None:
                return "—"
            tie = self.ties.get(row.label)
            return f"{row.rank} ≈" if tie is not None and tie.within else str(row.rank)
        if column == CANDIDATE:
            band = split_label(row.label)[1]
            if band:  # a candidate per effort band: the band says the mode (thinking)
                return f"{row.name} · thinking, {band_text(band)}"
            return f"{row.name} · {mode_text(row.mode)}"
        if column == VENDOR:
            return row.vendor
        if column == CHANNEL:
            text = row.offer + (f" (+{row.others})" if row.others else "")
            return f"{BADGES[row.badge]} · {text}" if row.badge in BADGES else text
        if column == SCORE:
            return "" if row.rank is None else f"{row.score:.3f}"
        if column == COVERAGE:
            return "—" if math.isnan(row.coverage) else f"{row.coverage:.0%}"
        if column == PARETO:
            return "★" if row.pareto else ""
        if column == PRICE:
            return _fmt(row.price, 2)
        if column == CONTEXT:
            return _fmt(row.context, 0)
        if column in self.WORKLOAD_COLUMNS:
            at = column - self.WORKLOAD_COLUMNS[0]
            return format_figure(self.WORKLOAD_CRITERIA[at], row.workload[at])
        if bench_start <= column < bench_start + len(KEY_BENCHMARKS):
            at = column - bench_start
            guess = self._estimate(row, at)
            if guess is not None:
                return estimate_cell(*guess)
            return _fmt(row.benchmarks[at]) if row.benchmarks else "—"
        if column == self.old_column:
            count = len(self.stale.get(row.label, ()))
            return f"⚠ {count}" if count else ""
        return "; ".join(row.reasons)

    @staticmethod
    def _estimate(row: Row, at: int) -> tuple[float, float] | None:
        """The estimate counted for key benchmark ``at``, if its figure is not published."""
        if not row.estimates or not math.isnan(row.benchmarks[at]):
            return None
        value, stderr = row.estimates[at]
        return None if math.isnan(value) else (value, stderr)

    def _sort_key(self, row: Row, column: int):
        """A key where larger means better (or later alphabetically for text columns)."""
        low = -math.inf
        if column == DELTA:
            return low if row.change is None else row.change
        if column == RANK:
            return -(row.rank or 10**9)
        if column == CANDIDATE:
            return row.name.lower()
        if column == VENDOR:
            return row.vendor.lower()
        if column == CHANNEL:
            return row.offer.lower()
        if column == SCORE:
            return low if row.rank is None else row.score
        if column == COVERAGE:
            return row.coverage
        if column == PARETO:
            return int(row.pareto)
        if column == PRICE:
            return low if math.isnan(row.price) else -row.price
        if column == CONTEXT:
            return low if math.isnan(row.context) else row.context
        if column in self.WORKLOAD_COLUMNS:
            at = column - self.WORKLOAD_COLUMNS[0]
            value = row.workload[at]
            if math.isnan(value):
                return low
            return value if at == 2 else -value  # headroom: more is better; costs: less
        bench = column - len(self.HEADERS)
        if 0 <= bench < len(KEY_BENCHMARKS):
            value = row.benchmarks[bench] if row.benchmarks else math.nan
            guess = self._estimate(row, bench)
            if guess is not None:
                value = guess[0]
            return low if math.isnan(value) else value
        if column == self.old_column:
            return -len(self.stale.get(row.label, ()))
        return "; ".join(row.reasons)


class ScoreBarDelegate(QStyledItemDelegate):
    """Draws the score as a bar behind its number."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        if index.data(EXCLUDED_ROLE):
            super().paint(painter, option, index)
            return
        score = index.data(SORT_ROLE)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.brush(QPalette.ColorRole.Highlight))
        if isinstance(score, float) and score > -math.inf:
            bar = QRect(option.rect.adjusted(3, 4, -3, -4))
            bar.setWidth(max(1, round(bar.width() * max(0.0, min(1.0, score)))))
            color = QColor(option.palette.color(QPalette.ColorRole.Highlight))
            color.setAlpha(70)
            painter.fillRect(bar, color)
        painter.setPen(
            option.palette.color(
                QPalette.ColorRole.HighlightedText
                if option.state & QStyle.StateFlag.State_Selected
                else QPalette.ColorRole.Text
            )
        )
        painter.drawText(
            option.rect.adjusted(4, 0, -6, 0),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            index.data(Qt.ItemDataRole.DisplayRole) or "",
        )


class CoveredDelegate(QStyledItemDelegate):
    """The table's own cells under the frozen columns: always covered by the frozen part (or
    scrolled out of sight), so not painted at all (a third of the table's painting)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        return


class ReasonDelegate(QStyledItemDelegate):
    """Reasons read from their start: cut at the end, not in the middle like names."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideRight


class RankingTable(QTableView):
    """The table view: selection follows the state and sets it."""

    def __init__(self, state: QtSession) -> None:
        super().__init__()
        self.state = state
        self.frozen: FrozenColumns | None = None  # built once the columns have their widths
        self._following = False  # highlighting a model's row for an offer it does not show
        self.source = RankingModel(state)
        self.setModel(self.source)
        self.setSortingEnabled(True)
        self.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        # long names are cut in the middle, so "… · standard" and "… · extended thinking" (and
        # names that differ only at the end) never look alike
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.verticalHeader().hide()
        # compact rows: about ten candidates show at the first-run size (1280×800)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.setItemDelegateForColumn(SCORE, ScoreBarDelegate(self))
        reasons = self.source.columnCount() - 1
        self.setItemDelegateForColumn(reasons, ReasonDelegate(self))
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        widths = [40, 52, 226, 100, 150, 96, 70, 50, 62, 92, 84, 72, 76, 92, 92, 92, 50, 560]
        for column, width in enumerate(widths):
            self.setColumnWidth(column, width)
        self.frozen = FrozenColumns(self, FROZEN_COLUMNS)
        covered = CoveredDelegate(self)
        for column in range(FROZEN_COLUMNS):
            self.setItemDelegateForColumn(column, covered)
        self.selectionModel().currentRowChanged.connect(self._on_current_changed)
        state.selection_changed.connect(self._on_selection_changed)
        state.ranking_changed.connect(self._restore_selection)
        state.ranking_changed.connect(self._show_workload_columns)
        state.ranking_changed.connect(self._fit_estimate_columns)
        self._show_workload_columns()
        self._widths = widths
        self._widened = False
        self._fit_estimate_columns()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.frozen is not None:
            self.frozen.update_geometry()

    def scrollTo(
        self,
        index: QModelIndex | QPersistentModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        scroll = super().scrollTo
        if self.frozen is None:
            scroll(index, hint)
        else:
            self.frozen.scroll_to(index, lambda i: scroll(i, hint))

    def _show_workload_columns(self) -> None:
        """Monthly cost, cost per 1,000 requests and headroom show while a workload is set."""
        shown = self.state.workload is not None
        for column in RankingModel.WORKLOAD_COLUMNS:
            self.setColumnHidden(column, not shown)

    def _fit_estimate_columns(self) -> None:
        """Under the rule "estimate" the key benchmark columns widen so that "80.5 estimated
        ±6.1" shows whole; they go back to their width under the other rules."""
        rec = self.state.recommendation
        estimating = rec is not None and rec.ranking.missing_rule == "estimate"
        if estimating == self._widened:
            return
        self._widened = estimating
        first = len(RankingModel.HEADERS)
        wide = self.fontMetrics().horizontalAdvance("1,999 estimated ±99.9") + 16
        for column in range(first, first + len(KEY_BENCHMARKS)):
            self.setColumnWidth(column, wide if estimating else self._widths[column])

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._following:
            self.state.select(current.data(LABEL_ROLE))

    def selected_labels(self) -> list[str]:
        rows = self.selectionModel().selectedRows()
        return [index.data(LABEL_ROLE) for index in rows]

    def _on_selection_changed(self, label: str, *, scroll: bool = True) -> None:
        current = self.currentIndex()
        if current.isValid() and current.data(LABEL_ROLE) == label:
            return
        source_row = self.source.row_of(label)
        if source_row < 0:
            self.clearSelection()
            return
        index = self.source.index(source_row, 1)
        # An offer the table does not show (each model shows through its best one) highlights
        # its model's row; the selection stays on the offer chosen elsewhere (a chart point).
        self._following = self.source.rows[source_row].label != label
        try:
            self.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        finally:
            self._following = False
        if scroll:
            self.scrollTo(index)

    def _restore_selection(self) -> None:
        """After a re-rank: the same candidate stays selected, and the view stays where the
        user left it (it does not jump to wherever that candidate moved)."""
        if self.state.selected:
            bar = self.verticalScrollBar()
            position = bar.value()
            self._on_selection_changed(self.state.selected, scroll=False)
            bar.setValue(position)
