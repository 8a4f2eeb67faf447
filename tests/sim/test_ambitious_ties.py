"""The ambitious player does not idle when every future looks alike.

Its lookahead plays each choice on for a few turns; when all of them end in the same ending
inside that horizon (the usual case for a plan longer than the horizon), the futures tie.
The tie must then go to the choice whose own result the goal values (its terms), not to a
coin: otherwise a plotter who cannot yet see his coup spends his months on nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.loader import load_content
from game.core.commands import Choose
from game.core.engine import Engine
from game.core.model import Campaign
from game.sim.policies import get_policy

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "doomed"


@pytest.fixture(scope="module")
def doomed() -> Campaign:
    content = load_content([FIXTURE])
    assert not content.errors, [str(d) for d in content.errors]
    return content.campaigns["doomed"]


def test_every_future_ties_so_the_terms_decide(doomed: Campaign) -> None:
    ambitious = get_policy("ambitious")
    first_choices = []
    for seed in range(24):
        engine = Engine(doomed, seed)
        assert set(engine.choices()) == {"doomed.prepare", engine.campaign.lie_low}
        first_choices.append(ambitious.choose(engine, 0))
    assert first_choices == ["doomed.prepare"] * 24


def test_the_games_still_end_as_the_content_says(doomed: Campaign) -> None:
    ambitious = get_policy("ambitious")
    engine = Engine(doomed, 3)
    step = 0
    while not engine.is_over:
        engine.apply(Choose(ambitious.choose(engine, step)))
        step += 1
    assert engine.state.ending == "caught"
    assert "ready" in engine.state.flags
