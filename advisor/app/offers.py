"""What a ranking shows about each candidate's offer: its channel and region, its lifecycle at
the decision date, and the team's due-diligence findings for its vendor and channel. Shared by
the command line, the window and the report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from advisor.app.ranking import Recommendation, lifecycle_events
from advisor.domain.offers import (
    ASSURANCE_MAX_AGE_MONTHS,
    assurance_label,
    channel_label,
    channel_word,
    jurisdiction,
    region_label,
)
from advisor.engine.freshness import cutoff_key
from advisor.engine.lifecycle import Lifecycle, lifecycle


@dataclass(frozen=True, slots=True)
class Offer:
    """One candidate's offer as shown: channel word and label, region, lifecycle."""

    channel: str  # "api", "bedrock" …
    channel_label: str  # "Vendor API", "AWS Bedrock" …
    region: str  # "" when not stated
    region_label: str
    badge: str  # "retired", "retiring", "deprecated", "preview" or ""
    lifecycle: str  # the sentence behind the badge, with its source ("" when nothing is known)

    @property
    def short(self) -> str:
        """ "AWS Bedrock · eu" (the channel, and the region when one is stated)."""
        return self.channel_label + (f" · {self.region}" if self.region else "")


def lifecycle_state(recommendation: Recommendation) -> Lifecycle:
    """Every row's lifecycle on the profile's decision date (computed once per ranking)."""
    cache = recommendation.__dict__
    state = cache.get("_lifecycle")
    if state is None:
        profile = recommendation.profile
        state = lifecycle(
            recommendation.matrix, profile.policy.as_of(), profile.constraints.min_support_months
        )
        cache["_lifecycle"] = state
    return state


def offer_of(recommendation: Recommendation, row: int) -> Offer:
    """The offer of one matrix row."""
    matrix = recommendation.matrix
    state = lifecycle_state(recommendation)
    channel, region = matrix.channels[row], str(matrix.regions[row] or "")
    return Offer(
        channel_word(channel),
        channel_label(channel),
        region,
        region_label(region),
        str(state.badges[row]),
        str(state.texts[row]),
    )


def offer_facts(recommendation: Recommendation, row: int) -> dict[str, Any]:
    """One row's channel, regions and lifecycle as plain data (``rank --json``)."""
    offer = offer_of(recommendation, row)
    regions = [offer.region] if offer.region else []
    if offer.region and jurisdiction(offer.region) != offer.region:
        regions.append(jurisdiction(offer.region))
    return {
        "channel": offer.channel,
        "regions": regions,
        "lifecycle": {
            "status": offer.badge or "active",
            "note": offer.lifecycle,
            "decision_date": recommendation.profile.policy.as_of().isoformat(),
            "events": lifecycle_events(recommendation, row),
        },
    }


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


def findings_for(
    recommendation: Recommendation, row: int, as_of: dt.date | None = None
) -> list[Finding]:
    """The team's findings for one row's vendor and channel (a finding recorded for the
    channel with no vendor covers every vendor on it; the vendor's own one wins), by
    assurance."""
    matrix = recommendation.matrix
    table = matrix.assurances
    if table is None or table.empty:
        return []
    vendor, channel = str(matrix.vendors[row]), str(matrix.channels[row] or "")
    when = as_of or recommendation.profile.policy.as_of()
    cutoff = cutoff_key(when, ASSURANCE_MAX_AGE_MONTHS)
    chosen: dict[str, tuple[int, dict]] = {}
    for record in table.to_dict(orient="records"):
        own_vendor = str(record.get("vendor") or "")
        if str(record.get("channel") or "") != channel:
            continue
        if own_vendor not in (vendor, "") or (own_vendor == "" and channel == ""):
            continue
        rank = (0 if own_vendor else 1, _negated(record["recorded_on"]))
        best = chosen.get(record["assurance"])
        if best is None or rank < best[0]:
            chosen[record["assurance"]] = (rank, record)
    out = []
    for key, (_, record) in sorted(chosen.items()):
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


def _negated(date_text: Any) -> int:
    return -int(str(date_text).replace("-", "") or 0)
