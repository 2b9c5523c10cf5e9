"""Weights a committee can defend: derive them from pairwise comparisons (AHP, with Saaty's
consistency ratio and the most inconsistent judgement) or from swing weighting. The maths is
the engine's (docs/scoring.md, "Guided weights"); this is the door the faces use."""

from __future__ import annotations

from advisor.engine.elicitation import ACCEPTABLE_CR, MAX_KEYS, AhpResult, ahp, swing_weights

__all__ = ["ACCEPTABLE_CR", "MAX_KEYS", "AhpResult", "ahp", "swing_weights"]
