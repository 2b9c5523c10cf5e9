"""Shared fixtures: headless Qt, an isolated user catalogue, small hand-made catalogues."""

from __future__ import annotations

import csv
import os
import subprocess
from pathlib import Path

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from advisor.catalogue import import_folder, load_frames, open_catalogue
from advisor.catalogue.database import _connect, memory_catalogue, migrate

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"


@pytest.fixture(autouse=True)
def _isolated_user_data(tmp_path_factory, monkeypatch):
    """Keep every test off the real user catalogue."""
    home = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("ADVISOR_DB", str(home / "catalogue.sqlite"))
    monkeypatch.delenv("ADVISOR_DEBUG", raising=False)


@pytest.fixture
def fresh_db():
    """An empty, migrated, in-memory catalogue."""
    db = _connect(":memory:")
    migrate(db)
    yield db
    db.close()


@pytest.fixture(scope="session")
def bundled_db():
    """The bundled catalogue in memory (read-only use)."""
    return memory_catalogue(DATA)


def bundled_count(name: str) -> int:
    """How many rows the bundled ``name`` (e.g. "models.csv") holds."""
    with (DATA / name).open(newline="", encoding="utf-8") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def edit_csv_rows(path: Path, changes: dict[str, dict[str, str]], add: list[dict] = ()) -> None:
    """Rewrite a catalogue CSV with the rows keyed (first column) in ``changes`` changed, and
    the rows in ``add`` appended (missing columns blank)."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    for row in rows:
        row.update(changes.get(row[fields[0]], {}))
    rows += [{f: str(extra.get(f, "")) for f in fields} for extra in add]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write_csv(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text.lstrip("\n"), encoding="utf-8")
    return path


TINY_MODELS = """
model_id,vendor,display_name,input_usd_per_mtok,output_usd_per_mtok,context_window,hybrid_reasoning,open_weights,source_url,source_date
alpha,VendorA,Alpha,1,3,100000,no,no,https://a.example/alpha,2025-01-01
beta,VendorB,Beta,2,6,200000,yes,yes,https://b.example/beta,2025-02-01
gamma,VendorC,Gamma,4,12,,no,no,https://c.example/gamma,2025-03-01
"""
TINY_BENCHMARKS = """
benchmark,name,category,unit,higher_is_better,description,url,n_items,n_items_source
code,Code bench,coding,percent,yes,Coding,https://bench.example/code,100,https://bench.example/code
know,Knowledge bench,knowledge,percent,yes,Knowledge,https://bench.example/know,,
"""
TINY_RESULTS = """
model_id,benchmark,condition,score,unit,source_kind,reported_by,source_url,source_date
alpha,code,standard,50,percent,vendor,VendorA,https://a.example/alpha,2025-01-01
beta,code,standard,70,percent,vendor,VendorB,https://b.example/beta,2025-02-01
beta,code,extended_thinking,80,percent,vendor,VendorB,https://b.example/beta,2025-02-01
beta,code,parallel_test_time_compute,90,percent,vendor,VendorB,https://b.example/beta,2025-02-01
gamma,code,standard,60,percent,vendor,VendorC,https://c.example/gamma,2025-03-01
alpha,know,standard,80,percent,vendor,VendorA,https://a.example/alpha,2025-01-01
beta,know,standard,60,percent,vendor,VendorB,https://b.example/beta,2025-02-01
"""
TINY_MEASUREMENTS = """
model_id,mode,metric,value,region,sample_count,source_kind,reported_by,source_url,source_date
alpha,standard,ttft_s,0.5,eu-west,5,internal,Us,,2025-06-01
beta,standard,ttft_s,1.5,eu-west,5,internal,Us,,2025-06-01
"""
TINY_RATE_LIMITS = """
vendor,tier,model_id_or_family,requests_per_min,input_tokens_per_min,source_url,source_date,model_ids,tier_level
VendorA,Tier 1,Alpha family,100,10000,https://a.example/limits,2025-01-01,alpha,1
VendorB,Tier 1,Beta family,1000,100000,https://b.example/limits,2025-01-01,beta,1
VendorB,Tier 2,Beta family,5000,500000,https://b.example/limits,2025-01-01,beta,2
"""
TINY_GROUPS = """
group,criterion,weight,label,description
price,blended_usd_per_mtok,1,Price,Blended price
"""


@pytest.fixture
def tiny_folder(tmp_path) -> Path:
    """A hand-made catalogue of three models (see TINY_* above)."""
    folder = tmp_path / "tiny"
    write_csv(folder, "models.csv", TINY_MODELS)
    write_csv(folder, "benchmarks.csv", TINY_BENCHMARKS)
    write_csv(folder, "benchmark_results.csv", TINY_RESULTS)
    write_csv(folder, "criterion_groups.csv", TINY_GROUPS)
    write_csv(folder, "measurements.csv", TINY_MEASUREMENTS)
    write_csv(folder, "rate_limits.csv", TINY_RATE_LIMITS)
    return folder


@pytest.fixture
def tiny_db(fresh_db, tiny_folder):
    """``fresh_db`` holding the hand-made catalogue."""
    import_folder(fresh_db, tiny_folder)
    return fresh_db


def tiny_frames_with_results(db, folder: Path, results_csv: str):
    """The tiny catalogue's frames with ``results_csv`` as its benchmark_results.csv."""
    write_csv(folder, "benchmark_results.csv", results_csv)
    import_folder(db, folder)
    return load_frames(db)


def catalogue_of_only(path, folder):
    """A catalogue on the app's own bundle (so reopening it merges nothing) whose rows are
    replaced by the hand-made ones in ``folder``."""
    db = open_catalogue(path)
    tables = (
        "measurements",
        "rate_limits",
        "lifecycle",
        "assurances",
        "model_attributes",
        "sources",
        "results",
        "criterion_groups",
        "models",
        "benchmarks",
        "vendors",
    )
    for table in tables:
        db.execute(f"DELETE FROM {table}")
    db.conn.commit()
    import_folder(db, folder)
    db.close()
    return path


# ----- keyring: an in-memory backend, the no-backend (fail) case, a plaintext backend -----
class MemoryKeyring(KeyringBackend):
    """Holds passwords in a dict; nothing touches the disk."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        if self.store.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


class PlaintextKeyring(MemoryKeyring):
    """Stands in for keyrings.alt's file backend (same module path)."""


PlaintextKeyring.__module__ = "keyrings.alt.file"


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def plaintext_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(PlaintextKeyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def immutable():
    """``chattr +i`` (root on a file system that supports it), always undone."""
    marked: list[Path] = []

    def mark(path: Path) -> None:
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
        if done.returncode != 0:
            pytest.skip("chattr +i is not available here")
        marked.append(path)

    yield mark
    for path in marked:
        subprocess.run(["chattr", "-i", str(path)], check=False)
