"""``advisor``: parse the command line, run the command it names, and turn every failure into
one sentence on standard error and an exit status."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence

from advisor.cli.parser import build_parser, version_line

EXIT_OK, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 130
GUI_OPTIONS = ("--db", "--profile")  # given without a command, they open the window


def _command(name: str):
    """The function that runs a command: "ranking.rank" -> advisor.cli.commands.ranking.rank.
    Imported here, when the command runs, so that ``--help`` imports no use case."""
    module, _, function = name.rpartition(".")
    return getattr(importlib.import_module(f"advisor.cli.commands.{module}"), function)


def _run(args) -> int:
    # Imported when a command runs, not for `--help` or `--version` (dataclasses, re: 25 ms)
    from advisor.domain.errors import AdvisorError, ImportRejected
    from advisor.domain.secrets import redact

    try:
        return _command(args.command_function)(args)
    except ImportRejected as exc:
        print(f"error: {exc}", file=sys.stderr)
        for line in exc.lines():
            print(f"  {line}", file=sys.stderr)
        return EXIT_ERROR
    except AdvisorError as exc:
        print(f"error: {redact(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug: say so in one line unless asked for details
        if os.environ.get("ADVISOR_DEBUG"):
            raise
        print(
            f"internal error: {type(exc).__name__}: {redact(str(exc))}. This is a bug in Model "
            "Advisor; "
            "run again with ADVISOR_DEBUG=1 for details and report it.",
            file=sys.stderr,
        )
        return EXIT_ERROR


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status. A lone ``P.toml`` argument opens the
    window on that profile (what a desktop does when a profile file is opened with the app)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--version"]:  # without building the whole grammar (issue 21: start-up)
        print(version_line())
        return EXIT_OK
    parser = build_parser(lazy=True)
    if len(argv) == 1 and argv[0].lower().endswith(".toml") and not argv[0].startswith("-"):
        argv = ["gui", "--profile", argv[0]]
    elif argv and argv[0].split("=")[0] in GUI_OPTIONS:  # `advisor --db X`: the window's options
        argv = ["gui", *argv]
    args = parser.parse_args(argv)
    if args.command is None:  # no command: open the desktop window
        args = parser.parse_args(["gui"])
    return _run(args)
