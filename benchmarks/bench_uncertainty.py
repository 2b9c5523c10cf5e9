"""Uncertainty studies against plain numpy floors measured in the same run.

Run:  python benchmarks/bench_uncertainty.py [--json PATH] [--quick]

Cases are interleaved round by round (the order rotated from round to round); the table prints
the median of the rounds and the min, median and max of the per-round ratios to the floor.
Targets (issue 19):

- SMAA rank acceptability at 10,000 samples x 1,000 candidates x 40 criteria within 2x of the
  floor: Dirichlet weights, one product, one argsort per sample, the inverse permutation and
  the same tallies (rank-1..3 hits, rank sums, winners). The ranks as computed before issue 19
  (snap_ties, then a lexsort per sample) are printed beside it, from the same draws.
- P(A beats B) for 100 candidates at 10,000 samples under 0.5 s (``compare``: every pair,
  overall and per criterion), and the compare tab's 4 candidates under 100 ms.
"""

from __future__ import annotations

import platform
import statistics

import numpy as np
from timing import benchmark_args, interleaved_rounds, round_ratios, write_results

from advisor.domain import Profile
from advisor.engine import DecisionMatrix, methods, rank
from advisor.engine.sensitivity import rank_acceptability, sample_weights
from advisor.engine.uncertainty import compare, tie_groups

CRITERIA = 40


def smaa_floor(normalized: np.ndarray, key_weights: np.ndarray, samples: int, seed: int) -> None:
    """The least work any SMAA over sampled weights must do, chunked like the study."""
    rng = np.random.default_rng(seed)
    count = len(normalized)
    hits = np.zeros((count, 3))
    rank_sum = np.zeros(count)
    wins = np.zeros(count)
    done = 0
    while done < samples:
        size = min(500, samples - done)
        w = sample_weights(key_weights, size, 50.0, rng)
        order = np.argsort(-(w @ normalized.T), axis=1)
        ranks = np.empty_like(order)
        np.put_along_axis(ranks, order, np.arange(count)[None, :], axis=1)
        for r in range(3):
            hits[:, r] += (ranks == r).sum(axis=0)
        rank_sum += ranks.sum(axis=0)
        np.add.at(wins, np.argmin(ranks, axis=1), 1)
        done += size


def old_ranks(scores: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """SMAA's ranks before issue 19: snap ties, then a lexsort per sample."""
    jitter = rng.random(scores.shape)
    order = np.lexsort((jitter, -methods.snap_ties(scores)), axis=-1)
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(scores.shape[1])[None, :], axis=1)
    return ranks


def old_smaa(normalized: np.ndarray, key_weights: np.ndarray, samples: int, seed: int) -> None:
    """The floor's tallies on the old ranks (the peer the target was set against)."""
    rng = np.random.default_rng(seed)
    count = len(normalized)
    hits = np.zeros((count, 3))
    done = 0
    while done < samples:
        size = min(500, samples - done)
        w = sample_weights(key_weights, size, 50.0, rng)
        ranks = old_ranks(w @ normalized.T, rng)
        for r in range(3):
            hits[:, r] += (ranks == r).sum(axis=0)
        done += size


def problem(rows: int, rng: np.random.Generator):
    x = rng.uniform(20, 90, size=(rows, CRITERIA))
    se = rng.uniform(0.5, 3.0, size=(rows, CRITERIA))
    weights = rng.uniform(0.1, 1, CRITERIA)
    matrix = DecisionMatrix.from_arrays(x, np.ones(CRITERIA, bool), stderrs=se)
    profile = Profile("bench", dict(zip(matrix.criteria, weights.tolist(), strict=True)))
    return matrix, profile, rank(matrix, profile)


