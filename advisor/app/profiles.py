"""Profile files: read, write (atomically) and the bundled examples."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from advisor.app.profile_layout import updated_profile_toml
from advisor.catalogue import bundled_data_dir
from advisor.domain.errors import ProfileError
from advisor.domain.files import MIB, unreadable_reason, write_atomically
from advisor.domain.profile import Profile
from advisor.domain.profile_toml import profile_from_toml, profile_to_toml
from advisor.domain.vocabulary import MissingRule

MAX_PROFILE_BYTES = 32 * MIB  # a profile is a few kilobytes; this bounds a wrong file


def load_profile(path: str | Path, missing: str | None = None) -> Profile:
    """Read a profile TOML file; every failure is a :class:`ProfileError` naming the file.
    ``missing`` overrides its missing-data rule (``policy.missing``), e.g. "estimate"."""
    profile = _read_profile(Path(path))
    if missing is None:
        return profile
    try:
        rule = MissingRule(missing)
    except ValueError:
        known = ", ".join(r.value for r in MissingRule)
        message = f"Missing-data rule {missing!r} is unknown; choose one of {known}."
        raise ProfileError(message) from None
    return dataclasses.replace(profile, policy=dataclasses.replace(profile.policy, missing=rule))


def _read_profile(path: Path) -> Profile:
    if path.exists() and not path.is_dir():
        problem = unreadable_reason(path, MAX_PROFILE_BYTES)
        if problem:
            raise ProfileError(f"Profile {path} {problem}.")
    try:  # "utf-8-sig": a byte-order mark (Windows Notepad's "UTF-8 with BOM") is dropped
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ProfileError(f"Profile {path} does not exist; check the path.") from None
    except IsADirectoryError:
        raise ProfileError(f"Profile {path} is a folder; give a .toml file.") from None
    except UnicodeDecodeError:
        raise ProfileError(f"Profile {path} is not UTF-8 text; save it as a TOML file.") from None
    except OSError as exc:
        raise ProfileError(f"Profile {path} cannot be read ({exc.strerror}).") from None
    try:
        return profile_from_toml(text)
    except ProfileError as exc:
        raise ProfileError(f"Profile {path}: {exc}") from None


def save_profile(profile: Profile, path: str | Path, like: str | Path | None = None) -> Path:
    """Write a profile as TOML, whole or not at all. Written into the text of the file it
    came from (``like``) when there is one, so that a hand-written profile keeps its comments
    and key order; else in the plain layout."""
    path = Path(path)
    original = _profile_text(Path(like)) if like is not None else ""
    text = updated_profile_toml(original, profile) if original else profile_to_toml(profile)
    return write_atomically(path, lambda temp: temp.write_text(text, encoding="utf-8"))


def _profile_text(path: Path) -> str:
    """A profile file's text, or "" when there is none to keep (missing, unreadable, too
    large, not UTF-8): then the profile is written afresh."""
    if not path.is_file() or unreadable_reason(path, MAX_PROFILE_BYTES):
        return ""
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""


def example_profiles() -> list[Path]:
    """The bundled example profiles, by file name."""
    return sorted((bundled_data_dir() / "profiles").glob("*.toml"))


def example_title(path: Path) -> str:
    """``coding-assistant.toml`` -> "Coding assistant", as the window lists examples."""
    return path.stem.replace("-", " ").capitalize()


def default_example(examples: list[Path]) -> Path | None:
    """The example a new window starts from: the coding assistant, else the first."""
    return next(
        (p for p in examples if p.stem == "coding-assistant"), examples[0] if examples else None
    )
