"""The key rules and the last line of defence that scrubs keys from messages."""

from __future__ import annotations

from advisor.domain.secrets import REDACTED, key_problem, redact, remember


def test_a_key_is_printable_ascii_without_spaces():
    assert key_problem("sk-ant-api03-AbC_123.xyz") == ""
    assert key_problem("") == "is empty"
    assert key_problem("a\nb") == "contains a line break"
    assert key_problem("a\tb") == "contains a space or tab"
    assert key_problem("a\x7fb") == "contains a control character"
    assert "plain ASCII" in key_problem("a’b")


def test_remembered_keys_are_scrubbed_whole_or_in_long_parts():
    key = "sk-scrub-0123456789abcdef\nX-Injected: 1"
    remember(key)
    assert (
        redact(f"Invalid header value b'Bearer {key}'")
        == f"Invalid header value b'Bearer {REDACTED}'"
    )
    assert key.splitlines()[0] not in redact(f"value {key.splitlines()[0]} cut at the break")
    assert redact("nothing secret here") == "nothing secret here"
    remember("abc")  # too short to scrub without mangling ordinary words
    assert redact("abcdef") == "abcdef"
