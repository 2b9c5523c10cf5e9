"""The ``advisor`` command line's grammar: every command, its options and their help.

Building the parser imports no use case: each command names the function that runs it
(``command_function``, "module.function" under ``advisor.cli.commands``), imported only when
that command runs, so ``advisor --help`` stays fast."""

from __future__ import annotations

import argparse
import functools
import math


def version_line() -> str:
    """What ``advisor --version`` prints (the version is looked up only when asked for)."""
    import advisor

    return f"advisor {advisor.__version__}"


class _VersionAction(argparse.Action):
    """``--version`` among other arguments (``advisor --version`` alone: cli.main)."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        print(version_line())
        parser.exit()


# The catalogue's tables (kept here so that `--help` does not import the catalogue package).
EXPORT_TABLES = (
    "assurances",
    "benchmarks",
    "criterion_groups",
    "lifecycle",
    "measurements",
    "model_attributes",
    "models",
    "rate_limits",
    "results",
    "sources",
    "vendors",
)

# The public data sources (kept here so that `--help` does not import the sources package).
SOURCE_KEYS = ("models.dev", "litellm", "genai-prices", "epoch", "tau2-bench", "vectara", "aider")

# The missing-data rules (advisor.domain.vocabulary.MissingRule; kept here for `--help`).
MISSING_RULES = ("worst", "mean", "exclude", "renormalise", "estimate")

LIST_CHOICES = (
    "models",
    "benchmarks",
    "results",
    "criteria",
    "groups",
    "rate-limits",
    "measurements",
    "vendors",
)


def _whole_number(low: int, high: int):
    """An argparse type: a whole number from ``low`` to ``high``."""

    def parse(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"{number} is not from {low} to {high}")
        return number

    return parse


def _seconds(high: float):
    """An argparse type: a number of seconds above 0 and at most ``high``."""

    def parse(text: str) -> float:
        try:
            number = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
        if not (math.isfinite(number) and 0 < number <= high):
            raise argparse.ArgumentTypeError(f"{text} is not above 0 and at most {high:g} seconds")
        return number

    return parse


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="catalogue database (default: $ADVISOR_DB or the user data folder; created from "
        "the bundled catalogue on first use)",
    )


def _add_profile(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--profile", required=True, metavar="P.toml", help="requirements profile (TOML)"
    )
    parser.add_argument(
        "--missing",
        choices=MISSING_RULES,
        metavar="RULE",
        help="missing-data rule instead of the profile's policy.missing: "
        + ", ".join(MISSING_RULES)
        + " (estimate: a capability model's estimate, marked as such; docs/scoring.md)",
    )


def _add_json(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--json", action="store_true", help=f"print {what} as JSON")


def _iso_date(text: str) -> str:
    import datetime as dt  # only when a date is given: `--help` skips it (3 ms)

    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in YYYY-MM-DD form") from None
    return text


class _CommandParser(argparse.ArgumentParser):
    """A command's parser whose arguments are added by ``arguments(parser)``: at once, or, when
    ``lazy``, only once the command is parsed or its help shown, so that ``advisor --help`` and
    one command's run build no other command's grammar (issue 21: start-up)."""

    def __init__(self, *args, arguments=None, lazy: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._arguments = arguments
        if not lazy:
            self._complete()

    def _complete(self) -> None:
        arguments, self._arguments = self._arguments, None
        if arguments is not None:
            arguments(self)

    def parse_known_args(self, args=None, namespace=None):
        self._complete()
        return super().parse_known_args(args, namespace)

    def format_help(self) -> str:
        self._complete()
        return super().format_help()

    def format_usage(self) -> str:
        self._complete()
        return super().format_usage()


def build_parser(lazy: bool = False) -> argparse.ArgumentParser:
    """The argument parser. With ``lazy``, each command's arguments are added when that command
    is parsed (the command line's own use); otherwise all at once (the tests and the docs
    check that walk every command)."""
    parser = argparse.ArgumentParser(
        prog="advisor",
        description="Model Advisor: rank LLM vendors and models against your requirements, "
        "the way you will actually run them. Offline; every figure is sourced.",
    )
    parser.add_argument(
        "--version", action=_VersionAction, nargs=0, help="show program's version number and exit"
    )
    sub = parser.add_subparsers(
        dest="command",
        metavar="COMMAND",
        help="run `advisor COMMAND --help` for its options",
        parser_class=functools.partial(_CommandParser, lazy=lazy),
    )

    sub.add_parser(
        "rank",
        help="rank every candidate against a profile",
        description="Rank every candidate (a model in a mode, bought through one offer: the "
        "vendor's API, a cloud and region, a gateway or self-hosting) against a profile TOML. "
        "Each model and mode is shown once, through its best-ranked offer.",
        arguments=_rank_arguments,
    )

    sub.add_parser(
        "stakeholders",
        help="where a profile's stakeholders agree and disagree",
        description="For a profile with stakeholders: each one's weights and how they were "
        "elicited, the group rule, each one's top 3, the criteria whose weights differ most, "
        "and the candidates in every stakeholder's top k.",
        arguments=_stakeholders_arguments,
    )

    sub.add_parser(
        "gui",
        help="open the desktop window (the default with no command)",
        description="Open the Model Advisor window on the catalogue.",
        arguments=_gui_arguments,
    )

    sub.add_parser(
        "explain",
        help="show every figure behind one candidate's score",
        description="Show every figure counted for a candidate with its condition, "
        "source and date, and the published figures the policy did not count.",
        arguments=_explain_arguments,
    )

    sub.add_parser(
        "compare",
        help="is the difference real? P(A outscores B) under measurement noise",
        description="Draw every benchmark figure within its standard error (the source's own, "
        "or binomial from the benchmark's item count) and score the candidates with the "
        "profile's weights and method: P(first), P(A outscores B) overall and per criterion, "
        "and whether each gap is real at 95% confidence.",
        arguments=_compare_arguments,
    )

    sub.add_parser(
        "report",
        help="write the recommendation report (PDF)",
        description="Rank against a profile and write a PDF report a committee can sign off: "
        "summary, requirements, ranking, trade-offs, shortlisted candidates, method, caveats "
        "and numbered sources. Needs no display.",
        arguments=_report_arguments,
    )

    sub.add_parser(
        "sensitivity",
        help="how robust the ranking is to the weights and the figures",
        description="Rank acceptability under sampled weights (SMAA), weight stability "
        "intervals of the top candidate, and the effect of missing figures.",
        arguments=_sensitivity_arguments,
    )

    sub.add_parser(
        "keys",
        help="API keys for the live probe (kept in the system keyring only)",
        description="Store, list and delete API keys for the probe's endpoints. Keys live in "
        "the operating system's keyring and nowhere else; `list` never shows a key.",
        arguments=_keys_arguments,
    )

    sub.add_parser(
        "endpoint",
        help="add or change a probe endpoint (base URL, wire format, vendor)",
        description="Point the probe at another base URL (a company gateway, a self-hosted "
        "vLLM) or add an endpoint. Wire formats: anthropic, openai, gemini, openai_compatible.",
        arguments=_endpoint_arguments,
    )

    sub.add_parser(
        "probe",
        help="measure latency, speed and rate limits from this workstation",
        description="Send a few small streamed requests per candidate with your own key, time "
        "the first token and the output speed, read the rate-limit headers, and store the "
        "results as internal measurements. The only command that uses the network.",
        arguments=_probe_arguments,
    )

    sub.add_parser(
        "catalogue",
        help="import, export and list the catalogue",
        description="Manage the SQLite catalogue of models, benchmarks and results.",
        arguments=_catalogue_arguments,
    )
    return parser


def _rank_arguments(p: argparse.ArgumentParser) -> None:
    """``advisor rank``'s arguments."""
    _add_profile(p)
    _add_db(p)
    _add_json(p, "the ranking")
    p.add_argument("--top", type=int, metavar="N", help="show only the best N candidates")
    p.add_argument(
        "--every-offer",
        action="store_true",
        help="list every offer of every model, ranked and excluded, not only the best one",
    )
    p.add_argument(
        "--snapshot",
        metavar="NAME",
        help="rank against a saved snapshot of the catalogue (reproduce an old report)",
    )
    p.add_argument(
        "--stakeholder",
        metavar="NAME",
        help="rank on one stakeholder's weights instead of the group's",
    )
    p.set_defaults(command_function="ranking.rank")


