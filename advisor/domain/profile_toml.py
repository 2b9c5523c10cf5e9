"""Profile <-> TOML text. Pure functions; reading and writing files is the caller's job."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import tomllib
from enum import StrEnum
from typing import Any, TypeVar

from advisor.domain.errors import ProfileError
from advisor.domain.profile import Constraints, Policy, Profile, Workload
from advisor.domain.stakeholders import Elicitation, Stakeholder, group_weights
from advisor.domain.vocabulary import (
    Aggregation,
    Condition,
    ElicitationMethod,
    Method,
    MissingRule,
    Mode,
    Normalization,
)

_E = TypeVar("_E", bound=StrEnum)

_TOP_KEYS = {
    "name",
    "description",
    "weights",
    "constraints",
    "policy",
    "workload",
    "elicitation",
    "stakeholders",
    "group",
}
_TUPLE_FIELDS = {
    "vendors_include",
    "vendors_exclude",
    "required_criteria",
    "channels_include",
    "channels_exclude",
    "regions_include",
    "required_assurances",
}


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
        elif key in (
            "rate_limit_tier",
            "stale_after_months",
            "own_measurements",
            "budget_band",
            "effort_candidates",
            "estimates_satisfy_requirements",
        ):
            kwargs[key] = value
        elif key == "decision_date":  # a TOML date (2026-12-01) or a string
            kwargs[key] = value.isoformat() if isinstance(value, dt.date) else value
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
        elif key == "reasoning_tokens_by_band":
            if not isinstance(value, dict):
                raise ProfileError(
                    "[workload.reasoning_tokens_by_band] must be a table of band = tokens "
                    "(e.g. high = 20000)."
                )
            kwargs[key] = dict(value)
        else:
            kwargs[key] = value
    workload = Workload(**kwargs)
    problem = workload.volume_problem()
    if problem:
        raise ProfileError(problem)
    return workload


def _numbers(key: str, value: Any) -> tuple[float, ...]:
    if not isinstance(value, list) or not all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in value
    ):
        raise ProfileError(f"{key} must be a list of numbers, e.g. [3, 0.5, 2].")
    return tuple(float(v) for v in value)


def _elicitation(section: str, table: Any) -> Elicitation | None:
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ProfileError(f"[{section}] must be a table.")
    known = {f.name for f in dataclasses.fields(Elicitation)}
    unknown = set(table) - known
    if unknown:
        raise ProfileError(
            f"{section}.{sorted(unknown)[0]} is not a known elicitation setting; "
            f"known: {', '.join(sorted(known))}."
        )
    if "method" not in table or "keys" not in table:
        raise ProfileError(f'[{section}] needs method ("ahp" or "swing") and keys.')
    cr = table.get("consistency_ratio")
    if cr is not None and (isinstance(cr, bool) or not isinstance(cr, int | float)):
        raise ProfileError(f"{section}.consistency_ratio must be a number.")
    date, adjusted = table.get("date", ""), table.get("adjusted", False)
    if not isinstance(date, str):
        raise ProfileError(f'{section}.date must be a date in quotes, e.g. "2026-12-01".')
    if not isinstance(adjusted, bool):
        raise ProfileError(f"{section}.adjusted must be true or false.")
    try:
        return Elicitation(
            method=_enum(f"{section}.method", table["method"], ElicitationMethod),
            keys=_string_list(f"{section}.keys", table["keys"]),
            judgements=_numbers(f"{section}.judgements", table.get("judgements", [])),
            ratings=_numbers(f"{section}.ratings", table.get("ratings", [])),
            consistency_ratio=None if cr is None else float(cr),
            date=date,
            adjusted=adjusted,
        )
    except ProfileError as exc:  # say whose elicitation it is
        text = str(exc)
        if text.startswith("elicitation.") and section != "elicitation":
            text = section + text[len("elicitation") :]
        raise ProfileError(text) from None


def _stakeholders(value: Any) -> tuple[Stakeholder, ...]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ProfileError("stakeholders must be written as [[stakeholders]] tables.")
    found = []
    for number, table in enumerate(value, start=1):
        unknown = set(table) - {"name", "weights", "elicitation"}
        if unknown:
            raise ProfileError(
                f"Stakeholder {number}: {sorted(unknown)[0]!r} is not known; a stakeholder has "
                "name, [stakeholders.weights] and optionally [stakeholders.elicitation]."
            )
        name = table.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ProfileError(f'Stakeholder {number} needs a name, e.g. name = "Security".')
        weights = table.get("weights")
        if not isinstance(weights, dict):
            raise ProfileError(f"Stakeholder {name!r} needs a [stakeholders.weights] table.")
        found.append(
            Stakeholder(
                name.strip(),
                dict(weights),
                _elicitation(f"stakeholders.{name}.elicitation", table.get("elicitation")),
            )
        )
    return tuple(found)


def _group(table: dict[str, Any]) -> tuple[Aggregation, int]:
    unknown = set(table) - {"aggregation", "consensus_top_k"}
    if unknown:
        raise ProfileError(
            f"group.{sorted(unknown)[0]} is not known; [group] has aggregation and consensus_top_k."
        )
    rule = _enum("group.aggregation", table.get("aggregation", "arithmetic"), Aggregation)
    return rule, table.get("consensus_top_k", 3)


def profile_from_toml(text: str) -> Profile:
    """Parse a profile; raise :class:`ProfileError` naming the offending key."""
    if text.startswith("\ufeff"):
        raise ProfileError(
            'The profile starts with a byte-order mark (as Windows Notepad saves "UTF-8 with '
            'BOM"), which TOML does not allow; save it as plain UTF-8.'
        )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"The profile is not valid TOML ({exc}).") from None
    except RecursionError:
        raise ProfileError(
            "The profile nests arrays or tables too deeply for TOML Model Advisor reads; a "
            "profile needs at most a few levels."
        ) from None
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise ProfileError(
            f"Unknown top-level key {sorted(unknown)[0]!r}; a profile has name, description, "
            "[weights], [constraints], [policy], [workload], [elicitation], [group] and "
            "[[stakeholders]]."
        )
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ProfileError('name is missing; add a line such as name = "Coding assistant".')
    description = data.get("description", "")
    if not isinstance(description, str):
        raise ProfileError("description must be a string.")
    stakeholders = _stakeholders(data.get("stakeholders", []))
    aggregation, top_k = _group(_table(data, "group"))
    if stakeholders:
        if "weights" in data or "elicitation" in data:
            raise ProfileError(
                "A profile with stakeholders takes its weights from theirs; remove [weights] "
                "and [elicitation], or remove the stakeholders."
            )
        weights = group_weights(stakeholders, aggregation)
    elif "weights" not in data:
        raise ProfileError("[weights] is missing; give at least one criterion a weight.")
    else:
        weights = dict(_table(data, "weights"))
    return Profile(
        name=name.strip(),
        weights=weights,
        constraints=_constraints(_table(data, "constraints")),
        policy=_policy(_table(data, "policy")),
        description=description,
        workload=_workload(_table(data, "workload")),
        elicitation=None if stakeholders else _elicitation("elicitation", data.get("elicitation")),
        stakeholders=stakeholders,
        aggregation=aggregation,
        consensus_top_k=top_k,
    )


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} to TOML")


def _toml_string(text: str) -> str:
    """A TOML basic string. JSON escapes every control character TOML forbids but DEL."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _toml_key(key: str) -> str:
    bare = key.replace("-", "").replace("_", "").isalnum() and key.isascii()
    return key if bare else _toml_string(key)


