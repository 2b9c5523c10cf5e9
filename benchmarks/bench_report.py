"""Report generation time for the bundled catalogue, beside a floor in the same run: the same
number of pages of plain reportlab text (no tables, charts or ranking).

Run:  python benchmarks/bench_report.py [--json PATH] [--quick]

Target (issue 4): under 3 s median for the bundled catalogue.
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate
from timing import benchmark_args, interleaved_rounds, round_ratios, write_results

from advisor.app.profiles import load_profile
from advisor.app.report import ReportOptions, export_report
from advisor.app.workspace import Workspace

PROFILES = Path(__file__).resolve().parents[1] / "data" / "profiles"


def plain_pdf(path: Path, pages: int) -> None:
    style = getSampleStyleSheet()["BodyText"]
    story = []
    for page in range(pages):
        story += [Paragraph(f"Page {page + 1}. " + "Plain text. " * 200, style), PageBreak()]
    SimpleDocTemplate(str(path)).build(story)


def main() -> None:
    args = benchmark_args(__doc__, "bench_report")
    rounds = 2 if args.quick else 7
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        with Workspace.open(tmp / "c.sqlite") as workspace:
            facts = workspace.meta()
            db_path = tmp / "c.sqlite"
        options = ReportOptions(date=dt.date(2026, 11, 25))
        for profile_path in sorted(PROFILES.glob("*.toml")):
            profile = load_profile(profile_path)
            out = tmp / f"{profile_path.stem}.pdf"

            def end_to_end(profile=profile, out=out):
                # What `advisor report` does after start-up: open, rank, write.
                with Workspace.open(db_path) as workspace:
                    session = workspace.session()
                export_report(session, profile, out, options, facts)

            end_to_end()
            pages = len(PdfReader(str(out)).pages)
            times = interleaved_rounds(
                {
                    "report": end_to_end,
                    "floor": lambda pages=pages: plain_pdf(tmp / "plain.pdf", pages),
                },
                rounds,
            )
            results.append(
                {
                    "profile": profile_path.stem,
                    "pages": pages,
                    "report_s": statistics.median(times["report"]),
                    "plain_text_floor_s": statistics.median(times["floor"]),
                    "x_floor": round_ratios(times["report"], times["floor"]),
                    "kib": out.stat().st_size / 1024,
                }
            )
    print(f"{rounds} rounds, each report interleaved with its floor (plain text, same pages)")
    print(
        f"{'profile':<26} {'pages':>5} {'report':>9} {'floor':>9} "
        f"{'x floor min/med/max':>20} {'size':>9}"
    )
    for r in results:
        low, mid, high = r["x_floor"]
        print(
            f"{r['profile']:<26} {r['pages']:>5} {r['report_s']:>8.2f}s "
            f"{r['plain_text_floor_s']:>8.2f}s {f'{low:.1f} / {mid:.1f} / {high:.1f}':>20} "
            f"{r['kib']:>6.0f} KiB"
        )
    worst = max(r["report_s"] for r in results)
    print(
        f"\ntarget: under 3 s median per report; slowest {worst:.2f} s "
        f"{'met' if worst < 3 else 'MISSED'}"
    )
    write_results(args.json, results)


if __name__ == "__main__":
    main()
