"""The Linux desktop entry and AppStream metainfo validate, and agree with the app."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from advisor import __version__
from tests.conftest import DATA

LINUX = DATA.parent / "packaging" / "linux"
APP_ID = "org.modeladvisor.ModelAdvisor"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian: desktop-file-utils, appstream)")
    return path


def test_desktop_entry_validates():
    tool = _tool("desktop-file-validate")
    done = subprocess.run([tool, str(LINUX / f"{APP_ID}.desktop")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_metainfo_validates_and_names_this_release():
    tool = _tool("appstreamcli")
    path = LINUX / f"{APP_ID}.metainfo.xml"
    done = subprocess.run([tool, "validate", "--no-net", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    root = ET.parse(path).getroot()
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == f"{APP_ID}.desktop"
    versions = [r.get("version") for r in root.iter("release")]
    assert versions[0] == __version__


def test_every_icon_size_is_there():
    icons = DATA.parent / "resources" / "icons"
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        assert (icons / f"model-advisor-{size}.png").stat().st_size > 0
    assert (icons / "model-advisor.svg").read_text().startswith("<svg")
    assert (icons / "model-advisor.icns").stat().st_size > 0
    from PIL import Image

    with Image.open(icons / "model-advisor.ico") as ico:  # one sharp image per size
        assert {w for w, _ in ico.info["sizes"]} == {16, 24, 32, 48, 64, 128, 256}
