"""The intermediate keyframes of a save (a snapshot every 50 decisions, carried into every
later save of the game) are checked like its start and final snapshot, whatever the checksum
says: each must be a state the campaign allows and the state the game's decisions reach at
its step, or the save is refused in one sentence naming the snapshot."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from game.content.loader import Content, load_content
from game.persist.document import checksum_of, dumps
from game.persist.errors import SaveError
from game.persist.reader import read_document
from game.persist.recorder import record
from game.persist.replay import replay_save, state_problem

ROOT = Path(__file__).resolve().parents[2]
ENDED = {v: ROOT / "tests" / "fixtures" / "saves" / f"v{v}-saga-ended.json" for v in (2, 3)}
Doc = dict[str, Any]


@pytest.fixture(scope="module")
def saga_content() -> Content:
    return load_content([ROOT / "tests" / "persist" / "fixtures" / "saga"])


def _reseal(doc: Doc) -> bytes:
    doc["checksum"] = checksum_of(doc)
    return json.dumps(doc, ensure_ascii=False).encode()


def _meter(value: int) -> Callable[[Doc], None]:
    def edit(state: Doc) -> None:
        state["meters"]["doom"] = value

    return edit


def _set(**fields: Any) -> Callable[[Doc], None]:
    def edit(state: Doc) -> None:
        state.update(fields)

    return edit


def _drop_character(state: Doc) -> None:
    state["characters"].pop(next(iter(state["characters"])))


IMPOSSIBLE: dict[str, Callable[[Doc], None]] = {
    "meter above its maximum": _meter(10**9),
    "meter below its minimum": _meter(-1),
    "event phase with no card": _set(phase="event", pending=[]),
    "an unknown phase": _set(phase="choose"),
    "a character missing": _drop_character,
    "dated before the campaign": _set(date=0),
    "dated after the campaign": _set(date=10**6),
    "a pending card that does not exist": _set(phase="event", pending=["saga.nowhere"]),
    "turn zero": _set(turn=0),
}


@pytest.mark.parametrize("version", [2, 3])
@pytest.mark.parametrize("kind", sorted(IMPOSSIBLE))
def test_a_resealed_save_whose_middle_keyframe_is_impossible_is_refused(
    saga_content: Content, version: int, kind: str
) -> None:
    doc = json.loads(ENDED[version].read_bytes())
    middle = doc["keyframes"][len(doc["keyframes"]) // 2]
    assert middle["logs"] is not None  # an intermediate keyframe, not the final snapshot
    IMPOSSIBLE[kind](middle["state"])
    save = read_document(_reseal(doc))  # the checksum vouches for nothing
    with pytest.raises(SaveError, match=f"snapshot after decision {middle['step']}") as caught:
        replay_save(saga_content, save)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("version", [2, 3])
def test_a_possible_keyframe_that_is_not_the_games_state_is_refused(saga_content: Content, version: int) -> None:
    doc = json.loads(ENDED[version].read_bytes())
    middle = doc["keyframes"][2]
    campaign = saga_content.campaigns["saga"]
    meter = campaign.meters["doom"]
    old = middle["state"]["meters"]["doom"]
    middle["state"]["meters"]["doom"] = meter.min if old != meter.min else meter.max  # within bounds
    save = read_document(_reseal(doc))
    assert not state_problem(campaign, save.keyframes[2].state)  # a possible state, just not this game's
    with pytest.raises(SaveError, match=f"snapshot after decision {middle['step']} is not the state"):
        replay_save(saga_content, save)


@pytest.mark.parametrize("version", [2, 3])
def test_a_keyframe_with_wrong_log_lengths_is_refused(saga_content: Content, version: int) -> None:
    doc = json.loads(ENDED[version].read_bytes())
    middle = doc["keyframes"][3]
    middle["logs"]["history"] -= 1
    with pytest.raises(SaveError, match=f"snapshot after decision {middle['step']}"):
        replay_save(saga_content, read_document(_reseal(doc)))


@pytest.mark.parametrize("version", [2, 3])
def test_the_untouched_long_save_loads_and_its_keyframes_are_carried_forward(
    saga_content: Content, version: int
) -> None:
    doc = json.loads(ENDED[version].read_bytes())
    save = read_document(ENDED[version].read_bytes())
    outcome = replay_save(saga_content, save)
    assert outcome.divergence is None
    again = read_document(dumps(record(outcome.engine).to_save(outcome.engine, saga_content, "again")))
    assert [k.step for k in again.keyframes] == [k["step"] for k in doc["keyframes"]]
    campaign = saga_content.campaigns["saga"]
    assert all(not state_problem(campaign, k.state) for k in again.keyframes)


def test_a_keyframe_out_of_step_with_the_logs_is_refused_on_read() -> None:
    doc = json.loads(ENDED[3].read_bytes())
    broken = copy.deepcopy(doc)
    broken["keyframes"][1]["step"] = broken["keyframes"][0]["step"]
    with pytest.raises(SaveError, match="out of order"):
        read_document(_reseal(broken))
