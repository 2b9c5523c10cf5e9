"""Ranking a profile against a catalogue, and what a ranking shows about each candidate.

A :class:`RankingSession` builds each decision matrix once per policy (conditions, modes, tier,
own measurements) and keeps it, in memory and in the catalogue's matrix cache, so that weight
and constraint edits only re-rank.
"""

from __future__ import annotations

import datetime as dt
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sqlite_utils import Database

from advisor.catalogue import load_frames, matrix_cache
from advisor.catalogue.editing import Edit
from advisor.catalogue.queries import reread_models
from advisor.domain.criteria import task_label, task_parts
from advisor.domain.frames import CatalogueFrames
from advisor.domain.profile import Policy, Profile
from advisor.domain.ranking import Ranking
from advisor.engine import DecisionMatrix, build_decision_matrix, rank
from advisor.engine.freshness import stale
from advisor.engine.matrix import task_criteria
from advisor.engine.matrix_codec import (
    StoredFrames,
    Unencodable,
    builder_fingerprint,
    decode_matrix,
    encode_frames,
    encode_matrix,
)
from advisor.engine.matrix_update import ModelsEdited, update_matrix
from advisor.engine.weights import unknown_key_error
from advisor.engine.workload import apply_workload

# Criteria always shown beside a candidate, weighted or not (price and context columns).
ALWAYS_SHOWN = ("blended_usd_per_mtok", "context_window")


@dataclass(frozen=True)
class Recommendation:
    """A ranking together with the matrix (and so the provenance) behind it."""

    profile: Profile
    matrix: DecisionMatrix
    ranking: Ranking


@dataclass(frozen=True)
class _Store:
    """Where a session stores the matrices it builds: a database at a catalogue revision."""

    db: Database
    prefix: str
    revision: int
    stored: dict[str, bytes]


def _cache_prefix() -> str:
    """What every matrix-cache name of this version of the matrix rules starts with."""
    return f"{builder_fingerprint()}:"


class RankingSession:
    """Ranks profiles against one loaded catalogue, building each decision matrix once per
    policy (conditions, modes, tier, own measurements, budget band) so that weight and
    constraint edits only re-rank."""

    def __init__(self, frames: CatalogueFrames, store: _Store | None = None) -> None:
        self.frames = frames
        self._store = store
        self._matrices: dict[tuple, DecisionMatrix] = {}
        self._policies: dict[tuple, Policy] = {}  # the policy each matrix was built for
        self._with_workload: dict[tuple, DecisionMatrix] = {}

    @classmethod
    def from_db(cls, db: Database) -> RankingSession:
        """A session on ``db`` as it is now. Matrices stored in the database's matrix cache for
        this catalogue revision are used as they are (no table is read); otherwise the tables
        are read once, and each matrix built is stored for the next session (best effort).

        Everything is read here, so the session stays usable after ``db`` is closed.
        """
        prefix = _cache_prefix()
        at_revision, stored = matrix_cache.cached(db)
        stored = {k[len(prefix) :]: v for k, v in stored.items() if k.startswith(prefix)}
        frames = None
        if "frames" in stored:
            with suppress(Unencodable):
                frames = StoredFrames(stored["frames"])
        if frames is None:
            with matrix_cache.read_snapshot(db):
                if matrix_cache.revision(db) != at_revision:  # changed since: nothing stored
                    at_revision, stored = matrix_cache.revision(db), {}
                frames = load_frames(db)
            with suppress(Unencodable):
                matrix_cache.store(db, prefix + "frames", at_revision, encode_frames(frames))
        return cls(frames, _Store(db, prefix, at_revision, stored))

    def after_edit(self, db: Database, edit: Edit) -> RankingSession:
        """A session on ``db`` just after ``edit`` was applied to it. When the edit changed only
        some models' rows, those rows are read again and each matrix this session holds gets
        those models' rows rebuilt (the rest kept): no table is read whole and no matrix built
        anew. Otherwise (an edit of a table every model shares, or the catalogue also changed
        elsewhere since this session read it), as :meth:`from_db`."""
        models = edit.models()
        revision = matrix_cache.revision(db)
        store = self._store
        # Each row the edit changed moved the revision by one: any other move is a write from
        # elsewhere (another window, the sqlite3 shell) that this session has not seen.
        elsewhere = store is None or revision != store.revision + len(edit.changes)
        if not models or elsewhere:
            return RankingSession.from_db(db)
        frames = reread_models(db, self.frames, edit.tables, models)
        session = RankingSession(frames, _Store(db, _cache_prefix(), revision, {}))
        # (read from the catalogue in primary-key order: each model's rows are together)
        edited = ModelsEdited.between(self.frames, frames, models, edit.tables, in_model_order=True)
        for key, matrix in self._matrices.items():
            updated = update_matrix(matrix, edited, self._policies[key])
            if updated is not None:  # else built again when next asked for
                session._matrices[key] = updated
                session._policies[key] = self._policies[key]
        return session

    @staticmethod
    def _key(policy: Policy) -> tuple:
        return (
            policy.conditions,
            policy.modes,
            policy.rate_limit_tier,
            policy.own_measurements,
            policy.budget_band,
            policy.effort_candidates,
        )

    def matrix(self, policy: Policy) -> DecisionMatrix:
        """The decision matrix for ``policy`` (built once, then kept)."""
        key = self._key(policy)
        if key not in self._matrices:
            matrix = self._stored_matrix(key)
            self._matrices[key] = matrix if matrix is not None else self._build(key, policy)
            self._policies[key] = policy
        return self._matrices[key]

    @staticmethod
    def _cache_name(key: tuple) -> str:
        conditions, modes, tier, own, band, per_band = key
        parts = [[c.value for c in conditions], [m.value for m in modes], tier, own]
        if band is not None or per_band:  # names stored before bands existed stay valid
            parts += [band, per_band]
        return "matrix:" + repr(tuple(parts))

    def _stored_matrix(self, key: tuple) -> DecisionMatrix | None:
        store = self._store
        name = self._cache_name(key)
        if store is None or name not in store.stored:
            return None
        try:
            return decode_matrix(store.stored.pop(name))
        except Unencodable:
            return None

    def _build(self, key: tuple, policy: Policy) -> DecisionMatrix:
        matrix = build_decision_matrix(self.frames, policy)
        store = self._store
        if store is not None:
            with suppress(Unencodable):
                data = encode_matrix(matrix)
                matrix_cache.store(
                    store.db, store.prefix + self._cache_name(key), store.revision, data
                )
        return matrix

    def recommend(self, profile: Profile) -> Recommendation:
        """Rank ``profile`` (its workload applied to the matrix when it has one)."""
        matrix = self.matrix(profile.policy)
        if profile.workload is not None:
            key = (id(matrix), repr(profile.workload), profile.policy.rate_limit_tier)
            if key not in self._with_workload:
                if len(self._with_workload) > 32:
                    self._with_workload.clear()
                self._with_workload[key] = apply_workload(
                    matrix, profile.workload, profile.policy.rate_limit_tier
                )
            matrix = self._with_workload[key]
        _check_stakeholder_keys(profile, matrix)
        return Recommendation(profile, matrix, rank(matrix, profile))


