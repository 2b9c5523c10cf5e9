"""API keys in the operating system's keyring, and nowhere else.

Where no usable keyring exists (a headless Linux box without Secret Service: keyring falls back
to its ``fail`` backend) the user may keep a key in memory for this session only. Plaintext
backends (``keyrings.alt``) are refused: a key in clear on disk is worse than no key.

No message raised here ever contains a key.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from advisor.domain.errors import AdvisorError
from advisor.domain.secrets import key_problem, remember

SERVICE = "model-advisor"
# Vendors' usual environment variables: read (never written) as a session-only key, so that the
# command line works on a machine without a keyring.
ENV_KEYS = {
    "anthropic": ("ANTHROPIC_API_KEY",),
    "openai": ("OPENAI_API_KEY",),
    "gemini": ("GEMINI_API_KEY", "GOOGLE_API_KEY"),
}


class KeyringUnavailable(AdvisorError):
    """No safe keyring backend: offer a session-only key instead."""


@dataclass(frozen=True, slots=True)
class KeyringStatus:
    usable: bool
    backend: str
    reason: str  # one sentence for people when not usable


def _backends(backend: KeyringBackend) -> list[KeyringBackend]:
    """The backend and, for keyring's chainer, every backend it chains."""
    return [backend, *getattr(backend, "backends", [])]


def _is_plaintext(backend: KeyringBackend) -> bool:
    return any(type(b).__module__.startswith("keyrings.alt") for b in _backends(backend))


def _is_fail(backend: KeyringBackend) -> bool:
    chained = getattr(backend, "backends", None)
    if chained is not None:
        return not chained or all(_is_fail(b) for b in chained)
    return type(backend).__module__ in ("keyring.backends.fail", "keyring.backends.null")


def keyring_status() -> KeyringStatus:
    """Whether the OS keyring can hold keys safely here, and if not, why."""
    try:
        backend = keyring.get_keyring()
        name = str(getattr(backend, "name", "") or type(backend).__name__)
    except Exception as exc:  # a configured backend that cannot even load here
        return KeyringStatus(
            False,
            "unavailable",
            f"The configured keyring backend cannot be loaded ({type(exc).__name__}); use a "
            "session-only key or configure a system keyring.",
        )
    if _is_plaintext(backend):
        return KeyringStatus(
            False,
            name,
            "The only keyring available stores keys as plain files (keyrings.alt), which Model "
            "Advisor refuses; use a session-only key or install a system keyring.",
        )
    if _is_fail(backend):
        return KeyringStatus(
            False,
            name,
            "This computer has no system keyring (such as Secret Service, macOS Keychain or "
            "Windows Credential Locker); keys can be kept for this session only.",
        )
    return KeyringStatus(True, name, "")


class KeyStore:
    """Keys per endpoint name: in the OS keyring, or in memory for this session only."""

    def __init__(self) -> None:
        self._session: dict[str, str] = {}

    @staticmethod
    def _checked() -> None:
        status = keyring_status()
        if not status.usable:
            raise KeyringUnavailable(status.reason)

    def set(self, name: str, key: str, *, session_only: bool = False) -> None:
        """Store ``key`` for endpoint ``name`` (replacing any earlier one)."""
        key = key.strip()
        problem = key_problem(key)
        if problem:
            raise AdvisorError(
                f"The key for {name} {problem}; paste the API key exactly as the vendor's "
                "console shows it. Nothing was stored."
            )
        remember(key)
        if session_only:
            self._session[name] = key
            return
        self._checked()
        try:
            keyring.set_password(SERVICE, name, key)
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailable(
                f"The system keyring refused to store the key ({type(exc).__name__}); use a "
                "session-only key or unlock the keyring and try again."
            ) from None
        self._session.pop(name, None)

    def get(self, name: str) -> str | None:
        """The key for ``name``: this session's if any, else the keyring's, else None. A key
        in the keyring that is not a valid API key is an :class:`AdvisorError` (never shown)."""
        if name in self._session:
            return self._session[name]
        if not keyring_status().usable:
            return None
        try:
            key = keyring.get_password(SERVICE, name)
        except keyring.errors.KeyringError:
            return None
        except Exception as exc:  # a backend that cannot run here (e.g. a missing cipher)
            raise KeyringUnavailable(
                f"The system keyring cannot be read ({type(exc).__name__}); use a "
                "session-only key or fix the keyring."
            ) from None
        if key is None:
            return None
        problem = key_problem(key)
        if problem:
            raise AdvisorError(
                f"The key stored for {name} in the keyring {problem}; set it again with "
                f"`advisor keys set {name}` (or Probe ▸ Endpoints and API keys)."
            )
        remember(key)
        return key

    def delete(self, name: str) -> bool:
        """Forget the key for ``name`` everywhere; False if there was none."""
        found = self._session.pop(name, None) is not None
        if keyring_status().usable:
            try:
                keyring.delete_password(SERVICE, name)
                found = True
            except keyring.errors.PasswordDeleteError:
                pass
            except keyring.errors.KeyringError as exc:
                raise AdvisorError(
                    f"The system keyring refused to delete the key ({type(exc).__name__})."
                ) from None
        return found

    def where(self, name: str) -> str:
        """Where the key for ``name`` is: "keyring", "session" or "" (none). Never the key."""
        if name in self._session:
            return "session"
        return "keyring" if self.get(name) else ""

    def take_from_environment(self, name: str, wire: str) -> str:
        """Hold the vendor's usual environment variable (if set, and no key is stored) as this
        session's key for ``name``; return the variable's name or ""."""
        if self.get(name):
            return ""
        for variable in ENV_KEYS.get(wire, ()):
            value = os.environ.get(variable, "").strip()
            if value:
                problem = key_problem(value)
                if problem:
                    raise AdvisorError(
                        f"The environment variable {variable} {problem}, so it cannot be an API "
                        "key; set it again, exactly as the vendor's console shows the key."
                    )
                remember(value)
                self._session[name] = value
                return variable
        return ""
