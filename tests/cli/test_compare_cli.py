"""``advisor compare`` and the standard errors in ``explain`` and ``sensitivity``."""

from __future__ import annotations

import json

import pytest

from advisor.cli.format import sensitivity_text
from tests.cli.test_cli import PROFILE, run


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """One catalogue for the module: these commands only read it."""
    return str(tmp_path_factory.mktemp("compare") / "cli.sqlite")


def on(db, command, *args):
    """``advisor COMMAND ARGS --profile <coding assistant> --db DB`` as an argument list."""
    return [command, *args, "--profile", str(PROFILE), "--db", db]


def test_compare_prints_odds_overall_and_per_criterion(capsys, db):
    code, out, err = run(capsys, *on(db, "compare", "gpt-5.2", "gpt-5"), "--samples", "2000")
    assert code == 0, err
    assert "P(row outscores column)" in out and "P(first)" in out
    assert "gpt-5.2@extended_thinking vs gpt-5@extended_thinking: P(A outscores B)" in out
    line = next(x for x in out.splitlines() if x.startswith("swe-bench-verified"))
    assert "±2.0" in line  # Epoch's own standard errors, to one decimal
    assert "held fixed" in out  # figures of unknown error are said, not hidden


def test_compare_json_is_complementary_and_seeded(capsys, db):
    argv = [*on(db, "compare", "gpt-5.2", "gpt-5", "claude-opus-4.6"), "--samples", "1500"]
    argv += ["--seed", "4", "--json"]
    code, out, _ = run(capsys, *argv)
    data = json.loads(out)
    assert code == 0 and len(data["pairs"]) == 3 and data["samples"] == 1500
    assert sum(c["p_first"] for c in data["candidates"]) == pytest.approx(1.0)
    pair = data["pairs"][0]
    assert 0 <= pair["p_a_beats_b"] <= 1
    assert pair["by_criterion"]["context_window"] == 0.5  # both 400,000 tokens: exact tie
    swe = data["figures"][pair["a"]]["swe-bench-verified"]
    assert swe["value"] > 0 and swe["stderr"] > 0
    assert json.loads(run(capsys, *argv)[1]) == data


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (["gpt-5.2"], "Name at least two candidates"),
        (["gpt-5.2", "no-such-model"], "No ranked candidate 'no-such-model'"),
        (["gpt-5.2", "gpt-5.2@extended_thinking"], "already being compared"),
    ],
)
def test_compare_refuses_bad_names_in_one_sentence(capsys, db, names, message):
    code, out, err = run(capsys, *on(db, "compare", *names))
    assert code == 1 and message in err and "Traceback" not in err and out == ""


def test_compare_refuses_too_few_samples(capsys, db):
    code, _, err = run(capsys, *on(db, "compare", "gpt-5.2", "gpt-5"), "--samples", "10")
    assert code == 1 and "draw from 100 to 1,000,000 samples" in err
    code, _, err = run(capsys, *on(db, "compare", "gpt-5.2", "gpt-5"), "--samples", "2000000000")
    assert code == 1 and "--samples is 2,000,000,000" in err


def test_explain_shows_each_figures_standard_error(capsys, db):
    code, out, _ = run(capsys, *on(db, "explain", "gpt-5@extended_thinking"))
    assert code == 0 and "± SE" in out
    aider = next(x for x in out.splitlines() if x.startswith("aider-polyglot"))
    assert "±2.2" in aider  # binomial: 88% of 225 exercises
    code, out, _ = run(capsys, *on(db, "explain", "gpt-5@extended_thinking"), "--json")
    figures = {f["criterion"]: f for f in json.loads(out)["figures"]}
    assert figures["aider-polyglot"]["stderr_origin"] == "binomial, 225 items"
    assert figures["aider-polyglot"]["stderr"] == pytest.approx(100 * (0.88 * 0.12 / 225) ** 0.5)
    assert figures["gpqa-diamond"]["stderr_origin"] == "stated by the source"
    assert figures["input_usd_per_mtok"]["stderr"] is None


def test_rank_json_carries_stderr_and_origin(capsys, db):
    code, out, _ = run(capsys, *on(db, "rank"), "--json", "--top", "3")
    first = json.loads(out)["ranking"][0]
    bench = [f for f in first["figures"] if f.get("stderr_origin")]
    assert code == 0 and bench and all("stderr" in f for f in bench)


def test_sensitivity_says_how_the_figures_varied(capsys, db):
    base = [*on(db, "sensitivity"), "--samples", "300"]
    code, out, _ = run(capsys, *base, "--json")
    data = json.loads(out)
    assert code == 0 and data["figure_noise"] == "own" and data["known_errors"] > 0
    assert "drawn from its own standard error" in sensitivity_text(data)
    fixed = {**data, "figure_noise": "fixed", "relative_error": 0.0}
    assert "figures held fixed" in sensitivity_text(fixed)
    relative = {**data, "figure_noise": "relative", "relative_error": 0.05}
    assert "every figure perturbed by up to ±5%" in sensitivity_text(relative)
    code, _, err = run(capsys, *base, "--relative-error", "1.5")
    assert code == 1 and "--relative-error is 1.5" in err
