"""A profile written back into its hand-written file keeps the file's comments, key order and
number style; only what changed is rewritten, and the result always reads back as the profile
(first-time user's defect 14)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.app.profile_layout import updated_profile_toml
from advisor.domain import Workload
from advisor.domain.profile_toml import profile_from_toml, profile_to_toml
from advisor.domain.stakeholders import Stakeholder, group_weights, shares
from tests.conftest import DATA

HAND_WRITTEN = """\
# Our coding assistant, agreed with the platform team on 2026-11-30.
name = "Coding assistant"

[weights]            # shares of the total
coding = 0.45        # the main job
agentic = 0.25
price = 0.15
context = 0.10
honesty = 0.05

[constraints]
min_context_window = 128000   # our monorepo needs it
max_blended_usd_per_mtok = 40.0
open_weights_only = false     # said out loud, although it is the default

[policy]
method = "wsm"                      # or "topsis"
conditions = ["standard", "extended_thinking", "unspecified"]   # compare as deployed
missing = "worst"
"""


def _profile():
    return profile_from_toml(HAND_WRITTEN)


def _lines(text: str) -> list[str]:
    return text.splitlines()


@pytest.mark.parametrize("path", sorted((DATA / "profiles").glob("*.toml")), ids=lambda p: p.name)
def test_an_unchanged_profile_is_written_back_byte_for_byte(path):
    text = path.read_text(encoding="utf-8")
    assert updated_profile_toml(text, profile_from_toml(text)) == text


def test_unchanged_with_comments_and_explicit_defaults():
    assert updated_profile_toml(HAND_WRITTEN, _profile()) == HAND_WRITTEN


def test_a_changed_weight_keeps_its_comment_and_the_order():
    profile = _profile()
    weights = dict(profile.weights) | {"coding": 0.5, "math": 0.05}
    text = updated_profile_toml(HAND_WRITTEN, dataclasses.replace(profile, weights=weights))
    lines = _lines(text)
    assert lines[0] == "# Our coding assistant, agreed with the platform team on 2026-11-30."
    assert "coding = 0.5        # the main job" in lines
    assert "agentic = 0.25" in lines and "context = 0.10" in lines  # untouched, as written
    assert lines.index("honesty = 0.05") + 1 == lines.index("math = 0.05")  # added at the end
    assert "min_context_window = 128000   # our monorepo needs it" in lines
    assert 'method = "wsm"                      # or "topsis"' in lines
    changed = [line for line in lines if line not in _lines(HAND_WRITTEN)]
    assert changed == ["coding = 0.5        # the main job", "math = 0.05"]


def test_a_weight_of_zero_in_the_file_stays_with_its_comment():
    original = HAND_WRITTEN.replace(
        "honesty = 0.05\n", "honesty = 0.05\nlatency = 0   # we do not care\n"
    )
    profile = _profile()  # the window drops weights of 0 from the profile it saves
    assert updated_profile_toml(original, profile) == original


def test_a_changed_whole_number_stays_a_whole_number():
    profile = _profile()
    constraints = dataclasses.replace(profile.constraints, min_context_window=200_000.0)
    text = updated_profile_toml(HAND_WRITTEN, dataclasses.replace(profile, constraints=constraints))
    assert "min_context_window = 200000   # our monorepo needs it" in _lines(text)


def test_windows_line_endings_stay_windows_line_endings():
    original = HAND_WRITTEN.replace("\n", "\r\n")
    profile = _profile()
    weights = dict(profile.weights) | {"math": 0.05}
    text = updated_profile_toml(original, dataclasses.replace(profile, weights=weights))
    assert "math = 0.05\r\n" in text
    assert text.count("\n") == text.count("\r\n")


def test_a_constraint_set_back_to_no_limit_is_removed_and_a_new_one_added():
    profile = _profile()
    constraints = dataclasses.replace(
        profile.constraints, min_context_window=None, max_latency_ttft_s=2.0
    )
    text = updated_profile_toml(HAND_WRITTEN, dataclasses.replace(profile, constraints=constraints))
    assert "min_context_window" not in text
    assert "max_latency_ttft_s = 2.0" in _lines(text)
    assert "open_weights_only = false     # said out loud, although it is the default" in text
    assert profile_from_toml(text).constraints == constraints


def test_policy_fields_the_file_leaves_out_stay_out_unless_they_change():
    profile = _profile()
    text = updated_profile_toml(
        HAND_WRITTEN,
        dataclasses.replace(profile, policy=dataclasses.replace(profile.policy, method="topsis")),
    )
    assert 'method = "topsis"                      # or "topsis"' in _lines(text)
    assert "normalization" not in text and "stale_after_months" not in text
    assert profile_from_toml(text).policy.method == "topsis"


def test_a_workload_gained_and_dropped():
    profile = _profile()
    load = Workload(requests_per_day=5_000, input_tokens_per_request=2_000,
                    output_tokens_per_request=300, tiers={"OpenAI": 3})  # fmt: skip
    with_load = updated_profile_toml(HAND_WRITTEN, dataclasses.replace(profile, workload=load))
    assert with_load.startswith(HAND_WRITTEN.rstrip("\n"))  # appended; nothing above moved
    assert profile_from_toml(with_load).workload == load
    dropped = updated_profile_toml(with_load, profile)
    assert "[workload" not in dropped and profile_from_toml(dropped) == profile


def test_stakeholders_keep_their_comments_when_one_is_renamed():
    path = DATA / "profiles" / "procurement-committee.toml"
    text = path.read_text(encoding="utf-8")
    profile = profile_from_toml(text)
    people = list(profile.stakeholders)
    people[0] = Stakeholder("Platform engineering", people[0].weights, people[0].elicitation)
    out = updated_profile_toml(text, dataclasses.replace(profile, stakeholders=tuple(people)))
    assert profile_from_toml(out).stakeholders[0].name == "Platform engineering"
    differing = [a for a, b in zip(_lines(text), _lines(out), strict=True) if a != b]
    assert len(differing) == 1 and "name =" in differing[0]


@pytest.mark.parametrize("original", ["", "not toml at all [[[", 'name = 3\n[weights]\nx = "a"\n'])
def test_an_original_that_is_not_a_profile_gives_the_plain_layout(original):
    profile = _profile()
    assert updated_profile_toml(original, profile) == profile_to_toml(profile)


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["coding", "agentic", "price", "context", "honesty", "math"]),
        st.floats(0.5, 100, allow_nan=False),
        min_size=1,
    ),
    st.one_of(st.none(), st.integers(1_000, 2_000_000)),
)
def test_whatever_the_edit_the_file_reads_back_as_the_profile(weights, context):
    profile = _profile()
    edited = dataclasses.replace(
        profile,
        weights=weights,
        constraints=dataclasses.replace(profile.constraints, min_context_window=context),
    )
    back = profile_from_toml(updated_profile_toml(HAND_WRITTEN, edited))
    assert shares(back.weights) == pytest.approx(shares(weights))
    assert back.constraints == edited.constraints and back.policy == edited.policy


COMMITTEE = """\
name = "Committee"

