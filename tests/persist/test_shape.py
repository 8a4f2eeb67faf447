"""The save's shape is pinned: a change to the keys a save holds (or to the GameState fields
the step hash covers) fails here until FORMAT_VERSION is bumped, a migration written and a
golden save of the new format added (issue 9 item 7)."""

from __future__ import annotations

import json

import attrs

from game.content.loader import Content
from game.core import state
from game.core.commands import COMMAND_TYPES, Choose, DebugFire, DebugSetFlag, DebugSetMeter
from game.core.model import Campaign
from game.persist import document
from game.persist.digest import HASH_FIELDS, LOG_FIELDS, UNHASHED
from game.persist.document import FORMAT_VERSION, dumps, to_document
from game.persist.reader import read_document
from game.persist.recorder import record
from game.persist.replay import Replay
from tests.persist.conftest import play

BUMP = "the save's shape changed: bump FORMAT_VERSION and write a migration (and a golden save of the new format)"

# The keys of every record a save holds, in the order they are written, for FORMAT_VERSION 3.
SHAPE_V3: dict[str, tuple[str, ...]] = {
    "SaveFile": (
        "format",
        "format_version",
        "game_version",
        "name",
        "campaign",
        "seed",
        "game_id",
        "ironman",
        "hash_version",
        "content",
        "parent",
        "start",
        "commands",
        "keyframes",
        "checksum",
    ),
    "ContentStamp": ("mods", "cards"),
    "ModStamp": ("id", "hash", "version"),
    "Step": ("turn", "date", "card", "card_hash", "command", "state"),
    "Keyframe": ("step", "state", "logs"),
    "Parent": ("save", "checksum", "step", "turn", "date"),
    "GameState": (
        "campaign",
        "seed",
        "turn",
        "date",
        "meters",
        "flags",
        "characters",
        "fired",
        "chosen",
        "history",
        "scheduled",
        "chronicle",
        "phase",
        "pending",
        "hand",
        "action",
        "ending",
        "decisions",
        "meter_history",
        "start",
        "drawn",
    ),
    "CharacterState": ("status",),
    "Record": ("turn", "date", "card", "option", "roll"),
    "Roll": ("card", "option", "value", "outcome", "chances"),
    "Scheduled": ("card", "due"),
    "Entry": ("turn", "date", "kind", "card", "title", "text", "option"),
    "MeterSnapshot": ("turn", "date", "meters"),
    "command choose": ("type", "option", "card"),
    "command set_meter": ("type", "meter", "value"),
    "command set_flag": ("type", "flag", "on"),
    "command fire": ("type", "card"),
}
CLASSES = [
    document.SaveFile,
    document.ContentStamp,
    document.ModStamp,
    document.Step,
    document.Keyframe,
    document.Parent,
    state.GameState,
    state.CharacterState,
    state.Record,
    state.Roll,
    state.Scheduled,
    state.Entry,
    state.MeterSnapshot,
]


def current_shape() -> dict[str, tuple[str, ...]]:
    shape = {cls.__name__: tuple(f.name for f in attrs.fields(cls)) for cls in CLASSES}
    for name, cls in COMMAND_TYPES.items():
        shape[f"command {name}"] = ("type", *(f.name for f in attrs.fields(cls)))
    return shape


def test_the_save_shape_is_the_pinned_one() -> None:
    assert FORMAT_VERSION == 3, BUMP  # SHAPE_V3 is the shape of format 3
    assert current_shape() == SHAPE_V3, BUMP


def test_every_state_field_is_hashed_or_said_not_to_be() -> None:
    fields = {f.name for f in attrs.fields(state.GameState)}
    covered = set(HASH_FIELDS[FORMAT_VERSION]) | set(UNHASHED) | set(LOG_FIELDS)
    assert fields == covered, f"{sorted(fields ^ covered)}: {BUMP}, listing the field in a new HASH_FIELDS version"


def _keys(value: object, found: dict[str, set[tuple[str, ...]]], where: str) -> None:
    if isinstance(value, dict):
        found.setdefault(where, set()).add(tuple(value))
        for key, item in value.items():
            _keys(
                item,
                found,
                f"{where}.{key}"
                if not where.endswith(("cards", "meters", "flags", "characters", "fired", "chosen", "logs"))
                else f"{where}.*",
            )
    elif isinstance(value, list):
        for item in value:
            _keys(item, found, f"{where}[]")


def test_a_real_save_writes_exactly_the_pinned_keys(saga_content: Content, saga: Campaign) -> None:
    engine = play(saga, 9, 60)  # keyframes, rolls, schedules
    meter = next(iter(saga.meters))
    for command in (DebugSetMeter(meter, 10), DebugSetFlag("shape", True), DebugFire(next(iter(saga.cards)))):
        engine.apply(command)
    while not engine.is_over and len(engine.commands) < 70:
        engine.apply(Choose(engine.choices()[0]))
    base = read_document(dumps(record(engine).to_save(engine, saga_content, "shape")))
    replay = Replay(saga_content, base)
    replay.goto(10)
    fork = replay.fork()
    found: dict[str, set[tuple[str, ...]]] = {}
    for saved in (base, record(fork).to_save(fork, saga_content, "fork")):
        _keys(json.loads(json.dumps(to_document(saved))), found, "save")
    assert found["save"] == {SHAPE_V3["SaveFile"]}, BUMP
    assert found["save.content"] == {SHAPE_V3["ContentStamp"]}, BUMP
    assert found["save.content.mods[]"] == {SHAPE_V3["ModStamp"]}, BUMP
    assert found["save.commands[]"] == {SHAPE_V3["Step"]}, BUMP
    assert found["save.keyframes[]"] == {SHAPE_V3["Keyframe"]}, BUMP
    assert found["save.keyframes[].state"] == {SHAPE_V3["GameState"]}, BUMP
    assert found["save.keyframes[].state.history[]"] == {SHAPE_V3["Record"]}, BUMP
    assert found["save.keyframes[].state.history[].roll"] == {SHAPE_V3["Roll"]}, BUMP
    commands = {frozenset(keys) for keys in found["save.commands[].command"]}
    assert commands == {frozenset(SHAPE_V3[f"command {name}"]) for name in COMMAND_TYPES}, BUMP
    assert found["save.parent"] == {SHAPE_V3["Parent"]}, BUMP  # None in the base, a Parent in the fork