def _stakeholders_arguments(p: argparse.ArgumentParser) -> None:
    """``advisor stakeholders``'s arguments."""
    _add_profile(p)
    p.add_argument(
        "--top-k",
        type=int,
        metavar="K",
        help="consensus: candidates in every stakeholder's top K (default: the profile's)",
    )
    _add_db(p)
    _add_json(p, "the analysis")
    p.set_defaults(command_function="ranking.stakeholders")


def _gui_arguments(p: argparse.ArgumentParser) -> None:
    """``advisor gui``'s arguments."""
    p.add_argument("--profile", metavar="P.toml", help="profile to open")
    _add_db(p)
    p.set_defaults(command_function="gui.gui")


def _explain_arguments(p: argparse.ArgumentParser) -> None:
    """``advisor explain``'s arguments."""
    p.add_argument(
        "candidate", metavar="MODEL_ID[@MODE]", help="e.g. claude-opus-4@extended_thinking"
    )
    _add_profile(p)
    _add_db(p)
    _add_json(p, "the figures")
    p.set_defaults(command_function="ranking.explain")


def _compare_arguments(p: argparse.ArgumentParser) -> None:
    """``advisor compare``'s arguments."""
    p.add_argument(
        "candidates",
        nargs="+",
        metavar="CANDIDATE",
        help="two or more: a model id (its best offer), MODEL_ID@MODE or a full label",
    )
    _add_profile(p)
    p.add_argument("--samples", type=int, default=10_000, metavar="N", help="draws (default 10000)")
    p.add_argument("--seed", type=int, default=0, help="random seed (same seed, same result)")
    _add_db(p)
    _add_json(p, "the comparison")
    p.set_defaults(command_function="ranking.compare")


