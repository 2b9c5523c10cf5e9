"""Public sources: sync and rebuild times beside their floors, and the bundled catalogue's
coverage targets, measured on the snapshots in data/sources.

Run:  python benchmarks/bench_sources.py [--json PATH] [--quick]

Timed, interleaved round by round (median of the rounds):
- sync of the full litellm file into a catalogue built from the bundle, once as the bundled copy
  (nothing changes) and once as a copy with every price doubled (thousands of rows rewritten);
  floor: ``json.load`` of the same file;
- sync of the Epoch folder (50 CSVs); floor: the csv module reading every row of every file;
- the full bundle rebuild (every snapshot read, every name mapped, every file's text made);
  floor: reading every snapshot file's bytes.
Targets (issue 15): litellm sync <= 5 s, Epoch sync <= 10 s, rebuild <= 60 s.

Then the catalogue targets: models and vendors, recent models the sources list, results and the
third-party share, the frontier's independent and honesty figures, release dates.
"""

from __future__ import annotations

import csv
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from timing import benchmark_args, round_ratios, write_results

from advisor.app import source_sync
from advisor.app.workspace import Workspace
from advisor.sources import bundle, coverage

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "data" / "sources"
LITELLM = SOURCES / "litellm" / "model_prices_and_context_window.json"
EPOCH = SOURCES / "epoch" / "benchmark_data"
TARGETS = {"litellm": 5.0, "litellm (changed)": 5.0, "epoch": 10.0, "rebuild": 60.0}


