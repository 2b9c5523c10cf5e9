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


def bundled_data_dir() -> Path:
    """The read-only bundled catalogue (CSV files and example profiles).

    Looked for in ``$ADVISOR_BUNDLED_DATA``, a PyInstaller bundle, the source tree (editable
    installs) and ``<prefix>/share/model-advisor/data`` (wheel installs), in that order.
    """
    candidates = []
    override = os.environ.get(DATA_ENV)
    if override:
        candidates.append(Path(override))
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / "data")
    candidates.append(Path(__file__).resolve().parents[2] / "data")
    candidates.append(Path(sys.prefix) / "share" / APP_NAME / "data")
    for candidate in candidates:
        if (candidate / "models.csv").is_file():
            return candidate
    searched = ", ".join(str(c) for c in candidates)
    from advisor.domain.errors import CatalogueError

    raise CatalogueError(
        f"The bundled catalogue was not found (looked in {searched}); reinstall Model Advisor "
        f"or set {DATA_ENV} to a folder holding models.csv."
    )
