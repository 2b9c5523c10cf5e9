"""Row edits to the catalogue: validated like an import, applied as one transaction, undoable.

An :class:`Edit` is a list of row changes (``before`` → ``after``; ``None`` on one side for an
insert or a delete). Applying it checks that every ``before`` still matches the database, so an
edit made in a second window on stale data is refused instead of overwriting someone's work. Its
:meth:`Edit.inverse` undoes it exactly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from advisor.catalogue.bundle_updates import _key
from advisor.catalogue.importer import _check_references
from advisor.catalogue.queries import MODEL_KEYED
from advisor.catalogue.readers import parse_records
from advisor.domain.catalogue_format import (
    FILE_SPECS,
    VENDORS,
    FileSpec,
    key_of,
    spec_of,
)
from advisor.domain.errors import CatalogueError, ImportProblem, ImportRejected

# Who else points at a table's rows: (table, column there, column here).
_DEPENDENTS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "vendors": (
        ("models", "vendor", "vendor"),
        ("rate_limits", "vendor", "vendor"),
        ("assurances", "vendor", "vendor"),
    ),
    "models": (
        ("results", "model_id", "model_id"),
        ("measurements", "model_id", "model_id"),
        ("model_attributes", "model_id", "model_id"),
        ("lifecycle", "model_id", "model_id"),
    ),
    "benchmarks": (("results", "benchmark", "benchmark"),),
}


@dataclass(frozen=True, slots=True)
class RowChange:
    """One row inserted (``before`` is None), deleted (``after`` is None) or replaced."""

    table: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class Edit:
    """A batch of row changes applied together; ``description`` names it for undo menus."""

    description: str
    changes: tuple[RowChange, ...]

    def inverse(self) -> Edit:
        return Edit(
            self.description,
            tuple(RowChange(c.table, c.after, c.before) for c in reversed(self.changes)),
        )

    @property
    def tables(self) -> set[str]:
        return {c.table for c in self.changes}

    def models(self) -> set[str] | None:
        """The models whose rows the edit changes, or None when it changes a table every
        model shares (benchmarks, criterion groups, vendors, assurances, sources)."""
        found: set[str] = set()
        for change in self.changes:
            for row in (change.before, change.after):
                if row is None:
                    continue
                if change.table == "rate_limits":  # a limit names the models it covers
                    found.update(m.strip() for m in str(row.get("model_ids") or "").split(";"))
                elif "model_id" in row and change.table in MODEL_KEYED:
                    found.add(str(row["model_id"]))
                else:
                    return None
        found.discard("")
        return found


def fetch_row(db: Database, table: str, key: tuple) -> dict[str, Any] | None:
    """The stored row with this primary key, every column, or None."""
    spec = spec_of(table)
    where = " AND ".join(f'"{c}" = ?' for c in spec.pk)
    columns = ", ".join(f'"{c}"' for c in spec.names)
    found = db.execute(f'SELECT {columns} FROM "{spec.table}" WHERE {where}', list(key)).fetchone()
    return None if found is None else dict(zip(spec.names, found, strict=True))


def parse_row(
    db: Database, table: str, texts: dict[str, str], *, replacing: tuple | None = None
) -> tuple[dict[str, Any] | None, list[ImportProblem]]:
    """Validate one row typed by a person, exactly as an import would (types, ranges, choices,
    known ids, units), plus key uniqueness. ``replacing`` is the key of the row being edited.

    Returns ``(row, [])`` or ``(None, problems)``; each problem names its column.
    """
    spec = spec_of(table)
    problems: list[ImportProblem] = []
    header = [c for c in spec.names if c in texts]
    parsed = parse_records(
        spec.table, spec, header, [(1, [str(texts[c]) for c in header])], problems
    )
    if not parsed.rows:
        problems = problems or [ImportProblem(spec.table, None, None, "the row is empty")]
        return None, [_for_editor(p) for p in problems]
    _check_references(db, {spec.file: parsed}, problems)
    row = {c: parsed.rows[0].get(c) for c in spec.names}
    for column in spec.pk:
        if row[column] is None:
            row[column] = ""
    key = key_of(spec, row)
    if key != replacing and fetch_row(db, table, key) is not None:
        shown = ", ".join(str(k) for k in key if k != "")
        problems.append(
            ImportProblem(
                spec.table, None, spec.pk[0], f"a row with the key ({shown}) already exists"
            )
        )
    if problems:
        return None, [_for_editor(p) for p in problems]
    return row, []


def _for_editor(problem: ImportProblem) -> ImportProblem:
    """A problem found in a typed row: no line number, tables named as the editor names them."""
    reason = problem.reason.replace(".csv first", " first")
    return ImportProblem(problem.file, None, problem.column, reason)


def _vendor_change(db: Database, row: dict[str, Any], spec: FileSpec) -> list[RowChange]:
    """A bare vendor row when a model or rate limit names a vendor not yet known."""
    if "vendor" not in spec.references or spec is VENDORS:
        return []
    if fetch_row(db, "vendors", (row["vendor"],)) is not None:
        return []
    return [
        RowChange("vendors", None, {c: None for c in VENDORS.names} | {"vendor": row["vendor"]})
    ]


def plan_insert(db: Database, table: str, texts: dict[str, str]) -> Edit:
    """An edit adding one row; raises :class:`ImportRejected` listing every problem."""
    spec = spec_of(table)
    row, problems = parse_row(db, table, texts)
    if problems:
        raise ImportRejected(problems)
    changes = [*_vendor_change(db, row, spec), RowChange(table, None, row)]
    return Edit(f"Add {_describe(spec, row)}", tuple(changes))


def plan_update(db: Database, table: str, key: tuple, texts: dict[str, str]) -> Edit | None:
    """An edit replacing the row at ``key`` with ``texts`` (None if nothing changes)."""
    spec = spec_of(table)
    before = fetch_row(db, table, key)
    if before is None:
        raise CatalogueError(
            f"That {spec.table} row is no longer in the catalogue (changed elsewhere); reload."
        )
    row, problems = parse_row(db, table, texts, replacing=key)
    if problems:
        raise ImportRejected(problems)
    if row == before:
        return None
    if key_of(spec, row) != key:
        used = _dependent_count(db, table, before)
        if used:
            raise ImportRejected(
                [
                    ImportProblem(
                        spec.table,
                        None,
                        spec.pk[0],
                        f"{key[0]!r} is used by {used} other rows; add a new row instead of "
                        "renaming it",
                    )
                ]
            )
    changed = [c for c in spec.names if row[c] != before[c]]
    what = ", ".join(changed[:3]) + ("…" if len(changed) > 3 else "")
    changes = [*_vendor_change(db, row, spec), RowChange(table, before, row)]
    return Edit(f"Change {what} of {_describe(spec, before)}", tuple(changes))


def plan_delete(db: Database, table: str, keys: list[tuple]) -> Edit:
    """An edit deleting rows and every row that depends on them (a model's results, …)."""
    spec = spec_of(table)
    changes: list[RowChange] = []
    seen: set[tuple[str, tuple]] = set()

    def remove(tbl: str, row: dict[str, Any]) -> None:
        s = spec_of(tbl)
        ident = (tbl, key_of(s, row))
        if ident in seen:
            return
        seen.add(ident)
        for dep_table, dep_column, own_column in _DEPENDENTS.get(tbl, ()):
            for dep in _rows_where(db, dep_table, dep_column, row[own_column]):
                remove(dep_table, dep)
        changes.append(RowChange(tbl, row, None))

    rows = [fetch_row(db, table, tuple(k)) for k in keys]
    for row in rows:
        if row is not None:
            remove(table, row)
    if not changes:
        raise CatalogueError("Nothing to delete: those rows are no longer in the catalogue.")
    own = sum(1 for c in changes if c.table == table)
    extra = len(changes) - own
    label = _describe(spec, rows[0]) if own == 1 else f"{own} {spec.table} rows"
    suffix = f" and {extra} dependent rows" if extra else ""
    return Edit(f"Delete {label}{suffix}", tuple(changes))


def dependents(edit: Edit, table: str) -> dict[str, int]:
    """How many rows of each other table a delete takes with it."""
    counts: dict[str, int] = {}
    for change in edit.changes:
        if change.table != table:
            counts[change.table] = counts.get(change.table, 0) + 1
    return counts


def _rows_where(db: Database, table: str, column: str, value: Any) -> list[dict[str, Any]]:
    spec = spec_of(table)
    columns = ", ".join(f'"{c}"' for c in spec.names)
    cursor = db.execute(f'SELECT {columns} FROM "{table}" WHERE "{column}" = ?', [value])
    return [dict(zip(spec.names, r, strict=True)) for r in cursor.fetchall()]


def _dependent_count(db: Database, table: str, row: dict[str, Any]) -> int:
    return sum(
        db.execute(f'SELECT count(*) FROM "{t}" WHERE "{c}" = ?', [row[own]]).fetchone()[0]
        for t, c, own in _DEPENDENTS.get(table, ())
    )


def _describe(spec: FileSpec, row: dict[str, Any]) -> str:
    parts = [str(row.get(c)) for c in spec.pk[:3] if row.get(c) not in (None, "")]
    return f"{spec.table} row {' / '.join(parts)}"


def apply_edit(db: Database, edit: Edit) -> None:
    """Apply every change in one transaction, or none (then raise :class:`CatalogueError`).

    Each change's ``before`` must match what is stored: a row changed meanwhile (by another
    window or application) refuses the whole edit rather than overwrite it.
    """
    order = {s.table: i for i, s in enumerate(FILE_SPECS)}
    # Inserts run parents first, then updates, then deletes children first, so that no step
    # leaves a row pointing at a missing one.
    inserts = sorted((c for c in edit.changes if c.before is None), key=lambda c: order[c.table])
    updates = [c for c in edit.changes if c.before is not None and c.after is not None]
    deletes = sorted((c for c in edit.changes if c.after is None), key=lambda c: -order[c.table])
    try:
        with db.atomic():
            for change in inserts + updates + deletes:
                _apply_change(db, change)
            broken = db.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise CatalogueError(
                    f"The edit would leave a {broken[0][0]} row pointing at a missing "
                    f"{broken[0][2]} row; nothing was changed."
                )
    except CatalogueError:
        raise
    except Exception as exc:  # sqlite3 errors: locked database, disk full
        raise CatalogueError(f"The edit was not saved ({exc}); nothing was changed.") from None


def _apply_change(db: Database, change: RowChange) -> None:
    spec = spec_of(change.table)
    where = " AND ".join(f'"{c}" = ?' for c in spec.pk)
    before, after = change.before, change.after
    if before is not None and fetch_row(db, change.table, key_of(spec, before)) != before:
        raise CatalogueError(
            f"{_describe(spec, before)} was changed elsewhere since it was read; reload the "
            "catalogue and make the edit again."
        )
    moved = after is not None and (before is None or key_of(spec, after) != key_of(spec, before))
    if moved and fetch_row(db, change.table, key_of(spec, after)) is not None:
        raise CatalogueError(
            f"{_describe(spec, after)} already exists (added elsewhere); reload the catalogue."
        )
    if before is None:
        db[spec.table].insert(after)
    elif after is None:
        db.execute(f'DELETE FROM "{spec.table}" WHERE {where}', list(key_of(spec, before)))
    else:  # an UPDATE keeps rows that refer to this one valid
        assignments = ", ".join(f'"{c}" = ?' for c in spec.names)
        db.execute(
            f'UPDATE "{spec.table}" SET {assignments} WHERE {where}',
            [after[c] for c in spec.names] + list(key_of(spec, before)),
        )


def origins(db: Database, table: str, rows: list[dict[str, Any]]) -> list[str]:
    """For each row: "bundled" (as shipped), "edited" (a shipped row the user changed) or
    "yours" (added by the user or an import)."""
    spec = spec_of(table)
    shipped = {
        key: json.loads(row)
        for key, row in db.execute("SELECT key, row FROM bundle_rows WHERE tbl = ?", [table])
    }
    out = []
    for row in rows:
        original = shipped.get(_key(spec, {c: v for c, v in row.items() if v is not None}))
        if original is None:
            out.append("yours")
        elif all(_same(row.get(c), v) for c, v in original.items()):
            out.append("bundled")
        else:
            out.append("edited")
    return out


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return float(a) == float(b)
    return a == b


def settle_conflict(db: Database, table: str, key: list, *, take_bundled: bool) -> Edit | None:
    """Settle a bundled-update conflict: keep the user's row, or take the bundled one.

    Taking the bundled row is an ordinary edit (returned, so it can be undone); either way the
    conflict leaves the list. One transaction.
    """
    spec = spec_of(table)
    key_text = _key(spec, dict(zip(spec.pk, key, strict=True)))
    found = db.execute(
        "SELECT bundled FROM bundle_conflicts WHERE tbl = ? AND key = ?", [table, key_text]
    ).fetchone()
    if found is None:
        raise CatalogueError("That conflict is already settled; reload the list.")
    edit = None
    if take_bundled:
        current = fetch_row(db, table, tuple(key))
        bundled = json.loads(found[0])
        after = dict(current or dict.fromkeys(spec.names)) | bundled
        for column in spec.pk:
            after[column] = "" if after.get(column) is None else after[column]
        if after != current:
            changes = [*_vendor_change(db, after, spec), RowChange(table, current, after)]
            edit = Edit(f"Take the bundled {_describe(spec, after)}", tuple(changes))
    with db.atomic():
        if edit is not None:
            apply_edit(db, edit)
        db.execute("DELETE FROM bundle_conflicts WHERE tbl = ? AND key = ?", [table, key_text])
    return edit