def main() -> None:
    args = benchmark_args(__doc__, "bench_uncertainty")
    rng = np.random.default_rng(20261202)
    samples = 2_000 if args.quick else 10_000
    rounds = 2 if args.quick else 5

    matrix, _, ranking = problem(1_000, rng)
    basis = ranking.basis
    normalized = methods.minmax_normalize(basis.filled, basis.benefit)
    smaa_rounds = interleaved_rounds(
        {
            "numpy floor (Dirichlet, product, argsort, tallies)": lambda: smaa_floor(
                normalized, basis.key_weights, samples, 0
            ),
            "SMAA, weights only (relative_error=0)": lambda: rank_acceptability(
                matrix, ranking, samples=samples, relative_error=0, seed=0
            ),
            "SMAA, weights and each figure's own error": lambda: rank_acceptability(
                matrix, ranking, samples=samples, seed=0
            ),
            "before issue 19: snap_ties + lexsort ranks": lambda: old_smaa(
                normalized, basis.key_weights, samples, 0
            ),
        },
        rounds,
    )
    smaa = {name: statistics.median(t) for name, t in smaa_rounds.items()}
    same = rank_acceptability(matrix, ranking, samples=1000, relative_error=0, seed=4)
    again = rank_acceptability(matrix, ranking, samples=1000, relative_error=0, seed=4)
    reproducible = bool(np.array_equal(same.probabilities, again.probabilities))

    small, _, small_ranking = problem(100, rng)
    labels = small.labels()
    pair_samples = 10_000
    pairs = interleaved_rounds(
        {
            "compare 100 candidates (all pairs, overall + per criterion)": lambda: compare(
                small, small_ranking, labels, samples=pair_samples
            ),
            "compare 4 candidates (the compare tab)": lambda: compare(
                small, small_ranking, labels[:4], samples=pair_samples
            ),
            "tie groups of 100 ranked candidates": lambda: tie_groups(
                small, small_ranking, samples=pair_samples
            ),
        },
        rounds * 2,
    )
    pairs = {name: statistics.median(t) for name, t in pairs.items()}

    floor_name = "numpy floor (Dirichlet, product, argsort, tallies)"
    print(
        f"SMAA, {samples:,} samples x {len(matrix):,} candidates x {CRITERIA} criteria "
        f"(median of {rounds} interleaved rounds)"
    )
    print(f"{'case':<52} {'median s':>9} {'x floor min / median / max':>28}")
    rows = []
    for name, seconds in smaa.items():
        low, mid, high = round_ratios(smaa_rounds[name], smaa_rounds[floor_name])
        print(f"{name:<52} {seconds:>9.3f} {f'{low:.2f} / {mid:.2f} / {high:.2f}':>28}")
        rows.append({"case": name, "seconds": seconds, "x_floor": (low, mid, high)})
    target = round_ratios(
        smaa_rounds["SMAA, weights only (relative_error=0)"], smaa_rounds[floor_name]
    )[1]
    print(f"target: SMAA within 2x floor  {target:.2f}x  {'met' if target <= 2 else 'MISSED'}")
    print(f"same seed, same output: {reproducible}")
    print()
    print(f"P(A beats B), {pair_samples:,} samples")
    print(f"{'case':<62} {'median ms':>10}")
    for name, seconds in pairs.items():
        print(f"{name:<62} {seconds * 1000:>10.1f}")
        rows.append({"case": name, "seconds": seconds})
    hundred = pairs["compare 100 candidates (all pairs, overall + per criterion)"]
    four = pairs["compare 4 candidates (the compare tab)"]
    print(
        f"target: 100 candidates < 0.5 s  {hundred:.3f} s  {'met' if hundred < 0.5 else 'MISSED'}"
    )
    print(
        f"target: 4 candidates < 100 ms  {four * 1000:.1f} ms  "
        f"{'met' if four < 0.1 else 'MISSED'} (engine; the tab's repaint is in bench_gui)"
    )
    write_results(
        args.json,
        {
            "machine": platform.platform(),
            "python": platform.python_version(),
            "samples": samples,
            "results": rows,
            "smaa_x_floor": target,
            "reproducible": reproducible,
        },
    )


if __name__ == "__main__":
    main()
