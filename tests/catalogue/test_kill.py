"""An import killed in the middle of writing leaves the database exactly as it was."""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys

from advisor.catalogue import open_catalogue
from advisor.catalogue.matrix_cache import revision
from advisor.domain.catalogue_format import FILE_SPECS
from tests.conftest import write_csv

CHILD = """
import os, signal, sys
import advisor.catalogue.importer as importer
from advisor.catalogue import open_catalogue, import_folder

original = importer.upsert_rows
calls = []

def upsert_then_die(db, spec, rows):
    result = original(db, spec, rows)
    calls.append(spec.table)
    if len(calls) == 2:  # some rows of the import are written, the transaction is open
        os.kill(os.getpid(), signal.SIGKILL)
    return result

importer.upsert_rows = upsert_then_die
db = open_catalogue(sys.argv[1])
import_folder(db, sys.argv[2])
"""


def fingerprint(path) -> dict[str, str]:
    db = open_catalogue(path)
    try:
        out = {}
        for spec in FILE_SPECS:
            rows = sorted(repr(tuple(r.values())) for r in db[spec.table].rows)
            out[spec.table] = hashlib.sha256("\\n".join(rows).encode()).hexdigest()
        # The revision the matrix cache is keyed by is part of the rolled-back state too.
        out["catalogue_revision"] = str(revision(db))
        return out
    finally:
        db.close()


def test_killed_import_leaves_the_database_unchanged(tmp_path):
    path = tmp_path / "cat.sqlite"
    before = fingerprint(path)
    folder = tmp_path / "incoming"
    write_csv(folder, "models.csv", "model_id,vendor,display_name\nkilled-1,NewVendor,Killed 1\n")
    write_csv(
        folder,
        "benchmark_results.csv",
        "model_id,benchmark,condition,score\nkilled-1,swe-bench-verified,standard,50\n",
    )
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(folder)], capture_output=True, text=True
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert fingerprint(path) == before
