"""Static checks modders need, run once everything is read and linked.

All are warnings except a flag set but never read, which is a note (shown by `validate`, not
failing `--strict`): shipped content sets some flags only to mark the story for the chronicle.

- a flag set but never read (in any condition, modifier, constraint or ending);
- a meter condition that can never hold because it lies outside the meter's bounds, on an
  option's ``requires`` (the option is dead) or a card's ``when`` (the card is dead);
- a flag an option ``requires`` that its campaign's ``flags:`` does not describe (the player
  would read a sentence made from its id);
- an ending that nothing leads to (no ``when``, not the default, no card ends in it);
- explicit outcome chances whose bases sum past 1 (the later branches are cut short);
- an option with neither effects nor outcomes (choosing it leaves no trace in the game).

The "read but never set" check and the "dated outside the campaign" check live in the loader.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from game.content.diagnostics import Diagnostic
from game.content.validate import Reference

Mark = tuple[int, int]


def _mark(value: Any, default: Mark) -> Mark:
    return getattr(value, "mark", default)


def _warn(path: str, mark: Mark, message: str, field: str, severity: str = "warning") -> Diagnostic:
    return Diagnostic(path, mark[0], mark[1], severity, message, field)


def _items(values: Any) -> Iterator[tuple[int, Mapping[str, Any]]]:
    """The (index, mapping) items of a list in content (anything else in it is skipped)."""
    for i, item in enumerate(values if isinstance(values, list) else ()):
        if isinstance(item, Mapping):
            yield i, item


def _first_flag_uses(refs: Iterable[Reference], keep: Callable[[Reference], bool]) -> list[Reference]:
    """The first place each (campaign, flag) is used in a way ``keep`` accepts, in file order."""
    found: dict[tuple[str, str], Reference] = {}
    for r in refs:
        if r.kind == "flag" and keep(r):
            found.setdefault((r.scope, r.name), r)
    return sorted(found.values(), key=lambda r: (r.path, r.mark))


def unread_flags(references: Iterable[Reference]) -> list[Diagnostic]:
    """A note at the first place each flag is set when nothing in its campaign reads it."""
    refs = list(references)
    read = {(r.scope, r.name) for r in refs if r.kind == "flag" and r.role == "read"}
    return [
        _warn(
            r.path,
            r.mark,
            f"flag '{r.name}' is set but never read in campaign '{r.scope}' (no condition, modifier, ending or "
            "constraint looks at it); read it somewhere, or leave it out",
            r.field,
            "note",
        )
        for r in _first_flag_uses(refs, lambda r: r.role == "write" and (r.scope, r.name) not in read)
    ]


def undescribed_flags(references: Iterable[Reference], described: Mapping[str, Iterable[str]]) -> list[Diagnostic]:
    """A warning at the first place each flag is read in an option's ``requires`` when its
    campaign's ``flags:`` does not describe it: the player would read a made-up sentence from
    the flag's id instead of the designer's words."""
    known = {scope: set(names) for scope, names in described.items()}
    return [
        _warn(
            r.path,
            r.mark,
            f"flag '{r.name}' is needed by an option but has no description in campaign '{r.scope}', so the "
            f'player reads a sentence made from its id; describe it in the campaign\'s flags: ({r.name}: {{set: "..."}})',
            r.field,
        )
        for r in _first_flag_uses(
            references,
            lambda r: r.role == "read" and ".requires" in f".{r.field}" and r.name not in known.get(r.scope, ()),
        )
    ]


def _never(cond: Any, meters: Mapping[str, Any]) -> str:
    """Why a condition can never hold (its meter parts, in all: lists), or ''."""
    if not isinstance(cond, Mapping):
        return ""
    if "all" in cond and isinstance(cond["all"], list):
        for part in cond["all"]:
            why = _never(part, meters)
            if why:
                return why
        return ""
    name = cond.get("meter")
    meter = meters.get(name) if isinstance(name, str) else None
    if not isinstance(meter, Mapping):
        return ""
    lo, hi = meter.get("min", 0), meter.get("max", 100)
    tests: dict[str, Callable[[float], bool]] = {
        "gte": lambda v: v > hi,
        "gt": lambda v: v >= hi,
        "lte": lambda v: v < lo,
        "lt": lambda v: v <= lo,
        "eq": lambda v: not lo <= v <= hi,
    }
    for key, impossible in tests.items():
        value = cond.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and impossible(value):
            return f"meter '{name}' stays within [{lo}, {hi}], so {key} {value} never holds"
    return ""


def dead_conditions(path: str, card: Mapping[str, Any], meters: Mapping[str, Any]) -> list[Diagnostic]:
    """Warnings for a card whose ``when``, or an option whose ``requires``, can never hold."""
    out = []
    card_mark = _mark(card, (1, 1))
    why = _never(card.get("when"), meters)
    if why:
        out.append(_warn(path, _mark(card.get("when"), card_mark), f"this card can never be drawn: {why}", "when"))
    for i, opt in _items(card.get("options")):
        why = _never(opt.get("requires"), meters)
        if why:
            mark = _mark(opt.get("requires"), _mark(opt, card_mark))
            message = f"option '{opt.get('id')}' can never be chosen: {why}"
            out.append(_warn(path, mark, message, f"options[{i}].requires"))
    return out


def unreachable_endings(path: str, campaign: Mapping[str, Any], references: Iterable[Reference]) -> list[Diagnostic]:
    """Endings with no ``when`` that are not the default and that no effect ends the game in."""
    cid = campaign.get("id")
    named = {r.name for r in references if r.kind == "ending" and r.scope == cid and r.field.endswith(".end")}
    out = []
    for i, ending in _items(campaign.get("endings")):
        eid = ending.get("id")
        if "when" in ending or eid == campaign.get("default_ending") or eid in named:
            continue
        message = (
            f"nothing leads to the ending '{eid}': it has no `when`, is not the default_ending, and no card "
            "has the effect {end: " + str(eid) + "}"
        )
        out.append(_warn(path, _mark(ending, (1, 1)), message, f"campaign.endings[{i}]"))
    return out


def chance_sums(path: str, card: Mapping[str, Any]) -> list[Diagnostic]:
    """Warnings where the explicit chances of one list of outcomes sum past 1."""
    lists = []
    if isinstance(card.get("outcomes"), list):
        lists.append(("outcomes", card["outcomes"], card))
    lists += [
        (f"options[{i}].outcomes", opt["outcomes"], opt)
        for i, opt in _items(card.get("options"))
        if isinstance(opt.get("outcomes"), list)
    ]
    out = []
    for field, outcomes, owner in lists:
        bases = [
            o["chance"]["base"]
            for _, o in _items(outcomes)
            if isinstance(o.get("chance"), Mapping) and isinstance(o["chance"].get("base"), (int, float))
        ]
        if sum(bases) > 1 + 1e-9:
            message = (
                f"the chances of these outcomes sum to {sum(bases):g}, past 1: branches are rolled in order, so "
                "the later ones happen less often than written; make them sum to 1 or less"
            )
            out.append(_warn(path, _mark(outcomes, _mark(owner, (1, 1))), message, field))
    return out


def traceless_options(path: str, card: Mapping[str, Any], files: Mapping[str, str] | None = None) -> list[Diagnostic]:
    """Warnings for options that change nothing: no ``effects`` and no ``outcomes``.

    Such a choice reads as a decision but leaves the game exactly as the other options of the
    card would without their effects; every shipped option has one or the other. ``files``
    names the file of an option a patch wrote (its marks are in that file, not the card's)."""
    out = []
    card_mark = _mark(card, (1, 1))
    for i, opt in _items(card.get("options")):
        if opt.get("effects") or opt.get("outcomes"):
            continue
        message = (
            f"option '{opt.get('id')}' has no effects and no outcomes, so choosing it leaves no trace in the game; "
            "give it an effect (a meter, a flag, a character's status) so the choice matters"
        )
        here = (files or {}).get(str(opt.get("id")), path)
        out.append(_warn(here, _mark(opt, card_mark), message, f"options[{i}]"))
    return out
