"""The shipped campaigns under random play: 300 seeded games each, no crash, invariants kept."""

from __future__ import annotations

import random

import pytest

from game.content.loader import Content
from game.core.commands import Choose
from game.core.engine import Engine
from tests.core.test_properties import check_invariants

CAMPAIGNS = ("bukharin", "tukhachevsky")


def test_shipped_content_has_no_errors(shipped: Content) -> None:
    assert [str(d) for d in shipped.errors] == []
    assert set(CAMPAIGNS) <= set(shipped.campaigns)


@pytest.mark.parametrize("campaign_id", CAMPAIGNS)
def test_300_random_games_reach_an_ending_within_the_span(shipped: Content, campaign_id: str) -> None:
    campaign = shipped.campaigns[campaign_id]
    endings: dict[str, int] = {}
    for seed in range(300):
        engine = Engine(campaign, seed)
        rnd = random.Random(seed)
        steps = 0
        while not engine.is_over:
            date = engine.state.date
            engine.apply(Choose(rnd.choice(engine.choices())))
            check_invariants(campaign, engine.state, date)
            steps += 1
            assert steps < 5000
        assert engine.state.date <= campaign.end
        endings[engine.state.ending] = endings.get(engine.state.ending, 0) + 1
    # random play should see more than one way the story ends
    assert len(endings) >= 2, endings


@pytest.mark.parametrize("campaign_id", CAMPAIGNS)
def test_each_campaign_has_enough_cards_and_endings(shipped: Content, campaign_id: str) -> None:
    campaign = shipped.campaigns[campaign_id]
    real = [c for c in campaign.cards.values() if c.id != campaign.lie_low]
    assert len(real) >= 15
    assert len(campaign.endings) >= 3
    assert any(c.kind == "world" and c.actor in ("stalin", "nkvd", "yezhov") for c in real)
