"""One version number, from pyproject.toml, everywhere it is shown."""

from __future__ import annotations

import re
import tomllib

from advisor import __version__
from advisor.cli.main import main
from tests.conftest import DATA

PYPROJECT = DATA.parent / "pyproject.toml"


def test_the_installed_version_is_pyprojects():
    declared = tomllib.loads(PYPROJECT.read_text())["project"]["version"]
    assert __version__ == declared


def test_cli_version(capsys):
    try:
        main(["--version"])
    except SystemExit as done:
        assert done.code == 0
    assert capsys.readouterr().out.strip() == f"advisor {__version__}"


def test_the_changelog_has_an_entry_for_this_version():
    changelog = (DATA.parent / "CHANGELOG.md").read_text()
    assert re.search(rf"^## {re.escape(__version__)} ", changelog, re.MULTILINE)
