"""Why a card does or does not come up, in words: for ``divergence explain`` and the debug consoles.

Given an engine (a game's state) and a card, lists whether the card is eligible now and every
reason it is not, its draw weight with each modifier (and whether it applies now), each
option's availability and each outcome's chance with its modifiers and its source, and which
mods changed the card. Pure: it reads the engine and returns lines.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from game.core.dates import format_month
from game.core.engine import Engine
from game.core.model import Card, Chance, Modifier
from game.core.ops import Env, describe_condition, describe_window


def _env(engine: Engine) -> Env:
    return Env({}, {m.id: m.label for m in engine.campaign.meters.values()})


def _cond(data: Mapping[str, Any] | None, env: Env) -> str:
    if not data:
        return "always"
    try:
        return describe_condition(data, env)
    except (KeyError, TypeError, ValueError):
        return str(dict(data))


def _modifier(m: Modifier, engine: Engine, env: Env) -> str:
    holds = m.condition(engine.state)
    change = []
    if m.add:
        change.append(f"{m.add:+g}")
    if m.mul != 1.0:
        change.append(f"x{m.mul:g}")
    mark = "applies now" if holds else "does not apply now"
    return f"{' '.join(change) or '+0'} if {_cond(m.data.get('if'), env)} ({mark})"


def _chance_lines(chance: Chance, engine: Engine, env: Env, indent: str) -> list[str]:
    lines = [f"{indent}base {chance.base:g}; source: {chance.source or '(none given)'}"]
    lines += [f"{indent}  {_modifier(m, engine, env)}" for m in chance.modifiers]
    lines.append(f"{indent}= {chance.value(engine.state):.0%} now")
    return lines


def explain(engine: Engine, card_id: str) -> list[str]:
    """Lines that explain a card in the engine's current state."""
    campaign = engine.campaign
    card: Card | None = campaign.cards.get(card_id)
    if card is None:
        return [f"no card {card_id!r} in campaign {campaign.id!r}"]
    env = _env(engine)
    s = engine.state
    o = card.origin
    lines = [f"{card.id} ({card.kind}): {card.title}", f"  defined at {o.path}:{o.line}:{o.column} ({o.mod})"]
    lines.append(f"  now: {format_month(s.date)}, turn {s.turn}")
    reasons = engine.explain(card)
    if reasons:
        lines.append("  not eligible now:")
        lines += [f"    - {r}" for r in reasons]
    else:
        lines.append("  eligible now")
    lines.append(f"  dated {describe_window(card.lo, card.hi)}; when: {_cond(card.condition_data, env)}")
    lines.append(f"  weight: base {card.weight.base:g}")
    lines += [f"    {_modifier(m, engine, env)}" for m in card.weight.modifiers]
    lines.append(f"    = {card.weight.value(s):g} now")
    for opt in card.options:
        available = opt.requires is None or opt.requires(s)
        head = f"  option {opt.id}: {opt.text}" if card.kind != "world" else "  what happens:"
        if opt.requires is not None:
            head += f" [requires {opt.requires_text or 'a condition'}: {'holds' if available else 'does not hold'}]"
        lines.append(head)
        left = 1.0
        for i, out in enumerate(opt.outcomes):
            if out.chance is None:
                lines.append(f"    outcome {i} (otherwise): {max(left, 0.0):.0%} now: {out.text}")
                continue
            p = out.chance.value(s)
            taken = min(p, max(left, 0.0))
            lines.append(f"    outcome {i}: {out.text}")
            lines += _chance_lines(out.chance, engine, env, "      ")
            if taken < p:
                lines.append(
                    f"      (only {taken:.0%} is left for it after the outcomes before: the chances sum past 1)"
                )
            left -= taken
    if card.changes:
        lines.append("  changed by mods:")
        lines += [f"    - {c}" for c in card.changes]
    else:
        lines.append("  changed by mods: none")
    return lines
