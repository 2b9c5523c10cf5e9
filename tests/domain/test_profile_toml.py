from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advisor.domain import (
    Condition,
    Constraints,
    Method,
    MissingRule,
    Mode,
    Normalization,
    Policy,
    Profile,
    ProfileError,
)
from advisor.domain.profile_toml import profile_from_toml, profile_to_toml

GOOD = """
name = "Team"
[weights]
coding = 2
price = 1.5
[constraints]
max_blended_usd_per_mtok = 10
vendors_exclude = ["X"]
[policy]
method = "topsis"
normalization = "vector"
conditions = ["standard"]
missing = "renormalise"
"""


def test_reads_every_section():
    p = profile_from_toml(GOOD)
    assert p.name == "Team"
    assert p.weights == {"coding": 2, "price": 1.5}
    assert p.constraints.max_blended_usd_per_mtok == 10
    assert p.constraints.vendors_exclude == ("X",)
    assert p.policy.method is Method.TOPSIS
    assert p.policy.normalization is Normalization.VECTOR
    assert p.policy.conditions == (Condition.STANDARD,)
    assert p.policy.missing is MissingRule.RENORMALISE


def test_defaults_compare_as_deployed():
    p = profile_from_toml('name = "x"\n[weights]\ncoding = 1\n')
    assert Condition.PARALLEL not in p.policy.conditions
    assert Condition.EXTENDED_PARALLEL not in p.policy.conditions
    assert Condition.UNSPECIFIED in p.policy.conditions
    assert p.policy.method is Method.WSM and p.policy.missing is MissingRule.WORST


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('name = "x"\n[weights]\ncoding = -1\n', r"weights\.coding is negative"),
        ('name = "x"\n[weights]\ncoding = nan\n', r"weights\.coding is nan"),
        ('name = "x"\n[weights]\ncoding = "high"\n', r"weights\.coding must be a number"),
        ('name = "x"\n[weights]\ncoding = 0\n', r"All weights are 0"),
        ('name = "x"\n', r"\[weights\] is missing"),
        ("[weights]\ncoding = 1\n", r"name is missing"),
        (
            'name = "x"\n[weights]\ncoding = 1\n[policy]\nmethod = "ahp"\n',
            r'policy\.method is .ahp.; use one of "wsm", "topsis"',
        ),
        (
            'name = "x"\n[weights]\ncoding = 1\n[policy]\nconditions = ["magic"]\n',
            r"policy\.conditions is 'magic'",
        ),
        (
            'name = "x"\n[weights]\ncoding = 1\n[policy]\nspeed = 1\n',
            r"policy\.speed is not a known policy setting",
        ),
        (
            'name = "x"\n[weights]\ncoding = 1\n[constraints]\nmax_price = 1\n',
            r"constraints\.max_price is not a known constraint",
        ),
        (
            'name = "x"\n[weights]\ncoding = 1\n[constraints]\nmin_context_window = -5\n',
            r"constraints\.min_context_window must be",
        ),
        (
            'name = "x"\n[weights]\ncoding = 1\n[constraints]\nmin_coverage = 2\n',
            r"constraints\.min_coverage is a share",
        ),
        ('name = "x"\nextra = 3\n[weights]\ncoding = 1\n', r"Unknown top-level key"),
        ('name = "x"\n[weights\n', r"not valid TOML"),
    ],
)
def test_errors_name_the_key(text, message):
    with pytest.raises(ProfileError, match=message):
        profile_from_toml(text)


names = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=20
)


@given(
    name=names.filter(lambda s: s.strip() == s and s),
    weights=st.dictionaries(
        st.from_regex(r"[a-z][a-z0-9_.\-]{0,15}", fullmatch=True),
        st.floats(0.001, 1e6, allow_nan=False),
        min_size=1,
        max_size=6,
    ),
    price=st.none() | st.floats(0, 1000, allow_nan=False),
    vendors=st.lists(names, max_size=3).map(tuple),
    conditions=st.lists(st.sampled_from(list(Condition)), min_size=1, unique=True).map(tuple),
    modes=st.lists(st.sampled_from(list(Mode)), min_size=1, unique=True).map(tuple),
)
def test_round_trip(name, weights, price, vendors, conditions, modes):
    profile = Profile(
        name,
        weights,
        Constraints(max_blended_usd_per_mtok=price, vendors_exclude=vendors),
        Policy(conditions=conditions, modes=modes, method=Method.TOPSIS),
        description='A "quoted"\nmulti-line description',
    )
    again = profile_from_toml(profile_to_toml(profile))
    assert again == profile
    assert all(math.isclose(again.weights[k], weights[k]) for k in weights)


def test_budget_band_round_trips():
    from advisor.domain import Policy, Profile
    from advisor.domain.profile_toml import profile_from_toml, profile_to_toml

    profile = Profile("eq", {"coding": 1.0}, policy=Policy(budget_band="medium"))
    again = profile_from_toml(profile_to_toml(profile))
    assert again.policy.budget_band == "medium"
    assert "budget_band" not in profile_to_toml(Profile("d", {"coding": 1.0}))


def test_effort_candidates_and_band_tokens_round_trip():
    from advisor.domain import Policy, Profile, ProfileError, Workload
    from advisor.domain.profile_toml import profile_from_toml, profile_to_toml

    profile = Profile(
        "per band",
        {"coding": 1.0},
        policy=Policy(effort_candidates=True),
        workload=Workload(requests_per_day=10, reasoning_tokens_by_band={"high": 20000.0}),
    )
    again = profile_from_toml(profile_to_toml(profile))
    assert again.policy.effort_candidates is True
    assert again.workload.reasoning_tokens_by_band == {"high": 20000.0}
    assert again.workload.reasoning_tokens("extended_thinking", "high") == 20000.0
    assert again.workload.reasoning_tokens("extended_thinking", "low") == 0.0
    import pytest

    with pytest.raises(ProfileError, match="is not an effort band"):
        Workload(requests_per_day=10, reasoning_tokens_by_band={"huge": 1.0})
    with pytest.raises(ProfileError, match="must be a table of band = tokens"):
        profile_from_toml(
            'name = "x"\n[weights]\ncoding = 1\n[workload]\nrequests_per_day = 1\n'
            "reasoning_tokens_by_band = 5\n"
        )


def test_the_estimate_rule_and_its_requirement_switch_round_trip():
    text = GOOD.replace('missing = "renormalise"', 'missing = "estimate"')
    profile = profile_from_toml(text + "estimates_satisfy_requirements = true\n")
    assert profile.policy.missing is MissingRule.ESTIMATE
    assert profile.policy.estimates_satisfy_requirements is True
    again = profile_from_toml(profile_to_toml(profile))
    assert again.policy == profile.policy
    assert profile_from_toml(text).policy.estimates_satisfy_requirements is False
    with pytest.raises(ProfileError, match="estimates_satisfy_requirements must be true or false"):
        profile_from_toml(text + 'estimates_satisfy_requirements = "yes"\n')
