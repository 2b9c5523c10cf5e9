"""The window's single source of truth: the profile being edited and the ranking it gives.

Views change the profile through this object and redraw on its signals; they never compute
scores or touch the catalogue themselves. Edits are coalesced: a burst of changes (a slider
drag) triggers one re-rank on the next turn of the event loop, so stale work never queues.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from advisor import services
from advisor.domain.errors import AdvisorError, ProfileError
from advisor.domain.profile import Constraints, Policy, Profile, Workload
from advisor.domain.vocabulary import DEFAULT_CONDITIONS, Condition

PEAK_CONDITIONS = tuple(Condition)


class AdvisorState(QObject):
    """Profile under edit, the current recommendation, and the selected candidate."""

    profile_changed = Signal()
    ranking_changed = Signal()
    selection_changed = Signal(str)
    dirty_changed = Signal(bool)
    path_changed = Signal(object)
    problem_changed = Signal(str)
    catalogue_changed = Signal()

    def __init__(
        self,
        session: services.RankingSession,
        catalogue_meta: dict[str, str] | None = None,
        parent: QObject | None = None,
        store: services.CatalogueStore | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.catalogue_meta = dict(catalogue_meta or {})
        self.store = store
        self._name = "Untitled profile"
        self._description = ""
        self._weights: dict[str, float] = {"coding": 1.0}
        self._constraints = Constraints()
        self._policy = Policy()
        self._workload: Workload | None = None
        self._path: Path | None = None
        self._dirty = False
        self._recommendation: services.Recommendation | None = None
        self._previous_ranks: dict[str, int] = {}
        self._selected = ""
        self._problem = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.rerank_now)

    # ----- reading -------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self._name

    @property
    def weights(self) -> dict[str, float]:
        return dict(self._weights)

    @property
    def constraints(self) -> Constraints:
        return self._constraints

    @property
    def policy(self) -> Policy:
        return self._policy

    @property
    def workload(self) -> Workload | None:
        return self._workload

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def dirty(self) -> bool:
        return self._dirty

    @property
    def recommendation(self) -> services.Recommendation | None:
        return self._recommendation

    @property
    def previous_ranks(self) -> dict[str, int]:
        """Ranks before the last edit, for rank-change arrows."""
        return self._previous_ranks

    @property
    def selected(self) -> str:
        return self._selected

    @property
    def problem(self) -> str:
        """Why there is no ranking (e.g. every weight is zero), or ""."""
        return self._problem

    def weight_shares(self) -> dict[str, float]:
        """Each weight as a share of the total (0 when every weight is 0)."""
        total = sum(self._weights.values())
        return {k: (v / total if total > 0 else 0.0) for k, v in self._weights.items()}

    def profile(self) -> Profile:
        """The profile as edited; raises ProfileError if it is not valid (e.g. all weights 0)."""
        weights = {k: v for k, v in self._weights.items() if v > 0} or dict(self._weights)
        return Profile(
            self._name, weights, self._constraints, self._policy, self._description, self._workload
        )

    # ----- editing -------------------------------------------------------------------------
    def set_weight(self, key: str, value: float) -> None:
        value = max(0.0, float(value))
        if self._weights.get(key, 0.0) == value:
            return
        self._weights[key] = value
        self._edited()

    def set_constraints(self, **changes: Any) -> None:
        updated = dataclasses.replace(self._constraints, **changes)
        if updated != self._constraints:
            self._constraints = updated
            self._edited()

    def set_policy(self, **changes: Any) -> None:
        updated = dataclasses.replace(self._policy, **changes)
        if updated != self._policy:
            self._policy = updated
            self._edited()

    def set_workload(self, enabled: bool, **changes: Any) -> None:
        """Switch the workload model on or off, or change some of its settings."""
        if not enabled:
            updated = None
        else:
            try:
                updated = dataclasses.replace(self._workload or Workload(), **changes)
            except ProfileError as exc:
                self._set_problem(str(exc))
                return
        if updated != self._workload:
            self._workload = updated
            self._edited()

    def compare_as_deployed(self) -> None:
        """Count only conditions a customer can buy (the default stance)."""
        self.set_policy(conditions=DEFAULT_CONDITIONS)

    def compare_peak_claims(self) -> None:
        """Count every condition, parallel test-time compute included."""
        self.set_policy(conditions=PEAK_CONDITIONS)

    def set_name(self, name: str) -> None:
        if name and name != self._name:
            self._name = name
            self._edited(rerank=False)

    def load(self, profile: Profile, path: Path | None = None) -> None:
        """Replace the whole profile (preset or file); not a user edit, so not dirty."""
        self._name = profile.name
        self._description = profile.description
        # Weights are relative (scaling them changes nothing), so show them as points of 100.
        total = sum(profile.weights.values())
        self._weights = {k: 100 * float(v) / total for k, v in profile.weights.items()}
        self._constraints = profile.constraints
        self._policy = profile.policy
        self._workload = profile.workload
        self._path = path
        self._recommendation = None  # a new profile: no rank changes to show
        self.path_changed.emit(path)
        self._set_dirty(False)
        self.profile_changed.emit()
        self.rerank_now()

    def open_file(self, path: Path) -> None:
        """Load a profile TOML; raises AdvisorError with a message for people."""
        self.load(services.load_profile(path), Path(path))

    def save_file(self, path: Path) -> None:
        """Save the profile as TOML (atomically) and remember the path."""
        services.save_profile(self.profile(), path)
        self._path = Path(path)
        self.path_changed.emit(self._path)
        self._set_dirty(False)

    def select(self, label: str) -> None:
        if label != self._selected:
            self._selected = label
            self.selection_changed.emit(label)

    # ----- catalogue -----------------------------------------------------------------------
    def use_catalogue(self, store: services.CatalogueStore) -> None:
        """Rank against ``store`` from now on (the current catalogue or a snapshot)."""
        if store is not self.store and self.store is not None:
            self.store.close()
        self.store = store
        self.reload_catalogue()

    def reload_catalogue(self) -> None:
        """Re-read the catalogue after an edit or import and re-rank at once."""
        if self.store is None:
            return
        self.session = self.store.session()
        self.catalogue_meta = self.store.meta()
        self.catalogue_changed.emit()
        self.rerank_now()

    # ----- ranking -------------------------------------------------------------------------
    def _edited(self, rerank: bool = True) -> None:
        self._set_dirty(True)
        self.profile_changed.emit()
        if rerank:
            self._timer.start()  # coalesce a burst of edits into one re-rank

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    def rerank_now(self) -> None:
        """Rank the current profile at once (normally called by the coalescing timer)."""
        self._timer.stop()
        old = self._recommendation
        self._previous_ranks = old.ranking.ranks() if old is not None else {}
        try:
            self._recommendation = self.session.recommend(self.profile())
            problem = ""
        except ProfileError as exc:
            self._recommendation = None
            problem = str(exc)
        except AdvisorError as exc:
            self._recommendation = None
            problem = str(exc)
        self._set_problem(problem)
        self.ranking_changed.emit()

    def _set_problem(self, problem: str) -> None:
        if problem != self._problem:
            self._problem = problem
            self.problem_changed.emit(problem)
