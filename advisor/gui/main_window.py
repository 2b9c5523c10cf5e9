"""The main window: requirements on the left, ranking and views on the right."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from advisor import __version__
from advisor.app.workspace import catalogue_facts, data_date
from advisor.domain.constraints import CONSTRAINTS_BY_NAME, constraint_label
from advisor.domain.efforts import BANDS
from advisor.domain.errors import AdvisorError, CatalogueError
from advisor.domain.ranking import Ranking
from advisor.domain.wording import counted
from advisor.gui.catalogue_menu import CatalogueMenu
from advisor.gui.dialogs.catalogue_editor import CatalogueEditor
from advisor.gui.dialogs.elicitation_dialog import WeightsWizard
from advisor.gui.dialogs.user_guide import GLOSSARY, GUIDE, GuideWindow
from advisor.gui.dialogs.welcome import WelcomeDialog
from advisor.gui.labels import catalogue_names, criterion_label
from advisor.gui.models.catalogue_actions import CatalogueActions
from advisor.gui.models.profile_undo import record_profile_edits
from advisor.gui.models.session import QtSession
from advisor.gui.profile_files import ProfileFiles
from advisor.gui.shortcuts import WindowShortcutsFirst
from advisor.gui.signals import quietly
from advisor.gui.theme import configure_plots
from advisor.gui.views.coverage_view import CoverageView
from advisor.gui.views.detail_pane import DetailPane
from advisor.gui.views.ranking_table import RankingTable
from advisor.gui.views.requirements_panel import RequirementsPanel
from advisor.resources import docs_dir

PEAK_BANNER = (
    "Peak claims: scores include parallel test-time compute (best of many samples, picked by "
    "the vendor's own scorer). Customers usually cannot buy this; such figures are flagged in "
    "each candidate's detail."
)


class MainWindow(ProfileFiles, CatalogueMenu, QMainWindow):
    """Wires the views to one :class:`QtSession` and handles files and settings."""

    def __init__(
        self,
        state: QtSession,
        settings: QSettings,
        presets: list[Path],
        *,
        defer_charts: bool = False,
    ) -> None:
        super().__init__()
        self.state = state
        self.settings = settings
        self.presets = presets
        self.setMinimumSize(1000, 640)
        self.requirements = RequirementsPanel(state, presets)
        scroll = QScrollArea()
        scroll.setWidget(self.requirements)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(
            self.requirements.minimumSizeHint().width()
            + scroll.verticalScrollBar().sizeHint().width()
            + 4
        )
        self.table = RankingTable(state)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.problem)
        self.stance = QLabel(PEAK_BANNER)
        self.stance.setObjectName("stance")
        self.stance.setWordWrap(True)
        self.stance.hide()
        table_layout.addWidget(self.stance)
        self.snapshot_banner = QLabel()
        self.snapshot_banner.setObjectName("stance")
        self.snapshot_banner.setWordWrap(True)
        self.snapshot_banner.linkActivated.connect(lambda _link: self.open_snapshot(None))
        self.snapshot_banner.hide()
        table_layout.addWidget(self.snapshot_banner)
        # When most candidates are excluded, which constraint did it, where the eye is
        self.exclusion_banner = QLabel()
        self.exclusion_banner.setObjectName("stance")
        self.exclusion_banner.setWordWrap(True)
        self.exclusion_banner.hide()
        table_layout.addWidget(self.exclusion_banner)
        self.view_row = QWidget()
        view_layout = QHBoxLayout(self.view_row)
        view_layout.setContentsMargins(0, 0, 0, 0)
        view_layout.addWidget(QLabel("Ranking for"))
        self.view_picker = QComboBox()
        self.view_picker.setAccessibleName("Ranking for")
        self.view_picker.setToolTip("Rank on the group's weights or on one stakeholder's")
        self.view_picker.activated.connect(self._view_chosen)
        view_layout.addWidget(self.view_picker)
        view_layout.addStretch(1)
        self.view_row.hide()
        table_layout.addWidget(self.view_row)
        offers_row = QHBoxLayout()
        offers_row.setContentsMargins(0, 0, 0, 0)
        self.every_offer = QCheckBox("Every offer")
        self.every_offer.setToolTip(
            "List every offer of every model (each channel and region it is sold through), "
            "not only each model's best-ranked offer"
        )
        self.every_offer.toggled.connect(self.table.source.set_every_offer)
        self.offers_hint = QLabel(
            "Each model shows through its best-ranked offer; (+N) counts its other offers."
        )
        self.offers_hint.setObjectName("hint")
        offers_row.addWidget(self.offers_hint, 1)
        offers_row.addWidget(self.every_offer)
        table_layout.addLayout(offers_row)
        table_layout.addWidget(self.table)
        self.detail = DetailPane(state)
        self.coverage = CoverageView(state)
        self.tabs = QTabWidget()
        # The two chart tabs need pyqtgraph, the slowest import; with defer_charts the window
        # paints first and the charts are built on the next turn of the event loop.
        self.tradeoffs: QWidget = QLabel("Loading charts…")
        self.compare: QWidget = QLabel("Loading charts…")
        self.tabs.addTab(self.tradeoffs, "Trade-offs")
        self.tabs.addTab(self.detail, "Candidate detail")
        self.tabs.addTab(self.compare, "Compare")
        self.tabs.addTab(self.coverage, "Coverage map")
        self.sensitivity: QWidget = QLabel("Loading charts…")
        self.tabs.addTab(self.sensitivity, "Sensitivity")
        self.stakeholders: QWidget = QLabel("Loading charts…")
        self.tabs.addTab(self.stakeholders, "Stakeholders")
        if defer_charts:
            QTimer.singleShot(0, self.build_charts)
        else:
            self.build_charts()
        self.right = QSplitter(Qt.Orientation.Vertical)
        self.right.addWidget(table_box)
        self.right.addWidget(self.tabs)
        self.right.setStretchFactor(0, 3)
        self.right.setStretchFactor(1, 2)
        # about ten candidates above the tabs at the first-run size (1280×800)
        self.right.setSizes([340, 420])
        self.main = QSplitter(Qt.Orientation.Horizontal)
        self.main.addWidget(scroll)
        self.main.addWidget(self.right)
        self.main.setStretchFactor(1, 1)
        self.main.setSizes([400, 900])
        self.setCentralWidget(self.main)
        self.status = QLabel()
        self.statusBar().addPermanentWidget(self.status)
        self.catalogue_actions = CatalogueActions(state, self)
        self.catalogue_actions.failed.connect(
            lambda text: QMessageBox.warning(self, "Catalogue edit not done", text)
        )
        self.editor: CatalogueEditor | None = None
        self.sync_dialog = None  # Catalogue ▸ Update from source…, while open
        self.guide: GuideWindow | None = None  # Help ▸ User guide, once opened
        self.first_run = False
        self._data_date: tuple = (None, "")  # (frames, newest figure or snapshot date)
        self._build_menus()
        # Ctrl+E and the other window shortcuts also work while a number box has the focus
        self._shortcuts_first = WindowShortcutsFirst(self)
        QApplication.instance().installEventFilter(self._shortcuts_first)
        self.requirements.preset_requested.connect(self.open_preset)
        self.requirements.weights.guided_requested.connect(self.show_guided_weights)
        state.stakeholders_changed.connect(self._fill_view_picker)
        state.view_changed.connect(lambda _name: self._fill_view_picker())
        state.ranking_changed.connect(self._on_ranking_changed)
        state.dirty_changed.connect(self._update_title)
        state.path_changed.connect(self._update_title)
        state.name_changed.connect(self._update_title)
        state.problem_changed.connect(self._on_problem_changed)
        state.catalogue_changed.connect(self._on_catalogue_changed)
        state.policy_changed.connect(self._on_policy_changed)
        self._restore_settings()
        self._on_catalogue_changed()

    def build_charts(self) -> None:
        """Create the chart tabs (imports pyqtgraph, the slowest import: after the first
        paint when ``defer_charts``)."""
        # pyqtgraph takes half a second to import: the charts load here, not at start-up
        from advisor.gui.charts.compare_view import CompareView
        from advisor.gui.charts.sensitivity_view import SensitivityView
        from advisor.gui.charts.stakeholders_view import StakeholdersView
        from advisor.gui.charts.tradeoff_view import TradeoffView

        configure_plots()

        for index, attribute, view_type, title in (
            (0, "tradeoffs", TradeoffView, "Trade-offs"),
            (2, "compare", CompareView, "Compare"),
            (4, "sensitivity", SensitivityView, "Sensitivity"),
            (5, "stakeholders", StakeholdersView, "Stakeholders"),
        ):
            current = self.tabs.currentIndex()
            view = view_type(self.state)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, view, title)
            self.tabs.setCurrentIndex(current)
            setattr(self, attribute, view)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.compare.set_candidates(self.table.selected_labels())
        )
        self.tradeoffs._on_ranking_changed()

    # ----- menus ---------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.open_action = self._action(
            file_menu, "&Open profile…", QKeySequence.StandardKey.Open, self.open_dialog
        )
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.save_action = self._action(
            file_menu, "&Save profile", QKeySequence.StandardKey.Save, self.save
        )
        self.save_as_action = self._action(
            file_menu, "Save profile &as…", QKeySequence.StandardKey.SaveAs, self.save_as
        )
        file_menu.addSeparator()
        self.export_action = self._action(
            file_menu, "&Export report…", QKeySequence("Ctrl+E"), self.export_report
        )
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", QKeySequence.StandardKey.Quit, self.close)
        edit_menu = self.menuBar().addMenu("&Edit")
        stack = self.catalogue_actions.undo_stack
        record_profile_edits(self.state, stack)  # profile edits share the catalogue's stack
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)  # Ctrl+Shift+Z and Ctrl+Y
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.guided_action = self._action(
            edit_menu, "&Guided weights…", QKeySequence("Ctrl+G"), self.show_guided_weights
        )
        catalogue_menu = self.menuBar().addMenu("&Catalogue")
        self.edit_catalogue_action = self._action(
            catalogue_menu, "&Edit catalogue…", QKeySequence("Ctrl+K"), self.show_editor
        )
        catalogue_menu.addSeparator()
        self.import_file_action = self._action(
            catalogue_menu,
            "&Import file (CSV, JSON, Excel)…",
            QKeySequence("Ctrl+I"),
            self.import_file,
        )
        self.import_folder_action = self._action(
            catalogue_menu, "Import &folder of CSV files…", None, self.import_folder
        )
        self.sync_action = self._action(
            catalogue_menu, "&Update from source…", None, self.update_from_source
        )
        self._action(catalogue_menu, "E&xport catalogue…", None, self.export_catalogue)
        catalogue_menu.addSeparator()
        self._action(catalogue_menu, "&Snapshots…", None, self.show_snapshots)
        self.current_action = self._action(
            catalogue_menu,
            "&Return to the current catalogue",
            None,
            lambda: self.open_snapshot(None),
        )
        catalogue_menu.addSeparator()
        self.conflicts_action = self._action(
            catalogue_menu, "Bundled-update &conflicts…", None, self.show_conflicts
        )
        probe_menu = self.menuBar().addMenu("&Probe")
        self.probe_action = self._action(
            probe_menu, "&Measure from this workstation…", None, self.show_probe
        )
        self._action(probe_menu, "&Endpoints and API keys…", None, self.show_keys)
        view_menu = self.menuBar().addMenu("&View")
        views = ("tradeoffs", "detail", "compare", "coverage", "sensitivity", "stakeholders")
        titles = (
            "Trade-offs",
            "Candidate detail",
            "Compare",
            "Coverage map",
            "Sensitivity",
            "Stakeholders",
        )
        for number, (attribute, text) in enumerate(zip(views, titles, strict=True), start=1):
            self._action(
                view_menu,
                text,
                QKeySequence(f"Ctrl+{number}"),
                lambda _=False, a=attribute: self.tabs.setCurrentWidget(getattr(self, a)),
            )
        help_menu = self.menuBar().addMenu("&Help")
        self.guide_action = self._action(
            help_menu, "&User guide", QKeySequence.StandardKey.HelpContents, self.show_guide
        )
        self._action(
            help_menu,
            "&Glossary of conditions, modes and terms",
            None,
            lambda: self.show_guide(GLOSSARY),
        )
        help_menu.addSeparator()
        self._action(help_menu, "&Welcome and example profiles…", None, self.show_welcome)
        self._action(help_menu, "&About Model Advisor", None, self.about)
        self._fill_recent()

    def _action(self, menu, text, shortcut, slot) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # ----- first run -----------------------------------------------------------------------
    def show_welcome(self) -> None:
        """The first-run welcome (also under Help): the catalogue's date, an example profile."""
        self.welcome = WelcomeDialog(
            __version__,
            catalogue_facts(self.state.session.frames),
            self.state.store.path,
            self.presets,
            self,
        )
        self.welcome.example_chosen.connect(self.open_preset)
        self.welcome.show()

    def show_guide(self, anchor: str = "") -> None:
        """Help ▸ User guide (F1), or the glossary in it: docs/guide.md rendered here."""
        try:
            folder = docs_dir()
        except CatalogueError as error:
            QMessageBox.warning(self, "User guide not found", str(error))
            return
        if self.guide is None:
            self.guide = GuideWindow(folder, self)
        self.guide.show()
        self.guide.raise_()
        self.guide.open_page(GUIDE, anchor)

    # ----- weights and stakeholders -------------------------------------------------------
    def show_guided_weights(self) -> None:
        """Open the guided-weights wizard for the weights on show."""
        if not self.state.weights_editable:
            QMessageBox.information(
                self,
                "Guided weights",
                "The group's weights come from the stakeholders'. Choose a stakeholder in "
                "“Ranking for” above the table, then derive their weights.",
            )
            return
        self.wizard = WeightsWizard(self.state, self)
        self.wizard.show()

    def _fill_view_picker(self) -> None:
        people = self.state.stakeholders
        self.view_row.setVisible(bool(people))
        with quietly(self.view_picker):
            self.view_picker.clear()
            rule = self.state.aggregation.value
            self.view_picker.addItem(f"The group ({rule} mean of {len(people)})", "")
            for person in people:
                self.view_picker.addItem(person.name, person.name)
            self.view_picker.setCurrentIndex(max(0, self.view_picker.findData(self.state.viewing)))

    def _view_chosen(self, index: int) -> None:
        try:
            self.state.view(self.view_picker.itemData(index))
        except AdvisorError as exc:
            QMessageBox.warning(self, "Ranking for", str(exc))

    def export_report(self) -> None:
        """Ask for cover details and a file, then write the PDF in the background."""
        from advisor.gui.dialogs.report_export import (  # reportlab: a quarter second to import
            ReportDialog,
            ReportExport,
        )

        if self.state.recommendation is None:
            QMessageBox.warning(self, "Nothing to report", self.state.problem or "No ranking yet.")
            return
        dialog = ReportDialog(self, self.settings, self.state.name, self.state.viewing)
        if dialog.exec() != ReportDialog.DialogCode.Accepted:
            return
        options = dialog.options()
        start = Path(str(self.settings.value("report/folder", Path.home())))
        suggested = start / f"{self.state.name.lower().replace(' ', '-')}-report.pdf"
        path, _ = QFileDialog.getSaveFileName(self, "Export report", str(suggested), "PDF (*.pdf)")
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        self.settings.setValue("report/folder", str(Path(path).parent))
        self.export_action.setEnabled(False)
        self._export = ReportExport(self, self.state, Path(path), options)
        self._export.done.connect(self._on_report_done)
        self._export.start()

    def _on_report_done(self, path: str, error: str) -> None:
        self.export_action.setEnabled(True)
        if error:
            QMessageBox.warning(self, "Cannot export report", error)
        else:
            self.statusBar().showMessage(f"Report written to {path}", 8000)

    # ----- status and title ----------------------------------------------------------------
    def _update_title(self, *_args) -> None:
        where = f" — {self.state.path.name}" if self.state.path else ""
        self.setWindowTitle(f"{self.state.name}{where}[*] — Model Advisor")  # [*]: edited mark
        self.setWindowModified(self.state.dirty)

    def _on_policy_changed(self) -> None:
        policy = self.state.policy
        if policy.budget_band is not None:
            self.stance.setText(
                f"At equal budget, effort band “{policy.budget_band}”: only figures obtained "
                f"with {BANDS[policy.budget_band]} count. Other bands' figures, and those of no "
                "stated effort, are listed in each candidate's detail, not scored."
            )
            self.stance.show()
            return
        self.stance.setText(PEAK_BANNER)
        self.stance.setVisible(not all(c.buyable for c in policy.conditions))

    def _on_problem_changed(self, problem: str) -> None:
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))

    def _on_ranking_changed(self) -> None:
        rec = self.state.recommendation
        meta = self.state.catalogue_meta
        frames = self.state.session.frames
        if self._data_date[0] is not frames:  # facts change with the catalogue, not the weights
            self._data_date = (frames, data_date(catalogue_facts(frames)))
        newest = self._data_date[1]
        catalogue = f"Figures up to {newest}" if newest else "Catalogue"
        if meta.get("snapshot"):
            catalogue = f"Snapshot “{meta['snapshot']}”"
        if rec is None:
            self.status.setText(catalogue)
            return
        ranked, excluded = len(rec.ranking), len(rec.ranking.excluded)
        models = len(rec.ranking.best_offer_rows)
        # The banner shows when most models (not offers: a model excluded on one channel may
        # rank on another) have no ranked offer at all.
        all_models = int(rec.matrix.model_mode_keys().max(initial=-1)) + 1
        out = all_models - models
        banner = exclusion_banner_text(rec.ranking, rec.profile) if 0 < models < out else ""
        self.exclusion_banner.setText(banner)
        self.exclusion_banner.setVisible(bool(banner))
        text = (
            f"{catalogue} · {models} ranked ({counted(ranked, 'offer')}) · "
            f"{counted(excluded, 'offer')} excluded"
        )
        if ranked == 0 and excluded:
            text += " · " + most_common_exclusion(rec.ranking)
        self.status.setText(text)
        if ranked == 0 and excluded:
            self._on_problem_changed(
                "Every candidate is excluded. "
                + most_common_exclusion(rec.ranking)
                + " Relax that constraint to see a ranking."
            )
        elif not self.state.problem:
            self._on_problem_changed("")
        if rec.ranking.unfigured and ranked:
            names = catalogue_names(self.state.session.frames)
            missing = ", ".join(criterion_label(c, names) for c in rec.ranking.unfigured)
            self.statusBar().showMessage(
                f"No ranked candidate has a figure for {missing}: its weight was set aside and "
                "the other weights rescaled.",
                8000,
            )

    def about(self) -> None:
        facts = catalogue_facts(self.state.session.frames)
        meta = self.state.catalogue_meta
        QMessageBox.about(
            self,
            "About Model Advisor",
            f"<h3>Model Advisor {__version__}</h3>"
            "<p>Choose an LLM vendor and model the way you will actually run it.</p>"
            f"<p>Catalogue created {meta.get('created_at', 'unknown')[:10]}; newest figure "
            f"dated {facts['newest'] or 'unknown'}<br>"
            f"{facts['models']} models · {facts['results']} benchmark results · "
            f"{facts['sources']} distinct sources</p>"
            "<p>Every figure shows its source and date; the scoring formulas are in "
            "docs/scoring.md. Model Advisor works offline.</p>",
        )

    # ----- settings ------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        for key, splitter in (("main_splitter", self.main), ("right_splitter", self.right)):
            value = self.settings.value(key)
            if value is not None:
                splitter.restoreState(value)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_discard():
            event.ignore()
            return
        stop = getattr(self.sensitivity, "stop", None)
        if stop is not None:
            stop()  # never leave a study thread running behind a closed window
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("main_splitter", self.main.saveState())
        self.settings.setValue("right_splitter", self.right.saveState())
        if self.editor is not None:
            self.editor.close()
        if self.sync_dialog is not None:
            self.sync_dialog.stop()  # waits for a sync being written to finish
        event.accept()


def exclusion_banner_text(ranking: Ranking, profile) -> str:
    """ "13 of 20 candidates are excluded by “Min coverage” 30% …": the constraint that
    excluded the most, with the profile's value, and where to relax it."""
    main = ranking.main_exclusion()
    if main is None:
        return ""
    name, count = main
    total = len(ranking) + len(ranking.excluded)
    info = CONSTRAINTS_BY_NAME.get(name)
    value = getattr(profile.constraints, name, None)
    shown = ""
    if name == "min_coverage" and isinstance(value, float):
        shown = f" {value:.0%}"
    elif info is not None and info.is_bound and isinstance(value, int | float):
        shown = f" {value:,g}{info.unit}"
    return (
        f"{count} of {total} offers are excluded by “{constraint_label(name)}”{shown}; "
        f"{len(ranking)} are ranked. Relax it under Hard constraints to rank more (each "
        "excluded row says why)."
    )


def most_common_exclusion(ranking: Ranking) -> str:
    """Which constraint excluded the most candidates, in one sentence."""
    main = ranking.main_exclusion()
    if main is None:
        return ""
    name, count = main
    return f"“{constraint_label(name)}” excluded the most ({count} of {len(ranking.excluded)})."
