"""State hashes: prose ignored, rules caught; the fast snapshot comparison agrees with the hash."""

from __future__ import annotations

import copy

import attrs

from game.core.model import Campaign
from game.persist.digest import log_lengths, same_state, state_hash, step_hash
from tests.persist.conftest import play


def test_prose_is_ignored_and_rules_are_not(saga: Campaign) -> None:
    state = play(saga, 11, 120).state
    prose = copy.deepcopy(state)
    prose.chronicle[3] = attrs.evolve(prose.chronicle[3], title="Another title", text="Other words")
    assert state_hash(prose) == state_hash(state) and same_state(prose, state)
    rolled = copy.deepcopy(state)
    i = next(i for i, r in enumerate(rolled.history) if r.roll is not None)
    rolled.history[i].roll.outcome += 1
    assert state_hash(rolled) != state_hash(state) and not same_state(rolled, state)
    fired = copy.deepcopy(state)
    fired.history[1] = attrs.evolve(fired.history[1], card="saga.other")
    assert state_hash(fired) != state_hash(state) and not same_state(fired, state)
    meters = copy.deepcopy(state)
    meters.meters["gold"] += 1
    assert state_hash(meters) != state_hash(state) and not same_state(meters, state)


def test_a_step_hash_covers_the_entries_its_decision_wrote(saga: Campaign) -> None:
    engine = play(saga, 12, 40)
    before = log_lengths(engine.state)
    engine.apply(type(engine.commands[0])(engine.choices()[0]))
    h = step_hash(engine.state, before)
    changed = copy.deepcopy(engine.state)
    changed.history[-1] = attrs.evolve(changed.history[-1], option="something else")
    assert step_hash(changed, before) != h
    older = copy.deepcopy(engine.state)
    older.history[0] = attrs.evolve(older.history[0], option="something else")
    assert step_hash(older, before) == h  # covered by the hash of the decision that wrote it
