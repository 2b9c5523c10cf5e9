"""Files in and out: writing a file all at once (profiles, reports, catalogue exports) and
checking a file before reading it (imports, profiles, source snapshots), so that a device, a
pipe or an endless file is refused before a byte is read."""

from __future__ import annotations

import os
import stat
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


MIB = 1 << 20


def unreadable_reason(path: Path | str, limit: int) -> str:
    """Why ``path`` should not be read, as a sentence part ("" when it may be): it is not a
    regular file (a device such as /dev/zero, a pipe, a socket; symbolic links are followed),
    or it is larger than ``limit`` bytes."""
    try:
        info = os.stat(path)
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file (a device, a pipe or a socket); give a file"
    if info.st_size > limit:
        return (
            f"is {info.st_size / MIB:,.0f} MiB, larger than the {limit / MIB:,.0f} MiB "
            "Model Advisor reads; split it into smaller files"
        )
    return ""
