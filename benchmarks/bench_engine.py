"""Rank time from decision matrix to Ranking, against pymcdm and a bare numpy floor.

Run:  python benchmarks/bench_engine.py [--json PATH] [--quick]

Every case and its floor run round by round, interleaved (timing.interleaved_rounds), and the
table prints each case's median time and the min, median and max of its per-round ratio to the
floor measured in the same round. Targets: end to end under 2 ms median at 1,000 x 40 and
within 3x of the numpy floor at 100,000 x 40 (issue 2); top(10) within 2x of rank() and the
Pareto flags of 10,000 x 40 within 100 ms (issue 21, beside the previous algorithm). Pareto
flags and per-candidate objects are lazy in a Ranking; their cost is on lines of their own.
"""

from __future__ import annotations

import platform
import statistics
import warnings

import numpy as np
from timing import benchmark_args, interleaved_rounds, round_ratios, write_results

from advisor.domain import Method, Normalization, Policy, Profile
from advisor.engine import DecisionMatrix, methods, rank

CRITERIA = 40
FLOOR = "numpy floor (min/max, matvec, argsort)"


def numpy_floor(x: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """The least work any min-max WSM ranking must do: min/max, one product, argsort."""
    lo, hi = x.min(axis=0), x.max(axis=0)
    n = np.where(benefit, x - lo, hi - x) / (hi - lo)
    return np.argsort(-(n @ w))


def run(rows: int, rounds: int, calls: int, rng: np.random.Generator) -> list[dict]:
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
    cases = {
        FLOOR: lambda: numpy_floor(x, weights, benefit),
        "advisor WSM (matrix -> Ranking)": lambda: rank(matrix, wsm_profile),
        "advisor TOPSIS (matrix -> Ranking)": lambda: rank(matrix, topsis_profile),
        "pymcdm WSM, validation on": lambda: pm_wsm(x, weights, types),
        "pymcdm WSM, validation off": lambda: pm_wsm(x, weights, types, validation=False),
        "pymcdm TOPSIS, validation on": lambda: pm_topsis(x, weights, types),
        "pymcdm TOPSIS, validation off": lambda: pm_topsis(x, weights, types, validation=False),
        "  + top 10 candidate objects": lambda: rank(matrix, wsm_profile).top(10),
    }
    if rows <= 10_000:
        cases["  + all candidate objects (every Pareto flag)"] = lambda: (
            matrix.pareto_memo.clear(),
            rank(matrix, wsm_profile).candidates,
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        times = interleaved_rounds(cases, rounds, calls)
    assert len(rank(matrix, wsm_profile)) == rows
    return [
        {
            "rows": rows,
            "criteria": CRITERIA,
            "case": name,
            "ms": statistics.median(t) * 1000,
            "x_floor": round_ratios(t, times[FLOOR]),
            "x_rank": round_ratios(t, times["advisor WSM (matrix -> Ranking)"]),
        }
        for name, t in times.items()
    ]


def previous_pareto(y: np.ndarray) -> np.ndarray:
    """The sort-filter skyline Model Advisor used before issue 21: rows by decreasing sum,
    each compared with the front so far (the peer the Pareto table sets the new one beside)."""
    mask = np.zeros(len(y), dtype=bool)
    order = np.argsort(-y.sum(axis=1), kind="stable")
    front = np.empty_like(y)
    size = 0
    for i in order:
        row = y[i]
        if size:
            f = front[:size]
            if np.any(np.all(f >= row, axis=1) & np.any(f > row, axis=1)):
                continue
        front[size] = row
        size += 1
        mask[i] = True
    return mask


def pareto_table(rounds: int, quick: bool, rng: np.random.Generator) -> list[dict]:
    """Pareto flags of 10,000 candidates x 40 criteria (target: <= 100 ms), beside one
    rank() of the same matrix and the previous algorithm, on random and on correlated
    figures (a real catalogue's benchmarks rise together)."""
    rows = 10_000
    out = []
    for kind in ("random", "correlated"):
        if kind == "random":
            x = rng.uniform(1, 100, size=(rows, CRITERIA))
        else:
            x = 50 + 40 * rng.random((rows, 1)) + 10 * rng.random((rows, CRITERIA))
        matrix = DecisionMatrix.from_arrays(x, np.ones(CRITERIA, dtype=bool))
        profile = Profile("bench", dict.fromkeys(matrix.criteria, 1.0))
        aligned = methods.snap_ties(x.T).T
        cases = {
            "rank() (the floor)": lambda matrix=matrix, profile=profile: rank(matrix, profile),
            "Pareto flags, first read": lambda matrix=matrix, profile=profile: (
                matrix.pareto_memo.clear(),
                rank(matrix, profile).pareto_mask,
            ),
            "methods.pareto_mask alone": lambda aligned=aligned: methods.pareto_mask(aligned),
        }
        if not (quick and kind == "random"):  # the previous algorithm takes seconds there
            cases["previous sort-filter skyline"] = lambda aligned=aligned: previous_pareto(aligned)
        times = interleaved_rounds(cases, rounds)
        floor = times["rank() (the floor)"]
        for name, t in times.items():
            out.append(
                {
                    "figures": kind,
                    "case": name,
                    "ms": statistics.median(t) * 1000,
                    "min_ms": min(t) * 1000,
                    "max_ms": max(t) * 1000,
                    "x_rank": round_ratios(t, floor),
                }
            )
    return out


def main() -> None:
    args = benchmark_args(__doc__, "bench_engine")
    rng = np.random.default_rng(20261125)
    results = run(1_000, 10 if args.quick else 60, 10, rng)
    results += run(100_000, 3 if args.quick else 12, 1, rng)
    print(
        f"{'rows x criteria':>16}  {'case':<46} {'median ms':>10}  "
        f"{'x floor (min / median / max over rounds)':>40}"
    )
    for r in results:
        lo, mid, hi = r["x_floor"]
        print(
            f"{r['rows']:>9,} x {r['criteria']:<4}  {r['case']:<46} {r['ms']:>10.3f}  "
            f"{lo:>12.2f} {mid:>12.2f} {hi:>12.2f}"
        )

    def pick(rows: int, prefix: str) -> dict:
        return next(r for r in results if r["rows"] == rows and r["case"].startswith(prefix))

    small, small_t = pick(1_000, "advisor WSM"), pick(1_000, "advisor TOPSIS")
    big, big_t = pick(100_000, "advisor WSM"), pick(100_000, "advisor TOPSIS")
    top_small, top_big = pick(1_000, "  + top 10"), pick(100_000, "  + top 10")
    pareto = pareto_table(3 if args.quick else 7, args.quick, rng)
    print(f"\nPareto flags at 10,000 x {CRITERIA} ({3 if args.quick else 7} rounds, interleaved)")
    print(
        f"  {'figures':<11} {'case':<32} {'min ms':>9} {'median':>9} {'max':>9}"
        f"  {'x rank() median':>15}"
    )
    for r in pareto:
        print(
            f"  {r['figures']:<11} {r['case']:<32} {r['min_ms']:>9.1f} {r['ms']:>9.1f} "
            f"{r['max_ms']:>9.1f}  {r['x_rank'][1]:>15.1f}"
        )
    first_read = {r["figures"]: r["ms"] for r in pareto if r["case"] == "Pareto flags, first read"}
    print()
    print(
        f"target 1: 1,000 x 40 under 2 ms        WSM {small['ms']:.3f} ms, TOPSIS "
        f"{small_t['ms']:.3f} ms  {'met' if max(small['ms'], small_t['ms']) < 2 else 'MISSED'}"
    )
    worst = max(big["x_floor"][1], big_t["x_floor"][1])
    print(
        f"target 2: 100,000 x 40 within 3x floor  WSM {big['x_floor'][1]:.1f}x, "
        f"TOPSIS {big_t['x_floor'][1]:.1f}x (medians of per-round ratios)  "
        f"{'met' if worst <= 3 else 'MISSED'}"
    )
    top_worst = max(top_small["x_rank"][1], top_big["x_rank"][1])
    print(
        f"target 3: top(10) within 2x rank()     1,000: {top_small['x_rank'][1]:.1f}x, "
        f"100,000: {top_big['x_rank'][1]:.1f}x  {'met' if top_worst <= 2 else 'MISSED'}"
    )
    print(
        f"target 4: Pareto 10,000 x 40 <= 100 ms  random {first_read['random']:.0f} ms, "
        f"correlated {first_read['correlated']:.0f} ms  "
        f"{'met' if max(first_read.values()) <= 100 else 'MISSED'}"
    )
    write_results(
        args.json,
        {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "machine": platform.machine(),
            "results": results,
            "pareto": pareto,
        },
        lead="\n",
    )


if __name__ == "__main__":
    main()
