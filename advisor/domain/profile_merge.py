"""Writing a profile back into the TOML it came from: the hand-written file's comments, key
order, blank lines and number style stay; only what changed is rewritten (tomlkit).

The rule, key by key: a value the profile still has is kept as written when it means the same
(``coding = 45`` stays although the profile says 45.0), else replaced, keeping its inline
comment; a key the profile no longer has is removed unless it says what the default says
anyway; a key the profile gained is added unless it only restates the default. Weights are
relative, so new weights are written in the file's own scale (shares of 1 stay shares of 1
when the window works in points of 100). The result always reads back as the profile (weights
compared as shares); if it would not, the plain serialisation is used."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import AoT, Item, Table

from advisor.domain.errors import ProfileError
from advisor.domain.profile import Profile
from advisor.domain.profile_toml import profile_from_toml, profile_to_toml
from advisor.domain.stakeholders import shares

Path = tuple[Any, ...]  # keys (and array-of-tables indices) from the document's root


def updated_profile_toml(original: str, profile: Profile) -> str:
    """``profile`` as TOML, written into ``original`` (a profile file's text) so that its
    comments and layout survive; the plain :func:`profile_to_toml` when ``original`` is not
    TOML a profile can be read from."""
    fresh_text = profile_to_toml(profile)
    try:
        profile_from_toml(original)  # only a profile's own file lends its layout
        document = tomlkit.parse(original)
        fresh = tomlkit.parse(fresh_text)
    except (ProfileError, TOMLKitError, ValueError):
        return fresh_text
    _in_the_files_scale(document, fresh)
    added: list[Path] = []
    gone: list[Path] = []
    _merge(document, fresh, (), added, gone)
    for path in gone:  # kept only when it says what the default says anyway
        if not _neutral(document, path):
            _delete(document, path)
    for path in added:  # added only when it says something the default does not
        if _neutral(document, path):
            _delete(document, path)
    text = tomlkit.dumps(document)
    return text if _reads_as(text, profile) else fresh_text


def _weight_tables(document) -> list:
    """The document's weights tables: the profile's and each stakeholder's."""
    found = [document["weights"]] if isinstance(document.get("weights"), Table) else []
    people = document.get("stakeholders")
    if isinstance(people, AoT):
        found += [p["weights"] for p in people if isinstance(p.get("weights"), Table)]
    return found


def _in_the_files_scale(document, fresh) -> None:
    """Rescale each fresh weights table to its counterpart's scale in the file, when the
    weights both still give agree on one factor (most keys unchanged)."""
    old_tables, new_tables = _weight_tables(document), _weight_tables(fresh)
    if len(old_tables) != len(new_tables):
        return
    for old, new in zip(old_tables, new_tables, strict=True):
        ratios = [
            float(old[k]) / float(new[k])
            for k in new
            if k in old and isinstance(_plain(old[k]), int | float) and float(new[k]) > 0
        ]
        ratios = [r for r in ratios if r > 0]
        if not ratios:
            continue
        factor = max(ratios, key=lambda r: sum(math.isclose(r, q, rel_tol=1e-9) for q in ratios))
        if sum(math.isclose(factor, q, rel_tol=1e-9) for q in ratios) * 2 < len(ratios):
            continue  # most weights changed: no scale to keep
        for key in list(new.keys()):
            new[key] = float(f"{float(new[key]) * factor:.12g}")


def _merge(target, source, path: Path, added: list[Path], gone: list[Path]) -> None:
    for key, new in source.items():
        here = (*path, key)
        if key not in target:
            target[key] = new
            added.append(here)
            continue
        old = target[key]
        if isinstance(old, Table) and isinstance(new, Table):
            _merge(old, new, here, added, gone)
        elif isinstance(old, AoT) and isinstance(new, AoT) and len(old) == len(new):
            for index, (old_table, new_table) in enumerate(zip(old, new, strict=True)):
                _merge(old_table, new_table, (*here, index), added, gone)
        elif _plain(old) != _plain(new):
            _replace(target, key, new)
    for key in list(target.keys()):
        if key not in source:
            gone.append((*path, key))


def _plain(item: Any) -> Any:
    return item.unwrap() if hasattr(item, "unwrap") else item


def _replace(container, key: str, new: Item) -> None:
    """Put ``new`` in the place of ``container[key]``, with the old value's inline comment."""
    old = container[key]
    container[key] = new
    trivia = getattr(old, "trivia", None)
    if trivia is not None and trivia.comment and not isinstance(new, Table | AoT):
        container[key].trivia.comment = trivia.comment
        container[key].trivia.comment_ws = trivia.comment_ws


def _parent(document, path: Path):
    node = document
    for step in path[:-1]:
        node = node[step]
    return node


def _delete(document, path: Path) -> None:
    parent = _parent(document, path)
    if path[-1] in parent:
        del parent[path[-1]]


def _neutral(document, path: Path) -> bool:
    """Whether the key at ``path`` could go without changing the profile the document
    describes."""
    without = tomlkit.parse(tomlkit.dumps(document))
    _delete(without, path)
    try:
        return profile_from_toml(tomlkit.dumps(document)) == profile_from_toml(
            tomlkit.dumps(without)
        )
    except ProfileError:
        return False


def _reads_as(text: str, profile: Profile) -> bool:
    try:
        return _as_shares(profile_from_toml(text)) == _as_shares(profile)
    except ProfileError:
        return False


def _as_shares(profile: Profile) -> Profile:
    """The profile with every weights table as shares (scaling weights changes nothing)."""

    def rounded(weights: dict[str, float]) -> dict[str, float]:
        if sum(weights.values()) <= 0:
            return dict(weights)
        return {k: round(v, 12) for k, v in shares(weights).items()}

    return dataclasses.replace(
        profile,
        weights=rounded(profile.weights) if profile.weights else profile.weights,
        stakeholders=tuple(
            dataclasses.replace(s, weights=rounded(s.weights)) for s in profile.stakeholders
        ),
    )