def _elicitation_lines(header: str, elicitation: Elicitation) -> list[str]:
    lines = ["", header, f"method = {_toml_value(elicitation.method.value)}"]
    lines.append(f"keys = {_toml_value(elicitation.keys)}")
    if elicitation.judgements:
        lines.append(f"judgements = {_toml_value(elicitation.judgements)}")
    if elicitation.ratings:
        lines.append(f"ratings = {_toml_value(elicitation.ratings)}")
    if elicitation.consistency_ratio is not None:
        lines.append(f"consistency_ratio = {_toml_value(elicitation.consistency_ratio)}")
    if elicitation.date:
        lines.append(f"date = {_toml_value(elicitation.date)}")
    if elicitation.adjusted:
        lines.append("adjusted = true")
    return lines


def _weight_lines(header: str, weights: dict[str, float]) -> list[str]:
    return ["", header] + [f"{_toml_key(k)} = {_toml_value(float(v))}" for k, v in weights.items()]


def profile_to_toml(profile: Profile) -> str:
    """Serialise a profile; :func:`profile_from_toml` reads it back to an equal profile."""
    lines = [f"name = {_toml_value(profile.name)}"]
    if profile.description:
        lines.append(f"description = {_toml_value(profile.description)}")
    if not profile.stakeholders:
        lines += _weight_lines("[weights]", profile.weights)
        if profile.elicitation is not None:
            lines += _elicitation_lines("[elicitation]", profile.elicitation)
    defaults = Constraints()
    lines += ["", "[constraints]"]
    for f in dataclasses.fields(Constraints):
        value = getattr(profile.constraints, f.name)
        if value != getattr(defaults, f.name):
            lines.append(f"{f.name} = {_toml_value(value)}")
    lines += ["", "[policy]"]
    for f in dataclasses.fields(Policy):
        value = getattr(profile.policy, f.name)
        if value is not None:
            lines.append(f"{f.name} = {_toml_value(value)}")
    if profile.workload is not None:
        lines += ["", "[workload]"]
        for f in dataclasses.fields(Workload):
            value = getattr(profile.workload, f.name)
            if f.name not in ("tiers", "reasoning_tokens_by_band") and value is not None:
                lines.append(f"{f.name} = {_toml_value(value)}")
        if profile.workload.tiers:
            lines += ["", "[workload.tiers]"]
            lines += [f"{_toml_key(v)} = {t}" for v, t in profile.workload.tiers.items()]
        if profile.workload.reasoning_tokens_by_band:
            lines += ["", "[workload.reasoning_tokens_by_band]"]
            lines += [
                f"{band} = {_toml_value(tokens)}"
                for band, tokens in profile.workload.reasoning_tokens_by_band.items()
            ]
    if profile.stakeholders:
        lines += ["", "# The ranked weights are the group's, formed from the stakeholders' below."]
        lines += ["[group]", f"aggregation = {_toml_value(profile.aggregation.value)}"]
        lines.append(f"consensus_top_k = {profile.consensus_top_k}")
        for stakeholder in profile.stakeholders:
            lines += ["", "[[stakeholders]]", f"name = {_toml_value(stakeholder.name)}"]
            lines += _weight_lines("[stakeholders.weights]", stakeholder.weights)
            if stakeholder.elicitation is not None:
                lines += _elicitation_lines("[stakeholders.elicitation]", stakeholder.elicitation)
    return "\n".join(lines) + "\n"
