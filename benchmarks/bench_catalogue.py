"""Catalogue speed: importing 100,000 result rows (validation included) and loading the
decision matrix for 1,000 models x 40 benchmarks from SQLite, each beside a floor measured in
the same run (sqlite-utils' bare insert_all of the same rows; a bare SELECT of the rows).

Run:  python benchmarks/bench_catalogue.py [--json PATH] [--quick]

Targets (issue 7): import under 5 s median; matrix under 50 ms median. The matrix is timed
cold (tables read and the matrix built, as without a cache) and warm (a new session on an
unchanged catalogue, served from the persisted matrix cache; docs/catalogue.md).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
from timing import benchmark_args, median_seconds, write_results

from advisor.app.ranking import RankingSession
from advisor.catalogue import import_folder, load_frames, matrix_cache, open_catalogue
from advisor.catalogue.database import _connect, migrate
from advisor.domain import Policy
from advisor.engine import build_decision_matrix

MODELS, BENCHMARKS = 1_000, 40
CONDITIONS = ("standard", "extended_thinking", "unspecified")


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


def main() -> None:
    args = benchmark_args(__doc__, "bench_catalogue")
    repeats = 1 if args.quick else 3
    rng = np.random.default_rng(7)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        rows = write_folder(tmp / "data", rng)

        def full_import():
            db = _connect(":memory:")
            migrate(db)
            import_folder(db, tmp / "data")

        def bare_insert():
            import csv

            db = _connect(":memory:")
            migrate(db)
            db["vendors"].insert_all({"vendor": f"Vendor {v}"} for v in range(12))
            for name, table in (
                ("models.csv", "models"),
                ("benchmarks.csv", "benchmarks"),
                ("benchmark_results.csv", "results"),
            ):
                with open(tmp / "data" / name, newline="") as handle:
                    db[table].insert_all(csv.DictReader(handle), batch_size=1000)

        import_s = median_seconds(full_import, repeats)
        floor_s = median_seconds(bare_insert, repeats)
        db = open_catalogue(tmp / "cat.sqlite")
        db.execute("DELETE FROM results")
        db.conn.commit()
        import_folder(db, tmp / "data")
        policy = Policy()

        def cold():  # what every load cost before the cache, and still costs on a miss
            return build_decision_matrix(load_frames(db), policy)

        def warm():  # a new session on an unchanged catalogue: the stored matrix
            return RankingSession.from_db(db).matrix(policy)

        cold_s = median_seconds(cold, repeats + 2)
        select_s = median_seconds(
            lambda: db.execute("SELECT * FROM results").fetchall(), repeats + 2
        )
        matrix_cache.clear(db)
        first_s = median_seconds(warm, 1)  # a miss: read, build and store (matrix and tables)
        warm_s = median_seconds(warm, repeats + 8)
        candidates = len(warm())
        db.close()
    results = {
        "result_rows": rows,
        "import_s": import_s,
        "bare_insert_floor_s": floor_s,
        "matrix_candidates": candidates,
        "matrix_cold_ms": cold_s * 1000,
        "bare_select_floor_ms": select_s * 1000,
        "matrix_first_use_with_store_ms": first_s * 1000,
        "matrix_warm_ms": warm_s * 1000,
    }

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    table = [
        ("what (median)", "measured", "target", "floor (same run)"),
        (
            f"import {rows:,} result rows, validated, one transaction",
            f"{import_s:.2f} s",
            f"< 5 s: {verdict(import_s < 5)}",
            f"bare sqlite-utils insert_all {floor_s:.2f} s",
        ),
        (
            f"matrix COLD from SQLite, no cache ({candidates:,} candidates)",
            f"{cold_s * 1000:.0f} ms",
            "(none)",
            f"bare SELECT * FROM results {select_s * 1000:.0f} ms",
        ),
        (
            "matrix first use: cold + store in the cache",
            f"{first_s * 1000:.0f} ms",
            "(once per catalogue change)",
            "",
        ),
        (
            "matrix WARM from SQLite (new session, cached)",
            f"{warm_s * 1000:.1f} ms",
            f"< 50 ms: {verdict(warm_s < 0.05)}",
            "",
        ),
    ]
    widths = [max(len(row[i]) for row in table) for i in range(4)]
    for row in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    print(
        f"{MODELS:,} models x {BENCHMARKS} benchmarks; warm = RankingSession.from_db(db)"
        ".matrix(policy) on an unchanged catalogue (figures decoded, tables left undecoded)."
    )
    write_results(args.json, results)


if __name__ == "__main__":
    main()
