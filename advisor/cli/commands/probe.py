"""``advisor keys``, ``endpoint`` and ``probe``: the live probe from the command line. Keys are
read from standard input or a hidden prompt, never from the command line."""

from __future__ import annotations

import argparse
import getpass
import sys
import threading

from advisor.app import probe as live
from advisor.app.workspace import Workspace
from advisor.cli.format import probe_text
from advisor.domain.errors import AdvisorError
from advisor.domain.wording import agreeing, counted

EXIT_OK, EXIT_INTERRUPTED = 0, 130
KEY_PLACES = {"keyring": "key in the keyring", "session": "session key"}


def _read_key(name: str) -> str:
    """The key from standard input (piped) or a hidden prompt: never from the command line,
    where it would land in the shell history and the process list."""
    if sys.stdin.isatty():
        return getpass.getpass(f"API key for {name} (input hidden): ")
    return sys.stdin.readline()


def keys(args: argparse.Namespace) -> int:
    store = live.KeyStore()
    with Workspace.open(args.db) as workspace:
        if args.keys_command == "list":
            status = live.keyring_status()
            print(
                f"Keyring: {status.backend}"
                + ("" if status.usable else f" — not usable: {status.reason}")
            )
            for e in live.endpoints(workspace):
                where = store.where(e.name)
                variable = "" if where else store.take_from_environment(e.name, e.wire.value)
                shown = KEY_PLACES.get(where, f"key from ${variable}" if variable else "no key")
                print(f"  {e.name:<18} {e.wire.value:<18} {e.base_url:<48} {shown}")
            return EXIT_OK
        endpoint = live.endpoint_named(workspace, args.endpoint)
    if args.keys_command == "set":
        key = _read_key(endpoint.name)
        try:
            store.set(endpoint.name, key)
        except live.KeyringUnavailable as exc:
            raise AdvisorError(
                f"{exc} On the command line, set the vendor's usual environment variable "
                "(e.g. ANTHROPIC_API_KEY) for this session instead."
            ) from None
        print(f"Stored the key for {endpoint.name} in the system keyring.")
    elif args.keys_command == "delete":
        found = store.delete(endpoint.name)
        print(f"Deleted the key for {endpoint.name}." if found else f"No key for {endpoint.name}.")
    return EXIT_OK


def endpoint(args: argparse.Namespace) -> int:
    with Workspace.open(args.db) as workspace:
        current = {e.name: e for e in live.endpoints(workspace)}.get(args.name)
        wire = live.Wire(args.wire) if args.wire else (current.wire if current else None)
        if wire is None:
            raise AdvisorError(f"{args.name!r} is a new endpoint: give --wire as well.")
        base = args.base_url or (current.base_url if current else "")
        vendor = args.vendor if args.vendor is not None else (current.vendor if current else "")
        changed = live.Endpoint(args.name, wire, base, vendor)
        live.save_endpoint(workspace, changed)
    print(
        f"Endpoint {changed.name}: {changed.wire.value} at {changed.base_url}"
        + (f" for {changed.vendor}" if changed.vendor else "")
    )
    return EXIT_OK


def _api_names(items: list[str] | None) -> dict[str, str]:
    names = {}
    for item in items or []:
        model, sep, api = item.partition("=")
        if not sep or not api:
            raise AdvisorError(f"--api-model {item!r}: write MODEL_ID=NAME_AT_THE_ENDPOINT.")
        names[model] = api
    return names


def probe(args: argparse.Namespace) -> int:
    api_names = _api_names(args.api_model)
    store = live.KeyStore()
    with Workspace.open(args.db) as workspace:
        known = live.endpoints(workspace)
        targets = []
        for label in args.candidates:
            model_id = label.partition("@")[0]
            at = (
                live.endpoint_named(workspace, args.endpoint)
                if args.endpoint
                else live.endpoint_for(workspace, model_id, known)
            )
            if at is None:
                raise AdvisorError(
                    f"No endpoint serves {model_id}'s vendor; pass --endpoint NAME "
                    "(see `advisor keys list`)."
                )
            targets.append(live.target(label, at, api_names.get(model_id, "")))
        missing = live.missing_keys(targets, store, environment=True)
        if missing:
            raise AdvisorError(
                f"No key for endpoint {missing[0]}: run `advisor keys set {missing[0]}`."
            )
        cancel = threading.Event()

        def progress(done: int, total: int) -> None:
            print(f"\r{done}/{total} requests", end="", file=sys.stderr, flush=True)

        # Ctrl+C sets ``cancel``: requests in flight are cut off, what finished is returned
        results = live.run(
            targets,
            store,
            samples=args.samples,
            concurrency=args.concurrency,
            timeout=args.timeout,
            cancel=cancel,
            progress=progress,
        )
        print(file=sys.stderr)
        stored = 0 if args.no_store else live.store_results(workspace, results, args.region)
    print(probe_text(results))
    if stored:
        print(
            f"Stored {counted(stored, 'row')} in the catalogue (measurements and measured rate "
            "limits, "
            f"region {args.region!r}, source kind internal)."
        )
    if cancel.is_set():
        finished = sum(r.attempts for r in results)
        print(
            f"Interrupted: {counted(finished, 'request')} had finished and "
            + agreeing(finished, "is", "are")
            + " shown"
            + (" and stored" if stored else "")
            + "; the rest were not sent or were cut off.",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    return EXIT_OK
