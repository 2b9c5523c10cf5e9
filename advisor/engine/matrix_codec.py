"""Decision matrices and catalogue frames as plain bytes, for the persisted matrix cache.

No pickle (a catalogue file may be shared): a blob is a short magic string, a JSON header and
raw little-endian numpy buffers. Text columns are stored factorised (integer codes plus the
distinct values in the header), so a 100,000-row column decodes with one ``take``. Every value
keeps its exact type and every column its dtype; anything this codec cannot reproduce exactly
raises :class:`Unencodable` and is simply not cached.
"""

from __future__ import annotations

import hashlib
import json
import math
import struct
import sys
import types

import numpy as np
import pandas as pd

import advisor
from advisor.domain import efforts
from advisor.domain.criteria import (
    ATTRIBUTE_CRITERIA,
    MEASUREMENT_METRICS,
    TASK_METRICS,
    UNIT_SCALES,
)
from advisor.domain.efforts import BANDS
from advisor.domain.frames import FRAME_TABLES, CatalogueFrames
from advisor.domain.vocabulary import MODE_CONDITIONS
from advisor.engine import matrix as builder
from advisor.engine.matrix import DecisionMatrix

MAGIC = b"ADVISOR-MATRIX-1\n"


class Unencodable(ValueError):
    """A value this codec cannot store exactly (the caller then does not cache it)."""


class _Writer:
    def __init__(self) -> None:
        self.arrays: list[np.ndarray] = []

    def array(self, values: np.ndarray) -> dict:
        values = np.ascontiguousarray(values)
        if values.dtype.kind not in "biuf":
            raise Unencodable(f"arrays of {values.dtype} are not stored")
        self.arrays.append(values)
        return {"a": len(self.arrays) - 1}

    def blob(self, doc: dict) -> bytes:
        specs, offset, chunks = [], 0, []
        for values in self.arrays:
            data = values.astype(values.dtype.newbyteorder("<"), copy=False).tobytes()
            specs.append([values.dtype.newbyteorder("<").str, list(values.shape), offset])
            chunks.append(data + b"\0" * (-len(data) % 8))
            offset += len(chunks[-1])
        header = json.dumps({"arrays": specs, "doc": doc}, allow_nan=True).encode()
        return b"".join([MAGIC, struct.pack("<Q", len(header)), header, *chunks])


class _Reader:
    def __init__(self, blob: bytes) -> None:
        if not blob.startswith(MAGIC):
            raise Unencodable("not a matrix cache blob of this version")
        start = len(MAGIC) + 8
        (size,) = struct.unpack("<Q", blob[len(MAGIC) : start])
        header = json.loads(blob[start : start + size])
        self.doc = header["doc"]
        self._buffer = memoryview(blob)[start + size :]
        self._specs = header["arrays"]

    def array(self, ref: dict, *, copy: bool = True) -> np.ndarray:
        """A stored array: a writable copy, or (``copy=False``) a read-only view of the blob."""
        dtype, shape, offset = self._specs[ref["a"]]
        dtype = np.dtype(dtype)
        count = math.prod(shape)
        values = np.frombuffer(self._buffer, dtype=dtype, count=count, offset=offset)
        native = values.astype(dtype.newbyteorder("="), copy=copy)
        return native.reshape(shape)


# ----- single values of object columns -----------------------------------------------------
def _tag(value: object) -> list:
    kind = type(value)
    if value is None:
        return ["n"]
    if kind is str:
        return ["s", value]
    if kind is bool:
        return ["b", value]
    if kind is int:
        return ["i", value]
    if kind is float:
        return ["f", None if math.isnan(value) else value]
    if kind is np.float64:
        return ["F", None if math.isnan(value) else float(value)]
    if kind is np.int64:
        return ["I", int(value)]
    if kind is np.bool_:
        return ["B", bool(value)]
    raise Unencodable(f"values of type {kind.__name__} are not stored")


def _untag(tagged: list) -> object:
    kind = tagged[0]
    if kind == "n":
        return None
    if kind in ("s", "b", "i"):
        return tagged[1]
    if kind in ("f", "F"):
        number = math.nan if tagged[1] is None else float(tagged[1])
        return number if kind == "f" else np.float64(number)
    if kind == "I":
        return np.int64(tagged[1])
    if kind == "B":
        return np.bool_(tagged[1])
    raise Unencodable(f"unknown value tag {kind!r}")


def _object_key(value: object) -> tuple:
    # NaN never equals itself: give it one key per type so it factorises like any value.
    if isinstance(value, float) and math.isnan(value):
        return (type(value), "nan")
    return (type(value), value)


def _encode_objects(values: np.ndarray, out: _Writer) -> dict:
    if pd.api.types.infer_dtype(values, skipna=False) == "string":  # only str: hash in C
        codes, uniques = pd.factorize(values)
        if all(type(u) is str for u in uniques):
            return {
                "k": "object",
                "codes": out.array(codes.astype(np.int32)),
                "uniques": [["s", u] for u in uniques],
            }
    index: dict[tuple, int] = {}
    uniques: list[object] = []
    codes = np.empty(len(values), dtype=np.int32)
    for i, value in enumerate(values):
        key = _object_key(value)
        code = index.get(key)
        if code is None:
            code = index[key] = len(uniques)
            uniques.append(value)
        codes[i] = code
    return {"k": "object", "codes": out.array(codes), "uniques": [_tag(u) for u in uniques]}


