"""Where the user's catalogue and the bundled data live."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "model-advisor"
DB_ENV = "ADVISOR_DB"
DATA_ENV = "ADVISOR_BUNDLED_DATA"
DB_FILENAME = "catalogue.sqlite"


def default_db_path() -> Path:
    """``$ADVISOR_DB`` if set, else ``catalogue.sqlite`` in the platform's user data folder."""
    override = os.environ.get(DB_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / DB_FILENAME


def _installed_dir(name: str, marker: str, env: str | None) -> Path:
    """A folder shipped beside the package: ``$env``, a PyInstaller bundle, the source tree
    (editable installs) or ``<prefix>/share/model-advisor/<name>`` (wheel installs)."""
    candidates = []
    override = os.environ.get(env) if env else None
    if override:
        candidates.append(Path(override))
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / name)
    candidates.append(Path(__file__).resolve().parents[2] / name)
    candidates.append(Path(sys.prefix) / "share" / APP_NAME / name)
    for candidate in candidates:
        if (candidate / marker).exists():
            return candidate
    searched = ", ".join(str(c) for c in candidates)
    from advisor.domain.errors import CatalogueError

    hint = f" or set {env} to the right folder" if env else ""
    raise CatalogueError(
        f"The bundled {name} folder was not found (looked in {searched}); "
        f"reinstall Model Advisor{hint}."
    )


def bundled_data_dir() -> Path:
    """The read-only bundled catalogue (CSV files and example profiles)."""
    return _installed_dir("data", "models.csv", DATA_ENV)


def resources_dir() -> Path:
    """Icons, fonts and other non-code assets."""
    return _installed_dir("resources", "fonts", None)
