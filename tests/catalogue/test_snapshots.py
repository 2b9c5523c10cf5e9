"""Snapshots: save, list, diff, rank against."""

from __future__ import annotations

import json

from advisor.catalogue import import_folder, open_catalogue
from advisor.catalogue.snapshots import diff, find_snapshot, list_snapshots, take_snapshot
from advisor.cli.main import main
from tests.conftest import DATA, write_csv

PROFILE = DATA / "profiles" / "coding-assistant.toml"


def test_diff_lists_exactly_the_changes(tmp_path):
    path = tmp_path / "cat.sqlite"
    db = open_catalogue(path)
    take_snapshot(db, path, "Q3 review")
    db["models"].update("gpt-5", {"input_usd_per_mtok": 2.0})
    folder = tmp_path / "new"
    write_csv(folder, "models.csv", "model_id,vendor,display_name\nbrand-new,NewCo,Brand New\n")
    import_folder(db, folder)
    db.execute("DELETE FROM results WHERE model_id = 'claude-opus-4' AND benchmark = 'mmmu'")
    db.conn.commit()
    old = open_catalogue(find_snapshot(path, "Q3-review").path, merge_updates=False)
    changes = diff(old, db)
    described = {(c.table, c.key[0], c.kind, c.column, c.before, c.after) for c in changes}
    assert described == {
        ("models", "gpt-5", "changed", "input_usd_per_mtok", 1.25, 2.0),
        ("models", "brand-new", "added", None, None, None),
        ("vendors", "NewCo", "added", None, None, None),
        ("results", "claude-opus-4", "removed", None, None, None),
    }
    assert [s.name for s in list_snapshots(path)] == ["Q3-review"]


def test_cli_snapshot_diff_and_rank_against_a_snapshot(tmp_path, capsys):
    db = str(tmp_path / "cli.sqlite")
    assert main(["catalogue", "snapshot", "before price change", "--db", db]) == 0
    with open_catalogue(db) as handle:
        handle["models"].update("gpt-5", {"output_usd_per_mtok": 100.0})
    capsys.readouterr()
    assert main(["catalogue", "diff", "before-price-change", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "models gpt-5: output_usd_per_mtok 10.0 -> 100.0" in out
    assert main(["catalogue", "diff", "before-price-change", "--db", db, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows == [
        {
            "table": "models",
            "key": ["gpt-5"],
            "kind": "changed",
            "column": "output_usd_per_mtok",
            "before": 10.0,
            "after": 100.0,
        }
    ]
    main(["rank", "--profile", str(PROFILE), "--db", db, "--json"])
    now = json.loads(capsys.readouterr().out)
    main(
        [
            "rank",
            "--profile",
            str(PROFILE),
            "--db",
            db,
            "--json",
            "--snapshot",
            "before-price-change",
        ]
    )
    then = json.loads(capsys.readouterr().out)

    def score(ranked):
        return next(
            c["score"]
            for c in ranked["ranking"]
            if c["model_id"] == "gpt-5" and c["channel"] == "api"
        )

    assert score(now) < score(then)  # the snapshot still ranks on the old price
    assert main(["rank", "--profile", str(PROFILE), "--db", db, "--snapshot", "nope"]) == 1
    assert "No snapshot called 'nope'" in capsys.readouterr().err
