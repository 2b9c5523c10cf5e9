"""Profile <-> TOML text. Pure functions; reading and writing files is the caller's job."""

from __future__ import annotations

import dataclasses
import json
import tomllib
from enum import StrEnum
from typing import Any, TypeVar

from advisor.domain.errors import ProfileError
from advisor.domain.profile import Constraints, Policy, Profile, Workload
from advisor.domain.vocabulary import Condition, Method, MissingRule, Mode, Normalization

_E = TypeVar("_E", bound=StrEnum)

_TOP_KEYS = {"name", "description", "weights", "constraints", "policy", "workload"}
_TUPLE_FIELDS = {"vendors_include", "vendors_exclude", "required_criteria"}


def _enum(key: str, value: Any, enum: type[_E]) -> _E:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(f'"{m.value}"' for m in enum)
        raise ProfileError(f"{key} is {value!r}; use one of {allowed}.") from None


def _string_list(key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProfileError(f'{key} must be a list of strings, e.g. ["a", "b"].')
    return tuple(value)


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ProfileError(f"[{key}] must be a table.")
    return value


def _constraints(table: dict[str, Any]) -> Constraints:
    known = {f.name for f in dataclasses.fields(Constraints)}
    kwargs: dict[str, Any] = {}
    for key, value in table.items():
        if key not in known:
            raise ProfileError(
                f"constraints.{key} is not a known constraint; known: {', '.join(sorted(known))}."
            )
        kwargs[key] = _string_list(f"constraints.{key}", value) if key in _TUPLE_FIELDS else value
    return Constraints(**kwargs)


def _policy(table: dict[str, Any]) -> Policy:
    kwargs: dict[str, Any] = {}
    for key, value in table.items():
        qualified = f"policy.{key}"
        if key == "method":
            kwargs[key] = _enum(qualified, value, Method)
        elif key == "normalization":
            kwargs[key] = _enum(qualified, value, Normalization)
        elif key == "missing":
            kwargs[key] = _enum(qualified, value, MissingRule)
        elif key == "conditions":
            items = _string_list(qualified, value)
            kwargs[key] = tuple(_enum(qualified, v, Condition) for v in items)
        elif key == "modes":
            items = _string_list(qualified, value)
            kwargs[key] = tuple(_enum(qualified, v, Mode) for v in items)
        elif key in ("rate_limit_tier", "stale_after_months", "own_measurements"):
            kwargs[key] = value
        else:
            known = ", ".join(f.name for f in dataclasses.fields(Policy))
            raise ProfileError(f"{qualified} is not a known policy setting; known: {known}.")
    return Policy(**kwargs)


def _workload(table: dict[str, Any]) -> Workload | None:
    if not table:
        return None
    known = {f.name for f in dataclasses.fields(Workload)}
    kwargs: dict[str, Any] = {}
    for key, value in table.items():
        if key not in known:
            raise ProfileError(
                f"workload.{key} is not a known workload setting; "
                f"known: {', '.join(sorted(known))}."
            )
        if key == "tiers":
            if not isinstance(value, dict):
                raise ProfileError("[workload.tiers] must be a table of vendor = tier level.")
            kwargs[key] = dict(value)
        else:
            kwargs[key] = value
    return Workload(**kwargs)


def profile_from_toml(text: str) -> Profile:
    """Parse a profile; raise :class:`ProfileError` naming the offending key."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"The profile is not valid TOML ({exc}).") from None
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise ProfileError(
            f"Unknown top-level key {sorted(unknown)[0]!r}; a profile has "
            "name, description, [weights], [constraints] and [policy]."
        )
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ProfileError('name is missing; add a line such as name = "Coding assistant".')
    description = data.get("description", "")
    if not isinstance(description, str):
        raise ProfileError("description must be a string.")
    if "weights" not in data:
        raise ProfileError("[weights] is missing; give at least one criterion a weight.")
    weights = _table(data, "weights")
    return Profile(
        name=name.strip(),
        weights=dict(weights),
        constraints=_constraints(_table(data, "constraints")),
        policy=_policy(_table(data, "policy")),
        description=description,
        workload=_workload(_table(data, "workload")),
    )


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} to TOML")


def _toml_key(key: str) -> str:
    bare = key.replace("-", "").replace("_", "").isalnum() and key.isascii()
    return key if bare else json.dumps(key)


def profile_to_toml(profile: Profile) -> str:
    """Serialise a profile; :func:`profile_from_toml` reads it back to an equal profile."""
    lines = [f"name = {_toml_value(profile.name)}"]
    if profile.description:
        lines.append(f"description = {_toml_value(profile.description)}")
    lines += ["", "[weights]"]
    lines += [f"{_toml_key(k)} = {_toml_value(float(v))}" for k, v in profile.weights.items()]
    defaults = Constraints()
    lines += ["", "[constraints]"]
    for f in dataclasses.fields(Constraints):
        value = getattr(profile.constraints, f.name)
        if value != getattr(defaults, f.name):
            lines.append(f"{f.name} = {_toml_value(value)}")
    lines += ["", "[policy]"]
    for f in dataclasses.fields(Policy):
        lines.append(f"{f.name} = {_toml_value(getattr(profile.policy, f.name))}")
    if profile.workload is not None:
        lines += ["", "[workload]"]
        for f in dataclasses.fields(Workload):
            value = getattr(profile.workload, f.name)
            if f.name != "tiers" and value is not None:
                lines.append(f"{f.name} = {_toml_value(value)}")
        if profile.workload.tiers:
            lines += ["", "[workload.tiers]"]
            lines += [f"{_toml_key(v)} = {t}" for v, t in profile.workload.tiers.items()]
    return "\n".join(lines) + "\n"
