"""Read the catalogue as pandas tables for the engine and for listings."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd
from sqlite_utils import Database

from advisor.domain.catalogue_format import BOOL, FILE_SPECS, SPECS_BY_TABLE, FileSpec
from advisor.domain.frames import FRAME_TABLES, CatalogueFrames


def read_table(db: Database, spec: FileSpec, model_ids: Collection[str] = ()) -> pd.DataFrame:
    """One table, every column of the CSV format, ordered by primary key (only the rows of
    ``model_ids`` when given, for a table keyed by model first)."""
    columns = ", ".join(f'"{c}"' for c in spec.names)
    order = ", ".join(f'"{c}"' for c in spec.pk)
    where, ids = "", sorted(model_ids)
    if ids:
        where = f' WHERE "model_id" IN ({", ".join("?" * len(ids))})'
    cursor = db.execute(f'SELECT {columns} FROM "{spec.table}"{where} ORDER BY {order}', ids)
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


# Tables whose primary key starts with the model id: a model's rows are consecutive in them.
MODEL_KEYED = frozenset(s.table for s in FILE_SPECS if s.pk[0] == "model_id")


def reread_models(
    db: Database, frames: CatalogueFrames, tables: Collection[str], model_ids: Collection[str]
) -> CatalogueFrames:
    """``frames`` after an edit of ``tables`` that changed rows of ``model_ids`` only: in each
    table keyed by model those models' rows are read again and put in place of the old ones,
    other tables edited are read whole, and every other row is kept as it was.

    The tables then hold what :func:`load_frames` would read, row for row in the same order; a
    numeric column may keep a wider type than a fresh read would give it (floats where only
    whole numbers remain after a delete), never a different value."""
    out = {name: getattr(frames, name) for name in FRAME_TABLES}
    for table in set(tables) & set(FRAME_TABLES):
        spec = SPECS_BY_TABLE[table]
        if table in MODEL_KEYED and out[table] is not None and model_ids:
            out[table] = _replace_models(out[table], read_table(db, spec, model_ids), model_ids)
        else:
            out[table] = read_table(db, spec)
    return CatalogueFrames(**out)


def _replace_models(old: pd.DataFrame, new: pd.DataFrame, model_ids: Collection[str]):
    """``old`` (sorted by model id first) with each model's rows replaced by its rows in
    ``new`` (sorted the same way): the models' blocks spliced in where they sort."""
    keys = old["model_id"].to_numpy(dtype=object)
    new_keys = new["model_id"].to_numpy(dtype=object)
    pieces, kept_from = [], 0
    for model in sorted(model_ids):
        start, end = np.searchsorted(keys, model, "left"), np.searchsorted(keys, model, "right")
        first, last = (
            np.searchsorted(new_keys, model, "left"),
            np.searchsorted(new_keys, model, "right"),
        )
        pieces += [old.iloc[kept_from:start], new.iloc[first:last]]
        kept_from = end
    pieces.append(old.iloc[kept_from:])
    pieces = [p for p in pieces if len(p)] or [old.iloc[:0]]
    frame = (
        pd.concat(pieces, ignore_index=True)
        if len(pieces) > 1
        else pieces[0].reset_index(drop=True)
    )
    for column in frame.columns:
        # A typed column joined to an all-empty one becomes "object": type it as a fresh read
        # of the same values would.
        if frame[column].dtype == object and any(p[column].dtype != object for p in pieces):
            frame[column] = frame[column].infer_objects()
    return frame


def table_names() -> tuple[str, ...]:
    """Tables that can be listed and exported."""
    return tuple(SPECS_BY_TABLE)


def meta(db: Database) -> dict[str, str]:
    """Key/value facts about this catalogue (creation time, bundle it came from)."""
    return {row["key"]: row["value"] for row in db["meta"].rows}
