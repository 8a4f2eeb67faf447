"""Adopting an engine made elsewhere (a frontend's new game): ``record`` rebuilds its record
from the seed and commands, for any start of the campaign, without falling back to a snapshot."""

from __future__ import annotations

import random

import pytest

from game.content.loader import Content
from game.core.commands import Choose
from game.core.engine import Engine
from game.persist.document import dumps
from game.persist.reader import read_document
from game.persist.recorder import record
from game.persist.replay import replay_save


@pytest.mark.parametrize("start", ["last_plea", "troika"])
def test_a_game_on_any_start_is_adopted_from_its_seed_not_a_snapshot(shipped: Content, start: str) -> None:
    campaign = shipped.campaigns["bukharin"]
    engine = Engine(campaign, 41, start=start)  # not recorded: as a frontend makes a new game
    rnd = random.Random(41)
    while not engine.is_over and len(engine.commands) < 12:
        engine.apply(Choose(rnd.choice(engine.choices())))
    recorder = record(engine)
    assert recorder.start is None, "the game was recorded from a snapshot, not from its seed and start"
    assert len(recorder.steps) == len(engine.commands)
    save = read_document(dumps(recorder.to_save(engine, shipped, "adopted")))
    assert save.start is None and save.final.state.start == engine.state.start
    outcome = replay_save(shipped, save)
    assert outcome.divergence is None
    assert outcome.engine.state.start == engine.state.start
