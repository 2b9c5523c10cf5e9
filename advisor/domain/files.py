"""Finishing an atomic write: the one file-system helper shared by every layer that writes."""

from __future__ import annotations

import os
from pathlib import Path


def publish(temp: Path | str, target: Path | str) -> None:
    """Give a finished temporary file the permissions a normal new file would have (mkstemp
    creates it private), then rename it over ``target`` in one step."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(temp, 0o666 & ~mask)
    os.replace(temp, target)
