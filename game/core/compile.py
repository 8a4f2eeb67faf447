"""Build compiled campaigns from validated plain data.

The content layer checks shape and references and hands over plain dicts; this module turns
them into the frozen objects of ``game.core.model`` with their conditions and effects
compiled to closures, and indexes the cards.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from sys import intern
from typing import Any

from game.core import ops
from game.core.dates import STEPS, parse_month
from game.core.index import CardIndex
from game.core.model import (
    Campaign,
    Card,
    Chance,
    Character,
    Constraint,
    Ending,
    Era,
    Fragment,
    Goal,
    GoalTerm,
    Meter,
    Milestone,
    Modifier,
    Option,
    Origin,
    Outcome,
    Start,
    Weight,
)

RULE_FIELDS = ("id", "kind", "actor", "campaign", "when", "weight", "once", "options", "effects", "outcomes")
TEXT_FIELDS = ("text", "title", "result", "history", "sources", "date_label")


def rules_hash(card: Mapping[str, Any]) -> str:
    """A short hash of what a card does, ignoring its prose: editing text changes nothing.

    Saves record it, so its value is fixed: blake2b of ``reference_rules_text``. It is
    computed by ``_rules_text``, which gives the very same text with less work."""
    return hashlib.blake2b(_rules_text(card).encode(), digest_size=8).hexdigest()


def reference_rules_text(card: Mapping[str, Any]) -> str:
    """The text a card's rules hash is taken of, by definition: the card less every prose
    field (``TEXT_FIELDS``) at any depth, as canonical JSON (sorted keys, no spaces)."""
    return _canonical(_strip_text(card))


# A prose field's key as it appears in canonical JSON. A key is the only JSON string that a
# colon follows, and a quote inside a string is escaped, so the text holds one of these
# exactly when some mapping in it has that key (or, harmlessly, a key with a quote in it).
_TEXT_KEY = re.compile("|".join(re.escape(json.dumps(k) + ":") for k in TEXT_FIELDS))


def _rules_text(card: Mapping[str, Any]) -> str:
    """``reference_rules_text(card)``, cheaply. Prose sits at the top of a card, in its options
    and in their outcomes; only those mappings are copied less their prose keys, and the rest
    (conditions, effects, weights: most of a card) goes to the C JSON encoder as it is. The
    text is the reference's when no prose key is left anywhere in it and the encoder met
    nothing but dicts, lists, tuples and JSON scalars (a tuple's mappings are kept whole by
    both, so a prose key in one is found and sent to the reference); otherwise, or on any
    error, the reference is computed."""
    if isinstance(card, dict):
        try:
            text = json.dumps(_prose_less(card), sort_keys=True, separators=(",", ":"), default=_not_plain)
        except Exception:  # anything unusual: the reference decides, or raises
            text = None
        if text is not None and _TEXT_KEY.search(text) is None:
            return text
    return reference_rules_text(card)


def _not_plain(value: Any) -> Any:
    raise TypeError("not plain data: the reference path strips it")


def _prose_less(data: dict[Any, Any]) -> dict[Any, Any]:
    """A card less its prose keys, and so its options and outcomes (the other values as they are)."""
    out = {}
    text = _TEXT_FIELDS
    for k, v in data.items():
        if k in text:
            continue
        if (k == "options" or k == "outcomes") and isinstance(v, list):
            v = [_prose_less(item) if isinstance(item, dict) else item for item in v]
        out[k] = v
    return out


def _strip_text(value: Any) -> Any:
    # Concrete types first: content values are dicts, lists and scalars, and an isinstance
    # check against the Mapping ABC is slow enough to matter over every value of every card.
    if isinstance(value, dict):
        return {k: _strip_text(v) for k, v in value.items() if k not in _TEXT_FIELDS or k == "id"}
    if isinstance(value, list):
        return [_strip_text(v) for v in value]
    if isinstance(value, (str, int, float)) or value is None:
        return value
    if isinstance(value, Mapping):
        return {k: _strip_text(v) for k, v in value.items() if k not in _TEXT_FIELDS or k == "id"}
    return value


_TEXT_FIELDS = frozenset(TEXT_FIELDS)


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


def _modifiers(items: Sequence[Mapping[str, Any]], env: ops.Env) -> tuple[Modifier, ...]:
    return tuple(
        Modifier(
            ops.compile_condition(m["if"], env),
            float(m.get("add", 0.0)),
            float(m.get("mul", 1.0)),
            m,
        )
        for m in items
    )


def compile_weight(data: Any, env: ops.Env) -> Weight:
    """A weight is a number or ``{base, modifiers}``."""
    if isinstance(data, Mapping):
        return Weight(float(data["base"]), _modifiers(data.get("modifiers", ()), env))
    return Weight(float(data))


def _outcomes(items: Sequence[Mapping[str, Any]], env: ops.Env) -> tuple[Outcome, ...]:
    result = []
    for item in items:
        chance = None
        if "chance" in item:
            c = item["chance"]
            chance = Chance(float(c["base"]), str(c.get("source", "")), _modifiers(c.get("modifiers", ()), env))
        effects = list(item.get("effects", ()))
        result.append(Outcome(chance, item.get("text", ""), ops.compile_effects(effects, env), tuple(effects)))
    return tuple(result)


def _option(data: Mapping[str, Any], env: ops.Env) -> Option:
    requires = data.get("requires")
    effects = list(data.get("effects", ()))
    return Option(
        id=data["id"],
        text=data.get("text", ""),
        effects=ops.compile_effects(effects, env),
        outcomes=_outcomes(data.get("outcomes", ()), env),
        requires=ops.compile_condition(requires, env) if requires else None,
        requires_text=ops.describe_condition(requires, env) if requires else "",
        stance=data.get("stance", "neutral"),
        historical=bool(data.get("historical", False)),
        result=data.get("result", ""),
        effects_data=tuple(effects),
    )


def compile_card(
    data: Mapping[str, Any],
    env: ops.Env,
    origin: Origin,
    fingerprint: str | None = None,
    window: tuple[int, int, Mapping[str, Any] | None] | None = None,
) -> Card:
    """Compile one validated card (``fingerprint``: its ``rules_hash``, when already known;
    ``window``: its ``ops.date_window``, when already computed)."""
    kind = data["kind"]
    lo, hi, rest = ops.date_window(data.get("when")) if window is None else window
    if kind == "world":
        options: tuple[Option, ...] = (
            _option({"id": "fire", "effects": data.get("effects", ()), "outcomes": data.get("outcomes", ())}, env),
        )
    else:
        options = tuple(_option(o, env) for o in data["options"])
    free_option = kind == "world" or any(o.requires is None for o in options)
    needs = ops.required_flags(rest)
    bars = ops.barring_flags(rest)
    if not free_option:  # every option has a requirement: one must hold for the card to be shown
        needs |= frozenset.intersection(*(ops.required_flags(o["requires"]) for o in data["options"]))
        bars |= frozenset.intersection(*(ops.barring_flags(o["requires"]) for o in data["options"]))
    gated = ops.without_flags(rest, needs, bars)
    return Card(
        id=intern(data["id"]),
        kind=kind,
        actor=data.get("actor", ""),
        campaign=data["campaign"],
        title=data.get("title", data["id"]),
        text=data.get("text", ""),
        options=options,
        weight=compile_weight(data.get("weight", 10), env),
        lo=lo,
        hi=hi,
        condition=ops.compile_condition(rest, env) if rest else None,
        condition_data=rest,
        once=bool(data.get("once", kind != "action")),
        history=data.get("history", ""),
        sources=tuple(data.get("sources", ())),
        date_label=data.get("date_label", ""),
        origin=origin,
        fingerprint=rules_hash(data) if fingerprint is None else fingerprint,
        free_option=free_option,
        needs=needs,
        bars=bars,
        gated=ops.compile_condition(gated, env) if gated else None,
    )


def campaign_env(data: Mapping[str, Any], titles: Mapping[str, str] | None = None) -> ops.Env:
    """The compile environment of a campaign: its meters' bounds and labels."""
    meters = data.get("meters", {})
    flags = data.get("flags") or {}
    return ops.Env(
        meters={k: (int(m.get("min", 0)), int(m.get("max", 100))) for k, m in meters.items()},
        labels={k: m.get("label", k) for k, m in meters.items()},
        titles=titles or {},
        flags={k: (str(f.get("set", "")), str(f.get("clear", ""))) for k, f in flags.items()},
        player=str(data.get("player", "")),
    )


