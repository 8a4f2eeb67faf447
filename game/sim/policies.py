"""Simulated players: small named policies that pick among the engine's legal choices.

A policy reads the compiled cards (``engine.choice_options()``/``engine.current_card()``,
the stance and ``historical`` mark of each option), never a View: building a View per
decision would make simulation slow. Every random pick is a keyed draw from the game's seed
and the decision's index (``rng.draw(seed, step, "policy:NAME")``), so a game is a pure
function of (campaign, policy, seed) whatever process plays it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

from game.core import rng
from game.core.commands import Choose
from game.core.engine import Engine
from game.core.model import Card, Goal, Option
from game.core.state import PHASE_HAND, PHASE_OVER, GameState

STANCE_SCORE = {"cautious": -1.0, "neutral": 0.0, "bold": 1.0}


def _draw(engine: Engine, step: int, purpose: str) -> float:
    return rng.draw(engine.state.seed, step, "policy:" + purpose)


def _pick_best(engine: Engine, step: int, ids: Sequence[str], scores: Sequence[float], purpose: str) -> str:
    """The id with the highest score; ties are broken by a keyed draw (never by order)."""
    top = max(scores)
    best = [i for i, s in zip(ids, scores, strict=True) if s == top]
    if len(best) == 1:
        return best[0]
    return best[int(_draw(engine, step, purpose) * len(best))]


def _card_stance(card: Card) -> float:
    """A card's stance in the hand: the mean stance of its options."""
    return sum(STANCE_SCORE.get(o.stance, 0.0) for o in card.options) / len(card.options)


def _hand(engine: Engine) -> tuple[list[str], list[Card]] | None:
    state = engine.state
    if state.phase != PHASE_HAND:
        return None
    cards = engine.campaign.cards
    return list(state.hand), [cards[c] for c in state.hand]


def _options(engine: Engine) -> tuple[list[str], list[Option]]:
    options = engine.choice_options()
    return [o.id for o in options], options


def choose_random(engine: Engine, step: int) -> str:
    """Any legal choice, uniformly (a single choice needs no draw: any draw picks it)."""
    ids = engine.choices()
    if len(ids) == 1:
        return ids[0]
    return ids[int(rng.draw(engine.state.seed, step, "policy:random") * len(ids))]


def _by_stance(sign: float, purpose: str) -> Callable[[Engine, int], str]:
    def choose(engine: Engine, step: int) -> str:
        hand = _hand(engine)
        if hand is not None:
            ids, cards = hand
            return _pick_best(engine, step, ids, [sign * _card_stance(c) for c in cards], purpose)
        ids, options = _options(engine)
        return _pick_best(engine, step, ids, [sign * STANCE_SCORE.get(o.stance, 0.0) for o in options], purpose)

    return choose


choose_cautious = _by_stance(-1.0, "cautious")
choose_bold = _by_stance(1.0, "bold")


def choose_historical(engine: Engine, step: int) -> str:
    """What history did: the option marked ``historical: true``, else the most cautious.

    In the hand, a card with a historical option is what history played; otherwise the most
    cautious card (lying low, as a rule)."""
    hand = _hand(engine)
    if hand is not None:
        ids, cards = hand
        scores = [10.0 if any(o.historical for o in c.options) else -_card_stance(c) for c in cards]
        return _pick_best(engine, step, ids, scores, "historical")
    ids, options = _options(engine)
    scores = [10.0 if o.historical else -STANCE_SCORE.get(o.stance, 0.0) for o in options]
    return _pick_best(engine, step, ids, scores, "historical")


MIX = (("historical", 0.4), ("cautious", 0.2), ("bold", 0.2), ("random", 0.2))


def choose_mixed(engine: Engine, step: int) -> str:
    """A seeded mix: each decision follows historical (40%), cautious, bold or random (20% each)."""
    u = _draw(engine, step, "mixed")
    acc = 0.0
    for name, share in MIX:
        acc += share
        if u < acc:
            return POLICIES[name].choose(engine, step)
    return POLICIES[MIX[-1][0]].choose(engine, step)


# --- the goal-seeking player --------------------------------------------------------------

LOOKAHEAD_SAMPLES = 3  # sampled continuations per choice
LOOKAHEAD_TURNS = 6  # how many turns each continuation is played on
ROLLOUT_MIX = (("cautious", 0.5), ("historical", 0.25), ("random", 0.25))
DEFAULT_GOAL = Goal()


