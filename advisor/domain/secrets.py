"""What an API key may look like, and a last line of defence that keeps keys out of messages.

Keys are checked where they enter (typed, pasted, read from the keyring or the environment):
printable ASCII with no space inside, so no key can smuggle a line break into a request header
or an error message. Every key in use is also remembered here (in memory only) so that any
text about to be shown to a person can be scrubbed of it (:func:`redact`).
"""

from __future__ import annotations

import threading

_known: set[str] = set()
_lock = threading.Lock()
REDACTED = "[key removed]"


def key_problem(key: str) -> str:
    """Why ``key`` cannot be an API key, as a sentence part ("" when it can). Never quotes
    the key."""
    if not key:
        return "is empty"
    for char in key:
        if char in "\r\n":
            return "contains a line break"
        if char.isspace():
            return "contains a space or tab"
        if not char.isascii():
            return "contains a character that is not plain ASCII (for example a curly quote)"
        if not char.isprintable():
            return "contains a control character"
    return ""


def remember(key: str) -> None:
    """Note a key in use so :func:`redact` can scrub it from messages."""
    if len(key) >= 6:  # shorter strings would scrub ordinary words
        with _lock:
            _known.add(key)


def redact(text: str) -> str:
    """``text`` with every remembered key, and any long run of it, replaced."""
    with _lock:
        keys = sorted(_known, key=len, reverse=True)
    for key in keys:
        if key in text:
            text = text.replace(key, REDACTED)
        else:  # a message may quote only part of a key (cut at a line break, say)
            for part in key.splitlines():
                if len(part) >= 12 and part in text:
                    text = text.replace(part, REDACTED)
    return text
