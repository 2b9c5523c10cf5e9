"""Vector charts for the report (reportlab.graphics). What is plotted comes from
``advisor.engine.tradeoff``, the same place the GUI's chart reads."""

from __future__ import annotations

import math

import numpy as np
from reportlab.graphics.shapes import (
    Circle,
    Drawing,
    Group,
    Line,
    Polygon,
    PolyLine,
    Rect,
    String,
)
from reportlab.lib import colors

from advisor.engine.tradeoff import (
    OTHER_VENDORS,
    TradeoffData,
    VendorStyle,
    legend_entries,
    tick_text,
    vendor_styles,
)

FONT = "DejaVuSans"
ACCENT = colors.HexColor("#2a6ebb")
TRACK = colors.HexColor("#e6e9ef")
GRID = colors.HexColor("#d9d9d9")


def bar_chart(
    items: list[tuple[str, float, float]], width: float, label_width: float = 150
) -> Drawing:
    """Horizontal bars: ``(label, value, track)``; the track (e.g. the weight) is drawn behind
    the value (e.g. the contribution). Values are shares from 0 to 1."""
    row = 16
    height = max(1, len(items)) * row + 4
    drawing = Drawing(width, height)
    bar_width = width - label_width - 70
    for i, (label, value, track) in enumerate(items):
        y = height - (i + 1) * row
        drawing.add(
            String(label_width - 6, y + 4, label, fontName=FONT, fontSize=8, textAnchor="end")
        )
        drawing.add(Rect(label_width, y + 3, bar_width, row - 6, fillColor=TRACK, strokeColor=None))
        if track > 0:
            faint = colors.Color(ACCENT.red, ACCENT.green, ACCENT.blue, alpha=0.3)
            drawing.add(
                Rect(
                    label_width,
                    y + 3,
                    bar_width * min(track, 1),
                    row - 6,
                    fillColor=faint,
                    strokeColor=None,
                )
            )
        drawing.add(
            Rect(
                label_width,
                y + 3,
                bar_width * max(0.0, min(value, 1)),
                row - 6,
                fillColor=ACCENT,
                strokeColor=None,
            )
        )
        text = f"{value:.3f}" + (f" of {track:.2f}" if track > 0 else "")
        drawing.add(String(label_width + bar_width + 6, y + 4, text, fontName=FONT, fontSize=8))
    return drawing


def _ticks(lo: float, hi: float, log: bool) -> list[float]:
    if log:
        ticks = []
        for exponent in range(math.floor(lo), math.ceil(hi) + 1):
            for mantissa in (1, 2, 5):
                value = math.log10(mantissa) + exponent
                if lo - 1e-9 <= value <= hi + 1e-9:
                    ticks.append(value)
        return ticks
    span = hi - lo or 1.0
    step = 10 ** math.floor(math.log10(span / 5))
    for factor in (1, 2, 5, 10):
        if span / (step * factor) <= 6:
            step *= factor
            break
    start = math.ceil(lo / step) * step
    # only ticks inside the frame: none above the plot, against the heading
    return [float(t) for t in np.arange(start, hi + step * 1e-6, step) if lo <= t <= hi]


def _tick_step(ticks: list[float]) -> float | None:
    return ticks[1] - ticks[0] if len(ticks) > 1 else None


def _marker(x: float, y: float, style: VendorStyle, size: float = 3.2):
    """A vendor's marker as in the window: a circle, or a triangle pointing down."""
    fill = colors.HexColor(style.colour)
    edge = colors.HexColor("#333333")
    if style.marker == "triangle":
        r = size * 1.25
        return Polygon(
            [x - r, y + r * 0.6, x + r, y + r * 0.6, x, y - r],
            fillColor=fill,
            strokeColor=edge,
            strokeWidth=0.4,
        )
    return Circle(x, y, size, fillColor=fill, strokeColor=edge, strokeWidth=0.4)


