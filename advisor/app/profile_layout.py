"""Writing a profile back into the TOML it came from: the hand-written file's comments, key
order, blank lines and number style stay; only what changed is rewritten (tomlkit).

The rule, key by key: a value the profile still has is kept as written when it means the same
(``coding = 45`` stays although the profile says 45.0), else replaced, keeping its inline
comment; a key the profile no longer has is removed unless it says what the default says
anyway (a weight of 0 included); a key the profile gained is added unless it only restates
the default. Stakeholders are matched by name (then by place, for a renamed one), so each
keeps its own comments. The result always reads back as the profile (weights compared as
shares, a weight of 0 as no weight); if it would not, the plain serialisation is used."""

from __future__ import annotations

import dataclasses
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
    if "\r\n" in original:  # lines added or rewritten end as the file's lines do
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return text if _reads_as(text, profile) else fresh_text


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
        elif isinstance(old, AoT) and isinstance(new, AoT):
            _merge_tables(target, key, old, new, here, added, gone)
        elif _plain(old) != _plain(new):
            _replace(target, key, new)
    for key in list(target.keys()):
        if key not in source:
            gone.append((*path, key))


def _merge_tables(target, key: str, old: AoT, new: AoT, here: Path, added, gone) -> None:
    """An array of tables (the stakeholders): each new table merged into the old one of the
    same name, else into the unmatched old one in its place (a rename), else added; the old
    ones left over go. The array is rebuilt only when order or membership changed."""

    def name(table) -> Any:
        return _plain(table.get("name"))

    old_tables, new_tables = list(old), list(new)
    names = [name(t) for t in old_tables]
    by_name = dict(zip(names, old_tables, strict=True)) if len(set(names)) == len(names) else {}
    claimed = {id(by_name[name(t)]) for t in new_tables if name(t) in by_name}
    rebuilt = []
    for index, table in enumerate(new_tables):
        match = by_name.get(name(table))
        if match is None and index < len(old_tables) and id(old_tables[index]) not in claimed:
            match = old_tables[index]  # renamed in its place
            claimed.add(id(match))
        if match is None:
            rebuilt.append(table)
        else:
            _merge(match, table, (*here, index), added, gone)
            rebuilt.append(match)
    if [id(t) for t in rebuilt] != [id(t) for t in old_tables]:
        array = tomlkit.aot()
        for table in rebuilt:
            array.append(table)
        target[key] = array


def _plain(item: Any) -> Any:
    return item.unwrap() if hasattr(item, "unwrap") else item


def _replace(container, key: str, new: Item) -> None:
    """Put ``new`` in the place of ``container[key]``, with the old value's inline comment."""
    old = container[key]
    value = _plain(new)
    if isinstance(_plain(old), int) and isinstance(value, float) and value.is_integer():
        new = tomlkit.item(int(value))  # "35", as the file wrote its numbers, not "35.0"
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
        return _as_shares(profile_from_toml(tomlkit.dumps(document))) == _as_shares(
            profile_from_toml(tomlkit.dumps(without))
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
        weights = {k: v for k, v in weights.items() if v != 0}  # a weight of 0 is no weight
        if sum(weights.values()) <= 0:
            return weights
        return {k: round(v, 12) for k, v in shares(weights).items()}

    return dataclasses.replace(
        profile,
        weights=rounded(profile.weights) if profile.weights else profile.weights,
        stakeholders=tuple(
            dataclasses.replace(s, weights=rounded(s.weights)) for s in profile.stakeholders
        ),
    )
