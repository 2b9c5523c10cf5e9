"""With a workload, the ranking table shows monthly cost (US dollars, thousands separated), cost
per 1,000 requests and headroom as sortable columns; without one they are hidden (first-time
user's defect 4)."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt

from advisor.gui.views.ranking_table import LABEL_ROLE, RankingModel


def column_of(model, header: str) -> int:
    return model.headers.index(header)


def test_workload_columns_appear_with_a_workload_and_sort(bundled_window, qtbot):
    window = bundled_window
    table, model = window.table, window.table.model()
    monthly = column_of(model, "$/month")
    assert all(table.isColumnHidden(c) for c in RankingModel.WORKLOAD_COLUMNS)
    window.state.set_workload(
        True,
        requests_per_day=20000,
        input_tokens_per_request=2000,
        output_tokens_per_request=500,
        working_days_per_month=22,
    )
    window.state.rerank_now()
    qtbot.waitUntil(lambda: not table.isColumnHidden(monthly))
    rec = window.state.recommendation
    costs = dict(zip(rec.matrix.labels(), rec.matrix.column("monthly_cost"), strict=True))
    shown = {}
    for row in range(model.rowCount()):
        label = model.data(model.index(row, 2), LABEL_ROLE)
        text = model.data(model.index(row, monthly))
        if not math.isnan(costs[label]):
            assert text == f"${costs[label]:,.0f}" and text.startswith("$")
            shown[label] = costs[label]
        else:
            assert text == "—"
    assert any(v >= 1000 for v in shown.values())  # thousands separated, e.g. "$3,520"
    assert any("," in model.data(model.index(r, monthly)) for r in range(model.rowCount()))
    per_1k = model.data(model.index(0, column_of(model, "$/1k req")))
    assert per_1k.startswith("$") or per_1k == "—"
    table.sortByColumn(monthly, Qt.SortOrder.AscendingOrder)  # the first click: cheapest first
    ranked = [
        costs[model.data(model.index(r, 2), LABEL_ROLE)]
        for r in range(model.rowCount())
        if model.data(model.index(r, 1)) != "—"
    ]
    known = [c for c in ranked if not math.isnan(c)]
    assert known == sorted(known)
    window.state.set_workload(False)
    window.state.rerank_now()
    qtbot.waitUntil(lambda: table.isColumnHidden(monthly))


def test_compare_shows_the_workloads_money_and_names_not_ids(bundled_window, qtbot):
    window = bundled_window
    window.state.set_workload(
        True, requests_per_day=20000, input_tokens_per_request=2000, output_tokens_per_request=500
    )
    window.state.rerank_now()
    rec = window.state.recommendation
    labels = [c.candidate for c in rec.ranking.candidates[:3]]
    window.compare.set_candidates(labels)
    table = window.compare.figures
    rows = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]
    assert "Monthly cost at the workload" in rows and "Cost per 1,000 requests" in rows
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    named, odds = headers[: len(labels)], headers[len(labels) :]
    assert all("@" not in h and " · " in h for h in named)  # "GPT-5 · extended thinking"
    assert odds == ["P(#1 better than #2)", "P(#1 better than #3)"]
    monthly = table.item(rows.index("Monthly cost at the workload"), 0).text()
    assert monthly == "—" or (monthly.startswith("$") and "e+" not in monthly)
