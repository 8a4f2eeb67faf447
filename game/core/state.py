"""The game state: a tree of attrs classes holding everything a game is.

Nothing here knows how the state changes; the engine applies Commands and the compiled
effects mutate the state. Containers are dicts and lists (never sets) so iteration order
is insertion order, identical in every process.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

STATUSES = ("free", "demoted", "arrested", "imprisoned", "exiled", "dead")

PHASE_EVENT = "event"
PHASE_HAND = "hand"
PHASE_ACTION = "action"
PHASE_OVER = "over"


@attrs.define
class CharacterState:
    """A character's status in this game."""

    status: str = "free"


@attrs.define
class Roll:
    """One chance rolled: the value drawn, the probability it was measured against, and
    which outcome it selected."""

    card: str
    option: str
    value: float
    outcome: int
    chances: list[float] = attrs.Factory(list)


@attrs.define
class Record:
    """One card that fired: a world card, or a decision of the player."""

    turn: int
    date: int
    card: str
    option: str = ""
    roll: Roll | None = None


@attrs.define
class Scheduled:
    """A card due to fire at the first turn on or after ``due``."""

    card: str
    due: int


@attrs.define
class Entry:
    """A line of the chronicle: what happened, when, and which card said so."""

    turn: int
    date: int
    kind: str  # world | event | action | ending | note
    card: str
    title: str
    text: str
    option: str = ""


@attrs.define
class MeterSnapshot:
    """The meters at the start of a turn (and at the ending), for charts of a game over time."""

    turn: int
    date: int
    meters: dict[str, int] = attrs.Factory(dict)


@attrs.define
class GameState:
    """Everything a game is at one moment. Reproducible from (content, seed, commands)."""

    campaign: str
    seed: int
    turn: int
    date: int
    meters: dict[str, int]
    flags: dict[str, int] = attrs.Factory(dict)  # flag -> turn it was set
    characters: dict[str, CharacterState] = attrs.Factory(dict)
    fired: dict[str, int] = attrs.Factory(dict)  # card -> times fired
    chosen: dict[str, str] = attrs.Factory(dict)  # card -> option last chosen
    history: list[Record] = attrs.Factory(list)
    scheduled: list[Scheduled] = attrs.Factory(list)
    chronicle: list[Entry] = attrs.Factory(list)
    phase: str = PHASE_EVENT
    pending: list[str] = attrs.Factory(list)  # event cards awaiting an answer this turn
    hand: list[str] = attrs.Factory(list)  # action cards offered this turn
    action: str = ""  # the action card played, when it has several options
    ending: str = ""
    decisions: int = 0
    meter_history: list[MeterSnapshot] = attrs.Factory(list)  # one per turn start, and the end
    start: str = ""  # the campaign's start this game began from ("" for a campaign without starts)
    # the event cards of ``pending`` that were drawn this turn (not scheduled, not fired by the
    # debug console): each is re-checked against its ``when`` before it is shown
    drawn: list[str] = attrs.Factory(list)

    @property
    def is_over(self) -> bool:
        """True once an ending has been reached."""
        return self.phase == PHASE_OVER


def cast_of(statuses: Iterable[tuple[str, str]]) -> dict[str, CharacterState]:
    """A new ``CharacterState`` for each (character, status), in order.

    Every new game makes one for each of the cast (29 in a campaign), so they are made
    without the attrs ``__init__``: the same objects, without a Python call each (a fifth
    of the cost of a short simulated game's new state)."""
    new = object.__new__
    cast: dict[str, CharacterState] = {}
    for who, status in statuses:
        person = new(CharacterState)
        person.status = status
        cast[who] = person
    return cast


def copy_state(state: GameState, seed: int | None = None) -> GameState:
    """A cheap independent copy of a state: every container is new, so changing the copy
    never touches the original, but the entries of the append-only logs (history, chronicle,
    scheduled, meter_history) are shared, since nothing changes an entry once appended.

    With ``seed`` the copy rolls other dice from here on. Used for look-ahead (``Engine.fork``)
    and for previewing an option's chances in the View: a fraction of a ``copy.deepcopy``."""
    s = state
    return GameState(
        campaign=s.campaign,
        seed=s.seed if seed is None else int(seed),
        turn=s.turn,
        date=s.date,
        meters=dict(s.meters),
        flags=dict(s.flags),
        characters={k: CharacterState(v.status) for k, v in s.characters.items()},
        fired=dict(s.fired),
        chosen=dict(s.chosen),
        history=list(s.history),
        scheduled=list(s.scheduled),
        chronicle=list(s.chronicle),
        phase=s.phase,
        pending=list(s.pending),
        drawn=list(s.drawn),
        hand=list(s.hand),
        action=s.action,
        ending=s.ending,
        decisions=s.decisions,
        meter_history=list(s.meter_history),
        start=s.start,
    )
