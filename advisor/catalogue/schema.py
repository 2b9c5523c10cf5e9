"""The catalogue schema, created and upgraded only through ``sqlite_utils.Migrations``."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from advisor.catalogue.matrix_cache import create_cache_schema
from advisor.domain.catalogue_format import (
    BENCHMARKS,
    BOOL,
    CRITERION_GROUPS,
    INTEGER,
    MEASUREMENTS,
    MODELS,
    RATE_LIMITS,
    REAL,
    RESULTS,
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
