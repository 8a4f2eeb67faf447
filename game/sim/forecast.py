"""The historian's forecast: the odds of every ending (and milestone) from a game's state.

Continuation ``i`` of a forecast with base seed ``S`` is the game forked at the state with
the engine seed ``game_seed(S, i)`` — the same dice stream a plain ``simulate`` game ``i``
rolls — and played to its end by a policy (the player model: "if you play on like a
cautious player"). Continuations run in blocks of seeds; a block is a pure task
(campaign reference, state, policy, seed, block, forced first choice → integer counts),
blocks are merged in seed-block order, and the early stop is decided after each merged
block, so a forecast is the same for any number of workers or any executor.

Regret (``game.sim.regret``) and sensitivity reuse the same blocks: a forced first choice
is an alternative at a decision; the same seeds for every alternative are common random
numbers, so the difference between two options is not drowned in noise.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from game.core.commands import Choose
from game.core.engine import Engine
from game.core.model import Campaign
from game.core.state import PHASE_OVER, GameState
from game.sim.executors import ordered
from game.sim.measures import MeasureFn, compile_measure
from game.sim.policies import Policy, get_policy
from game.sim.runner import COMMANDS, MAX_DECISIONS, CampaignRef, SimError, game_seed
from game.sim.stats import Z95, median_of_counts, wilson

DEFAULT_BLOCK = 50
DEFAULT_PRECISION = 0.03  # half-width of every 95% interval at which a forecast may stop
MIN_RUNS = 100  # never stop on fewer continuations (a tiny sample's interval is not honest)


@attrs.define
class Counts:
    """Integer counts over a set of continuations; counts add up exactly."""

    games: int = 0
    decisions: int = 0  # decisions played by the continuations (for speed figures)
    endings: dict[str, int] = attrs.Factory(dict)
    end_dates: dict[int, int] = attrs.Factory(dict)  # month the game ended -> games
    milestones: dict[str, int] = attrs.Factory(dict)

    def merge(self, other: Counts) -> None:
        """Add another block's counts."""
        self.games += other.games
        self.decisions += other.decisions
        _add(self.endings, other.endings)
        _add(self.end_dates, other.end_dates)
        _add(self.milestones, other.milestones)


def _add(into: dict[Any, int], other: dict[Any, int]) -> None:
    for k, v in other.items():
        into[k] = into.get(k, 0) + v


_MEASURES: dict[tuple[int, str], list[tuple[str, MeasureFn]]] = {}


def milestone_measures(campaign: Campaign, start: str = "") -> list[tuple[str, MeasureFn]]:
    """The campaign's milestones as predicates on a finished game (cached per campaign)."""
    key = (id(campaign), start)
    found = _MEASURES.get(key)
    if found is None:
        found = [(m.id, compile_measure(campaign, m.measure, start)) for m in campaign.milestones]
        _MEASURES[key] = found
    return found


def play_on(engine: Engine, policy: Policy, first: int = 0) -> int:
    """Play a game to its end with the policy; the number of decisions taken."""
    state = engine.state
    choose = policy.choose
    commands = COMMANDS
    step = first
    while state.phase != PHASE_OVER:
        option = choose(engine, step)
        command = commands.get(option)
        if command is None:
            command = commands[option] = Choose(option)
        engine.apply(command)
        step += 1
        if step - first > MAX_DECISIONS:
            raise SimError(f"a continuation with seed {state.seed} did not end after {MAX_DECISIONS} decisions")
    return step - first


def count_game(counts: Counts, state: GameState, measures: list[tuple[str, MeasureFn]]) -> None:
    """Count one finished game."""
    counts.games += 1
    counts.endings[state.ending] = counts.endings.get(state.ending, 0) + 1
    counts.end_dates[state.date] = counts.end_dates.get(state.date, 0) + 1
    for mid, measure in measures:
        if measure(state):
            counts.milestones[mid] = counts.milestones.get(mid, 0) + 1


def continuation(campaign: Campaign, state: GameState, seed: int, forced: str = "") -> Engine:
    """The game at ``state`` forked onto the dice of ``seed``, with ``forced`` chosen first
    (rolled on the new dice too: the continuation never knows the game's own future)."""
    engine = Engine(campaign, state.seed, state=state, lean=True).fork(seed)
    if forced:
        engine.apply(Choose(forced))
    return engine


def forecast_block(
    ref: CampaignRef, state: GameState, policy: str, base_seed: int, start: int, stop: int, forced: str = ""
) -> Counts:
    """Play continuations ``start``..``stop - 1`` from the state and count them (a pure task)."""
    campaign = ref.load()
    chosen = get_policy(policy)
    measures = milestone_measures(campaign, state.start)
    counts = Counts()
    for i in range(start, stop):
        engine = continuation(campaign, state, game_seed(base_seed, i), forced)
        counts.decisions += play_on(engine, chosen) + (1 if forced else 0)
        count_game(counts, engine.state, measures)
    return counts


