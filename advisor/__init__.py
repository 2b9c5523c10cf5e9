"""Model Advisor: choose an LLM vendor and model the way you will actually run it."""

import os
import sys

DISTRIBUTION = "model-advisor"


def __getattr__(name: str) -> str:
    # The version lives in pyproject.toml only; read it lazily so importing costs nothing.
    if name == "__version__":
        return _installed_version()
    raise AttributeError(name)


def _installed_version() -> str:
    """The installed distribution's version: from its ``.dist-info`` folder's name where one
    is on the path (a directory listing: ``advisor --version`` stays as fast as Python's
    start-up), else from importlib.metadata (50 ms of imports), else "0+unknown"."""
    prefix = DISTRIBUTION.replace("-", "_") + "-"
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.startswith(prefix) and name.endswith(".dist-info"):
                return name[len(prefix) : -len(".dist-info")]
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"
