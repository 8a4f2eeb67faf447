"""Property tests: random play never crashes and keeps the invariants of the rules."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.commands import Choose
from game.core.engine import Engine
from game.core.model import Campaign
from game.core.state import GameState


def check_invariants(campaign: Campaign, state: GameState, previous_date: int) -> None:
    """What must hold after every decision."""
    for mid, meter in campaign.meters.items():
        assert meter.min <= state.meters[mid] <= meter.max, (mid, state.meters[mid])
    assert state.date >= previous_date
    assert campaign.start <= state.date <= campaign.end
    for cid, ch in state.characters.items():
        assert ch.status in ("free", "demoted", "arrested", "imprisoned", "exiled", "dead"), cid
    if state.is_over:
        assert state.ending in campaign.endings


def play(campaign: Campaign, seed: int, picks: list[int]) -> Engine:
    engine = Engine(campaign, seed)
    i = 0
    limit = 10_000
    while not engine.is_over:
        date = engine.state.date
        choices = engine.choices()
        assert choices, "a decision with nothing to choose"
        pick = picks[i % len(picks)] if picks else 0
        engine.apply(Choose(choices[pick % len(choices)]))
        check_invariants(campaign, engine.state, date)
        i += 1
        assert i < limit, "the game never ended"
    return engine


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2**32), st.lists(st.integers(0, 20), max_size=30))
def test_random_play_on_the_test_campaign_ends_with_invariants(mini: Campaign, seed: int, picks: list[int]) -> None:
    engine = play(mini, seed, picks)
    assert engine.is_over


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32), st.lists(st.integers(0, 20), min_size=1, max_size=30))
def test_same_seed_and_choices_give_the_same_game(mini: Campaign, seed: int, picks: list[int]) -> None:
    a = play(mini, seed, picks)
    b = play(mini, seed, picks)
    assert a.state == b.state


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 15))
def test_a_copy_of_the_state_continues_identically(mini: Campaign, seed: int, cut: int) -> None:
    a = Engine(mini, seed)
    for _ in range(cut):
        if a.is_over:
            return
        a.apply(Choose(a.choices()[0]))
    b = Engine(mini, seed, state=copy.deepcopy(a.state))
    while not a.is_over:
        choice = a.choices()[-1]
        a.apply(Choose(choice))
        b.apply(Choose(choice))
    assert a.state == b.state
