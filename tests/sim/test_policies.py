"""Policies: legal, deterministic, and true to their names."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from game.content import schema
from game.core.commands import Choose
from game.core.engine import Engine
from game.core.model import Campaign
from game.sim.policies import POLICIES, describe_policies, get_policy
from game.sim.runner import play


def test_registry_matches_the_schema_enum() -> None:
    """A constraint may name exactly the policies the simulator has."""
    assert set(POLICIES) == set(schema.POLICIES)
    for name in POLICIES:
        assert name in describe_policies()


def test_unknown_policy_names_the_known_ones() -> None:
    try:
        get_policy("reckless")
    except KeyError as exc:
        assert "random" in str(exc) and "historical" in str(exc)
    else:
        raise AssertionError("no error for an unknown policy")


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(min_value=0, max_value=10**9), name=st.sampled_from(sorted(POLICIES)))
def test_every_choice_is_legal_and_games_end(mini: Campaign, seed: int, name: str) -> None:
    policy = POLICIES[name]
    engine = Engine(mini, seed)
    step = 0
    while not engine.is_over:
        choice = policy.choose(engine, step)
        assert choice in engine.choices()
        engine.apply(Choose(choice))
        step += 1
    assert engine.state.ending in mini.endings


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(min_value=0, max_value=10**9), name=st.sampled_from(sorted(POLICIES)))
def test_a_game_is_a_function_of_the_seed(mini: Campaign, seed: int, name: str) -> None:
    a = play(mini, POLICIES[name], seed).state
    b = play(mini, POLICIES[name], seed).state
    assert a == b


def _answer(mini: Campaign, policy: str, card: str) -> str:
    """Play until the policy answers ``card``; return the option it took."""
    for seed in range(200):
        state = play(mini, POLICIES[policy], seed).state
        for rec in state.history:
            if rec.card == card:
                return rec.option
    raise AssertionError(f"{card} never came up")


def test_historical_takes_the_historical_option(mini: Campaign) -> None:
    assert _answer(mini, "historical", "mini.letter") == "answer"


def test_cautious_and_bold_follow_the_stances(mini: Campaign) -> None:
    assert _answer(mini, "cautious", "mini.letter") == "burn"
    assert _answer(mini, "bold", "mini.letter") == "answer"
    assert _answer(mini, "bold", "mini.scheme") == "big"


def test_cautious_lies_low_rather_than_play_a_mixed_card(mini: Campaign) -> None:
    """In the hand a card weighs as the mean of its options' stances: a cautious player
    prefers lying low (cautious) to a scheme with one cautious and one bold option."""
    for seed in range(40):
        assert all(rec.card != "mini.scheme" for rec in play(mini, POLICIES["cautious"], seed).state.history)


def test_random_and_mixed_vary_their_answers(mini: Campaign) -> None:
    for name in ("random", "mixed"):
        answers = set()
        for seed in range(60):
            for rec in play(mini, POLICIES[name], seed).state.history:
                if rec.card == "mini.letter":
                    answers.add(rec.option)
        assert {"answer", "burn"} <= answers, name


def test_policies_lead_to_different_outcomes(mini: Campaign) -> None:
    """Historical play gets the hero summoned and caught far more often than cautious play."""
    caught = {
        name: sum(play(mini, POLICIES[name], s).state.ending == "caught" for s in range(150))
        for name in ("historical", "cautious")
    }
    assert caught["historical"] > caught["cautious"] + 10, caught
