"""Measures and expectations: each reads the finished game correctly; unsound ones are refused."""

from __future__ import annotations

import math

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.dates import format_month, parse_month
from game.core.model import Campaign, Constraint
from game.sim.measures import ConstraintError, compile_constraint, compile_measure, expectation
from game.sim.policies import POLICIES
from game.sim.runner import play
from game.sim.stats import median_of_counts, wilson

SEEDS = st.integers(min_value=0, max_value=10**9)
MONTHS = st.integers(min_value=parse_month("1936-01"), max_value=parse_month("1940-12")).map(format_month)


@given(hits=st.integers(0, 10_000), extra=st.integers(0, 10_000))
def test_wilson_contains_the_rate_and_stays_in_bounds(hits: int, extra: int) -> None:
    n = hits + extra
    low, high = wilson(hits, n)
    assert 0.0 <= low <= high <= 1.0
    if n:
        assert low - 1e-12 <= hits / n <= high + 1e-12


def test_wilson_narrows_with_more_games_and_is_honest_at_zero() -> None:
    assert wilson(0, 0) == (0.0, 1.0)
    low, high = wilson(0, 50)
    assert low == 0.0 and 0.05 < high < 0.1  # 0 of 50 does not prove the rate is 0
    w10 = wilson(5, 10)
    w1000 = wilson(500, 1000)
    assert w1000[1] - w1000[0] < (w10[1] - w10[0]) / 5
    # the textbook value: 5 of 10 at 95% is about [0.237, 0.763]
    assert math.isclose(w10[0], 0.2366, abs_tol=1e-3) and math.isclose(w10[1], 0.7634, abs_tol=1e-3)


def test_median_of_counts() -> None:
    assert median_of_counts({}) == 0.0
    assert median_of_counts({3: 1}) == 3.0
    assert median_of_counts({1: 2, 10: 2}) == 5.5
    assert median_of_counts({1: 1, 2: 1, 9: 3}) == 9.0


@pytest.mark.parametrize(
    ("expect", "low", "high"),
    [({"between": [0.1, 0.3]}, 0.1, 0.3), ({"at_least": 0.8}, 0.8, 1.0), ({"at_most": 0.15}, 0.0, 0.15)],
)
def test_expectations_read_as_ranges(expect: dict[str, object], low: float, high: float) -> None:
    e = expectation(expect)
    assert (e.low, e.high) == (low, high)
    assert e.contains(low) and e.contains(high)


@pytest.mark.parametrize(
    "expect",
    [
        {"between": [0.5, 0.2]},
        {"at_least": 1.5},
        {"at_most": -0.1},
        {"between": [0.1]},
        {},
        {"at_least": 0.2, "at_most": 0.9},
    ],
)
def test_impossible_expectations_are_refused(expect: dict[str, object]) -> None:
    with pytest.raises(ConstraintError):
        expectation(expect)


def _constraint(**kw: object) -> Constraint:
    base: dict[str, object] = {
        "id": "c",
        "claim": "x",
        "source": "tests",
        "policy": "random",
        "measure": {"ending_in": ["caught"]},
        "expect": {"at_least": 0.5},
    }
    base.update(kw)
    return Constraint(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "kw",
    [
        {"measure": {"ending_in": ["hanged"]}},
        {"measure": {"meter": "fame", "between": [0, 1]}},
        {"measure": {"meter": "heat", "between": [50, 10]}},
        {"measure": {"character": "nobody", "status": "dead"}},
        {"measure": {"character": "hero", "status": "asleep"}},
        {"measure": {"mood": "bad"}},
        {"policy": "reckless"},
        {"expect": {"between": [0.9, 0.1]}},
    ],
)
def test_unmeasurable_constraints_are_refused_with_their_id(mini: Campaign, kw: dict[str, object]) -> None:
    with pytest.raises(ConstraintError, match="constraint c of campaign mini"):
        compile_constraint(mini, _constraint(**kw), POLICIES)


def _turn_dates(state: object) -> dict[int, int]:
    return {rec.turn: rec.date for rec in state.history}  # type: ignore[attr-defined]


@settings(max_examples=40, deadline=None)
@given(seed=SEEDS, by=MONTHS, name=st.sampled_from(["random", "bold", "mixed"]))
def test_flag_by_a_date_agrees_with_the_turn_the_flag_was_set(mini: Campaign, seed: int, by: str, name: str) -> None:
    """Two independent readings: the history walk, and the state's flag -> turn map (the
    mini campaign never clears a flag) turned into a date through the records of that turn."""
    state = play(mini, POLICIES[name], seed).state
    measure = compile_measure(mini, {"flag": "letter_done", "by": by})
    turn = state.flags.get("letter_done")
    expected = turn is not None and _turn_dates(state)[turn] <= parse_month(by)
    assert measure(state) == expected
    assert compile_measure(mini, {"flag": "letter_done"})(state) == (turn is not None)


@settings(max_examples=40, deadline=None)
@given(seed=SEEDS, by=MONTHS, name=st.sampled_from(sorted(POLICIES)))
def test_status_by_a_date_agrees_with_the_ending(mini: Campaign, seed: int, by: str, name: str) -> None:
    """In the mini campaign the hero's death ends the game at once (ending `caught`), so
    'hero dead by D' holds exactly when the game ended caught on or before D."""
    state = play(mini, POLICIES[name], seed).state
    measure = compile_measure(mini, {"character": "hero", "status": ["dead"], "by": by})
    assert measure(state) == (state.ending == "caught" and state.date <= parse_month(by))
    at_end = compile_measure(mini, {"character": "hero", "status": "dead"})
    assert at_end(state) == (state.ending == "caught")


def test_a_death_ending_counts_as_the_players_death(mini: Campaign) -> None:
    """An ending of kind death kills the player even when no card set the status."""
    without_status = attrs.evolve(mini.endings["caught"], condition=None)
    endings = {**mini.endings, "caught": without_status}
    campaign = attrs.evolve(mini, endings=endings)
    state = play(mini, POLICIES["random"], 0).state
    state.ending, state.characters["hero"].status = "caught", "free"
    assert compile_measure(campaign, {"character": "hero", "status": "dead"})(state)
    state.ending = "burned"  # kind defeat: not a death
    assert not compile_measure(campaign, {"character": "hero", "status": "dead"})(state)


def test_meter_range_reads_the_final_value(mini: Campaign) -> None:
    state = play(mini, POLICIES["bold"], 3).state
    heat = state.meters["heat"]
    assert compile_measure(mini, {"meter": "heat", "between": [heat, heat]})(state)
    assert not compile_measure(mini, {"meter": "heat", "between": [heat + 1, heat + 5]})(state)


def test_given_filters_the_games(mini: Campaign) -> None:
    from game.core.ops import Env, compile_condition

    cond = compile_condition({"flag": "omen_seen"}, Env({"heat": (0, 100), "luck": (-10, 10)}))
    con = compile_constraint(mini, _constraint(given=cond), POLICIES)
    state = play(mini, POLICIES["random"], 1).state
    counted, _hit = con.count(state)
    assert counted == ("omen_seen" in state.flags)
