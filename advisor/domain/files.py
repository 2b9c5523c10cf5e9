"""Writing a file all at once: the one file-system routine shared by every layer that writes
(profiles, reports, catalogue exports)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from advisor.domain.errors import AdvisorError


def publish(temp: Path | str, target: Path | str) -> None:
    """Give a finished temporary file the permissions a normal new file would have (mkstemp
    creates it private), then rename it over ``target`` in one step."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(temp, 0o666 & ~mask)
    os.replace(temp, target)


def write_atomically(
    path: Path | str,
    write: Callable[[Path], object],
    *,
    what: str = "",
    error: type[AdvisorError] = AdvisorError,
) -> Path:
    """Write ``path`` whole or not at all and return it.

    ``write(temp)`` fills a temporary file in the same folder, which then replaces ``path`` in
    one rename. On failure ``path`` is untouched, no temporary file is left behind, and the
    ``OSError`` becomes ``error`` saying "Cannot write {what}{path} (reason); choose another
    location."
    """
    path = Path(path)

    def failed(exc: OSError) -> AdvisorError:
        return error(f"Cannot write {what}{path} ({exc.strerror}); choose another location.")

    try:
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(handle)
    except OSError as exc:
        raise failed(exc) from None
    try:
        write(Path(temp))
        publish(temp, path)
    except OSError as exc:
        raise failed(exc) from None
    finally:
        Path(temp).unlink(missing_ok=True)
    return path
