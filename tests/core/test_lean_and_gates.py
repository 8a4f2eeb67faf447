"""The engine's shortcuts for speed change no game.

- A lean engine (the simulator's: no chronicle, meter snapshots or reports) plays the same
  game as a full one, decision for decision: every rule field of the state is equal after
  every decision, and the logs a full engine writes are the only difference.
- The flags a card or an ending "needs" (the gate the engine checks before calling the
  condition) are needed: in every state random play reaches, a card that is drawable by
  the plain reading of its condition and options, or an ending whose condition holds, has
  every flag it is said to need, and none of the flags said to bar it.
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.content.loader import Content, load_content
from game.core.commands import Choose
from game.core.engine import Engine, new_state
from game.core.model import Campaign
from game.core.state import GameState
from game.sim.policies import POLICIES
from tests.conftest import FIXTURES

LOGS = ("chronicle", "meter_history")
POLICY_NAMES = ("random", "cautious", "bold", "historical", "mixed")


def _fixtures() -> dict[str, Campaign]:
    found: dict[str, Campaign] = {}
    for folder in ("mini", "starts", "fate", "drawn"):
        content = load_content([FIXTURES / folder])
        assert not content.errors
        found.update(content.campaigns)
    return found


FIXTURE_CAMPAIGNS = _fixtures()


def _rules(state: GameState) -> dict[str, object]:
    return attrs.asdict(state, filter=lambda a, _v: a.name not in LOGS)  # type: ignore[arg-type]


def _same_game(campaign: Campaign, start: str, seed: int, policy: str) -> int:
    """Play one game on a full and on a lean engine side by side; return its decisions."""
    choose = POLICIES[policy].choose
    full = Engine(campaign, seed, start=start)
    lean = Engine(campaign, seed, start=start, lean=True)
    step = 0
    while not full.is_over:
        assert _rules(lean.state) == _rules(full.state)
        option = choose(full, step)
        assert choose(lean, step) == option
        full.apply(Choose(option))
        lean.apply(Choose(option))
        step += 1
        assert step < 5_000
    assert lean.is_over
    assert _rules(lean.state) == _rules(full.state)
    # the full engine wrote its logs; the lean one only what a card's own effect writes
    assert any(e.kind != "note" for e in full.state.chronicle)
    assert all(e.kind == "note" for e in lean.state.chronicle) and lean.state.meter_history == []
    return step


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(sorted((cid, s.id) for cid, c in FIXTURE_CAMPAIGNS.items() for s in c.starts)),
    st.integers(0, 10**6),
    st.sampled_from(POLICY_NAMES),
)
def test_a_lean_engine_plays_the_fixture_games_a_full_one_plays(key: tuple[str, str], seed: int, policy: str) -> None:
    cid, start = key
    assert _same_game(FIXTURE_CAMPAIGNS[cid], start, seed, policy) > 0


@pytest.mark.parametrize("campaign_id", ["bukharin", "tukhachevsky"])
def test_a_lean_engine_plays_the_shipped_games_a_full_one_plays(shipped: Content, campaign_id: str) -> None:
    campaign = shipped.campaigns[campaign_id]
    for st_ in campaign.starts:
        for seed in range(6):
            assert _same_game(campaign, st_.id, 500 + seed, POLICY_NAMES[seed % len(POLICY_NAMES)]) > 0


@pytest.mark.parametrize("campaign_id", ["bukharin", "tukhachevsky"])
def test_lean_games_share_the_openings_cast_and_never_change_it(shipped: Content, campaign_id: str) -> None:
    """A lean game begins with the opening's own CharacterStates (``new_state(shared=True)``):
    every status a game changes must be a new object, or the next game would begin with it."""
    campaign = shipped.campaigns[campaign_id]
    changed = 0
    for st_ in campaign.starts:
        opening = {k: v.status for k, v in new_state(campaign, 0, st_.id).characters.items()}
        for seed in range(40):
            engine = Engine(campaign, 700 + seed, start=st_.id, lean=True)
            step = 0
            while not engine.is_over:
                engine.apply(Choose(POLICIES["random"].choose(engine, step)))
                step += 1
            final = {k: v.status for k, v in engine.state.characters.items()}
            changed += final != opening
            assert {k: v.status for k, v in new_state(campaign, 0, st_.id, shared=True).characters.items()} == opening
        one, other = (new_state(campaign, seed, st_.id, shared=True).characters for seed in (1, 2))
        assert all(one[k] is other[k] for k in one), "the cast is shared, so the test above means something"
    assert changed > 10, "too few games changed a status for this test to mean anything"


def test_a_lean_engine_and_its_forks_have_no_view(mini: Campaign) -> None:
    lean = Engine(mini, 3, lean=True)
    with pytest.raises(ValueError, match="no view"):
        lean.view()
    assert lean.fork().lean and not lean.fork(lean=False).lean
    full = Engine(mini, 3)
    assert full.view() is not None and full.fork(lean=True).lean


def _drawable(card_condition_holds: bool, campaign: Campaign, cid: str, s: GameState) -> bool:
    card = campaign.cards[cid]
    if not card_condition_holds:
        return False
    return card.kind == "world" or any(o.requires is None or o.requires(s) for o in card.options)


def _check_gates(campaign: Campaign, s: GameState) -> int:
    """Every card and ending the plain reading allows now has the flags it needs; returns
    how many gated ones were allowed (so the test sees that gates were exercised)."""
    allowed = 0
    for card in campaign.cards.values():
        holds = card.condition is None or card.condition(s)
        if _drawable(holds, campaign, card.id, s):
            assert card.needs <= s.flags.keys(), (card.id, sorted(card.needs - s.flags.keys()))
            assert not card.bars & s.flags.keys(), (card.id, sorted(card.bars & s.flags.keys()))
            allowed += bool(card.needs) + bool(card.bars)
    for ending in campaign.endings.values():
        if ending.condition is not None and ending.condition(s):
            assert ending.needs <= s.flags.keys(), ending.id
            allowed += bool(ending.needs)
    return allowed


@pytest.mark.parametrize("campaign_id", ["bukharin", "tukhachevsky"])
def test_what_a_card_or_ending_needs_is_set_whenever_it_could_be_drawn_or_reached(
    shipped: Content, campaign_id: str
) -> None:
    campaign = shipped.campaigns[campaign_id]
    allowed = 0
    gated = sum(bool(c.needs) for c in campaign.cards.values())
    assert gated >= 10, "too few gated cards for this test to mean anything"
    barred = sum(bool(c.bars) for c in campaign.cards.values())
    assert barred >= 10, "too few barred cards for this test to mean anything"
    for st_ in campaign.starts:
        for seed in range(8):
            engine = Engine(campaign, 900 + seed, start=st_.id, lean=True)
            step = 0
            while not engine.is_over:
                allowed += _check_gates(campaign, engine.state)
                engine.apply(Choose(POLICIES["random"].choose(engine, step)))
                step += 1
            allowed += _check_gates(campaign, engine.state)
    assert allowed > 0