def goal_value(goal: Goal, campaign_endings: dict[str, str], state: GameState) -> float:
    """The worth of a state under a goal: an ending's value, or the terms and meters now."""
    if state.phase == PHASE_OVER:
        if state.ending in goal.endings:
            return goal.endings[state.ending]
        return -1.0 if campaign_endings.get(state.ending) == "death" else 0.0
    value = 0.0
    for term in goal.terms:
        if term.condition(state):
            value += term.value
    for meter, weight in goal.meters.items():
        value += weight * state.meters[meter]
    return value


def _rollout_choice(engine: Engine, step: int) -> str:
    """The continuation's player: mostly careful, sometimes historical or random (keyed draws)."""
    u = _draw(engine, step, "rollout")
    acc = 0.0
    for name, share in ROLLOUT_MIX:
        acc += share
        if u < acc:
            return POLICIES[name].choose(engine, step)
    return choose_random(engine, step)


def _continuation(engine: Engine, option: str, seed: int, goal: Goal, kinds: dict[str, str]) -> tuple[float, float]:
    """(the goal's value at the horizon or the ending, its value right after the choice)."""
    probe = engine.fork(seed, lean=True)
    probe.apply(Choose(option))
    state = probe.state
    first = goal_value(goal, kinds, state)
    last = state.turn + LOOKAHEAD_TURNS
    step = 0
    while state.phase != PHASE_OVER and state.turn < last and step < 400:
        probe.apply(Choose(_rollout_choice(probe, step)))
        step += 1
    return goal_value(goal, kinds, state), first


def choose_ambitious(engine: Engine, step: int) -> str:
    """Plays towards the campaign's goal: each legal choice is tried on a few sampled
    continuations (copies of the game rolling other dice, played on for a few turns by a
    careful player) and the choice whose futures score best on average is taken.

    The samples' dice are keyed on the game's seed, the decision and the sample, so the
    policy is deterministic for a seed, yet it never sees the game's own future rolls.

    When the futures of several choices score exactly alike (most often: every continuation
    ends in the same death inside the horizon, so a plan longer than the horizon looks no
    better than idling), the tie goes to the choice whose own result scores best under the
    goal's terms, and only then to a keyed draw."""
    ids = engine.choices()
    if len(ids) == 1:
        return ids[0]
    campaign = engine.campaign
    goal = campaign.goal_for(engine.state.start) if campaign.starts else campaign.goal
    goal = goal or DEFAULT_GOAL
    kinds = {e.id: e.kind for e in campaign.endings.values()}
    base = engine.state.seed
    scores: list[float] = []
    firsts: list[float] = []
    for oid in ids:
        total = first = 0.0
        for k in range(LOOKAHEAD_SAMPLES):
            seed = int(rng.draw(base, step, "policy:ambitious", "", "", k) * (1 << 52))
            value, now = _continuation(engine, oid, seed, goal, kinds)
            total += value
            first += now
        scores.append(round(total / LOOKAHEAD_SAMPLES, 9))
        firsts.append(round(first / LOOKAHEAD_SAMPLES, 9))
    top = max(scores)
    tied = [i for i, s in enumerate(scores) if s == top]
    if len(tied) > 1:
        return _pick_best(engine, step, [ids[i] for i in tied], [firsts[i] for i in tied], "ambitious")
    return ids[tied[0]]


@attrs.frozen
class Policy:
    """A named simulated player."""

    name: str
    doc: str
    choose: Callable[[Engine, int], str]


POLICIES: dict[str, Policy] = {
    p.name: p
    for p in (
        Policy("random", "picks any legal choice uniformly at random", choose_random),
        Policy("historical", "takes the option marked historical: true, else the most cautious one", choose_historical),
        Policy(
            "cautious", "takes the most cautious option (cautious > neutral > bold), ties at random", choose_cautious
        ),
        Policy("bold", "takes the boldest option (bold > neutral > cautious), ties at random", choose_bold),
        Policy("mixed", "each decision: historical 40%, cautious 20%, bold 20%, random 20% (seeded)", choose_mixed),
        Policy(
            "ambitious",
            "plays towards the campaign's goal, trying each choice on a few sampled continuations",
            choose_ambitious,
        ),
    )
}


def get_policy(name: str) -> Policy:
    """The policy of this name; KeyError with the known names otherwise."""
    try:
        return POLICIES[name]
    except KeyError:
        raise KeyError(f"unknown policy {name!r}; known: {', '.join(POLICIES)}") from None


def describe_policies() -> str:
    """One line per policy, for ``--help``."""
    width = max(len(n) for n in POLICIES)
    return "\n".join(f"  {p.name:<{width}}  {p.doc}" for p in POLICIES.values())
