"""GUI fixtures: a window on the hand-made catalogue, settings kept in a temporary file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from advisor.domain import Profile
from tests.conftest import catalogue_of_only


@pytest.fixture(autouse=True)
def _no_modal_dialogs(monkeypatch):
    """A modal dialog would block a headless test run for ever: answer them all at once."""
    from PySide6.QtWidgets import QMessageBox

    answered = []

    def record(answer):
        return lambda *args, **kwargs: answered.append(args) or answer

    monkeypatch.setattr(QMessageBox, "question", record(QMessageBox.StandardButton.Discard))
    monkeypatch.setattr(QMessageBox, "warning", record(QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "critical", record(QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "about", record(None))
    return answered


@pytest.fixture
def tiny_db_path(tmp_path, tiny_folder):
    return catalogue_of_only(tmp_path / "gui.sqlite", tiny_folder)


@pytest.fixture
def settings(tmp_path):
    s = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    s.clear()
    return s


@pytest.fixture
def window(qtbot, tiny_db_path, settings):
    from advisor.gui.app import create_window

    w = create_window(tiny_db_path, settings)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.state.load(Profile("tiny", {"code": 0.5, "know": 0.3, "price": 0.2}))
    w.show()
    return w


@pytest.fixture
def bundled_window(qtbot, tmp_path, settings):
    from advisor.gui.app import create_window

    w = create_window(tmp_path / "bundled.sqlite", settings)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    return w


def top(window) -> str:
    return window.state.recommendation.ranking.candidates[0].candidate


def table_labels(window) -> list[str]:
    from advisor.gui.views.ranking_table import LABEL_ROLE

    model = window.table.source
    return [model.index(r, 0).data(LABEL_ROLE) for r in range(model.rowCount())]


__all__ = ["table_labels", "top"]
