"""The offers' vocabulary (channels, regions, lifecycle, assurances) and the profile settings
that use it."""

from __future__ import annotations

import pytest

from advisor.domain.errors import ProfileError
from advisor.domain.offers import (
    channel_label,
    channel_word,
    is_region,
    jurisdiction,
    offer_suffix,
    region_allowed,
    stored_channel,
)
from advisor.domain.profile import Constraints, Policy
from advisor.domain.profile_toml import profile_from_toml, profile_to_toml


def test_the_vendor_api_is_stored_blank_and_named_api():
    assert channel_word("") == channel_word(None) == "api"
    assert stored_channel("api") == "" and stored_channel("bedrock") == "bedrock"
    assert channel_label("") == "Vendor API" and channel_label("vertex_ai") == "Google Vertex AI"


@pytest.mark.parametrize(
    ("region", "place"),
    [
        ("eu", "eu"),
        ("eu-central-1", "eu"),
        ("eu-west-2", "eu"),
        ("us-east-1", "us"),
        ("us-gov-west-1", "us-gov"),
        ("ap-northeast-1", "apac"),
        ("global", "global"),
    ],
)
def test_a_region_lies_in_a_jurisdiction(region, place):
    assert is_region(region)
    assert jurisdiction(region) == place


def test_which_regions_meet_an_eu_requirement():
    assert region_allowed("eu", ("eu",)) and region_allowed("eu-central-1", ("eu",))
    assert not region_allowed("global", ("eu",))  # may be served from anywhere
    assert not region_allowed("", ("eu",))  # not stated: not known to be in the EU
    assert not region_allowed("us-gov-west-1", ("us",))
    assert region_allowed("eu-central-1", ("eu-central-1",))
    assert not is_region("mars") and not is_region("eu-middle-9x")


def test_an_offers_label_suffix():
    assert offer_suffix("", "") == ""
    assert offer_suffix("bedrock", "eu") == "/bedrock:eu"
    assert offer_suffix("self_hosted", "") == "/self_hosted"
    assert offer_suffix("", "eu") == "/api:eu"


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"channels_include": ("bedrok",)}, "'bedrok' is not a known channel word"),
        ({"channels_exclude": ("Azure",)}, "'Azure' is not a known channel word"),
        ({"regions_include": ("europe",)}, "'europe' is not a region"),
        ({"required_assurances": ("soc3",)}, "'soc3' is not a known word"),
        ({"min_support_months": -1}, "min_support_months must be a whole number"),
        ({"min_support_months": 2.5}, "min_support_months must be a whole number"),
        ({"retiring": "warn"}, 'use "exclude" or "flag"'),
        ({"self_hosted_only": "yes"}, "self_hosted_only must be true or false"),
    ],
)
def test_bad_offer_constraints_say_what_to_write(settings, message):
    with pytest.raises(ProfileError, match=message):
        Constraints(**settings)


@pytest.mark.parametrize("date", ["2026-13-01", "1 Dec 2026", "2026-12-01T10:00"])
def test_a_bad_decision_date_says_how_to_write_one(date):
    with pytest.raises(ProfileError, match=r"policy\.decision_date"):
        Policy(decision_date=date)


def test_offer_settings_round_trip_through_toml():
    text = """
name = "EU buyers"
[weights]
coding = 1
[constraints]
channels_include = ["api", "bedrock"]
channels_exclude = ["openrouter"]
regions_include = ["eu", "eu-central-1"]
required_assurances = ["dpa", "soc2_type2"]
min_support_months = 12
retiring = "flag"
[policy]
decision_date = 2026-12-01
"""
    profile = profile_from_toml(text)
    assert profile.policy.decision_date == "2026-12-01"
    assert profile.policy.as_of().isoformat() == "2026-12-01"
    c = profile.constraints
    assert c.channels_include == ("api", "bedrock") and c.regions_include == ("eu", "eu-central-1")
    assert c.required_assurances == ("dpa", "soc2_type2") and c.retiring == "flag"
    assert profile_from_toml(profile_to_toml(profile)) == profile
    assert "decision_date" not in profile_to_toml(profile_from_toml('name = "x"\n[weights]\na = 1'))
