"""Read the catalogue as pandas tables for the engine and for listings."""

from __future__ import annotations

import pandas as pd
from sqlite_utils import Database

from advisor.domain.catalogue_format import BOOL, FILE_SPECS, SPECS_BY_TABLE, FileSpec
from advisor.domain.frames import CatalogueFrames


def read_table(db: Database, spec: FileSpec) -> pd.DataFrame:
    """One table, every column of the CSV format, ordered by primary key."""
    columns = ", ".join(f'"{c}"' for c in spec.names)
    order = ", ".join(f'"{c}"' for c in spec.pk)
    cursor = db.execute(f'SELECT {columns} FROM "{spec.table}" ORDER BY {order}')
    frame = pd.DataFrame.from_records(cursor.fetchall(), columns=list(spec.names))
    for column in spec.columns:
        if column.type == BOOL:
            frame[column.name] = frame[column.name].map({1: True, 0: False}).astype("object")
    return frame


def load_frames(db: Database) -> CatalogueFrames:
    """The whole catalogue as one DataFrame per table (what the engine builds matrices from)."""
    tables = {spec.table: read_table(db, spec) for spec in FILE_SPECS}
    return CatalogueFrames(
        models=tables["models"],
        benchmarks=tables["benchmarks"],
        results=tables["results"],
        measurements=tables["measurements"],
        rate_limits=tables["rate_limits"],
        criterion_groups=tables["criterion_groups"],
        model_attributes=tables["model_attributes"],
        sources=tables["sources"],
        lifecycle=tables["lifecycle"],
        assurances=tables["assurances"],
    )


def table_names() -> tuple[str, ...]:
    """Tables that can be listed and exported."""
    return tuple(SPECS_BY_TABLE)


def meta(db: Database) -> dict[str, str]:
    """Key/value facts about this catalogue (creation time, bundle it came from)."""
    return {row["key"]: row["value"] for row in db["meta"].rows}
