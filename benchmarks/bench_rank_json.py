"""``advisor rank --json`` at the catalogue's coming size: whole-process time and peak memory of
the command on a synthetic catalogue, beside a floor measured in the same run (a process that
reads the same tables' rows from SQLite with the standard library), rounds interleaved.

Run:  python benchmarks/bench_rank_json.py [--json PATH] [--quick]

Targets (issue 21): at 1,000 models / 100,000 results, rank --json at most 1.5 s warm (the
matrix cache filled by a first run) and at most 2x the floor; at 5,000 models / 500,000
results, peak memory at most 300 MiB (the full run only: building that catalogue takes a
minute). Output goes to a file, as a user's redirect would.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from bench_catalogue import write_folder
from timing import benchmark_args, round_ratios, write_results

from advisor.catalogue import import_folder, open_catalogue

# The tables a ranking's matrix is built from (what the floor reads, row by row).
TABLES = (
    "models",
    "model_attributes",
    "benchmarks",
    "results",
    "rate_limits",
    "lifecycle",
    "criterion_groups",
    "sources",
    "vendors",
)
FLOOR_SCRIPT = f"""
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = sum(len(db.execute(f"SELECT * FROM {{t}}").fetchall()) for t in {TABLES!r})
"""
PROFILE = 'name = "bench"\n[weights]\nblended_usd_per_mtok = 2\n' + "".join(
    f"b{j:02d} = 1\n" for j in range(40)
)


def build(folder: Path, models: int) -> tuple[Path, Path, int]:
    """A catalogue of ``models`` synthetic models (40 benchmarks, 2-3 conditions each, beside
    the bundled models) and a profile weighting every benchmark and price."""
    results = write_folder(folder / "data", np.random.default_rng(7), models)
    db_path = folder / "catalogue.sqlite"
    db = open_catalogue(db_path)
    db.execute("DELETE FROM results")
    db.conn.commit()
    import_folder(db, folder / "data")
    db.close()
    profile = folder / "profile.toml"
    profile.write_text(PROFILE)
    return db_path, profile, results


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's install has its bytecode cached
    return env


# Run by a small process of its own: a forked child's peak memory counts its parent's memory at
# the fork (this benchmark holds the catalogue it built), so the child is forked from this one.
LAUNCHER = """
import os, sys, time
out = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.dup2(out, 1)
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def run(command: list[str], out: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one process, its output to ``out``."""
    done = subprocess.run(
        [sys.executable, "-c", LAUNCHER, str(out), *command],
        capture_output=True,
        text=True,
        env=_environment(),
        check=True,
    )
    seconds, kib, status = done.stdout.split()
    if int(status):
        raise SystemExit(f"{' '.join(command)} failed with status {status}")
    return float(seconds), int(kib) / 1024  # ru_maxrss is in KiB on Linux


def measure(folder: Path, models: int, rounds: int) -> dict:
    db, profile, results = build(folder, models)
    rank = [sys.executable, "-m", "advisor", "rank", "--json"]
    rank += ["--profile", str(profile), "--db", str(db)]
    floor = [sys.executable, "-c", FLOOR_SCRIPT, str(db)]
    cases = {"floor": floor, "rank": rank}
    out = folder / "out.json"
    for command in cases.values():  # warm-up: the matrix cache is filled, bytecode written
        run(command, out)
    seconds: dict[str, list[float]] = {name: [] for name in cases}
    memory: dict[str, list[float]] = {name: [] for name in cases}
    names = list(cases)
    for r in range(rounds):
        for name in names[r % 2 :] + names[: r % 2]:
            s, mib = run(cases[name], out)
            seconds[name].append(s)
            memory[name].append(mib)
    return {
        "models": models,
        "results": results,
        "output_mib": out.stat().st_size / 2**20,
        "rank_s": seconds["rank"],
        "floor_s": seconds["floor"],
        "rank_peak_mib": max(memory["rank"]),
        "floor_peak_mib": max(memory["floor"]),
        "x_floor": round_ratios(seconds["rank"], seconds["floor"]),
    }


def main() -> None:
    args = benchmark_args(__doc__, "bench_rank_json", "1,000 models only, 3 rounds")
    sizes = (1_000,) if args.quick else (1_000, 5_000)
    rounds = 3 if args.quick else 7
    figures = []
    with tempfile.TemporaryDirectory() as tmp:
        for models in sizes:
            figures.append(measure(Path(tmp) / f"m{models}", models, rounds))
    print(f"advisor rank --json, whole process, {rounds} rounds interleaved with the floor")
    head = ("models / results", "rank min", "median", "max", "floor median", "x floor min/med/max")
    rows = [head]
    for f in figures:
        low, mid, high = f["x_floor"]
        rows.append(
            (
                f"{f['models']:,} / {f['results']:,}",
                f"{min(f['rank_s']):.2f} s",
                f"{statistics.median(f['rank_s']):.2f} s",
                f"{max(f['rank_s']):.2f} s",
                f"{statistics.median(f['floor_s']):.2f} s",
                f"{low:.2f} / {mid:.2f} / {high:.2f}",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    print(
        "peak memory (max over rounds): "
        + "; ".join(
            f"{f['models']:,} models {f['rank_peak_mib']:.0f} MiB "
            f"(floor {f['floor_peak_mib']:.0f}), {f['output_mib']:.0f} MiB written"
            for f in figures
        )
    )

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    first = figures[0]
    warm = statistics.median(first["rank_s"])
    print(f"target: 1,000 models <= 1.5 s warm        {warm:.2f} s  {verdict(warm <= 1.5)}")
    ratio = first["x_floor"][1]
    print(f"target: 1,000 models <= 2x the floor      {ratio:.2f}x  {verdict(ratio <= 2)}")
    if len(figures) > 1:
        peak = figures[1]["rank_peak_mib"]
        print(f"target: 5,000 models peak <= 300 MiB      {peak:.0f} MiB  {verdict(peak <= 300)}")
    write_results(args.json, figures)


if __name__ == "__main__":
    main()
