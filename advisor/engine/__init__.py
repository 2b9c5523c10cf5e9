"""The scoring engine: pure functions over numpy arrays and domain values. No Qt, no I/O."""

from advisor.engine.matrix import DecisionMatrix, build_decision_matrix
from advisor.engine.rank import rank

__all__ = ["DecisionMatrix", "build_decision_matrix", "rank"]
