"""``advisor`` entry point and sub-commands."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence

from advisor.domain.errors import AdvisorError, ImportRejected

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
# The catalogue's tables (kept here so that `--help` does not import the catalogue package).
EXPORT_TABLES = (
    "benchmarks",
    "criterion_groups",
    "measurements",
    "models",
    "rate_limits",
    "results",
    "vendors",
)

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
LIST_COLUMNS = {
    "models": [
        "model_id",
        "vendor",
        "display_name",
        "input_usd_per_mtok",
        "output_usd_per_mtok",
        "context_window",
        "open_weights",
        "source_date",
    ],
    "benchmarks": ["benchmark", "name", "category", "unit", "higher_is_better"],
    "results": [
        "model_id",
        "benchmark",
        "condition",
        "score",
        "reasoning_effort",
        "harness",
        "task_subset",
        "settings",
        "source_kind",
        "reported_by",
        "source_date",
    ],
    "rate-limits": [
        "vendor",
        "tier",
        "tier_level",
        "model_ids",
        "requests_per_min",
        "input_tokens_per_min",
        "tokens_per_min",
        "source_date",
    ],
}


def _version() -> str:
    from advisor import __version__

    return __version__


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


def _add_json(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--json", action="store_true", help=f"print {what} as JSON")


def _cmd_rank(args: argparse.Namespace) -> int:
    from advisor import services
    from advisor.cli.format import ranking_text

    profile = services.load_profile(args.profile)
    if args.stakeholder is not None:
        args.stakeholder = args.stakeholder.strip()
        profile = profile.for_stakeholder(args.stakeholder)
    with services.catalogue(args.db, args.snapshot) as db:
        rec = services.recommend(profile, db)
    if args.json:
        data = services.ranking_to_dict(rec, args.top)
        if profile.stakeholders:
            data["weights_of"] = args.stakeholder or f"group ({profile.aggregation.value} mean)"
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        if profile.stakeholders:
            who = args.stakeholder or f"the group ({profile.aggregation.value} mean)"
            print(f"Weights of {who}; --stakeholder NAME ranks for one of them.")
        print(ranking_text(rec, args.top))
    return EXIT_OK


def _cmd_stakeholders(args: argparse.Namespace) -> int:
    from advisor import services
    from advisor.cli.format import group_text

    profile = services.load_profile(args.profile)
    if not profile.stakeholders:
        raise AdvisorError(
            f"{args.profile} has no stakeholders; add [[stakeholders]] tables "
            "(see docs/scoring.md, Stakeholders) or use the Stakeholders tab in the window."
        )
    if args.top_k is not None and args.top_k < 1:
        raise AdvisorError("--top-k must be at least 1.")
    with services.catalogue(args.db) as db:
        session = services.RankingSession.from_db(db)
        names = services.display_names(session.frames)
    rec = session.recommend(profile)
    analysis = services.group_analysis(rec, args.top_k)
    if args.json:
        print(json.dumps(services.group_to_dict(analysis, profile), indent=2, ensure_ascii=False))
    else:
        print(group_text(analysis, profile, names))
    return EXIT_OK


def _cmd_explain(args: argparse.Namespace) -> int:
    from advisor import services
    from advisor.cli.format import explain_text

    profile = services.load_profile(args.profile)
    with services.catalogue(args.db) as db:
        rec = services.recommend(profile, db)
    labels = rec.matrix.labels()
    wanted = args.candidate if "@" in args.candidate else f"{args.candidate}@standard"
    if wanted not in labels:
        close = [lab for lab in labels if lab.startswith(args.candidate.split("@")[0])]
        hint = f" Candidates for that model: {', '.join(close)}." if close else ""
        raise AdvisorError(f"No candidate {wanted!r} under this profile; use MODEL_ID@MODE.{hint}")
    row = labels.index(wanted)
    figures = services.figures_for(rec, row)
    aside = services.set_aside_for(rec, row)
    if args.json:
        print(json.dumps({"candidate": wanted, "figures": figures, "not_counted": aside}, indent=2))
    else:
        print(explain_text(rec, wanted, figures, aside))
    return EXIT_OK


def _print_summary(summary, action: str) -> None:
    for t in summary.tables:
        print(
            f"  {t.table:<18} {t.added:>5} added  {t.changed:>5} changed  "
            f"{t.unchanged:>5} unchanged"
        )
    print(action)


def _cmd_import(args: argparse.Namespace) -> int:
    from advisor import services

    with services.catalogue(args.db) as db:
        summary = services.import_catalogue(args.folder, db, dry_run=args.dry_run)
    if args.dry_run:
        _print_summary(summary, "Dry run: the import is valid; nothing was written.")
    else:
        _print_summary(summary, f"Imported {summary.total_rows} rows from {args.folder}.")
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from advisor import services

    with services.catalogue(args.db) as db:
        only = None
        if args.table or args.model or args.vendor:
            only = services.filtered_view(db, args.table, args.model, args.vendor)
            if not any(only.values()):
                print(
                    "Nothing matched --table/--model/--vendor; no file was written. "
                    "Check the ids with `advisor catalogue list models`.",
                    file=sys.stderr,
                )
                return EXIT_ERROR
        written = services.export_catalogue(args.folder, db, only)
    for path in written:
        print(path)
    return EXIT_OK


def _cmd_list(args: argparse.Namespace) -> int:
    from advisor import services
    from advisor.cli.format import frame_text

    with services.catalogue(args.db) as db:
        frame = services.list_table(db, args.what)
    if args.json:
        print(frame.to_json(orient="records", indent=2, force_ascii=False))
    else:
        print(frame_text(frame, None if args.all_columns else LIST_COLUMNS.get(args.what)))
    return EXIT_OK


def _cmd_report(args: argparse.Namespace) -> int:
    import datetime as dt

    from advisor import services
    from advisor.catalogue import meta
    from advisor.report import ReportOptions

    profile = services.load_profile(args.profile)
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
    with services.catalogue(args.db) as db:
        session = services.RankingSession.from_db(db)
        facts = meta(db)
    path = services.export_report(session, profile, args.output, options, facts)
    print(f"Wrote {path}")
    return EXIT_OK


def _cmd_sensitivity(args: argparse.Namespace) -> int:
    from advisor import services
    from advisor.cli.format import sensitivity_text

    profile = services.load_profile(args.profile)
    if args.samples < 1:
        raise AdvisorError("--samples must be at least 1.")
    with services.catalogue(args.db) as db:
        rec = services.recommend(profile, db)
    if len(rec.ranking) == 0:
        raise AdvisorError("No candidate passes the hard constraints, so there is nothing to test.")
    study = services.sensitivity(
        rec,
        samples=args.samples,
        concentration=None if args.uniform else args.concentration,
        relative_error=args.relative_error,
        seed=args.seed,
    )
    if args.json:
        print(json.dumps(study, indent=2, ensure_ascii=False))
    else:
        print(sensitivity_text(study))
    return EXIT_OK


def _iso_date(text: str) -> str:
    import datetime as dt

    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in YYYY-MM-DD form") from None
    return text


def _cmd_snapshot(args: argparse.Namespace) -> int:
    from advisor import services
    from advisor.catalogue.snapshots import take_snapshot

    path = services.resolve_db_path(args.db)
    with services.catalogue(args.db) as db:
        snap = take_snapshot(db, path, args.name)
    print(f"Saved snapshot {snap.name!r} ({snap.taken_text}) as {snap.path}")
    return EXIT_OK


def _cmd_snapshots(args: argparse.Namespace) -> int:
    from advisor import services
    from advisor.catalogue.snapshots import list_snapshots

    snaps = list_snapshots(services.resolve_db_path(args.db))
    if not snaps:
        print("No snapshots yet; save one with `advisor catalogue snapshot NAME`.")
    for snap in snaps:
        print(f"{snap.taken_text}  {snap.name}")
    return EXIT_OK


def _cmd_diff(args: argparse.Namespace) -> int:
    from advisor import services
    from advisor.catalogue.snapshots import diff

    with services.catalogue(args.db, args.old) as old, services.catalogue(args.db, args.new) as new:
        changes = diff(old, new)
    if args.json:
        import dataclasses

        rows = [{**dataclasses.asdict(c), "key": list(c.key)} for c in changes]
        print(json.dumps(rows, indent=2, default=str))
        return EXIT_OK
    if not changes:
        print("No differences.")
    for c in changes:
        key = " / ".join(str(k) for k in c.key if k != "")
        if c.kind == "changed":
            print(f"{c.table} {key}: {c.column} {c.before!r} -> {c.after!r}")
        else:
            print(f"{c.table} {key}: {c.kind}")
    return EXIT_OK


def _cmd_info(args: argparse.Namespace) -> int:
    from advisor import services
    from advisor.catalogue import meta, schema_version

    path = services.resolve_db_path(args.db)
    with services.catalogue(args.db) as db:
        counts = {
            t: db[t].count
            for t in ("models", "benchmarks", "results", "rate_limits", "measurements")
        }
        facts = meta(db)
        version = schema_version(db)
        from advisor.catalogue.bundle_updates import conflicts

        pending = conflicts(db)
    print(f"Catalogue: {path}")
    print(f"Schema version: {version}")
    endpoints = facts.pop("probe_endpoints", None)
    for key, value in sorted(facts.items()):
        print(f"{key.replace('_', ' ').capitalize()}: {value}")
    if endpoints:
        print(
            f"Probe endpoints of your own: {len(json.loads(endpoints))} (see `advisor keys list`)"
        )
    print("Rows: " + ", ".join(f"{n} {t}" for t, n in counts.items()))
    if pending:
        print(
            f"Bundled-update conflicts ({len(pending)}): rows you changed that a newer bundled "
            "catalogue also changed; yours were kept:"
        )
        for c in pending:
            changed = sorted(
                k for k in c["bundled"] if c["yours"] and c["yours"].get(k) != c["bundled"].get(k)
            )
            print(
                f"  {c['file']} {' / '.join(map(str, c['key']))}: "
                + ", ".join(
                    f"{k} yours {c['yours'].get(k)!r}, bundled {c['bundled'].get(k)!r}"
                    for k in changed
                )
                if c["yours"]
                else f"  {c['file']} {' / '.join(map(str, c['key']))}: "
                "you deleted it; the bundle updated it"
            )
    return EXIT_OK


def _endpoint_named(db, name: str):
    from advisor import services

    endpoints = {e.name: e for e in services.probe_endpoints(db)}
    if name not in endpoints:
        raise AdvisorError(
            f"No endpoint called {name!r}; endpoints: {', '.join(sorted(endpoints))} "
            "(add one with `advisor endpoint set`)."
        )
    return endpoints[name]


def _read_key(name: str) -> str:
    """The key from standard input (piped) or a hidden prompt: never from the command line,
    where it would land in the shell history and the process list."""
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(f"API key for {name} (input hidden): ")
    return sys.stdin.readline()


def _cmd_keys(args: argparse.Namespace) -> int:
    from advisor import services
    from advisor.probe.keys import KeyringUnavailable, KeyStore, keyring_status

    keys = KeyStore()
    with services.catalogue(args.db) as db:
        if args.keys_command == "list":
            status = keyring_status()
            print(
                f"Keyring: {status.backend}"
                + ("" if status.usable else f" — not usable: {status.reason}")
            )
            for e in services.probe_endpoints(db):
                where = keys.where(e.name)
                variable = "" if where else keys.take_from_environment(e.name, e.wire.value)
                shown = {"keyring": "key in the keyring", "session": "session key"}.get(
                    where, f"key from ${variable}" if variable else "no key"
                )
                print(f"  {e.name:<18} {e.wire.value:<18} {e.base_url:<48} {shown}")
            return EXIT_OK
        endpoint = _endpoint_named(db, args.endpoint)
    if args.keys_command == "set":
        key = _read_key(endpoint.name)
        try:
            keys.set(endpoint.name, key)
        except KeyringUnavailable as exc:
            raise AdvisorError(
                f"{exc} On the command line, set the vendor's usual environment variable "
                "(e.g. ANTHROPIC_API_KEY) for this session instead."
            ) from None
        print(f"Stored the key for {endpoint.name} in the system keyring.")
    elif args.keys_command == "delete":
        found = keys.delete(endpoint.name)
        print(f"Deleted the key for {endpoint.name}." if found else f"No key for {endpoint.name}.")
    return EXIT_OK


def _cmd_endpoint(args: argparse.Namespace) -> int:
    from advisor import services
    from advisor.probe.endpoints import Endpoint, Wire

    with services.catalogue(args.db) as db:
        current = {e.name: e for e in services.probe_endpoints(db)}.get(args.name)
        wire = Wire(args.wire) if args.wire else (current.wire if current else None)
        if wire is None:
            raise AdvisorError(f"{args.name!r} is a new endpoint: give --wire as well.")
        base = args.base_url or (current.base_url if current else "")
        vendor = args.vendor if args.vendor is not None else (current.vendor if current else "")
        endpoint = Endpoint(args.name, wire, base, vendor)
        services.save_probe_endpoint(db, endpoint)
    print(
        f"Endpoint {endpoint.name}: {endpoint.wire.value} at {endpoint.base_url}"
        + (f" for {endpoint.vendor}" if endpoint.vendor else "")
    )
    return EXIT_OK


def _cmd_probe(args: argparse.Namespace) -> int:
    import threading

    from advisor import services
    from advisor.cli.format import probe_text
    from advisor.probe.keys import KeyStore
    from advisor.probe.runner import Target, run_probe

    api_names = {}
    for item in args.api_model or []:
        model, sep, api = item.partition("=")
        if not sep or not api:
            raise AdvisorError(f"--api-model {item!r}: write MODEL_ID=NAME_AT_THE_ENDPOINT.")
        api_names[model] = api
    keys = KeyStore()
    with services.catalogue(args.db) as db:
        endpoints = services.probe_endpoints(db)
        targets = []
        for label in args.candidates:
            model_id, _, mode = label.partition("@")
            mode = mode or "standard"
            if mode not in ("standard", "extended_thinking"):
                raise AdvisorError(f"{label}: the mode is standard or extended_thinking.")
            endpoint = (
                _endpoint_named(db, args.endpoint)
                if args.endpoint
                else services.endpoint_for(db, model_id, endpoints)
            )
            if endpoint is None:
                raise AdvisorError(
                    f"No endpoint serves {model_id}'s vendor; pass --endpoint NAME "
                    "(see `advisor keys list`)."
                )
            if (
                not keys.get(endpoint.name)
                and not keys.take_from_environment(endpoint.name, endpoint.wire.value)
                and endpoint.wire.value != "openai_compatible"
            ):
                raise AdvisorError(
                    f"No key for endpoint {endpoint.name}: run `advisor keys set {endpoint.name}`."
                )
            targets.append(Target(model_id, mode, endpoint, api_names.get(model_id, "")))
        cancel = threading.Event()

        def progress(done: int, total: int) -> None:
            print(f"\r{done}/{total} requests", end="", file=sys.stderr, flush=True)

        try:
            results = run_probe(
                targets,
                keys.get,
                samples=args.samples,
                concurrency=args.concurrency,
                timeout=args.timeout,
                cancel=cancel,
                progress=progress,
            )
        except KeyboardInterrupt:
            cancel.set()
            raise
        print(file=sys.stderr)
        stored = 0 if args.no_store else services.store_probe_results(db, results, args.region)
    print(probe_text(results))
    if stored:
        print(
            f"Stored {stored} rows in the catalogue (measurements and measured rate limits, "
            f"region {args.region!r}, source kind internal)."
        )
    return EXIT_OK


def _cmd_gui(args: argparse.Namespace) -> int:
    from advisor.gui.app import run

    return run(db=args.db, profile=getattr(args, "profile", None))


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (also used by the docs test that checks every help text)."""
    parser = argparse.ArgumentParser(
        prog="advisor",
        description="Model Advisor: rank LLM vendors and models against your requirements, "
        "the way you will actually run them. Offline; every figure is sourced.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", help="run `advisor COMMAND --help` for its options"
    )

    p = sub.add_parser(
        "rank",
        help="rank every candidate against a profile",
        description="Rank every candidate (a model in a mode) against a profile TOML.",
    )
    _add_profile(p)
    _add_db(p)
    _add_json(p, "the ranking")
    p.add_argument("--top", type=int, metavar="N", help="show only the best N candidates")
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
    p.set_defaults(func=_cmd_rank)

    p = sub.add_parser(
        "stakeholders",
        help="where a profile's stakeholders agree and disagree",
        description="For a profile with stakeholders: each one's weights and how they were "
        "elicited, the group rule, each one's top 3, the criteria whose weights differ most, "
        "and the candidates in every stakeholder's top k.",
    )
    _add_profile(p)
    p.add_argument(
        "--top-k",
        type=int,
        metavar="K",
        help="consensus: candidates in every stakeholder's top K (default: the profile's)",
    )
    _add_db(p)
    _add_json(p, "the analysis")
    p.set_defaults(func=_cmd_stakeholders)

    p = sub.add_parser(
        "gui",
        help="open the desktop window (the default with no command)",
        description="Open the Model Advisor window on the catalogue.",
    )
    p.add_argument("--profile", metavar="P.toml", help="profile to open")
    _add_db(p)
    p.set_defaults(func=_cmd_gui)

    p = sub.add_parser(
        "explain",
        help="show every figure behind one candidate's score",
        description="Show every figure counted for a candidate with its condition, "
        "source and date, and the published figures the policy did not count.",
    )
    p.add_argument(
        "candidate", metavar="MODEL_ID[@MODE]", help="e.g. claude-opus-4@extended_thinking"
    )
    _add_profile(p)
    _add_db(p)
    _add_json(p, "the figures")
    p.set_defaults(func=_cmd_explain)

    p = sub.add_parser(
        "report",
        help="write the recommendation report (PDF)",
        description="Rank against a profile and write a PDF report a committee can sign off: "
        "summary, requirements, ranking, trade-offs, shortlisted candidates, method, caveats "
        "and numbered sources. Needs no display.",
    )
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
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser(
        "sensitivity",
        help="how robust the ranking is to the weights and the figures",
        description="Rank acceptability under sampled weights (SMAA), weight stability "
        "intervals of the top candidate, and the effect of missing figures.",
    )
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
        default=0.0,
        metavar="E",
        help="also perturb every figure by up to ±E (e.g. 0.05 for 5%%)",
    )
    p.add_argument("--seed", type=int, default=0, help="random seed (same seed, same result)")
    _add_db(p)
    _add_json(p, "the study")
    p.set_defaults(func=_cmd_sensitivity)

    keys = sub.add_parser(
        "keys",
        help="API keys for the live probe (kept in the system keyring only)",
        description="Store, list and delete API keys for the probe's endpoints. Keys live in "
        "the operating system's keyring and nowhere else; `list` never shows a key.",
    )
    ksub = keys.add_subparsers(
        dest="keys_command", metavar="ACTION", required=True, help="what to do"
    )
    p = ksub.add_parser(
        "list",
        help="which endpoints have a key (never the key)",
        description="List the probe's endpoints, where each one's key is kept (keyring, "
        "session, environment variable) and whether the keyring is usable. Never prints a key.",
    )
    _add_db(p)
    p.set_defaults(func=_cmd_keys)
    p = ksub.add_parser(
        "set",
        help="store or replace an endpoint's key (read from stdin or a hidden prompt)",
        description="Read the key from standard input or a hidden prompt (never from the "
        "command line) and store it in the system keyring.",
    )
    p.add_argument("endpoint", metavar="ENDPOINT", help="e.g. anthropic, openai, google")
    _add_db(p)
    p.set_defaults(func=_cmd_keys)
    p = ksub.add_parser(
        "delete",
        help="forget an endpoint's key",
        description="Delete an endpoint's key from the system keyring (and this session).",
    )
    p.add_argument("endpoint", metavar="ENDPOINT", help="e.g. anthropic, openai, google")
    _add_db(p)
    p.set_defaults(func=_cmd_keys)

    p = sub.add_parser(
        "endpoint",
        help="add or change a probe endpoint (base URL, wire format, vendor)",
        description="Point the probe at another base URL (a company gateway, a self-hosted "
        "vLLM) or add an endpoint. Wire formats: anthropic, openai, gemini, openai_compatible.",
    )
    p.add_argument("name", metavar="NAME", help="endpoint name, e.g. anthropic or gateway")
    p.add_argument("--base-url", help="e.g. https://gateway.example.com/v1")
    p.add_argument(
        "--wire", choices=["anthropic", "openai", "gemini", "openai_compatible"], help="API format"
    )
    p.add_argument("--vendor", help="the catalogue vendor whose models it serves")
    _add_db(p)
    p.set_defaults(func=_cmd_endpoint)

    p = sub.add_parser(
        "probe",
        help="measure latency, speed and rate limits from this workstation",
        description="Send a few small streamed requests per candidate with your own key, time "
        "the first token and the output speed, read the rate-limit headers, and store the "
        "results as internal measurements. The only command that uses the network.",
    )
    p.add_argument(
        "candidates", nargs="+", metavar="MODEL_ID[@MODE]", help="e.g. claude-sonnet-4.5@standard"
    )
    p.add_argument("--samples", type=int, default=5, help="requests per candidate (default 5)")
    p.add_argument("--concurrency", type=int, default=2, help="requests at once (default 2)")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds without a reply")
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
    p.set_defaults(func=_cmd_probe)

    cat = sub.add_parser(
        "catalogue",
        help="import, export and list the catalogue",
        description="Manage the SQLite catalogue of models, benchmarks and results.",
    )
    csub = cat.add_subparsers(
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
    p.set_defaults(func=_cmd_import)

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
    p.set_defaults(func=_cmd_export)

    p = csub.add_parser(
        "list",
        help="list models, benchmarks, results, criteria …",
        description="Print one catalogue table.",
    )
    p.add_argument("what", choices=LIST_CHOICES, help="what to list")
    p.add_argument("--all-columns", action="store_true", help="print every column")
    _add_db(p)
    _add_json(p, "the rows")
    p.set_defaults(func=_cmd_list)

    p = csub.add_parser(
        "snapshot",
        help="save a dated, named copy of the catalogue",
        description="Save the catalogue as it is now under a dated name, to compare with later "
        "or to reproduce a report (`advisor rank --snapshot NAME`).",
    )
    p.add_argument("name", metavar="NAME", help="e.g. 2026-Q4")
    _add_db(p)
    p.set_defaults(func=_cmd_snapshot)

    p = csub.add_parser(
        "snapshots",
        help="list saved snapshots",
        description="List the saved snapshots, oldest first.",
    )
    _add_db(p)
    p.set_defaults(func=_cmd_snapshots)

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
    p.set_defaults(func=_cmd_diff)

    p = csub.add_parser(
        "info",
        help="where the catalogue is and what it holds",
        description="Print the catalogue path, schema version and row counts.",
    )
    _add_db(p)
    p.set_defaults(func=_cmd_info)
    return parser


def _run(func: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    try:
        return func(args)
    except ImportRejected as exc:
        from advisor.catalogue.importer import iter_problem_lines

        print(f"error: {exc}", file=sys.stderr)
        for line in iter_problem_lines(exc.problems):
            print(f"  {line}", file=sys.stderr)
        return EXIT_ERROR
    except AdvisorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug: say so in one line unless asked for details
        if os.environ.get("ADVISOR_DEBUG"):
            raise
        print(
            f"internal error: {type(exc).__name__}: {exc}. This is a bug in Model Advisor; "
            "run again with ADVISOR_DEBUG=1 for details and report it.",
            file=sys.stderr,
        )
        return EXIT_ERROR


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status. A lone ``P.toml`` argument opens the
    window on that profile (what a desktop does when a profile file is opened with the app)."""
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) == 1 and argv[0].lower().endswith(".toml") and not argv[0].startswith("-"):
        argv = ["gui", "--profile", argv[0]]
    args = parser.parse_args(argv)
    if args.command is None:  # no command: open the desktop window
        args = parser.parse_args(["gui"])
    return _run(args.func, args)
