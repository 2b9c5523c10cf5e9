"""``advisor catalogue sync``: a preview that writes nothing with --dry-run, a rejected copy as
one clear message and exit 1, --download from a server on 127.0.0.1, and offline refusal."""

from __future__ import annotations

import json

from advisor.cli.main import main
from tests.conftest import DATA
from tests.sources.file_server import FileServer, closed_port_url

VECTARA = DATA / "sources" / "vectara-hallucination" / "README.md"
LITELLM = DATA / "sources" / "litellm" / "model_prices_and_context_window.json"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _newer_vectara(tmp_path):
    text = VECTARA.read_text(encoding="utf-8")
    newer = tmp_path / "README.md"
    newer.write_text(
        text.replace("|openai/gpt-4.1-2025-04-14|5.6 %|", "|openai/gpt-4.1-2025-04-14|4.2 %|"),
        encoding="utf-8",
    )
    return newer


def _vectara_scores(capsys, db):
    _, out, _ = run(capsys, "catalogue", "list", "results", "--db", db, "--json")
    return {
        r["model_id"]: r["score"]
        for r in json.loads(out)
        if r["benchmark"] == "vectara-hallucination-rate"
    }


def test_dry_run_previews_both_values_and_writes_nothing(capsys, tmp_path):
    db = str(tmp_path / "c.sqlite")
    before = _vectara_scores(capsys, db)
    code, out, err = run(
        capsys,
        "catalogue",
        "sync",
        "vectara",
        str(_newer_vectara(tmp_path)),
        "--dry-run",
        "--db",
        db,
    )
    assert code == 0 and err == ""
    assert "Added 0, changed 1, removed 0" in out
    assert "results gpt-4.1 / vectara-hallucination-rate" in out and "5.6 -> 4.2" in out
    assert "Dry run: nothing was written." in out
    assert _vectara_scores(capsys, db) == before


def test_sync_writes_and_json_describes_it(capsys, tmp_path):
    db = str(tmp_path / "c.sqlite")
    newer = str(_newer_vectara(tmp_path))
    code, out, _ = run(capsys, "catalogue", "sync", "vectara", newer, "--json", "--db", db)
    plan = json.loads(out)
    assert code == 0 and plan["source"] == "vectara" and plan["snapshot_date"] == "2026-03-10"
    assert [c["key"][0] for c in plan["changed"]] == ["gpt-4.1"]
    assert plan["rejected"] == [] and plan["unmapped"]
    assert _vectara_scores(capsys, db)["gpt-4.1"] == 4.2
    code, out, _ = run(capsys, "catalogue", "info", "--db", db)
    assert "Vectara hallucination leaderboard [vectara, Apache-2.0]: 2026-03-10; synced" in out


def test_a_rejected_copy_is_one_clear_message_and_exit_1(capsys, tmp_path):
    db = str(tmp_path / "c.sqlite")
    broken = tmp_path / LITELLM.name
    broken.write_text(
        '{"deepseek-chat": {"mode": "chat", "litellm_provider": "deepseek", '
        '"input_cost_per_token": "free"}}',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "catalogue", "sync", "litellm", str(broken), "--db", db)
    assert code == 1 and out == ""
    assert err.startswith(f"error: {broken} is not a readable copy of litellm")
    assert "record deepseek-chat: not a number: 'free'" in err and "nothing was written" in err
    assert "Traceback" not in err


def test_bad_arguments_are_one_sentence(capsys, tmp_path):
    db = str(tmp_path / "c.sqlite")
    code, _, err = run(capsys, "catalogue", "sync", "vectara", "--db", db)
    assert code == 1 and "Give the vectara file or folder you downloaded" in err
    code, _, err = run(capsys, "catalogue", "sync", "vectara", str(tmp_path / "x.md"), "--db", db)
    assert code == 1 and "does not exist" in err
    code, _, err = run(capsys, "catalogue", "sync", "vectara", str(VECTARA), "--url", "http://x")
    assert code == 1 and "--url goes with --download" in err


def test_download_from_a_local_server_then_sync(capsys, tmp_path):
    db = str(tmp_path / "c.sqlite")
    with FileServer(VECTARA.parent) as server:
        code, out, err = run(
            capsys,
            "catalogue",
            "sync",
            "vectara",
            "--download",
            "--url",
            server.url("README.md"),
            "--dry-run",
            "--db",
            db,
        )
    assert code == 0 and server.requests == ["/README.md"]
    saved = tmp_path / "sources" / "vectara" / "README.md"
    assert saved.read_bytes() == VECTARA.read_bytes()
    assert f"Saved {saved}" in err and "Added 0, changed 0, removed 0" in out


def test_download_when_offline_is_refused_in_one_sentence(capsys, tmp_path):
    db = str(tmp_path / "c.sqlite")
    code, _, err = run(
        capsys,
        "catalogue",
        "sync",
        "vectara",
        "--download",
        "--url",
        closed_port_url("README.md"),
        "--db",
        db,
    )
    assert code == 1 and "may be offline" in err and "Traceback" not in err
    assert not (tmp_path / "sources" / "vectara" / "README.md").exists()


def test_an_endless_or_bomb_copy_is_refused_before_it_is_read(capsys, tmp_path):
    import zipfile

    db = str(tmp_path / "c.sqlite")
    endless = tmp_path / "endless"
    endless.mkdir()
    (endless / LITELLM.name).symlink_to("/dev/zero")
    code, out, err = run(capsys, "catalogue", "sync", "litellm", str(endless), "--db", db)
    assert code == 1 and out == "" and "is not a regular file" in err
    assert "nothing was read or written" in err and err.count("\n") == 1
    bomb = tmp_path / "benchmark_data.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("benchmark_data/aime_25.csv", b" " * (64 << 20))
    code, _, err = run(capsys, "catalogue", "sync", "epoch", str(bomb), "--db", db)
    assert code == 1 and "decompression bomb" in err and "Traceback" not in err
