"""Short hashes of the game state for Brogue-style out-of-sync checks, one per decision.

The hash covers the rules of the state, not its prose: chronicle entries are hashed by
turn, date, kind and card only, so editing a card's text leaves every hash unchanged.

Hashing the whole state after every decision would cost as much as playing it, because the
state has append-only logs (history, chronicle, meter history) that grow all game long. So
a decision's hash covers the small part of the state as it is after the decision, the logs'
lengths, and only the log entries that decision appended. Every log entry is thus covered
by the hash of the decision that wrote it, and ``state_hash`` (everything, all logs) is the
same function with nothing taken as already known. Fields ``fired`` and ``chosen`` are left
out: they are derived from the history log.
"""

from __future__ import annotations

from hashlib import blake2b
from operator import attrgetter
from typing import Any

import attrs

from game.core.state import CharacterState, GameState

HASH_CHARS = 12
LOG_FIELDS = ("history", "chronicle", "meter_history")
# Never hashed: derived from the history log (fired, chosen) or fixed for a game (seed, campaign).
UNHASHED = ("fired", "chosen", "seed", "campaign")

# The small fields of GameState each step-hash version covers, in order. A save records the
# version its hashes were written with (``SaveFile.hash_version``) and is checked, and played
# on, with that version's list, so adding a GameState field never changes an old save's
# hashes. A field added to GameState must be added to a NEW version's list (tests/persist/
# test_shape.py fails until FORMAT_VERSION is bumped and a migration written).
HASH_FIELDS: dict[int, tuple[str, ...]] = {
    # format 2: these twelve, then ``None`` (no other field), then ``start`` only when it is
    # not empty (added after v2 saves existed, so one-start campaigns' hashes stayed unchanged)
    2: (
        "turn",
        "date",
        "phase",
        "pending",
        "hand",
        "action",
        "ending",
        "decisions",
        "meters",
        "flags",
        "characters",
        "scheduled",
    ),
    3: (
        "turn",
        "date",
        "phase",
        "pending",
        "hand",
        "action",
        "ending",
        "decisions",
        "meters",
        "flags",
        "characters",
        "scheduled",
        "start",
        "drawn",
    ),
}
HASH_VERSION = max(HASH_FIELDS)


def plain(value: Any) -> Any:
    """Any attrs/dict/list tree as nested tuples of primitives (stable ``repr`` everywhere)."""
    if attrs.has(type(value)):
        return (type(value).__name__, *(plain(getattr(value, f.name)) for f in attrs.fields(type(value))))
    if isinstance(value, dict):
        return tuple((k, plain(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(plain(v) for v in value)
    return value


_NAMES = [f.name for f in attrs.fields(GameState)]
LOGS = tuple(n for n in LOG_FIELDS if n in _NAMES)
_COMPARED = [n for n in _NAMES if n not in LOG_FIELDS and n not in UNHASHED]
_STATUS_ONLY = [f.name for f in attrs.fields(CharacterState)] == ["status"]

# How a log entry is hashed: a C-speed getter of its rule fields (prose left out).
_RECORD = attrgetter("turn", "date", "card", "option")
_ROLL = attrgetter("card", "option", "outcome", "value", "chances")
_GETTERS: dict[str, Any] = {
    "chronicle": attrgetter("turn", "date", "kind", "card"),
    "meter_history": attrgetter("turn", "date", "meters"),
}


def _projection(name: str, log: list[Any]) -> Any:
    """A log's entries as the hashes see them: their rule fields, prose left out (history:
    the records, then the rolls). The one encoding both the step hash (its ``repr``) and the
    snapshot comparison (compared as is) use."""
    if name == "history":
        return list(map(_RECORD, log)), [_ROLL(r.roll) for r in log if r.roll is not None]
    getter = _GETTERS.get(name)
    return list(map(getter, log)) if getter is not None else plain(log)


def _encode_log(name: str, items: list[Any]) -> str:
    return repr(_projection(name, items))


def log_lengths(state: GameState) -> tuple[int, ...]:
    """The lengths of the state's append-only logs (what a decision's hash takes as known)."""
    return tuple(len(getattr(state, name)) for name in LOGS)


NO_LOGS = (0,) * len(LOGS)


def _field(s: GameState, name: str) -> Any:
    """A small field as the step hash encodes it (characters by status, scheduled as pairs)."""
    if name == "characters":
        return [c.status for c in s.characters.values()] if _STATUS_ONLY else plain(s.characters)
    if name == "scheduled":
        return [(x.card, x.due) for x in s.scheduled]
    return getattr(s, name)


def _small(s: GameState, version: int) -> tuple[Any, ...]:
    fields = HASH_FIELDS.get(version)
    if fields is None:
        raise ValueError(f"no step hash of version {version} (known: {sorted(HASH_FIELDS)})")
    values = tuple(_field(s, name) for name in fields)
    if version == 2:  # its legacy tail, kept exactly
        return (*values, None, *((s.start,) if s.start else ()))
    return values


def step_hash(s: GameState, known: tuple[int, ...] = NO_LOGS, version: int = HASH_VERSION) -> str:
    """The hash of a state after a decision, given the log lengths before it, as step-hash
    ``version`` defines it (the fields of ``HASH_FIELDS[version]`` and the logs' new entries)."""
    small = _small(s, version)
    h = blake2b(repr(small).encode(), digest_size=16)
    for i, name in enumerate(LOGS):
        log = getattr(s, name)
        start = known[i] if known[i] <= len(log) else 0
        h.update(b"|%d|%d|" % (start, len(log)))
        h.update(_encode_log(name, log[start:]).encode())
    return h.hexdigest()[:HASH_CHARS]


def state_hash(state: GameState, version: int = HASH_VERSION) -> str:
    """A hash of a whole state, logs included, text-insensitive (the snapshot check)."""
    return step_hash(state, NO_LOGS, version)


def _canonical_small(s: GameState, version: int) -> tuple[Any, ...]:
    """The fields of a state that hash version ``version`` knows (its list and ``start``; the
    logs apart), each mapping compared as a mapping: the order of keys in a file (a save
    re-sorted by ``jq -S``) is not part of a game."""
    known = HASH_FIELDS[version]
    out: list[Any] = []
    for name in _COMPARED:
        if name not in known and name != "start":
            continue
        value = getattr(s, name)
        out.append({k: plain(v) for k, v in value.items()} if isinstance(value, dict) else plain(value))
    out.append(log_lengths(s))
    return tuple(out)


def rules_of(s: GameState, version: int = HASH_VERSION) -> tuple[Any, ...]:
    """Every field of a state but its logs, as comparable plain data (mappings compared
    whatever the order of their keys): the small fields hash version ``version`` knows, then
    those never hashed (``fired``, ``chosen``, ``seed``, ``campaign``). What a keyframe (which
    keeps no logs) must share with the replayed state at its step."""
    return (*_canonical_small(s, version)[:-1], dict(s.fired), dict(s.chosen), s.seed, s.campaign)


def same_state(a: GameState, b: GameState, version: int = HASH_VERSION) -> bool:
    """Whether two states are equal in their rules (prose ignored, mappings compared whatever
    the order of their keys): the snapshot check of a load, compared in C."""
    if _canonical_small(a, version) != _canonical_small(b, version):
        return False
    return all(_projection(name, getattr(a, name)) == _projection(name, getattr(b, name)) for name in LOGS)
