"""The persisted matrix cache: a hit equals a fresh build, any write to a catalogue table (from
any SQLite client) invalidates it, and an older database gains it on upgrade."""

from __future__ import annotations

import csv
import sqlite3

import numpy as np
import pytest
from pandas.testing import assert_frame_equal

from advisor.app import ranking
from advisor.app.profiles import load_profile
from advisor.catalogue import load_frames, open_catalogue, schema_version
from advisor.catalogue.bundle_updates import record_bundle
from advisor.catalogue.database import _connect
from advisor.catalogue.matrix_cache import CACHE_TABLES, CATALOGUE_TABLES, cached, revision
from advisor.catalogue.readers import read_folder
from advisor.catalogue.schema import known_migrations, migrations
from advisor.catalogue.snapshots import diff, take_snapshot
from advisor.domain import Policy
from advisor.domain.catalogue_format import FILE_SPECS
from advisor.domain.vocabulary import Condition, Mode
from advisor.engine import build_decision_matrix
from tests.conftest import DATA

POLICIES = [
    Policy(),
    Policy(conditions=tuple(Condition), modes=(Mode.STANDARD,), rate_limit_tier=2),
]


@pytest.fixture
def path(tmp_path):
    target = tmp_path / "catalogue.sqlite"
    open_catalogue(target, bundle=DATA).close()
    return target


def assert_same_matrix(a, b) -> None:
    for name in ("model_ids", "modes", "vendors", "higher_is_better", "tiebreak"):
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
        assert getattr(a, name).dtype == getattr(b, name).dtype, name
    assert np.array_equal(a.values, b.values, equal_nan=True)
    assert np.array_equal(a.open_weights, b.open_weights, equal_nan=True)
    assert a.criteria == b.criteria and a.groups == b.groups
    for name in ("figures", "set_aside", "rate_limits"):
        assert_frame_equal(getattr(a, name), getattr(b, name), check_exact=True, obj=name)


def no_building(monkeypatch) -> list:
    """Count matrix builds in ranking sessions (a cache hit builds nothing)."""
    builds = []
    original = ranking.build_decision_matrix

    def counting(frames, policy):
        builds.append(policy)
        return original(frames, policy)

    monkeypatch.setattr(ranking, "build_decision_matrix", counting)
    return builds


@pytest.mark.parametrize("policy", POLICIES, ids=["default", "peak-tier2"])
def test_cache_hit_equals_a_fresh_build(path, policy, monkeypatch):
    db = open_catalogue(path)
    try:
        first = ranking.RankingSession.from_db(db).matrix(policy)  # builds and stores
        builds = no_building(monkeypatch)
        session = ranking.RankingSession.from_db(db)
        hit = session.matrix(policy)
        assert builds == []
        fresh = build_decision_matrix(load_frames(db), policy)
        assert_same_matrix(hit, fresh)
        assert_same_matrix(first, fresh)
        tables = load_frames(db)
        for name in ("models", "benchmarks", "results", "rate_limits", "criterion_groups"):
            assert_frame_equal(getattr(session.frames, name), getattr(tables, name), obj=name)
        # Rankings from the stored matrix are the rankings from a fresh build.
        for file in sorted((DATA / "profiles").glob("*.toml")):
            profile = load_profile(file)
            if profile.policy.conditions != policy.conditions:
                continue
            ranked = session.recommend(profile).ranking
            expected = ranking.RankingSession(tables).recommend(profile).ranking
            assert [(c.candidate, c.score) for c in ranked.candidates] == [
                (c.candidate, c.score) for c in expected.candidates
            ]
    finally:
        db.close()


def test_session_stays_usable_after_the_database_closes(path):
    db = open_catalogue(path)
    ranking.RankingSession.from_db(db).matrix(Policy())
    session = ranking.RankingSession.from_db(db)
    db.close()
    assert len(session.matrix(Policy())) > 0
    assert len(session.matrix(POLICIES[1])) > 0  # a miss: built, not stored (db closed)
    assert len(session.frames.models) > 0


_SAMPLE_ROWS = {
    "measurements": "INSERT INTO measurements (model_id, mode, metric, value, source_date, "
    "region, source_url) VALUES ('claude-opus-4', 'standard', 'ttft_s', 1.5, '2025-06-01', "
    "'', '')",
    "model_attributes": "INSERT INTO model_attributes (model_id, attribute, value, channel, "
    "source_url, source_record) VALUES ('claude-opus-4', 'context_window', '200000', '', "
    "'https://example.org/x', 'x')",
    "sources": "INSERT INTO sources (source, title, licence, credit) VALUES "
    "('example', 'Example', 'MIT', 'Example authors')",
    "assurances": "INSERT INTO assurances (vendor, channel, assurance, value, evidence, "
    "recorded_on, recorded_by) VALUES ('Anthropic', '', 'dpa', 'yes', 'https://example.org/dpa', "
    "'2026-11-01', 'Procurement')",
}


def _statements(conn: sqlite3.Connection, table: str) -> list[str]:
    """An INSERT, an UPDATE and a DELETE on ``table`` that leave it as it was."""
    if conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] == 0:
        conn.execute(_SAMPLE_ROWS[table])
        conn.commit()
    conn.execute(f'CREATE TEMP TABLE kept AS SELECT * FROM "{table}" LIMIT 1')
    first = f'(SELECT rowid FROM "{table}" ORDER BY rowid LIMIT 1)'
    column = conn.execute(f'SELECT name FROM pragma_table_info("{table}")').fetchone()[0]
    return [
        f'UPDATE "{table}" SET "{column}" = "{column}" WHERE rowid = {first}',
        f'DELETE FROM "{table}" WHERE rowid = {first}',
        f'INSERT INTO "{table}" SELECT * FROM kept',
    ]


