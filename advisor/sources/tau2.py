"""τ²-bench leaderboard submissions: one ``submission.json`` per model and submitter.

Reads a folder in either layout: upstream's ``<dir>/submission.json`` (the repository's
``web/leaderboard/public/submissions``) or a flat copy of ``<dir>.json`` files; the directory
name (the file stem) is the record's key. Each domain's ``pass_1`` (already percent) lands on
its ``tau2-bench-<domain>`` benchmark; a domain stated as ``null`` was not evaluated and yields
no record. ``A_EXAMPLE_*`` templates and the folder's ``manifest.json``/``schema.json`` are
skipped.

A figure is the vendor's when the submitting organisation is the model's own ("Google" and
"Google DeepMind", "Qwen" and "Alibaba" count as one), else a third party's (Sierra's runs).

Effort comes only from what a submission states: its ``reasoning_effort`` field, else an
effort after "thinking"/"reasoning" in the model name. A stated level outside the effort
vocabulary ("max") and thinking without a level ("enabled", or "extended thinking" in the
methodology notes) go to ``settings`` instead, since no level can be read from them.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date
from pathlib import Path
from typing import Any

from advisor.sources.base import (
    THIRD_PARTY,
    VENDOR,
    Provenance,
    Reading,
    ResultRecord,
    SourceInfo,
    problem,
)

INFO = SourceInfo(
    key="tau2-bench",
    title="τ²-bench leaderboard",
    homepage="https://taubench.com/",
    licence="MIT",
    credit="τ²-bench leaderboard (Sierra Research), MIT licence",
    download_url="",
    layout="folder",
)

SUBMISSIONS_URL = (
    "https://github.com/sierra-research/tau2-bench/tree/main/web/leaderboard/public/submissions"
)
DOMAINS = {
    "retail": "tau2-bench-retail",
    "airline": "tau2-bench-airline",
    "telecom": "tau2-bench-telecom",
    "banking_knowledge": "tau2-bench-banking",
}
EFFORTS = ("none", "minimal", "low", "medium", "high", "xhigh")
_NOT_SUBMISSIONS = {"manifest": "the leaderboard's manifest", "schema": "the submission schema"}
_NAME_EFFORT = re.compile(r"(?:thinking|reasoning)[-_ ](" + "|".join(EFFORTS) + r")\b", re.I)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# Organisation names that are one organisation for the vendor test; generic words are ignored.
_ORG_ALIASES = {
    "alibaba": "qwen",
    "deepmind": "google",
    "z": "zhipu",
    "zai": "zhipu",
    "x": "xai",
    "facebook": "meta",
}
_ORG_NOISE = {
    "ai",
    "inc",
    "llc",
    "ltd",
    "co",
    "corp",
    "cloud",
    "lab",
    "labs",
    "research",
    "team",
    "the",
    "of",
    "and",
    "university",
    "multiple",
    "providers",
    "group",
    "technologies",
}


def read(path: Path) -> Reading:
    """Read every submission in the folder ``path`` (or the one submission file ``path``)."""
    reading = Reading(info=INFO, snapshot_date="")
    try:
        submissions = _submission_files(Path(path), reading)
    except OSError as exc:
        reading.problems.append(problem(str(path), "(folder)", None, f"cannot read: {exc}"))
        return reading
    for key, file in submissions:
        _read_submission(key, file, reading)
    reading.snapshot_date = max((r.provenance.source_date for r in reading.results), default="")
    return reading


def _submission_files(path: Path, reading: Reading) -> list[tuple[str, Path]]:
    """The (directory name, file) of each submission under ``path``, in name order."""
    if path.is_file():
        key = path.parent.name if path.name == "submission.json" else path.stem
        return [(key, path)]
    if not path.is_dir():
        raise OSError(f"no such folder: {path}")
    found: list[tuple[str, Path]] = []
    empty: list[str] = []
    for child in sorted(path.iterdir()):
        if child.is_file() and child.suffix == ".json":
            found.append((child.stem, child))
        elif child.is_dir() and (child / "submission.json").is_file():
            found.append((child.name, child / "submission.json"))
        elif child.is_dir() and child.name != "trajectories":
            empty.append(child.name)
    if not found and (path / "submissions").is_dir():
        return _submission_files(path / "submissions", reading)
    reading.skipped += [(name, "folder has no submission.json") for name in empty]
    kept = []
    for key, file in found:
        if key.startswith("A_EXAMPLE"):
            reading.skipped.append((key, "example submission template, not a result"))
        elif key in _NOT_SUBMISSIONS:
            reading.skipped.append((key, f"{_NOT_SUBMISSIONS[key]}, not a submission"))
        else:
            kept.append((key, file))
    return kept


def _read_submission(key: str, file: Path, reading: Reading) -> None:
    name = str(file)

    def bad(field: str | None, reason: str) -> None:
        reading.problems.append(problem(name, key, field, reason))

    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        bad(None, f"not readable JSON: {exc}")
        return
    if not isinstance(data, dict):
        bad(None, f"expected a JSON object, found {type(data).__name__}")
        return
    model = _text(data, "model_name")
    model_org = _text(data, "model_organization")
    submitter = _text(data, "submitting_organization")
    methodology = data.get("methodology")
    results = data.get("results")
    missing = [
        field
        for field, value in (
            ("model_name", model),
            ("model_organization", model_org),
            ("submitting_organization", submitter),
        )
        if not value
    ]
    for field in missing:
        bad(field, "missing or empty")
    if not isinstance(methodology, dict):
        bad("methodology", "missing or not an object")
    if not isinstance(results, dict):
        bad("results", "missing or not an object")
    if missing or not isinstance(methodology, dict) or not isinstance(results, dict):
        return
    source_date = _date(data.get("submission_date")) or _date(methodology.get("evaluation_date"))
    if not source_date:
        bad("submission_date", "no valid YYYY-MM-DD submission_date or evaluation_date")
        return
    verification = methodology.get("verification")
    if not isinstance(verification, dict):
        verification = {}

    effort, effort_settings = _effort(data, model, methodology)
    shared_settings = []
    if verification.get("modified_prompts") is True:
        shared_settings.append("prompts modified")
    if data.get("modality") == "voice":
        shared_settings.append("voice")
    if data.get("submission_type") == "custom":
        shared_settings.append("custom submission")
    shared_settings += effort_settings
    release = data.get("model_release")
    release_date = _date(release.get("release_date")) if isinstance(release, dict) else ""
    provenance = Provenance(
        source_kind=VENDOR if _same_org(model_org, submitter) else THIRD_PARTY,
        reported_by=submitter,
        source_url=f"{SUBMISSIONS_URL}/{key}",
        source_date=source_date,
        source_record=key,
    )
    harness = _harness(methodology)
    subset = "some questions omitted" if verification.get("omitted_questions") is True else ""
    notes = _notes(data, methodology, verification)

    before = (len(reading.results), len(reading.problems), len(reading.skipped))
    for domain, result in results.items():
        field = f"results.{domain}"
        if result is None:
            continue  # stated as not evaluated
        if domain not in DOMAINS:
            reading.skipped.append((f"{key} {domain}", "domain has no catalogue benchmark"))
            continue
        if not isinstance(result, dict):
            bad(field, f"expected an object, found {result!r}")
            continue
        if "pass_1" not in result:
            bad(f"{field}.pass_1", "missing")
            continue
        score = result["pass_1"]
        if score is None:
            continue  # stated as not evaluated
        reason = _bad_percent(score)
        if reason:
            bad(f"{field}.pass_1", reason)
            continue
        settings = list(shared_settings)
        if result.get("retrieval_config"):
            settings.append(f"retrieval {result['retrieval_config']}")
        domain_notes = notes
        if isinstance(result.get("cost"), int | float) and not isinstance(result["cost"], bool):
            domain_notes = "; ".join(filter(None, [notes, f"cost {result['cost']}"]))
        reading.results.append(
            ResultRecord(
                name=model,
                benchmark=DOMAINS[domain],
                score=float(score),
                provenance=provenance,
                vendor_hint=model_org,
                effort=effort,
                harness=harness,
                task_subset=subset,
                settings="; ".join(settings),
                notes=domain_notes,
                release_date=release_date,
                trials=_trials(result),
            )
        )
    if (len(reading.results), len(reading.problems), len(reading.skipped)) == before:
        reading.skipped.append((key, "no domain has a pass_1 figure (all null)"))


def _trials(result: dict[str, Any]) -> int | None:
    """The trials per task a domain's figures rest on: pass^k is estimated from at least k
    trials, so the largest k stated with a number is a lower bound (None when only pass^1)."""
    stated = [
        k
        for k in range(2, 33)
        if isinstance(result.get(f"pass_{k}"), int | float)
        and not isinstance(result.get(f"pass_{k}"), bool)
    ]
    return max(stated) if stated else None


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return value.strip() if isinstance(value, str) else ""


def _date(value: Any) -> str:
    """``value`` as YYYY-MM-DD, or "" when it is not a valid date."""
    if not isinstance(value, str) or not _DATE.fullmatch(value.strip()):
        return ""
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return ""


def _bad_percent(value: Any) -> str:
    """Why ``value`` is not a percent figure, or "" when it is one."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"not a number: {value!r}"
    if math.isnan(value) or not 0 <= value <= 100:
        return f"{value!r} is outside 0-100"
    return ""