def compile_campaign(
    data: Mapping[str, Any],
    cards: Sequence[tuple[Mapping[str, Any], Origin]],
    origin: Origin | None = None,
    fingerprints: Mapping[str, str] | None = None,
) -> Campaign:
    """Compile a validated campaign with its cards (those whose ``campaign`` is its id);
    ``fingerprints`` gives cards' ``rules_hash`` already known (a cached start), by card id."""
    cid = data["id"]
    titles = {c["id"]: c.get("title", c["id"]) for c, _ in cards}
    env = campaign_env(data, titles)
    lie_low_id = f"{cid}.lie_low"
    lie = dict(data.get("lie_low") or {})
    lie_card = {
        "id": lie_low_id,
        "kind": "action",
        "campaign": cid,
        "actor": data["player"],
        "title": lie.get("title", lie.get("text", "Lie low")),
        "text": lie.get("description", ""),
        "once": False,
        "options": [
            {
                "id": "lie_low",
                "text": lie.get("text", "Lie low"),
                "stance": "cautious",
                "effects": lie.get("effects", []),
            }
        ],
    }
    compiled: dict[str, Card] = {}
    # Compile in date order: cards live in the same month are then allocated side by side,
    # which keeps a turn's working set compact in memory however many cards a mod adds.
    windows = [(ops.date_window(card.get("when")), card, origin) for card, origin in cards]
    windows.sort(key=lambda item: (item[0][:2], item[1]["id"]))
    known = fingerprints or {}
    built = {card["id"]: compile_card(card, env, origin, known.get(card["id"]), w) for w, card, origin in windows}
    for card_data, _ in sorted(cards, key=lambda item: item[0]["id"]):
        compiled[card_data["id"]] = built[card_data["id"]]
    compiled[lie_low_id] = compile_card(lie_card, env, origin or Origin())
    eras = tuple(
        Era(parse_month(e["from"]), parse_month(e["to"]), STEPS[e.get("step", "month")], e.get("name", ""))
        for e in data["eras"]
    )
    per_turn = data.get("events_per_turn", {0: 0.3, 1: 0.6, 2: 0.1})
    top = max(int(k) for k in per_turn)
    events = tuple(float(per_turn.get(k, per_turn.get(str(k), 0.0))) for k in range(top + 1))
    endings = {
        e["id"]: Ending(
            e["id"],
            e.get("title", e["id"]),
            e.get("kind", "survival"),
            e.get("text", ""),
            e.get("history", ""),
            ops.compile_condition(e["when"], env) if e.get("when") else None,
            tuple(Fragment(ops.compile_condition(f["when"], env), f["text"]) for f in e.get("fragments", ())),
            ops.required_flags(e.get("when")),
        )
        for e in data["endings"]
    }
    meter_starts = {k: int(m["start"]) for k, m in data["meters"].items()}
    cast = {intern(k): (v or {}).get("status", "free") for k, v in data.get("cast", {}).items()}
    starts = tuple(
        _start(st, data, meter_starts, cast, env)
        for st in data.get("starts")
        or [{"id": "", "title": data.get("title", cid), "date": data.get("start", data["eras"][0]["from"])}]
    )
    first = starts[0].id
    constraints = tuple(
        [_constraint(c, env, first) for c in data.get("constraints", ())]
        + [_constraint(c, env, st["id"]) for st in data.get("starts", ()) for c in st.get("constraints", ())]
    )
    campaign = Campaign(
        id=cid,
        title=data.get("title", cid),
        player=data["player"],
        intro=data.get("intro", ""),
        start=min(st.date for st in starts),
        eras=eras,
        meters={
            intern(k): Meter(
                intern(k),
                m.get("label", k),
                int(m.get("min", 0)),
                int(m.get("max", 100)),
                int(m["start"]),
                m.get("description", ""),
                m.get("good", "high"),
            )
            for k, m in data["meters"].items()
        },
        cast=cast,
        events_per_turn=events,
        hand_size=int(data.get("hand_size", 3)),
        lie_low=lie_low_id,
        default_ending=data["default_ending"],
        endings=endings,
        constraints=constraints,
        cards=compiled,
        world_max=int(data.get("world_per_turn", 3)),
        summary=data.get("summary", ""),
        origin=origin or Origin(),
        starts=starts,
        goal=compile_goal(data["goal"], env) if data.get("goal") else None,
        milestones=tuple(Milestone(m["id"], m["title"], m["measure"]) for m in data.get("milestones", ())),
        fingerprint=rules_hash(data),
    )
    campaign.index = CardIndex(compiled.values())
    return campaign


