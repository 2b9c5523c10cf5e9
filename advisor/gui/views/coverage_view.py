"""Coverage map: models x benchmarks, which figures exist, who published them and under which
condition — so a vendor's choice of what to publish is visible at a glance."""

from __future__ import annotations

import html

import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QTextBrowser, QVBoxLayout, QWidget

from advisor.domain.wording import counted
from advisor.gui.labels import condition_text
from advisor.gui.models.session import QtSession
from advisor.gui.views.detail_pane import url_links

KIND_COLOURS = {
    "vendor": QColor("#9ecae1"),
    "third_party": QColor("#a1d99b"),
    "competitor": QColor("#fdae6b"),
    "internal": QColor("#bcbddc"),
}
CONDITION_CODES = {
    "standard": "S",
    "extended_thinking": "T",
    "parallel_test_time_compute": "P",
    "extended_thinking+parallel_test_time_compute": "TP",
    "unspecified": "?",
}
KIND_ORDER = ("vendor", "third_party", "internal", "competitor")
CODE_ORDER = ["S", "T", "TP", "P", "?"]


class CoverageModel(QAbstractTableModel):
    """One row per model, one column per benchmark; a cell lists what was published."""

    def __init__(self, state: QtSession) -> None:
        super().__init__()
        frames = state.session.frames
        self.models = frames.models.sort_values(["vendor", "model_id"])
        self.benchmarks = frames.benchmarks.sort_values(["category", "benchmark"])
        results = frames.results.copy()
        results["source_kind"] = results["source_kind"].fillna("vendor")
        self.results = results
        self.positions = results.groupby(["model_id", "benchmark"]).indices
        self.model_ids = list(self.models["model_id"])
        self.bench_ids = list(self.benchmarks["benchmark"])
        self.model_names = dict(
            zip(self.models["model_id"], self.models["display_name"], strict=True)
        )
        self.vendors = dict(zip(self.models["model_id"], self.models["vendor"], strict=True))
        self.bench_names = dict(
            zip(self.benchmarks["benchmark"], self.benchmarks["name"], strict=True)
        )
        self.categories = dict(
            zip(self.benchmarks["benchmark"], self.benchmarks["category"], strict=True)
        )

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.model_ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.bench_ids)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation == Qt.Orientation.Horizontal:
            bench = self.bench_ids[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return self.bench_names[bench]
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{self.bench_names[bench]} ({self.categories[bench]})"
        else:
            model = self.model_ids[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{self.model_names[model]}  ({self.vendors[model]})"
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{self.model_names[model]} ({self.vendors[model]})"
        return None

    def cell(self, row: int, column: int) -> pd.DataFrame | None:
        positions = self.positions.get((self.model_ids[row], self.bench_ids[column]))
        return None if positions is None else self.results.iloc[positions]

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid():
            return None
        results = self.cell(index.row(), index.column())
        if results is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            codes = sorted({CONDITION_CODES[c] for c in results["condition"]}, key=CODE_ORDER.index)
            return " ".join(codes)
        if role == Qt.ItemDataRole.BackgroundRole:
            kinds = set(results["source_kind"])
            kind = next((k for k in KIND_ORDER if k in kinds), "vendor")
            return QBrush(KIND_COLOURS[kind])
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#111"))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{counted(len(results), 'published figure')}; click for sources"
        return None


MAX_HEADER_HEIGHT = 96


class RotatedHeader(QHeaderView):
    """A horizontal header whose labels run upwards, so narrow columns keep readable names."""

    def __init__(self, parent=None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setDefaultSectionSize(30)
        self.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

    def sizeHint(self) -> QSize:
        model = self.model()
        longest = 0
        if model is not None:
            metrics = self.fontMetrics()
            longest = max(
                (
                    metrics.horizontalAdvance(str(model.headerData(i, Qt.Orientation.Horizontal)))
                    for i in range(model.columnCount())
                ),
                default=0,
            )
        # capped so that rows, not headers, fill the tab at the default layout; a longer name
        # is cut, and its tooltip gives it whole
        return QSize(super().sizeHint().width(), min(longest + 16, MAX_HEADER_HEIGHT))

    def paintSection(self, painter: QPainter, rect: QRect, index: int) -> None:
        painter.save()
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawLine(rect.topRight(), rect.bottomRight())
        painter.translate(
            rect.x() + rect.width() / 2 + self.fontMetrics().ascent() / 2 - 2, rect.bottom() - 6
        )
        painter.rotate(-90)
        text = str(self.model().headerData(index, Qt.Orientation.Horizontal))
        painter.drawText(
            0,
            0,
            self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, rect.height() - 10),
        )
        painter.restore()


class CoverageView(QWidget):
    """The grid, a legend, and the figures of the clicked cell with their sources."""

    def __init__(self, state: QtSession) -> None:
        super().__init__()
        self.model = CoverageModel(state)
        layout = QVBoxLayout(self)
        legend = " ".join(
            f"<span style='background:{c.name()};color:#111'>"
            f"&nbsp;{k.replace('_', ' ')}&nbsp;</span>"
            for k, c in KIND_COLOURS.items()
        )
        note = QLabel(
            f"Who published each figure: {legend}. Letters give the condition: S standard, "
            "T extended thinking, P parallel test-time compute, ? unspecified. An empty cell "
            "means no figure was published."
        )
        note.setWordWrap(True)
        note.setObjectName("hint")
        layout.addWidget(note)
        self.table = QTableView()
        self.table.setHorizontalHeader(RotatedHeader(self.table))
        self.table.setModel(self.model)
        self.table.verticalHeader().setDefaultSectionSize(22)
        # one long model name must not take the grid's width: names are cut, tooltips whole
        self.table.verticalHeader().setMaximumWidth(240)
        self.table.setShowGrid(True)
        layout.addWidget(self.table, 1)
        self.details = QTextBrowser()
        self.details.setOpenExternalLinks(True)
        self.details.setMaximumHeight(84)
        self.details.setPlaceholderText("Click a coloured cell to see its figures and sources.")
        layout.addWidget(self.details)
        self.table.clicked.connect(self.show_cell)

    def show_cell(self, index: QModelIndex) -> None:
        results = self.model.cell(index.row(), index.column())
        model = self.model.model_ids[index.row()]
        bench = self.model.bench_ids[index.column()]
        title = (
            f"<b>{html.escape(self.model.model_names[model])}</b> · "
            f"{html.escape(self.model.bench_names[bench])}"
        )
        if results is None:
            self.details.setHtml(f"{title}: no published figure.")
            return
        items = []
        for r in results.itertuples(index=False):
            context = "; ".join(
                str(v) for v in (r.reasoning_effort, r.harness, r.task_subset, r.settings) if v
            )
            items.append(
                f"<li>{r.score:g} — {html.escape(condition_text(r.condition))}"
                + (f" ({html.escape(context)})" if context else "")
                + f", {html.escape(str(r.source_kind))}"
                + (f" ({html.escape(str(r.reported_by))})" if r.reported_by else "")
                + f", {html.escape(str(r.source_date or 'undated'))}: "
                + f"{url_links(r.source_url)}</li>"
            )
        self.details.setHtml(f"{title}<ul>{''.join(items)}</ul>")
