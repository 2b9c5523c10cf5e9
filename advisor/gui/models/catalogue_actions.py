"""Changes to the catalogue from the window: each edit one transaction on the undo stack, every
import, snapshot and conflict decision through the application layer, after which the ranking
is recomputed at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from advisor.app import catalogue_io
from advisor.app.workspace import Edit, Workspace
from advisor.domain.errors import AdvisorError
from advisor.domain.wording import counted
from advisor.gui.models.session import QtSession


class EditCommand(QUndoCommand):
    """An applied catalogue edit; undo applies its inverse, redo applies it again."""

    def __init__(self, actions: CatalogueActions, edit: Edit) -> None:
        super().__init__(edit.description)
        self.actions = actions
        self.edit = edit
        self._applied = True  # pushed after a successful apply: the first redo() is a no-op

    def redo(self) -> None:
        if self._applied:
            return
        self._run(self.edit)

    def undo(self) -> None:
        self._applied = False
        self._run(self.edit.inverse())

    def _run(self, edit: Edit) -> None:
        try:
            self.actions.state.store.apply(edit)
        except AdvisorError as exc:
            # The rows changed elsewhere meanwhile: this step can no longer be undone/redone.
            self.setObsolete(True)
            self.actions.failed.emit(str(exc))
            return
        self.actions.state.reload_catalogue(edit)


class CatalogueActions(QObject):
    """Edits, imports, snapshots and conflict decisions for the window's catalogue.

    Every method raises :class:`AdvisorError` with a sentence for people when it cannot act,
    and changes nothing in that case.
    """

    failed = Signal(str)

    def __init__(self, state: QtSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.undo_stack = QUndoStack(self)

    @property
    def store(self) -> Workspace:
        """The workspace the window ranks against (the current catalogue or a snapshot)."""
        if self.state.store is None:
            raise AdvisorError("No catalogue is open.")
        return self.state.store

    @property
    def read_only(self) -> bool:
        return self.state.store is None or self.state.store.read_only

    def _push(self, edit: Edit | None) -> None:
        if edit is None:
            return
        self.store.apply(edit)
        self.undo_stack.push(EditCommand(self, edit))
        self.state.reload_catalogue(edit)

    def update_row(self, table: str, key: tuple, texts: dict[str, str]) -> bool:
        """Replace one row; False if nothing changed."""
        edit = self.store.plan_update(table, key, texts)
        self._push(edit)
        return edit is not None

    def add_row(self, table: str, texts: dict[str, str]) -> None:
        self._push(self.store.plan_insert(table, texts))

    def plan_delete(self, table: str, keys: list[tuple]) -> Edit:
        return self.store.plan_delete(table, keys)

    def apply(self, edit: Edit) -> None:
        """Apply an edit planned earlier (e.g. a delete the user confirmed)."""
        self._push(edit)

    def settle_conflict(self, table: str, key: list, *, take_bundled: bool) -> None:
        edit = self.store.settle_conflict(table, key, take_bundled=take_bundled)
        if edit is not None:
            self.undo_stack.push(EditCommand(self, edit))
        self.state.reload_catalogue(edit)

    def preview(self, source: Path):
        """What importing ``source`` would add, change and reject; writes nothing."""
        return catalogue_io.preview(self.store, source)

    def import_source(self, source: Path, snapshot_name: str = "") -> str:
        """Import (all or nothing), optionally save a snapshot; return a summary sentence."""
        summary = catalogue_io.import_catalogue(self.store, source)
        added = sum(t.added for t in summary.tables)
        changed = sum(t.changed for t in summary.tables)
        text = f"Imported {Path(source).name}: {counted(added, 'row')} added, {changed:,} changed."
        if snapshot_name:
            snap = self.store.take_snapshot(snapshot_name)
            text += f" Snapshot “{snap.name}” saved."
        self.state.reload_catalogue()
        return text

    def export(self, target: str | Path, only: dict[str, set[tuple]] | None = None) -> list[Path]:
        """Export the catalogue (or the rows ``only`` names); the files written."""
        return catalogue_io.export_catalogue(self.store, target, only)

    def open_snapshot(self, name: str | None) -> None:
        """Rank against snapshot ``name`` (read-only), or the current catalogue (None)."""
        store = self.store.reopen(snapshot=name)
        self.undo_stack.clear()  # its edits belong to the other database
        self.state.use_catalogue(store)

    def compare_rankings(self, old: str, new: str | None, top: int = 10) -> list[list[object]]:
        """The current profile ranked against two catalogues: for the union of both top
        ``top``, rank and score before and after ("—" where not ranked)."""
        try:
            profile = self.state.profile()
        except AdvisorError:
            return []
        before = self.store.recommend_in(profile, old).ranking
        after = self.store.recommend_in(profile, new).ranking
        old_of = {c.candidate: c for c in before.candidates}
        new_of = {c.candidate: c for c in after.candidates}
        shown = [c.candidate for c in after.top(top)]
        shown += [c.candidate for c in before.top(top) if c.candidate not in shown]

        def cells(candidate):
            c = candidate
            return ["—", "—"] if c is None else [c.rank, f"{c.score:.3f}"]

        return [[label, *cells(old_of.get(label)), *cells(new_of.get(label))] for label in shown]
