"""Stored matrices and tables decode to exactly what was encoded (values, types, dtypes)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from advisor.catalogue import load_frames
from advisor.domain import Policy
from advisor.engine import DecisionMatrix, build_decision_matrix
from advisor.engine.matrix_codec import (
    StoredFrames,
    Unencodable,
    builder_fingerprint,
    decode_matrix,
    encode_frames,
    encode_matrix,
)


def test_odd_values_keep_their_types_and_dtypes():
    figures = pd.DataFrame(
        {
            "row": np.array([0, 1, 2], dtype=np.int64),
            "value": pd.Series([1.5, np.float64(2.0), None], dtype=object),
            "mixed": pd.Series([float("nan"), "text", 3], dtype=object),
            "text": pd.Series(["a", np.nan, "a"], dtype="str"),
            "flag": np.array([True, False, True]),
        }
    )
    matrix = DecisionMatrix.from_arrays(
        np.array([[1.0, np.nan], [0.5, 2.0], [np.nan, np.nan]]),
        [True, False],
        model_ids=np.array(["a", "b", "c"], dtype=object),
    )
    matrix = DecisionMatrix(
        **{
            **{f: getattr(matrix, f) for f in ("model_ids", "modes", "vendors", "open_weights")},
            "criteria": matrix.criteria,
            "higher_is_better": matrix.higher_is_better,
            "values": matrix.values,
            "figures": figures,
            "groups": {"g": {"c0": 0.5}},
        }
    )
    back = decode_matrix(encode_matrix(matrix))
    assert_frame_equal(back.figures, figures, check_exact=True)
    for column in figures:
        assert [type(v) for v in back.figures[column]] == [type(v) for v in figures[column]]
    assert np.array_equal(back.values, matrix.values, equal_nan=True)
    assert back.values.flags.writeable
    assert back.groups == matrix.groups and back.set_aside is None


def test_values_it_cannot_reproduce_are_refused():
    matrix = DecisionMatrix.from_arrays(
        np.ones((1, 1)), [True], model_ids=np.array(["a"], dtype=object)
    )
    odd = pd.DataFrame({"x": pd.Series([object()], dtype=object)})
    with pytest.raises(Unencodable):
        encode_matrix(DecisionMatrix(**{**matrix.__dict__, "figures": odd}))
    with pytest.raises(Unencodable):
        decode_matrix(b"not a blob")


def test_bundled_tables_and_matrix_round_trip(bundled_db):
    frames = load_frames(bundled_db)
    stored = StoredFrames(encode_frames(frames))
    for table in ("models", "benchmarks", "results", "measurements", "rate_limits"):
        assert_frame_equal(getattr(stored, table), getattr(frames, table), check_exact=True)
    matrix = build_decision_matrix(frames, Policy())
    back = decode_matrix(encode_matrix(matrix))
    assert_frame_equal(back.figures, matrix.figures, check_exact=True)
    assert_frame_equal(back.set_aside, matrix.set_aside, check_exact=True)
    assert list(back.labels()) == list(matrix.labels())
    assert back.scales == matrix.scales and "logit" in matrix.scales  # for the rule "estimate"


def test_fingerprint_is_stable_text():
    assert builder_fingerprint() == builder_fingerprint()
    assert len(builder_fingerprint()) == 16
