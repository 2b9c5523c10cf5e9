"""Rank time from decision matrix to Ranking, against pymcdm and a bare numpy floor.

Run:  python benchmarks/bench_engine.py [--json PATH] [--quick]

Prints a table (median of repeated runs, milliseconds) and writes the figures as JSON.
Targets (issue 2): end to end under 2 ms median at 1,000 x 40; within 3x of the numpy floor at
100,000 x 40. Pareto flags and per-candidate objects are lazy in a Ranking; their cost is
reported on separate lines so nothing is hidden.
"""

from __future__ import annotations

import platform
import statistics
import time
import warnings
from collections.abc import Callable

import numpy as np
from timing import benchmark_args, write_results

from advisor.domain import Method, Normalization, Policy, Profile
from advisor.engine import DecisionMatrix, rank

CRITERIA = 40


def median_ms(func: Callable[[], object], repeats: int) -> float:
    func()  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def numpy_floor(x: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """The least work any min-max WSM ranking must do: min/max, one product, argsort."""
    lo, hi = x.min(axis=0), x.max(axis=0)
    n = np.where(benefit, x - lo, hi - x) / (hi - lo)
    return np.argsort(-(n @ w))


def run(rows: int, repeats: int, rng: np.random.Generator) -> list[dict]:
    from pymcdm.methods import TOPSIS, WSM
    from pymcdm.normalizations import minmax_normalization, vector_normalization

    x = rng.uniform(1, 100, size=(rows, CRITERIA))
    weights = rng.uniform(0.1, 1, CRITERIA)
    weights /= weights.sum()
    benefit = rng.random(CRITERIA) < 0.7
    types = np.where(benefit, 1, -1)
    matrix = DecisionMatrix.from_arrays(x, benefit)
    named = dict(zip(matrix.criteria, weights.tolist(), strict=True))
    wsm_profile = Profile("bench", named)
    topsis_profile = Profile(
        "bench", named, policy=Policy(method=Method.TOPSIS, normalization=Normalization.VECTOR)
    )
    pm_wsm = WSM(normalization_function=minmax_normalization)
    pm_topsis = TOPSIS(normalization_function=vector_normalization)

    out = []

    def add(name: str, func: Callable[[], object], reps: int = repeats) -> None:
        out.append({"rows": rows, "criteria": CRITERIA, "case": name, "ms": median_ms(func, reps)})

    add("numpy floor (min/max, matvec, argsort)", lambda: numpy_floor(x, weights, benefit))
    add("advisor WSM (matrix -> Ranking)", lambda: rank(matrix, wsm_profile))
    add("advisor TOPSIS (matrix -> Ranking)", lambda: rank(matrix, topsis_profile))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        slow = max(3, repeats // 5)
        add("pymcdm WSM, validation on", lambda: pm_wsm(x, weights, types), slow)
        add("pymcdm WSM, validation off", lambda: pm_wsm(x, weights, types, validation=False), slow)
        add("pymcdm TOPSIS, validation on", lambda: pm_topsis(x, weights, types), slow)
        add(
            "pymcdm TOPSIS, validation off",
            lambda: pm_topsis(x, weights, types, validation=False),
            slow,
        )
    ranking = rank(matrix, wsm_profile)
    add("  + top 10 candidate objects", lambda: rank(matrix, wsm_profile).top(10))
    if rows <= 10_000:

        def fresh_pareto():
            matrix.pareto_memo.clear()  # measure the computation, not the memo
            return rank(matrix, wsm_profile).pareto_mask

        add("  + Pareto flags (lazy; on first read)", fresh_pareto)
        add(
            "  + Pareto flags, same criteria again (memo)",
            lambda: rank(matrix, wsm_profile).pareto_mask,
        )
        add(
            "  + all candidate objects (lazy)",
            lambda: (matrix.pareto_memo.clear(), rank(matrix, wsm_profile).candidates),
            max(3, repeats // 10),
        )
    assert len(ranking) == rows
    return out


def main() -> None:
    args = benchmark_args(__doc__, "bench_engine")
    rng = np.random.default_rng(20261125)
    results = run(1_000, 20 if args.quick else 200, rng) + run(
        100_000, 3 if args.quick else 15, rng
    )

    floor = {r["rows"]: r["ms"] for r in results if r["case"].startswith("numpy floor")}
    print(f"{'rows x criteria':>16}  {'case':<44} {'median ms':>10} {'x floor':>8}")
    for r in results:
        ratio = r["ms"] / floor[r["rows"]]
        r["x_floor"] = ratio
        print(
            f"{r['rows']:>9,} x {r['criteria']:<4}  {r['case']:<44} {r['ms']:>10.3f} {ratio:>8.1f}"
        )
    small = next(
        r["ms"] for r in results if r["rows"] == 1_000 and r["case"].startswith("advisor WSM")
    )
    big = next(r for r in results if r["rows"] == 100_000 and r["case"].startswith("advisor WSM"))
    big_t = next(
        r for r in results if r["rows"] == 100_000 and r["case"].startswith("advisor TOPSIS")
    )
    small_t = next(
        r["ms"] for r in results if r["rows"] == 1_000 and r["case"].startswith("advisor TOPSIS")
    )
    print()
    print(
        f"target 1: 1,000 x 40 under 2 ms        WSM {small:.3f} ms, TOPSIS {small_t:.3f} ms  "
        f"{'met' if max(small, small_t) < 2 else 'MISSED'}"
    )
    print(
        f"target 2: 100,000 x 40 within 3x floor  WSM {big['x_floor']:.1f}x, "
        f"TOPSIS {big_t['x_floor']:.1f}x  "
        f"{'met' if max(big['x_floor'], big_t['x_floor']) <= 3 else 'MISSED'}"
    )
    write_results(
        args.json,
        {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "machine": platform.machine(),
            "results": results,
        },
        lead="\n",
    )


if __name__ == "__main__":
    main()
