"""The Coverage map is readable at the default layout (first-time user's defect 9): at 1280×800
the grid shows several rows of models, not just its rotated headers."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def test_the_coverage_map_shows_rows_at_the_default_size(bundled_window, qtbot):
    window = bundled_window
    window.resize(1280, 800)
    window.tabs.setCurrentWidget(window.coverage)
    QApplication.processEvents()
    table = window.coverage.table
    header = table.horizontalHeader().height()
    rows_visible = (table.viewport().height()) // table.verticalHeader().defaultSectionSize()
    assert header <= 100
    assert rows_visible >= 6, (header, table.viewport().height())
    model = window.coverage.model
    tip = model.headerData(0, table.horizontalHeader().orientation(), 3)  # ToolTipRole
    assert tip.startswith(model.bench_names[model.bench_ids[0]])  # the whole name, not the id


def test_long_model_names_leave_room_for_the_benchmarks(bundled_window):
    window = bundled_window
    window.tabs.setCurrentWidget(window.coverage)
    QApplication.processEvents()
    table = window.coverage.table
    assert table.verticalHeader().width() <= 240
    columns = table.viewport().width() // table.horizontalHeader().defaultSectionSize()
    assert columns >= 10, (table.viewport().width(), table.verticalHeader().width())
