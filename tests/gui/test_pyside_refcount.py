"""Regression guard: PySide6 6.12.0 on Python 3.11 drops a reference to None on every call
that returns nothing, and the interpreter aborts after a few thousand calls. pyproject.toml
excludes 6.12.* on Python < 3.12; this test fails if an upgrade brings the bug back."""

from __future__ import annotations

import sys


def test_none_refcount_stays_flat_across_qt_calls(qtbot):
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for i in range(10_000):
        label.setText(str(i))
    after = sys.getrefcount(None)
    assert after - before > -100, f"None lost {before - after} references in 10,000 setText calls"