def _report_arguments(p: argparse.ArgumentParser) -> None:
    """``advisor report``'s arguments."""
    _add_profile(p)
    p.add_argument("-o", "--output", required=True, metavar="REPORT.pdf", help="PDF file to write")
    p.add_argument("--title", default="LLM vendor and model recommendation", help="report title")
    p.add_argument("--organisation", default="", help="organisation named on the cover")
    p.add_argument("--author", default="", help="author named on the cover")
    p.add_argument("--page-size", choices=("A4", "Letter"), default="A4", help="paper size")
    p.add_argument(
        "--shortlist",
        type=int,
        default=3,
        metavar="N",
        help="candidates with a page of their own (default 3)",
    )
    p.add_argument(
        "--date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="report date (default today; fix it to reproduce a report exactly)",
    )
    _add_db(p)
    p.set_defaults(command_function="report.report")


def _sensitivity_arguments(p: argparse.ArgumentParser) -> None:
    """``advisor sensitivity``'s arguments."""
    _add_profile(p)
    p.add_argument(
        "--samples", type=int, default=5000, metavar="N", help="weight samples (default 5000)"
    )
    p.add_argument(
        "--concentration",
        type=float,
        default=50.0,
        metavar="C",
        help="Dirichlet concentration around your weights; larger = closer (default 50)",
    )
    p.add_argument(
        "--uniform", action="store_true", help="sample weights uniformly instead (weights unknown)"
    )
    p.add_argument(
        "--relative-error",
        type=float,
        default=None,
        metavar="E",
        help="perturb every figure by up to ±E (e.g. 0.05 for 5%%) instead of by its own "
        "standard error (the default); 0 holds the figures fixed",
    )
    p.add_argument("--seed", type=int, default=0, help="random seed (same seed, same result)")
    _add_db(p)
    _add_json(p, "the study")
    p.set_defaults(command_function="ranking.sensitivity")


