"""Compiled content: campaigns, cards, options, chances and endings as fast objects.

These are built once at load from validated plain data (see ``game.core.compile``); a turn
never re-reads YAML or re-interprets a condition.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from game.core.ops import CondFn, EffectFn
from game.core.state import GameState


@attrs.frozen
class Origin:
    """Where a definition came from: file, line, column and mod (for diagnostics)."""

    path: str = ""
    line: int = 0
    column: int = 0
    mod: str = "base"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@attrs.frozen
class Meter:
    """A named bounded number defined by the campaign."""

    id: str
    label: str
    min: int
    max: int
    start: int
    description: str = ""
    good: str = "high"  # which way is good for the player: high | low | neutral


@attrs.frozen
class Era:
    """A span of the campaign with its own step in months."""

    start: int
    end: int
    step: int
    name: str = ""


@attrs.frozen
class Modifier:
    """A conditional change to a chance or a weight."""

    condition: CondFn
    add: float = 0.0
    mul: float = 1.0
    data: Mapping[str, Any] = attrs.Factory(dict)


@attrs.frozen
class Chance:
    """A probability with its historical source: clamp(base + sum(add)) * prod(mul)."""

    base: float
    source: str
    modifiers: tuple[Modifier, ...] = ()

    def value(self, state: GameState) -> float:
        """The probability in this state, clamped to [0, 1]."""
        p = self.base
        mul = 1.0
        for m in self.modifiers:
            if m.condition(state):
                p += m.add
                mul *= m.mul
        # min(max(p, 0.0), 1.0), twice, as conditional expressions: the same value (max and
        # min return their first argument unless the second is strictly beyond it) without
        # four builtin calls on every roll
        p = 0.0 if p < 0.0 else p
        p = (1.0 if p > 1.0 else p) * mul
        p = 0.0 if p < 0.0 else p
        return 1.0 if p > 1.0 else p


@attrs.frozen
class Weight:
    """A card's draw weight: a base changed by conditional modifiers."""

    base: float
    modifiers: tuple[Modifier, ...] = ()

    def value(self, state: GameState) -> float:
        """The weight in this state, never negative."""
        w = self.base
        if self.modifiers:
            mul = 1.0
            for m in self.modifiers:
                if m.condition(state):
                    w += m.add
                    mul *= m.mul
            w *= mul
        return w if w > 0 else 0.0


@attrs.frozen
class Outcome:
    """One branch of an option's chances; ``chance`` is None for the ``otherwise`` branch."""

    chance: Chance | None
    text: str
    effects: tuple[EffectFn, ...] = ()
    effects_data: tuple[Mapping[str, Any], ...] = ()


