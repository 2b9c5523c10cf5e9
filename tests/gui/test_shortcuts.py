"""The window's shortcuts work while a number box has the focus (first-time user's defect 7):
Ctrl+E exports from a weight box; Ctrl+Z inside the box still undoes the typing there."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

from tests.gui.pages import requirements


class ClaimsEndOfLine(QObject):
    """A line edit's Ctrl+E as X11's key bindings have it ("end of line"): the field claims the
    key through ShortcutOverride. The offscreen platform has no such binding, so the test
    plants it to see what a Linux desktop user sees."""

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.ShortcutOverride and event.key() == Qt.Key.Key_E:
            event.accept()
            return True
        return False


def test_ctrl_e_exports_from_a_number_box(window, qtbot, monkeypatch):
    from advisor.gui.dialogs.report_export import ReportDialog

    opened = []
    monkeypatch.setattr(
        ReportDialog, "exec", lambda self: opened.append(1) or ReportDialog.DialogCode.Rejected
    )
    window.activateWindow()
    box = requirements(window).weight("code").box
    claims = ClaimsEndOfLine(box)
    box.lineEdit().installEventFilter(claims)
    box.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() in (box, box.lineEdit()))
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert opened == [1]


def test_editing_keys_stay_with_the_box(window, qtbot):
    box = requirements(window).weight("code").box
    window.activateWindow()
    box.setFocus()
    before = window.undo_action.isEnabled()
    box.lineEdit().selectAll()
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert box.lineEdit().selectedText() == box.lineEdit().text()  # select-all, not an action
    assert window.undo_action.isEnabled() == before
