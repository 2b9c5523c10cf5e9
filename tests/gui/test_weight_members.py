"""An expanded criterion group shows what it blends and what share of all the weight each of
its criteria receives, and every slider starts at the same place (first-time user's defect
23: "expanded group sub-sliders all show 0.0 … the handles are also misaligned")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QToolButton

from tests.gui.pages import requirements


def _expand(window, group: str):
    box = window.requirements.weights
    toggle = next(t for t in box.findChildren(QToolButton) if group.lower() in t.toolTip().lower())
    toggle.setChecked(True)
    QApplication.processEvents()
    return box


def test_an_expanded_group_shows_each_criterions_share(bundled_window):
    window = bundled_window
    box = _expand(window, "coding")
    page = requirements(window)
    members = box._members["coding"]
    shares = {c: page.weight(c).share.text() for c in members}
    assert all(text not in ("0%", "") for text in shares.values()), shares
    effective = window.state.effective_shares()
    total = sum(effective[c] for c in members if c in effective)
    coding = page.weight("coding").share.text()  # the group's own share of the keys
    assert f"{total:.0%}" == coding  # the group's weight is spread over its criteria
    caption = box.blends["coding"].text()
    assert caption.startswith("Coding blends SWE-bench Verified 30%")
    # an extra weight on one criterion raises its share and no other's
    before = effective["swe-bench-verified"]
    page.weight("swe-bench-verified").box.setValue(10)
    window.state.rerank_now()
    after = window.state.effective_shares()["swe-bench-verified"]
    assert after > before
    assert page.weight("swe-bench-verified").share.text() == f"{after:.0%}"


@pytest.mark.parametrize("group", ["coding", "agentic"])
def test_every_slider_starts_at_the_same_place(bundled_window, group):
    window = bundled_window
    _expand(window, group)
    page = requirements(window)
    rows = [r for r in page.weight_rows() if r.isVisible()]
    assert len(rows) > 14
    lefts = {r.slider.mapTo(window, QPoint(0, 0)).x() for r in rows}
    rights = {r.slider.mapTo(window, QPoint(r.slider.width(), 0)).x() for r in rows}
    assert len(lefts) == 1, lefts
    assert len(rights) == 1, rights
