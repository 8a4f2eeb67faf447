"""The cheap View: the same content as the plain definition, at every decision of random play.

The reference is the View as it was defined before it was made cheap: each option's chances
measured on a ``copy.deepcopy`` of the state after the option's own effects, every chronicle
line and chart point converted afresh by a new builder. The View the engine hands out (a
log-sharing probe copy, logs converted once and kept, the View kept for the decision) must be
equal to it, and building it must leave the state untouched.
"""

from __future__ import annotations

import copy

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from game.content.loader import Content
from game.core.commands import Choose
from game.core.engine import Engine
from game.core.model import Campaign, Option
from game.core.state import GameState, copy_state
from game.core.view import View, ViewBuilder, preview


def deep_probe(state: GameState, option: Option) -> list[float]:
    """The old preview: the option's effects applied to a deep copy of the whole state."""
    probe = copy.deepcopy(state)
    for effect in option.effects:
        effect(probe)
    return option.chances(probe)


def reference(engine: Engine) -> View:
    """The View by the plain definition (nothing kept between builds, deep-copied probes)."""
    return ViewBuilder(engine.campaign, probe=deep_probe).build(
        copy.deepcopy(engine.state), engine._reports, engine._before
    )


def play_checking(campaign: Campaign, seed: int, picks: list[int], limit: int) -> int:
    """Random play; at each decision the engine's View equals the reference. Returns decisions."""
    engine = Engine(campaign, seed)
    n = 0
    while not engine.is_over and n < limit:
        before = attrs.asdict(engine.state)
        view = engine.view()
        assert attrs.asdict(engine.state) == before, "building the View changed the state"
        assert view == reference(engine)
        assert engine.view() is view, "the View is built once per decision"
        choices = engine.choices()
        engine.apply(Choose(choices[picks[n % len(picks)] % len(choices)]))
        n += 1
    if engine.is_over:
        assert engine.view() == reference(engine)
    return n


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32), st.lists(st.integers(0, 20), min_size=1, max_size=30))
def test_cheap_view_equals_the_plain_one_on_the_test_campaign(mini: Campaign, seed: int, picks: list[int]) -> None:
    assert play_checking(mini, seed, picks, limit=400) > 0


@settings(max_examples=4, deadline=None)
@given(st.sampled_from(["bukharin", "tukhachevsky"]), st.integers(0, 2**32), st.lists(st.integers(0, 9), min_size=1))
def test_cheap_view_equals_the_plain_one_in_the_shipped_campaigns(
    shipped: Content, campaign: str, seed: int, picks: list[int]
) -> None:
    assert play_checking(shipped.campaigns[campaign], seed, picks, limit=150) > 0


def test_previewed_chances_see_the_options_own_effects_and_leave_the_state_alone(shipped: Content) -> None:
    """Some shipped option changes what its own chances read; the cheap probe must see that
    change (as the deep copy did) without leaking it into the real state."""
    campaign = shipped.campaigns["bukharin"]
    found = 0
    for card in campaign.cards.values():
        for option in card.options:
            if not (option.effects and option.outcomes):
                continue
            engine = Engine(campaign, 7)
            state = engine.state
            saved = attrs.asdict(state)
            assert preview(state, option) == deep_probe(state, option)
            assert attrs.asdict(state) == saved
            found += 1
    assert found, "no shipped option has both effects and chances: the probe is untested"


def test_a_builder_given_another_game_starts_its_logs_afresh(shipped: Content) -> None:
    """The kept chronicle belongs to one line of play; a state from another game (a reload, a
    fork that went another way) is converted from scratch, never spliced onto it."""
    campaign = shipped.campaigns["bukharin"]
    a, b = Engine(campaign, 1), Engine(campaign, 2)
    for _ in range(12):
        a.apply(Choose(a.choices()[0]))
        b.apply(Choose(b.choices()[-1]))
    builder = ViewBuilder(campaign)
    fresh = ViewBuilder(campaign)
    assert builder.build(a.state).chronicle == fresh.build(a.state).chronicle
    assert builder.build(b.state).chronicle == ViewBuilder(campaign).build(b.state).chronicle
    shorter = copy_state(a.state)
    del shorter.chronicle[3:]
    assert builder.build(shorter).chronicle == ViewBuilder(campaign).build(shorter).chronicle


def test_the_view_follows_a_replaced_state(mini: Campaign) -> None:
    """A frontend that swaps the engine's state (F5 reload keeps an engine) never sees the old View."""
    engine = Engine(mini, 3)
    old = engine.view()
    other = Engine(mini, 4)
    other.apply(Choose(other.choices()[0]))
    engine.state = other.state
    assert engine.view() != old
    assert engine.view().chronicle == ViewBuilder(mini).build(other.state).chronicle


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**32), st.lists(st.integers(0, 20), min_size=1, max_size=30), st.integers(0, 60))
def test_copy_state_copies_every_field_and_shares_no_container(
    mini: Campaign, seed: int, picks: list[int], steps: int
) -> None:
    """A field added to GameState and forgotten in ``copy_state`` would come back as its
    default: the copy must equal the state it copies, with containers of its own."""
    engine = Engine(mini, seed)
    for i in range(steps):
        if engine.is_over:
            break
        choices = engine.choices()
        engine.apply(Choose(choices[picks[i % len(picks)] % len(choices)]))
    state = engine.state
    copied = copy_state(state)
    assert copied == state
    for field in attrs.fields(GameState):
        value = getattr(state, field.name)
        if isinstance(value, (list, dict)):
            assert getattr(copied, field.name) is not value, field.name
