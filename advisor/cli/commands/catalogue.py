"""``advisor catalogue import``, ``export``, ``list``, ``snapshot``, ``snapshots``, ``diff`` and
``info``."""

from __future__ import annotations

import argparse
import json
import sys

from advisor.app import catalogue_io
from advisor.app.workspace import Workspace, kind_shares, list_snapshots
from advisor.cli.format import frame_text
from advisor.cli.json_output import changes_to_json
from advisor.domain.wording import counted

EXIT_OK, EXIT_ERROR = 0, 1

LIST_COLUMNS = {
    "models": [
        "model_id",
        "vendor",
        "display_name",
        "input_usd_per_mtok",
        "output_usd_per_mtok",
        "context_window",
        "open_weights",
        "source_date",
    ],
    "benchmarks": ["benchmark", "name", "category", "unit", "higher_is_better"],
    "results": [
        "model_id",
        "benchmark",
        "condition",
        "score",
        "reasoning_effort",
        "harness",
        "task_subset",
        "settings",
        "source_kind",
        "reported_by",
        "source_date",
    ],
    "rate-limits": [
        "vendor",
        "tier",
        "tier_level",
        "model_ids",
        "requests_per_min",
        "input_tokens_per_min",
        "tokens_per_min",
        "source_date",
    ],
}


def _print_summary(summary, action: str) -> None:
    for t in summary.tables:
        print(
            f"  {t.table:<18} {t.added:>5} added  {t.changed:>5} changed  "
            f"{t.unchanged:>5} unchanged"
        )
    print(action)


def import_(args: argparse.Namespace) -> int:
    with Workspace.open(args.db) as workspace:
        summary = catalogue_io.import_catalogue(workspace, args.folder, dry_run=args.dry_run)
    if args.dry_run:
        _print_summary(summary, "Dry run: the import is valid; nothing was written.")
    else:
        _print_summary(
            summary, f"Imported {counted(summary.total_rows, 'row')} from {args.folder}."
        )
    return EXIT_OK


def export(args: argparse.Namespace) -> int:
    with Workspace.open(args.db) as workspace:
        only = None
        if args.table or args.model or args.vendor:
            only = catalogue_io.filtered_view(workspace, args.table, args.model, args.vendor)
            if not any(only.values()):
                print(
                    "Nothing matched --table/--model/--vendor; no file was written. "
                    "Check the ids with `advisor catalogue list models`.",
                    file=sys.stderr,
                )
                return EXIT_ERROR
        written = catalogue_io.export_catalogue(workspace, args.folder, only)
    for path in written:
        print(path)
    return EXIT_OK


def list_(args: argparse.Namespace) -> int:
    with Workspace.open(args.db) as workspace:
        frame = catalogue_io.list_table(workspace, args.what)
    if args.json:
        print(frame.to_json(orient="records", indent=2, force_ascii=False))
    else:
        print(frame_text(frame, None if args.all_columns else LIST_COLUMNS.get(args.what)))
    return EXIT_OK


def snapshot(args: argparse.Namespace) -> int:
    with Workspace.open(args.db) as workspace:
        snap = workspace.take_snapshot(args.name)
    print(f"Saved snapshot {snap.name!r} ({snap.taken_text}) as {snap.path}")
    return EXIT_OK


def snapshots(args: argparse.Namespace) -> int:
    found = list_snapshots(args.db)
    if not found:
        print("No snapshots yet; save one with `advisor catalogue snapshot NAME`.")
    for snap in found:
        print(f"{snap.taken_text}  {snap.name}")
    return EXIT_OK


def diff(args: argparse.Namespace) -> int:
    with Workspace.open(args.db) as workspace:
        changes = workspace.diff(args.old, args.new)
    if args.json:
        print(json.dumps(changes_to_json(changes), indent=2, default=str))
        return EXIT_OK
    if not changes:
        print("No differences.")
    for c in changes:
        key = " / ".join(str(k) for k in c.key if k != "")
        if c.kind == "changed":
            print(f"{c.table} {key}: {c.column} {c.before!r} -> {c.after!r}")
        else:
            print(f"{c.table} {key}: {c.kind}")
    return EXIT_OK


def info(args: argparse.Namespace) -> int:
    with Workspace.open(args.db) as workspace:
        found = workspace.info()
    print(f"Catalogue: {found.path}")
    print(f"Schema version: {found.schema_version}")
    for key, value in sorted(found.facts.items()):
        print(f"{key.replace('_', ' ').capitalize()}: {value}")
    if found.own_endpoints:
        print(f"Probe endpoints of your own: {found.own_endpoints} (see `advisor keys list`)")
    print("Rows: " + ", ".join(f"{n} {t}" for t, n in found.counts.items()))
    summary = found.summary
    print(
        f"Models: {summary['models']} from {summary['vendors']} vendors; release date known for "
        f"{summary['release_dates']} (newest {summary['newest_release'] or 'unknown'})"
    )
    print(f"Results by source kind: {kind_shares(summary) or 'none'}")
    if summary["public_sources"]:
        print("Public sources (snapshot date; synced):")
        for s in summary["public_sources"]:
            synced = f"; synced {s['synced_at']}" if s["synced_at"] else "; as bundled"
            print(f"  {s['title']} [{s['source']}, {s['licence']}]: {s['snapshot_date']}{synced}")
    if found.conflicts:
        print(
            f"Bundled-update conflicts ({len(found.conflicts)}): rows you changed that a newer "
            "bundled catalogue also changed; yours were kept:"
        )
        for c in found.conflicts:
            print(f"  {c['file']} {' / '.join(map(str, c['key']))}: {_conflict_text(c)}")
    return EXIT_OK


def _conflict_text(conflict: dict) -> str:
    """What differs between the user's row and the bundle's, both values."""
    yours, bundled = conflict["yours"], conflict["bundled"]
    if not yours:
        return "you deleted it; the bundle updated it"
    changed = sorted(k for k in bundled if yours.get(k) != bundled.get(k))
    return ", ".join(f"{k} yours {yours.get(k)!r}, bundled {bundled.get(k)!r}" for k in changed)