def _keys_arguments(p: argparse.ArgumentParser) -> None:
    """``advisor keys``'s arguments."""
    ksub = p.add_subparsers(dest="keys_command", metavar="ACTION", required=True, help="what to do")
    p = ksub.add_parser(
        "list",
        help="which endpoints have a key (never the key)",
        description="List the probe's endpoints, where each one's key is kept (keyring, "
        "session, environment variable) and whether the keyring is usable. Never prints a key.",
    )
    _add_db(p)
    p.set_defaults(command_function="probe.keys")
    p = ksub.add_parser(
        "set",
        help="store or replace an endpoint's key (read from stdin or a hidden prompt)",
        description="Read the key from standard input or a hidden prompt (never from the "
        "command line) and store it in the system keyring.",
    )
    p.add_argument("endpoint", metavar="ENDPOINT", help="e.g. anthropic, openai, google")
    _add_db(p)
    p.set_defaults(command_function="probe.keys")
    p = ksub.add_parser(
        "delete",
        help="forget an endpoint's key",
        description="Delete an endpoint's key from the system keyring (and this session).",
    )
    p.add_argument("endpoint", metavar="ENDPOINT", help="e.g. anthropic, openai, google")
    _add_db(p)
    p.set_defaults(command_function="probe.keys")


def _endpoint_arguments(p: argparse.ArgumentParser) -> None:
    """``advisor endpoint``'s arguments."""
    p.add_argument("name", metavar="NAME", help="endpoint name, e.g. anthropic or gateway")
    p.add_argument("--base-url", help="e.g. https://gateway.example.com/v1")
    p.add_argument(
        "--wire", choices=["anthropic", "openai", "gemini", "openai_compatible"], help="API format"
    )
    p.add_argument("--vendor", help="the catalogue vendor whose models it serves")
    _add_db(p)
    p.set_defaults(command_function="probe.endpoint")


def _probe_arguments(p: argparse.ArgumentParser) -> None:
    """``advisor probe``'s arguments."""
    p.add_argument(
        "candidates", nargs="+", metavar="MODEL_ID[@MODE]", help="e.g. claude-sonnet-4.5@standard"
    )
    p.add_argument(
        "--samples",
        type=_whole_number(1, 1000),
        default=5,
        help="requests per candidate, 1-1000 (default 5)",
    )
    p.add_argument(
        "--concurrency",
        type=_whole_number(1, 32),
        default=2,
        help="requests at once, 1-32 (default 2)",
    )
    p.add_argument(
        "--timeout",
        type=_seconds(600),
        default=30.0,
        help="seconds without a reply, up to 600 (default 30; a request may take 4× in all)",
    )
    p.add_argument("--region", default="", help="a label for where you measured from")
    p.add_argument("--endpoint", help="endpoint name (default: the one serving the vendor)")
    p.add_argument(
        "--api-model",
        action="append",
        metavar="MODEL_ID=NAME",
        help="the model's name at the endpoint when it differs from the catalogue id",
    )
    p.add_argument("--no-store", action="store_true", help="print the figures, store nothing")
    _add_db(p)
    p.set_defaults(command_function="probe.probe")


