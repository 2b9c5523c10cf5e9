"""The live probe as a use case: where requests go (endpoints, kept in the catalogue's ``meta``
table; never a key), which candidates to measure and whether each has a key (the rule, once),
the run itself, and its results stored in the catalogue as the team's own measurements.

Keys live in the operating system's keyring (:class:`KeyStore`); nothing here writes one
anywhere else. The only use case that opens network connections, and only in :func:`run`.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Callable
from datetime import date

from advisor.app.workspace import ENDPOINTS_META_KEY, Workspace
from advisor.catalogue.importer import import_files
from advisor.catalogue.readers import ParsedFile
from advisor.domain.catalogue_format import SPECS_BY_FILE, cell_text, parse_cell
from advisor.domain.errors import AdvisorError
from advisor.domain.offers import parse_label
from advisor.domain.vocabulary import Mode
from advisor.probe.endpoints import DEFAULT_ENDPOINTS, WIRE_LABELS, Endpoint, Wire
from advisor.probe.keys import KeyringUnavailable, KeyStore, keyring_status
from advisor.probe.runner import ERROR_LABELS, Target, TargetResult, run_probe

__all__ = [
    "ERROR_LABELS",
    "WIRE_LABELS",
    "Endpoint",
    "KeyStore",
    "KeyringUnavailable",
    "Target",
    "TargetResult",
    "Wire",
    "endpoint_for",
    "endpoint_named",
    "endpoints",
    "keyring_status",
    "missing_keys",
    "needs_key",
    "result_row",
    "run",
    "save_endpoint",
    "store_results",
    "target",
]


# ----- endpoints -------------------------------------------------------------------------
def endpoints(workspace: Workspace) -> list[Endpoint]:
    """The probe's endpoints: the three vendors' defaults, overridden or extended by the user's
    own (kept in the catalogue's ``meta`` table; never a key)."""
    found = {e.name: e for e in DEFAULT_ENDPOINTS}
    row = workspace.db.execute(
        "SELECT value FROM meta WHERE key = ?", [ENDPOINTS_META_KEY]
    ).fetchone()
    for item in json.loads(row[0]) if row else []:
        try:
            found[item["name"]] = Endpoint(
                item["name"], Wire(item["wire"]), item["base_url"], item.get("vendor", "")
            )
        except (KeyError, ValueError, AdvisorError):
            continue  # a damaged entry: fall back to the default
    return list(found.values())


def save_endpoint(workspace: Workspace, endpoint: Endpoint) -> None:
    """Add or change an endpoint (name, wire format, base URL, catalogue vendor)."""
    defaults = {e.name: e for e in DEFAULT_ENDPOINTS}
    custom = [
        e for e in endpoints(workspace) if defaults.get(e.name) != e and e.name != endpoint.name
    ]
    if defaults.get(endpoint.name) != endpoint:
        custom.append(endpoint)
    value = json.dumps(
        [
            {"name": e.name, "wire": e.wire.value, "base_url": e.base_url, "vendor": e.vendor}
            for e in custom
        ]
    )
    with workspace.db.atomic():
        workspace.db["meta"].upsert({"key": ENDPOINTS_META_KEY, "value": value}, pk="key")


def endpoint_named(workspace: Workspace, name: str) -> Endpoint:
    """The endpoint called ``name``; an AdvisorError listing the known ones."""
    known = {e.name: e for e in endpoints(workspace)}
    if name not in known:
        raise AdvisorError(
            f"No endpoint called {name!r}; endpoints: {', '.join(sorted(known))} "
            "(add one with `advisor endpoint set`)."
        )
    return known[name]


def endpoint_for(
    workspace: Workspace, model_id: str, known: list[Endpoint] | None = None
) -> Endpoint | None:
    """The endpoint that serves ``model_id``'s vendor, or None."""
    row = workspace.db.execute(
        "SELECT vendor FROM models WHERE model_id = ?", [model_id]
    ).fetchone()
    if row is None:
        raise AdvisorError(
            f"No model {model_id!r} in the catalogue; see `advisor catalogue list models`."
        )
    return next((e for e in known or endpoints(workspace) if e.vendor == row[0]), None)


def a_model_of(workspace: Workspace, vendor: str) -> str:
    """The newest catalogue model of ``vendor`` ("" if none): a model name to test a key with."""
    row = workspace.db.execute(
        "SELECT model_id FROM models WHERE vendor = ? ORDER BY release_date DESC", [vendor]
    ).fetchone()
    return row[0] if row else ""


# ----- targets and keys ------------------------------------------------------------------
def target(label: str, endpoint: Endpoint, api_model: str = "") -> Target:
    """The candidate ``model_id[@mode]`` measured at ``endpoint`` under ``api_model`` (the
    model's name there, default its catalogue id)."""
    model_id, mode, _channel, _region = parse_label(label)  # measured at ``endpoint``
    mode = mode or Mode.STANDARD.value
    if mode not in {m.value for m in Mode}:
        raise AdvisorError(f"{label}: the mode is standard or extended_thinking.")
    return Target(model_id, mode, endpoint, api_model or model_id)


def needs_key(endpoint: Endpoint) -> bool:
    """Every endpoint needs a key except an OpenAI-compatible one (a self-hosted server may
    take none)."""
    return endpoint.wire is not Wire.OPENAI_COMPATIBLE


def missing_keys(targets: list[Target], keys: KeyStore, *, environment: bool) -> list[str]:
    """The endpoints of ``targets`` that need a key and have none, sorted. A key is in this
    session, in the keyring or (with ``environment``, on the command line) in the vendor's
    usual environment variable, which is then held as this session's key."""
    missing = set()
    for t in targets:
        e = t.endpoint
        has = keys.get(e.name) or (environment and keys.take_from_environment(e.name, e.wire.value))
        if needs_key(e) and not has:
            missing.add(e.name)
    return sorted(missing)


# ----- the run and its results -----------------------------------------------------------
def run(
    targets: list[Target],
    keys: KeyStore,
    *,
    samples: int = 5,
    concurrency: int = 2,
    timeout: float = 30.0,
    cancel: threading.Event | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[TargetResult]:
    """Measure every target ``samples`` times from this workstation (the network is used here
    and nowhere else); ``cancel`` (or Ctrl+C) stops the run and keeps what finished."""
    problem = settings_problem(samples, concurrency, timeout)
    if problem:
        raise AdvisorError(problem)
    return run_probe(
        targets,
        keys.get,
        samples=samples,
        concurrency=concurrency,
        timeout=timeout,
        cancel=cancel,
        progress=progress,
    )


MAX_SAMPLES, MAX_CONCURRENCY, MAX_TIMEOUT_S = 1000, 32, 600.0


def settings_problem(samples: int, concurrency: int, timeout: float) -> str:
    """Why a probe run's settings cannot be used, as one sentence ("" when they can)."""
    if not 1 <= samples <= MAX_SAMPLES:
        return f"Samples must be a whole number from 1 to {MAX_SAMPLES}, not {samples}."
    if not 1 <= concurrency <= MAX_CONCURRENCY:
        return f"Concurrency must be a whole number from 1 to {MAX_CONCURRENCY}, not {concurrency}."
    if not (math.isfinite(timeout) and 0 < timeout <= MAX_TIMEOUT_S):
        return (
            "The timeout must be a number of seconds above 0 and at most "
            f"{MAX_TIMEOUT_S:g}, not {timeout}."
        )
    return ""


def result_row(result: TargetResult) -> list[str]:
    """One target's line in a results table: candidate, successes, median first token and
    output speed with their interquartile range, errors, and the limits the headers stated."""
    ttft, ttft_iqr = result.ttft()
    speed, speed_iqr = result.tokens_per_s()
    limits = result.rate_limits()
    return [
        result.target.label,
        f"{len(result.ok)}/{result.attempts}",
        "—" if ttft is None else f"{ttft:.2f} s ± {ttft_iqr:.2f}",
        "—" if speed is None else f"{speed:.0f} ± {speed_iqr:.0f}",
        "; ".join(
            [f"{n} {ERROR_LABELS[k]}" for k, n in sorted(result.errors().items())]
            + [f"header not kept: {r}" for r in result.rejected_headers()]
        )
        or "none",
        " · ".join(
            f"{name} {limits[key]:,.0f}"
            for key, name in (("requests_limit", "RPM"), ("tokens_limit", "TPM"))
            if key in limits
        )
        or "—",
    ]


RESULT_HEADERS = ("Candidate", "OK", "First token (median ± IQR)", "Tokens/s", "Errors", "Limits")


def probe_rows(
    results: list[TargetResult], region: str, today: str | None = None
) -> dict[str, list[dict]]:
    """Catalogue rows for a probe run: median time to first token and output speed per target
    (with sample count and interquartile spread), and the rate limits the vendor's headers
    stated. Every row is ``internal``, dated, and names the endpoint it was measured at."""
    today = today or date.today().isoformat()
    measurements, limits = [], []
    for result in results:
        t = result.target
        endpoint = t.endpoint
        errors = ", ".join(f"{n} {k}" for k, n in sorted(result.errors().items())) or "none"
        rejected = result.rejected_headers()
        note = (
            f"Measured by Model Advisor's probe at endpoint {endpoint.name!r} as "
            f"{t.api_model or t.model_id!r}: {result.attempts} attempts, "
            f"{len(result.ok)} succeeded; errors: {errors}."
            + (f" Headers not kept: {'; '.join(rejected)}." if rejected else "")
        )
        common = {
            "model_id": t.model_id,
            "mode": t.mode,
            "region": region,
            "source_kind": "internal",
            "reported_by": "Model Advisor probe",
            "source_url": endpoint.base_url,
            "source_date": today,
        }
        for metric, (median, spread) in (
            ("ttft_s", result.ttft()),
            ("output_tokens_per_s", result.tokens_per_s()),
        ):
            if median is None:
                continue
            estimated = metric == "output_tokens_per_s" and any(
                s.tokens_estimated for s in result.ok
            )
            measurements.append(
                common
                | {
                    "metric": metric,
                    "value": round(median, 4),
                    "sample_count": len(result.ok),
                    "spread": round(spread, 4),
                    "notes": note
                    + (" Token counts estimated (no usage reported)." if estimated else ""),
                }
            )
        seen = result.rate_limits()
        if seen.get("requests_limit") or seen.get("tokens_limit"):
            limits.append(
                {
                    "vendor": endpoint.vendor or endpoint.name,
                    "tier": "measured",
                    "model_id_or_family": t.model_id,
                    "requests_per_min": seen.get("requests_limit"),
                    "input_tokens_per_min": seen.get("input_tokens_limit"),
                    "output_tokens_per_min": seen.get("output_tokens_limit"),
                    "tokens_per_min": seen.get("tokens_limit"),
                    "source_url": endpoint.base_url,
                    "source_date": today,
                    "model_ids": t.model_id,
                    "notes": "Limits stated by the vendor's response headers to this account "
                    f"(endpoint {endpoint.name!r}), {today}.",
                }
            )
    return {"measurements.csv": measurements, "rate_limits.csv": limits}


def store_results(workspace: Workspace, results: list[TargetResult], region: str) -> int:
    """Write a probe run into the catalogue in one transaction; return the rows written."""
    workspace.check_writable("store measurements")
    files = {}
    for name, rows in probe_rows(results, region).items():
        if rows:
            spec = SPECS_BY_FILE[name]
            full = [{c: row.get(c) for c in spec.names} for row in rows]
            for row in full:
                for c in spec.pk:
                    row[c] = row[c] if row[c] is not None else ""
                for column in spec.columns:  # the import's own checks: ranges, types, choices
                    value = row[column.name]
                    if value is None or value == "":
                        continue
                    _parsed, reason = parse_cell(column, cell_text(spec, column.name, value))
                    if reason:
                        raise AdvisorError(
                            f"The probe measured {column.name} for {row.get('model_id', '?')}, "
                            f"but {reason}; nothing was stored."
                        )
            files[name] = ParsedFile(spec, name, full, list(range(1, len(full) + 1)))
    if not files:
        return 0
    import_files(workspace.db, files)
    return sum(len(p.rows) for p in files.values())
