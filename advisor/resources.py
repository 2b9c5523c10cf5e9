"""Files shipped beside the package: the fonts and icons in ``resources/``, the documents in
``docs/`` (and, through :func:`installed_dir`, the bundled catalogue in ``data/``). A leaf
beside ``advisor.domain``: every layer and both faces may ask for them."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from advisor.domain.errors import CatalogueError

APP_NAME = "model-advisor"


def installed_dir(name: str, marker: str, env: str | None = None) -> Path:
    """A folder shipped beside the package: ``$env``, a PyInstaller bundle, the source tree
    (editable installs) or ``<prefix>/share/model-advisor/<name>`` (wheel installs); the first
    that holds ``marker``."""
    candidates = []
    override = os.environ.get(env) if env else None
    if override:
        candidates.append(Path(override))
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / name)
    candidates.append(Path(__file__).resolve().parents[1] / name)
    candidates.append(Path(sys.prefix) / "share" / APP_NAME / name)
    for candidate in candidates:
        if (candidate / marker).exists():
            return candidate
    searched = ", ".join(str(c) for c in candidates)
    hint = f" or set {env} to the right folder" if env else ""
    raise CatalogueError(
        f"The bundled {name} folder was not found (looked in {searched}); "
        f"reinstall Model Advisor{hint}."
    )


def resources_dir() -> Path:
    """Icons, fonts and other non-code assets."""
    return installed_dir("resources", "fonts")


def docs_dir() -> Path:
    """The user guide and the other documents the window shows under Help (Markdown), with
    the screenshots they include."""
    return installed_dir("docs", "guide.md")


def font_files() -> list[Path]:
    """The shipped TrueType fonts (DejaVu Sans regular and bold), by name."""
    return sorted((resources_dir() / "fonts").glob("*.ttf"))


def font_file(name: str) -> Path:
    """One shipped font, e.g. ``DejaVuSans-Bold.ttf``."""
    return resources_dir() / "fonts" / name


def icon_files() -> list[Path]:
    """The application icon as PNG at every size shipped."""
    return sorted((resources_dir() / "icons").glob("model-advisor-*.png"))
