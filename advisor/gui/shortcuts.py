"""Window shortcuts that work while a number box or a text field has the focus.

A line edit claims Ctrl+E (end of line), Ctrl+K (delete to the end) and other emacs-style keys
through Qt's ShortcutOverride event, so the window's Ctrl+E (Export report) or Ctrl+K (Edit
catalogue) did nothing from any of the left panel's number boxes. This filter lets the window's
own shortcuts through, except the standard editing keys (copy, paste, undo …), which stay with
the field being typed in.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QMainWindow, QWidget

EDITING_KEYS = (
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
    QKeySequence.StandardKey.SelectAll,
)


class WindowShortcutsFirst(QObject):
    """Install on the application: inside ``window``, its actions' shortcuts win over a text
    field's own bindings (standard editing keys excepted)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window

    def _window_shortcuts(self) -> set[str]:
        keys = set()
        for action in self.window.findChildren(QAction):
            for sequence in action.shortcuts():
                if not sequence.isEmpty():
                    keys.add(sequence.toString())
        return keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride:
            return False
        if not isinstance(watched, QLineEdit | QAbstractSpinBox):
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self.window:
            return False
        assert isinstance(event, QKeyEvent)
        if any(event.matches(key) for key in EDITING_KEYS):
            return False
        pressed = QKeySequence(event.keyCombination()).toString()
        if pressed in self._window_shortcuts():
            event.ignore()  # not claimed by the field: the window's shortcut fires
            return True
        return False