def _constraint(c: Mapping[str, Any], env: ops.Env, start: str) -> Constraint:
    return Constraint(
        c["id"],
        c.get("claim", ""),
        c.get("source", ""),
        c.get("policy", "random"),
        c["measure"],
        c["expect"],
        ops.compile_condition(c["given"], env) if c.get("given") else None,
        c.get("given"),
        start=start,
    )


def _start(
    st: Mapping[str, Any], data: Mapping[str, Any], meters: Mapping[str, int], cast: Mapping[str, str], env: ops.Env
) -> Start:
    """A start: its own date and prose, and the campaign's starting state with its changes."""
    changed = {k: (v or {}).get("status", "free") for k, v in st.get("cast", {}).items()}
    return Start(
        id=st["id"],
        title=st.get("title", st["id"]),
        date=parse_month(st["date"]),
        intro=st.get("intro", data.get("intro", "")),
        summary=st.get("summary", data.get("summary", "")),
        meters={k: int(st.get("meters", {}).get(k, v)) for k, v in meters.items()},
        flags=tuple(st.get("flags", ())),
        cast={k: changed.get(k, v) for k, v in cast.items()},
        goal=compile_goal(st["goal"], env) if st.get("goal") else None,
    )


def compile_goal(data: Mapping[str, Any], env: ops.Env) -> Goal:
    """A goal for the ``ambitious`` policy (see ``game.core.model.Goal``)."""
    return Goal(
        endings={k: float(v) for k, v in data.get("endings", {}).items()},
        terms=tuple(GoalTerm(ops.compile_condition(t["if"], env), float(t["value"])) for t in data.get("terms", ())),
        meters={k: float(v) for k, v in data.get("meters", {}).items()},
    )


def compile_character(data: Mapping[str, Any]) -> Character:
    """Compile one validated character."""
    born = data.get("born")
    return Character(
        data["id"],
        data.get("name", data["id"]),
        parse_month(born) if born else None,
        data.get("role", ""),
        data.get("bio", ""),
    )
