"""``advisor gui`` (and ``advisor`` alone): open the desktop window."""

from __future__ import annotations

import argparse

from advisor.gui import app


def gui(args: argparse.Namespace) -> int:
    return app.run(db=args.db, profile=getattr(args, "profile", None))
