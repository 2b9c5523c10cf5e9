"""Saving from the window keeps a hand-written profile's comments and key order; an example
saved as a new file keeps the example's layout (first-time user's defect 14)."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

from tests.app.test_profile_layout import HAND_WRITTEN
from tests.gui.pages import requirements


def test_save_keeps_the_files_comments_and_order(bundled_window, tmp_path):
    window = bundled_window
    path = tmp_path / "ours.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    assert window.open_path(path)
    requirements(window).weight("coding").box.setValue(50)
    window.save_action.trigger()
    text = path.read_text(encoding="utf-8")
    before, after = HAND_WRITTEN.splitlines(), text.splitlines()
    assert after[0] == before[0]  # the leading comment
    assert [line for line in after if line not in before] == ["coding = 0.5        # the main job"]
    assert [line for line in before if line not in after] == ["coding = 0.45        # the main job"]
    assert not window.isWindowModified()


def test_save_as_from_an_example_keeps_the_examples_layout(bundled_window, tmp_path, monkeypatch):
    from tests.conftest import DATA

    window = bundled_window
    example = DATA / "profiles" / "coding-assistant.toml"
    window.open_preset(example)
    requirements(window).weight("price").box.setValue(20)
    target = tmp_path / "mine.toml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.save_as_action.trigger()
    before = example.read_text(encoding="utf-8").splitlines()
    after = target.read_text(encoding="utf-8").splitlines()
    assert len(after) == len(before)
    assert [a for a, b in zip(before, after, strict=True) if a != b] == ["price = 0.15"]
