"""Where the user's catalogue and the bundled data live."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

from advisor.resources import APP_NAME, installed_dir

DB_ENV = "ADVISOR_DB"
DATA_ENV = "ADVISOR_BUNDLED_DATA"
DB_FILENAME = "catalogue.sqlite"


def default_db_path() -> Path:
    """``$ADVISOR_DB`` if set, else ``catalogue.sqlite`` in the platform's user data folder."""
    override = os.environ.get(DB_ENV)
    if override:
        return Path(override).expanduser()
    return Path(user_data_dir(APP_NAME, appauthor=False)) / DB_FILENAME


def bundled_data_dir() -> Path:
    """The read-only bundled catalogue (CSV files and example profiles)."""
    return installed_dir("data", "models.csv", DATA_ENV)
