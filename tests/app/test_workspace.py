"""The workspace both faces use: opening (first run, snapshots), facts, row edits, snapshots
and their differences, ranking against a snapshot, and refusals on a read-only snapshot."""

from __future__ import annotations

import pytest

from advisor.app.workspace import Workspace, catalogue_facts, list_snapshots
from advisor.domain import AdvisorError, Profile
from advisor.domain.catalogue_format import row_texts, spec_of

TINY = Profile("tiny", {"code": 0.5, "know": 0.3, "price": 0.2})


def test_the_first_open_creates_the_catalogue_from_the_bundle(tmp_path):
    path = tmp_path / "new.sqlite"
    with Workspace.open(path) as first:
        assert first.created and path.exists() and not first.read_only
        assert first.info().counts["models"] > 10
    with Workspace.open(path) as again:
        assert not again.created


def test_facts_and_info(workspace, tiny_path):
    info = workspace.info()
    assert info.path == tiny_path and info.schema_version == 6
    assert info.counts == {
        "models": 3,
        "benchmarks": 2,
        "results": 7,
        "rate_limits": 3,
        "measurements": 2,
    }
    assert info.own_endpoints == 0 and info.conflicts == []
    assert "created_at" in info.facts
    facts = catalogue_facts(workspace.session().frames)
    assert {k: facts[k] for k in ("models", "results", "sources", "newest")} == {
        "models": 3,
        "results": 7,
        "sources": 3,
        "newest": "2025-03-01",
    }
    assert facts["vendors"] == len({r["vendor"] for r in workspace.rows("models")})
    assert sum(facts["results_by_kind"].values()) == 7
    assert info.summary == facts


def test_an_edit_is_planned_checked_applied_and_undone(workspace):
    spec = spec_of("models")
    [alpha] = [r for r in workspace.rows("models") if r["model_id"] == "alpha"]
    assert workspace.origins("models", [alpha]) == ["yours"]  # not from the app's own bundle
    texts = row_texts(spec, alpha) | {"input_usd_per_mtok": "abc"}
    assert [p.column for p in workspace.check("models", texts)] == ["input_usd_per_mtok"]
    edit = workspace.plan_update("models", ("alpha",), texts | {"input_usd_per_mtok": "9"})
    workspace.apply(edit)
    assert workspace.recommend(TINY).ranking.candidates[0].candidate != "alpha@standard"
    workspace.apply(edit.inverse())
    assert [r for r in workspace.rows("models") if r["model_id"] == "alpha"] == [alpha]


def test_a_delete_names_what_it_takes_with_it(workspace):
    edit = workspace.plan_delete("models", [("beta",)])
    assert workspace.dependents(edit, "models") == {"results": 4, "measurements": 1}


def test_snapshots_are_listed_diffed_and_ranked_against(workspace, tiny_path):
    assert list_snapshots(tiny_path) == []
    snap = workspace.take_snapshot("before")
    assert (
        [s.name for s in list_snapshots(tiny_path)]
        == ["before"]
        == [s.name for s in workspace.snapshots()]
    )
    workspace.db.execute("UPDATE models SET input_usd_per_mtok = 9 WHERE model_id = 'alpha'")
    workspace.db.conn.commit()
    changes = workspace.diff("before")
    assert [(c.table, c.key, c.column, c.before, c.after) for c in changes] == [
        ("models", ("alpha",), "input_usd_per_mtok", 1.0, 9.0)
    ]
    old = workspace.recommend_in(TINY, "before").ranking
    now = workspace.recommend_in(TINY).ranking
    assert old.candidates[0].score != now.candidates[0].score
    with workspace.reopen("before") as shown:
        assert shown.read_only and shown.snapshot == snap
        assert shown.meta()["snapshot"] == "before"
        # from a snapshot, "now" is still the current catalogue
        assert [c.after for c in shown.diff("before")] == [9.0]
        assert shown.recommend_in(TINY).ranking.ranks() == now.ranks()


@pytest.mark.parametrize(
    "change",
    [
        lambda ws: ws.plan_update("models", ("alpha",), {}),
        lambda ws: ws.plan_insert("models", {}),
        lambda ws: ws.plan_delete("models", [("alpha",)]),
        lambda ws: ws.take_snapshot("again"),
        lambda ws: ws.settle_conflict("models", ["alpha"], take_bundled=True),
    ],
    ids=["update", "insert", "delete", "snapshot", "conflict"],
)
def test_a_snapshot_refuses_every_change(workspace, change):
    workspace.take_snapshot("frozen")
    with workspace.reopen("frozen") as frozen:
        with pytest.raises(AdvisorError, match="read-only; return to the current catalogue"):
            change(frozen)
        assert frozen.conflicts() == []


def test_an_unknown_snapshot_names_the_ones_there_are(workspace):
    workspace.take_snapshot("q3")
    with pytest.raises(AdvisorError, match="No snapshot called 'q4'; snapshots: q3"):
        workspace.reopen("q4")
