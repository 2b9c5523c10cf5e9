"""Syncing a newer copy of a public source into a real catalogue file: the preview (added,
changed with both values, removed, unchanged, unmapped), all or nothing, the user's own values
kept as conflicts, a rejected copy writing nothing, snapshots read-only."""

from __future__ import annotations

import json
import shutil

import pytest

from advisor.app import source_sync
from advisor.app.workspace import Workspace
from advisor.domain.errors import AdvisorError, ImportRejected
from tests.conftest import DATA

VECTARA = DATA / "sources" / "vectara-hallucination" / "README.md"
LITELLM = DATA / "sources" / "litellm" / "model_prices_and_context_window.json"


def _litellm_only() -> tuple[str, str]:
    """A model whose only input price on its vendor's own API comes from litellm, and the key
    litellm has it under."""
    import csv
    from collections import defaultdict

    sources = defaultdict(set)
    with (DATA / "model_attributes.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["attribute"] == "input_usd_per_mtok" and row["channel"] == "":
                sources[row["model_id"]].add((row["source"], row["source_record"]))
    return next(
        (model, record)
        for model, found in sorted(sources.items())
        for (source, record) in found
        if len(found) == 1 and source == "litellm"
    )


LITELLM_ONLY = _litellm_only()


@pytest.fixture
def workspace(tmp_path):
    with Workspace.open(tmp_path / "catalogue.sqlite") as opened:
        yield opened


def _count(workspace, sql, *args):
    return workspace.db.execute(sql, args).fetchone()[0]


def _state(workspace):
    """Everything a sync may touch, to compare before and after."""
    return {
        table: workspace.db.execute(f'SELECT * FROM "{table}" ORDER BY 1, 2').fetchall()
        for table in ("models", "model_attributes", "results", "benchmarks", "sources")
    }


def test_the_bundled_copy_changes_nothing(workspace):
    plan = source_sync.plan(workspace, "vectara", VECTARA)
    assert plan.accepted and plan.changes == [] and plan.conflicts == []
    bundled = _count(workspace, "SELECT count(*) FROM results WHERE source = 'vectara'")
    assert plan.unchanged == bundled > 0
    assert plan.report.unmapped  # names of models the catalogue does not carry, listed


def test_a_newer_copy_previews_both_values_then_writes_it_all(workspace, tmp_path):
    text = VECTARA.read_text(encoding="utf-8")
    assert "|openai/gpt-4.1-2025-04-14|5.6 %|" in text
    assert "|anthropic/claude-opus-4-5-20251101|10.9 %|" in text
    newer = tmp_path / "README.md"
    lines = [
        line.replace("|openai/gpt-4.1-2025-04-14|5.6 %|", "|openai/gpt-4.1-2025-04-14|4.2 %|")
        for line in text.splitlines()
        if not line.startswith("|anthropic/claude-opus-4-5-20251101|")
    ]
    newer.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = _state(workspace)

    plan = source_sync.plan(workspace, "vectara", newer)
    changed = [c for c in plan.changes if c.kind == "changed"]
    removed = [c for c in plan.changes if c.kind == "removed"]
    assert [(c.key[0], c.changes) for c in changed] == [("gpt-4.1", (("score", 5.6, 4.2),))]
    assert [c.key[0] for c in removed] == ["claude-opus-4.5"]
    assert plan.count("added") == 0
    assert _state(workspace) == before  # planning writes nothing

    source_sync.apply(workspace, plan)
    score = "SELECT score FROM results WHERE source = 'vectara' AND model_id = ?"
    assert workspace.db.execute(score, ["gpt-4.1"]).fetchone()[0] == 4.2
    assert workspace.db.execute(score, ["claude-opus-4.5"]).fetchone() is None
    synced = workspace.db.execute("SELECT synced_at FROM sources WHERE source = 'vectara'")
    assert synced.fetchone()[0]
    again = source_sync.plan(workspace, "vectara", newer)
    assert again.changes == []  # applied: the same copy now changes nothing


def test_dry_run_and_timing(workspace, tmp_path):
    before = _state(workspace)
    plan, seconds = source_sync.sync(workspace, "vectara", VECTARA, dry_run=True)
    assert plan.accepted and seconds > 0 and _state(workspace) == before


def _litellm_copy(tmp_path, change):
    data = json.loads(LITELLM.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / LITELLM.name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_price_the_source_changes_is_updated_with_both_values(workspace, tmp_path):
    model_id, key = LITELLM_ONLY
    old = _count(workspace, "SELECT input_usd_per_mtok FROM models WHERE model_id = ?", model_id)

    def double(data):
        data[key]["input_cost_per_token"] *= 2

    plan = source_sync.plan(workspace, "litellm", _litellm_copy(tmp_path, double))
    model_changes = [c for c in plan.changes if c.table == "models" and c.kind == "changed"]
    assert [(c.key, c.changes) for c in model_changes] == [
        ((model_id,), (("input_usd_per_mtok", old, old * 2),))
    ]
    source_sync.apply(workspace, plan)
    now = _count(workspace, "SELECT input_usd_per_mtok FROM models WHERE model_id = ?", model_id)
    assert now == old * 2


def test_a_value_set_by_hand_is_kept_and_listed_as_a_conflict(workspace, tmp_path):
    model_id, key = LITELLM_ONLY
    workspace.db.execute(
        "UPDATE models SET input_usd_per_mtok = 9.99 WHERE model_id = ?", [model_id]
    )
    workspace.db.conn.commit()

    def double(data):
        data[key]["input_cost_per_token"] *= 2

    plan = source_sync.plan(workspace, "litellm", _litellm_copy(tmp_path, double))
    [conflict] = [c for c in plan.conflicts if c.model_id == model_id]
    assert (conflict.column, conflict.yours) == ("input_usd_per_mtok", 9.99)
    source_sync.apply(workspace, plan)
    mine = _count(workspace, "SELECT input_usd_per_mtok FROM models WHERE model_id = ?", model_id)
    assert mine == 9.99  # the user's value stays; the source's is kept beside it
    kept = workspace.db.execute(
        "SELECT value FROM model_attributes WHERE model_id = ? AND attribute = "
        "'input_usd_per_mtok' AND source = 'litellm' AND source_record = ?",
        [model_id, key],
    ).fetchone()[0]
    assert float(kept) == conflict.source


def test_a_truncated_copy_is_rejected_and_writes_nothing(workspace, tmp_path):
    broken = tmp_path / LITELLM.name
    text = LITELLM.read_text(encoding="utf-8")
    broken.write_text(text[: len(text) // 3], encoding="utf-8")
    before = _state(workspace)
    plan = source_sync.plan(workspace, "litellm", broken)
    assert not plan.accepted and plan.changes == []
    [problem] = plan.rejected
    assert problem.file == str(broken) and "not valid JSON" in problem.reason
    with pytest.raises(ImportRejected):
        source_sync.apply(workspace, plan)
    assert _state(workspace) == before


def test_a_bad_record_names_the_file_record_and_field(workspace, tmp_path):
    def corrupt(data):
        data["deepseek-chat"]["output_cost_per_token"] = "cheap"

    plan = source_sync.plan(workspace, "litellm", _litellm_copy(tmp_path, corrupt))
    [problem] = plan.rejected
    assert problem.column == "output_cost_per_token"
    assert "record deepseek-chat" in problem.reason and "not a number" in problem.reason


def test_a_name_new_to_the_catalogue_is_reported_not_guessed(workspace, tmp_path):
    text = VECTARA.read_text(encoding="utf-8")
    row = "|acme/brand-new-model-9|2.0 %|98.0 %|100.0 %|100.0|"
    newer = tmp_path / "README.md"
    newer.write_text(
        text.replace("|----|----:|", "|----|----:|", 1).replace(
            "|antgroup/finix_s1_32b|", row + "\n|antgroup/finix_s1_32b|", 1
        ),
        encoding="utf-8",
    )
    plan = source_sync.plan(workspace, "vectara", newer)
    names = {name for (_s, name, _f, _c) in plan.report.unmapped}
    assert "acme/brand-new-model-9" in names
    assert not any(c.key[0] == "brand-new-model-9" for c in plan.changes)


def test_a_snapshot_is_never_synced(workspace):
    workspace.take_snapshot("before")
    with workspace.reopen(snapshot="before") as old:
        plan = source_sync.plan(old, "vectara", VECTARA)
        with pytest.raises(AdvisorError, match="read-only"):
            source_sync.apply(old, plan)


def test_a_copy_that_is_not_there_is_one_sentence(workspace, tmp_path):
    with pytest.raises(AdvisorError, match="does not exist; give the vectara file"):
        source_sync.plan(workspace, "vectara", tmp_path / "nowhere.md")
    with pytest.raises(AdvisorError, match="No source called 'nope'"):
        source_sync.plan(workspace, "nope", VECTARA)


def test_the_epoch_folder_and_its_zip_sync_the_same(workspace, tmp_path):
    folder = DATA / "sources" / "epoch" / "benchmark_data"
    archive = shutil.make_archive(
        str(tmp_path / "benchmark_data"), "zip", folder.parent, folder.name
    )
    from_folder = source_sync.plan(workspace, "epoch", folder)
    from_zip = source_sync.plan(workspace, "epoch", archive)
    assert from_folder.accepted and from_zip.accepted
    assert from_folder.changes == from_zip.changes == []
    assert from_folder.unchanged == from_zip.unchanged > 3000
