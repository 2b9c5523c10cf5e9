"""The main window's profile files: open, save, save as, recent files and the prompt before
unsaved changes are lost (a mixin of :class:`~advisor.gui.main_window.MainWindow`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from advisor.app.profiles import load_profile
from advisor.domain.errors import AdvisorError

MAX_RECENT = 8


class ProfileFiles:
    """File ▸ Open / Save / Save as / Open recent for the window's ``state`` and ``settings``."""

    def confirm_discard(self) -> bool:
        """Ask before losing unsaved edits; True means go ahead."""
        if not self.state.dirty:
            return True
        answer = QMessageBox.question(
            self,
            "Unsaved changes",
            f"Save the changes to “{self.state.name}” first?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def open_path(self, path: Path) -> bool:
        """Open a profile file; show a message (not a traceback) if it cannot be used."""
        try:
            self.state.open_file(Path(path))
        except AdvisorError as exc:
            QMessageBox.warning(self, "Cannot open profile", str(exc))
            return False
        self._remember(Path(path))
        return True

    def open_preset(self, path: Path) -> None:
        if not self.confirm_discard():
            return
        try:
            self.state.load(load_profile(path), path=None, source=path)
        except AdvisorError as exc:
            QMessageBox.warning(self, "Cannot open example", str(exc))

    def open_dialog(self) -> None:
        if not self.confirm_discard():
            return
        start = str(self.state.path.parent) if self.state.path else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "Open profile", start, "Profiles (*.toml)")
        if path:
            self.open_path(Path(path))

    def save(self) -> bool:
        if self.state.path is None:
            return self.save_as()
        return self._save_to(self.state.path)

    def save_as(self) -> bool:
        start = self.state.path or Path.home() / f"{self.state.name.lower().replace(' ', '-')}.toml"
        path, _ = QFileDialog.getSaveFileName(
            self, "Save profile as", str(start), "Profiles (*.toml)"
        )
        if not path:
            return False
        if not path.endswith(".toml"):
            path += ".toml"
        return self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        try:
            self.state.save_file(path)
        except AdvisorError as exc:
            QMessageBox.warning(self, "Cannot save profile", str(exc))
            return False
        self._remember(path)
        self.statusBar().showMessage(f"Saved {path}", 4000)
        return True

    def _remember(self, path: Path) -> None:
        recent = [str(path)] + [p for p in self._recent() if p != str(path)]
        self.settings.setValue("recent", recent[:MAX_RECENT])
        self.settings.setValue("last_profile", str(path))
        self._fill_recent()

    def _recent(self) -> list[str]:
        value = self.settings.value("recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value or []]

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = [p for p in self._recent() if Path(p).is_file()]
        for path in recent:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(
                lambda _=False, p=path: self.confirm_discard() and self.open_path(Path(p))
            )
        self.recent_menu.setEnabled(bool(recent))
