"""Trade-off scatter (pyqtgraph): any two criteria, Pareto front of the pair, vendor colours,
hover tips with figures and sources, click-to-select. Points carry their candidate via ``data=``.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QIcon,
    QPainter,
    QPen,
    QPixmap,
    QPolygonF,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from advisor.app import estimates
from advisor.app.analysis import (
    GROUPS,
    OTHER_VENDORS,
    SCORE,
    VendorStyle,
    axis_sections,
    legend_entries,
    tick_text,
    tradeoff,
    vendor_styles,
)
from advisor.domain.uncertainty_words import estimate_text
from advisor.gui.labels import (
    candidate_text,
    catalogue_names,
    condition_text,
    criterion_label,
    model_names,
)
from advisor.gui.models.session import QtSession
from advisor.gui.signals import quietly

# The engine's marker names as pyqtgraph's symbols ("t" is a triangle pointing down).
SYMBOLS = {"circle": "o", "triangle": "t"}


class PlainAxis(pg.AxisItem):
    """Tick labels as plain numbers, as in the report: 200,000 and 1,000,000 (never 1e+06);
    on a log axis 0.5, 1, 2, 5, 10 …, skipping crowded minor ticks."""

    def tickStrings(self, values, scale, spacing):
        if self.logMode:  # what pyqtgraph's own tickStrings does first
            return self.logTickStrings(values, scale, spacing)
        step = spacing * scale if spacing else None  # pyqtgraph may give no spacing
        return [tick_text(float(v) * scale, step) for v in values]

    def logTickStrings(self, values, scale, spacing):
        labels = []
        for value in values:
            number = 10 ** float(value) * scale
            mantissa = round(number / 10 ** np.floor(np.log10(number)), 6) if number > 0 else 0
            labels.append(tick_text(number) if mantissa in (1, 2, 5) else "")
        return labels


class VendorLegend(QListWidget):
    """Each vendor's marker and name, as the chart draws them, in a list beside the plot."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("vendorLegend")
        self.setIconSize(QSize(12, 12))
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setStyleSheet("QListWidget#vendorLegend { background: transparent; font-size: 8pt; }")
        self.setFixedWidth(150)

    def show_vendors(self, styled: list[tuple[str, VendorStyle]]) -> None:
        self.clear()
        for text, style in styled:
            item = QListWidgetItem(QIcon(marker_pixmap(style, 12)), text)
            item.setToolTip(text)
            self.addItem(item)

    def entries(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())]