def _org_tokens(org: str) -> set[str]:
    words = re.split(r"[^a-z0-9]+", org.lower())
    return {_ORG_ALIASES.get(w, w) for w in words if w and w not in _ORG_NOISE}


def _same_org(model_org: str, submitter: str) -> bool:
    """Whether the submitter is the model's own organisation ("Google" / "Google DeepMind")."""
    return bool(_org_tokens(model_org) & _org_tokens(submitter))


def _harness(methodology: dict[str, Any]) -> str:
    version = methodology.get("tau2_bench_version")
    version = str(version).strip() if version is not None else ""
    if re.fullmatch(r"v\d.*", version):
        version = version[1:]
    if not version:
        harness = "tau2-bench"
    elif "tau-bench" in version:  # "original tau-bench": figures from τ-bench, not τ²-bench
        harness = version
    else:
        harness = f"tau2-bench {version}"
    simulator = methodology.get("user_simulator")
    if isinstance(simulator, str) and simulator.strip():
        harness += f", user simulator {simulator.strip()}"
    return harness


def _effort(data: dict[str, Any], model: str, methodology: dict[str, Any]) -> tuple[str, list[str]]:
    """The stated effort and any thinking settings that carry no effort level."""
    stated = data.get("reasoning_effort")
    if isinstance(stated, str) and stated.strip():
        level = stated.strip().lower()
        if level in EFFORTS:
            return level, []
        if level == "enabled":
            return "", ["thinking enabled"]
        return "", [f"reasoning effort {stated.strip()}"]
    match = _NAME_EFFORT.search(model)
    if match:
        return match.group(1).lower(), []
    notes = methodology.get("notes")
    if isinstance(notes, str) and "extended thinking" in notes.lower():
        return "", ["extended thinking"]
    return "", []


def _notes(data: dict[str, Any], methodology: dict[str, Any], verification: dict[str, Any]) -> str:
    parts = []
    details = verification.get("details")
    if isinstance(details, str) and details.strip():
        parts.append(f"verification: {details.strip()}")
    for flag in ("modified_prompts", "omitted_questions"):
        if verification.get(flag) is None:
            parts.append(f"{flag} not stated")
    for label, notes in (("methodology", methodology.get("notes")), ("notes", data.get("notes"))):
        if isinstance(notes, str) and notes.strip():
            parts.append(f"{label}: {notes.strip()}")
    return "; ".join(parts)
