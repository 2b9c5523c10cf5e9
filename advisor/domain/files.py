"""Files in and out: writing a file all at once (profiles, reports, catalogue exports) and
checking a file before reading it (imports, profiles, source snapshots), so that a device, a
pipe or an endless file is refused before a byte is read."""

from __future__ import annotations

import os
import stat
import tempfile
import zipfile
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


def zip_bomb_reason(path: Path | str, max_unpacked: int, max_ratio: float) -> str:
    """Why the zip file ``path`` should not be unpacked ("" when it may be): its parts would
    unpack to more than ``max_unpacked`` bytes in all, or a part larger than 10 MiB to more
    than ``max_ratio`` times its packed size (a decompression bomb). Reads only the zip's
    directory, which every part's unpacking is then held to."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        return f"is a damaged zip file ({exc})"
    unpacked = sum(p.file_size for p in parts)
    if unpacked > max_unpacked:
        return (
            f"unpacks to {unpacked / MIB:,.0f} MiB, more than the {max_unpacked / MIB:,.0f} MiB "
            "Model Advisor reads; split it"
        )
    for part in parts:
        if part.file_size > 10 * MIB and part.file_size > max_ratio * max(part.compress_size, 1):
            return (
                f"has a part ({part.filename}) that unpacks to {part.file_size / MIB:,.0f} MiB "
                f"from {part.compress_size / MIB:,.1f} MiB, which no real file does (a "
                "decompression bomb); it was not read"
            )
    return ""