[group]
aggregation = "arithmetic"
consensus_top_k = 3

[[stakeholders]]
name = "Engineering"   # the platform team
[stakeholders.weights]
coding = 0.6   # what they build with
price = 0.4

[[stakeholders]]
name = "Finance"       # procurement’s budget holder
[stakeholders.weights]
price = 0.8    # cost first
coding = 0.2
"""


def test_stakeholders_keep_their_own_comments_when_reordered_added_or_removed():
    profile = profile_from_toml(COMMITTEE)
    engineering, finance = profile.stakeholders
    legal = Stakeholder("Legal", {"honesty": 1.0})
    for people in ((finance, engineering), (engineering, finance, legal), (finance,)):
        edited = dataclasses.replace(
            profile, stakeholders=people, weights=group_weights(people, profile.aggregation)
        )
        text = updated_profile_toml(COMMITTEE, edited)
        back = profile_from_toml(text)
        assert [s.name for s in back.stakeholders] == [s.name for s in people]
        lines = _lines(text)
        if any(s.name == "Finance" for s in people):
            at = lines.index('name = "Finance"       # procurement’s budget holder')
            assert lines[at + 2] == "price = 0.8    # cost first"
        if any(s.name == "Engineering" for s in people):
            at = lines.index('name = "Engineering"   # the platform team')
            assert lines[at + 2] == "coding = 0.6   # what they build with"
        else:
            assert "platform team" not in text
