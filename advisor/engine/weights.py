"""Turn a profile's weights (criteria and criterion groups) into weights per matrix column."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence

import numpy as np

from advisor.domain.errors import ProfileError


def unknown_key_error(section: str, key: str, known: Sequence[str]) -> ProfileError:
    """A ProfileError naming the key, with the closest known names as a hint."""
    close = difflib.get_close_matches(key, known, n=3)
    hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    return ProfileError(
        f"{section}.{key} names no criterion or criterion group in the catalogue.{hint} "
        "List them with `advisor catalogue list criteria`."
    )


def expand_weights(
    weights: Mapping[str, float],
    criteria: Sequence[str],
    groups: Mapping[str, Mapping[str, float]],
) -> tuple[tuple[str, ...], np.ndarray]:
    """Return the weight keys and a keys x criteria matrix ``E``.

    ``E[k, c]`` is key k's weight times criterion c's share of k (1 for a plain criterion; the
    member's weight over the group's total for a group). A criterion's effective weight is the
    column sum of ``E``. Raises :class:`ProfileError` for an unknown key.
    """
    index = {c: j for j, c in enumerate(criteria)}
    keys = tuple(weights)
    expansion = np.zeros((len(keys), len(criteria)))
    for k, key in enumerate(keys):
        weight = float(weights[key])
        if key in index:
            expansion[k, index[key]] = weight
        elif key in groups:
            members = {c: s for c, s in groups[key].items() if c in index}
            total = sum(members.values())
            for criterion, share in members.items():
                if total > 0:
                    expansion[k, index[criterion]] += weight * share / total
        else:
            raise unknown_key_error("weights", key, [*criteria, *groups])
    return keys, expansion
