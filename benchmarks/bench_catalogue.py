"""Catalogue speed: importing 100,000 result rows (validation included) and loading the
decision matrix for 1,000 models x 40 benchmarks from SQLite, each beside a floor measured in
the same run (sqlite-utils' bare insert_all of the same rows; a bare SELECT of the rows).

Run:  python benchmarks/bench_catalogue.py [--json PATH] [--quick]

Targets (issue 7): import under 5 s median; matrix under 50 ms median.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import numpy as np
from timing import median_seconds

from advisor.catalogue import import_folder, load_frames, open_catalogue
from advisor.catalogue.database import _connect, migrate
from advisor.domain import Policy
from advisor.engine import build_decision_matrix

MODELS, BENCHMARKS = 1_000, 40
CONDITIONS = ("standard", "extended_thinking", "unspecified")


def write_folder(folder: Path, rng: np.random.Generator) -> int:
    folder.mkdir(parents=True)
    lines = [
        "model_id,vendor,display_name,input_usd_per_mtok,output_usd_per_mtok,context_window,hybrid_reasoning"
    ]
    lines += [
        f"m{i:04d},Vendor {i % 12},Model {i},{rng.uniform(0.1, 20):.2f},"
        f"{rng.uniform(0.4, 80):.2f},200000,yes"
        for i in range(MODELS)
    ]
    (folder / "models.csv").write_text("\n".join(lines) + "\n")
    lines = ["benchmark,name,category,unit,higher_is_better"]
    lines += [f"b{j:02d},Bench {j},coding,percent,yes" for j in range(BENCHMARKS)]
    (folder / "benchmarks.csv").write_text("\n".join(lines) + "\n")
    lines = ["model_id,benchmark,condition,score,source_kind,source_url,source_date"]
    count = 0
    for i in range(MODELS):
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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--json", type=Path, default=Path("benchmarks/results/bench_catalogue.json")
    )
    parser.add_argument("--quick", action="store_true", help="fewer repeats (smoke run)")
    args = parser.parse_args()
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
        matrix_s = median_seconds(
            lambda: build_decision_matrix(load_frames(db), policy), repeats + 2
        )
        select_s = median_seconds(
            lambda: db.execute("SELECT * FROM results").fetchall(), repeats + 2
        )
        candidates = len(build_decision_matrix(load_frames(db), policy))
        db.close()
    results = {
        "result_rows": rows,
        "import_s": import_s,
        "bare_insert_floor_s": floor_s,
        "matrix_candidates": candidates,
        "matrix_ms": matrix_s * 1000,
        "bare_select_floor_ms": select_s * 1000,
    }
    print(
        f"import {rows:,} result rows (validated, one transaction): {import_s:.2f} s "
        f"(target < 5 s: {'met' if import_s < 5 else 'MISSED'}); floor, bare insert_all: "
        f"{floor_s:.2f} s"
    )
    print(
        f"decision matrix, {MODELS:,} models x {BENCHMARKS} benchmarks ({candidates:,} candidates) "
        f"from SQLite: {matrix_s * 1000:.0f} ms (target < 50 ms: "
        f"{'met' if matrix_s < 0.05 else 'MISSED'}); floor, bare SELECT of the results: "
        f"{select_s * 1000:.0f} ms"
    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2))
    print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
