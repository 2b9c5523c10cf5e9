"""The command line end to end on temporary databases."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from advisor.cli.main import main
from advisor.cli.parser import build_parser
from tests.conftest import DATA, bundled_count, write_csv

PROFILE = DATA / "profiles" / "coding-assistant.toml"


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "cli.sqlite")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_rank_prints_a_table(capsys, db):
    code, out, err = run(capsys, "rank", "--profile", str(PROFILE), "--db", db, "--top", "5")
    assert code == 0, err
    assert "Profile: Coding assistant" in out
    lines = [line for line in out.splitlines() if line[:3].strip().isdigit()]
    assert len(lines) == 5 and lines[0].split()[0] == "1"
    assert "Excluded (" in out


def test_rank_json_shape(capsys, db):
    code, out, _ = run(capsys, "rank", "--profile", str(PROFILE), "--db", db, "--json")
    assert code == 0
    data = json.loads(out)
    first = data["ranking"][0]
    for key in (
        "candidate",
        "model_id",
        "mode",
        "rank",
        "score",
        "contributions",
        "coverage",
        "pareto",
    ):
        assert key in first
    assert first["candidate"] == f"{first['model_id']}@{first['mode']}"
    assert [r["rank"] for r in data["ranking"]] == list(range(1, len(data["ranking"]) + 1))
    scores = [r["score"] for r in data["ranking"]]
    assert scores == sorted(scores, reverse=True)
    assert sum(first["contributions"].values()) == pytest.approx(first["score"])
    assert all(e["reasons"] for e in data["excluded"])
    assert all(f["source_url"] for f in first["figures"] if f["criterion"] == "swe-bench-verified")


def test_rank_json_gives_each_offer_its_channel_regions_and_lifecycle(capsys, db):
    _, out, _ = run(capsys, "rank", "--profile", str(PROFILE), "--db", db, "--json")
    data = json.loads(out)
    assert data["policy"]["decision_date"]
    for entry in data["ranking"] + data["excluded"]:
        assert entry["channel"] and isinstance(entry["regions"], list)
        assert set(entry["lifecycle"]) == {"status", "note", "decision_date", "events"}
    eu = next(r for r in data["ranking"] if r["candidate"].endswith("/bedrock:eu"))
    assert (eu["channel"], eu["regions"]) == ("bedrock", ["eu"])
    assert eu["best_offer"] in (True, False)
    seen = set()
    for r in data["ranking"]:  # the first offer of each model and mode is its best
        key = (r["model_id"], r["mode"])
        assert r["best_offer"] == (key not in seen)
        seen.add(key)
    retired = next(e for e in data["excluded"] if e["candidate"] == "claude-opus-4@standard")
    assert retired["lifecycle"]["status"] == "retired"
    assert retired["reasons"] == [
        "retired on 2026-06-15 (Anthropic, "
        "https://platform.claude.com/docs/en/about-claude/model-deprecations)"
    ]
    assert "retired" in retired["constraints"]
    events = retired["lifecycle"]["events"]
    assert {"event": "retirement", "date": "2026-06-15"}.items() <= events[-1].items()


def test_rank_shows_each_model_once_unless_every_offer(capsys, db):
    _, out, _ = run(capsys, "rank", "--profile", str(PROFILE), "--db", db, "--top", "5")
    assert "each shown through its best offer" in out and "Offer" in out
    _, every, _ = run(
        capsys, "rank", "--profile", str(PROFILE), "--db", db, "--every-offer", "--top", "40"
    )
    assert "/bedrock" in every or "/azure" in every or "/vertex_ai" in every
    assert "Excluded (" in every


def test_rank_top_limits_json(capsys, db):
    _, out, _ = run(capsys, "rank", "--profile", str(PROFILE), "--db", db, "--json", "--top", "3")
    assert len(json.loads(out)["ranking"]) == 3


def test_explain_shows_sources_and_set_aside_figures(capsys, db):
    code, out, _ = run(capsys, "explain", "claude-opus-4", "--profile", str(PROFILE), "--db", db)
    assert code == 0
    assert "https://www.anthropic.com/news/claude-4" in out
    assert "Published but not counted under this policy" in out
    assert "79.4 (parallel_test_time_compute" in out


def test_explain_unknown_candidate(capsys, db):
    code, _, err = run(capsys, "explain", "nobody", "--profile", str(PROFILE), "--db", db)
    assert code == 1 and err.startswith("error: No candidate 'nobody@standard'")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "does not exist"),
        ('name = "x"\n[weights]\ncoding = -2\n', "weights.coding is negative"),
        ('name = "x"\n[weights]\ncodin = 1\n', "weights.codin names no criterion"),
        ("name = [broken", "not valid TOML"),
    ],
)
def test_bad_profile_is_one_clear_line_and_exit_1(capsys, db, tmp_path, text, message):
    path = tmp_path / "p.toml"
    if text is not None:
        path.write_text(text)
    code, out, err = run(capsys, "rank", "--profile", str(path), "--db", db)
    assert code == 1 and out == ""
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_corrupt_database_is_set_aside(capsys, tmp_path):
    path = tmp_path / "bad.sqlite"
    path.write_bytes(b"definitely not sqlite" * 100)
    code, _, err = run(capsys, "rank", "--profile", str(PROFILE), "--db", str(path))
    assert code == 1 and "set aside as bad.sqlite.corrupt-" in err
    assert any(p.name.startswith("bad.sqlite.corrupt-") for p in tmp_path.iterdir())


def test_import_export_list_round_trip(capsys, db, tmp_path):
    code, out, _ = run(capsys, "catalogue", "export", str(tmp_path / "out"), "--db", db)
    assert code == 0 and "models.csv" in out
    code, out, _ = run(
        capsys, "catalogue", "import", str(tmp_path / "out"), "--db", db, "--dry-run"
    )
    assert code == 0 and "nothing was written" in out
    write_csv(
        tmp_path / "mine",
        "benchmark_results.csv",
        "model_id,benchmark,condition,score,source_kind,reported_by,source_date\n"
        "gpt-5,swe-bench-verified,standard,61.5,internal,Our team,2026-11-01\n",
    )
    code, out, _ = run(capsys, "catalogue", "import", str(tmp_path / "mine"), "--db", db)
    assert code == 0 and "Imported 1 row from" in out
    code, out, _ = run(capsys, "catalogue", "list", "results", "--db", db, "--json")
    rows = json.loads(out)
    assert any(r["source_kind"] == "internal" and r["score"] == 61.5 for r in rows)
    for what in ("models", "benchmarks", "criteria", "groups", "rate-limits", "vendors"):
        code, out, _ = run(capsys, "catalogue", "list", what, "--db", db)
        assert code == 0 and out.count("\n") > 2


def test_bad_import_lists_every_problem_and_writes_nothing(capsys, db, tmp_path):
    write_csv(
        tmp_path / "bad",
        "benchmark_results.csv",
        "model_id,benchmark,condition,score\nghost,swe-bench-verified,standard,50\n"
        "gpt-5,swe-bench-verified,wishful,50\n",
    )
    run(capsys, "catalogue", "info", "--db", db)
    code, out, err = run(capsys, "catalogue", "import", str(tmp_path / "bad"), "--db", db)
    assert code == 1 and out == ""
    assert "benchmark_results.csv, line 2, column model_id: unknown model_id 'ghost'" in err
    assert "benchmark_results.csv, line 3, column condition" in err
    _, out, _ = run(capsys, "catalogue", "list", "results", "--db", db, "--json")
    assert len(json.loads(out)) == bundled_count("benchmark_results.csv")


def test_info(capsys, db):
    code, out, _ = run(capsys, "catalogue", "info", "--db", db)
    models = len(json.loads(run(capsys, "catalogue", "list", "models", "--db", db, "--json")[1]))
    assert code == 0 and "Schema version: 6" in out and f"{models} models" in out


def test_no_arguments_opens_the_window(monkeypatch):
    import advisor.gui.app

    calls = []
    monkeypatch.setattr(advisor.gui.app, "run", lambda db=None, profile=None: calls.append(db) or 0)
    assert main([]) == 0
    assert calls == [None]


def test_help_lists_commands(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0 and "usage: advisor" in out and "rank" in out


def _walk(parser, prefix=()):
    yield prefix, parser
    for action in parser._actions:
        if action.__class__.__name__ == "_SubParsersAction":
            for name, sub in action.choices.items():
                yield from _walk(sub, (*prefix, name))


def test_every_command_has_help():
    for path, parser in _walk(build_parser()):
        assert parser.description, f"advisor {' '.join(path)} has no description"
        for action in parser._actions:
            if action.option_strings or action.dest not in ("help",):
                assert action.help, f"advisor {' '.join(path)}: {action.dest} has no help"


def test_the_lazy_grammar_gives_every_command_the_same_help():
    def lazy_walk(parser, path):
        for name in path:
            parser.format_usage()  # builds its arguments, as parsing the command does
            parser = next(
                a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"
            ).choices[name]
        return parser

    lazy = build_parser(lazy=True)
    for path, parser in _walk(build_parser()):
        assert lazy_walk(lazy, path).format_help() == parser.format_help(), path


def test_cli_and_rank_import_no_qt(tmp_path):
    code = (
        "import sys, advisor.cli.main as m\n"
        f"rc = m.main(['rank', '--profile', r'{PROFILE}', '--db', r'{tmp_path / 'q.sqlite'}', '--top', '1'])\n"
        "bad = [n for n in sys.modules if n.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6')]\n"
        "assert rc == 0 and not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_entry_point_and_module_run(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "advisor", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith("advisor ")


def test_sensitivity_text_and_json(capsys, db):
    code, out, _ = run(
        capsys,
        "sensitivity",
        "--profile",
        str(PROFILE),
        "--db",
        db,
        "--samples",
        "300",
        "--seed",
        "7",
    )
    assert code == 0 and "Rank acceptability" in out and "Weight stability" in out
    code, out, _ = run(
        capsys,
        "sensitivity",
        "--profile",
        str(PROFILE),
        "--db",
        db,
        "--samples",
        "300",
        "--seed",
        "7",
        "--json",
    )
    data = json.loads(out)
    first = data["acceptability"][0]
    assert data["samples"] == 300 and len(first["rank_probabilities"]) == 3
    assert sum(a["rank_probabilities"][0] for a in data["acceptability"]) == pytest.approx(1.0)
    assert {s["key"] for s in data["stability"]} == {
        "coding",
        "agentic",
        "price",
        "context",
        "honesty",
    }
    code, _, err = run(
        capsys, "sensitivity", "--profile", str(PROFILE), "--db", db, "--samples", "0"
    )
    assert code == 1 and "--samples must be at least 1" in err


def test_export_tables_match_the_catalogue_format():
    from advisor.cli.parser import EXPORT_TABLES
    from advisor.domain.catalogue_format import SPECS_BY_TABLE

    assert set(EXPORT_TABLES) == set(SPECS_BY_TABLE)


def test_filtered_export_is_a_view_that_imports_again(capsys, db, tmp_path):
    target = tmp_path / "opus"
    assert main(["catalogue", "export", str(target), "--model", "claude-opus-4", "--db", db]) == 0
    files = sorted(p.name for p in target.iterdir())
    assert files == [
        "benchmark_results.csv",
        "benchmarks.csv",
        "lifecycle.csv",
        "model_attributes.csv",
        "models.csv",
        "rate_limits.csv",
        "sources.csv",
        "vendors.csv",
    ]
    attributes = (target / "model_attributes.csv").read_text().splitlines()[1:]
    assert attributes and all(line.startswith("claude-opus-4,") for line in attributes)
    models = (target / "models.csv").read_text().splitlines()
    assert len(models) == 2 and models[1].startswith("claude-opus-4,Anthropic,")
    results = (target / "benchmark_results.csv").read_text().splitlines()[1:]
    assert results and all(line.startswith("claude-opus-4,") for line in results)
    fresh = str(tmp_path / "fresh.sqlite")
    from advisor.catalogue import open_catalogue

    handle = open_catalogue(fresh)
    for table in ("results", "measurements"):
        handle.execute(f"DELETE FROM {table}")
    handle.conn.commit()
    handle.close()
    assert main(["catalogue", "import", str(target), "--db", fresh]) == 0
    capsys.readouterr()
    assert (
        main(["catalogue", "export", str(tmp_path / "t.json"), "--table", "vendors", "--db", db])
        == 0
    )
    import json

    assert list(json.loads((tmp_path / "t.json").read_text())) == ["vendors.csv"]


def test_a_filter_matching_nothing_writes_nothing(capsys, db, tmp_path):
    target = tmp_path / "none.xlsx"
    assert main(["catalogue", "export", str(target), "--vendor", "Nobody", "--db", db]) == 1
    assert "Nothing matched" in capsys.readouterr().err and not target.exists()


def test_a_lone_profile_file_opens_the_window_on_it(monkeypatch, tmp_path):
    import advisor.gui.app

    calls = []
    monkeypatch.setattr(
        advisor.gui.app, "run", lambda db=None, profile=None: calls.append(profile) or 0
    )
    assert main([str(PROFILE)]) == 0
    assert calls == [str(PROFILE)]


def test_db_and_profile_without_a_command_open_the_window(monkeypatch, tmp_path):
    """`advisor --db PATH` and `advisor --profile P.toml` open the window, as users type them
    (first-time user's defect 13)."""
    from advisor.gui import app

    opened = []
    monkeypatch.setattr(app, "run", lambda db=None, profile=None: opened.append((db, profile)) or 0)
    db = str(tmp_path / "c.sqlite")
    assert main(["--db", db]) == 0
    assert main([f"--db={db}", "--profile", "p.toml"]) == 0
    assert main(["--profile", "p.toml"]) == 0
    assert opened == [(db, None), (db, "p.toml"), (None, "p.toml")]
