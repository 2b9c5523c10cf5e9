"""The main window's Catalogue and Probe menus: the catalogue editor, imports with a preview,
updates from a public source, exports, snapshots, bundled-update conflicts, and the live
probe's keys and runs (a mixin of :class:`~advisor.gui.main_window.MainWindow`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from advisor.domain.errors import AdvisorError
from advisor.domain.wording import counted
from advisor.gui.dialogs.catalogue_dialogs import (
    ConflictsDialog,
    ImportPreviewDialog,
    SnapshotsDialog,
)
from advisor.gui.dialogs.catalogue_editor import CatalogueEditor, export_dialog
from advisor.gui.dialogs.source_sync_dialog import SourceSyncDialog


class CatalogueMenu:
    """Catalogue ▸ … and Probe ▸ … for the window's ``catalogue_actions`` and ``state``."""

    def show_editor(self) -> CatalogueEditor:
        """Open (or raise) the catalogue editor window."""
        if self.editor is None:
            self.editor = CatalogueEditor(self.catalogue_actions, self)
        self.editor.show()
        self.editor.raise_()
        self.editor.activateWindow()
        return self.editor

    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Import into the catalogue",
            str(self.settings.value("catalogue/folder", Path.home())),
            "Catalogue files (*.csv *.json *.xlsx);;All files (*)",
        )
        if path:
            self.import_path(Path(path))

    def import_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self,
            "Import a folder of catalogue CSV files",
            str(self.settings.value("catalogue/folder", Path.home())),
        )
        if path:
            self.import_path(Path(path))

    def import_path(self, path: Path) -> bool:
        """Preview an import, then (if the user agrees) import it; True if imported."""
        if self.catalogue_actions.read_only:
            QMessageBox.information(self, "Read-only", self.state.store.read_only_reason("import"))
            return False
        self.settings.setValue("catalogue/folder", str(Path(path).parent))
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            dialog = ImportPreviewDialog(self.catalogue_actions, Path(path), self)
        finally:
            QApplication.restoreOverrideCursor()
        if dialog.exec() != ImportPreviewDialog.DialogCode.Accepted:
            return False
        self.statusBar().showMessage(dialog.result_text, 10000)
        return True

    def update_from_source(self) -> SourceSyncDialog | None:
        """Catalogue ▸ Update from source…: preview, then apply, a sync from a public source."""
        if self.catalogue_actions.read_only:
            QMessageBox.information(
                self, "Read-only", self.state.store.read_only_reason("update it")
            )
            return None
        if self.sync_dialog is not None and self.sync_dialog.isVisible():
            self.sync_dialog.raise_()
            self.sync_dialog.activateWindow()
            return self.sync_dialog
        if self.sync_dialog is not None:
            self.sync_dialog.stop()
        self.sync_dialog = SourceSyncDialog(
            self.catalogue_actions.store.path,
            self,
            folder=str(self.settings.value("catalogue/folder", Path.home())),
        )
        self.sync_dialog.synced.connect(self._on_synced)
        self.sync_dialog.show()
        return self.sync_dialog

    def _on_synced(self, text: str) -> None:
        self.state.reload_catalogue()
        self.statusBar().showMessage(text, 10000)

    def export_catalogue(self) -> None:
        path = export_dialog(self, "model-advisor-catalogue")
        if not path:
            return
        try:
            written = self.catalogue_actions.export(path)
        except AdvisorError as exc:
            QMessageBox.warning(self, "Cannot export the catalogue", str(exc))
            return
        self.statusBar().showMessage(
            f"Exported the catalogue: {counted(len(written), 'file')} in {path}", 8000
        )

    def show_snapshots(self) -> None:
        SnapshotsDialog(self.catalogue_actions, self).exec()

    def show_conflicts(self) -> None:
        ConflictsDialog(self.catalogue_actions, self).exec()
        self._on_catalogue_changed()

    def open_snapshot(self, name: str | None) -> None:
        """Rank against a snapshot (read-only), or back against the current catalogue."""
        try:
            self.catalogue_actions.open_snapshot(name)
        except AdvisorError as exc:
            QMessageBox.warning(self, "Cannot open the snapshot", str(exc))

    @property
    def keys(self):
        """API keys for the probe: the OS keyring, or this session's memory."""
        if getattr(self, "_keys", None) is None:
            from advisor.app.probe import KeyStore  # http and ssl load only when asked for

            self._keys = KeyStore()
        return self._keys

    def show_keys(self) -> None:
        from advisor.gui.dialogs.keys_dialog import KeysDialog  # the probe: http and ssl

        KeysDialog(self.catalogue_actions, self.keys, self).exec()

    def show_probe(self):
        """Open the probe dialog on the top candidates (and any selected ones) first."""
        from advisor.gui.dialogs.probe_dialog import ProbeDialog  # the probe: http and ssl

        rec = self.state.recommendation
        labels = self.table.selected_labels()
        if rec is not None:
            labels += [c.candidate for c in rec.ranking.candidates]
        # The probe measures a model in a mode at an endpoint: each once, without its offer.
        labels = list(dict.fromkeys(label.split("/", 1)[0] for label in labels))
        dialog = ProbeDialog(self.catalogue_actions, self.keys, self.settings, labels[:40], self)
        dialog.open()
        return dialog

    def _on_catalogue_changed(self) -> None:
        store = self.state.store
        snapshot = store.snapshot if store is not None else None
        if snapshot is not None:
            self.snapshot_banner.setText(
                f"Ranking against snapshot “{snapshot.name}”, taken {snapshot.taken_text} "
                "(read-only). <a href='current'>Return to the current catalogue</a>"
            )
        elif store is not None and store.read_only:
            self.snapshot_banner.setText(store.read_only_reason("change it"))
        self.snapshot_banner.setVisible(store is not None and store.read_only)
        writable = store is not None and not store.read_only
        for action in (self.import_file_action, self.import_folder_action):
            action.setEnabled(writable)
        self.current_action.setEnabled(snapshot is not None)
        pending = len(store.conflicts()) if writable else 0
        self.conflicts_action.setText(
            f"Bundled-update &conflicts ({pending})…" if pending else "Bundled-update &conflicts…"
        )
        if pending and not getattr(self, "_conflicts_told", False):
            self._conflicts_told = True
            self.statusBar().showMessage(
                f"A newer bundled catalogue changed {counted(pending, 'row')} you had edited; "
                "yours are kept. Catalogue ▸ Bundled-update conflicts to decide.",
                15000,
            )
