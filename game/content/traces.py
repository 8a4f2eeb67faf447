"""Which flags and meters a campaign's content reads and writes: every choice must leave a trace.

A flag that is set and never read is a choice with no consequence; a meter read in fewer than
a few places barely counts. This walks a campaign's plain data (cards, endings with their
fragments, starts, goals, constraints) through the operation registry, so a new operation is
covered without touching this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from game.core import ops


@attrs.define
class Traces:
    """Flags set and read, meters read (with a count each), by a campaign's content."""

    flags_set: dict[str, int] = attrs.Factory(dict)
    flags_read: dict[str, int] = attrs.Factory(dict)
    meters_read: dict[str, int] = attrs.Factory(dict)

    def unread_flags(self) -> list[str]:
        """Flags some effect sets that no condition, ending or constraint ever reads."""
        return sorted(f for f in self.flags_set if f not in self.flags_read)


def _bump(table: dict[str, int], name: str) -> None:
    table[name] = table.get(name, 0) + 1


def _condition(data: Any, into: Traces) -> None:
    if not isinstance(data, Mapping):
        return
    head = next((k for k in data if k in ops.CONDITIONS), None)
    if head is None:
        return
    value = data[head]
    if head in ("all", "any"):
        for part in value:
            _condition(part, into)
    elif head == "not":
        _condition(value, into)
    elif head == "flag":
        _bump(into.flags_read, str(value))
    elif head == "meter":
        _bump(into.meters_read, str(value))


def _effects(items: Iterable[Any], into: Traces) -> None:
    for effect in items or ():
        if not isinstance(effect, Mapping):
            continue
        for key in ("set_flag",):
            if key in effect:
                names = effect[key] if isinstance(effect[key], list) else [effect[key]]
                for name in names:
                    _bump(into.flags_set, str(name))


def _modifiers(items: Iterable[Any], into: Traces) -> None:
    for m in items or ():
        _condition(m.get("if"), into)


def _chance_parts(outcomes: Iterable[Any], into: Traces) -> None:
    for out in outcomes or ():
        chance = out.get("chance") or {}
        _modifiers(chance.get("modifiers", ()), into)
        _effects(out.get("effects", ()), into)


def card_traces(card: Mapping[str, Any], into: Traces) -> None:
    """Add one card's reads and writes."""
    _condition(card.get("when"), into)
    weight = card.get("weight")
    if isinstance(weight, Mapping):
        _modifiers(weight.get("modifiers", ()), into)
    _effects(card.get("effects", ()), into)
    _chance_parts(card.get("outcomes", ()), into)
    for option in card.get("options", ()) or ():
        _condition(option.get("requires"), into)
        _effects(option.get("effects", ()), into)
        _chance_parts(option.get("outcomes", ()), into)


def campaign_traces(campaign: Mapping[str, Any], cards: Iterable[Mapping[str, Any]]) -> Traces:
    """The reads and writes of a campaign's plain data and its cards."""
    into = Traces()
    for card in cards:
        card_traces(card, into)
    for ending in campaign.get("endings", ()):
        _condition(ending.get("when"), into)
        for fragment in ending.get("fragments", ()):
            _condition(fragment.get("when"), into)
    constraints = list(campaign.get("constraints", ()))
    goals = [campaign.get("goal")]
    for start in campaign.get("starts", ()):
        for flag in start.get("flags", ()):
            _bump(into.flags_set, str(flag))
        constraints.extend(start.get("constraints", ()))
        goals.append(start.get("goal"))
    for con in constraints:
        _condition(con.get("given"), into)
        measure = con.get("measure", {})
        if "flag" in measure:
            _bump(into.flags_read, str(measure["flag"]))
        if "meter" in measure:
            _bump(into.meters_read, str(measure["meter"]))
    for goal in goals:
        if not goal:
            continue
        for term in goal.get("terms", ()):
            _condition(term.get("if"), into)
    lie = campaign.get("lie_low") or {}
    _effects(lie.get("effects", ()), into)
    return into
