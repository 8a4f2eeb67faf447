"""What a constraint counts in one finished game, and whether its expectation is sound.

Measures read the final state. "By a date" questions (a flag set by 1955-12, a character
dead by 1939-01) are answered from the game's history: every effect happens while a card
resolves, and each resolution is a ``Record`` with its date, the option taken and the
outcome rolled. Walking the records against the effects the content declares for that
option and outcome gives the exact month each flag was first set and each status change
happened, with no bookkeeping during play (so the play loop stays fast).

Conventions (docs/CALIBRATION.md):
- ``flag`` with ``by``: the flag was set at some point on or before the month ``by``;
  without ``by``: the flag is set when the game ends.
- ``character``/``status`` with ``by``: the character had one of the statuses at some point
  on or before ``by``; without ``by``: at the end of the game. The campaign's player also
  counts as ``dead`` from the month the game ends in an ending of kind ``death``.
- ``meter``/``between``: the meter's final value lies in [low, high].
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from game.core.dates import parse_month
from game.core.model import Campaign, Constraint, Start
from game.core.state import STATUSES, GameState

MeasureFn = Callable[[GameState], bool]
EffectKey = tuple[str, str, int]  # card, option id, outcome index (-1: the option's own effects)


class ConstraintError(ValueError):
    """A constraint that cannot be measured or whose expectation is impossible."""


@attrs.frozen
class Expectation:
    """The allowed range of a rate: [low, high] within [0, 1]."""

    low: float
    high: float
    text: str

    def contains(self, rate: float) -> bool:
        """Whether a rate satisfies the expectation."""
        return self.low <= rate <= self.high


def expectation(expect: Mapping[str, Any]) -> Expectation:
    """Read ``between``/``at_least``/``at_most``; raise ConstraintError when impossible."""
    keys = [k for k in ("between", "at_least", "at_most") if k in expect]
    if len(keys) != 1:
        raise ConstraintError("expect needs exactly one of between, at_least, at_most")
    key = keys[0]
    value = expect[key]
    if key == "between":
        if not isinstance(value, (list, tuple)) or len(value) != 2:
            raise ConstraintError(f"expect.between needs [low, high], got {value!r}")
        low, high = (float(v) for v in value)
        text = f"between {low:g} and {high:g}"
    elif key == "at_least":
        low, high = float(value), 1.0
        text = f"at least {low:g}"
    else:
        low, high = 0.0, float(value)
        text = f"at most {high:g}"
    if not (0.0 <= low <= 1.0 and 0.0 <= high <= 1.0):
        raise ConstraintError(f"expect {key} {value!r} is not a rate within [0, 1]")
    if low > high:
        raise ConstraintError(f"expect.between [{low:g}, {high:g}] is impossible: low > high")
    return Expectation(low, high, text)


def _effect_table(campaign: Campaign) -> dict[EffectKey, tuple[Mapping[str, Any], ...]]:
    """Declared effects by (card, option, outcome index), for history walks."""
    table: dict[EffectKey, tuple[Mapping[str, Any], ...]] = {}
    for card in campaign.cards.values():
        for option in card.options:
            oid = "" if card.kind == "world" else option.id
            if option.effects_data:
                table[(card.id, oid, -1)] = tuple(option.effects_data)
            for i, outcome in enumerate(option.outcomes):
                if outcome.effects_data:
                    table[(card.id, oid, i)] = tuple(outcome.effects_data)
    return table


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


@attrs.frozen
class Traces:
    """What each effect group sets: flags, and status changes as (character, status)."""

    flags: dict[EffectKey, tuple[str, ...]]
    statuses: dict[EffectKey, tuple[tuple[str, str], ...]]


def traces(campaign: Campaign) -> Traces:
    """The flags and status changes of every effect group of the campaign, by (card, option,
    outcome index): what a walk of a game's history needs to date each of them exactly."""
    table = _effect_table(campaign)
    flags: dict[EffectKey, tuple[str, ...]] = {}
    statuses: dict[EffectKey, tuple[tuple[str, str], ...]] = {}
    for key, effects in table.items():
        set_ = tuple(str(f) for e in effects if "set_flag" in e for f in _as_list(e["set_flag"]))
        moved = tuple(
            (str(e["status"]["character"]), str(e["status"]["to"]))
            for e in effects
            if "status" in e and isinstance(e["status"], Mapping)
        )
        if set_:
            flags[key] = set_
        if moved:
            statuses[key] = moved
    return Traces(flags, statuses)


def _touching(
    table: Mapping[EffectKey, Iterable[Mapping[str, Any]]], match: Callable[[Mapping[str, Any]], Any]
) -> dict[EffectKey, list[Any]]:
    """The keys whose effects match, with what each matching effect yields, in order."""
    found: dict[EffectKey, list[Any]] = {}
    for key, effects in table.items():
        hits = [m for m in (match(e) for e in effects) if m is not None]
        if hits:
            found[key] = hits
    return found


def _keys_of(state: GameState) -> Iterable[tuple[int, EffectKey]]:
    """(date, key) of every effect group that ran, in order."""
    for rec in state.history:
        yield rec.date, (rec.card, rec.option, -1)
        if rec.roll is not None and rec.roll.outcome >= 0:
            yield rec.date, (rec.card, rec.option, rec.roll.outcome)


def _start_of(campaign: Campaign, start: str) -> Start | None:
    return campaign.get_start(start) if campaign.starts else None


