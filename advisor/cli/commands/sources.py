"""``advisor catalogue sync SOURCE [PATH] [--download] [--dry-run]``: update the catalogue from a
public data source, with a preview of every change."""

from __future__ import annotations

import argparse
import json
import sys

from advisor.app import source_sync
from advisor.app.workspace import Workspace
from advisor.domain.errors import AdvisorError
from advisor.domain.wording import counted

EXIT_OK, EXIT_ERROR = 0, 1
SHOWN = 20  # changes and names listed in full before "… and N more"


def _listed(title: str, lines: list[str]) -> list[str]:
    if not lines:
        return []
    more = [f"  … and {len(lines) - SHOWN} more"] if len(lines) > SHOWN else []
    return [f"{title} ({len(lines)}):", *(f"  {line}" for line in lines[:SHOWN]), *more]


def _plain(plan: source_sync.SyncPlan) -> dict:
    return {
        "source": plan.source,
        "path": str(plan.path),
        "snapshot_date": plan.reading.snapshot_date,
        "records": plan.reading.records,
        "skipped": len(plan.reading.skipped),
        "added": plan.count("added"),
        "changed": [
            {"table": c.table, "key": list(c.key), "changes": [list(d) for d in c.changes]}
            for c in plan.changes
            if c.kind == "changed"
        ],
        "removed": plan.count("removed"),
        "unchanged": plan.unchanged,
        "unmapped": [
            {"name": name, "canonical": form, "records": n, "closest": near}
            for (_s, name, form, near), n in sorted(plan.report.unmapped.items())
        ],
        "ambiguous": [
            {"name": name, "canonical": form, "records": n, "candidates": near}
            for (_s, name, form, near), n in sorted(plan.report.ambiguous.items())
        ],
        "conflicts": [
            {"model_id": c.model_id, "column": c.column, "yours": c.yours, "source": c.source}
            for c in plan.conflicts
        ],
        "rejected": [str(p) for p in plan.rejected],
    }


def _text(plan: source_sync.SyncPlan, seconds: float, dry_run: bool) -> str:
    r = plan.reading
    out = [
        f"{r.info.title}: {counted(r.records, 'record')} read from {plan.path} (snapshot "
        f"{r.snapshot_date}); {len(r.skipped)} skipped as not model figures.",
        f"Added {plan.count('added')}, changed {plan.count('changed')}, removed "
        f"{plan.count('removed')}, unchanged {plan.unchanged}.",
    ]
    changed = [
        f"{c.table} {' / '.join(str(k) for k in c.key if k != '')}: "
        + ", ".join(f"{col} {a!r} -> {b!r}" for col, a, b in c.changes)
        for c in plan.changes
        if c.kind == "changed"
    ]
    out += _listed("Changed", changed)
    out += _listed("Names that map to no model, or to several", plan.report.lines())
    out += _listed(
        "Conflicts: values you set by hand are kept",
        [
            f"{c.model_id} {c.column}: yours {c.yours!r}, source {c.source!r}"
            for c in plan.conflicts
        ],
    )
    out += _listed("Rejected records (the sync writes nothing)", [str(p) for p in plan.rejected])
    if plan.accepted:
        done = "Dry run: nothing was written." if dry_run else f"Written in {seconds:.1f} s."
        out.append(done)
    return "\n".join(out)


def sync(args: argparse.Namespace) -> int:
    if args.url and not args.download:
        raise AdvisorError("--url goes with --download.")
    if not args.download and not args.path:
        raise AdvisorError(
            f"Give the {args.source} file or folder you downloaded, or use --download to fetch "
            "the newest copy."
        )
    with Workspace.open(args.db) as workspace:
        path = args.path
        if args.download:
            print(f"Downloading {args.source} …", file=sys.stderr)
            path = source_sync.download(workspace, args.source, url=args.url or "")
            print(f"Saved {path}", file=sys.stderr)
        plan, seconds = source_sync.sync(workspace, args.source, path, dry_run=args.dry_run)
    if args.json:
        print(json.dumps(_plain(plan), indent=2, ensure_ascii=False, default=str))
    elif plan.accepted:
        print(_text(plan, seconds, args.dry_run))
    else:
        print(
            f"error: {plan.path} is not a readable copy of {plan.reading.info.title}: "
            f"{counted(len(plan.rejected), 'record')} cannot be read, listed below; nothing was "
            "written.",
            file=sys.stderr,
        )
        for found in plan.rejected[:SHOWN]:
            print(f"  {found}", file=sys.stderr)
        if len(plan.rejected) > SHOWN:
            print(f"  … and {len(plan.rejected) - SHOWN} more", file=sys.stderr)
    return EXIT_OK if plan.accepted else EXIT_ERROR
