"""Ranking, reporting and catalogue work open no network connection: sockets are made to fail
and everything still works."""

from __future__ import annotations

import socket

import pytest

from advisor.cli.main import main
from tests.conftest import DATA


@pytest.fixture
def no_network(monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access attempted in an offline test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_rank_report_and_catalogue_work_open_no_socket(no_network, tmp_path, capsys):
    db = str(tmp_path / "offline.sqlite")
    profile = str(DATA / "profiles" / "engineering-org-at-scale.toml")
    commands = [
        ["rank", "--profile", profile, "--db", db, "--json"],
        ["explain", "claude-opus-4.5", "--profile", profile, "--db", db],
        ["sensitivity", "--profile", profile, "--samples", "200", "--db", db],
        ["report", "--profile", profile, "-o", str(tmp_path / "r.pdf"), "--db", db],
        ["catalogue", "export", str(tmp_path / "out"), "--db", db],
        ["catalogue", "export", str(tmp_path / "out.xlsx"), "--db", db],
        ["catalogue", "import", str(tmp_path / "out"), "--db", db],
        ["catalogue", "snapshot", "offline", "--db", db],
        ["catalogue", "diff", "offline", "--db", db],
        ["catalogue", "info", "--db", db],
        ["keys", "list", "--db", db],
    ]
    for command in commands:
        assert main(command) == 0, (command, capsys.readouterr().err)
    assert no_network == []


def test_the_window_opens_and_ranks_without_a_socket(no_network, tmp_path, qtbot, monkeypatch):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    # Closing an edited profile asks to save it; answer "discard" (a modal would block).
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    from advisor.gui.app import create_window

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = create_window(tmp_path / "gui.sqlite", settings)
    qtbot.addWidget(window)
    window.state.set_weight("price", 50)
    window.state.rerank_now()
    window.show_editor()
    assert len(window.state.recommendation.ranking) > 0
    assert no_network == []
