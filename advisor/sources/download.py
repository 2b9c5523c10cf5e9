"""Fetching a source's newest published copy: the only network use besides the live probe,
and only when the user asks for it (``advisor catalogue sync SOURCE --download``, or the
Download button). The file is written whole or not at all; being offline is one sentence."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from advisor.domain.errors import AdvisorError
from advisor.domain.files import write_atomically
from advisor.sources.base import SourceInfo

CHUNK = 1 << 16
MAX_BYTES = 200 * 1024 * 1024  # no source publishes more; a bigger reply is not a source file


def download(
    info: SourceInfo,
    folder: Path,
    *,
    url: str = "",
    timeout: float = 30.0,
    progress: Callable[[int], None] | None = None,
) -> Path:
    """Fetch ``info``'s published copy (or ``url``, a mirror) into ``folder``; return the file.

    ``progress(bytes_so_far)`` is called as the copy arrives.
    """
    url = url or info.download_url
    if not url:
        raise AdvisorError(
            f"{info.title} publishes no single file to download; download it from "
            f"{info.homepage} and sync the folder."
        )
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise AdvisorError(f"{url!r} is not a web address to download {info.title} from.")
    name = Path(parts.path).name or f"{info.key}.download"
    target = Path(folder) / name
    Path(folder).mkdir(parents=True, exist_ok=True)

    def fetch(temp: Path) -> None:
        request = urllib.request.Request(url, headers={"User-Agent": "model-advisor"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as reply, temp.open("wb") as out:
                got = 0
                while chunk := reply.read(CHUNK):
                    got += len(chunk)
                    if got > MAX_BYTES:
                        raise AdvisorError(
                            f"{url} sent more than {MAX_BYTES // 2**20} MB; that is not "
                            f"the {info.title} file. Nothing was saved."
                        )
                    out.write(chunk)
                    if progress:
                        progress(got)
        except urllib.error.HTTPError as exc:
            raise AdvisorError(
                f"{parts.hostname} answered HTTP {exc.code} for {url}; nothing was saved."
            ) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            reason = getattr(exc, "reason", exc)
            raise AdvisorError(
                f"Could not download {info.title} from {parts.hostname} ({reason}): this "
                "computer may be offline. Download the file another way and sync it from disk."
            ) from None

    return write_atomically(target, fetch)
