"""Render the README and user-guide screenshots offscreen.

Run:  python docs/make_screenshots.py   (writes docs/screenshots/*.png)

Uses a temporary catalogue built from the bundled data and temporary settings, so the images
show exactly what a newcomer sees.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QItemSelectionModel, QSettings
from PySide6.QtWidgets import QApplication

from advisor.gui.app import create_window, load_fonts
from advisor.gui.theme import apply_theme

OUT = Path(__file__).resolve().parent / "screenshots"


def shoot(window, app, name: str) -> None:
    app.processEvents()
    path = OUT / f"{name}.png"
    window.grab().save(str(path))
    print(path)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    load_fonts()
    with tempfile.TemporaryDirectory() as tmp:
        for dark in (False, True):
            apply_theme(app, dark=dark)
            settings = QSettings(str(Path(tmp) / f"s{dark}.ini"), QSettings.Format.IniFormat)
            window = create_window(Path(tmp) / "catalogue.sqlite", settings)
            window.resize(1280, 800)
            window.show()
            top = window.state.recommendation.ranking.candidates[0].candidate
            window.state.select(top)
            if dark:
                shoot(window, app, "main-dark")
                window.state._set_dirty(False)
                window.close()
                continue
            shoot(window, app, "main")
            window.show_welcome()
            shoot(window.welcome, app, "welcome")
            window.welcome.close()
            window.tabs.setCurrentWidget(window.detail)
            shoot(window, app, "detail")
            table = window.table
            table.clearSelection()
            for row in range(3):
                table.selectionModel().select(
                    table.source.index(row, 0),
                    QItemSelectionModel.SelectionFlag.Select
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
            window.tabs.setCurrentWidget(window.compare)
            shoot(window, app, "compare")
            window.tabs.setCurrentWidget(window.coverage)
            model = window.coverage.model
            cell = model.index(
                model.model_ids.index("claude-opus-4"), model.bench_ids.index("swe-bench-verified")
            )
            window.coverage.table.scrollTo(cell)  # as if the user had clicked it
            window.coverage.table.setCurrentIndex(cell)
            window.coverage.show_cell(cell)
            shoot(window, app, "coverage")
            window.tabs.setCurrentWidget(window.sensitivity)
            window.sensitivity._timer.stop()
            window.sensitivity.start()
            while window.sensitivity._thread is not None:
                app.processEvents()
            window.sensitivity.whatif_key.setCurrentIndex(2)
            shoot(window, app, "sensitivity")
            window.tabs.setCurrentWidget(window.tradeoffs)
            window.state.compare_peak_claims()
            window.state.rerank_now()
            shoot(window, app, "peak-claims")
            window.state.load(window.state.profile())  # a clean start, no rank arrows
            window.state.compare_as_deployed()
            window.state.load(window.state.profile())
            window.state.select(top)
            window.resize(1920, 1080)
            shoot(window, app, "main-1920")
            window.resize(1280, 800)
            from advisor.app.profiles import example_profiles, load_profile

            at_scale = next(p for p in example_profiles() if p.stem == "engineering-org-at-scale")
            window.state.load(load_profile(at_scale))
            window.state.select(window.state.recommendation.ranking.candidates[0].candidate)
            window.tabs.setCurrentWidget(window.detail)
            scroll = window.requirements.parentWidget().parentWidget()
            app.processEvents()
            scroll.ensureWidgetVisible(window.requirements.workload)
            shoot(window, app, "workload")
            window.tabs.setCurrentWidget(window.tradeoffs)
            window.tradeoffs.set_axes("__score__", "monthly_cost")
            shoot(window, app, "tradeoff-monthly-cost")
            table = window.table
            last = table.source.rowCount() - 1
            table.scrollTo(table.source.index(last, table.source.columnCount() - 1))
            table.scrollTo(table.source.index(last - 40, table.source.columnCount() - 1))
            shoot(window, app, "ranking-reasons")
            table.scrollToTop()
            table.horizontalScrollBar().setValue(0)
            window.show_guide("reading-the-ranking")
            window.guide.resize(900, 720)
            window.guide.open_page("guide.md", "reading-the-ranking")
            shoot(window.guide, app, "user-guide")
            window.guide.close()
            sync = window.update_from_source()
            sync.resize(1100, 640)
            sync.source.setCurrentIndex(sync.source.findData("epoch"))
            bundled = Path(__file__).resolve().parents[1] / "data" / "sources"
            sync.path.setText(str(bundled / "epoch" / "benchmark_data"))
            sync.start_preview()
            while sync.plan is None:
                app.processEvents()
            shoot(sync, app, "source-sync")
            sync.reject()
            editor = window.show_editor()
            editor.resize(1280, 640)
            editor.show_table("results")
            editor.filter.setText("swe-bench-verified")
            editor.view.selectRow(0)
            shoot(editor, app, "catalogue-editor")
            editor.close()
            committee = next(p for p in example_profiles() if p.stem == "procurement-committee")
            window.state.load(load_profile(committee))
            window.state.view("Engineering")
            window.tabs.setCurrentWidget(window.stakeholders)
            scroll.verticalScrollBar().setValue(0)
            shoot(window, app, "stakeholders")
            window.show_guided_weights()
            wizard = window.wizard
            wizard.rows[2].set_judgement(1 / 2)  # one answer at odds with the others
            shoot(wizard, app, "guided-weights")
            wizard.close()
            window.state._set_dirty(False)
            window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