def _catalogue_arguments(p: argparse.ArgumentParser) -> None:
    """``advisor catalogue``'s arguments."""
    csub = p.add_subparsers(
        dest="catalogue_command", metavar="ACTION", required=True, help="what to do"
    )

    p = csub.add_parser(
        "import",
        help="import a folder of catalogue CSV files (all or nothing)",
        description="Validate and import a folder of CSV files in the data/ format. "
        "Any bad row rejects the whole import and nothing is written.",
    )
    p.add_argument(
        "folder",
        metavar="SOURCE",
        help="a folder holding models.csv, benchmark_results.csv …, one such CSV, a .json or "
        "an .xlsx file",
    )
    p.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
    _add_db(p)
    p.set_defaults(command_function="catalogue.import_")

    p = csub.add_parser(
        "export",
        help="export the catalogue as a CSV folder",
        description="Write the catalogue as CSV files that `catalogue import` reads.",
    )
    p.add_argument(
        "folder",
        metavar="TARGET",
        help="a folder to write CSV files into (created if needed), a .json or an .xlsx file",
    )
    p.add_argument(
        "--table",
        action="append",
        choices=sorted(EXPORT_TABLES),
        help="export only this table (repeat for several)",
    )
    p.add_argument(
        "--model",
        action="append",
        metavar="MODEL_ID",
        help="export only rows about this model (repeat for several)",
    )
    p.add_argument("--vendor", action="append", help="export only rows about this vendor's models")
    _add_db(p)
    p.set_defaults(command_function="catalogue.export")

    p = csub.add_parser(
        "list",
        help="list models, benchmarks, results, criteria …",
        description="Print one catalogue table.",
    )
    p.add_argument("what", choices=LIST_CHOICES, help="what to list")
    p.add_argument("--all-columns", action="store_true", help="print every column")
    _add_db(p)
    _add_json(p, "the rows")
    p.set_defaults(command_function="catalogue.list_")

    p = csub.add_parser(
        "snapshot",
        help="save a dated, named copy of the catalogue",
        description="Save the catalogue as it is now under a dated name, to compare with later "
        "or to reproduce a report (`advisor rank --snapshot NAME`).",
    )
    p.add_argument("name", metavar="NAME", help="e.g. 2026-Q4")
    _add_db(p)
    p.set_defaults(command_function="catalogue.snapshot")

    p = csub.add_parser(
        "snapshots",
        help="list saved snapshots",
        description="List the saved snapshots, oldest first.",
    )
    _add_db(p)
    p.set_defaults(command_function="catalogue.snapshots")

    p = csub.add_parser(
        "diff",
        help="what changed between a snapshot and now (or two snapshots)",
        description="List models and rows added or removed and every changed value, with both "
        "values, from snapshot OLD to snapshot NEW (default: the current catalogue).",
    )
    p.add_argument("old", metavar="OLD", help="snapshot name")
    p.add_argument("new", metavar="NEW", nargs="?", help="snapshot name (default: now)")
    _add_db(p)
    _add_json(p, "the changes")
    p.set_defaults(command_function="catalogue.diff")

    p = csub.add_parser(
        "sync",
        help="update the catalogue from a public data source (a file you downloaded)",
        description="Read a newer copy of a public source in its own published format (the "
        "file or folder as downloaded), map its model names, and import it all or nothing: "
        "the source's earlier rows are replaced, models new to the catalogue are created, and "
        "values you set by hand are kept and listed as conflicts. Sources: "
        + ", ".join(SOURCE_KEYS)
        + ".",
    )
    p.add_argument("source", metavar="SOURCE", choices=SOURCE_KEYS, help="which source")
    p.add_argument(
        "path",
        metavar="PATH",
        nargs="?",
        help="the source's file or folder as downloaded (not needed with --download)",
    )
    p.add_argument(
        "--download",
        action="store_true",
        help="fetch the newest copy from the source's published address first (network)",
    )
    p.add_argument("--url", metavar="URL", help="with --download: fetch from this mirror instead")
    p.add_argument("--dry-run", action="store_true", help="preview the changes, write nothing")
    _add_db(p)
    _add_json(p, "the preview")
    p.set_defaults(command_function="sources.sync")

    p = csub.add_parser(
        "info",
        help="where the catalogue is and what it holds",
        description="Print the catalogue path, schema version and row counts.",
    )
    _add_db(p)
    p.set_defaults(command_function="catalogue.info")
