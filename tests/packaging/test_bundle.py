"""Build the one-folder bundle with packaging/build.sh and use it like an analyst would: with no
network (a fresh network namespace), no Python on the PATH and an empty home folder.

Slow (about a minute): deselected by default; CI runs it with `pytest -m slow`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile

import pytest
from pypdf import PdfReader

from advisor import __version__
from tests.conftest import DATA

ROOT = DATA.parent
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform != "linux", reason="the Linux build runs on Linux"),
]


@pytest.fixture(scope="module")
def bundle():
    env = dict(os.environ, PYTHON=sys.executable)
    done = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build.sh")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    print(done.stdout.splitlines()[-2:])  # build time and sizes, shown with -s
    return ROOT / "dist" / "model-advisor"


def offline(argv, home, **kwargs):
    """Run argv in a new network namespace (only a loopback that is down) with a bare
    environment: no Python on PATH, an empty home."""
    if shutil.which("unshare") is None:
        pytest.fail("unshare (util-linux) is needed to prove the bundle runs with no network")
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        ["unshare", "-rn", *argv], env=env, capture_output=True, text=True, **kwargs
    )


def test_the_bundle_ranks_and_reports_offline(bundle, tmp_path):
    profile = bundle / "_internal" / "data" / "profiles" / "coding-assistant.toml"
    done = offline([str(bundle / "advisor"), "rank", "--profile", str(profile), "--json"], tmp_path)
    assert done.returncode == 0, done.stderr
    ranking = json.loads(done.stdout)
    assert ranking["profile"] == "Coding assistant" and len(ranking["ranking"]) > 10
    # the catalogue was created in the user data folder from the bundled CSVs
    assert (tmp_path / ".local" / "share" / "model-advisor" / "catalogue.sqlite").exists()

    from advisor.app.profiles import load_profile
    from advisor.app.workspace import Workspace

    with Workspace.open(tmp_path / "same.sqlite") as workspace:
        expected = workspace.recommend(load_profile(profile)).ranking
    assert ranking["ranking"][0]["candidate"] == expected.candidates[0].candidate

    report = tmp_path / "report.pdf"
    committee = profile.with_name("procurement-committee.toml")
    done = offline(
        [str(bundle / "advisor"), "report", "--profile", str(committee), "-o", str(report)],
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    text = " ".join(page.extract_text() for page in PdfReader(str(report)).pages)
    assert "Stakeholders" in text and f"Model Advisor {__version__}" in text

    done = offline([str(bundle / "advisor"), "--version"], tmp_path)
    assert done.stdout.strip() == f"advisor {__version__}"


def test_the_window_starts_offline(bundle, tmp_path):
    # Offscreen, the window runs until killed: still running after 10 s means it started.
    done = offline(["timeout", "10", str(bundle / "model-advisor")], tmp_path)
    assert done.returncode == 124, done.stderr
    assert "Traceback" not in done.stderr and "error" not in done.stderr.lower()


def test_the_window_libraries_travel_with_the_bundle(bundle):
    # Qt's xcb platform plugin needs these; many desktops lack them (Debian packages
    # libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 must be on the build machine).
    for library in ("libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-cursor.so.0"):
        assert (bundle / "_internal" / library).exists(), f"{library} is not in the bundle"


def test_archive_and_per_user_install(bundle, tmp_path):
    arch = os.uname().machine
    name = f"model-advisor-{__version__}-linux-{arch}"
    archive = ROOT / "dist" / f"{name}.tar.gz"
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        tar.extractall(tmp_path / "unpacked", filter="tar")
    for member in ("advisor", "model-advisor", "install.sh", "uninstall.sh", "VERSION"):
        assert f"{name}/{member}" in names
    home = tmp_path / "home with a space"
    home.mkdir()
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}

    def sh(script, **extra):
        return subprocess.run(
            ["sh", str(script)], env={**env, **extra}, capture_output=True, text=True
        )

    done = sh(tmp_path / "unpacked" / name / "install.sh")
    assert done.returncode == 0, done.stderr
    program = home / ".local" / "opt" / "model-advisor"
    installed = home / ".local" / "bin" / "advisor"
    version = subprocess.run([str(installed), "--version"], capture_output=True, text=True)
    assert version.stdout.strip() == f"advisor {__version__}"
    entry = home / ".local/share/applications/org.modeladvisor.ModelAdvisor.desktop"
    assert f'Exec="{program}/model-advisor" %f' in entry.read_text()
    icon = home / ".local/share/icons/hicolor/256x256/apps/org.modeladvisor.ModelAdvisor.png"
    assert icon.exists()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True)
        assert check.returncode == 0, check.stdout
    # running the installed copy's install.sh again is an upgrade in place, not a loss
    assert sh(program / "install.sh").returncode == 0 and installed.exists()
    # an unrelated folder is never replaced
    other = home / "tools"
    (other / "keep-me").mkdir(parents=True)
    refused = sh(tmp_path / "unpacked" / name / "install.sh", INSTALL_DIR=str(other))
    assert refused.returncode == 1 and "not a Model Advisor install" in refused.stderr
    assert (other / "keep-me").exists()
    done = sh(program / "uninstall.sh")
    assert done.returncode == 0, done.stderr
    assert not installed.exists() and not entry.exists() and not program.exists()
