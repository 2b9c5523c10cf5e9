"""Guided weights and stakeholders: AHP against pymcdm's AHP (the peer) for 3 to 15 criteria,
and the group analysis (a ranking per stakeholder, spread, consensus) against one ranking (the
floor) on the bundled catalogue.

Run:  python benchmarks/bench_stakeholders.py [--json PATH] [--quick]

Issue 9 names no speed target; the window recomputes the analysis after every edit, so it should
stay well under the 100 ms a slider move is allowed.
"""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path

import numpy as np
from pymcdm.weights.subjective import AHP as PymcdmAHP
from timing import benchmark_args, interleaved_rounds, round_ratios, write_results

from advisor.app.workspace import Workspace
from advisor.domain.profile import Profile
from advisor.domain.stakeholders import Stakeholder, group_weights
from advisor.engine import rank
from advisor.engine.elicitation import SCALE, ahp, pairwise_matrix
from advisor.engine.stakeholders import analyse

KEYS = ["coding", "agentic", "knowledge", "mathematics", "honesty", "price", "context", "speed"]


def _ratio_text(ratio: tuple[float, float, float]) -> str:
    return f"{ratio[0]:.2f} / {ratio[1]:.2f} / {ratio[2]:.2f}"


def main() -> None:
    args = benchmark_args(__doc__, "bench_stakeholders")
    rounds, calls = (5, 3) if args.quick else (15, 10)
    rng = np.random.default_rng(0)
    rows = []
    print(f"{rounds} rounds interleaved; x peer/floor = min / median / max of per-round ratios")
    print(f"{'AHP criteria':<14} {'ours':>10} {'pymcdm':>10} {'x pymcdm':>20}")
    for n in (3, 7, 11, 15):
        judgements = rng.choice(SCALE, n * (n - 1) // 2).tolist()
        matrix = pairwise_matrix(n, judgements)

        def peer(m=matrix):
            model = PymcdmAHP(matrix=m)
            model()
            model.get_cr()

        times = interleaved_rounds(
            {"ours": lambda n=n, j=judgements: ahp(n, j), "peer": peer}, rounds, calls
        )
        ours, theirs = statistics.median(times["ours"]), statistics.median(times["peer"])
        ratio = round_ratios(times["ours"], times["peer"])
        rows.append(
            {"what": f"ahp n={n}", "ours_ms": ours * 1e3, "peer_ms": theirs * 1e3, "x_peer": ratio}
        )
        print(f"{n:<14} {ours * 1e3:>8.3f}ms {theirs * 1e3:>8.3f}ms {_ratio_text(ratio):>20}")

    with tempfile.TemporaryDirectory() as tmp, Workspace.open(Path(tmp) / "c.sqlite") as ws:
        session = ws.session()
    print(f"\n{'stakeholders':<14} {'analysis':>10} {'one rank':>10} {'x floor':>20} {'rows':>6}")
    for m in (3, 10):
        people = tuple(
            Stakeholder(f"s{i}", dict(zip(KEYS, rng.uniform(0.1, 1, len(KEYS)), strict=True)))
            for i in range(m)
        )
        profile = Profile("bench", group_weights(people), stakeholders=people)
        matrix = session.recommend(profile).matrix
        ranking = rank(matrix, profile)
        times = interleaved_rounds(
            {
                "analysis": lambda x=matrix, p=profile, r=ranking: analyse(x, p, r),
                "floor": lambda x=matrix, p=profile: rank(x, p),
            },
            rounds,
        )
        seconds, floor = statistics.median(times["analysis"]), statistics.median(times["floor"])
        ratio = round_ratios(times["analysis"], times["floor"])
        rows.append(
            {
                "what": f"analysis m={m}",
                "ours_ms": seconds * 1e3,
                "floor_ms": floor * 1e3,
                "x_floor": ratio,
            }
        )
        print(
            f"{m:<14} {seconds * 1e3:>8.2f}ms {floor * 1e3:>8.2f}ms {_ratio_text(ratio):>20} "
            f"{len(matrix):>6}"
        )
    write_results(args.json, rows)


if __name__ == "__main__":
    main()
