"""Application-layer fixtures: workspaces on real SQLite files holding the hand-made catalogue."""

from __future__ import annotations

import pytest

from advisor.app.workspace import Workspace
from tests.conftest import catalogue_of_only


@pytest.fixture
def tiny_path(tmp_path, tiny_folder):
    """A catalogue file on disk holding only the hand-made rows (see tests/conftest.py)."""
    return catalogue_of_only(tmp_path / "tiny.sqlite", tiny_folder)


@pytest.fixture
def workspace(tiny_path):
    with Workspace.open(tiny_path) as opened:
        yield opened
