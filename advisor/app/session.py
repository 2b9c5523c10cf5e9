"""The window's state without Qt: the profile being edited, the ranking it gives, whose weights
are on show, and the selected candidate.

Views change the profile through a :class:`SessionModel` and redraw on its notifications; they
never compute scores or touch the catalogue themselves. Notifications are fine-grained — the
weights on show, constraints, policy, workload, stakeholders, whose view, name, dirty, path,
ranking, selection, problem, catalogue — so a slider tick redraws the weights and nothing else
before the re-rank. A burst of edits (a slider drag) asks for one re-rank through
``defer_rerank``, which the Qt adapter points at a zero-delay timer; without one (tests, other
faces) every edit re-ranks at once.

Over 500 lines because it is one object with one short method per edit the window offers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advisor.app.analysis import group_analysis
from advisor.app.profiles import load_profile, save_profile
from advisor.app.ranking import RankingSession, Recommendation
from advisor.app.workspace import Edit, Workspace
from advisor.domain.efforts import band_mode
from advisor.domain.errors import AdvisorError, ProfileError
from advisor.domain.profile import Constraints, Policy, Profile, Workload
from advisor.domain.stakeholders import Elicitation, Stakeholder, group_weights
from advisor.domain.vocabulary import DEFAULT_CONDITIONS, Aggregation, Condition, Mode
from advisor.engine.stakeholders import GroupAnalysis
from advisor.engine.weights import expand_weights

PEAK_CONDITIONS = tuple(Condition)
# Every notification a SessionModel sends, by attribute name (the Qt adapter mirrors them).
NOTIFICATIONS = (
    "weights_changed",
    "constraints_changed",
    "policy_changed",
    "workload_changed",
    "stakeholders_changed",
    "view_changed",
    "name_changed",
    "dirty_changed",
    "path_changed",
    "ranking_changed",
    "selection_changed",
    "problem_changed",
    "catalogue_changed",
    "profile_edited",  # (before, after): one user edit of the profile, for undo
    "profile_loaded",  # a preset or a file replaced the profile (earlier edits are history)
)


@dataclass(frozen=True)
class EditState:
    """The profile as a user edit leaves it (what undo restores)."""

    name: str
    description: str
    weights: tuple[tuple[str, float], ...]
    constraints: Constraints
    policy: Policy
    workload: Workload | None
    elicitation: Elicitation | None
    stakeholders: tuple[Stakeholder, ...]
    aggregation: Aggregation
    top_k: int
    view: str


class Notification:
    """A synchronous notification: :meth:`connect` callables, :meth:`emit` calls each in turn."""

    def __init__(self) -> None:
        self._listeners: list[Callable[..., object]] = []

    def connect(self, listener: Callable[..., object]) -> None:
        self._listeners.append(listener)

    def disconnect(self, listener: Callable[..., object]) -> None:
        self._listeners.remove(listener)

    def emit(self, *args: object) -> None:
        for listener in list(self._listeners):
            listener(*args)


def as_points(weights: dict[str, float]) -> dict[str, float]:
    """Weights as points of 100, as the window shows them (weights are relative: scaling them
    changes nothing). The total must be positive."""
    total = sum(weights.values())
    return {k: 100 * float(v) / total for k, v in weights.items()}


def weight_shares(weights: dict[str, float]) -> dict[str, float]:
    """Each weight as a share of the total (0 when every weight is 0)."""
    total = sum(weights.values())
    return {k: (v / total if total > 0 else 0.0) for k, v in weights.items()}


class SessionModel:
    """Profile under edit, the current recommendation, and the selected candidate.

    Notifications (each a :class:`Notification`): ``weights_changed`` (the weights on show,
    or how they were elicited), ``constraints_changed``, ``policy_changed``,
    ``workload_changed``, ``stakeholders_changed`` (who, the group rule, consensus k),
    ``view_changed(name)``, ``name_changed``, ``dirty_changed(bool)``, ``path_changed(path)``,
    ``ranking_changed``, ``selection_changed(label)``, ``problem_changed(text)`` and
    ``catalogue_changed``. Loading a profile sends every profile notification once.
    """

    def __init__(
        self,
        session: RankingSession,
        catalogue_meta: dict[str, str] | None = None,
        store: Workspace | None = None,
    ) -> None:
        for name in NOTIFICATIONS:
            setattr(self, name, Notification())
        self.session = session
        self.catalogue_meta = dict(catalogue_meta or {})
        self.store = store  # the catalogue (or snapshot) the window ranks against
        # The Qt adapter coalesces a burst of edits into one re-rank: these start and stop it.
        self.defer_rerank: Callable[[], None] | None = None
        self.cancel_rerank: Callable[[], None] | None = None
        self._name = "Untitled profile"
        self._description = ""
        self._weights: dict[str, float] = {"coding": 1.0}
        self._constraints = Constraints()
        self._policy = Policy()
        self._workload: Workload | None = None
        self._elicitation: Elicitation | None = None
        self._stakeholders: list[Stakeholder] = []
        self._aggregation = Aggregation.ARITHMETIC
        self._top_k = 3
        self._view = ""
        self._group_analysis: GroupAnalysis | None = None
        self._path: Path | None = None
        self._source: Path | None = None  # the file the profile was read from
        self._weight_scale = 1.0  # the file's weights = the window's points x this
        self._dirty = False
        self._recommendation: Recommendation | None = None
        self._previous_ranks: dict[str, int] = {}
        self._gesture_ranks: dict[str, int] | None = None  # the ranks before a drag began
        self._gesture_start: Any = None  # the edit state and re-rank count when it began
        self._rerank_count = 0
        self._selected = ""
        self._problem = ""
        self._last_state: EditState | None = None  # the profile as of the last edit or load

    @classmethod
    def on(cls, store: Workspace) -> SessionModel:
        """A session model ranking against ``store`` as it is now."""
        return cls(store.session(), store.meta(), store)

    # ----- reading -------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self._name

    @property
    def weights(self) -> dict[str, float]:
        """The weights on show, as points of 100 (the viewed stakeholder's, or the group's)."""
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
    def stakeholders(self) -> tuple[Stakeholder, ...]:
        return tuple(self._stakeholders)

    @property
    def aggregation(self) -> Aggregation:
        return self._aggregation

    @property
    def consensus_top_k(self) -> int:
        return self._top_k

    @property
    def viewing(self) -> str:
        """Whose weights the window shows and ranks on: a stakeholder's name, or "" for the
        group (or the profile, when it has no stakeholders)."""
        return self._view

    @property
    def weights_editable(self) -> bool:
        """False while the group's weights are shown: they are derived from the stakeholders'."""
        return not (self._stakeholders and not self._view)

    @property
    def elicitation(self) -> Elicitation | None:
        """How the weights on show were elicited (the viewed stakeholder's or the profile's)."""
        if self._stakeholders:
            return self._stakeholder(self._view).elicitation if self._view else None
        return self._elicitation

    @property
    def dirty(self) -> bool:
        return self._dirty

    @property
    def recommendation(self) -> Recommendation | None:
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
        """Each weight on show as a share of the total (0 when every weight is 0)."""
        return weight_shares(self._weights)

    def effective_shares(self) -> dict[str, float]:
        """Each criterion's share of all the weight it receives, through the groups it is in
        and its own weight (docs/scoring.md, section 3: the column sums of ``E``, divided by
        their total); empty before the first ranking."""
        rec = self._recommendation
        weights = self._positive_weights()
        if rec is None or not weights:
            return {}
        try:
            _keys, expansion = expand_weights(weights, rec.matrix.criteria, rec.matrix.groups)
        except ProfileError:  # a key the catalogue no longer knows: the ranking says so
            return {}
        effective = expansion.sum(axis=0)
        total = float(effective.sum())
        if total <= 0:
            return {}
        return {c: float(w) / total for c, w in zip(rec.matrix.criteria, effective, strict=True)}

    def _positive_weights(self) -> dict[str, float]:
        return {k: v for k, v in self._weights.items() if v > 0}

    def _profile_with(self, weights: dict[str, float], elicitation: Elicitation | None) -> Profile:
        """The profile as edited, ranking on ``weights``."""
        return Profile(
            self._name,
            weights,
            self._constraints,
            self._policy,
            self._description,
            self._workload,
            elicitation=elicitation,
            stakeholders=tuple(self._stakeholders),
            aggregation=self._aggregation,
            consensus_top_k=self._top_k,
        )

    def profile(self) -> Profile:
        """The profile as edited; raises ProfileError if it is not valid (e.g. all weights 0).
        With stakeholders its weights are the group's."""
        if self._stakeholders:
            return self._profile_with(group_weights(self._stakeholders, self._aggregation), None)
        return self._profile_with(
            self._positive_weights() or dict(self._weights), self._elicitation
        )

    def viewed_profile(self) -> Profile:
        """The profile ranked in the window: the group's, or the viewed stakeholder's (which
        does not need valid group weights, e.g. under a geometric mean with nothing shared)."""
        if not self._view:
            return self.profile()
        weights = self._positive_weights()
        if not weights:
            raise ProfileError(
                f"All of {self._view}'s weights are 0: give at least one criterion a weight."
            )
        return self._profile_with(weights, self._stakeholder(self._view).elicitation)

    def group_analysis(self) -> GroupAnalysis | None:
        """Each stakeholder's ranking, spread and consensus (None without stakeholders or a
        ranking). Computed on first use after each re-rank."""
        if self._group_analysis is None and self._stakeholders and self._recommendation:
            try:
                group = (
                    self.session.recommend(self.profile()) if self._view else self._recommendation
                )
                self._group_analysis = group_analysis(group, self._top_k)
            except AdvisorError:
                return None
        return self._group_analysis

    # ----- editing the weights -------------------------------------------------------------
    def set_weight(self, key: str, value: float) -> None:
        value = max(0.0, float(value))
        if self._weights.get(key, 0.0) == value or not self.weights_editable:
            return
        self._weights[key] = value
        elicitation = self.elicitation
        if elicitation is not None and not elicitation.adjusted:
            elicitation = dataclasses.replace(elicitation, adjusted=True)
        self._store_weights(elicitation)
        self.weights_changed.emit()
        self._edited()

    def _store_weights(self, elicitation: Elicitation | None) -> None:
        """Write the weights on show back to their owner (the viewed stakeholder or profile)."""
        if self._view:
            positive = self._positive_weights()
            if not positive:  # every weight at 0 is not a stakeholder; keep the last valid one
                self._set_problem(f"{self._view} has every weight at 0; give one a weight.")
                return
            i = self._index(self._view)
            self._stakeholders[i] = Stakeholder(self._view, positive, elicitation)
        else:
            self._elicitation = elicitation

    def apply_elicitation(self, weights: dict[str, float], elicitation: Elicitation) -> None:
        """Replace the weights on show with elicited ones (keys not elicited go to 0)."""
        if not self.weights_editable:
            raise ProfileError(
                "The group's weights come from the stakeholders'; choose a stakeholder first."
            )
        self._weights = {**dict.fromkeys(self._weights, 0.0), **as_points(weights)}
        self._store_weights(elicitation)
        self._load_view_weights()
        self.weights_changed.emit()
        self._edited()

    # ----- stakeholders --------------------------------------------------------------------
    def _names(self) -> list[str]:
        return [s.name for s in self._stakeholders]

    def _index(self, name: str) -> int:
        return self._names().index(name)

    def _stakeholder(self, name: str) -> Stakeholder:
        return self._stakeholders[self._index(name)]

    def _load_view_weights(self) -> None:
        """Show the viewed stakeholder's weights, or the group's, as points of 100."""
        if self._view:
            source = self._stakeholder(self._view).weights
        elif self._stakeholders:
            try:
                source = group_weights(self._stakeholders, self._aggregation)
            except ProfileError:  # e.g. a geometric mean with no shared key: rerank says why
                self._weights = dict.fromkeys(self._weights, 0.0)
                return
        else:
            return
        self._weights = as_points(source)

    def _set_view(self, name: str) -> None:
        """Show ``name``'s weights (or the group's, ""), and say so."""
        self._view = name
        self._load_view_weights()
        self.view_changed.emit(name)
        self.weights_changed.emit()

    def add_stakeholder(self, name: str) -> None:
        """Add a stakeholder who starts from the weights on show, and view them."""
        name = name.strip()
        if not name:
            raise ProfileError("Give the stakeholder a name, e.g. Security.")
        if name in self._names():
            raise ProfileError(f"There is already a stakeholder called {name!r}.")
        start = self._positive_weights() or {"coding": 1.0}
        elicitation = self.elicitation if not self._stakeholders else None
        self._stakeholders.append(Stakeholder(name, start, elicitation))
        if len(self._stakeholders) == 1:
            self._elicitation = None
        self.stakeholders_changed.emit()
        self._set_view(name)
        self._edited()

    def rename_stakeholder(self, old: str, new: str) -> None:
        new = new.strip()
        if not new:
            raise ProfileError("Give the stakeholder a name.")
        if new == old:
            return
        if new in self._names():
            raise ProfileError(f"There is already a stakeholder called {new!r}.")
        i = self._index(old)
        self._stakeholders[i] = dataclasses.replace(self._stakeholders[i], name=new)
        viewed = self._view == old
        if viewed:
            self._view = new
        self.stakeholders_changed.emit()
        if viewed:
            self.view_changed.emit(new)
        self._edited()

    def remove_stakeholder(self, name: str) -> None:
        """Remove a stakeholder; when the last goes, their weights become the profile's."""
        index = self._index(name)
        if len(self._stakeholders) == 1:
            last = self._stakeholders.pop()
            self._elicitation = last.elicitation
            self._weights = as_points(last.weights)
        else:
            del self._stakeholders[index]
        moved = self._view == name or not self._stakeholders
        if moved:
            self._view = ""
        self._load_view_weights()
        self.stakeholders_changed.emit()
        if moved:
            self.view_changed.emit("")
        self.weights_changed.emit()
        self._edited()

    def set_aggregation(self, rule: Aggregation) -> None:
        rule = Aggregation(rule)
        if rule == self._aggregation:
            return
        if self._stakeholders:
            group_weights(self._stakeholders, rule)  # refuse a rule that gives no weights
        self._aggregation = rule
        self._load_view_weights()
        self.stakeholders_changed.emit()
        self.weights_changed.emit()
        self._edited()

    def set_consensus_top_k(self, k: int) -> None:
        if k != self._top_k and k >= 1:
            self._top_k = int(k)
            self._group_analysis = None
            self.stakeholders_changed.emit()
            self._edited(rerank=False)
            self.ranking_changed.emit()

    def view(self, name: str) -> None:
        """Show and rank on one stakeholder's weights, or the group's ("")."""
        if name and name not in self._names():
            raise ProfileError(f"No stakeholder is called {name!r}.")
        if name == self._view:
            return
        self._set_view(name)
        self.rerank_now()

    # ----- editing the rest ----------------------------------------------------------------
    def set_constraints(self, **changes: Any) -> None:
        updated = dataclasses.replace(self._constraints, **changes)
        if updated != self._constraints:
            self._constraints = updated
            self.constraints_changed.emit()
            self._edited()

    def set_policy(self, **changes: Any) -> None:
        try:
            updated = dataclasses.replace(self._policy, **changes)
        except ProfileError as exc:
            self._set_problem(str(exc))
            self.policy_changed.emit()  # the faces put the refused choice back
            return
        if updated != self._policy:
            self._policy = updated
            self.policy_changed.emit()
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
            self.workload_changed.emit()
            self._edited()

    def compare_as_deployed(self) -> None:
        """Count only conditions a customer can buy (the default stance)."""
        self.set_policy(conditions=DEFAULT_CONDITIONS, budget_band=None)

    def compare_peak_claims(self) -> None:
        """Count every condition, parallel test-time compute included."""
        self.set_policy(conditions=PEAK_CONDITIONS, budget_band=None)

    def compare_at_equal_budget(self, band: str = "high") -> None:
        """Count only what a customer can buy, and only figures obtained within one effort
        band (advisor.domain.efforts.BANDS), the band's mode ranked."""
        mode = Mode(band_mode(band))
        modes = self._policy.modes if mode in self._policy.modes else (*self._policy.modes, mode)
        self.set_policy(conditions=DEFAULT_CONDITIONS, budget_band=band, modes=modes)

    def set_name(self, name: str) -> None:
        if name and name != self._name:
            self._name = name
            self.name_changed.emit()
            self._edited(rerank=False)

    # ----- whole profiles ------------------------------------------------------------------
    def load(self, profile: Profile, path: Path | None = None, source: Path | None = None) -> None:
        """Replace the whole profile (preset or file); not a user edit, so not dirty.
        ``source`` is the file it was read from (``path``, or an example's file), whose
        comments and layout saving keeps."""
        self._name = profile.name
        self._description = profile.description
        self._weights = as_points(profile.weights)
        self._constraints = profile.constraints
        self._policy = profile.policy
        self._workload = profile.workload
        self._elicitation = profile.elicitation
        self._stakeholders = list(profile.stakeholders)
        self._aggregation = profile.aggregation
        self._top_k = profile.consensus_top_k
        self._view = ""
        self._path = path
        self._source = Path(source) if source is not None else path
        total = sum(profile.weights.values())
        self._weight_scale = total / 100 if total > 0 else 1.0
        self._recommendation = None  # a new profile: no rank changes to show
        self._gesture_ranks = None
        self._set_dirty(False)
        self._announce_profile()
        self.path_changed.emit(path)
        self._last_state = self.edit_state()  # a load is not an edit: nothing to undo to
        self.profile_loaded.emit()
        self.rerank_now()

    # ----- undo ----------------------------------------------------------------------------
    def edit_state(self) -> EditState:
        """Everything a user edit of the profile can change, as one comparable value."""
        return EditState(
            self._name,
            self._description,
            tuple(sorted(self._weights.items())),
            self._constraints,
            self._policy,
            self._workload,
            self._elicitation,
            tuple(self._stakeholders),
            self._aggregation,
            self._top_k,
            self._view,
        )

    def restore_edit_state(self, state: EditState) -> None:
        """Put the profile back as it was in ``state`` (undo and redo); an edit, so dirty,
        but not itself recorded as one."""
        self._name, self._description = state.name, state.description
        self._weights = dict(state.weights)
        self._constraints, self._policy, self._workload = (
            state.constraints,
            state.policy,
            state.workload,
        )
        self._elicitation = state.elicitation
        self._stakeholders = list(state.stakeholders)
        self._aggregation, self._top_k, self._view = state.aggregation, state.top_k, state.view
        self._last_state = state
        self._announce_profile()
        self._edited(record=False)

    def _announce_profile(self) -> None:
        """Every profile notification once, after the whole profile was replaced."""
        for name in (
            "name_changed",
            "stakeholders_changed",
            "weights_changed",
            "constraints_changed",
            "policy_changed",
            "workload_changed",
        ):
            getattr(self, name).emit()
        self.view_changed.emit(self._view)

    def open_file(self, path: Path) -> None:
        """Load a profile TOML; raises AdvisorError with a message for people."""
        self.load(load_profile(path), Path(path))

    def save_file(self, path: Path) -> None:
        """Save the profile as TOML (atomically) and remember the path. Refused while the
        weights on show are not valid (every one at 0), so what is saved is what is shown."""
        self.viewed_profile()
        profile = self.profile()
        if not self._stakeholders:  # the window works in points: write the file's own scale
            scale = self._weight_scale
            profile = dataclasses.replace(
                profile, weights={k: float(f"{v * scale:.12g}") for k, v in profile.weights.items()}
            )
        save_profile(profile, path, like=self._source)
        self._path = self._source = Path(path)
        self.path_changed.emit(self._path)
        self._set_dirty(False)

    def select(self, label: str) -> None:
        if label != self._selected:
            self._selected = label
            self.selection_changed.emit(label)

    # ----- catalogue -----------------------------------------------------------------------
    def use_catalogue(self, store: Workspace) -> None:
        """Rank against ``store`` from now on (the current catalogue or a snapshot)."""
        if store is not self.store and self.store is not None:
            self.store.close()
        self.store = store
        self.reload_catalogue()

    def reload_catalogue(self, edit: Edit | None = None) -> None:
        """Re-read the catalogue after an edit or import and re-rank at once. After ``edit``
        (just applied) only what it changed is read again and rebuilt."""
        if self.store is None:
            return
        if edit is not None:
            self.session = self.store.session_after(self.session, edit)
        else:
            self.session = self.store.session()
        self.catalogue_meta = self.store.meta()
        self.catalogue_changed.emit()
        self.rerank_now()

    # ----- ranking -------------------------------------------------------------------------
    def _edited(self, rerank: bool = True, *, record: bool = True) -> None:
        self._set_dirty(True)
        if record:
            after = self.edit_state()
            before, self._last_state = self._last_state, after
            if before is not None and before != after:
                self.profile_edited.emit(before, after)
        if not rerank:
            return
        if self.defer_rerank is not None:
            self.defer_rerank()  # coalesce a burst of edits into one re-rank
        else:
            self.rerank_now()

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    def begin_gesture(self) -> None:
        """A drag begins: until it ends, rank changes are shown against the ranking before
        it, not against the last position the drag passed through. (A drag whose end was
        never reported is forgotten here.)"""
        rec = self._recommendation
        self._gesture_ranks = rec.ranking.ranks() if rec is not None else {}
        self._gesture_start = (self.edit_state(), self._rerank_count)

    def end_gesture(self) -> None:
        """The drag ends: rank at its final position, with rank changes since it began; a
        press and release that changed nothing leaves the ranking and its Δ as they were."""
        if self._gesture_ranks is None:
            return
        if (self.edit_state(), self._rerank_count) != self._gesture_start:
            self.rerank_now()  # also settles a re-rank still waiting for the event loop
        self._gesture_ranks = None

    def rerank_now(self) -> None:
        """Rank the profile on show at once (normally called when a burst of edits ends)."""
        if self.cancel_rerank is not None:
            self.cancel_rerank()
        self._rerank_count += 1
        old = self._recommendation
        if self._gesture_ranks is not None:
            self._previous_ranks = self._gesture_ranks
        else:
            self._previous_ranks = old.ranking.ranks() if old is not None else {}
        self._group_analysis = None
        try:
            self._recommendation = self.session.recommend(self.viewed_profile())
            problem = ""
        except AdvisorError as exc:
            self._recommendation = None
            problem = str(exc)
        self._set_problem(problem)
        self.ranking_changed.emit()

    def _set_problem(self, problem: str) -> None:
        if problem != self._problem:
            self._problem = problem
            self.problem_changed.emit(problem)
