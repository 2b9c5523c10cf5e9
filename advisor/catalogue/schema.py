"""The catalogue schema, created and upgraded only through ``sqlite_utils.Migrations``."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from advisor.catalogue.matrix_cache import create_cache_schema, create_revision_triggers
from advisor.domain.catalogue_format import (
    ASSURANCE_FINDINGS,
    BENCHMARKS,
    BOOL,
    CRITERION_GROUPS,
    INTEGER,
    LIFECYCLE,
    MEASUREMENTS,
    MODEL_ATTRIBUTES,
    MODELS,
    RATE_LIMITS,
    REAL,
    RESULTS,
    SOURCES,
    VENDORS,
    FileSpec,
)

MIGRATION_SET = "advisor-catalogue"
migrations = Migrations(MIGRATION_SET)

_SQL_TYPES = {REAL: "REAL", INTEGER: "INTEGER", BOOL: "INTEGER"}


def _create(db: Database, spec: FileSpec) -> None:
    lines = []
    for column in spec.columns:
        sql_type = _SQL_TYPES.get(column.type, "TEXT")
        if column.name in spec.pk and column.key_blank_ok:
            lines.append(f"\"{column.name}\" {sql_type} NOT NULL DEFAULT ''")
        elif column.name in spec.pk or column.required:
            lines.append(f'"{column.name}" {sql_type} NOT NULL')
        else:
            lines.append(f'"{column.name}" {sql_type}')
    pk = ", ".join(f'"{c}"' for c in spec.pk)
    lines.append(f"PRIMARY KEY ({pk})")
    for column, (table, other) in spec.references.items():
        lines.append(f'FOREIGN KEY ("{column}") REFERENCES "{table}" ("{other}")')
    db.execute(f'CREATE TABLE "{spec.table}" (\n  ' + ",\n  ".join(lines) + "\n)")


@migrations()
def m001_initial(db: Database) -> None:
    """Vendors, models, benchmarks, results, measurements, rate limits, groups, profiles."""
    for spec in (VENDORS, MODELS, BENCHMARKS, CRITERION_GROUPS, RESULTS, RATE_LIMITS, MEASUREMENTS):
        _create(db, spec)
    db.execute("CREATE INDEX results_by_benchmark ON results (benchmark)")
    db.execute("CREATE INDEX measurements_by_model ON measurements (model_id)")
    db.execute(
        "CREATE TABLE profiles (name TEXT PRIMARY KEY, toml TEXT NOT NULL, saved_at TEXT NOT NULL)"
    )
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


# The tables a catalogue of this version has besides one per catalogue file (FILE_SPECS): kept
# here, beside the steps that create them, so that opening a catalogue can check its tables
# without running the migrations; a test compares this with what the migrations create.
OWN_TABLES = (
    "_sqlite_migrations",
    "bundle_conflicts",
    "bundle_rows",
    "catalogue_revision",
    "matrix_cache",
    "meta",
    "profiles",
)


def known_migrations() -> list[str]:
    """Names of the migrations this version of the application knows, in order."""
    return [m.name for m in migrations.pending(Database(memory=True))]


def schema_version(db: Database) -> int:
    """Number of migrations applied to ``db`` (0 for a new database)."""
    return len(migrations.applied(db))


@migrations()
def m002_bundle_updates(db: Database) -> None:
    """The bundled rows last merged, and conflicts between user edits and a newer bundle."""
    db.execute(
        "CREATE TABLE bundle_rows (tbl TEXT NOT NULL, key TEXT NOT NULL, row TEXT NOT NULL, "
        "PRIMARY KEY (tbl, key))"
    )
    db.execute(
        "CREATE TABLE bundle_conflicts (tbl TEXT NOT NULL, key TEXT NOT NULL, "
        "yours TEXT, bundled TEXT, found_at TEXT NOT NULL, PRIMARY KEY (tbl, key))"
    )


@migrations()
def m003_matrix_cache(db: Database) -> None:
    """A catalogue revision bumped by triggers on every catalogue table, and the persisted
    decision-matrix cache keyed by it (``advisor/catalogue/matrix_cache.py``)."""
    create_cache_schema(db)


def _columns(db: Database, table: str) -> dict[str, int]:
    """A table's columns and each one's place in its primary key (0: not in it)."""
    return {row[1]: row[5] for row in db.execute(f'PRAGMA table_info("{table}")').fetchall()}


def _add_missing_columns(db: Database, spec: FileSpec) -> None:
    have = _columns(db, spec.table)
    for column in spec.columns:
        if column.name not in have:
            sql_type = _SQL_TYPES.get(column.type, "TEXT")
            db.execute(f'ALTER TABLE "{spec.table}" ADD COLUMN "{column.name}" {sql_type}')


def _rebuild(db: Database, spec: FileSpec) -> None:
    """Recreate ``spec.table`` with the spec's columns and key, keeping every row."""
    old = f"{spec.table}_before_rebuild"
    db.execute(f'ALTER TABLE "{spec.table}" RENAME TO "{old}"')
    _create(db, spec)
    have = [c for c in _columns(db, old) if c in spec.names]
    names = ", ".join(f'"{c}"' for c in have)
    db.execute(f'INSERT INTO "{spec.table}" ({names}) SELECT {names} FROM "{old}"')
    db.execute(f'DROP TABLE "{old}"')


@migrations()
def m004_sources(db: Database) -> None:
    """Public data sources: every model attribute a source states, with its own provenance
    (``model_attributes``), the sources and their snapshot dates (``sources``), each result's
    source record and standard error (part of the result's key, so two runs of one source stay
    two rows), and who stated a model row's own values."""
    _add_missing_columns(db, MODELS)
    columns = _columns(db, "results")
    if not columns.get("source_record"):  # not yet part of the key
        _rebuild(db, RESULTS)
        db.execute("CREATE INDEX IF NOT EXISTS results_by_benchmark ON results (benchmark)")
    for spec in (MODEL_ATTRIBUTES, SOURCES):
        if not _columns(db, spec.table):
            _create(db, spec)
    db.execute(
        "CREATE INDEX IF NOT EXISTS model_attributes_by_model ON model_attributes (model_id)"
    )
    create_revision_triggers(db, ("results", "model_attributes", "sources"))


@migrations()
def m005_offers(db: Database) -> None:
    """What the team can buy: each model attribute's region (part of its key, so a Bedrock EU
    price and a Bedrock US price stay two rows), the offers' lifecycle events and the team's
    due-diligence findings per vendor and channel."""
    if not _columns(db, MODEL_ATTRIBUTES.table).get("region"):  # not yet part of the key
        _rebuild(db, MODEL_ATTRIBUTES)
        db.execute(
            "CREATE INDEX IF NOT EXISTS model_attributes_by_model ON model_attributes (model_id)"
        )
    for spec in (LIFECYCLE, ASSURANCE_FINDINGS):
        if not _columns(db, spec.table):
            _create(db, spec)
    create_revision_triggers(db, ("model_attributes", "lifecycle", "assurances"))


@migrations()
def m006_uncertainty(db: Database) -> None:
    """How sure a figure is: each benchmark's item count and where it is stated, and the
    independent trials a result averages (docs/scoring.md, "Uncertainty")."""
    _add_missing_columns(db, BENCHMARKS)
    _add_missing_columns(db, RESULTS)
