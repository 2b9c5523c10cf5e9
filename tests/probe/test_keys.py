"""Keys live in the OS keyring only; without one, a session-only key; plaintext refused."""

from __future__ import annotations

import pytest

from advisor.domain.errors import AdvisorError
from advisor.probe.keys import SERVICE, KeyringUnavailable, KeyStore, keyring_status

KEY = "sk-ant-test-0123456789abcdef"


def test_set_get_replace_delete_in_the_keyring(memory_keyring):
    keys = KeyStore()
    keys.set("anthropic", KEY)
    assert memory_keyring.store[(SERVICE, "anthropic")] == KEY
    assert KeyStore().get("anthropic") == KEY  # another store (another run) sees it
    keys.set("anthropic", "  sk-new  ")
    assert keys.get("anthropic") == "sk-new" and keys.where("anthropic") == "keyring"
    assert keys.delete("anthropic") and keys.get("anthropic") is None
    assert not keys.delete("anthropic") and keys.where("anthropic") == ""


def test_an_empty_key_is_refused(memory_keyring):
    with pytest.raises(AdvisorError, match="empty"):
        KeyStore().set("openai", "   ")


def test_without_a_keyring_a_session_only_key_is_offered_and_works(no_keyring):
    status = keyring_status()
    assert not status.usable and "session only" in status.reason
    keys = KeyStore()
    with pytest.raises(KeyringUnavailable, match="session only") as caught:
        keys.set("openai", KEY)
    assert KEY not in str(caught.value)
    keys.set("openai", KEY, session_only=True)
    assert keys.get("openai") == KEY and keys.where("openai") == "session"
    assert KeyStore().get("openai") is None  # gone with the session
    assert keys.delete("openai") and keys.get("openai") is None


def test_a_plaintext_backend_is_refused(plaintext_keyring):
    status = keyring_status()
    assert not status.usable and "plain files" in status.reason
    with pytest.raises(KeyringUnavailable):
        KeyStore().set("google", KEY)
    assert KeyStore().get("google") is None


def test_a_keyring_backend_that_cannot_load_is_refused_in_one_sentence(monkeypatch):
    """keyrings.alt's EncryptedKeyring without its cipher raises RuntimeError on load."""
    import keyring

    def broken():
        raise RuntimeError("pycryptodome/x required")

    monkeypatch.setattr(keyring, "get_keyring", broken)
    status = keyring_status()
    assert not status.usable and "cannot be loaded (RuntimeError)" in status.reason
    with pytest.raises(KeyringUnavailable, match="session-only key"):
        KeyStore().set("openai", KEY)
    assert KeyStore().get("openai") is None


@pytest.mark.parametrize(
    ("key", "why"),
    [
        ("sk-abc\ndef", "contains a line break"),
        ("sk-abc\rdef", "contains a line break"),
        ("sk-abc def", "contains a space or tab"),
        ("sk-abc\x00def", "contains a control character"),
        ("sk-abc’def", "not plain ASCII"),
    ],
)
def test_a_key_that_cannot_be_a_header_is_refused_without_being_quoted(memory_keyring, key, why):
    with pytest.raises(AdvisorError, match=why) as caught:
        KeyStore().set("openai", key)
    assert "abc" not in str(caught.value) and memory_keyring.store == {}