def _decode_objects(spec: dict, data: _Reader) -> np.ndarray:
    uniques = np.empty(len(spec["uniques"]), dtype=object)
    uniques[:] = [_untag(t) for t in spec["uniques"]]
    return uniques[data.array(spec["codes"], copy=False)]


# ----- columns and frames ------------------------------------------------------------------
def _encode_column(column: pd.Series, out: _Writer) -> dict:
    dtype = column.dtype
    if isinstance(dtype, pd.StringDtype):
        codes, uniques = pd.factorize(column)
        if not all(type(u) is str for u in uniques):
            raise Unencodable("a text column holds values that are not text")
        return {
            "k": "string",
            "storage": dtype.storage,
            "na": "nan" if dtype.na_value is not pd.NA else "NA",
            "codes": out.array(codes.astype(np.int32)),
            "uniques": list(uniques),
        }
    if pd.api.types.is_object_dtype(dtype):
        return _encode_objects(column.to_numpy(), out)
    if isinstance(dtype, np.dtype) and dtype.kind in "biuf":
        return {"k": "numpy", "values": out.array(column.to_numpy())}
    raise Unencodable(f"columns of dtype {dtype} are not stored")


def _decode_column(spec: dict, data: _Reader):
    if spec["k"] == "string":
        dtype = pd.StringDtype(spec["storage"], na_value=np.nan if spec["na"] == "nan" else pd.NA)
        return pd.array(spec["uniques"], dtype=dtype).take(
            data.array(spec["codes"], copy=False).astype(np.intp), allow_fill=True
        )
    if spec["k"] == "object":
        # An explicit object Series: pandas would otherwise infer a text dtype.
        return pd.Series(_decode_objects(spec, data), dtype=object, copy=False)
    return data.array(spec["values"])


def _encode_frame(frame: pd.DataFrame | None, out: _Writer) -> dict | None:
    if frame is None:
        return None
    index = frame.index
    if not (isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1):
        raise Unencodable("only frames with a default index are stored")
    names = list(frame.columns)
    if frame.attrs or len(set(names)) != len(names) or not all(type(c) is str for c in names):
        raise Unencodable("only frames with distinct text column names are stored")
    return {
        "rows": len(frame),
        "columns": names,
        "data": [_encode_column(frame.iloc[:, j], out) for j in range(len(names))],
    }


def _decode_frame(spec: dict | None, data: _Reader) -> pd.DataFrame | None:
    if spec is None:
        return None
    index = pd.RangeIndex(spec["rows"])
    columns = {}
    for name, column in zip(spec["columns"], spec["data"], strict=True):
        values = _decode_column(column, data)
        if not isinstance(values, pd.Series):
            values = pd.Series(values, index=index, copy=False)
        columns[name] = values
    return pd.DataFrame(columns, index=index, columns=spec["columns"], copy=False)


def _encode_texts(values: np.ndarray, out: _Writer) -> dict:
    if values.dtype != object:
        raise Unencodable(f"label arrays of {values.dtype} are not stored")
    return _encode_objects(values, out)


# ----- public ------------------------------------------------------------------------------
def encode_matrix(matrix: DecisionMatrix) -> bytes:
    """``matrix`` as bytes; :class:`Unencodable` if it cannot be stored exactly."""
    if matrix.workload_info:
        raise Unencodable("matrices with workload criteria are derived, not stored")
    out = _Writer()
    doc = {
        "kind": "matrix",
        "model_ids": _encode_texts(matrix.model_ids, out),
        "modes": _encode_texts(matrix.modes, out),
        "vendors": _encode_texts(matrix.vendors, out),
        "open_weights": out.array(matrix.open_weights),
        "criteria": list(matrix.criteria),
        "higher_is_better": out.array(matrix.higher_is_better),
        "values": out.array(matrix.values),
        "groups": matrix.groups,
        "figures": _encode_frame(matrix.figures, out),
        "set_aside": _encode_frame(matrix.set_aside, out),
        "alternatives": _encode_frame(matrix.alternatives, out),
        "tiebreak": out.array(matrix.tiebreak),
        "rate_limits": _encode_frame(matrix.rate_limits, out),
        "channels": _encode_texts(matrix.channels, out),
        "regions": _encode_texts(matrix.regions, out),
        "efforts": _encode_texts(matrix.efforts, out),
        "budget_band": matrix.budget_band,
        "scales": None if matrix.scales is None else list(matrix.scales),
        "lifecycle": _encode_frame(matrix.lifecycle, out),
        "assurances": _encode_frame(matrix.assurances, out),
    }
    if any(type(c) is not str for c in doc["criteria"]) or any(
        type(w) is not float for members in matrix.groups.values() for w in members.values()
    ):
        raise Unencodable("criteria must be text and group shares floats")
    return out.blob(doc)