def _check_stakeholder_keys(profile: Profile, matrix: DecisionMatrix) -> None:
    """A group's weights come from its stakeholders: an unknown key names whose it is."""
    known = [*matrix.criteria, *matrix.groups]
    for stakeholder in profile.stakeholders:
        for key in stakeholder.weights:
            if key not in matrix.groups and key not in matrix.criteria:
                raise unknown_key_error(f"stakeholders.{stakeholder.name}.weights", key, known)


def recommend(profile: Profile, db: Database) -> Recommendation:
    """Build the decision matrix for ``profile`` from ``db`` and rank it."""
    return RankingSession.from_db(db).recommend(profile)


# ----- what a ranking shows --------------------------------------------------------------
def display_names(frames: CatalogueFrames) -> dict[str, str]:
    """Readable names of benchmarks and criterion groups (model attributes have labels in
    ``advisor.domain.criteria``)."""
    names = dict(zip(frames.benchmarks["benchmark"], frames.benchmarks["name"], strict=True))
    for criterion in task_criteria(frames.results):  # "Aider polyglot: cost per task"
        names[criterion] = task_label(criterion, names.get(task_parts(criterion)[0]))
    groups = frames.criterion_groups.dropna(subset=["label"])
    names.update(zip(groups["group"], groups["label"], strict=True))
    return names


def source_credits(frames: CatalogueFrames, with_licence: bool = False) -> dict[str, str]:
    """The credit each public source asks for (e.g. "Epoch AI, AI Benchmarking Hub"), by the
    source key a figure's ``source`` names; ``with_licence`` adds "(CC-BY-4.0)"."""
    sources = frames.sources
    if sources is None or sources.empty:
        return {}
    out = {}
    for key, credit, licence in zip(
        sources["source"], sources["credit"], sources["licence"], strict=True
    ):
        if credit:
            out[str(key)] = f"{credit} ({licence})" if with_licence and licence else str(credit)
    return out


def model_names(frames: CatalogueFrames) -> dict[str, str]:
    """model_id -> display name."""
    return dict(zip(frames.models["model_id"], frames.models["display_name"], strict=True))


