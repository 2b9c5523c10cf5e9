"""Hostile profiles: a workload of no volume or of absurd size, nesting too deep for TOML, an
endless file, a byte-order mark. Each gets one sentence naming the file and the key; no NaN
reaches a score, a table or a report sentence."""

from __future__ import annotations

import math

import numpy as np
import pytest

from advisor.app.profiles import load_profile
from advisor.cli.main import main
from advisor.domain import ProfileError
from advisor.domain.profile import Workload

BASE = 'name = "T"\n[weights]\ncoding = 0.5\ncost_at_volume = 0.3\nheadroom = 0.2\n'


def profile_file(tmp_path, text: str, name: str = "p.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("workload", "expected"),
    [
        ("requests_per_day = 0.0\npeak_requests_per_min = 0.0", "requests_per_day must be above 0"),
        (
            "requests_per_day = 100\npeak_requests_per_min = 0",
            "peak_requests_per_min must be above 0",
        ),
        (
            "requests_per_day = 1e308\npeak_requests_per_min = 1e308",
            "must be at most 10,000,000,000",
        ),
        (
            "requests_per_day = 100\ninput_tokens_per_request = 1e300",
            "must be at most 1,000,000,000",
        ),
        (
            "requests_per_day = 100\nworking_days_per_month = 0",
            "working_days_per_month must be at least 1",
        ),
    ],
)
def test_a_workload_that_cannot_be_costed_is_refused_by_every_command(
    tmp_path, capsys, workload, expected
):
    path = profile_file(
        tmp_path,
        BASE + "[workload]\n" + workload + "\n",
    )
    with pytest.raises(ProfileError, match=expected):
        load_profile(path)
    db = str(tmp_path / "cat.sqlite")
    for command in (
        ["rank"],
        ["report", "-o", str(tmp_path / "r.pdf")],
        ["sensitivity", "--samples", "50"],
    ):
        assert main([*command, "--profile", str(path), "--db", db]) == 1
        err = capsys.readouterr().err
        assert err.startswith("error: Profile ") and expected in err and err.count("\n") == 1
    assert not (tmp_path / "r.pdf").exists()


def test_no_volume_in_the_window_leaves_cost_equal_and_headroom_missing(bundled_db):
    """The window may hold a workload of zero requests while the user types: no NaN score."""
    from advisor.app.ranking import RankingSession
    from advisor.domain.profile import Profile

    profile = Profile(
        "T",
        weights={"coding": 0.5, "cost_at_volume": 0.3, "headroom": 0.2},
        workload=Workload(requests_per_day=0, peak_requests_per_min=0, input_tokens_per_request=10),
    )
    rec = RankingSession.from_db(bundled_db).recommend(profile)
    scores = np.array([c.score for c in rec.ranking.candidates])
    assert len(scores) and np.isfinite(scores).all()
    column = rec.matrix.values[:, rec.matrix.criteria.index("rate_limit_headroom")]
    assert np.isnan(column).all()  # no demand: no ratio, shown as missing


def test_nesting_too_deep_for_toml_is_one_sentence(tmp_path):
    path = profile_file(
        tmp_path,
        'name = "T"\ndescription = ' + "[" * 3000 + "]" * 3000 + "\n[weights]\ncoding = 1\n",
    )
    with pytest.raises(ProfileError, match="nests arrays or tables too deeply"):
        load_profile(path)


def test_an_endless_or_special_file_is_refused_before_reading(tmp_path):
    link = tmp_path / "zero.toml"
    link.symlink_to("/dev/zero")
    with pytest.raises(ProfileError, match="is not a regular file"):
        load_profile(link)
    with pytest.raises(ProfileError, match="is not a regular file"):
        load_profile("/dev/zero")


def test_a_byte_order_mark_is_accepted_as_windows_notepad_saves_it(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes("\ufeff".encode() + b'name = "Notepad"\n[weights]\ncoding = 1\n')
    profile = load_profile(path)
    assert profile.name == "Notepad" and math.isclose(profile.weights["coding"], 1)