@pytest.mark.parametrize("table", CATALOGUE_TABLES)
def test_any_write_from_another_client_invalidates(path, table, monkeypatch):
    db = open_catalogue(path)
    try:
        ranking.RankingSession.from_db(db).matrix(Policy())
        other = sqlite3.connect(path)  # e.g. the sqlite3 shell: no Model Advisor code
        try:
            for statement in _statements(other, table):
                before = revision(db)
                other.execute(statement)
                other.commit()
                assert revision(db) > before, statement
                assert cached(db)[1] == {}, statement  # nothing stored for this revision
                builds = no_building(monkeypatch)
                ranking.RankingSession.from_db(db).matrix(Policy())
                assert len(builds) == 1, statement  # rebuilt, then stored again
        finally:
            other.close()
    finally:
        db.close()


def test_an_edited_score_is_never_served_stale(path):
    db = open_catalogue(path)
    try:
        label = "claude-opus-4@standard"
        before = ranking.RankingSession.from_db(db).matrix(Policy())
        row = before.labels().index(label)
        assert before.column("swe-bench-verified")[row] != 11.5
        other = sqlite3.connect(path)
        other.execute(
            "UPDATE results SET score = 11.5 WHERE model_id = 'claude-opus-4' AND "
            "benchmark = 'swe-bench-verified' AND condition = 'standard'"
        )
        other.commit()
        other.close()
        after = ranking.RankingSession.from_db(db).matrix(Policy())
        assert after.column("swe-bench-verified")[after.labels().index(label)] == 11.5
    finally:
        db.close()


def test_an_uncommitted_write_of_our_own_is_not_stored(path):
    db = open_catalogue(path)
    try:
        db.execute("BEGIN")
        db.execute("UPDATE models SET display_name = display_name")  # not committed
        ranking.RankingSession.from_db(db).matrix(Policy())
        db.conn.rollback()
        assert cached(db)[1] == {}
    finally:
        db.close()


def test_every_catalogue_table_has_its_triggers(fresh_db):
    assert set(CATALOGUE_TABLES) == {spec.table for spec in FILE_SPECS}
    triggers = {
        row[0]
        for row in fresh_db.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger'")
    }
    assert triggers == set(CATALOGUE_TABLES)
    count = fresh_db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")
    assert count.fetchone()[0] == 3 * len(CATALOGUE_TABLES)


def _schema_2_bundle(db, folder):
    """The bundled rows as a schema-2 catalogue held them (its tables and columns only),
    inserted into ``db`` and written to ``folder`` as that release's bundle."""
    folder.mkdir()
    for spec in FILE_SPECS:
        if spec.table not in db.table_names() or not (DATA / spec.file).exists():
            continue
        columns = [c.name for c in db[spec.table].columns]
        with (DATA / spec.file).open(newline="", encoding="utf-8") as handle:
            rows = [{c: r[c] for c in columns if c in r} for r in csv.DictReader(handle)]
        kept = [c for c in columns if c in rows[0]]
        with (folder / spec.file).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=kept, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    parsed, problems = read_folder(folder)
    assert not problems
    named = {r["vendor"] for f in ("models.csv", "rate_limits.csv") for r in parsed[f].rows}
    db["vendors"].insert_all([{"vendor": v} for v in sorted(named)])
    for spec in FILE_SPECS:
        if spec.file in parsed:
            db[spec.table].insert_all(parsed[spec.file].rows)
    return folder


def test_a_schema_2_database_upgrades(tmp_path):
    path = tmp_path / "old.sqlite"
    db = _connect(path)
    migrations.apply(db, stop_before="m003_matrix_cache")
    bundle = _schema_2_bundle(db, tmp_path / "bundle")
    record_bundle(db, bundle)
    assert schema_version(db) == 2
    assert not {"catalogue_revision", "matrix_cache"} & set(db.table_names())
    models = db["models"].count
    db.close()

    db = open_catalogue(path, bundle=bundle)
    try:
        assert schema_version(db) == len(known_migrations()) == 6
        assert db["models"].count == models
        assert revision(db) == 0
        first = ranking.RankingSession.from_db(db).matrix(Policy())
        assert len(cached(db)[1]) == 2  # the tables and this policy's matrix
        assert_same_matrix(first, build_decision_matrix(load_frames(db), Policy()))
    finally:
        db.close()


def test_snapshots_carry_a_correct_cache_and_diff_ignores_it(path):
    db = open_catalogue(path)
    try:
        ranking.RankingSession.from_db(db).matrix(Policy())
        snap = take_snapshot(db, path, "before edit")
        db.execute("UPDATE results SET score = 1.0 WHERE rowid = 1")
        db.conn.commit()
        ranking.RankingSession.from_db(db).matrix(Policy())  # current cache: new revision
        old = open_catalogue(snap.path, merge_updates=False)
        try:
            from_snapshot = ranking.RankingSession.from_db(old).matrix(Policy())
            assert_same_matrix(from_snapshot, build_decision_matrix(load_frames(old), Policy()))
            changes = diff(old, db)
            assert {c.table for c in changes} == {"results"}
            assert not {c.table for c in changes} & set(CACHE_TABLES)
        finally:
            old.close()
    finally:
        db.close()