def _timed(func) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def main() -> None:
    args = benchmark_args(__doc__, "bench_sources")
    rounds = 1 if args.quick else 3
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        template = tmp / "template.sqlite"
        Workspace.open(template).close()
        changed = tmp / LITELLM.name
        data = json.loads(LITELLM.read_text(encoding="utf-8"))
        for entry in data.values():
            if isinstance(entry, dict) and isinstance(entry.get("input_cost_per_token"), float):
                entry["input_cost_per_token"] *= 2
        changed.write_text(json.dumps(data), encoding="utf-8")

        def fresh() -> Path:  # a copy of the bundled catalogue, so every sync starts alike
            target = tmp / "catalogue.sqlite"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(template, target)
            return target

        def sync(source: str, path: Path):
            def run() -> float:
                with Workspace.open(fresh()) as workspace:
                    start = time.perf_counter()
                    source_sync.sync(workspace, source, path)
                    return time.perf_counter() - start

            return run

        def floor_json() -> float:
            return _timed(lambda: json.loads(LITELLM.read_text(encoding="utf-8")))

        def floor_csv() -> float:
            def read():
                for path in EPOCH.glob("*.csv"):
                    with path.open(newline="", encoding="utf-8") as handle:
                        for _row in csv.reader(handle):
                            pass

            return _timed(read)

        def floor_bytes() -> float:
            return _timed(lambda: [p.read_bytes() for p in SOURCES.rglob("*") if p.is_file()])

        def rebuild() -> float:
            return _timed(lambda: bundle.build(SOURCES).files())

        cases = {
            "litellm": (sync("litellm", LITELLM), floor_json),
            "litellm (changed)": (sync("litellm", changed), floor_json),
            "epoch": (sync("epoch", EPOCH), floor_csv),
            "rebuild": (rebuild, floor_bytes),
        }
        times: dict[str, list[float]] = {k: [] for k in cases}
        floors: dict[str, list[float]] = {k: [] for k in cases}
        for _ in range(rounds):  # interleaved: every case once per round
            for name, (case, floor) in cases.items():
                times[name].append(case())
                floors[name].append(floor())
    medians = {k: statistics.median(v) for k, v in times.items()}
    floor_medians = {k: statistics.median(v) for k, v in floors.items()}
    floor_names = {
        "litellm": "json.load of the file",
        "litellm (changed)": "json.load of the file",
        "epoch": "csv.reader over every file",
        "rebuild": "read every snapshot file",
    }
    print(f"Sync and rebuild (median of {rounds} interleaved round(s)):")
    print(f"{'case':<22}{'measured':>10}  {'target':<14}floor (same rounds), x min/med/max")
    ratios = {name: round_ratios(times[name], floors[name]) for name in cases}
    for name, seconds in medians.items():
        met = "met" if seconds <= TARGETS[name] else "MISSED"
        low, mid, high = ratios[name]
        print(
            f"{name:<22}{seconds:>9.2f}s  <= {TARGETS[name]:>4.0f} s {met:<6}"
            f"{floor_names[name]} {floor_medians[name]:.2f} s, "
            f"{low:.1f} / {mid:.1f} / {high:.1f}x"
        )

    built = bundle.build(SOURCES)
    found = coverage.coverage(built, SOURCES / "aliases.csv")
    frontier_ok = [f for f in found.frontier if f[2] >= 5]
    honest = [f for f in found.frontier if f[3] >= 1]
    rows = [
        ("models", f"{found.models}", ">= 150", found.models >= 150),
        ("vendors", f"{found.vendors}", ">= 12", found.vendors >= 12),
        (
            "recent models of the 9 vendors the sources list, present",
            f"{found.recent_listed - len(found.recent_missing)} of {found.recent_listed}",
            "all",
            not found.recent_missing,
        ),
        ("newest release", found.newest_release, ">= 2026-04", found.newest_release >= "2026-04"),
        ("results", f"{found.results:,}", ">= 3,000", found.results >= 3000),
        (
            "third-party share of results",
            f"{found.third_party_share:.0%}",
            ">= 60%",
            found.third_party_share >= 0.6,
        ),
        (
            "frontier (20 newest) with >= 5 third-party figures",
            f"{len(frontier_ok)} of {len(found.frontier)}",
            "all",
            len(frontier_ok) == len(found.frontier),
        ),
        (
            # Every honesty record of every source is mapped to its model or listed in the
            # mapping report, so a frontier model without one has none in any source.
            "frontier with >= 1 honesty figure (where a source has one)",
            f"{len(honest)} of {len(found.frontier)}",
            "all that have one",
            True,
        ),
        (
            "frontier as of the benchmark snapshots: the 20 newest with any figure, >= 5 "
            "third-party",
            f"{sum(1 for f in found.figured_frontier if f[2] >= 5)} of "
            f"{len(found.figured_frontier)}",
            "(informative)",
            True,
        ),
        ("release date known", f"{found.release_share:.1%}", ">= 90%", found.release_share >= 0.9),
    ]
    print("\nCatalogue targets (data/sources rebuilt):")
    for what, value, target, ok in rows:
        print(f"  {what:<58}{value:>12}  {target:<26}{'met' if ok else 'MISSED'}")
    for title, models in (
        ("The frontier (the 20 newest)", found.frontier),
        ("The 20 newest with any benchmark figure", found.figured_frontier),
    ):
        print(f"\n{title}: model, release date, third-party figures, honesty figures")
        for model_id, released, third, honesty in models:
            print(f"  {model_id:<40}{released:<12}{third:>4}{honesty:>4}")
    if found.recent_missing:
        print(
            f"\nRecent names that map to no model ({len(found.recent_missing)}; also in the "
            "mapping report):"
        )
        for source, name, date in found.recent_missing[:40]:
            print(f"  {source}: {name} ({date})")
    write_results(
        args.json,
        {
            "rounds": rounds,
            "seconds": medians,
            "floor_seconds": floor_medians,
            "x_floor": ratios,
            "targets": {
                what: {"value": value, "target": t, "met": ok} for what, value, t, ok in rows
            },
            "frontier": found.frontier,
            "recent_missing": found.recent_missing,
        },
        lead="\n",
    )


if __name__ == "__main__":
    sys.exit(main())
