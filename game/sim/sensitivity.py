"""Which numbers carry the history: each sourced chance nudged by ±0.05 and each world card's
weight by ±20%, and how far that moves every ending and every constraint's measure.

The baseline and both nudged decks play the same seeds (common random numbers): the keyed
dice make game ``i`` roll the same values in all three, so a difference comes from the
nudge, not from another sample. The effect of a knob is (rate with +nudge − rate with
−nudge) / 2, per 0.05 of chance or 20% of weight. Blocks of seeds are pure tasks (campaign
reference, knob, sign, policy, seeds → integer counts), merged in order.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable
from typing import Any

import attrs

from game.core.engine import Engine
from game.core.index import CardIndex
from game.core.model import Campaign, Card
from game.sim.executors import ordered
from game.sim.forecast import play_on
from game.sim.measures import CompiledConstraint, compile_constraint
from game.sim.policies import POLICIES, get_policy
from game.sim.runner import CampaignRef, game_seed

CHANCE_STEP = 0.05
WEIGHT_FACTOR = 0.20
DEFAULT_RUNS = 200
BLOCK = 100


@attrs.frozen
class Knob:
    """One number of the content: an outcome's chance or a world card's weight."""

    kind: str  # chance | weight
    card: str
    option: int = 0  # index of the option (chance)
    outcome: int = 0  # index of the outcome (chance)
    base: float = 0.0
    source: str = ""
    label: str = ""

    @property
    def key(self) -> str:
        """A stable name: ``card#option#outcome`` for a chance, ``card#weight`` for a weight."""
        return f"{self.card}#weight" if self.kind == "weight" else f"{self.card}#{self.option}#{self.outcome}"


def knobs(campaign: Campaign) -> list[Knob]:
    """Every sourced chance and world weight of the campaign, in card order."""
    found = []
    for card in sorted(campaign.cards.values(), key=lambda c: c.id):
        if card.kind == "world" and card.weight.base > 0:
            sources = "; ".join(card.sources)
            found.append(Knob("weight", card.id, base=card.weight.base, source=sources, label=f"{card.title} (weight)"))
        for oi, option in enumerate(card.options):
            for ui, outcome in enumerate(option.outcomes):
                if outcome.chance is None:
                    continue
                what = card.title if card.kind == "world" else f"{card.title} / {option.text}"
                found.append(
                    Knob(
                        "chance",
                        card.id,
                        oi,
                        ui,
                        outcome.chance.base,
                        outcome.chance.source,
                        f"{what}: {outcome.text}",
                    )
                )
    return found


def _nudged_card(card: Card, knob: Knob, sign: int) -> Card:
    if knob.kind == "weight":
        f = 1.0 + sign * WEIGHT_FACTOR
        w = card.weight
        weight = attrs.evolve(w, base=w.base * f, modifiers=tuple(attrs.evolve(m, add=m.add * f) for m in w.modifiers))
        return attrs.evolve(card, weight=weight)
    option = card.options[knob.option]
    outcome = option.outcomes[knob.outcome]
    assert outcome.chance is not None
    chance = attrs.evolve(outcome.chance, base=outcome.chance.base + sign * CHANCE_STEP)
    outcomes = list(option.outcomes)
    outcomes[knob.outcome] = attrs.evolve(outcome, chance=chance)
    options = list(card.options)
    options[knob.option] = attrs.evolve(option, outcomes=tuple(outcomes))
    return attrs.evolve(card, options=tuple(options))


def nudged(campaign: Campaign, knob: Knob, sign: int) -> Campaign:
    """A copy of the campaign with one number moved up (sign 1) or down (-1)."""
    cards = dict(campaign.cards)
    cards[knob.card] = _nudged_card(cards[knob.card], knob, sign)
    copy = attrs.evolve(campaign, cards=cards)
    copy.index = CardIndex(cards.values())
    return copy


_DECKS: dict[tuple[int, str, int], Campaign] = {}


@attrs.define
class Rates:
    """Integer counts of one deck's games: endings, and each constraint's (counted, held)."""

    games: int = 0
    endings: dict[str, int] = attrs.Factory(dict)
    constraints: dict[str, list[int]] = attrs.Factory(dict)

    def merge(self, other: Rates) -> None:
        """Add another block."""
        self.games += other.games
        for k, v in other.endings.items():
            self.endings[k] = self.endings.get(k, 0) + v
        for k, (n, h) in other.constraints.items():
            mine = self.constraints.setdefault(k, [0, 0])
            mine[0] += n
            mine[1] += h


def sensitivity_block(
    ref: CampaignRef, knob: Knob | None, sign: int, policy: str, seed: int, start: int, stop: int
) -> Rates:
    """Play games ``start``..``stop - 1`` of one deck (the baseline when ``knob`` is None)."""
    base = ref.load()
    if knob is None:
        deck = base
    else:
        key = (id(base), knob.key, sign)
        deck = _DECKS.get(key) or _DECKS.setdefault(key, nudged(base, knob, sign))
    measured = _constraints(base, ref.start, policy)
    chosen = get_policy(policy)
    rates = Rates()
    for i in range(start, stop):
        engine = Engine(deck, game_seed(seed, i), start=ref.start, lean=True)
        play_on(engine, chosen)
        s = engine.state
        rates.games += 1
        rates.endings[s.ending] = rates.endings.get(s.ending, 0) + 1
        for c in measured:
            counted, held = c.count(s)
            pair = rates.constraints.setdefault(c.id, [0, 0])
            pair[0] += counted
            pair[1] += held
    return rates