def decode_matrix(blob: bytes) -> DecisionMatrix:
    """The matrix :func:`encode_matrix` stored."""
    data = _Reader(blob)
    doc = data.doc
    if doc.get("kind") != "matrix":
        raise Unencodable("not a stored decision matrix")
    return DecisionMatrix(
        model_ids=_decode_objects(doc["model_ids"], data),
        modes=_decode_objects(doc["modes"], data),
        vendors=_decode_objects(doc["vendors"], data),
        open_weights=data.array(doc["open_weights"]),
        criteria=tuple(doc["criteria"]),
        higher_is_better=data.array(doc["higher_is_better"]),
        values=data.array(doc["values"]),
        groups={g: dict(members) for g, members in doc["groups"].items()},
        figures=_decode_frame(doc["figures"], data),
        set_aside=_decode_frame(doc["set_aside"], data),
        alternatives=_decode_frame(doc["alternatives"], data),
        tiebreak=data.array(doc["tiebreak"]),
        rate_limits=_decode_frame(doc["rate_limits"], data),
        channels=_decode_objects(doc["channels"], data),
        regions=_decode_objects(doc["regions"], data),
        efforts=_decode_objects(doc["efforts"], data),
        budget_band=doc["budget_band"],
        scales=None if doc.get("scales") is None else tuple(doc["scales"]),
        lifecycle=_decode_frame(doc["lifecycle"], data),
        assurances=_decode_frame(doc["assurances"], data),
    )


def encode_frames(frames: CatalogueFrames) -> bytes:
    """The catalogue tables as bytes (one stored copy per catalogue revision)."""
    out = _Writer()
    doc = {"kind": "frames"}
    doc.update({table: _encode_frame(getattr(frames, table), out) for table in FRAME_TABLES})
    return out.blob(doc)


class StoredFrames:
    """Catalogue tables decoded from a blob one table at a time, on first use.

    Answers the same attributes as :class:`~advisor.domain.frames.CatalogueFrames`; needs no
    database connection (the blob is held in memory).
    """

    def __init__(self, blob: bytes) -> None:
        self._data = _Reader(blob)
        if self._data.doc.get("kind") != "frames":
            raise Unencodable("not stored catalogue tables")
        self._tables: dict[str, pd.DataFrame] = {}

    def __getattr__(self, table: str) -> pd.DataFrame:
        if table not in FRAME_TABLES:
            raise AttributeError(table)
        frame = self._tables.get(table)
        if frame is None:
            frame = self._tables[table] = _decode_frame(self._data.doc[table], self._data)
        return frame

    def materialise(self) -> CatalogueFrames:
        """Every table decoded, as a plain :class:`CatalogueFrames`."""
        return CatalogueFrames(**{table: getattr(self, table) for table in FRAME_TABLES})


def _canonical(value: object) -> object:
    """A deterministic, picklable-free description of a code constant (sets sorted)."""
    if isinstance(value, types.CodeType):
        return (
            value.co_name,
            value.co_code.hex(),
            value.co_names,
            value.co_varnames,
            tuple(_canonical(c) for c in value.co_consts),
        )
    if isinstance(value, frozenset | set):
        return ("set", sorted(repr(_canonical(v)) for v in value))
    if isinstance(value, tuple):
        return tuple(_canonical(v) for v in value)
    return repr(value)


def builder_fingerprint() -> str:
    """A digest of the code and tables that decide a matrix's content and its stored form.

    Part of every cache key, so a stored matrix built by another version of the matrix rules
    (or of Python, numpy or pandas) is never served. Computed from code objects, not files.
    """
    global _FINGERPRINT
    if _FINGERPRINT is None:
        parts: list[object] = []
        for module in (builder, efforts, sys.modules[__name__]):
            for name, obj in sorted(vars(module).items()):
                if getattr(obj, "__module__", None) != module.__name__:
                    continue
                members = vars(obj).values() if isinstance(obj, type) else [obj]
                for member in members:
                    if isinstance(member, types.FunctionType):
                        parts.append((name, _canonical(member.__code__)))
        parts.append(
            (
                MAGIC,
                MODE_CONDITIONS,
                ATTRIBUTE_CRITERIA,
                MEASUREMENT_METRICS,
                builder._EFFORT_ORDER,
                builder._KIND_ORDER,
                builder.ALTERNATIVE_COLUMNS,
                sorted(builder._PARALLEL),
                sorted(builder._EXACT),
                builder._FLAG_TEXTS,
                builder.FIGURE_COLUMNS,
                BANDS,
                TASK_METRICS,
                sorted(UNIT_SCALES.items()),  # a matrix's scales (rule "estimate")
                advisor.__version__,
                np.__version__,
                pd.__version__,
                sys.version,
            )
        )
        _FINGERPRINT = hashlib.sha256(repr(parts).encode()).hexdigest()[:16]
    return _FINGERPRINT


_FINGERPRINT: str | None = None
