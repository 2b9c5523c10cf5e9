"""The window driven through its real widgets (pytest-qt)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from advisor.domain import Profile
from advisor.domain.vocabulary import Condition
from advisor.gui.views.ranking_table import LABEL_ROLE, SCORE
from tests.gui.conftest import table_labels, top
from tests.gui.pages import requirements, select_rows


def rows_by_label(window):
    model = window.table.source
    return {row.label: row for row in model.rows}


def test_starts_ranked_with_table_plot_and_status(window):
    assert top(window) == "beta@extended_thinking"
    assert table_labels(window)[0] == "beta@extended_thinking"
    assert len(window.tradeoffs.scatter.points()) == 4
    # 4 models (in a mode); beta is also offered self-hosted, in both of its modes
    assert "4 ranked (6 offers) · 0 offers excluded" in window.status.text()


def test_weight_slider_changes_the_top_candidate(window, qtbot):
    page = requirements(window)
    page.slider("code").setValue(0)
    page.slider("know").setValue(100)
    qtbot.waitUntil(lambda: top(window) == "alpha@standard")
    assert table_labels(window)[0] == "alpha@standard"
    assert page.weight("know").share.text() == f"{100 / 120:.0%}"
    assert window.state.dirty and window.isWindowModified()


def test_slider_drag_is_coalesced_into_one_rerank(window, qtbot):
    seen = []
    window.state.ranking_changed.connect(lambda: seen.append(1))
    slider = requirements(window).slider("code")
    for value in range(10, 60, 5):
        slider.setValue(value)
    qtbot.waitUntil(lambda: len(seen) >= 1)
    qtbot.wait(20)
    assert len(seen) == 1


def test_rank_changes_show_as_arrows(window, qtbot):
    requirements(window).slider("code").setValue(0)
    qtbot.waitUntil(lambda: top(window) == "alpha@standard")
    alpha = rows_by_label(window)["alpha@standard"]
    assert alpha.change == 1
    model = window.table.source
    assert model.data(model.index(model.row_of("alpha@standard"), 0)) == "▲1"


def test_parallel_compute_toggle_changes_scores(window, qtbot):
    before = rows_by_label(window)["beta@standard"].score
    requirements(window).policy.conditions[Condition.PARALLEL].setChecked(True)
    qtbot.waitUntil(lambda: rows_by_label(window)["beta@standard"].score != before)
    assert Condition.PARALLEL in window.state.policy.conditions
    assert not requirements(window).policy.as_deployed.isChecked()
    requirements(window).policy.as_deployed.click()
    qtbot.waitUntil(lambda: rows_by_label(window)["beta@standard"].score == before)


def test_peak_claims_button_counts_every_condition(window, qtbot):
    assert window.stance.isHidden()
    requirements(window).policy.peak.click()
    qtbot.waitUntil(lambda: set(window.state.policy.conditions) == set(Condition))
    assert requirements(window).policy.peak.isChecked()
    assert not window.stance.isHidden() and "Peak claims" in window.stance.text()


def test_constraint_moves_a_candidate_to_excluded_with_its_reason(window, qtbot):
    requirements(window).constraints.max_price.setValue(3.5)
    qtbot.waitUntil(
        lambda: (
            "gamma@standard"
            not in [c.candidate for c in window.state.recommendation.ranking.candidates]
        )
    )
    row = rows_by_label(window)["gamma@standard"]
    assert row.rank is None
    labels = table_labels(window)
    assert labels[-1] == "gamma@standard"  # excluded rows stay below ranked ones
    model = window.table.source
    reason = model.data(model.index(model.row_of("gamma@standard"), model.columnCount() - 1))
    assert reason == "blended price 6 USD/Mtok exceeds the max of 3.5 USD/Mtok"


def test_excluded_rows_stay_below_when_sorting_either_way(window, qtbot):
    requirements(window).constraints.max_price.setValue(3.5)
    # gamma is too dear; beta self-hosted has no price to check (its models rank via the API)
    qtbot.waitUntil(lambda: len(window.state.recommendation.ranking.excluded) == 3)
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        window.table.sortByColumn(SCORE, order)
        assert table_labels(window)[-1] == "gamma@standard"


def test_clicking_a_point_selects_the_table_row_and_back(window, qtbot):
    view = window.tradeoffs
    spot = view.point_for("alpha@standard")
    view.scatter.sigClicked.emit(view.scatter, [spot], None)
    assert window.state.selected == "alpha@standard"
    assert window.table.currentIndex().data(LABEL_ROLE) == "alpha@standard"
    assert "Alpha" in window.detail.header.text()
    window.table.selectRow(table_labels(window).index("gamma@standard"))
    assert window.state.selected == "gamma@standard"
    ring = view.ring.points()
    assert len(ring) == 1 and tuple(ring[0].pos()) == view._points["gamma@standard"]


def test_detail_shows_sources_and_uncounted_figures(window):
    window.state.select("beta@standard")
    html = window.detail.figures.toHtml()
    assert "https://b.example/beta" in html
    assert "Published but not counted" in html and "parallel test-time compute" in html
    assert "parallel_test_time_compute" not in html  # never the id
    window.state.select("beta@extended_thinking")
    assert "No figure for:" in window.detail.figures.toHtml()


def test_save_and_reopen_gives_the_same_ranking(window, qtbot, tmp_path):
    requirements(window).weight("know").box.setValue(70)
    qtbot.waitUntil(lambda: window.state.dirty)
    window.state.rerank_now()
    before = [
        (c.candidate, round(c.score, 12)) for c in window.state.recommendation.ranking.candidates
    ]
    path = tmp_path / "saved.toml"
    assert window._save_to(path)
    assert not window.state.dirty
    window.state.load(window.state.profile().with_weights({"code": 1.0}))
    assert window.open_path(path)
    after = [
        (c.candidate, round(c.score, 12)) for c in window.state.recommendation.ranking.candidates
    ]
    assert after == before
    assert window.settings.value("last_profile") == str(path)
    assert window.recent_menu.actions()[0].toolTip() == str(path)


def test_unsaved_changes_prompt(window, qtbot, monkeypatch, tmp_path):
    requirements(window).slider("know").setValue(90)
    answers = [QMessageBox.StandardButton.Cancel]
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a, **k: answers.pop(0) if answers else QMessageBox.StandardButton.Discard,
    )
    assert window.confirm_discard() is False
    answers.append(QMessageBox.StandardButton.Discard)
    assert window.confirm_discard() is True


def test_bad_profile_file_shows_a_message_not_a_traceback(window, monkeypatch, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\n[weights]\ncoding = -1\n')
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: shown.append(text))
    assert window.open_path(bad) is False
    assert shown and "weights.coding is negative" in shown[0]


def test_all_weights_zero_explains_instead_of_ranking(window, qtbot):
    for row in requirements(window).weight_rows():
        row.slider.setValue(0)
    window.state.rerank_now()
    assert window.state.recommendation is None
    assert "All weights are 0" in window.problem.text()
    assert window.table.source.rowCount() == 0


def test_everything_excluded_names_the_main_constraint(window, qtbot):
    requirements(window).constraints.max_price.setValue(0.5)
    window.state.rerank_now()
    assert "Every candidate is excluded" in window.problem.text()
    assert "Max price" in window.problem.text()


def test_window_state_is_restored(window, settings, tiny_db_path, qtbot):
    from advisor.gui.app import create_window

    window.main.setSizes([430, 850])
    window.close()
    again = create_window(tiny_db_path, settings)
    qtbot.addWidget(again)
    assert settings.value("main_splitter") is not None
    assert again.main.saveState() == settings.value("main_splitter")


def test_bundled_catalogue_opens_with_the_default_profile(bundled_window):
    w = bundled_window
    assert w.state.name == "Coding assistant"
    assert len(w.state.recommendation.ranking) > 30
    assert requirements(w).weight("coding").box.value() == 45


def test_compare_follows_the_table_selection(window, qtbot):
    select_rows(window, range(3))
    table = window.table
    assert window.compare.candidates == table_labels(window)[:3]
    figures = window.compare.figures
    assert figures.columnCount() == 3 + 2  # the candidates, then P(#1 better than #2, #3)
    criteria = [figures.verticalHeaderItem(r).text() for r in range(figures.rowCount())]
    assert "Code bench" in criteria
    code_row = criteria.index("Code bench")
    values = {
        figures.horizontalHeaderItem(c).text(): figures.item(code_row, c).text() for c in range(3)
    }
    assert values["Beta · extended thinking"] == "80 ±4.0"  # names, not ids; binomial, n=100
    table.selectRow(0)
    assert "Select 2 to 4" in window.compare.hint.text()


def test_coverage_map_shows_who_published_what(window):
    model = window.coverage.model
    row = model.model_ids.index("beta")
    col = model.bench_ids.index("code")
    assert model.data(model.index(row, col)) == "S T P"
    assert (
        model.data(model.index(model.model_ids.index("gamma"), model.bench_ids.index("know")))
        is None
    )
    window.coverage.show_cell(model.index(row, col))
    text = window.coverage.details.toPlainText()
    assert "90 — parallel test-time compute" in text and "https://b.example/beta" in text


def test_charts_can_be_built_after_the_first_paint(qtbot, tiny_db_path, settings):
    from advisor.gui.app import create_window
    from advisor.gui.charts.tradeoff_view import TradeoffView

    w = create_window(tiny_db_path, settings, defer_charts=True)
    qtbot.addWidget(w)
    assert not isinstance(w.tradeoffs, TradeoffView)
    w.state.load(Profile("tiny", {"code": 1.0}))
    assert w.table.source.rowCount() > 0  # the ranking is usable before the charts exist
    qtbot.waitUntil(lambda: isinstance(w.tradeoffs, TradeoffView))
    assert len(w.tradeoffs.scatter.points()) == w.table.source.rowCount()
    assert w.tabs.tabText(0) == "Trade-offs" and w.tabs.widget(0) is w.tradeoffs


def test_one_model_catalogue_and_a_very_long_name(qtbot, tmp_path, settings):
    from advisor.gui.app import create_window
    from tests.conftest import catalogue_of_only, write_csv

    folder = tmp_path / "one"
    long_name = "An Extremely Long Model Name " * 8
    write_csv(
        folder,
        "models.csv",
        f"model_id,vendor,display_name,input_usd_per_mtok,output_usd_per_mtok\nsolo,Solo Inc,{long_name.strip()},1,2\n",
    )
    write_csv(
        folder,
        "benchmarks.csv",
        "benchmark,name,category,unit,higher_is_better\nb,Bench,coding,percent,yes\n",
    )
    write_csv(
        folder, "benchmark_results.csv", "model_id,benchmark,condition,score\nsolo,b,standard,50\n"
    )
    write_csv(
        folder, "criterion_groups.csv", "group,criterion,weight\nprice,blended_usd_per_mtok,1\n"
    )
    db_path = catalogue_of_only(tmp_path / "one.sqlite", folder)
    w = create_window(db_path, settings)
    qtbot.addWidget(w)
    w.state.load(Profile("solo", {"b": 1.0, "price": 1.0}))
    ranking = w.state.recommendation.ranking
    assert [c.candidate for c in ranking.candidates] == ["solo@standard"]
    assert ranking.candidates[0].score == 1.0  # one candidate: no spread, every value is 1
    model = w.table.source
    assert model.data(model.index(0, 2)).startswith("An Extremely Long Model Name")
    assert w.table.columnWidth(2) < 400  # long names are elided, not widening the table


def test_a_criterion_without_data_is_explained(window, qtbot):
    from PySide6.QtWidgets import QApplication

    window.state.set_weight("latency_ttft_s", 0)  # present in the tiny catalogue only as a column
    window.state.load(Profile("gap", {"code": 1.0, "output_tokens_per_s": 1.0}))
    notes = window.state.recommendation.ranking.notes
    assert notes and "output_tokens_per_s" in notes[0]
    QApplication.processEvents()
    message = window.statusBar().currentMessage()
    assert "figure for Output speed:" in message and "output_tokens_per_s" not in message


def test_hover_tip_names_figures_and_sources(window):
    view = window.tradeoffs
    view.set_axes("code", "blended_usd_per_mtok")
    tip = view._tip(0, 0, "alpha@standard")
    assert "rank" in tip and "Code bench: 50" in tip and "https://a.example/alpha" in tip


def test_export_report_writes_a_pdf_in_the_background(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from advisor.gui.dialogs.report_export import ReportDialog

    target = tmp_path / "committee.pdf"
    monkeypatch.setattr(ReportDialog, "exec", lambda self: ReportDialog.DialogCode.Accepted)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF (*.pdf)")
    )
    window.export_action.trigger()
    qtbot.waitUntil(
        lambda: "Report written to" in window.statusBar().currentMessage(), timeout=20000
    )
    assert target.read_bytes().startswith(b"%PDF")
    assert window.export_action.isEnabled()


def test_export_report_error_is_a_message(window, qtbot, tmp_path, monkeypatch, _no_modal_dialogs):
    from PySide6.QtWidgets import QFileDialog

    from advisor.gui.dialogs.report_export import ReportDialog

    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    monkeypatch.setattr(ReportDialog, "exec", lambda self: ReportDialog.DialogCode.Accepted)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(blocker / "r.pdf"), "PDF (*.pdf)")
    )
    window.export_action.trigger()
    qtbot.waitUntil(lambda: window.export_action.isEnabled(), timeout=20000)
    assert any("Cannot write the report" in str(args) for args in _no_modal_dialogs)


def test_workload_panel_drives_cost_and_headroom(window, qtbot):
    box = requirements(window).workload
    box.setChecked(True)
    boxes = box.boxes
    boxes["requests_per_day"].setValue(10_000)
    boxes["peak_requests_per_min"].setValue(200)
    boxes["input_tokens_per_request"].setValue(1_000)
    boxes["output_tokens_per_request"].setValue(500)
    boxes["working_days_per_month"].setValue(20)
    window.state.set_weight("monthly_cost", 50)
    window.state.rerank_now()
    workload = window.state.workload
    assert workload.requests_per_day == 10_000 and workload.peak_requests_per_min == 200
    costs = dict(
        zip(
            window.state.recommendation.matrix.labels(),
            window.state.recommendation.matrix.column("monthly_cost"),
            strict=True,
        )
    )
    assert costs["alpha@standard"] == pytest.approx((1000 * 1 + 500 * 3) / 1e6 * 10_000 * 20)
    requirements(window).constraints.min_headroom.setValue(1.0)
    window.state.rerank_now()
    reasons = {e.candidate: e.reasons for e in window.state.recommendation.ranking.excluded}
    assert reasons["beta@standard"] == (
        "needs tier 2 for 200 requests/min at peak; profile allows tier 1",
    )
    box.tier_vendor.setCurrentText("VendorB")
    box.tier_box.setValue(2)
    window.state.rerank_now()
    ranked = {c.candidate for c in window.state.recommendation.ranking.candidates}
    assert "beta@standard" in ranked
    assert window.state.profile().workload.tiers == {"VendorB": 2}
    box.setChecked(False)
    window.state.rerank_now()
    assert window.state.workload is None


def test_sensitivity_tab_runs_in_the_background_and_reports(window, qtbot):
    view = window.sensitivity
    view.samples.setValue(300)
    view._timer.stop()
    view.start()
    qtbot.waitUntil(lambda: view.study is not None and view._thread is None, timeout=20000)
    assert view.study["samples"] == 300
    assert "ranks first in" in view.summary.text()
    assert view.progress.value() == 100
    assert view.whatif_key.count() == 3


def test_sensitivity_cancel_keeps_the_window_responsive(window, qtbot):
    view = window.sensitivity
    view.samples.setValue(100_000)
    view._timer.stop()
    view.start()
    view.stop()
    assert view._thread is None and not view.cancel.isEnabled()


def test_old_figures_are_marked_in_the_table_and_detail(window):
    model = window.table.source
    row = model.row_of("alpha@standard")
    cell = model.data(model.index(row, model.old_column))
    assert cell.startswith("⚠")  # the tiny catalogue's figures are from early 2025
    tip = model.data(model.index(row, model.old_column), Qt.ItemDataRole.ToolTipRole)
    assert "older than 12 months" in tip and "code (2025-01-01)" in tip
    window.state.select("alpha@standard")
    assert "older than 12 months" in window.detail.figures.toPlainText()


def test_a_slider_tick_redraws_the_weights_and_nothing_else_before_the_rerank(window, qtbot):
    state = window.state
    seen = []
    for name in (
        "weights_changed",
        "constraints_changed",
        "policy_changed",
        "workload_changed",
        "stakeholders_changed",
        "view_changed",
        "name_changed",
    ):
        getattr(state, name).connect(lambda *_args, n=name: seen.append(n))
    before = window.view_picker.count(), requirements(window).constraints.max_price.value()
    slider = requirements(window).slider("code")
    for value in (10, 20, 30):
        slider.setValue(value)
    assert seen == ["weights_changed"] * 3
    assert requirements(window).weight("code").share.text() == f"{30 / 80:.0%}"
    assert (
        window.view_picker.count(),
        requirements(window).constraints.max_price.value(),
    ) == before
