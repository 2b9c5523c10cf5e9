"""Weight, constraint, policy and workload edits on the window's undo stack (beside catalogue
edits): Edit ▸ Undo puts the profile back as it was before the edit. A slider drag (a burst of
edits) is one step."""

from __future__ import annotations

import time

from PySide6.QtGui import QUndoCommand, QUndoStack

from advisor.gui.models.session import QtSession

MERGE_WINDOW_S = 1.0  # edits closer together than this are one step (a drag, typing a number)
PROFILE_EDIT_ID = 2


class ProfileEditCommand(QUndoCommand):
    """One user edit of the profile: undo restores ``before``, redo ``after``."""

    def __init__(self, state: QtSession, before, after) -> None:
        super().__init__("profile change")
        self.state = state
        self.before, self.after = before, after
        self.at = time.monotonic()
        self._first = True  # pushed after the edit happened: the first redo() does nothing
        self.stale = False  # another profile was loaded since: nothing to put back

    def id(self) -> int:
        return PROFILE_EDIT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ProfileEditCommand) or other.at - self.at > MERGE_WINDOW_S:
            return False
        if self.stale or other.stale or other.before != self.after:
            return False
        self.after, self.at = other.after, other.at
        return True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        if not self.stale:
            self.state.restore_edit_state(self.after)

    def undo(self) -> None:
        if not self.stale:
            self.state.restore_edit_state(self.before)


def record_profile_edits(state: QtSession, stack: QUndoStack) -> None:
    """Push every user edit of the profile onto ``stack``; a profile loaded from a file or a
    preset makes earlier profile steps stale (they are dropped, catalogue steps are kept)."""

    def edited(before, after) -> None:
        stack.push(ProfileEditCommand(state, before, after))

    def loaded() -> None:
        for index in range(stack.count()):
            command = stack.command(index)
            if isinstance(command, ProfileEditCommand):
                command.stale = True
                command.setObsolete(True)

    state.profile_edited.connect(edited)
    state.profile_loaded.connect(loaded)
