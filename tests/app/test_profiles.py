"""Profile files: every failure to read one is one sentence naming the file; writing is whole
or not at all; the bundled examples."""

from __future__ import annotations

import pytest

from advisor.app.profiles import (
    default_example,
    example_profiles,
    example_title,
    load_profile,
    save_profile,
)
from advisor.domain import AdvisorError, Profile, ProfileError


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "does not exist; check the path"),
        (lambda p: p.mkdir(), "is a folder; give a .toml file"),
        (lambda p: p.write_bytes(b"\xff\xfe name"), "is not UTF-8 text"),
        (
            lambda p: p.write_text('name = "x"\n[weights]\ncoding = -1\n'),
            "weights.coding is negative",
        ),
    ],
    ids=["missing", "folder", "not-utf8", "invalid"],
)
def test_a_bad_profile_file_is_one_sentence_naming_it(tmp_path, make, message):
    path = tmp_path / "p.toml"
    make(path)
    with pytest.raises(ProfileError, match=message) as caught:
        load_profile(path)
    assert str(path) in str(caught.value)


def test_save_round_trips_and_fails_cleanly(tmp_path):
    profile = Profile("Round trip", {"coding": 0.6, "price": 0.4}, description="d")
    path = save_profile(profile, tmp_path / "p.toml")
    assert load_profile(path) == profile
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(AdvisorError, match=r"Cannot write .*choose another location"):
        save_profile(profile, blocker / "p.toml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "p.toml"]


def test_the_bundled_examples():
    examples = example_profiles()
    assert "coding-assistant" in [p.stem for p in examples]
    assert default_example(examples).stem == "coding-assistant"
    assert default_example([]) is None
    assert example_title(examples[0]) == examples[0].stem.replace("-", " ").capitalize()
    for path in examples:
        assert load_profile(path).name
