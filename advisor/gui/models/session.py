"""The window's state as Qt sees it: a thin adapter over the Qt-free
:class:`~advisor.app.session.SessionModel` (napari's ``ViewerModel`` under ``_qt`` is the
pattern). Each of the model's notifications is re-sent as a Qt signal, a zero-delay timer
coalesces a burst of edits (a slider drag) into one re-rank on the next turn of the event loop,
and every other attribute is the model's own.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from advisor.app.session import NOTIFICATIONS, SessionModel


class QtSession(QObject):
    """Qt signals for a :class:`SessionModel`; reads and edits go straight to the model."""

    weights_changed = Signal()
    constraints_changed = Signal()
    policy_changed = Signal()
    workload_changed = Signal()
    stakeholders_changed = Signal()
    view_changed = Signal(str)  # "" = the group (or the profile without stakeholders)
    name_changed = Signal()
    dirty_changed = Signal(bool)
    path_changed = Signal(object)
    ranking_changed = Signal()
    selection_changed = Signal(str)
    problem_changed = Signal(str)
    catalogue_changed = Signal()
    profile_edited = Signal(object, object)  # (before, after) EditState of one user edit
    profile_loaded = Signal()

    def __init__(self, model: SessionModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model
        for name in NOTIFICATIONS:
            getattr(model, name).connect(getattr(self, name).emit)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(model.rerank_now)
        model.defer_rerank = self._timer.start
        model.cancel_rerank = self._timer.stop

    def __getattr__(self, name: str):
        # Only reached when the adapter itself has no such attribute: the model's API
        # (``state.load(...)``, ``state.recommendation`` …) is the window's API.
        try:
            model = self.__dict__["model"]
        except KeyError:  # not yet set up
            raise AttributeError(name) from None
        return getattr(model, name)