def flag_measure(campaign: Campaign, flag: str, by: int | None, start: str = "") -> MeasureFn:
    """The flag is set at the end (no ``by``), or was first set on or before ``by`` (a flag
    the start sets counts from the first month)."""
    if by is None:
        return lambda s: flag in s.flags
    begin = _start_of(campaign, start)
    if begin is not None and flag in begin.flags:
        return lambda s: begin.date <= by
    setters = _touching(
        _effect_table(campaign), lambda e: True if "set_flag" in e and flag in _as_list(e["set_flag"]) else None
    )

    def measure(state: GameState) -> bool:
        for date, key in _keys_of(state):
            if date > by:
                return False
            if key in setters:
                return True
        return False

    return measure


def status_measure(campaign: Campaign, who: str, statuses: Iterable[str], by: int | None, start: str = "") -> MeasureFn:
    """The character has one of the statuses at the end, or had one at some point by ``by``."""
    wanted = frozenset(statuses)
    deaths = (
        frozenset(e.id for e in campaign.endings.values() if e.kind == "death")
        if who == campaign.player
        else frozenset()
    )
    dies = "dead" in wanted and bool(deaths)

    def ending_counts(state: GameState) -> bool:
        return dies and state.ending in deaths

    if by is None:
        return lambda s: s.characters[who].status in wanted or ending_counts(s)
    begin = _start_of(campaign, start)
    first = (begin.cast if begin is not None else campaign.cast).get(who, "free")
    changes = _touching(
        _effect_table(campaign),
        lambda e: e["status"]["to"] if "status" in e and e["status"].get("character") == who else None,
    )

    def measure(state: GameState) -> bool:
        if first in wanted:
            return True
        for date, key in _keys_of(state):
            if date > by:
                return False
            for to in changes.get(key, ()):
                if to in wanted:
                    return True
        # The game ended on or before ``by`` (no record later than it): a death ending counts.
        return state.date <= by and ending_counts(state)

    return measure


def compile_measure(campaign: Campaign, measure: Mapping[str, Any], start: str = "") -> MeasureFn:
    """A predicate on a finished game's state; ConstraintError when it cannot be measured."""
    by = parse_month(str(measure["by"])) if "by" in measure else None
    if "ending_in" in measure:
        endings = frozenset(str(e) for e in _as_list(measure["ending_in"]))
        unknown = sorted(endings - set(campaign.endings))
        if unknown:
            raise ConstraintError(f"unknown ending {', '.join(unknown)} in campaign {campaign.id}")
        return lambda s: s.ending in endings
    if "flag" in measure:
        return flag_measure(campaign, str(measure["flag"]), by, start)
    if "character" in measure:
        who = str(measure["character"])
        if who not in campaign.cast:
            raise ConstraintError(f"character {who} is not in the cast of campaign {campaign.id}")
        statuses = [str(x) for x in _as_list(measure.get("status", ()))]
        bad = [x for x in statuses if x not in STATUSES]
        if not statuses or bad:
            raise ConstraintError(f"measure needs `status` among {', '.join(STATUSES)}")
        return status_measure(campaign, who, statuses, by, start)
    if "meter" in measure:
        name = str(measure["meter"])
        if name not in campaign.meters:
            raise ConstraintError(f"unknown meter {name} in campaign {campaign.id}")
        between = measure.get("between")
        if not isinstance(between, (list, tuple)) or len(between) != 2 or between[0] > between[1]:
            raise ConstraintError("measure `meter` needs `between: [low, high]` with low <= high")
        lo, hi = float(between[0]), float(between[1])
        return lambda s: lo <= s.meters[name] <= hi
    raise ConstraintError("measure needs one of ending_in, flag, character, meter")


def describe_measure(measure: Mapping[str, Any]) -> str:
    """A reader's line for a measure."""
    by = f" by {measure['by']}" if "by" in measure else ""
    if "ending_in" in measure:
        return "ending in " + ", ".join(_as_list(measure["ending_in"]))
    if "flag" in measure:
        return f"flag {measure['flag']} set{by or ' at the end'}"
    if "character" in measure:
        return f"{measure['character']} {' or '.join(_as_list(measure['status']))}{by or ' at the end'}"
    lo, hi = measure["between"]
    return f"{measure['meter']} within [{lo}, {hi}] at the end"


@attrs.frozen
class CompiledConstraint:
    """A constraint ready to be counted: its measure, its condition and its expectation."""

    constraint: Constraint
    measure: MeasureFn
    expect: Expectation

    @property
    def id(self) -> str:
        """The constraint's id."""
        return self.constraint.id

    def count(self, state: GameState) -> tuple[bool, bool]:
        """(whether the game counts under ``given``, whether the measure holds)."""
        given = self.constraint.given
        if given is not None and not given(state):
            return False, False
        return True, self.measure(state)


def compile_constraint(campaign: Campaign, constraint: Constraint, policies: Iterable[str]) -> CompiledConstraint:
    """Compile one constraint; ConstraintError (naming it) when it is unmeasurable or impossible."""
    try:
        if constraint.policy not in set(policies):
            raise ConstraintError(f"unknown policy {constraint.policy!r}")
        return CompiledConstraint(
            constraint, compile_measure(campaign, constraint.measure, constraint.start), expectation(constraint.expect)
        )
    except (ConstraintError, KeyError, ValueError, TypeError) as exc:
        raise ConstraintError(f"constraint {constraint.id} of campaign {campaign.id}: {exc}") from None
