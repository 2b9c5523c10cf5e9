"""The team's due-diligence findings that apply to an offer: per vendor and channel, each with
its evidence and its age on the decision date (docs/scoring.md, "Due diligence")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from advisor.domain.offers import ASSURANCE_MAX_AGE_MONTHS, assurance_label, channel_label
from advisor.engine.freshness import cutoff_key
from advisor.engine.matrix import DecisionMatrix


@dataclass(frozen=True, slots=True)
class Finding:
    """One due-diligence finding that applies to an offer, with its age."""

    assurance: str
    label: str
    value: str
    detail: str
    evidence: str
    recorded_on: str
    recorded_by: str
    scope: str  # "Anthropic via Vendor API", "every vendor via AWS Bedrock"
    old: bool  # recorded more than ASSURANCE_MAX_AGE_MONTHS before the decision date


def finding_index(matrix: DecisionMatrix) -> dict[tuple[str, str, str], dict[str, Any]]:
    """The finding that counts per (vendor, channel, assurance): the newest recorded; a key
    with vendor "" is a finding for every vendor on that channel. Made once per matrix."""
    memo = matrix.__dict__
    if "_finding_index" not in memo:
        index: dict[tuple[str, str, str], dict[str, Any]] = {}
        table = matrix.assurances
        for record in table.to_dict(orient="records") if table is not None else ():
            key = (str(record.get("vendor") or ""), str(record.get("channel") or ""))
            key += (str(record["assurance"]),)
            if key not in index or str(record["recorded_on"]) > str(index[key]["recorded_on"]):
                index[key] = record
        memo["_finding_index"] = index
    return memo["_finding_index"]


def finding_for(matrix: DecisionMatrix, row: int, assurance: str) -> dict[str, Any] | None:
    """The finding about ``assurance`` for one row's offer: its vendor's own on the offer's
    channel, else one for every vendor on that channel (never for the vendors' own APIs,
    where each vendor answers for itself); None when none is recorded (unknown)."""
    index = finding_index(matrix)
    vendor, channel = str(matrix.vendors[row]), str(matrix.channels[row] or "")
    found = index.get((vendor, channel, assurance))
    if found is None and channel:
        found = index.get(("", channel, assurance))
    return found


def findings(matrix: DecisionMatrix, row: int, as_of: dt.date) -> list[Finding]:
    """Every finding that applies to one row's offer, by assurance, with its age on
    ``as_of`` (older than ASSURANCE_MAX_AGE_MONTHS is flagged)."""
    cutoff = cutoff_key(as_of, ASSURANCE_MAX_AGE_MONTHS)
    channel = str(matrix.channels[row] or "")
    keys = sorted({key for _v, c, key in finding_index(matrix) if c == channel})
    out = []
    for key in keys:
        record = finding_for(matrix, row, key)
        if record is None:
            continue
        scope = record.get("vendor") or "every vendor"
        recorded = str(record["recorded_on"])
        out.append(
            Finding(
                key,
                assurance_label(key),
                str(record["value"]),
                str(record.get("detail") or ""),
                str(record["evidence"]),
                recorded,
                str(record["recorded_by"]),
                f"{scope} via {channel_label(channel)}",
                int(recorded.replace("-", "")) < cutoff,
            )
        )
    return out
