"""The missing-data rule "estimate" in the window: chosen beside the other rules, with its
tick for required figures, and every estimate marked (table, detail, compare, hollow points)."""

from __future__ import annotations

import dataclasses
import math

import pytest
from PySide6.QtCore import Qt

from advisor.app.profiles import load_profile
from advisor.domain.vocabulary import MissingRule
from advisor.gui.views.ranking_table import KEY_BENCHMARKS, RankingModel
from tests.conftest import DATA
from tests.gui.pages import requirements, select_rows

PROFILE = DATA / "profiles" / "coding-assistant.toml"


@pytest.fixture
def estimating(bundled_window):
    window = bundled_window
    window.state.load(load_profile(PROFILE))
    policy = requirements(window).policy
    policy.missing.setCurrentIndex(policy.missing.findData(MissingRule.ESTIMATE))
    window.state.rerank_now()
    return window


def test_the_rule_is_offered_and_its_tick_only_counts_under_it(bundled_window):
    window = bundled_window
    window.state.load(load_profile(PROFILE))
    policy = requirements(window).policy
    rules = [policy.missing.itemData(i) for i in range(policy.missing.count())]
    assert set(rules) == set(MissingRule)
    assert not policy.estimates_count.isEnabled()
    tip = policy.missing.itemData(
        policy.missing.findData(MissingRule.ESTIMATE), Qt.ItemDataRole.ToolTipRole
    )
    assert "validated" in tip and "estimated ±x" in tip
    policy.missing.setCurrentIndex(policy.missing.findData(MissingRule.ESTIMATE))
    assert window.state.policy.missing is MissingRule.ESTIMATE
    assert policy.estimates_count.isEnabled() and not policy.estimates_count.isChecked()
    policy.estimates_count.setChecked(True)
    assert window.state.policy.estimates_satisfy_requirements


def test_the_table_marks_estimates_and_keeps_published_figures(estimating):
    window = estimating
    model: RankingModel = window.table.source
    rec = window.state.recommendation
    first = len(RankingModel.HEADERS)
    marked = 0
    for r, row in enumerate(model.rows[:40]):
        for k, criterion in enumerate(KEY_BENCHMARKS):
            index = model.index(r, first + k)
            text = model.data(index)
            published = rec.matrix.values[row.matrix_row, rec.matrix.criteria.index(criterion)]
            if " estimated ±" in text:
                marked += 1
                assert math.isnan(published)  # only a gap is ever estimated
                assert model.data(index, Qt.ItemDataRole.FontRole).italic()
                tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
                assert "80% interval" in tip and "no published figure" in tip
            elif not math.isnan(published):
                assert text == f"{published:.1f}".rstrip("0").rstrip(".")
    assert marked
    assert window.table.columnWidth(first) > 92  # widened so the words show whole
    estimated_row = next(r for r, row in enumerate(model.rows) if row.estimates)
    tip = model.data(model.index(estimated_row, 6), Qt.ItemDataRole.ToolTipRole)
    assert tip and "not counted as covered" in tip


def test_detail_and_compare_list_estimates_apart(estimating):
    window = estimating
    rec = window.state.recommendation
    label = next(c.candidate for c in rec.ranking.candidates if c.estimated)
    window.state.select(label)
    html = window.detail.figures.toPlainText()
    assert "Estimated, no published figure" in html and " estimated ±" in html
    assert "80% intervals held" in html
    assert "estimated" in window.detail.header.text()
    select_rows(window, range(2))
    figures = window.compare.figures
    cells = [
        figures.item(r, c)
        for r in range(figures.rowCount())
        for c in range(2)
        if figures.item(r, c) is not None
    ]
    guessed = [item for item in cells if " estimated ±" in item.text()]
    assert guessed and all(item.font().italic() for item in guessed)
    assert "estimated figures drawn within their own standard errors" in (
        window.compare.verdict.text()
    )


def test_the_chart_draws_estimated_points_hollow(estimating):
    window = estimating
    view = window.tradeoffs
    view.set_axes("swe-bench-verified", "aider-polyglot")
    assert view._estimated
    label = next(iter(view._estimated))
    point = view.point_for(label)
    assert point.brush().color().alpha() == 0  # hollow
    filled = next(p for p in view.scatter.points() if p.data() not in view._estimated)
    assert filled.brush().color().alpha() == 255
    assert "Hollow markers" in view.note.text()
    assert " estimated ±" in view._tip_for(label)


def test_another_rule_puts_the_table_back(estimating):
    window = estimating
    window.state.set_policy(missing=MissingRule.WORST)
    window.state.rerank_now()
    model = window.table.source
    first = len(RankingModel.HEADERS)
    assert not any(
        " estimated" in model.data(model.index(r, first + k))
        for r in range(min(40, model.rowCount()))
        for k in range(len(KEY_BENCHMARKS))
    )
    assert window.table.columnWidth(first) == 92
    assert not window.tradeoffs._estimated
    assert dataclasses.replace(window.state.policy).missing is MissingRule.WORST