def scatter_chart(
    data: TradeoffData,
    vendors: list[str],
    x_label: str,
    y_label: str,
    width: float,
    height: float,
    log_x: bool = True,
    styles: dict[str, VendorStyle] | None = None,
) -> Drawing:
    """A scatter of ``data`` with its Pareto front as a dashed line and a vendor legend;
    ``styles`` gives each vendor's colour and marker (the window's, from the catalogue)."""
    styles = vendor_styles(vendors) if styles is None else styles
    drawing = Drawing(width, height)
    left, bottom, right, top = 46, 34, 110, 10
    plot_w, plot_h = width - left - right, height - bottom - top
    log = log_x and data.log_x_possible
    xs = np.log10(data.x) if log else data.x
    ys = data.y
    if len(xs) == 0:
        drawing.add(
            String(
                width / 2,
                height / 2,
                "No candidate has figures for both axes.",
                fontName=FONT,
                fontSize=9,
                textAnchor="middle",
            )
        )
        return drawing
    x_lo, x_hi = float(xs.min()), float(xs.max())
    y_lo, y_hi = float(ys.min()), float(ys.max())
    pad_x = (x_hi - x_lo) * 0.05 or 0.5
    pad_y = (y_hi - y_lo) * 0.08 or 0.05
    x_lo, x_hi, y_lo, y_hi = x_lo - pad_x, x_hi + pad_x, y_lo - pad_y, y_hi + pad_y

    def px(v: float) -> float:
        return left + (v - x_lo) / (x_hi - x_lo) * plot_w

    def py(v: float) -> float:
        return bottom + (v - y_lo) / (y_hi - y_lo) * plot_h

    x_ticks = _ticks(x_lo, x_hi, log)
    for tick in x_ticks:
        drawing.add(
            Line(px(tick), bottom, px(tick), bottom + plot_h, strokeColor=GRID, strokeWidth=0.4)
        )
        drawing.add(
            String(
                px(tick),
                bottom - 11,
                tick_text(10**tick) if log else tick_text(tick, _tick_step(x_ticks)),
                fontName=FONT,
                fontSize=7,
                textAnchor="middle",
            )
        )
    y_ticks = _ticks(y_lo, y_hi, False)
    for tick in y_ticks:
        drawing.add(
            Line(left, py(tick), left + plot_w, py(tick), strokeColor=GRID, strokeWidth=0.4)
        )
        drawing.add(
            String(
                left - 4,
                py(tick) - 2.5,
                tick_text(tick, _tick_step(y_ticks)),
                fontName=FONT,
                fontSize=7,
                textAnchor="end",
            )
        )
    drawing.add(
        Rect(left, bottom, plot_w, plot_h, fillColor=None, strokeColor=colors.grey, strokeWidth=0.6)
    )
    drawing.add(
        String(
            left + plot_w / 2,
            4,
            x_label + (" (log scale)" if log else ""),
            fontName=FONT,
            fontSize=8,
            textAnchor="middle",
        )
    )
    label = Group(String(0, 0, y_label, fontName=FONT, fontSize=8, textAnchor="middle"))
    label.transform = (0, 1, -1, 0, 10, bottom + plot_h / 2)  # rotated 90 degrees
    drawing.add(label)
    if len(data.front) > 1:
        points = []
        for i in data.front:
            points += [px(float(xs[i])), py(float(ys[i]))]
        drawing.add(
            PolyLine(
                points,
                strokeColor=colors.HexColor("#777777"),
                strokeWidth=1,
                strokeDashArray=[3, 2],
            )
        )
    for xv, yv, vendor in zip(xs, ys, vendors, strict=True):
        drawing.add(_marker(px(float(xv)), py(float(yv)), styles.get(vendor, OTHER_VENDORS)))
    legend = legend_entries(vendors, styles)
    spacing = min(12.0, (plot_h - 6) / max(1, len(legend)))  # a long legend stays in the frame
    for i, (text, style) in enumerate(legend):
        y = bottom + plot_h - 10 - i * spacing
        drawing.add(_marker(left + plot_w + 14, y + 3, style))
        drawing.add(String(left + plot_w + 22, y, text, fontName=FONT, fontSize=7))
    return drawing


def interval_chart(
    items: list[tuple[str, float, float, float]], width: float, label_width: float = 150
) -> Drawing:
    """A tornado of weight ranges: ``(label, low, high, stated)`` on a 0-100% scale."""
    row = 16
    height = max(1, len(items)) * row + 18
    drawing = Drawing(width, height)
    bar_width = width - label_width - 20
    for i, (label, low, high, stated) in enumerate(items):
        y = height - 14 - (i + 1) * row
        drawing.add(
            String(label_width - 6, y + 4, label, fontName=FONT, fontSize=8, textAnchor="end")
        )
        drawing.add(Rect(label_width, y + 3, bar_width, row - 6, fillColor=TRACK, strokeColor=None))
        drawing.add(
            Rect(
                label_width + bar_width * low,
                y + 3,
                bar_width * (high - low),
                row - 6,
                fillColor=colors.HexColor("#7fa7d9"),
                strokeColor=None,
            )
        )
        x = label_width + bar_width * stated
        drawing.add(
            PolyLine(
                [x, y + 1, x + 4, y + 5, x, y + 9, x - 4, y + 5, x, y + 1],
                strokeColor=ACCENT,
                fillColor=ACCENT,
                strokeWidth=1,
            )
        )
    for tick in (0, 0.25, 0.5, 0.75, 1):
        x = label_width + bar_width * tick
        drawing.add(
            String(x, height - 10, f"{tick:.0%}", fontName=FONT, fontSize=7, textAnchor="middle")
        )
    return drawing