@attrs.frozen
class Option:
    """A choice on a card."""

    id: str
    text: str
    effects: tuple[EffectFn, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    requires: CondFn | None = None
    requires_text: str = ""
    stance: str = "neutral"
    historical: bool = False
    result: str = ""
    effects_data: tuple[Mapping[str, Any], ...] = ()

    def available(self, state: GameState) -> bool:
        """Whether the option may be taken in this state (its requirement holds)."""
        return self.requires is None or self.requires(state)

    def chances(self, state: GameState) -> list[float]:
        """Probabilities of the outcomes in this state, in order, summing to at most 1
        (an ``otherwise`` outcome takes what the others leave)."""
        result = []
        acc = 0.0
        for outcome in self.outcomes:
            if outcome.chance is None:
                p = 1.0 - acc
            else:  # min(value, 1.0 - acc), as in ``Chance.value``
                p = outcome.chance.value(state)
                left = 1.0 - acc
                p = left if left < p else p
            p = 0.0 if p < 0.0 else p  # max(p, 0.0)
            result.append(p)
            acc += p
        return result


@attrs.frozen
class Card:
    """A compiled card; world cards carry their effects and outcomes on a single option."""

    id: str
    kind: str  # event | action | world
    actor: str
    campaign: str
    title: str
    text: str
    options: tuple[Option, ...]
    weight: Weight
    lo: int  # first month of the date window
    hi: int  # last month of the date window
    condition: CondFn | None = None
    condition_data: Mapping[str, Any] | None = None
    once: bool = True
    history: str = ""
    sources: tuple[str, ...] = ()
    date_label: str = ""  # the card's own display date ("23 February–5 March 1937"), prose only
    origin: Origin = attrs.Factory(Origin)
    fingerprint: str = ""
    free_option: bool = True  # some option has no requirement (always true for world cards)
    # flags the card cannot be drawn without: its condition's, and those every option
    # requires (``ops.required_flags``); the engine skips the card while one is unset
    needs: frozenset[str] = frozenset()
    # flags the card cannot be drawn while one is set: its condition's ``not: {flag: X}``
    # tests, and those every option's requirement has (``ops.barring_flags``)
    bars: frozenset[str] = frozenset()
    # the condition less its tests of the flags in ``needs`` and ``bars``
    # (``ops.without_flags``): what the engine calls once it has seen the ``needs`` set and
    # the ``bars`` unset; None when nothing is left
    gated: CondFn | None = None
    changes: tuple[str, ...] = ()  # which mods changed which fields ("set title by my_mod (file:line:col)")

    def option(self, option_id: str) -> Option | None:
        """The option with this id, or None."""
        for opt in self.options:
            if opt.id == option_id:
                return opt
        return None


@attrs.frozen
class Fragment:
    """A paragraph of an epilogue shown only when its condition holds at the ending."""

    condition: CondFn
    text: str


@attrs.frozen
class Ending:
    """A way the campaign ends, with its epilogue and the real history beside it.

    The epilogue is ``text`` followed by every fragment whose condition holds in the final
    state, so an ending never contradicts the game that reached it."""

    id: str
    title: str
    kind: str
    text: str
    history: str = ""
    condition: CondFn | None = None
    fragments: tuple[Fragment, ...] = ()
    # flags the condition cannot hold without (``ops.required_flags``): the engine skips the
    # condition while one of them is unset, which never changes which ending is reached
    needs: frozenset[str] = frozenset()

    def epilogue(self, state: GameState) -> str:
        """The epilogue for this final state: the text and the fragments that apply."""
        parts = [self.text.strip()] if self.text.strip() else []
        parts.extend(f.text.strip() for f in self.fragments if f.condition(state))
        return "\n\n".join(parts)


@attrs.frozen
class Constraint:
    """A historical claim the campaign's odds must respect (measured by ``game.sim``)."""

    id: str
    claim: str
    source: str
    policy: str
    measure: Mapping[str, Any]
    expect: Mapping[str, Any]
    given: CondFn | None = None
    given_data: Mapping[str, Any] | None = None
    origin: Origin = attrs.Factory(Origin)
    start: str = ""  # the start whose games are measured ("" for a campaign without starts)


@attrs.frozen
class Milestone:
    """A moment a forecast gives the chance of (alive in 1939, coup launched); its measure is
    read like a constraint's, on a finished game (``game.sim.measures``)."""

    id: str
    title: str
    measure: Mapping[str, Any]


@attrs.frozen
class Character:
    """A person of the game."""

    id: str
    name: str
    born: int | None = None
    role: str = ""
    bio: str = ""


@attrs.frozen
class GoalTerm:
    """Part of a goal's score: ``value`` while the condition holds."""

    condition: CondFn
    value: float


@attrs.frozen
class Goal:
    """What a goal-seeking simulated player plays towards (the ``ambitious`` policy).

    A finished game is worth its ending's value (``endings``; unlisted death endings -1,
    others 0); an unfinished one the sum of the terms that hold plus each meter's weight
    times its value. Declared by the campaign, and by a start that wants another goal."""

    endings: Mapping[str, float] = attrs.Factory(dict)
    terms: tuple[GoalTerm, ...] = ()
    meters: Mapping[str, float] = attrs.Factory(dict)


@attrs.frozen
class Start:
    """One way into a campaign: its date, prose and the state it begins from."""

    id: str
    title: str
    date: int
    intro: str = ""
    summary: str = ""
    meters: Mapping[str, int] = attrs.Factory(dict)  # starting values (all meters)
    flags: tuple[str, ...] = ()
    cast: Mapping[str, str] = attrs.Factory(dict)  # character -> starting status (all of the cast)
    goal: Goal | None = None


@attrs.define
class Campaign:
    """A compiled campaign with its card index."""

    id: str
    title: str
    player: str
    intro: str
    start: int
    eras: tuple[Era, ...]
    meters: Mapping[str, Meter]
    cast: Mapping[str, str]  # character -> starting status
    events_per_turn: tuple[float, ...]  # probability of drawing 0, 1, 2, ... events
    hand_size: int
    lie_low: str  # id of the always-available action card
    default_ending: str
    endings: Mapping[str, Ending]
    constraints: tuple[Constraint, ...]
    cards: Mapping[str, Card]
    world_max: int = 3
    summary: str = ""
    origin: Origin = attrs.Factory(Origin)
    index: Any = None  # game.core.index.CardIndex, built by compile
    starts: tuple[Start, ...] = ()  # always at least one after compile; the first is the default
    goal: Goal | None = None
    milestones: tuple[Milestone, ...] = ()
    # source tag -> the readable citations of its works (from the content's bibliography):
    # what historian mode shows instead of the tag; a tag without an entry is shown as it is
    citations: Mapping[str, tuple[tuple[str, str], ...]] = attrs.Factory(dict)  # tag -> ((citation, short), ...)
    fingerprint: str = ""  # a hash of the campaign's own rules (prose left out); cards have theirs

    def get_start(self, start_id: str = "") -> Start:
        """The start of this id ("" for the first); KeyError naming the known ones."""
        if not start_id:
            return self.starts[0]
        for st in self.starts:
            if st.id == start_id:
                return st
        known = ", ".join(s.id for s in self.starts if s.id) or "none"
        raise KeyError(f"campaign {self.id!r} has no start {start_id!r}; starts: {known}")

    def goal_for(self, start_id: str = "") -> Goal | None:
        """The goal a player of this start plays towards (the start's, else the campaign's)."""
        st = self.get_start(start_id)
        return st.goal if st.goal is not None else self.goal

    def constraints_for(self, start_id: str = "") -> tuple[Constraint, ...]:
        """The constraints measured on games of this start."""
        wanted = self.get_start(start_id).id
        return tuple(c for c in self.constraints if c.start == wanted)

    @property
    def end(self) -> int:
        """The last month of the campaign."""
        return self.eras[-1].end

    def era_at(self, month: int) -> Era:
        """The era containing the month (the last era past the end)."""
        for era in self.eras:
            if era.start <= month <= era.end:
                return era
        return self.eras[-1]
