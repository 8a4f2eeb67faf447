"""``simulate --games`` records: the longest run of forced decisions is counted right."""

from __future__ import annotations

from game.content.loader import Content
from game.core.commands import Choose
from game.core.engine import Engine
from game.sim.policies import get_policy
from game.sim.runner import CampaignRef, game_seed, remember, simulate


def _longest_forced(engine: Engine, policy: str) -> int:
    chooser = get_policy(policy)
    run = longest = step = 0
    while not engine.is_over:
        run = run + 1 if len(engine.choices()) == 1 else 0
        longest = max(longest, run)
        engine.apply(Choose(chooser.choose(engine, step)))
        step += 1
    return longest


def test_records_count_the_longest_run_of_forced_decisions(shipped: Content) -> None:
    campaign = shipped.campaigns["bukharin"]
    ref = CampaignRef("bukharin", start="last_plea")
    remember(ref, campaign)
    lines: list[dict[str, object]] = []
    simulate(ref, 12, "bold", seed=4, records=lines.extend)
    expected = [_longest_forced(Engine(campaign, game_seed(4, i), start="last_plea"), "bold") for i in range(12)]
    assert [r["longest_forced"] for r in lines] == expected
    assert max(expected) >= 1  # some forced decisions occur (a defector's road has them)
