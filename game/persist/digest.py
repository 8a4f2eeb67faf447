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
_DERIVED = {"fired", "chosen", "seed", "campaign"}
_SMALL_KNOWN = (
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
)


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
_OTHER = [n for n in _NAMES if n not in LOG_FIELDS and n not in _DERIVED and n not in _SMALL_KNOWN]
_STATUS_ONLY = [f.name for f in attrs.fields(CharacterState)] == ["status"]

# How a log entry is hashed: a C-speed getter of its rule fields (prose left out).
_RECORD = attrgetter("turn", "date", "card", "option")
_ROLL = attrgetter("card", "option", "outcome", "value", "chances")
_GETTERS: dict[str, Any] = {
    "chronicle": attrgetter("turn", "date", "kind", "card"),
    "meter_history": attrgetter("turn", "date", "meters"),
}


def _encode_log(name: str, items: list[Any]) -> str:
    if name == "history":
        return repr((list(map(_RECORD, items)), [_ROLL(r.roll) for r in items if r.roll is not None]))
    getter = _GETTERS.get(name)
    return repr(list(map(getter, items))) if getter is not None else repr(plain(items))


def log_lengths(state: GameState) -> tuple[int, ...]:
    """The lengths of the state's append-only logs (what a decision's hash takes as known)."""
    return tuple(len(getattr(state, name)) for name in LOGS)


NO_LOGS = (0,) * len(LOGS)


def step_hash(s: GameState, known: tuple[int, ...] = NO_LOGS) -> str:
    """The hash of a state after a decision, given the log lengths before it."""
    small = (
        s.turn,
        s.date,
        s.phase,
        s.pending,
        s.hand,
        s.action,
        s.ending,
        s.decisions,
        s.meters,
        s.flags,
        [c.status for c in s.characters.values()] if _STATUS_ONLY else plain(s.characters),
        [(x.card, x.due) for x in s.scheduled],
        [plain(getattr(s, n)) for n in _OTHER] if _OTHER else None,
        *((s.start,) if s.start else ()),  # a campaign's start; absent for one-start campaigns (hashes unchanged)
    )
    h = blake2b(repr(small).encode(), digest_size=16)
    for i, name in enumerate(LOGS):
        log = getattr(s, name)
        start = known[i] if known[i] <= len(log) else 0
        h.update(b"|%d|%d|" % (start, len(log)))
        h.update(_encode_log(name, log[start:]).encode())
    return h.hexdigest()[:HASH_CHARS]


def state_hash(state: GameState) -> str:
    """A hash of a whole state, logs included, text-insensitive (the snapshot check)."""
    return step_hash(state, NO_LOGS)


def _projection(name: str, log: list[Any]) -> Any:
    if name == "history":
        return list(map(_RECORD, log)), [_ROLL(r.roll) for r in log if r.roll is not None]
    getter = _GETTERS.get(name)
    return list(map(getter, log)) if getter is not None else plain(log)


def _canonical_small(s: GameState) -> tuple[Any, ...]:
    """The small part of a state with every mapping compared as a mapping: the order of keys
    in a file (a save re-sorted by ``jq -S``) is not part of a game."""
    return (
        s.turn,
        s.date,
        s.phase,
        s.pending,
        s.hand,
        s.action,
        s.ending,
        s.decisions,
        s.meters,
        s.flags,
        {k: plain(v) for k, v in s.characters.items()},
        [(x.card, x.due) for x in s.scheduled],
        [plain(getattr(s, n)) for n in _OTHER] if _OTHER else None,
        s.start,
        log_lengths(s),
    )


def same_state(a: GameState, b: GameState) -> bool:
    """Whether two states are equal in their rules (prose ignored, mappings compared whatever
    the order of their keys): the snapshot check of a load, compared in C."""
    if _canonical_small(a) != _canonical_small(b):
        return False
    return all(_projection(name, getattr(a, name)) == _projection(name, getattr(b, name)) for name in LOGS)
