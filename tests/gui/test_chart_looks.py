"""The trade-off chart looks the same in the window and in the report: each vendor has one
colour and marker in both, tick labels are plain numbers ("1,000,000", never "1e+06"), and
the legend sits beside the points, not over them (first-time user's defects 15 and 19)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from reportlab.graphics.shapes import Circle, Polygon

from advisor.app.analysis import SCORE, vendor_styles
from advisor.app.report import ReportOptions, report_inputs
from advisor.report.charts import scatter_chart


def _shapes(drawing):
    for item in drawing.contents:
        if isinstance(item, Circle | Polygon):
            yield item


def test_each_vendor_looks_the_same_in_the_window_and_the_report(bundled_window):
    window = bundled_window
    view = window.tradeoffs
    state = window.state
    rec = state.recommendation
    styles = vendor_styles(state.session.frames)
    vendors = rec.matrix.vendors
    seen = {}
    for point in view.scatter.points():
        row = view._rows[point.data()]
        seen[str(vendors[row])] = (point.brush().color().name(), point.symbol())
    marked = [v for v in seen if v in styles]
    assert len(marked) >= 10
    for vendor in marked:
        expected = (styles[vendor].colour, {"circle": "o", "triangle": "t"}[styles[vendor].marker])
        assert seen[vendor] == expected, vendor

    inputs = report_inputs(state.session, rec, ReportOptions(sensitivity_samples=0))
    assert inputs.vendor_styles == styles
    chart = inputs.tradeoffs[0]
    chart_vendors = [str(vendors[r]) for r in chart.data.rows]
    drawing = scatter_chart(
        chart.data, chart_vendors, chart.label, "Score", 500, 220, styles=inputs.vendor_styles
    )
    points = list(_shapes(drawing))[: len(chart_vendors)]  # the legend's samples come after
    for vendor, shape in zip(chart_vendors, points, strict=True):
        style = styles.get(vendor)
        if style is None:
            continue
        assert shape.fillColor.hexval().lower().replace("0x", "#") == style.colour, vendor
        assert isinstance(shape, Polygon if style.marker == "triangle" else Circle), vendor


def _tick_labels(axis) -> list[str]:
    low, high = axis.range
    labels = []
    for spacing, values in axis.tickValues(low, high, axis.width() or 400):
        labels += axis.tickStrings(values, axis.scale, spacing)  # what the axis paints
    return [label for label in labels if label]


def test_tick_labels_are_plain_numbers_on_linear_and_log_axes(bundled_window, qtbot):
    view = bundled_window.tradeoffs
    view.set_axes(SCORE, "context_window")
    for log in (False, True):
        view.log_x.setChecked(log)
        QApplication.processEvents()
        labels = _tick_labels(view.plot.getAxis("bottom"))
        assert labels, log
        assert not [t for t in labels if "e" in t.lower()], labels
        big = [t for t in labels if float(t.replace(",", "")) >= 10_000]
        assert big and all("," in t for t in big), labels
        assert len(set(labels)) == len(labels), labels  # no "3 3 3 4 4" from log positions
    assert not [t for t in _tick_labels(view.plot.getAxis("left")) if "e" in t.lower()]


def test_the_legend_sits_beside_the_points_with_each_vendors_marker(bundled_window):
    view = bundled_window.tradeoffs
    QApplication.processEvents()
    names = view.legend.entries()
    assert names and len(names) == len(set(names))
    legend = view.legend.geometry()
    plot = view.canvas.geometry()
    assert legend.left() >= plot.right()  # beside the plot, never over its points
    styles = view.vendor_style
    for row, name in enumerate(names):
        if name not in styles:
            assert name.endswith("other vendors")
            continue
        icon = view.legend.item(row).icon().pixmap(12, 12).toImage()
        centre = icon.pixelColor(6, 4)  # inside the circle, or the triangle's wide top
        assert centre.name() == styles[name].colour, name
