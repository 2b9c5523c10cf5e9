"""The missing-data rule "estimate" from the command line: --missing on every profile command,
the marked estimates in rank, explain and compare, and explain --json's parameters, from which
docs/scoring.md's formulas reproduce every estimate."""

from __future__ import annotations

import json
import math

import pytest

from advisor.app.profiles import load_profile
from advisor.cli.parser import MISSING_RULES
from advisor.domain.errors import ProfileError
from advisor.domain.vocabulary import MissingRule
from tests.cli.test_cli import PROFILE, run


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return str(tmp_path_factory.mktemp("estimates") / "cli.sqlite")


def _estimating(capsys, db, *argv):
    """An advisor command on the coding-assistant profile under the rule "estimate"."""
    return run(capsys, *argv, "--profile", str(PROFILE), "--db", db, "--missing", "estimate")


def _estimate_from(model: dict) -> tuple[float, float, float, float]:
    """docs/scoring.md, "Estimated figures": value, standard error and the 80% interval, from
    the fitted parameters alone."""
    z = model["intercept"] + sum(
        a * v for a, v in zip(model["abilities"], model["loadings"], strict=True)
    )
    cov = model["covariance"]
    spread = sum(
        model["loadings"][p] * cov[p][q] * model["loadings"][q]
        for p in range(model["rank"])
        for q in range(model["rank"])
    )
    sd = model["inflation"] * math.sqrt(model["noise"] ** 2 + spread)
    t = model["centre"] + model["spread"] * z
    half = model["z80"] * model["spread"] * sd

    def unit(x: float) -> float:
        if model["scale"] == "logit":
            return 100 / (1 + math.exp(-x))
        if model["scale"] == "log":
            return math.exp(x)
        return x

    low, high = unit(t - half), unit(t + half)
    return unit(t), (high - low) / (2 * model["z80"]), low, high


def test_the_parser_offers_every_missing_data_rule():
    assert set(MISSING_RULES) == {r.value for r in MissingRule}


def test_an_unknown_rule_is_one_clear_sentence(capsys, db):
    with pytest.raises(SystemExit) as exited:
        run(capsys, "rank", "--profile", str(PROFILE), "--db", db, "--missing", "guess")
    out, err = capsys.readouterr()
    assert exited.value.code == 2 and not out
    assert "invalid choice: 'guess'" in err and "estimate" in err and "Traceback" not in err
    with pytest.raises(ProfileError, match=r"'guess' is unknown; choose one of worst, .*estimate"):
        load_profile(PROFILE, "guess")


def test_rank_marks_estimates_and_states_the_validated_error(capsys, db):
    code, out, err = _estimating(capsys, db, "rank", "--top", "5")
    assert code == 0, err
    assert "missing data: estimate" in out
    assert "Estimated" in out.splitlines()[4]  # the table's header
    assert "80% intervals held" in out and "hidden" in out
    code, plain, _ = run(capsys, "rank", "--profile", str(PROFILE), "--db", db, "--top", "5")
    assert "Estimated" not in plain.splitlines()[4] and "80% intervals held" not in plain


def test_explain_json_reproduces_every_estimate_from_its_parameters(capsys, db):
    code, out, err = _estimating(capsys, db, "rank", "--json")
    assert code == 0, err
    ranked = json.loads(out)["ranking"]
    first = next(c for c in ranked if c["estimated"])
    code, out, err = _estimating(capsys, db, "explain", first["candidate"], "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["estimates"]
    published = {f["criterion"] for f in doc["figures"]}
    for e in doc["estimates"]:
        assert e["criterion"] not in published  # an estimate is never a figure
        value, stderr, low, high = _estimate_from(e["model"])
        assert value == pytest.approx(e["value"], rel=1e-9, abs=1e-9)
        assert stderr == pytest.approx(e["stderr"], rel=1e-9, abs=1e-9)
        assert [low, high] == pytest.approx(e["interval_80"], rel=1e-9, abs=1e-9)
        assert e["based_on"] >= 1


def test_explain_and_compare_mark_estimates(capsys, db):
    code, out, _ = _estimating(capsys, db, "rank", "--json")
    ranked = json.loads(out)["ranking"]
    a, b = ranked[0]["candidate"], ranked[1]["candidate"]
    code, out, err = _estimating(capsys, db, "explain", a)
    assert code == 0, err
    assert "Estimated, no published figure" in out and " estimated ±" in out
    code, out, err = _estimating(capsys, db, "compare", a, b, "--samples", "500")
    assert code == 0, err
    assert " estimated ±" in out and "vary by their own standard error" in out
    code, out, _ = _estimating(capsys, db, "compare", a, b, "--samples", "500", "--json")
    figures = json.loads(out)["figures"]
    assert any(f["estimated"] for cells in figures.values() for f in cells.values())
