"""Start the desktop application on the user's catalogue."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from advisor.app.profiles import default_example, example_profiles, load_profile
from advisor.app.session import SessionModel
from advisor.app.workspace import Workspace, set_aside_damaged
from advisor.domain.errors import AdvisorError, CatalogueDamaged
from advisor.gui.main_window import MainWindow
from advisor.gui.models.session import QtSession
from advisor.gui.theme import apply_theme
from advisor.resources import font_files, icon_files

ORGANISATION = "Model Advisor"
APPLICATION = "Model Advisor"


def load_fonts() -> None:
    """Register the bundled font so text renders even where no system fonts exist."""
    families = []
    for path in font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    if families:
        QApplication.setFont(QFont(families[0], 10))


def app_icon() -> QIcon:
    """The application icon at every size shipped in resources/icons."""
    icon = QIcon()
    for path in icon_files():
        icon.addFile(str(path))
    return icon


def create_window(
    db: str | Path | None = None,
    settings: QSettings | None = None,
    *,
    defer_charts: bool = False,
) -> MainWindow:
    """Open the catalogue, build the state and the window, and load the starting profile.
    When this start created the catalogue, ``window.first_run`` is True. A damaged catalogue
    raises :class:`CatalogueDamaged` and stays where it is."""
    store = Workspace.open(db, set_damaged_aside=False)
    try:
        model = SessionModel.on(store)
    except BaseException:
        store.close()
        raise
    state = QtSession(model)
    settings = settings or QSettings(ORGANISATION, APPLICATION)
    presets = example_profiles()
    window = MainWindow(state, settings, presets, defer_charts=defer_charts)
    window.first_run = store.created
    last = settings.value("last_profile")
    if last and Path(str(last)).is_file() and window.open_path(Path(str(last))):
        return window
    default = default_example(presets)
    if default is not None:
        state.load(load_profile(default), source=default)
    return window


def open_main_window(db: str | Path | None = None) -> MainWindow | None:
    """The main window, or None after telling the user why it cannot open. A damaged catalogue
    is set aside only if the user agrees; otherwise it is left exactly as it was."""
    try:
        return create_window(db, defer_charts=True)
    except CatalogueDamaged as exc:
        damaged = Path(exc.path)
        answer = QMessageBox.question(
            None,
            "The catalogue is damaged",
            f"{exc}\n\nSet it aside and start from the bundled catalogue? The damaged file is "
            f"renamed, not deleted: it stays in {damaged.parent} for recovery.\n\nNo leaves "
            "the file untouched and closes Model Advisor.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        try:
            set_aside_damaged(damaged)
        except AdvisorError as error:
            QMessageBox.critical(None, "Model Advisor cannot start", str(error))
            return None
        return open_main_window(db)
    except AdvisorError as exc:
        QMessageBox.critical(None, "Model Advisor cannot start", str(exc))
        return None


def run(db: str | Path | None = None, profile: str | Path | None = None) -> int:
    """Run the application until its window closes; return the exit status."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setStyle("Fusion")
    app.setWindowIcon(app_icon())
    # Wayland and X11 match windows to the installed .desktop file by this name
    app.setDesktopFileName("org.modeladvisor.ModelAdvisor")
    load_fonts()
    apply_theme(app)
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _s: apply_theme(app))
    window = open_main_window(db)
    if window is None:
        return 1
    if profile:
        window.open_path(Path(profile))
    if window.settings.value("geometry") is None:
        window.resize(1280, 800)
    window.show()
    if window.first_run:
        window.show_welcome()
    try:
        return app.exec()
    finally:
        if window.state.store is not None:
            window.state.store.close()
