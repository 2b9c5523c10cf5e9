"""A matrix updated after an edit of some models' rows equals the matrix built anew (the oracle:
build_decision_matrix on the edited catalogue), for hand-picked and random edits."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.catalogue import load_frames
from advisor.domain.frames import CatalogueFrames
from advisor.domain.profile import Policy
from advisor.domain.vocabulary import Condition
from advisor.engine import matrix_update
from advisor.engine.constraints import channel_words
from advisor.engine.lifecycle import lifecycle
from advisor.engine.matrix import DecisionMatrix, build_decision_matrix
from advisor.engine.matrix_update import ModelsEdited, frames_of_models, update_matrix

POLICIES = {
    "default": Policy(),
    "per band": Policy(effort_candidates=True),
    "equal budget": Policy(budget_band="high"),
    "peak claims": Policy(conditions=tuple(Condition)),
    "tier 2, published only": Policy(rate_limit_tier=2, own_measurements=False),
}
ROW_TABLES = ("figures", "set_aside", "alternatives", "lifecycle", "rate_limits")


def _plain(frame: pd.DataFrame) -> dict[str, list]:
    """A table's columns as lists, every missing value spelled None (None, NaN and NA all
    mean missing)."""
    return {str(c): [None if v is None or v != v else v for v in frame[c].tolist()] for c in frame}


def assert_same_matrix(got: DecisionMatrix, want: DecisionMatrix) -> None:
    """Every row, value, figure, set-aside result, alternative and lifecycle event equal."""
    assert got.criteria == want.criteria
    for name in ("model_ids", "modes", "vendors", "channels", "regions", "efforts"):
        assert list(getattr(got, name)) == list(getattr(want, name)), name
    assert np.array_equal(got.open_weights, want.open_weights, equal_nan=True)
    assert np.array_equal(got.values, want.values, equal_nan=True)
    assert np.array_equal(got.higher_is_better, want.higher_is_better)
    assert got.groups == want.groups and got.scales == want.scales
    assert list(got.tiebreak) == list(want.tiebreak)
    for name in ROW_TABLES:
        mine, theirs = _plain(getattr(got, name)), _plain(getattr(want, name))
        assert list(mine) == list(theirs), name
        for column, values in theirs.items():
            assert mine[column] == values, f"{name}.{column}"


AS_OF = (dt.date(2025, 6, 1), dt.date(2026, 12, 1))


def assert_same_row_facts(got: DecisionMatrix, want: DecisionMatrix) -> None:
    """Labels, channel words and lifecycles (kept from before the edit where they could be)
    as a fresh matrix works them out."""
    assert got.labels_array().tolist() == want.labels_array().tolist()
    assert channel_words(got).tolist() == channel_words(want).tolist()
    for as_of in AS_OF:
        mine, theirs = lifecycle(got, as_of, 6), lifecycle(want, as_of, 6)
        for name in ("badges", "texts", "retired", "short"):
            assert getattr(mine, name).tolist() == getattr(theirs, name).tolist(), name


@pytest.fixture(scope="module")
def frames(bundled_db) -> CatalogueFrames:
    return load_frames(bundled_db)


@pytest.fixture(scope="module")
def matrices(frames) -> dict[str, DecisionMatrix]:
    return {name: build_decision_matrix(frames, policy) for name, policy in POLICIES.items()}


def _with(frames: CatalogueFrames, **tables: pd.DataFrame) -> CatalogueFrames:
    """``frames`` with some tables replaced, each kept sorted by model (as the catalogue reads
    it: a model's rows together)."""
    for name, table in tables.items():
        tables[name] = table.sort_values("model_id", kind="stable").reset_index(drop=True)
    return dataclasses.replace(frames, **tables)


def _check(before, after, models, matrices, policies=POLICIES, tables=None):
    """Updated like a rebuild, whether the edited tables are said (``tables``) or not."""
    for name in policies:
        want = build_decision_matrix(after, POLICIES[name])
        old = matrices[name]
        for as_of in AS_OF:  # worked out before the edit: kept for the rows it kept
            lifecycle(old, as_of, 6)
        channel_words(old)
        for said in [None] if tables is None else [None, frozenset(tables)]:
            edited = ModelsEdited.between(before, after, models, said)
            updated = update_matrix(old, edited, POLICIES[name])
            assert updated is not None, name
            assert_same_matrix(updated, want)
            assert_same_row_facts(updated, want)


def _a_model_with(frames: CatalogueFrames, table: str, condition: str | None = None) -> str:
    rows = getattr(frames, table)
    if condition is not None:
        rows = rows[rows["condition"] == condition]
    counts = rows["model_id"].value_counts()
    return str(counts.index[0])


def test_a_changed_score_updates_its_models_rows_only(frames, matrices):
    model = _a_model_with(frames, "results", "standard")
    results = frames.results.copy()
    at = results.index[results["model_id"] == model][0]
    results.loc[at, "score"] = float(results.loc[at, "score"]) / 2 + 1
    _check(frames, _with(frames, results=results), {model}, matrices, tables={"results"})


def test_a_result_edit_picks_only_benchmark_figures_again(frames, matrices, monkeypatch):
    """The model's candidates are unchanged: its prices and limits are the matrix's own."""
    model = _a_model_with(frames, "results", "standard")
    results = frames.results.copy()
    results.loc[results.index[results["model_id"] == model][0], "score"] = 1.0
    after = _with(frames, results=results)
    edited = ModelsEdited.between(frames, after, {model}, {"results"})

    def no_rebuild(*_args, **_kwargs):
        raise AssertionError("the model's rows were built whole")

    monkeypatch.setattr(matrix_update, "build_decision_matrix", no_rebuild)
    updated = update_matrix(matrices["default"], edited, Policy())
    monkeypatch.undo()
    assert_same_matrix(updated, build_decision_matrix(after, Policy()))


def test_deleted_and_added_results(frames, matrices):
    model = _a_model_with(frames, "results", "extended_thinking")
    other = _a_model_with(frames, "results", "standard")
    results = frames.results
    gone = results[results["model_id"] != model]
    copied = (
        results[results["model_id"] == other]
        .head(3)
        .assign(model_id=model, source_url="https://example.com/copied", source_record="copied")
    )
    after = _with(frames, results=pd.concat([gone, copied], ignore_index=True))
    _check(frames, after, {model}, matrices, tables={"results"})


def test_a_new_thinking_figure_adds_the_models_thinking_candidate(frames, matrices):
    thinking = set(
        frames.results.loc[frames.results["condition"] == "extended_thinking", "model_id"]
    )
    hybrid = set(
        frames.models.loc[frames.models["hybrid_reasoning"].map(lambda v: v is True), "model_id"]
    )
    model = next(m for m in frames.models["model_id"] if m not in thinking | hybrid)
    template = frames.results[frames.results["condition"] == "extended_thinking"].head(2)
    added = template.assign(model_id=model, reasoning_effort=["high", "low"][: len(template)])
    after = _with(frames, results=pd.concat([frames.results, added], ignore_index=True))
    before_rows = len(build_decision_matrix(frames, Policy()))
    _check(frames, after, {model}, matrices, tables={"results"})
    assert len(build_decision_matrix(after, Policy())) > before_rows


def test_a_changed_price_and_a_new_offer(frames, matrices):
    model = _a_model_with(frames, "model_attributes")
    models = frames.models.copy()
    models.loc[models["model_id"] == model, "input_usd_per_mtok"] = 0.123
    attributes = frames.model_attributes
    offer = (
        attributes[attributes["model_id"] == model]
        .head(2)
        .assign(channel="newcloud", region="eu", value="4.5", source_record="new-offer")
    )
    offer = offer.assign(attribute=["input_usd_per_mtok", "output_usd_per_mtok"][: len(offer)])
    after = _with(
        frames, models=models, model_attributes=pd.concat([attributes, offer], ignore_index=True)
    )
    _check(frames, after, {model}, matrices, tables={"models", "model_attributes"})


def test_a_deleted_model_and_its_rows(frames, matrices):
    model = _a_model_with(frames, "lifecycle")
    tables = {
        name: getattr(frames, name)[getattr(frames, name)["model_id"] != model]
        for name in ("models", "results", "model_attributes", "lifecycle")
    }
    _check(frames, _with(frames, **tables), {model}, matrices, tables=set(tables))


def test_rate_limits_and_lifecycle_events(frames, matrices):
    model = _a_model_with(frames, "results", "standard")
    events = frames.lifecycle.head(1).assign(
        model_id=model, channel="", region="", event="retirement", date="2026-01-01"
    )
    limits = frames.rate_limits.copy()
    limits.loc[limits.index[0], "model_ids"] = f"{limits.loc[limits.index[0], 'model_ids']};{model}"
    after = _with(frames, lifecycle=pd.concat([frames.lifecycle, events], ignore_index=True))
    after = dataclasses.replace(after, rate_limits=limits)
    _check(frames, after, {model}, matrices, tables={"lifecycle", "rate_limits"})


def test_a_first_cost_per_task_figure_asks_for_a_rebuild(frames, matrices):
    """A criterion the catalogue did not have before changes every row's columns."""
    results = frames.results.copy()
    stated = pd.to_numeric(results["cost_per_task_usd"], errors="coerce").notna()
    benchmark = next(b for b in results["benchmark"] if not stated[results["benchmark"] == b].any())
    at = results.index[results["benchmark"] == benchmark][0]
    results.loc[at, "cost_per_task_usd"] = 0.5
    model = str(results.loc[at, "model_id"])
    edited = ModelsEdited.between(frames, _with(frames, results=results), {model})
    assert update_matrix(matrices["default"], edited, Policy()) is None


def test_frames_of_models_holds_the_models_rows_and_the_shared_tables(frames):
    model = _a_model_with(frames, "results")
    part = frames_of_models(frames, {model})
    assert set(part.results["model_id"]) == {model}
    assert len(part.results) == int((frames.results["model_id"] == model).sum())
    assert part.benchmarks is frames.benchmarks
    unsorted = _with(frames).results.sample(frac=1, random_state=1)
    shuffled = dataclasses.replace(frames, results=unsorted)
    assert len(frames_of_models(shuffled, {model}).results) == len(part.results)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_random_result_edits_update_like_a_rebuild(frames, matrices, data):
    """Scores changed, rows deleted and rows duplicated under another source, in one to three
    models at once."""
    results = frames.results.copy()
    models = data.draw(
        st.sets(st.sampled_from(sorted(set(results["model_id"]))), min_size=1, max_size=3)
    )
    for model in sorted(models):
        rows = results.index[results["model_id"] == model]
        action = data.draw(st.sampled_from(["score", "delete", "duplicate"]))
        at = data.draw(st.sampled_from(list(rows)))
        if action == "score":
            results.loc[at, "score"] = data.draw(st.floats(0, 100, allow_nan=False))
        elif action == "delete":
            results = results.drop(index=at)
        else:
            copy = results.loc[[at]].assign(source_url="https://example.com/again")
            results = pd.concat([results, copy])
    policy = data.draw(st.sampled_from(sorted(POLICIES)))
    tables = data.draw(st.sampled_from([None, {"results"}]))
    _check(frames, _with(frames, results=results), models, matrices, [policy], tables)
