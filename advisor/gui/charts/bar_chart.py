"""Grouped bar charts (one group per criterion, one bar per series) for the Compare and
Stakeholders tabs: a static plot with a legend, and the bars drawn into it."""

from __future__ import annotations

import html
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg

COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#e15759", "#76b7b2", "#edc948")
GROUP_SPAN = 0.8  # share of each criterion's slot the bars fill


def bar_plot(left_label: str) -> tuple[pg.PlotWidget, pg.LegendItem]:
    """A plot that does not pan or zoom, with a y grid, ``left_label`` and a legend."""
    plot = pg.PlotWidget()
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.showGrid(y=True, alpha=0.15)
    plot.setLabel("left", left_label)
    plot.getAxis("left").enableAutoSIPrefix(False)
    legend = plot.addLegend(offset=(-10, 10), labelTextSize="8pt")
    return plot, legend


def grouped_bars(
    plot: pg.PlotWidget,
    legend: pg.LegendItem,
    ticks: Sequence[str],
    series: Sequence[tuple[str, Sequence[float], str]],
) -> None:
    """Replace the plot's bars: for each (name, heights per tick, colour) one bar per tick."""
    plot.clear()
    legend.clear()
    width = GROUP_SPAN / max(len(series), 1)
    for i, (name, heights, colour) in enumerate(series):
        bars = pg.BarGraphItem(
            x=np.arange(len(ticks)) - GROUP_SPAN / 2 + width * (i + 0.5),
            height=list(heights),
            width=width * 0.92,
            brush=pg.mkBrush(colour),
            pen=pg.mkPen(None),
        )
        plot.addItem(bars)
        legend.addItem(bars, html.escape(name))  # legend labels are rich text
    plot.getAxis("bottom").setTicks([list(enumerate(ticks))])
    plot.setXRange(-0.6, len(ticks) - 0.4, padding=0)