# --- the result ----------------------------------------------------------------------------


@attrs.frozen
class Estimate:
    """A probability measured on ``runs`` continuations, with its 95% Wilson interval."""

    id: str
    title: str
    hits: int
    runs: int
    low: float
    high: float

    @property
    def p(self) -> float:
        """The measured rate."""
        return self.hits / self.runs if self.runs else 0.0

    @property
    def half_width(self) -> float:
        """Half the interval's width."""
        return (self.high - self.low) / 2


def _estimate(eid: str, title: str, hits: int, runs: int) -> Estimate:
    low, high = wilson(hits, runs, Z95)
    return Estimate(eid, title, hits, runs, low, high)


@attrs.frozen
class Forecast:
    """What the future holds from a state, under a player model."""

    campaign: str
    policy: str
    seed: int
    runs: int
    asked: int  # the most continuations asked for
    endings: tuple[Estimate, ...]  # every ending of the campaign, likeliest first
    milestones: tuple[Estimate, ...]  # in declaration order
    median_end: float | None  # month index of the median end date
    decisions: int
    finished: bool  # every block asked for ran, or the early stop was reached

    @property
    def stopped_early(self) -> bool:
        """Whether the intervals were narrow enough before ``asked`` continuations."""
        return self.finished and self.runs < self.asked

    def ending(self, eid: str) -> Estimate:
        """The estimate of one ending."""
        return next(e for e in self.endings if e.id == eid)

    def probability(self, eid: str) -> float:
        """The measured chance of one ending (0 for an ending never reached)."""
        return self.ending(eid).p


def summarize(campaign: Campaign, counts: Counts, policy: str, seed: int, asked: int, finished: bool) -> Forecast:
    """Turn counts into a forecast: each ending with its interval, likeliest first."""
    n = counts.games
    endings = sorted(
        (_estimate(e.id, e.title, counts.endings.get(e.id, 0), n) for e in campaign.endings.values()),
        key=lambda e: (-e.hits, e.id),
    )
    milestones = tuple(_estimate(m.id, m.title, counts.milestones.get(m.id, 0), n) for m in campaign.milestones)
    median = median_of_counts(counts.end_dates) if n else None
    return Forecast(campaign.id, policy, seed, n, asked, tuple(endings), milestones, median, counts.decisions, finished)


def narrow_enough(fc: Forecast, precision: float) -> bool:
    """Every interval (endings and milestones) is within ``precision`` of its estimate."""
    return fc.runs >= MIN_RUNS and all(e.half_width <= precision for e in (*fc.endings, *fc.milestones))


def forecast(
    ref: CampaignRef,
    campaign: Campaign,
    state: GameState,
    policy: str = "cautious",
    runs: int = 1000,
    seed: int = 0,
    precision: float | None = DEFAULT_PRECISION,
    executor: concurrent.futures.Executor | None = None,
    block: int = DEFAULT_BLOCK,
    forced: str = "",
    progress: Callable[[Forecast], Any] | None = None,
    window: int = 8,
) -> Forecast:
    """Play up to ``runs`` continuations from ``state`` and report the odds.

    Stops once every interval is within ``precision`` (None: never early); ``progress``
    receives the estimate after each block (for a panel whose intervals narrow)."""
    get_policy(policy)
    counts = Counts()
    blocks = [(a, min(a + block, runs)) for a in range(0, runs, max(1, block))]
    calls = [(ref, state, policy, seed, a, b, forced) for a, b in blocks]
    done = False
    for part in ordered(executor, forecast_block, calls, window):
        counts.merge(part)
        fc = summarize(campaign, counts, policy, seed, runs, False)
        if counts.games >= runs or (precision is not None and narrow_enough(fc, precision)):
            done = True
            fc = attrs.evolve(fc, finished=True)
        if progress is not None:
            progress(fc)
        if done:
            return fc
    return summarize(campaign, counts, policy, seed, runs, True)


def as_data(fc: Forecast, month: Callable[[int], str]) -> dict[str, Any]:
    """A forecast as plain data (for ``--json``); ``month`` formats a month index."""
    return {
        "campaign": fc.campaign,
        "policy": fc.policy,
        "seed": fc.seed,
        "runs": fc.runs,
        "asked": fc.asked,
        "stopped_early": fc.stopped_early,
        "median_end": month(round(fc.median_end)) if fc.median_end is not None else None,
        "endings": [_est_data(e) for e in fc.endings],
        "milestones": [_est_data(e) for e in fc.milestones],
    }


def _est_data(e: Estimate) -> Mapping[str, Any]:
    return {
        "id": e.id,
        "title": e.title,
        "p": round(e.p, 6),
        "low": round(e.low, 6),
        "high": round(e.high, 6),
        "hits": e.hits,
    }
