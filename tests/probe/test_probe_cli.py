"""The probe end to end on the command line against a local fake vendor: key in the keyring,
figures into the catalogue as internal measurements, and the key nowhere else."""

from __future__ import annotations

import io
import logging
import sqlite3

import pytest

from advisor.cli.main import main
from tests.probe.fake_vendor import Behaviour, FakeVendor

KEY = "sk-ant-LEAKCHECK-5f1e2d3c4b5a69788796a5b4"


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "probe.sqlite")


def _set_key(monkeypatch, db, endpoint="anthropic", key=KEY):
    monkeypatch.setattr("sys.stdin", io.StringIO(key + "\n"))
    assert main(["keys", "set", endpoint, "--db", db]) == 0


def test_probe_stores_measurements_and_limits_and_the_key_leaks_nowhere(
    memory_keyring, monkeypatch, db, tmp_path, capsys, caplog
):
    caplog.set_level(logging.DEBUG)
    _set_key(monkeypatch, db)
    behaviour = Behaviour(ttft_s=0.1, chunk_delay_s=0.005, chunks=10, requests_limit=50)
    with FakeVendor(behaviour) as vendor:
        assert main(["endpoint", "anthropic", "--base-url", vendor.url, "--db", db]) == 0
        code = main(
            [
                "probe",
                "claude-sonnet-4.5@standard",
                "--api-model",
                "claude-sonnet-4.5=claude-sonnet-4-5-20250929",
                "--samples",
                "3",
                "--region",
                "office-eu",
                "--db",
                db,
            ]
        )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "claude-sonnet-4.5@standard" in out and "3/3" in out and "RPM 50" in out
    assert all(h["x-api-key"] == KEY for _p, h, _b in behaviour.seen)
    assert behaviour.seen[0][2]["model"] == "claude-sonnet-4-5-20250929"
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT metric, value, sample_count, source_kind, region, source_url FROM measurements "
            "WHERE model_id = 'claude-sonnet-4.5' AND region = 'office-eu'"
        ).fetchall()
        limit = conn.execute(
            "SELECT requests_per_min, tier FROM rate_limits WHERE tier = 'measured'"
        ).fetchone()
    metrics = {r[0]: r for r in rows}
    assert 0.1 <= metrics["ttft_s"][1] < 0.25 and metrics["ttft_s"][2] == 3
    assert metrics["output_tokens_per_s"][1] > 0 and metrics["ttft_s"][3] == "internal"
    assert metrics["ttft_s"][5] == vendor.url and limit == (50.0, "measured")
    # The key is in the keyring and nowhere else.
    exports = [tmp_path / "export", tmp_path / "export.json", tmp_path / "export.xlsx"]
    for target in exports:
        assert main(["catalogue", "export", str(target), "--db", db]) == 0
    profile = tmp_path / "p.toml"
    profile.write_text('name = "p"\n[weights]\ncoding = 1\nlatency = 1\n')
    report = tmp_path / "report.pdf"
    assert main(["report", "--profile", str(profile), "-o", str(report), "--db", db]) == 0
    assert main(["keys", "list", "--db", db]) == 0
    printed = capsys.readouterr()
    haystacks = {
        "stdout/stderr": (printed.out + printed.err).encode(),
        "logs": caplog.text.encode(),
    }
    for path in [*tmp_path.rglob("*")]:
        if path.is_file():
            haystacks[str(path)] = path.read_bytes()
    import zipfile

    with zipfile.ZipFile(tmp_path / "export.xlsx") as book:
        haystacks["xlsx contents"] = b"".join(book.read(n) for n in book.namelist())
    from pypdf import PdfReader

    haystacks["report text"] = "".join(
        page.extract_text() for page in PdfReader(report).pages
    ).encode()
    assert any("probe.sqlite" in name for name in haystacks)
    leaks = [name for name, data in haystacks.items() if KEY.encode() in data]
    assert leaks == []
    assert "key in the keyring" in printed.out and KEY not in printed.out


def test_probe_without_a_key_says_how_to_add_one(memory_keyring, db, capsys):
    assert main(["probe", "gpt-5", "--db", db]) == 1
    assert "advisor keys set openai" in capsys.readouterr().err


def test_probe_uses_the_vendors_environment_variable_without_a_keyring(
    no_keyring, monkeypatch, db, capsys
):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    with FakeVendor(Behaviour(chunks=4)) as vendor:
        assert main(["endpoint", "openai", "--base-url", vendor.url, "--db", db]) == 0
        assert main(["probe", "gpt-5@extended_thinking", "--samples", "2", "--db", db]) == 0
    assert "2/2" in capsys.readouterr().out


