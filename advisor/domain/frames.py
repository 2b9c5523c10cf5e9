"""The catalogue as tables, as handed from the catalogue layer to the engine."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is the carrier; the domain itself needs only the names
    import pandas as pd


@dataclass(frozen=True, slots=True)
class CatalogueFrames:
    """One pandas DataFrame per catalogue table; columns as in docs/catalogue.md."""

    models: pd.DataFrame
    benchmarks: pd.DataFrame
    results: pd.DataFrame
    measurements: pd.DataFrame
    rate_limits: pd.DataFrame
    criterion_groups: pd.DataFrame
    # Every model attribute a source states, with its own provenance (None: none recorded).
    model_attributes: pd.DataFrame | None = field(default=None)
    # The public sources the catalogue was built or synced from: licence, credit, date.
    sources: pd.DataFrame | None = field(default=None)
    # Offers' release, preview, deprecation and retirement events, each sourced.
    lifecycle: pd.DataFrame | None = field(default=None)
    # The team's due-diligence findings per vendor and channel, each with its evidence.
    assurances: pd.DataFrame | None = field(default=None)


# The tables a CatalogueFrames holds, in its order.
FRAME_TABLES: tuple[str, ...] = tuple(f.name for f in fields(CatalogueFrames))
