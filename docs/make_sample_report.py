"""Write docs/sample-report.pdf from the bundled catalogue and an example profile, and PNGs of
its first pages (needs `pdftoppm` from poppler-utils for the PNGs).

Run:  python docs/make_sample_report.py
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

from advisor.app.profiles import load_profile
from advisor.app.report import ReportOptions, export_report
from advisor.app.workspace import Workspace

DOCS = Path(__file__).resolve().parent
PROFILE = DOCS.parent / "data" / "profiles" / "coding-assistant.toml"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp, Workspace.open(Path(tmp) / "c.sqlite") as ws:
        session = ws.session()
        facts = ws.meta()
    facts["created_at"] = "2026-11-25"  # a fixed date keeps the sample reproducible
    facts["bundled_from"] = "data/"
    options = ReportOptions(
        organisation="Example Corp procurement",
        author="Model Advisor sample",
        date=dt.date(2026, 11, 25),
    )
    pdf = export_report(session, load_profile(PROFILE), DOCS / "sample-report.pdf", options, facts)
    print(pdf)
    if shutil.which("pdftoppm"):
        prefix = DOCS / "screenshots" / "report-page"
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "4", str(pdf), str(prefix)],
            check=True,
        )
        for png in sorted(prefix.parent.glob("report-page-*.png")):
            print(png)
    else:
        print("pdftoppm not found: install poppler-utils to render the page images")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