_MEASURED: dict[tuple[int, str, str], list[CompiledConstraint]] = {}


def _constraints(campaign: Campaign, start: str, policy: str) -> list[CompiledConstraint]:
    """The start's constraints measured with this policy, compiled once per process."""
    key = (id(campaign), start, policy)
    found = _MEASURED.get(key)
    if found is None:
        chosen = campaign.constraints_for(start) if campaign.starts else campaign.constraints
        found = [compile_constraint(campaign, c, POLICIES) for c in chosen if c.policy == policy]
        _MEASURED[key] = found
    return found


@attrs.frozen
class Effect:
    """How one knob moves one measure: the rates with the number down, as shipped, and up."""

    measure: str  # "ending:ID" or "constraint:ID"
    low: float
    base: float
    high: float

    @property
    def effect(self) -> float:
        """(up − down) / 2: the change per nudge."""
        return (self.high - self.low) / 2


@attrs.frozen
class KnobResult:
    """A knob and its effects, largest first."""

    knob: Knob
    effects: tuple[Effect, ...]

    @property
    def largest(self) -> float:
        """The largest effect on anything measured."""
        return max((abs(e.effect) for e in self.effects), default=0.0)


def _rate_map(r: Rates) -> dict[str, float]:
    out = {f"ending:{k}": v / r.games for k, v in r.endings.items()} if r.games else {}
    for k, (n, h) in r.constraints.items():
        out[f"constraint:{k}"] = h / n if n else 0.0
    return out


def sensitivity(
    ref: CampaignRef,
    campaign: Campaign,
    policies: tuple[str, ...] = ("random",),
    runs: int = DEFAULT_RUNS,
    seed: int = 0,
    executor: concurrent.futures.Executor | None = None,
    progress: Callable[[int, int], Any] | None = None,
) -> list[KnobResult]:
    """Every knob's effect on every ending (under each policy) and every constraint measured
    with its own policy among ``policies``, sorted by the largest effect."""
    found = knobs(campaign)
    decks: list[tuple[Knob | None, int]] = [(None, 0)] + [(k, s) for k in found for s in (-1, 1)]
    blocks = [(a, min(a + BLOCK, runs)) for a in range(0, runs, BLOCK)]
    calls = [(ref, knob, sign, policy, seed, a, b) for policy in policies for knob, sign in decks for a, b in blocks]
    totals: dict[tuple[str, str, int], Rates] = {}
    for done, ((_ref, knob, sign, policy, *_), part) in enumerate(
        zip(calls, ordered(executor, sensitivity_block, calls, 16), strict=True), 1
    ):
        totals.setdefault((policy, knob.key if knob else "", sign), Rates()).merge(part)
        if progress is not None:
            progress(done, len(calls))
    results = []
    for knob in found:
        effects = []
        for policy in policies:
            base = _rate_map(totals[(policy, "", 0)])
            down = _rate_map(totals[(policy, knob.key, -1)])
            up = _rate_map(totals[(policy, knob.key, 1)])
            for name in sorted(set(base) | set(down) | set(up)):
                label = f"{name} ({policy})" if name.startswith("ending:") and len(policies) > 1 else name
                effects.append(Effect(label, down.get(name, 0.0), base.get(name, 0.0), up.get(name, 0.0)))
        effects.sort(key=lambda e: (-abs(e.effect), e.measure))
        results.append(KnobResult(knob, tuple(effects)))
    results.sort(key=lambda r: (-r.largest, r.knob.key))
    return results


def as_data(results: list[KnobResult]) -> list[dict[str, Any]]:
    """The results as plain data (for ``--json``)."""
    return [
        {
            "knob": r.knob.key,
            "kind": r.knob.kind,
            "label": r.knob.label,
            "base": r.knob.base,
            "source": r.knob.source,
            "largest": round(r.largest, 6),
            "effects": [
                {
                    "measure": e.measure,
                    "down": round(e.low, 6),
                    "base": round(e.base, 6),
                    "up": round(e.high, 6),
                    "effect": round(e.effect, 6),
                }
                for e in r.effects
                if e.effect != 0.0
            ],
        }
        for r in results
    ]


def format_text(results: list[KnobResult], runs: int, top: int = 3) -> str:
    """The report: knobs by effect, each with its source and its largest effects."""
    out = [
        f"Sensitivity: each chance moved by ±{CHANCE_STEP:g} and each world weight by ±{WEIGHT_FACTOR:.0%}, "
        f"{runs:,} paired games per deck (the same seeds). Effect = change per nudge.",
    ]
    for r in results:
        what = f"chance {r.knob.base:g}" if r.knob.kind == "chance" else f"weight {r.knob.base:g}"
        out.append(f"{r.largest * 100:5.1f} pts  {r.knob.label} [{what}; {r.knob.key}]")
        out.append(f"           source: {r.knob.source or '(none given)'}")
        shown = [e for e in r.effects if e.effect != 0.0][:top]
        for e in shown:
            out.append(f"           {e.measure}: {e.low:.1%} / {e.base:.1%} / {e.high:.1%} ({e.effect * 100:+.1f} pts)")
        if not shown:
            out.append("           moves nothing measured")
    return "\n".join(out) + "\n"
