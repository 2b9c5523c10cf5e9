"""What a ranking shows about each candidate's offer: its channel and region, its lifecycle at
the decision date, and the team's due-diligence findings for its vendor and channel. Shared by
the command line, the window and the report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np

from advisor.app.ranking import Recommendation, lifecycle_events
from advisor.domain.frames import CatalogueFrames
from advisor.domain.offers import (
    CHANNELS,
    channel_label,
    channel_word,
    jurisdiction,
    offer_text,
    region_label,
)
from advisor.engine.due_diligence import Finding, findings
from advisor.engine.lifecycle import Lifecycle, lifecycle
from advisor.engine.matrix import offer_table


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
        return offer_text(self.channel, self.region)


def lifecycle_state(recommendation: Recommendation) -> Lifecycle:
    """Every row's lifecycle on the profile's decision date (kept with the matrix)."""
    profile = recommendation.profile
    return lifecycle(
        recommendation.matrix, profile.policy.as_of(), profile.constraints.min_support_months
    )


def offer_columns(recommendation: Recommendation) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per matrix row: the offer as text ("AWS Bedrock · eu"), its lifecycle badge and the
    sentence behind it. The texts are made once per matrix, the lifecycle once per decision
    date: a slider move reads them."""
    matrix = recommendation.matrix
    memo = matrix.__dict__
    if "_offer_texts" not in memo:
        memo["_offer_texts"] = np.array(
            [offer_text(c, r) for c, r in zip(matrix.channels, matrix.regions, strict=True)],
            dtype=object,
        )
    state = lifecycle_state(recommendation)
    return memo["_offer_texts"], state.badges, state.texts


def offer_choices(frames: CatalogueFrames) -> tuple[list[str], list[str]]:
    """The channel words and regions the catalogue's offers use (for the window's filters):
    the vendor's API, clouds, gateways, hosts, subscriptions, then self-hosting; regions as
    their jurisdictions, then the cloud region codes."""
    offers = offer_table(frames)
    words = {channel_word(c) for c in offers["channel"]}
    kinds = ("first_party", "cloud", "gateway", "host", "subscription", "self_hosted")

    def order(word: str) -> tuple[int, str]:
        info = CHANNELS.get(word)
        return (kinds.index(info.kind), info.label.lower()) if info else (len(kinds), word)

    channels = sorted(words, key=order)
    regions = {str(r) for r in offers["region"] if r}
    places = sorted({jurisdiction(r) for r in regions})
    return channels, places + sorted(regions - set(places))


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


def findings_for(
    recommendation: Recommendation, row: int, as_of: dt.date | None = None
) -> list[Finding]:
    """The team's due-diligence findings for one row's vendor and channel, with their age on
    the decision date (:func:`advisor.engine.due_diligence.findings`)."""
    when = as_of or recommendation.profile.policy.as_of()
    return findings(recommendation.matrix, row, when)
