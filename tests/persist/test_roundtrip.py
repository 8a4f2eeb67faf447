"""Properties of saves on random games: byte-identical round trips, exact replays, exact forks."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content.loader import Content
from game.core.commands import Choose, DebugSetFlag, DebugSetMeter
from game.core.engine import Engine
from game.core.model import Campaign
from game.persist.digest import state_hash
from game.persist.document import dumps
from game.persist.reader import read_document
from game.persist.recorder import record
from game.persist.replay import Replay, replay_save
from tests.persist.conftest import play

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def played_with_hashes(campaign: Campaign, seed: int, decisions: int) -> tuple[Engine, list[str]]:
    """A random game and the full-state hash after every decision (step 0 first)."""
    engine = Engine(campaign, seed)
    record(engine)
    hashes = [state_hash(engine.state)]
    rnd = random.Random(seed)
    while not engine.is_over and len(engine.commands) < decisions:
        engine.apply(Choose(rnd.choice(engine.choices())))
        hashes.append(state_hash(engine.state))
    return engine, hashes


@FAST
@given(seed=st.integers(0, 10**9), decisions=st.integers(0, 160))
def test_save_load_save_is_byte_identical(saga_content: Content, saga: Campaign, seed: int, decisions: int) -> None:
    engine = play(saga, seed, decisions)
    first = dumps(record(engine).to_save(engine, saga_content, "game"))
    loaded = read_document(first)
    outcome = replay_save(saga_content, loaded)
    assert outcome.divergence is None
    assert dumps(loaded) == first
    # and the replayed engine, saved again, writes the same file
    assert dumps(record(outcome.engine).to_save(outcome.engine, saga_content, "game")) == first


@FAST
@given(seed=st.integers(0, 10**9), decisions=st.integers(1, 160), data=st.data())
def test_replay_reproduces_every_decision_and_a_fork_equals_the_original(
    saga_content: Content, saga: Campaign, seed: int, decisions: int, data: st.DataObject
) -> None:
    engine, hashes = played_with_hashes(saga, seed, decisions)
    save = read_document(dumps(record(engine).to_save(engine, saga_content, "game")))
    replay = Replay(saga_content, save, every=7)
    total = replay.total()
    assert total == len(hashes) - 1
    order = data.draw(st.lists(st.integers(0, total), min_size=1, max_size=12))
    for step in [*order, total, 0]:
        replay.goto(step)
        assert state_hash(replay._engine.state) == hashes[step], step
    n = data.draw(st.integers(0, total))
    replay.goto(n)
    fork = replay.fork()
    assert state_hash(fork.state) == hashes[n]
    forked = record(fork).to_save(fork, saga_content, "branch")
    assert forked.parent is not None and forked.parent.step == n and forked.parent.save == "game"
    assert forked.commands == save.commands[:n]


def test_every_turns_state_matches_in_a_500_decision_game(saga_content: Content, saga: Campaign) -> None:
    engine, hashes = played_with_hashes(saga, 77, 500)  # full-state hash per step: the slow part
    save = read_document(dumps(record(engine).to_save(engine, saga_content, "long")))
    assert len(save.commands) == 500
    assert [k.step for k in save.keyframes] == [50, 100, 150, 200, 250, 300, 350, 400, 450, 500]
    replay = Replay(saga_content, save)
    for step in [*range(0, 501, 7), 500, 499, 1]:
        replay.goto(step)
        assert state_hash(replay._engine.state) == hashes[step]


def test_debug_commands_are_saved_and_replayed(saga_content: Content, saga: Campaign) -> None:
    engine = play(saga, 5, 10)
    engine.apply(DebugSetMeter("gold", 40))
    engine.apply(DebugSetFlag("blessed"))
    engine.apply(Choose(engine.choices()[0]))
    save = read_document(dumps(record(engine).to_save(engine, saga_content, "dbg")))
    assert [type(s.command).__name__ for s in save.commands[-3:]] == ["DebugSetMeter", "DebugSetFlag", "Choose"]
    outcome = replay_save(saga_content, save)
    assert outcome.divergence is None
    assert outcome.engine.state == engine.state


def test_an_engine_made_elsewhere_is_adopted_with_its_past(saga_content: Content, saga: Campaign) -> None:
    engine = play(saga, 9, 30, recorded=False)
    save = record(engine).to_save(engine, saga_content, "adopted")
    assert save.start is None and len(save.commands) == 30
    engine.apply(Choose(engine.choices()[0]))
    assert len(record(engine).to_save(engine, saga_content, "adopted").commands) == 31


def test_an_engine_from_a_foreign_snapshot_is_saved_from_that_snapshot(saga_content: Content, saga: Campaign) -> None:
    import copy

    original = play(saga, 9, 30, recorded=False)
    engine = Engine(saga, 9, state=copy.deepcopy(original.state))  # no commands to explain it
    engine.apply(Choose(engine.choices()[0]))  # not replayable from the seed alone
    save = read_document(dumps(record(engine).to_save(engine, saga_content, "snap")))
    assert save.start is not None and len(save.commands) == 0
    assert replay_save(saga_content, save).engine.state == engine.state
