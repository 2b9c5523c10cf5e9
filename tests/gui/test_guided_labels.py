"""The guided-weights pairs keep both criterion names in view whatever the verdict under the
slider says (first-time user's walkthrough item 5: after "Coding is strongly to very strongly
more important (6×)" the right-hand names vanished)."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QScrollArea


def _fully_shown(label, viewport) -> bool:
    left = label.mapTo(viewport, QPoint(0, 0)).x()
    right = label.mapTo(viewport, QPoint(label.width(), 0)).x()
    return (
        label.isVisible()
        and left >= 0
        and right <= viewport.width()
        and label.width() >= label.fontMetrics().horizontalAdvance(label.text())
    )


def test_both_names_stay_in_view_after_a_long_verdict(bundled_window, qtbot):
    window = bundled_window
    window.show_guided_weights()
    wizard = window.wizard
    qtbot.addWidget(wizard)
    QApplication.processEvents()
    assert len(wizard.rows) >= 3
    viewport = wizard.findChild(QScrollArea).viewport()
    for position in (5, -5, 7, -8):  # 6×, 1/6, 8×, 1/9: the longest verdicts
        for row in wizard.rows:
            row.slider.setValue(position)
        QApplication.processEvents()
        for row in wizard.rows:
            assert "more important" in row.words.text()
            assert _fully_shown(row.right_label, viewport), (position, row.right)
            assert _fully_shown(row.left_label, viewport), (position, row.left)
            assert row.words.isVisible()