class _RowRecords:
    """A matrix frame's records by row, as plain Python values (a missing value is ``None``).

    Built once per matrix and kept with it (a slider move keeps the matrix): the columns are
    converted to Python lists in one vectorised pass each and the rows found by one stable sort,
    so that the records of a row cost one slice per column. Records are built when asked for, so
    a JSON dump of every candidate holds one candidate's records at a time, not every row's
    (issue 21: memory at 500,000 results)."""

    __slots__ = ("columns", "ends", "names", "starts")

    def __init__(self, frame: pd.DataFrame | None, columns: list[str] | None = None) -> None:
        if frame is None or frame.empty:
            self.names: list[str] = list(columns or [])
            self.columns: list[list] = []
            self.starts = self.ends = np.zeros(0, dtype=np.int64)
            return
        rows = frame["row"].to_numpy(dtype=np.int64)
        order = np.argsort(rows, kind="stable")
        rows = rows[order]
        self.names = list(columns) if columns else [c for c in frame.columns if c != "row"]
        self.columns = [_plain_values(frame[name], order) for name in self.names]
        span = np.arange(int(rows[-1]) + 1)
        self.starts = np.searchsorted(rows, span, side="left")
        self.ends = np.searchsorted(rows, span, side="right")

    def of(self, row: int) -> list[dict[str, Any]]:
        """The records of matrix row ``row``, new dicts on every call (callers may edit them)."""
        if row >= len(self.starts):
            return []
        start, end = int(self.starts[row]), int(self.ends[row])
        if start == end:
            return []
        names = self.names
        return [
            dict(zip(names, values, strict=True))
            for values in zip(*(column[start:end] for column in self.columns), strict=True)
        ]


def _plain_values(series: pd.Series, order: np.ndarray) -> list:
    """A column's values in ``order`` as Python objects (numpy scalars unboxed, NaN/NA/NaT as
    ``None``), converted in one pass."""
    values = series.to_numpy(dtype=object)[order]
    missing = (
        pd.isna(series.to_numpy())[order] if series.hasnans or series.dtype == object else None
    )
    if missing is not None and missing.any():
        values[missing] = None
    return values.tolist()


def _records(recommendation: Recommendation, name: str, columns=None) -> _RowRecords:
    """A matrix frame's :class:`_RowRecords`, built once per matrix."""
    cache = recommendation.matrix.__dict__.setdefault("_row_records", {})
    if name not in cache:
        cache[name] = _RowRecords(getattr(recommendation.matrix, name), columns)
    return cache[name]


def figures_for(recommendation: Recommendation, row: int) -> list[dict[str, Any]]:
    """Every figure counted for one matrix row, with condition, source and flags."""
    return _records(recommendation, "figures").of(row)


def alternatives_for(recommendation: Recommendation, row: int) -> list[dict[str, Any]]:
    """Every other figure that could have counted for one matrix row (another source's value,
    another run), each with its source, in the order the rule ranked them."""
    return _records(recommendation, "alternatives").of(row)


_SET_ASIDE_COLUMNS = [
    "benchmark",
    "condition",
    "score",
    "source_kind",
    "source_url",
    "source_date",
    "reason",
]


def set_aside_for(recommendation: Recommendation, row: int) -> list[dict[str, Any]]:
    """Results that describe this candidate's mode but that the policy does not count."""
    return _records(recommendation, "set_aside", _SET_ASIDE_COLUMNS).of(row)


def lifecycle_events(recommendation: Recommendation, row: int) -> list[dict[str, Any]]:
    """The lifecycle events recorded for one row's offer, each with its source."""
    return _records(recommendation, "lifecycle").of(row)


def old_flags(
    figures: list[dict[str, Any]], months: int, as_of: dt.date | None = None
) -> list[bool]:
    """For each figure (as :func:`figures_for` gives them): is its source older than
    ``months`` before ``as_of`` (default today)?"""
    if not figures:
        return []
    dates = pd.Series([f.get("source_date") for f in figures], dtype=object)
    return [bool(v) for v in stale(dates, as_of or dt.date.today(), months)]


class OldFigures:
    """Per candidate, the counted figures older than the policy's age limit, as
    ``"criterion (date)"``. The old figures depend on the matrix, the age limit and the day, not
    on the weights: they are found once per matrix, not on every slider move."""

    def __init__(self) -> None:
        self._cache: tuple = (None, None, None)
        self._answer: tuple = (None, None)  # (figures, key, criteria) -> the answer

    def of(
        self, recommendation: Recommendation, months: int, as_of: dt.date | None = None
    ) -> dict[str, list[str]]:
        matrix, ranking = recommendation.matrix, recommendation.ranking
        figures = matrix.figures
        if figures is None or figures.empty:
            return {}
        key = (months, as_of or dt.date.today())
        cached_figures, cached_key, old = self._cache
        if cached_figures is not figures or cached_key != key:
            old = figures[stale(figures["source_date"], key[1], months)]
            self._cache = (figures, key, old)
        # A slider move changes the weights' sizes, rarely which criteria are weighted: the
        # answer is kept for the same figures, age limit, day and weighted criteria.
        criteria = frozenset(ranking.criteria) | {ALWAYS_SHOWN[0]}
        asked, answer = self._answer
        if asked is not None and asked[0] is figures and asked[1:] == (key, criteria):
            return answer
        old = old[old["criterion"].isin(criteria)]
        labels = matrix.labels()
        out: dict[str, list[str]] = {}
        rows = old["row"].to_numpy().tolist()
        names = old["criterion"].to_numpy(dtype=object).tolist()
        dates = old["source_date"].to_numpy(dtype=object).tolist()
        for row, criterion, date in zip(rows, names, dates, strict=True):
            out.setdefault(labels[row], []).append(f"{criterion} ({date})")
        self._answer = ((figures, key, criteria), out)
        return out