def test_bad_probe_input_is_one_sentence(memory_keyring, db, capsys):
    assert main(["probe", "no-such-model", "--db", db]) == 1
    assert "No model 'no-such-model'" in capsys.readouterr().err
    assert main(["probe", "gpt-5@turbo", "--db", db]) == 1
    assert "standard or extended_thinking" in capsys.readouterr().err
    assert (
        main(["endpoint", "x", "--base-url", "ftp://nowhere", "--wire", "openai", "--db", db]) == 1
    )
    assert "is not a base URL" in capsys.readouterr().err


SMUGGLING = "sk-secret-LEAK-0123456789\nX-Injected: 1"


@pytest.mark.parametrize("variable", ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY"])
@pytest.mark.parametrize("key", [SMUGGLING, SMUGGLING.replace("\n", "\r"), "sk-LEAK-9876543210’"])
def test_a_hostile_key_in_the_environment_is_refused_and_never_printed(
    no_keyring, monkeypatch, db, capsys, variable, key
):
    monkeypatch.setenv(variable, key)
    model = {"OPENAI_API_KEY": "gpt-5", "ANTHROPIC_API_KEY": "claude-sonnet-4.5"}.get(
        variable, "gemini-2.5-pro"
    )
    with FakeVendor(Behaviour(chunks=2)) as vendor:
        endpoint = {"OPENAI_API_KEY": "openai", "ANTHROPIC_API_KEY": "anthropic"}.get(
            variable, "google"
        )
        assert main(["endpoint", endpoint, "--base-url", vendor.url, "--db", db]) == 0
        code = main(["probe", model, "--samples", "1", "--db", db])
        assert not vendor.behaviour.seen
    out, err = capsys.readouterr()
    assert code == 1 and err.startswith("error: ") and err.count("\n") == 1, err
    assert f"{variable} contains" in err
    assert "LEAK" not in out + err and "Injected" not in out + err


@pytest.mark.parametrize(
    "key", [SMUGGLING.replace("\n", "\r"), "sk-LEAK-9876543210’", "sk-LEAK 9876543210"]
)
def test_keys_set_refuses_a_key_that_is_not_one_and_never_prints_it(
    memory_keyring, monkeypatch, db, capsys, key
):
    monkeypatch.setattr("sys.stdin", io.StringIO(key + "\n"))
    assert main(["keys", "set", "openai", "--db", db]) == 1
    out, err = capsys.readouterr()
    assert "Nothing was stored" in err and "LEAK" not in out + err
    assert memory_keyring.get_password("model-advisor", "openai") is None


def test_a_damaged_key_in_the_keyring_is_reported_without_the_key(memory_keyring, db, capsys):
    memory_keyring.set_password("model-advisor", "openai", SMUGGLING)
    assert main(["probe", "gpt-5", "--samples", "1", "--db", db]) == 1
    out, err = capsys.readouterr()
    assert "stored for openai in the keyring contains a line break" in err
    assert "LEAK" not in out + err


@pytest.mark.parametrize(
    "option",
    [
        ["--timeout", "-1"],
        ["--timeout", "nan"],
        ["--timeout", "inf"],
        ["--timeout", "1e308"],
        ["--timeout", "0"],
        ["--samples", "0"],
        ["--samples", "-3"],
        ["--concurrency", "0"],
        ["--concurrency", "-5"],
        ["--concurrency", "100000"],
    ],
)
def test_impossible_probe_settings_are_refused_before_any_request(db, capsys, option):
    with pytest.raises(SystemExit) as stop:
        main(["probe", "gpt-5", *option, "--db", db])
    err = capsys.readouterr().err
    assert stop.value.code == 2 and f"argument {option[0]}" in err and "Traceback" not in err


def test_ctrl_c_keeps_and_stores_what_finished(memory_keyring, monkeypatch, db, capsys):
    import os
    import signal
    import threading
    from collections import deque

    _set_key(monkeypatch, db, "openai", "sk-test-abcdef0123456789")
    behaviour = Behaviour(faults=deque([None, None, "drip", "drip"]), chunks=3)

    def interrupt_when_stalled():
        while len(behaviour.seen) < 3:
            threading.Event().wait(0.02)
        threading.Event().wait(0.2)
        os.kill(os.getpid(), signal.SIGINT)

    with FakeVendor(behaviour) as vendor:
        assert main(["endpoint", "openai", "--base-url", vendor.url, "--db", db]) == 0
        sent = threading.Thread(target=interrupt_when_stalled)
        sent.start()
        options = ["--samples", "4", "--concurrency", "1", "--timeout", "30", "--db", db]
        code = main(["probe", "gpt-5", *options])
        sent.join()
    out, err = capsys.readouterr()
    assert code == 130 and "Interrupted: 2 requests had finished" in err
    assert "2/2" in out
    with sqlite3.connect(db) as conn:
        (count,) = conn.execute(
            "SELECT sample_count FROM measurements WHERE model_id = 'gpt-5' AND metric = 'ttft_s'"
        ).fetchone()
    assert count == 2 and len(behaviour.seen) == 3
