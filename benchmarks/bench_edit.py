"""The re-rank after one catalogue edit, at the catalogue's coming size: the incremental update
(the edited model's rows read again and its matrix rows rebuilt) beside a full reload (every
table read, the matrix built anew: what every edit cost before issue 21) and beside the floor
of re-ranking an unchanged matrix (what a weight change costs), rounds interleaved.

Run:  python benchmarks/bench_edit.py [--json PATH] [--quick]

Each round edits one benchmark result's score (alternately up and down), applies it to the
catalogue untimed, then times the session's reload after it: ``incremental`` is
``SessionModel.reload_catalogue(edit)``, ``rebuild`` is ``SessionModel.reload_catalogue()``
(the matrix cache cannot serve a changed catalogue), ``floor`` is ``rerank_now()``. The
``window`` case times the whole round trip in the real window (offscreen): the edit through
the catalogue actions (applied, reloaded, every view told), then the event loop's pending work.

Target (issue 21): at 1,000 models / 100,000 results, the incremental re-rank at most 100 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_rank_json import build
from timing import benchmark_args, round_ratios, write_results

from advisor.app.profiles import load_profile
from advisor.app.session import SessionModel
from advisor.app.workspace import Workspace
from advisor.domain.catalogue_format import spec_of


class ScoreEdits:
    """Edits of one result's score in a workspace, up then down, so the catalogue stays
    near its first state."""

    def __init__(self, store: Workspace, which: int) -> None:
        row = store.rows("results")[which]
        self.store = store
        self.key = tuple(row[c] for c in spec_of("results").pk)
        self.texts = {k: "" if v is None else str(v) for k, v in row.items()}
        self.score = float(row["score"])
        self.step = 0

    def next(self):
        """The next edit, planned (not applied)."""
        self.step += 1
        self.texts["score"] = f"{self.score + (self.step % 2) * 0.5:g}"
        return self.store.plan_update("results", self.key, self.texts)


def session_cases(db: Path, profile: Path) -> dict[str, Callable[[], float]]:
    """Each case: apply an edit untimed, return the seconds of what follows it."""
    store = Workspace.open(db)
    model = SessionModel.on(store)
    model.load(load_profile(profile))
    edits = ScoreEdits(store, len(store.rows("results")) // 2)

    def timed_after_edit(full: bool) -> float:
        edit = edits.next()
        store.apply(edit)
        start = time.perf_counter()
        model.reload_catalogue(None if full else edit)
        return time.perf_counter() - start

    def floor() -> float:
        start = time.perf_counter()
        model.rerank_now()
        return time.perf_counter() - start

    return {
        "floor": floor,
        "incremental": lambda: timed_after_edit(False),
        "rebuild": lambda: timed_after_edit(True),
    }


def window_case(db: Path, profile: Path, settings: Path) -> Callable[[], float]:
    """The edit through the real window's catalogue actions, then the pending events."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from advisor.gui.app import create_window

    app = QApplication.instance() or QApplication([])
    window = create_window(db, QSettings(str(settings), QSettings.Format.IniFormat))
    window.state.load(load_profile(profile))
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    actions = window.catalogue_actions
    edits = ScoreEdits(actions.store, len(actions.store.rows("results")) // 2 + 1)
    window_case.keep = window  # alive for the rounds

    def run() -> float:
        key, texts = edits.key, edits.texts
        edits.step += 1
        texts["score"] = f"{edits.score + (edits.step % 2) * 0.5:g}"
        start = time.perf_counter()
        actions.update_row("results", key, texts)
        app.processEvents()
        return time.perf_counter() - start

    return run


def measure(folder: Path, models: int, rounds: int) -> dict:
    db, profile, results = build(folder, models)
    cases = session_cases(db, profile)
    cases["window"] = window_case(db, profile, folder / "settings.ini")
    for case in cases.values():  # warm-up
        case()
    times: dict[str, list[float]] = {name: [] for name in cases}
    names = list(cases)
    for r in range(rounds):
        shift = r % len(names)
        for name in names[shift:] + names[:shift]:
            times[name].append(cases[name]())
    return {
        "models": models,
        "results": results,
        **{f"{name}_s": t for name, t in times.items()},
        **{f"{name}_x_floor": round_ratios(times[name], times["floor"]) for name in names[1:]},
    }


def main() -> None:
    args = benchmark_args(__doc__, "bench_edit", "3 rounds")
    rounds = 3 if args.quick else 10
    with tempfile.TemporaryDirectory() as tmp:
        figures = measure(Path(tmp), 1000, rounds)
    print(
        f"re-rank after one edit, {figures['models']:,} models / {figures['results']:,} "
        f"results, {rounds} rounds interleaved (median ms; x floor min/median/max)"
    )
    print(f"{'case':<12} {'median ms':>10} {'x floor min':>12} {'median':>8} {'max':>8}")
    for name in ("floor", "incremental", "rebuild", "window"):
        median = statistics.median(figures[f"{name}_s"]) * 1000
        if name == "floor":
            print(f"{name:<12} {median:>10.1f}")
            continue
        low, mid, high = figures[f"{name}_x_floor"]
        print(f"{name:<12} {median:>10.1f} {low:>12.1f} {mid:>8.1f} {high:>8.1f}")
    incremental = statistics.median(figures["incremental_s"]) * 1000
    print(f"target: incremental at most 100 ms: {'met' if incremental <= 100 else 'MISSED'}")
    write_results(args.json, figures)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
