"""The stakeholders command and ranking for one stakeholder, on the example committee profile."""

from __future__ import annotations

import json

from advisor.domain.profile_toml import profile_from_toml
from advisor.engine.elicitation import elicited_weights
from tests.cli.test_cli import run
from tests.conftest import DATA

COMMITTEE = DATA / "profiles" / "procurement-committee.toml"


def test_the_example_committees_weights_are_what_their_answers_give():
    profile = profile_from_toml(COMMITTEE.read_text())
    for stakeholder in profile.stakeholders:
        derived = elicited_weights(stakeholder.elicitation)
        assert derived.keys() == stakeholder.weights.keys()
        for key, value in derived.items():
            assert abs(stakeholder.weights[key] - value) < 1e-4


def test_stakeholders_text_and_json(capsys, tmp_path):
    db = str(tmp_path / "c.sqlite")
    code, out, err = run(capsys, "stakeholders", "--profile", str(COMMITTEE), "--db", db)
    assert code == 0, err
    assert "3 stakeholders" in out and "arithmetic mean" in out
    assert "Engineering: pairwise comparisons (AHP), consistency ratio" in out
    assert "Finance: swing weighting" in out
    assert "Widest weight spread:" in out and "in every stakeholder's top 5" in out

    code, out, _ = run(
        capsys, "stakeholders", "--profile", str(COMMITTEE), "--db", db, "--json", "--top-k", "10"
    )
    data = json.loads(out)
    assert code == 0 and data["top_k"] == 10
    tops = [set(s["top"]) for s in data["stakeholders"]]
    assert all(len(t) == 3 for t in tops)
    assert abs(sum(data["group_weights"].values()) - 1) < 1e-9
    spreads = [s["spread"] for s in data["spread"]]
    assert spreads == sorted(spreads, reverse=True)

    # Consensus at k=10 is the intersection of each stakeholder's top 10.
    per = []
    for s in data["stakeholders"]:
        code, out, _ = run(
            capsys,
            "rank",
            "--profile",
            str(COMMITTEE),
            "--db",
            db,
            "--json",
            "--stakeholder",
            s["name"],
            "--top",
            "10",
        )
        ranked = json.loads(out)
        assert ranked["weights_of"] == s["name"]
        per.append({c["candidate"] for c in ranked["ranking"]})
    assert set(data["consensus"]) == set.intersection(*per)


def test_unknown_stakeholder_and_a_profile_without_any(capsys, tmp_path):
    db = str(tmp_path / "c.sqlite")
    code, _, err = run(
        capsys, "rank", "--profile", str(COMMITTEE), "--db", db, "--stakeholder", "Nobody"
    )
    assert code == 1 and "No stakeholder is called 'Nobody'" in err and "'Finance'" in err
    plain = DATA / "profiles" / "coding-assistant.toml"
    code, _, err = run(capsys, "stakeholders", "--profile", str(plain), "--db", db)
    assert code == 1 and "has no stakeholders" in err and "Traceback" not in err


def test_an_unknown_key_names_the_stakeholder_who_wrote_it(capsys, tmp_path):
    text = COMMITTEE.read_text().replace("honesty = ", "honsety = ", 1)
    profile = tmp_path / "typo.toml"
    profile.write_text(text)
    code, _, err = run(capsys, "rank", "--profile", str(profile), "--db", str(tmp_path / "c.db"))
    assert code == 1
    assert "stakeholders.Security and legal.weights.honsety names no criterion" in err
    assert "Did you mean 'honesty'" in err


def test_an_empty_stakeholder_name_is_refused_not_ignored(capsys, tmp_path):
    db = str(tmp_path / "c.sqlite")
    code, _, err = run(
        capsys, "rank", "--profile", str(COMMITTEE), "--db", db, "--stakeholder", " "
    )
    assert code == 1 and "No stakeholder is called ''" in err
    code, out, _ = run(
        capsys, "rank", "--profile", str(COMMITTEE), "--db", db, "--stakeholder", " Finance "
    )
    assert code == 0 and "Weights of Finance" in out
