"""The Tukhachevsky campaign gives every player something to do (issue 13 point 5): no policy,
the goal-seeking one included, sits through more than three turns in a row with a single
legal choice, from either start."""

from __future__ import annotations

import pytest

from game.content.loader import Content
from game.core.commands import Choose
from game.core.engine import Engine
from game.sim.policies import get_policy

STARTS = ("gambit", "coup")
# the goal-seeking player is slower per game (it looks ahead), so it plays fewer seeds; it is
# the one that reaches the junta's long years, where a forced stretch is likeliest
SEEDS = {"random": 25, "historical": 25, "cautious": 25, "bold": 25, "mixed": 25, "ambitious": 12}


def _longest_forced_run(engine: Engine, policy: str) -> int:
    chooser = get_policy(policy)
    run = longest = step = 0
    while not engine.is_over:
        ids = engine.choices()
        run = run + 1 if len(ids) == 1 else 0
        longest = max(longest, run)
        engine.apply(Choose(chooser.choose(engine, step)))
        step += 1
    return longest


@pytest.mark.parametrize("start", STARTS)
@pytest.mark.parametrize("policy", sorted(SEEDS))
def test_never_more_than_three_one_option_turns_in_a_row(shipped: Content, start: str, policy: str) -> None:
    campaign = shipped.campaigns["tukhachevsky"]
    runs = {seed: _longest_forced_run(Engine(campaign, seed, start=start), policy) for seed in range(SEEDS[policy])}
    too_long = {seed: n for seed, n in runs.items() if n > 3}
    assert not too_long, f"{policy} from {start}: seeds with a run of forced decisions longer than 3: {too_long}"


def test_the_run_counter_sees_a_forced_stretch(shipped: Content) -> None:
    """The measure above is not vacuous: the arrested marshal's last weeks are forced turns."""
    campaign = shipped.campaigns["tukhachevsky"]
    assert max(_longest_forced_run(Engine(campaign, seed, start="gambit"), "historical") for seed in range(10)) >= 1
