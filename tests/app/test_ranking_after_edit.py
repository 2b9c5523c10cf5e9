"""A ranking session brought up to date after a catalogue edit, on a real SQLite file: only the
edited models' rows are read again, and every matrix and ranking equals a session opened anew."""

from __future__ import annotations

import pandas as pd
import pytest

from advisor.app.ranking import RankingSession
from advisor.app.session import SessionModel
from advisor.app.workspace import Workspace
from advisor.catalogue import load_frames
from advisor.catalogue.editing import fetch_row
from advisor.domain import Policy, Profile
from advisor.domain.catalogue_format import row_texts, spec_of
from advisor.engine.matrix import build_decision_matrix
from tests.engine.test_matrix_update import assert_same_matrix

PROFILE = Profile(name="t", weights={"coding": 3.0, "blended_usd_per_mtok": 1.0})
PER_BAND = Policy(effort_candidates=True)


@pytest.fixture
def store(tmp_path):
    with Workspace.open(tmp_path / "catalogue.sqlite") as opened:  # the bundled catalogue
        yield opened


def _result_key(store: Workspace, condition: str = "standard") -> tuple:
    row = next(r for r in store.rows("results") if r["condition"] == condition)
    return tuple(row[c] for c in spec_of("results").pk)


def _score_edit(store: Workspace, key: tuple, score: float):
    texts = row_texts(spec_of("results"), fetch_row(store.db, "results", key))
    return store.plan_update("results", key, texts | {"score": f"{score:g}"})


def _same_as_anew(session: RankingSession, store: Workspace) -> None:
    fresh = load_frames(store.db)
    for table in ("models", "results", "model_attributes", "lifecycle", "rate_limits"):
        pd.testing.assert_frame_equal(
            getattr(session.frames, table), getattr(fresh, table), check_dtype=False
        )
    for policy in (PROFILE.policy, PER_BAND):
        assert_same_matrix(session.matrix(policy), build_decision_matrix(fresh, policy))


def test_a_score_edit_rebuilds_only_its_model(store):
    session = store.session()
    session.recommend(PROFILE)
    session.matrix(PER_BAND)
    edit = _score_edit(store, _result_key(store), 12.5)
    store.apply(edit)
    after = store.session_after(session, edit)
    assert after.frames.benchmarks is session.frames.benchmarks  # not read again
    assert set(after._matrices) == set(session._matrices)  # updated, not dropped
    _same_as_anew(after, store)
    anew = RankingSession.from_db(store.db).recommend(PROFILE)
    assert after.recommend(PROFILE).ranking.ranks() == anew.ranking.ranks()


def test_undo_returns_the_matrix_to_what_it_was(store):
    session = store.session()
    first = session.matrix(PROFILE.policy)
    edit = _score_edit(store, _result_key(store, "extended_thinking"), 1)
    store.apply(edit)
    changed = store.session_after(session, edit)
    store.apply(edit.inverse())
    undone = store.session_after(changed, edit.inverse())
    assert_same_matrix(undone.matrix(PROFILE.policy), first)


def test_a_deleted_model_takes_its_rows(store):
    session = store.session()
    session.matrix(PROFILE.policy)
    model = store.rows("lifecycle")[0]["model_id"]
    edit = store.plan_delete("models", [(model,)])
    store.apply(edit)
    after = store.session_after(session, edit)
    assert model not in set(after.matrix(PROFILE.policy).model_ids)
    _same_as_anew(after, store)


def test_an_edit_every_model_shares_reads_the_catalogue_again(store):
    session = store.session()
    key = (store.rows("benchmarks")[0]["benchmark"],)
    texts = row_texts(spec_of("benchmarks"), fetch_row(store.db, "benchmarks", key))
    edit = store.plan_update("benchmarks", key, texts | {"name": "Renamed benchmark"})
    assert edit.models() is None
    store.apply(edit)
    after = store.session_after(session, edit)
    assert "Renamed benchmark" in set(after.frames.benchmarks["name"])
    _same_as_anew(after, store)


def test_a_write_from_elsewhere_reads_the_catalogue_again(store):
    """Another program changed a row meanwhile: the session does not miss it."""
    session = store.session()
    session.matrix(PROFILE.policy)
    other = store.rows("results")[-1]
    store.db.execute(
        "UPDATE results SET score = 1.5 WHERE model_id = ? AND benchmark = ? AND source_url = ?",
        [other["model_id"], other["benchmark"], other["source_url"]],
    )
    store.db.conn.commit()
    edit = _score_edit(store, _result_key(store), 33)
    store.apply(edit)
    after = store.session_after(session, edit)
    assert after.frames.benchmarks is not session.frames.benchmarks  # read anew
    _same_as_anew(after, store)


def test_the_session_model_re_ranks_after_an_edit(store):
    model = SessionModel.on(store)
    model.load(PROFILE)
    seen = []
    model.ranking_changed.connect(lambda: seen.append(model.recommendation))
    edit = _score_edit(store, _result_key(store), 99)
    store.apply(edit)
    model.reload_catalogue(edit)
    assert seen and seen[-1] is model.recommendation
    anew = RankingSession.from_db(store.db).recommend(model.viewed_profile())
    assert model.recommendation.ranking.ranks() == anew.ranking.ranks()
