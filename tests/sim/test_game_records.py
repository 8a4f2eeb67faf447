"""``simulate --games`` records: the longest run of forced decisions is counted right."""

from __future__ import annotations

from game.content.loader import Content
from game.core.commands import Choose
from game.core.dates import parse_month
from game.core.engine import Engine
from game.sim.measures import flag_measure
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


def test_records_date_each_flag_by_the_card_that_set_it(shipped: Content) -> None:
    campaign = shipped.campaigns["bukharin"]
    ref = CampaignRef("bukharin", start="troika")
    remember(ref, campaign)
    lines: list[dict[str, object]] = []
    simulate(ref, 8, "random", seed=6, records=lines.extend)
    for i, rec in enumerate(lines):
        engine = Engine(campaign, game_seed(6, i), start="troika")
        chooser = get_policy("random")
        step = 0
        while not engine.is_over:
            engine.apply(Choose(chooser.choose(engine, step)))
            step += 1
        flags = rec["flags"]
        assert isinstance(flags, dict)
        for flag, month in flags.items():
            by = parse_month(month)
            # the measure constraints use (history walked against the content's effects) agrees
            assert flag_measure(campaign, flag, by, "troika")(engine.state), (flag, month)
            if flag not in campaign.get_start("troika").flags:
                assert not flag_measure(campaign, flag, by - 1, "troika")(engine.state), (flag, month)
