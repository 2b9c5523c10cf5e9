"""First run: the catalogue is created from the bundle and a welcome names its date and offers
an example profile; later starts go straight to work."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from advisor import __version__
from advisor.app.workspace import catalogue_facts
from advisor.gui.app import create_window


def test_first_start_welcomes_then_later_starts_do_not(qtbot, tmp_path, settings):
    path = tmp_path / "first.sqlite"
    window = create_window(path, settings)
    qtbot.addWidget(window)
    assert window.first_run and path.exists()
    window.show_welcome()
    welcome = window.welcome
    qtbot.addWidget(welcome)
    shown = " ".join(label.text() for label in welcome.findChildren(QLabel))
    facts = catalogue_facts(window.state.session.frames)
    assert __version__ in shown and facts["newest"] in shown
    assert f"{facts['models']} models" in shown and "offline" in shown
    assert str(path) in shown
    welcome.examples.setCurrentIndex(welcome.examples.findText("Procurement committee"))
    welcome.open_button.click()
    assert window.state.name == "Procurement committee" and not welcome.isVisible()
    window.state._set_dirty(False)
    window.close()

    again = create_window(path, settings)
    qtbot.addWidget(again)
    assert not again.first_run
