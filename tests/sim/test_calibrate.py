"""Calibration: verdicts follow the Wilson interval, stop early when decided, and never
depend on the worker count."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import attrs
import pytest

from game.core.compile import campaign_env
from game.core.model import Campaign, Constraint
from game.core.ops import compile_condition
from game.sim.calibrate import calibrate
from game.sim.measures import ConstraintError
from game.sim.runner import CampaignRef, remember

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
_variants = itertools.count()


def variant(mini: Campaign, *constraints: dict[str, Any]) -> tuple[CampaignRef, Campaign]:
    """The mini campaign with other constraints, registered under a ref of its own."""
    env = campaign_env({"meters": {"heat": {"min": 0, "max": 100}, "luck": {"min": -10, "max": 10}}})
    compiled = tuple(
        Constraint(
            c["id"],
            "claim " + c["id"],
            "tests",
            c["policy"],
            c["measure"],
            c["expect"],
            compile_condition(c["given"], env) if "given" in c else None,
            c.get("given"),
        )
        for c in constraints
    )
    campaign = attrs.evolve(mini, constraints=compiled)
    campaign.index = mini.index
    ref = CampaignRef("mini", paths=(str(MINI),), mods=((f"variant{next(_variants)}", "-"),))
    remember(ref, campaign)
    return ref, campaign


def test_a_clear_pass_stops_at_the_first_batch(mini: Campaign) -> None:
    ref, camp = variant(
        mini,
        {
            "id": "ends",
            "policy": "historical",
            "measure": {"ending_in": ["caught", "outlived"]},
            "expect": {"at_least": 0.9},
        },
    )
    (r,) = calibrate(ref, camp, max_games=5000)
    assert r.verdict == "pass" and r.ok
    assert r.rate == 1.0 and r.counted == r.played == 400


def test_a_clear_violation_fails(mini: Campaign) -> None:
    ref, camp = variant(
        mini, {"id": "rare", "policy": "historical", "measure": {"ending_in": ["caught"]}, "expect": {"at_most": 0.2}}
    )
    (r,) = calibrate(ref, camp, max_games=5000)
    assert r.verdict == "fail" and not r.ok
    assert r.low > 0.2 and 0.4 < r.rate < 0.6


def test_a_rate_on_the_bound_is_borderline_at_the_cap(mini: Campaign) -> None:
    """Historical play is caught half the time: `at least 0.5` can be neither confirmed nor
    rejected, so it passes as borderline once the cap is reached."""
    ref, camp = variant(
        mini, {"id": "half", "policy": "historical", "measure": {"ending_in": ["caught"]}, "expect": {"at_least": 0.5}}
    )
    (r,) = calibrate(ref, camp, max_games=1200)
    assert r.verdict == "borderline" and r.ok
    assert r.played == 1200 and r.low < 0.5 < r.high


def test_a_given_that_never_holds_is_unmeasured(mini: Campaign) -> None:
    ref, camp = variant(
        mini,
        {
            "id": "never",
            "policy": "cautious",
            "given": {"chose": {"card": "mini.letter", "option": "bribe"}},
            "measure": {"ending_in": ["won"]},
            "expect": {"at_most": 0.5},
        },
    )
    (r,) = calibrate(ref, camp, max_games=800)
    assert r.verdict == "unmeasured" and not r.ok and r.counted == 0 and r.played == 800


def test_given_counts_only_the_games_that_meet_it(mini: Campaign) -> None:
    ref, camp = variant(
        mini,
        {
            "id": "after_burn",
            "policy": "random",
            "given": {"chose": {"card": "mini.letter", "option": "burn"}},
            "measure": {"ending_in": ["caught"]},
            "expect": {"at_most": 0.9},
        },
    )
    (r,) = calibrate(ref, camp, max_games=400)
    assert 0 < r.counted < r.played


def test_verdicts_are_identical_whatever_the_worker_count(mini: Campaign) -> None:
    cons = [
        {"id": "a", "policy": "random", "measure": {"ending_in": ["won"]}, "expect": {"between": [0.1, 0.2]}},
        {
            "id": "b",
            "policy": "random",
            "measure": {"character": "hero", "status": "dead", "by": "1937-06"},
            "expect": {"at_most": 0.5},
        },
        {"id": "c", "policy": "bold", "measure": {"meter": "heat", "between": [50, 100]}, "expect": {"at_least": 0.3}},
    ]
    ref1, camp1 = variant(mini, *cons)
    ref2, camp2 = variant(mini, *cons)
    one = calibrate(ref1, camp1, seed=4, workers=1, max_games=3000)
    two = calibrate(ref2, camp2, seed=4, workers=2, max_games=3000)
    assert [attrs.astuple(r) for r in one] == [attrs.astuple(r) for r in two]
    assert [r.id for r in one] == ["a", "b", "c"]


def test_constraints_sharing_a_policy_share_the_games(mini: Campaign) -> None:
    ref, camp = variant(
        mini,
        {"id": "x", "policy": "historical", "measure": {"ending_in": ["caught"]}, "expect": {"between": [0.0, 1.0]}},
        {"id": "y", "policy": "historical", "measure": {"ending_in": ["outlived"]}, "expect": {"between": [0.0, 1.0]}},
    )
    x, y = calibrate(ref, camp, max_games=400)
    assert x.played == y.played == 400 and x.hits + y.hits == 400  # the same 400 games, split


def test_an_impossible_expectation_is_refused_before_any_game(mini: Campaign) -> None:
    ref, camp = variant(
        mini, {"id": "bad", "policy": "random", "measure": {"ending_in": ["won"]}, "expect": {"between": [0.5, 0.2]}}
    )
    with pytest.raises(ConstraintError, match="bad"):
        calibrate(ref, camp)
