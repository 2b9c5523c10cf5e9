"""What a report is given: its options (cover, paper, shortlist) and the inputs the
application layer computed — the ranking, its matrix and every study shown. The report lays
them out; it runs no analysis of its own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from advisor.domain.profile import Profile
from advisor.domain.ranking import Ranking
from advisor.engine.matrix import DecisionMatrix
from advisor.engine.sensitivity import Acceptability, StabilityInterval
from advisor.engine.stakeholders import GroupAnalysis
from advisor.engine.tradeoff import TradeoffData, VendorStyle
from advisor.engine.uncertainty import TieGroups


@dataclass(frozen=True)
class ReportOptions:
    """What goes on the cover and how much detail the report carries."""

    title: str = "LLM vendor and model recommendation"
    organisation: str = ""
    author: str = ""
    page_size: str = "A4"
    shortlist: int = 3
    date: dt.date = field(default_factory=dt.date.today)
    sensitivity_samples: int = 2000  # 0 leaves the robustness section out


@dataclass(frozen=True)
class TradeoffChart:
    """One trade-off chart: the score against ``criterion`` (axis titled ``label``)."""

    criterion: str
    label: str
    data: TradeoffData


@dataclass(frozen=True)
class ReportInputs:
    """Everything the report shows: the ranking, its matrix, names for ids, and the studies
    (rank acceptability and stability for the robustness section, the stakeholder analysis,
    the trade-off charts). A study left out leaves its section out."""

    profile: Profile
    matrix: DecisionMatrix
    ranking: Ranking
    model_names: dict[str, str]
    criterion_names: dict[str, str]
    catalogue_meta: dict[str, str]
    # What each public source asks to be credited as, with its licence, by source key.
    source_credits: dict[str, str] = field(default_factory=dict)
    acceptability: Acceptability | None = None
    # Which candidates measurement noise cannot tell apart (the summary's distinguishability).
    ties: TieGroups | None = None
    stability: tuple[StabilityInterval, ...] = ()
    group: GroupAnalysis | None = None
    tradeoffs: tuple[TradeoffChart, ...] = ()
    # Each vendor's colour and marker in the charts, the same as the window's.
    vendor_styles: dict[str, VendorStyle] = field(default_factory=dict)
    # Under the missing-data rule "estimate": each shortlisted candidate's estimated figures
    # (app.estimates.estimates_for entries) and the caveat with their validated error.
    estimates: dict[str, tuple[dict, ...]] = field(default_factory=dict)
    estimate_caveat: str = ""
