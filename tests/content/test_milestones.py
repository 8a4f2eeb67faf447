"""Every shipped campaign declares the milestones its forecast reports, and each one tells
the player something: in random play from the campaign's starts it holds in some games and
fails in others (a milestone that always or never holds is a constant, not a forecast)."""

from __future__ import annotations

import pytest

from game.content.loader import Content
from game.sim.forecast import milestone_measures
from game.sim.policies import get_policy
from game.sim.runner import game_seed, play

GAMES_PER_START = 400


@pytest.mark.parametrize("cid", ["bukharin", "tukhachevsky"])
def test_milestones_are_declared_and_can_go_either_way(shipped: Content, cid: str) -> None:
    campaign = shipped.campaigns[cid]
    assert len(campaign.milestones) >= 4, f"{cid} declares {len(campaign.milestones)} milestones"
    held = {m.id: 0 for m in campaign.milestones}
    games = 0
    for start in campaign.starts:
        measures = milestone_measures(campaign, start.id)
        for i in range(GAMES_PER_START):
            engine = play(campaign, get_policy("random"), game_seed(7, i), start=start.id, lean=True)
            games += 1
            for mid, measure in measures:
                held[mid] += bool(measure(engine.state))
    constant = {mid: n for mid, n in held.items() if n in (0, games)}
    assert not constant, f"{cid}: milestones that held in none or all of {games} random games: {constant}"
