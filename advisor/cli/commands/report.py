"""``advisor report``: the recommendation report as a PDF (in a module of its own, so that the
other commands never import reportlab)."""

from __future__ import annotations

import argparse
import datetime as dt

from advisor.app.profiles import load_profile
from advisor.app.report import ReportOptions, export_report
from advisor.app.workspace import Workspace
from advisor.domain.errors import AdvisorError

EXIT_OK = 0


def report(args: argparse.Namespace) -> int:
    profile = load_profile(args.profile, args.missing)
    if args.shortlist < 1:
        raise AdvisorError("--shortlist must be at least 1.")
    options = ReportOptions(
        title=args.title,
        organisation=args.organisation,
        author=args.author,
        page_size=args.page_size,
        shortlist=args.shortlist,
        date=dt.date.fromisoformat(args.date) if args.date else dt.date.today(),
    )
    with Workspace.open(args.db) as workspace:
        session, facts = workspace.session(), workspace.meta()
    path = export_report(session, profile, args.output, options, facts)
    print(f"Wrote {path}")
    return EXIT_OK
