"""The probe in the window, against a local fake vendor: keys go to the keyring (or this session
only, when there is none), a run shows progress, can be cancelled, and its figures reach the
catalogue and the ranking; the key reaches no file."""

from __future__ import annotations

from advisor.app import probe
from advisor.gui.dialogs.keys_dialog import KeyEntryDialog, KeysDialog
from tests.gui.pages import requirements
from tests.probe.fake_vendor import Behaviour, FakeVendor

KEY = "sk-ant-GUILEAK-00112233445566778899"


def _point_at(window, vendor, name="anthropic"):
    store = window.catalogue_actions.store
    endpoint = next(e for e in probe.endpoints(store) if e.name == name)
    probe.save_endpoint(
        store, probe.Endpoint(endpoint.name, endpoint.wire, vendor.url, endpoint.vendor)
    )


def _row_of(dialog, label):
    return next(
        i for i in range(dialog.targets.rowCount()) if dialog.targets.item(i, 1).text() == label
    )


def test_keys_dialog_stores_tests_and_deletes_a_key(
    bundled_window,
    memory_keyring,
    qtbot,
    settings,
    tmp_path,
):
    with FakeVendor(Behaviour(chunks=4)) as vendor:
        _point_at(bundled_window, vendor)
        dialog = KeysDialog(bundled_window.catalogue_actions, bundled_window.keys, bundled_window)
        qtbot.addWidget(dialog)
        assert "system keyring" in dialog.keyring_note.text()
        dialog.table.selectRow(0)
        assert dialog.selected().name == "anthropic" and not dialog.test_button.isEnabled()
        assert dialog.store_key("anthropic", KEY, session_only=False)
        assert dialog.table.item(0, 4).text() == "in the keyring"
        assert memory_keyring.store[("model-advisor", "anthropic")] == KEY
        dialog.test_key(api_model="claude-sonnet-4-5")
        qtbot.waitUntil(lambda: "The key works" in dialog.message.text(), timeout=10000)
        assert vendor.behaviour.seen[-1][1]["x-api-key"] == KEY
    dialog.delete_key()
    assert dialog.table.item(0, 4).text() == "none"
    bundled_window.settings.sync()
    leaks = [p for p in tmp_path.rglob("*") if p.is_file() and KEY.encode() in p.read_bytes()]
    assert leaks == []


def test_without_a_keyring_the_session_only_key_is_offered_and_works(
    bundled_window,
    no_keyring,
    qtbot,
):
    dialog = KeysDialog(bundled_window.catalogue_actions, bundled_window.keys, bundled_window)
    qtbot.addWidget(dialog)
    assert "session only" in dialog.keyring_note.text()
    entry = KeyEntryDialog("openai", dialog.status, dialog)
    qtbot.addWidget(entry)
    assert entry.session_only.isChecked() and not entry.session_only.isEnabled()
    assert not dialog.store_key("openai", KEY, session_only=False)
    assert "session only" in dialog.message.text() and KEY not in dialog.message.text()
    assert dialog.store_key("openai", KEY, session_only=True)
    row = next(i for i, e in enumerate(dialog.endpoints) if e.name == "openai")
    assert dialog.table.item(row, 4).text() == "this session only"
    assert bundled_window.keys.get("openai") == KEY


def test_a_probe_run_reaches_the_catalogue_and_the_ranking(
    bundled_window,
    memory_keyring,
    qtbot,
):
    window = bundled_window
    window.keys.set("anthropic", KEY)
    with FakeVendor(Behaviour(ttft_s=0.12, chunk_delay_s=0.002, chunks=10)) as vendor:
        _point_at(window, vendor)
        dialog = window.show_probe()
        qtbot.addWidget(dialog)
        for i in range(dialog.targets.rowCount()):
            dialog.targets.item(i, 0).setCheckState(
                dialog.targets.item(i, 0).checkState().Unchecked
            )
        row = _row_of(dialog, "claude-sonnet-4.5@standard")
        dialog.targets.item(row, 0).setCheckState(dialog.targets.item(row, 0).checkState().Checked)
        assert dialog.targets.cellWidget(row, 2).currentData() == "anthropic"
        dialog.targets.item(row, 3).setText("claude-sonnet-4-5-20250929")
        dialog.samples.setValue(3)
        dialog.region.setText("office-eu")
        dialog.run_button.click()
        assert dialog.running and dialog.cancel_button.isEnabled()
        qtbot.waitUntil(lambda: not dialog.running, timeout=15000)
    assert dialog.progress.value() == 3 and dialog.results.item(0, 1).text() == "3/3"
    assert "Stored 3 figures" in dialog.message.text()  # 2 measurements, 1 limit
    assert vendor.behaviour.seen[0][2]["model"] == "claude-sonnet-4-5-20250929"
    assert (
        window.settings.value("probe/api_model/claude-sonnet-4.5") == "claude-sonnet-4-5-20250929"
    )
    frames = window.state.session.frames.measurements
    mine = frames[(frames["model_id"] == "claude-sonnet-4.5") & (frames["region"] == "office-eu")]
    assert set(mine["metric"]) == {"ttft_s", "output_tokens_per_s"}
    assert 0.12 <= float(mine[mine["metric"] == "ttft_s"]["value"].iloc[0]) < 0.3


def test_cancel_keeps_what_was_measured(bundled_window, memory_keyring, qtbot):
    window = bundled_window
    window.keys.set("anthropic", KEY)
    with FakeVendor(Behaviour(ttft_s=0.05, chunk_delay_s=0.02, chunks=10)) as vendor:
        _point_at(window, vendor)
        dialog = window.show_probe()
        qtbot.addWidget(dialog)
        for i in range(dialog.targets.rowCount()):
            dialog.targets.item(i, 0).setCheckState(
                dialog.targets.item(i, 0).checkState().Unchecked
            )
        row = _row_of(dialog, "claude-opus-4.5@standard")
        dialog.targets.item(row, 0).setCheckState(dialog.targets.item(row, 0).checkState().Checked)
        dialog.samples.setValue(50)
        dialog.concurrency.setValue(1)
        dialog.run_button.click()
        qtbot.waitUntil(lambda: dialog.progress.value() >= 2, timeout=15000)
        dialog.cancel_button.click()
        qtbot.waitUntil(lambda: not dialog.running, timeout=15000)
    ok, attempts = dialog.results.item(0, 1).text().split("/")
    assert 2 <= int(attempts) < 50 and ok == attempts
    assert dialog.message.text().startswith("Cancelled; kept what was measured. Stored 3")


def test_a_run_without_a_key_says_how_to_add_one(bundled_window, memory_keyring, qtbot):
    dialog = bundled_window.show_probe()
    qtbot.addWidget(dialog)
    for i in range(dialog.targets.rowCount()):  # tick only candidates an endpoint serves
        served = dialog.targets.cellWidget(i, 2).currentIndex() >= 0
        state = dialog.targets.item(i, 0).checkState()
        dialog.targets.item(i, 0).setCheckState(state.Checked if served else state.Unchecked)
    dialog.run_button.click()
    assert not dialog.running and "Endpoints and API keys" in dialog.message.text()


def test_the_policy_box_switches_own_measurements(bundled_window):
    box = requirements(bundled_window).policy
    assert box.own.isChecked()
    box.own.setChecked(False)
    assert bundled_window.state.policy.own_measurements is False
