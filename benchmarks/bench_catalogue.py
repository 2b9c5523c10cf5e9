"""Catalogue speed: importing 100,000 result rows (validation included) and loading the
decision matrix for 1,000 models x 40 benchmarks from SQLite, each beside a floor measured in
the same run (sqlite-utils' bare insert_all of the same rows; a bare SELECT of the rows).

Run:  python benchmarks/bench_catalogue.py [--json PATH] [--quick]

Targets (issue 7): import under 5 s median; matrix under 50 ms median. Issue 21: import at
most 3x the floor of reading the rows with csv and writing them with sqlite3's executemany
into the same schema. Cases and floors run interleaved, round by round. The matrix is timed
cold (tables read and the matrix built, as without a cache) and warm (a new session on an
unchanged catalogue, served from the persisted matrix cache; docs/catalogue.md).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from timing import benchmark_args, interleaved_rounds, round_ratios, write_results

from advisor.app.ranking import RankingSession
from advisor.catalogue import import_folder, load_frames, matrix_cache, open_catalogue
from advisor.catalogue.database import _connect, migrate
from advisor.domain import Policy
from advisor.engine import build_decision_matrix

MODELS, BENCHMARKS = 1_000, 40
CONDITIONS = ("standard", "extended_thinking", "unspecified")
# The files write_folder writes, with the table each fills (the floors write them the same).
FILES = (
    ("models.csv", "models"),
    ("benchmarks.csv", "benchmarks"),
    ("benchmark_results.csv", "results"),
)


def write_folder(folder: Path, rng: np.random.Generator, models: int = MODELS) -> int:
    """A catalogue folder of ``models`` synthetic models, BENCHMARKS benchmarks and two or
    three conditions per result; returns the number of result rows."""
    folder.mkdir(parents=True)
    lines = [
        "model_id,vendor,display_name,input_usd_per_mtok,output_usd_per_mtok,context_window,hybrid_reasoning"
    ]
    lines += [
        f"m{i:04d},Vendor {i % 12},Model {i},{rng.uniform(0.1, 20):.2f},"
        f"{rng.uniform(0.4, 80):.2f},200000,yes"
        for i in range(models)
    ]
    (folder / "models.csv").write_text("\n".join(lines) + "\n")
    lines = ["benchmark,name,category,unit,higher_is_better"]
    lines += [f"b{j:02d},Bench {j},coding,percent,yes" for j in range(BENCHMARKS)]
    (folder / "benchmarks.csv").write_text("\n".join(lines) + "\n")
    lines = ["model_id,benchmark,condition,score,source_kind,source_url,source_date"]
    count = 0
    for i in range(models):
        for j in range(BENCHMARKS):
            for k, condition in enumerate(CONDITIONS[: 2 + (i + j) % 2]):
                lines.append(
                    f"m{i:04d},b{j:02d},{condition},{rng.uniform(5, 95):.1f},vendor,"
                    f"https://example.invalid/{k},2026-0{1 + k}-01"
                )
                count += 1
    (folder / "benchmark_results.csv").write_text("\n".join(lines) + "\n")
    return count


def _bare_sqlite3(folder: Path, schema: bool = True) -> None:
    """The floor of an import: the same rows read with ``csv`` and written with sqlite3's
    ``executemany`` (no validation, no conversion), into the same schema (its keys, indexes
    and revision triggers) or, with ``schema`` False, into plain tables of the files' columns."""
    import csv

    db = _connect(":memory:")
    conn = db.conn
    if schema:
        migrate(db)
    else:
        for name, table in FILES:
            with open(folder / name, newline="") as handle:
                header = next(csv.reader(handle))
            conn.execute(f'CREATE TABLE "{table}" ({", ".join(repr(c) for c in header)})')
        conn.execute("CREATE TABLE vendors (vendor)")
    conn.executemany(
        "INSERT INTO vendors (vendor) VALUES (?)", [(f"Vendor {v}",) for v in range(12)]
    )
    for name, table in FILES:
        with open(folder / name, newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            columns = ", ".join(f'"{c}"' for c in header)
            marks = ", ".join("?" * len(header))
            conn.executemany(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', reader)
    conn.commit()


def _sqlite_utils_insert(folder: Path) -> None:
    """sqlite-utils' bare ``insert_all`` of the same rows into the same schema."""
    import csv

    db = _connect(":memory:")
    migrate(db)
    db["vendors"].insert_all({"vendor": f"Vendor {v}"} for v in range(12))
    for name, table in FILES:
        with open(folder / name, newline="") as handle:
            db[table].insert_all(csv.DictReader(handle), batch_size=1000)


def main() -> None:
    args = benchmark_args(__doc__, "bench_catalogue")
    rounds = 2 if args.quick else 5
    rng = np.random.default_rng(7)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        rows = write_folder(tmp / "data", rng)

        def full_import():
            db = _connect(":memory:")
            migrate(db)
            import_folder(db, tmp / "data")

        imports = interleaved_rounds(
            {
                "import": full_import,
                "csv + sqlite3": lambda: _bare_sqlite3(tmp / "data"),
                "sqlite-utils insert_all": lambda: _sqlite_utils_insert(tmp / "data"),
                "plain tables": lambda: _bare_sqlite3(tmp / "data", schema=False),
            },
            rounds,
        )
        db = open_catalogue(tmp / "cat.sqlite")
        db.execute("DELETE FROM results")
        db.conn.commit()
        import_folder(db, tmp / "data")
        policy = Policy()

        def cold():  # what every load cost before the cache, and still costs on a miss
            return build_decision_matrix(load_frames(db), policy)

        def warm():  # a new session on an unchanged catalogue: the stored matrix
            return RankingSession.from_db(db).matrix(policy)

        warm()  # the cache filled
        loads = interleaved_rounds(
            {
                "cold": cold,
                "warm": warm,
                "SELECT": lambda: db.execute("SELECT * FROM results").fetchall(),
            },
            rounds + 2,
        )
        matrix_cache.clear(db)
        start = time.perf_counter()
        warm()  # a miss: read, build and store (matrix and tables)
        first_s = time.perf_counter() - start
        candidates = len(warm())
        db.close()
    median = {name: statistics.median(t) for name, t in {**imports, **loads}.items()}
    import_x = round_ratios(imports["import"], imports["csv + sqlite3"])
    plain_x = round_ratios(imports["import"], imports["plain tables"])
    cold_x = round_ratios(loads["cold"], loads["SELECT"])
    results = {
        "result_rows": rows,
        "rounds": rounds,
        "import_s": median["import"],
        "bare_sqlite3_floor_s": median["csv + sqlite3"],
        "bare_insert_floor_s": median["sqlite-utils insert_all"],
        "plain_tables_floor_s": median["plain tables"],
        "import_x_plain_tables": plain_x,
        "import_x_floor": import_x,
        "matrix_candidates": candidates,
        "matrix_cold_ms": median["cold"] * 1000,
        "bare_select_floor_ms": median["SELECT"] * 1000,
        "matrix_cold_x_select": cold_x,
        "matrix_first_use_with_store_ms": first_s * 1000,
        "matrix_warm_ms": median["warm"] * 1000,
        "rounds_s": {**imports, **loads},
    }

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    def ratios(x: tuple[float, float, float]) -> str:
        return f"{x[0]:.1f} / {x[1]:.1f} / {x[2]:.1f}x"

    table = [
        ("what (median of rounds)", "measured", "target", "floor (same rounds), x min/med/max"),
        (
            f"import {rows:,} result rows, validated, one transaction",
            f"{median['import']:.2f} s",
            f"< 5 s: {verdict(median['import'] < 5)}; <= 3x floor: {verdict(import_x[1] <= 3)}",
            f"csv + sqlite3 executemany {median['csv + sqlite3']:.2f} s, {ratios(import_x)}",
        ),
        (
            "",
            "",
            "",
            f"sqlite-utils insert_all {median['sqlite-utils insert_all']:.2f} s",
        ),
        (
            "",
            "",
            "",
            f"csv + sqlite3 into plain tables {median['plain tables']:.2f} s, {ratios(plain_x)}",
        ),
        (
            f"matrix COLD from SQLite, no cache ({candidates:,} candidates)",
            f"{median['cold'] * 1000:.0f} ms",
            "(none)",
            f"bare SELECT * FROM results {median['SELECT'] * 1000:.0f} ms, {ratios(cold_x)}",
        ),
        (
            "matrix first use: cold + store in the cache",
            f"{first_s * 1000:.0f} ms",
            "(once per catalogue change)",
            "",
        ),
        (
            "matrix WARM from SQLite (new session, cached)",
            f"{median['warm'] * 1000:.1f} ms",
            f"< 50 ms: {verdict(median['warm'] < 0.05)}",
            "",
        ),
    ]
    widths = [max(len(row[i]) for row in table) for i in range(4)]
    for row in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    print(
        f"{MODELS:,} models x {BENCHMARKS} benchmarks, {rounds} rounds, cases and floors "
        "interleaved; warm = RankingSession.from_db(db).matrix(policy) on an unchanged "
        "catalogue (figures decoded, tables left undecoded)."
    )
    write_results(args.json, results)


if __name__ == "__main__":
    main()
