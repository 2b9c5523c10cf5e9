"""Shared by the benchmark scripts: the median wall time of repeated calls."""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path


def median_seconds(func: Callable[[], object], repeats: int) -> float:
    """Median seconds over ``repeats`` calls of ``func``."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def benchmark_args(doc: str, name: str, quick: str = "fewer repeats (smoke run)"):
    """The options every benchmark takes: ``--json PATH`` (default
    ``benchmarks/results/<name>.json``) and ``--quick``."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--json", type=Path, default=Path(f"benchmarks/results/{name}.json"))
    parser.add_argument("--quick", action="store_true", help=quick)
    return parser.parse_args()


def write_results(path: Path, data: object, lead: str = "") -> None:
    """Write a benchmark's figures as JSON and say where."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2))
    print(f"{lead}wrote {path}")


def interleaved_rounds(
    cases: dict[str, Callable[[], object]], rounds: int, calls: int = 1
) -> dict[str, list[float]]:
    """Seconds per call of every case, round by round: each round runs every case ``calls``
    times, in an order rotated from round to round, so that a floor and the cases it is set
    against share the machine's state. A warm-up call of each precedes the rounds."""
    for func in cases.values():
        func()
    names = list(cases)
    times: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        shift = r % len(names)
        for name in names[shift:] + names[:shift]:
            func = cases[name]
            start = time.perf_counter()
            for _ in range(calls):
                func()
            times[name].append((time.perf_counter() - start) / calls)
    return times


def round_ratios(times: list[float], floor: list[float]) -> tuple[float, float, float]:
    """min, median and max over rounds of a case's time over its floor's in the same round."""
    ratios = [t / f for t, f in zip(times, floor, strict=True)]
    return min(ratios), statistics.median(ratios), max(ratios)
