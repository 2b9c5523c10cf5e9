"""The re-rank after one catalogue edit, at the catalogue's coming size: the incremental update
(the edited model's rows read again and its matrix rows rebuilt) beside a full reload (every
table read, the matrix built anew: what every edit cost before issue 21) and beside the floor
of re-ranking an unchanged matrix (what a weight change costs), rounds interleaved.

Run:  python benchmarks/bench_edit.py [--json PATH] [--quick]

Each round edits one benchmark result's score (alternately up and down), applies it to the
catalogue untimed, then times the session's reload after it: ``incremental`` is
``SessionModel.reload_catalogue(edit)``, ``rebuild`` is ``SessionModel.reload_catalogue()``
(the matrix cache cannot serve a changed catalogue), each beside its ``floor``,
``rerank_now()`` on the same session. ``window`` times the round trip in the real window
(offscreen): the edit through the catalogue actions (applied, the session updated, every view
told) and the event loop's pending work, beside ``window floor``, a weight moved and redrawn
the same way. Each of the three runs in a process of its own on its own copy of the catalogue
(a full reload's garbage never lands in the incremental case's heap), its case and floor
interleaved round by round.

Target (issue 21): at 1,000 models / 100,000 results, the incremental re-rank at most 100 ms.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
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

    def next_texts(self) -> dict[str, str]:
        """The row's texts with the next score typed in."""
        self.step += 1
        self.texts["score"] = f"{self.score + (self.step % 2) * 0.5:g}"
        return self.texts

    def next(self):
        """The next edit, planned (not applied)."""
        return self.store.plan_update("results", self.key, self.next_texts())


def session_cases(db: Path, profile: Path, full: bool) -> dict[str, Callable[[], float]]:
    """``floor`` re-ranks after a weight change; ``incremental`` (or, with ``full``,
    ``rebuild``) applies an edit untimed and times the session's reload after it."""
    store = Workspace.open(db)
    model = SessionModel.on(store)
    model.load(load_profile(profile))
    edits = ScoreEdits(store, len(store.rows("results")) // 2)

    def after_edit() -> float:
        edit = edits.next()
        store.apply(edit)
        start = time.perf_counter()
        model.reload_catalogue(None if full else edit)
        return time.perf_counter() - start

    def floor() -> float:
        start = time.perf_counter()
        model.rerank_now()
        return time.perf_counter() - start

    return {"floor": floor, "rebuild" if full else "incremental": after_edit}


def window_cases(db: Path, profile: Path, settings: Path) -> dict[str, Callable[[], float]]:
    """In the real window (offscreen): ``window floor`` moves a weight and lets the window
    redraw; ``window`` edits a result through the catalogue actions (applied, the session
    updated, every view told) and lets the window redraw. Ties under measurement noise are
    marked later, on a timer, and are not part of either."""
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
    weight = [2.0]

    def edit() -> float:
        texts = edits.next_texts()
        start = time.perf_counter()
        actions.update_row("results", edits.key, texts)
        app.processEvents()
        return time.perf_counter() - start

    def floor() -> float:
        weight[0] = 5.0 - weight[0]  # 2, 3, 2, ...
        start = time.perf_counter()
        window.state.set_weight("blended_usd_per_mtok", weight[0])
        window.state.rerank_now()
        app.processEvents()
        return time.perf_counter() - start

    window_cases.keep = window  # alive for the rounds
    return {"window floor": floor, "window": edit}


def rounds_of(cases: dict[str, Callable[[], float]], rounds: int) -> dict[str, list[float]]:
    """Seconds of each case per round, the order rotated from round to round (one warm-up)."""
    for case in cases.values():
        case()
    times: dict[str, list[float]] = {name: [] for name in cases}
    names = list(cases)
    for r in range(rounds):
        shift = r % len(names)
        for name in names[shift:] + names[:shift]:
            times[name].append(cases[name]())
    return times


KINDS = ("incremental", "rebuild", "window")


def cases_of(kind: str, db: Path, profile: Path, tmp: Path) -> dict[str, Callable[[], float]]:
    if kind == "window":
        return window_cases(db, profile, tmp / "settings.ini")
    return session_cases(db, profile, full=kind == "rebuild")


def rounds_apart(kind: str, db: Path, profile: Path, rounds: int) -> dict[str, list[float]]:
    """One kind's rounds (its case and its floor, interleaved) in a process of its own, on a
    copy of the catalogue: the cases never share a heap, and one case's edits never look to
    another like a write from elsewhere (which reads the catalogue anew)."""
    copy = db.with_name(f"{db.stem}-{kind}{db.suffix}")
    shutil.copyfile(db, copy)
    done = subprocess.run(
        [sys.executable, __file__, "--run", kind, str(copy), str(profile), str(rounds)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    times = json.loads(done.stdout.strip().splitlines()[-1])
    if kind == "rebuild":  # its floor is the same re-rank as the incremental case's
        times["rebuild floor"] = times.pop("floor")
    return times


def measure(folder: Path, models: int, rounds: int) -> dict:
    db, profile, results = build(folder, models)
    times: dict[str, list[float]] = {}
    for kind in KINDS:
        times |= rounds_apart(kind, db, profile, rounds)
    ratios = {
        "incremental": "floor",
        "rebuild": "rebuild floor",
        "window": "window floor",
    }
    return {
        "models": models,
        "results": results,
        **{f"{name}_s": t for name, t in times.items()},
        **{
            f"{name}_x_floor": round_ratios(times[name], times[floor])
            for name, floor in ratios.items()
        },
    }


def main() -> None:
    if len(sys.argv) == 6 and sys.argv[1] == "--run":
        kind, db, profile, rounds = sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]), sys.argv[5]
        with tempfile.TemporaryDirectory() as tmp:
            times = rounds_of(cases_of(kind, db, profile, Path(tmp)), int(rounds))
        print(json.dumps(times))
        return
    args = benchmark_args(__doc__, "bench_edit", "3 rounds")
    rounds = 3 if args.quick else 10
    with tempfile.TemporaryDirectory() as tmp:
        figures = measure(Path(tmp), 1000, rounds)
    print(
        f"re-rank after one edit, {figures['models']:,} models / {figures['results']:,} "
        f"results, {rounds} rounds interleaved (median ms; x floor min/median/max)"
    )
    print(f"{'case':<12} {'median ms':>10} {'x floor min':>12} {'median':>8} {'max':>8}")
    for name in ("floor", "incremental", "rebuild floor", "rebuild", "window floor", "window"):
        median = statistics.median(figures[f"{name}_s"]) * 1000
        if name.endswith("floor"):
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
