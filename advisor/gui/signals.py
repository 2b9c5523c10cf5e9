"""Showing a model's value in a widget without the widget reporting it back as an edit."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from PySide6.QtCore import QObject, QSignalBlocker


@contextmanager
def quietly(*widgets: QObject) -> Iterator[None]:
    """Block the widgets' signals for the block: values set from the model are not edits.
    (Where a widget rounds — a slider's whole numbers, a percentage box — an echo would
    otherwise change the value it was given.)"""
    with ExitStack() as stack:
        for widget in widgets:
            blocker = QSignalBlocker(widget)
            stack.callback(blocker.unblock)
        yield
