"""Catalogue data in and out: imports (with a preview), exports of the whole catalogue or a
filtered view, and listings of its tables and criteria."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from advisor.app.workspace import Workspace
from advisor.catalogue import ImportSummary, export_folder, load_frames, read_table
from advisor.catalogue.exporter import export_json, export_xlsx
from advisor.catalogue.import_preview import ImportPreview, preview_import
from advisor.catalogue.importer import import_path
from advisor.domain.catalogue_format import FILE_SPECS, SPECS_BY_TABLE, split_list
from advisor.domain.criteria import ATTRIBUTE_CRITERIA

__all__ = [
    "LISTABLE",
    "criteria_table",
    "export_catalogue",
    "filtered_view",
    "import_catalogue",
    "list_table",
    "preview",
]

# What `advisor catalogue list` can show: the listing's name -> the table.
LISTABLE = {
    "models": "models",
    "benchmarks": "benchmarks",
    "results": "results",
    "rate-limits": "rate_limits",
    "measurements": "measurements",
    "groups": "criterion_groups",
    "vendors": "vendors",
}


def preview(workspace: Workspace, source: str | Path) -> ImportPreview:
    """What importing ``source`` would add, change and reject, row by row; writes nothing."""
    return preview_import(workspace.db, Path(source))


def import_catalogue(
    workspace: Workspace, source: str | Path, *, dry_run: bool = False
) -> ImportSummary:
    """Import a folder of catalogue CSVs, one CSV, a JSON or an Excel file, all or nothing
    (``dry_run``: validate and count, write nothing)."""
    if not dry_run:
        workspace.check_writable("import")
    return import_path(workspace.db, Path(source), dry_run=dry_run)


def export_catalogue(
    workspace: Workspace, target: str | Path, only: dict[str, set[tuple]] | None = None
) -> list[Path]:
    """Export the catalogue (or the rows ``only`` names, by table and primary key): a ``.json``
    or ``.xlsx`` file, otherwise a folder of CSV files. Returns the files written."""
    suffix = Path(target).suffix.lower()
    if suffix == ".json":
        return [export_json(workspace.db, Path(target), only)]
    if suffix == ".xlsx":
        return [export_xlsx(workspace.db, Path(target), only)]
    return export_folder(workspace.db, Path(target), only)


def filtered_view(
    workspace: Workspace,
    tables: list[str] | None = None,
    models: list[str] | None = None,
    vendors: list[str] | None = None,
) -> dict[str, set[tuple]]:
    """The primary keys of a filtered view, by table, for :func:`export_catalogue`.

    ``tables`` limits the tables (default: all). ``models`` and ``vendors`` keep the rows about
    those models (or those vendors' models): the models, their results, attributes, lifecycle
    events, measurements and rate limits, the vendors' due-diligence findings, and the vendors,
    benchmarks and public sources those rows refer to. (A rate limit may name other
    models of the same family too; importing it needs those models in the catalogue.)
    """
    wanted = set(tables or (s.table for s in FILE_SPECS))
    rows_of = {spec.table: workspace.rows(spec.table) for spec in FILE_SPECS}
    filtering = bool(models or vendors)
    if filtering:
        chosen = set(models or ()) | {
            r["model_id"] for r in rows_of["models"] if r["vendor"] in set(vendors or ())
        }
        for spec in FILE_SPECS:
            if "model_id" in spec.names:
                rows_of[spec.table] = [r for r in rows_of[spec.table] if r["model_id"] in chosen]
        rows_of["rate_limits"] = [
            r for r in rows_of["rate_limits"] if chosen & set(split_list(r.get("model_ids")))
        ]
        used_vendors = {r["vendor"] for r in rows_of["models"] + rows_of["rate_limits"]}
        # Due diligence about the chosen models' vendors (a finding for a channel with no
        # vendor is about every vendor on it, so it goes too).
        rows_of["assurances"] = [
            r for r in rows_of["assurances"] if (r.get("vendor") or "") in used_vendors | {""}
        ]
        used_benchmarks = {r["benchmark"] for r in rows_of["results"]}
        rows_of["vendors"] = [r for r in rows_of["vendors"] if r["vendor"] in used_vendors]
        rows_of["benchmarks"] = [
            r for r in rows_of["benchmarks"] if r["benchmark"] in used_benchmarks
        ]
        cited = {
            r.get("source")
            for table in ("models", "results", "model_attributes", "lifecycle")
            for r in rows_of[table]
        }
        rows_of["sources"] = [r for r in rows_of["sources"] if r["source"] in cited]
        if not tables:
            wanted.discard("criterion_groups")  # not about any model
    return {
        spec.table: {tuple(r[c] for c in spec.pk) for r in rows_of[spec.table]}
        for spec in FILE_SPECS
        if spec.table in wanted
    }


def list_table(workspace: Workspace, what: str) -> pd.DataFrame:
    """A catalogue table as a DataFrame (``what`` is a key of :data:`LISTABLE`), or the list
    of criteria (``what == "criteria"``)."""
    if what == "criteria":
        return criteria_table(workspace)
    return read_table(workspace.db, SPECS_BY_TABLE[LISTABLE[what]])


def criteria_table(workspace: Workspace) -> pd.DataFrame:
    """Every id a profile may weight: groups, model attributes and benchmarks."""
    frames = load_frames(workspace.db)
    rows: list[dict[str, Any]] = []
    for group, members in frames.criterion_groups.groupby("group", sort=True):
        labels = members["label"].dropna()
        rows.append(
            {
                "criterion": group,
                "kind": "group",
                "label": labels.iloc[0] if len(labels) else group,
                "direction": "",
                "members": " ; ".join(
                    f"{c} {w:g}"
                    for c, w in zip(members["criterion"], members["weight"], strict=True)
                ),
            }
        )
    for info in ATTRIBUTE_CRITERIA.values():
        rows.append(
            {
                "criterion": info.id,
                "kind": info.kind,
                "label": f"{info.label} ({info.unit})",
                "direction": "higher" if info.higher_is_better else "lower",
                "members": "",
            }
        )
    for b in frames.benchmarks.itertuples(index=False):
        rows.append(
            {
                "criterion": b.benchmark,
                "kind": f"benchmark ({b.category})",
                "label": f"{b.name} ({b.unit})",
                "direction": "higher" if b.higher_is_better else "lower",
                "members": "",
            }
        )
    return pd.DataFrame(rows)
