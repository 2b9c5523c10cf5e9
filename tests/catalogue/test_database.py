"""Opening the catalogue: first run, migrations, damaged files, bad paths."""

from __future__ import annotations

import os
import sqlite3

import pytest

from advisor.catalogue import open_catalogue, schema_version
from advisor.catalogue.schema import known_migrations
from advisor.domain import CatalogueError
from tests.conftest import DATA, bundled_count, edit_csv_rows


def test_first_open_creates_the_database_from_the_bundle(tmp_path):
    path = tmp_path / "sub" / "cat.sqlite"
    db = open_catalogue(path)
    assert db["models"].count == bundled_count("models.csv")
    assert schema_version(db) == len(known_migrations())
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    db.close()
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_reopen_keeps_user_rows(tmp_path):
    path = tmp_path / "cat.sqlite"
    db = open_catalogue(path)
    db["models"].update("gpt-5", {"notes": "our note"})
    db.close()
    db = open_catalogue(path)
    assert db["models"].get("gpt-5")["notes"] == "our note"
    db.close()


@pytest.mark.parametrize(
    "content",
    [os.urandom(4096), b"SQLite format 3\x00" + b"\x00" * 200],
    ids=["random-bytes", "truncated"],
)
def test_damaged_file_is_set_aside_never_overwritten(tmp_path, content):
    path = tmp_path / "cat.sqlite"
    path.write_bytes(content)
    with pytest.raises(CatalogueError, match=r"damaged.*set aside as cat\.sqlite\.corrupt-"):
        open_catalogue(path)
    assert not path.exists()
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("cat.sqlite.corrupt-")]
    assert len(aside) == 1 and aside[0].read_bytes() == content
    db = open_catalogue(path)  # the next run starts afresh from the bundle
    assert db["models"].count == bundled_count("models.csv")
    db.close()


def test_zero_length_file_is_populated(tmp_path):
    path = tmp_path / "cat.sqlite"
    path.write_bytes(b"")
    db = open_catalogue(path)
    assert db["benchmarks"].count == bundled_count("benchmarks.csv")
    db.close()


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "cat.sqlite"
    open_catalogue(path).close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('advisor-catalogue', 'm999_future', 'now')"
    )
    conn.commit()
    conn.close()
    with pytest.raises(CatalogueError, match="newer version of Model Advisor"):
        open_catalogue(path)


def test_unwritable_location_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(CatalogueError, match="Cannot create the folder"):
        open_catalogue(blocker / "cat.sqlite")
    with pytest.raises(CatalogueError, match="is a folder"):
        open_catalogue(tmp_path)


def test_profiles_are_stored_by_name(fresh_db):
    from advisor.catalogue import store_profile, stored_profile, stored_profiles

    store_profile(fresh_db, "Team", 'name = "Team"\n[weights]\ncoding = 1\n')
    store_profile(fresh_db, "Team", 'name = "Team"\n[weights]\ncoding = 2\n')
    assert stored_profile(fresh_db, "Team").endswith("coding = 2\n")
    assert [name for name, _ in stored_profiles(fresh_db)] == ["Team"]
    assert stored_profile(fresh_db, "Other") is None


def test_newer_bundle_merges_without_overwriting_user_edits(tmp_path):
    import shutil

    from advisor.catalogue.bundle_updates import conflicts

    bundle = tmp_path / "bundle"
    shutil.copytree(DATA, bundle, ignore=shutil.ignore_patterns("profiles"))
    path = tmp_path / "cat.sqlite"
    open_catalogue(path, bundle=bundle).close()
    db = open_catalogue(path, bundle=bundle)
    db["models"].update("gpt-5", {"input_usd_per_mtok": 99.0})  # the user's own edit
    db.close()
    # The next release changes GPT-5's and GPT-4.1's input prices and adds a model.
    edit_csv_rows(
        bundle / "models.csv",
        {"gpt-5": {"input_usd_per_mtok": "7"}, "gpt-4.1": {"input_usd_per_mtok": "7"}},
        add=[{"model_id": "new-model", "vendor": "NewCo", "display_name": "New Model"}],
    )
    db = open_catalogue(path, bundle=bundle)
    assert db["models"].get("gpt-5")["input_usd_per_mtok"] == 99.0  # the user's edit is kept
    assert db["models"].get("gpt-4.1")["input_usd_per_mtok"] == 7.0  # untouched row updated
    assert db["models"].get("new-model")["vendor"] == "NewCo"  # new bundled row added
    listed = conflicts(db)
    assert [(c["table"], c["key"]) for c in listed] == [("models", ["gpt-5"])]
    assert listed[0]["yours"]["input_usd_per_mtok"] == 99.0
    assert listed[0]["bundled"]["input_usd_per_mtok"] == 7.0
    db.close()
    again = open_catalogue(path, bundle=bundle)  # same bundle: nothing to merge again
    assert again["models"].get("gpt-5")["input_usd_per_mtok"] == 99.0
    again.close()
