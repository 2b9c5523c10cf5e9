"""A healthy catalogue is never set aside: locked, unreadable, read-only, special files and
tables dropped outside Model Advisor each get their own sentence and change nothing. Only a
file SQLite calls damaged is set aside."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from advisor.app.workspace import Workspace
from advisor.catalogue import database, is_read_only, open_catalogue
from advisor.domain import AdvisorError, CatalogueError
from advisor.domain.errors import CatalogueDamaged


@pytest.fixture(scope="module")
def healthy(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("healthy") / "base.sqlite"
    open_catalogue(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


@pytest.fixture
def copy(healthy, tmp_path) -> Path:
    target = tmp_path / "cat.sqlite"
    shutil.copy(healthy, target)
    return target


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def nothing_set_aside(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if ".corrupt-" in p.name]


HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "exclusive":
    conn.execute("PRAGMA locking_mode = EXCLUSIVE")
conn.execute("BEGIN EXCLUSIVE")
conn.execute("UPDATE meta SET value = value")
print("locked", flush=True)
time.sleep(30)
"""


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_a_locked_catalogue_is_reported_as_locked_and_left_in_place(copy, journal, monkeypatch):
    conn = sqlite3.connect(copy)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.close()
    monkeypatch.setattr(database, "BUSY_TIMEOUT_S", 0.2)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(copy), "exclusive"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(CatalogueError, match="locked by another program") as caught:
            open_catalogue(copy)
        assert not isinstance(caught.value, CatalogueDamaged)
        assert copy.exists() and nothing_set_aside(copy.parent)
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    open_catalogue(copy).close()  # once the other program is gone, it opens as before


def test_a_special_file_is_refused_and_never_renamed(tmp_path):
    fifo = tmp_path / "pipe.sqlite"
    os.mkfifo(fifo)
    with pytest.raises(CatalogueError, match="not a regular file"):
        open_catalogue(fifo)
    assert fifo.exists() and nothing_set_aside(tmp_path)


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run as another user")
def test_a_catalogue_the_user_cannot_read_is_reported_and_left_in_place(healthy):
    folder = Path(tempfile.mkdtemp(prefix="unreadable-", dir="/tmp"))
    try:
        folder.chmod(0o777)  # the other user may create files here, not read the database
        path = folder / "cat.sqlite"
        shutil.copy(healthy, path)
        path.chmod(0o600)
        before = digest(path)

        read, write = os.pipe()
        child = os.fork()  # the modules are loaded already: the other user needs no access
        if child == 0:  # pragma: no cover - runs in the child
            os.close(read)
            try:
                os.setgid(65534)
                os.setuid(65534)
                open_catalogue(path)
                said = "opened"
            except CatalogueError as exc:
                said = str(exc)
            except BaseException as exc:
                said = repr(exc)
            os.write(write, said.encode())
            os._exit(0)
        os.close(write)
        with os.fdopen(read, "rb") as pipe:
            said = pipe.read().decode()
        os.waitpid(child, 0)
        assert "do not have permission to read" in said, said
        assert digest(path) == before and nothing_set_aside(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_read_only_folder_ranks_but_refuses_changes(copy, immutable):
    before = digest(copy)
    immutable(copy.parent)
    with Workspace.open(copy) as workspace:
        assert workspace.read_only and is_read_only(workspace.db)
        assert len(workspace.session().frames.models) > 100
        with pytest.raises(AdvisorError, match=r"read-only .* cannot import"):
            workspace.check_writable("import")
    assert digest(copy) == before and nothing_set_aside(copy.parent)


def test_a_read_only_file_refuses_an_import_with_a_sentence(copy, immutable, tmp_path):
    from advisor.app.catalogue_io import import_catalogue

    source = tmp_path / "rows.json"
    source.write_text('{"models": [{"model_id": "x", "vendor": "V", "display_name": "X"}]}')
    open_catalogue(copy).close()
    before = digest(copy)
    immutable(copy)
    with Workspace.open(copy) as workspace, pytest.raises(AdvisorError, match="is read-only"):
        import_catalogue(workspace, source)
    assert digest(copy) == before


@pytest.mark.parametrize(
    "table", ["models", "results", "catalogue_revision", "benchmarks", "rate_limits"]
)
def test_a_dropped_table_is_refused_not_masked_by_the_cache(copy, table):
    with Workspace.open(copy) as workspace:  # fill the matrix cache
        workspace.session()
    conn = sqlite3.connect(copy)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(f'DROP TABLE "{table}"')
    conn.commit()
    conn.close()
    before = digest(copy)
    with pytest.raises(CatalogueError, match=f"missing the table {table} "):
        open_catalogue(copy)
    assert digest(copy) == before and nothing_set_aside(copy.parent)


def test_a_lost_schema_record_is_refused_without_writing(copy):
    conn = sqlite3.connect(copy)
    conn.execute("DROP TABLE _sqlite_migrations")
    conn.commit()
    conn.close()
    before = digest(copy)
    with pytest.raises(CatalogueError, match="lost its schema record"):
        open_catalogue(copy)
    assert digest(copy) == before
    tables = sqlite3.connect(copy).execute("SELECT name FROM sqlite_master").fetchall()
    assert ("_sqlite_migrations",) not in tables


def test_a_damaged_file_can_be_left_in_place_for_the_user_to_decide(tmp_path):
    path = tmp_path / "cat.sqlite"
    path.write_bytes(b"not a database" * 300)
    with pytest.raises(CatalogueDamaged) as caught:
        open_catalogue(path, set_damaged_aside=False)
    assert caught.value.aside is None and caught.value.path == str(path)
    assert path.exists() and nothing_set_aside(tmp_path)
    aside = database.set_aside(path)
    assert aside.read_bytes() == b"not a database" * 300 and not path.exists()


def test_the_expected_tables_are_the_ones_the_migrations_create():
    """Opening checks tables against a list kept beside the schema (no migration run at every
    start): it must name exactly what the migrations create."""
    from sqlite_utils import Database

    from advisor.catalogue.schema import migrations

    db = Database(memory=True)
    migrations.apply(db)
    assert sorted(db.table_names()) == list(database.expected_tables())
