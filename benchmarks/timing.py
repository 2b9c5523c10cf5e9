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