def marker_pixmap(style: VendorStyle, size: int) -> QPixmap:
    """A vendor's marker as the scatter draws it: a circle, or a triangle pointing down."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#333333"), 0.8))
    painter.setBrush(QColor(style.colour))
    edge = size - 2
    if style.marker == "triangle":
        painter.drawPolygon(
            QPolygonF([QPointF(1, 1), QPointF(1 + edge, 1), QPointF(size / 2, 1 + edge)])
        )
    else:
        painter.drawEllipse(QRectF(1, 1, edge, edge))
    painter.end()
    return pixmap


class TradeoffView(QWidget):
    """Scatter of two criteria of the current recommendation."""

    def __init__(self, state: QtSession) -> None:
        super().__init__()
        self.state = state
        self._benchmark_names = catalogue_names(state.session.frames)
        self._styled_frames = None
        self._style_vendors(state.session.frames)
        self._pen = pg.mkPen("#333", width=0.6)
        layout = QVBoxLayout(self)
        controls = QHBoxLayout()
        self.y_axis = QComboBox()
        self.x_axis = QComboBox()
        self.y_axis.setAccessibleName("Vertical axis")
        self.x_axis.setAccessibleName("Horizontal axis")
        self.log_x = QCheckBox("Log scale")
        self.log_x.setChecked(True)
        controls.addWidget(QLabel("Vertical"))
        controls.addWidget(self.y_axis, 1)
        controls.addWidget(QLabel("Horizontal"))
        controls.addWidget(self.x_axis, 1)
        controls.addWidget(self.log_x)
        layout.addLayout(controls)
        self.canvas = pg.PlotWidget(
            axisItems={"bottom": PlainAxis("bottom"), "left": PlainAxis("left")}
        )
        self.plot = self.canvas.getPlotItem()
        self.plot.setMenuEnabled(False)
        self.plot.showGrid(x=True, y=True, alpha=0.15)
        for side in ("left", "bottom"):
            self.plot.getAxis(side).enableAutoSIPrefix(False)
        # The legend is a plain list beside the plot, so it never hides a point. (A pyqtgraph
        # legend in a layout cell of its own crashed the interpreter at exit now and then.)
        self.legend = VendorLegend()
        chart = QHBoxLayout()
        chart.setContentsMargins(0, 0, 0, 0)
        chart.addWidget(self.canvas, 1)
        chart.addWidget(self.legend)
        layout.addLayout(chart, 1)
        self.note = QLabel()
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.front = pg.PlotDataItem(pen=pg.mkPen("#888", width=1.5, style=Qt.PenStyle.DashLine))
        self.plot.addItem(self.front)
        self.scatter = pg.ScatterPlotItem(
            size=11, hoverable=True, tip=self._tip, hoverPen=pg.mkPen("w", width=2), hoverSize=15
        )
        self.plot.addItem(self.scatter)
        ring_colour = self.palette().color(self.palette().ColorRole.Text)
        self.ring = pg.ScatterPlotItem(size=20, pen=pg.mkPen(ring_colour, width=2.5), brush=None)
        self.plot.addItem(self.ring)
        self.scatter.sigClicked.connect(self._on_clicked)
        self._tips: dict[str, str] = {}
        self._points: dict[str, tuple[float, float]] = {}
        self._rows: dict[str, int] = {}
        self._estimated: set[str] = set()
        self._axes: tuple[str, str] = (SCORE, SCORE)
        self._legend_vendors: tuple[str, ...] = ()
        self._sections: tuple = ()
        rec = state.recommendation
        self._fill_axes(axis_sections(rec) if rec is not None else (("", (SCORE,)),))
        self.y_axis.currentIndexChanged.connect(self._on_ranking_changed)
        self.x_axis.currentIndexChanged.connect(self._on_ranking_changed)
        self.log_x.toggled.connect(self._on_ranking_changed)
        state.ranking_changed.connect(self._on_ranking_changed)
        state.selection_changed.connect(self._on_selection_changed)

    def _style_vendors(self, frames) -> None:
        """Each vendor's colour and marker, the same as in the report (from the catalogue's
        vendors, so recomputed when the catalogue changes)."""
        if frames is self._styled_frames:
            return
        self._styled_frames = frames
        self.vendor_style = vendor_styles(frames)
        # One brush object per vendor: pyqtgraph then renders each symbol once.
        self._brushes = {v: pg.mkBrush(st.colour) for v, st in self.vendor_style.items()}
        self._grey = pg.mkBrush(OTHER_VENDORS.colour)
        # An estimated figure on an axis draws its point hollow, ringed in the vendor's colour.
        self._hollow = pg.mkBrush(0, 0, 0, 0)
        self._rings = {v: pg.mkPen(st.colour, width=2) for v, st in self.vendor_style.items()}
        self._grey_ring = pg.mkPen(OTHER_VENDORS.colour, width=2)
        self._legend_vendors = ()

    def _axis_label(self, key: str, section: str) -> str:
        if key == SCORE:
            return "Score (the profile's ranking)"
        label = criterion_label(key, self._benchmark_names)
        return f"{label} (group score, 0–1)" if section == GROUPS else label

    def _fill_axes(self, sections: tuple) -> None:
        """Both combos: the score, then each section under a header that cannot be chosen
        (groups, model attributes, workload, benchmarks by name), each key once. The current
        choices are kept where they still exist."""
        if sections == self._sections:
            return
        first = len(self._sections) < 2  # nothing but the score was listed yet
        self._sections = sections
        defaults = {id(self.y_axis): SCORE, id(self.x_axis): "blended_usd_per_mtok"}
        for combo in (self.y_axis, self.x_axis):
            current = defaults[id(combo)] if first else combo.currentData()
            model = QStandardItemModel(combo)
            for section, keys in sections:
                if section:
                    header = QStandardItem(section)
                    header.setFlags(Qt.ItemFlag.NoItemFlags)
                    font = header.font()
                    font.setBold(True)
                    header.setFont(font)
                    model.appendRow(header)
                labelled = [(self._axis_label(k, section), k) for k in keys]
                if section not in ("", GROUPS):
                    labelled.sort(key=lambda pair: pair[0].lower())
                for label, key in labelled:
                    item = QStandardItem(("   " if section else "") + label)
                    item.setData(key, Qt.ItemDataRole.UserRole)
                    item.setToolTip(label)
                    model.appendRow(item)
            with quietly(combo):
                combo.setModel(model)
                found = combo.findData(current)
                if found < 0:
                    found = combo.findData(defaults[id(combo)])
                combo.setCurrentIndex(found if found >= 0 else combo.findData(SCORE))

    def set_axes(self, y: str, x: str) -> None:
        """Choose the criteria on each axis (criterion ids, or ``SCORE``)."""
        self.y_axis.setCurrentIndex(self.y_axis.findData(y))
        self.x_axis.setCurrentIndex(self.x_axis.findData(x))

    def _on_ranking_changed(self, *_args) -> None:
        rec = self.state.recommendation
        if rec is None:
            self.scatter.setData([])
            self.front.setData([], [])
            self.ring.setData([])
            self.note.setText(self.state.problem)
            return
        self._fill_axes(axis_sections(rec))
        self._style_vendors(self.state.session.frames)
        x_key, y_key = self.x_axis.currentData(), self.y_axis.currentData()
        data = tradeoff(rec, x_key, y_key)
        x_higher, y_higher = data.x_higher_is_better, data.y_higher_is_better
        log = bool(self.log_x.isChecked() and data.log_x_possible)
        # a zero or negative figure has no logarithm: say so rather than ignore the box
        self.log_x.setEnabled(data.log_x_possible)
        self.log_x.setToolTip(
            "Horizontal axis on a log scale"
            if data.log_x_possible
            else "Not available: a candidate shown has a horizontal figure of zero or less"
        )
        # Plot log10(x) and let the axis label ticks as powers of ten: the scatter, the front
        # and the selection ring then share one coordinate system.
        self.plot.getAxis("bottom").setLogMode(log)
        x_plot = np.log10(data.x) if log else data.x
        labels = rec.matrix.labels()
        vendors = rec.matrix.vendors
        names = [labels[r] for r in data.rows]
        self._points = dict(zip(names, zip(x_plot, data.y, strict=True), strict=True))
        self._rows = dict(zip(names, (int(r) for r in data.rows), strict=True))
        self._axes = (x_key, y_key)
        self._tips.clear()
        guessed = (
            data.estimated if data.estimated is not None else np.zeros(len(data.rows), dtype=bool)
        )
        self._estimated = {n for n, g in zip(names, guessed.tolist(), strict=True) if g}
        self.scatter.setData(
            x=x_plot,
            y=data.y,
            data=np.array(names, dtype=object),
            brush=[
                self._hollow if g else self._brushes.get(vendors[r], self._grey)
                for r, g in zip(data.rows, guessed.tolist(), strict=True)
            ],
            symbol=[self._symbol(vendors[r]) for r in data.rows],
            pen=[
                self._rings.get(vendors[r], self._grey_ring) if g else self._pen
                for r, g in zip(data.rows, guessed.tolist(), strict=True)
            ],
        )
        self.front.setData(x_plot[data.front], data.y[data.front])
        x_name = self.x_axis.currentText().strip()
        y_name = self.y_axis.currentText().strip()
        self.plot.setLabel("bottom", x_name + (" (log scale)" if log else ""))
        self.plot.enableAutoRange()
        self.plot.setLabel("left", y_name)
        self._update_legend(sorted({vendors[r] for r in data.rows}))
        missing = data.not_shown
        parts = [
            f"{len(data.rows)} ranked candidates shown; dashed line = best trade-offs between "
            f"the two axes ({'higher' if x_higher else 'lower'} {x_name.lower()} and "
            f"{'higher' if y_higher else 'lower'} {y_name.lower()} is better); the table's ★ "
            "is over every weighted criterion, so the two can differ."
        ]
        if missing:
            parts.append(f"{missing} without a figure for an axis are not shown.")
        if self._estimated:
            parts.append(
                f"Hollow markers ({len(self._estimated)}): a figure on an axis is an estimate, "
                "not a published figure (missing-data rule “estimate”; hover for its ±)."
            )
        self.note.setText(" ".join(parts))
        self._on_selection_changed(self.state.selected)

    def _update_legend(self, vendors: list[str]) -> None:
        if tuple(vendors) == self._legend_vendors:
            return
        self._legend_vendors = tuple(vendors)
        self.legend.show_vendors(legend_entries(vendors, self.vendor_style))

    def _symbol(self, vendor: str) -> str:
        return SYMBOLS[self.vendor_style.get(vendor, OTHER_VENDORS).marker]

    def _tip_for(self, label: str) -> str:
        """The hover text of one point: rank, score and each axis figure with its source."""
        rec = self.state.recommendation
        row = self._rows.get(label)
        if rec is None or row is None:
            return label
        figures = rec.matrix.figures
        wanted = {k for k in self._axes if k != SCORE}
        lines = []
        if figures is not None and wanted:
            subset = figures[(figures["row"] == row) & figures["criterion"].isin(wanted)]
            for f in subset.itertuples(index=False):
                source = (f.source_url or "no source URL").split(" ; ")[0]
                flags = f" [{f.flags}]" if f.flags else ""
                condition = f", {condition_text(f.condition)}" if f.condition else ""
                lines.append(
                    f"{criterion_label(f.criterion, self._benchmark_names)}: {f.value:g}"
                    f"{condition}{flags}\n   {f.source_kind or 'source'} · "
                    f"{f.source_date or 'undated'} · {source}"
                )
        for e in estimates.estimates_for(rec, row):
            if e["criterion"] in wanted:
                lines.append(
                    f"{criterion_label(e['criterion'], self._benchmark_names)}: "
                    + estimate_text(e["value"], e["stderr"], *e["interval_80"])
                )
        found = rec.ranking.find(label)
        name = candidate_text(label, model_names(self.state.session.frames))
        head = f"{name}\nrank {found.rank}, score {found.score:.3f}" if found else name
        return "\n".join([head, *lines])

    def _tip(self, x: float, y: float, data: str) -> str:
        if data not in self._tips:
            self._tips[data] = self._tip_for(data)
        return self._tips[data]

    def _on_clicked(self, _item, points, _event=None) -> None:
        if len(points):
            self.state.select(points[0].data())

    def _on_selection_changed(self, label: str) -> None:
        point = self._points.get(label)
        self.ring.setData([] if point is None else [{"pos": point}])

    def point_for(self, label: str):
        """The scatter spot of a candidate (tests and keyboard navigation)."""
        return next((p for p in self.scatter.points() if p.data() == label), None)
