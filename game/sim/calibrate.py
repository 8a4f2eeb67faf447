"""Calibration: measure each historical constraint by simulation until its confidence
interval decides it (DESIGN §5).

Constraints of one campaign that share a policy share the same games (game ``i`` of a
policy is the same game for every constraint that uses the policy), so a campaign costs
one stream of games per policy. Games are played in batches of doubling size (400, 800,
1600, ...); after each batch every undecided constraint is judged with the Wilson interval
of its rate among the games that meet its ``given``:

- **pass** when the interval lies inside the expected range;
- **fail** when the interval lies wholly outside it;
- otherwise more games, up to ``max_games`` per policy. A constraint still undecided then
  passes as **borderline** (the data cannot reject the claim; the report says so), and
  one no game counted for (its ``given`` never held) fails as **unmeasured**.

Batches and seeds depend only on the base seed, never on the worker count, so the verdicts
are identical with one worker or many.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable, Sequence

import attrs

from game.core.model import Campaign
from game.sim.executors import ordered
from game.sim.measures import CompiledConstraint, compile_constraint, describe_measure
from game.sim.policies import POLICIES, get_policy
from game.sim.runner import CampaignRef, chunks, game_seed, play, pool_for
from game.sim.stats import wilson

Z99 = 2.5758293035489
FIRST_BATCH = 400
DEFAULT_MAX_GAMES = 20_000


@attrs.define
class ConstraintResult:
    """The measured rate of one constraint and its verdict."""

    campaign: str
    id: str
    claim: str
    source: str
    policy: str
    measure: str
    expect: str
    given: bool
    played: int = 0
    counted: int = 0
    hits: int = 0
    low: float = 0.0
    high: float = 1.0
    verdict: str = "undecided"  # pass | fail | borderline | unmeasured
    start: str = ""  # the campaign's start whose games were measured

    @property
    def rate(self) -> float:
        """The measured rate among the counted games."""
        return self.hits / self.counted if self.counted else 0.0

    @property
    def ok(self) -> bool:
        """Whether the constraint passes (a borderline result does)."""
        return self.verdict in ("pass", "borderline")


_COMPILED: dict[tuple[CampaignRef, tuple[str, ...]], list[CompiledConstraint]] = {}


def compile_all(
    campaign: Campaign, ids: Sequence[str] | None = None, start: str | None = None
) -> list[CompiledConstraint]:
    """Compile the campaign's constraints (all, or those named, or those of one start);
    ConstraintError if one is unsound."""
    wanted = [
        c
        for c in campaign.constraints
        if (ids is None or c.id in ids) and (start is None or c.start == campaign.get_start(start).id)
    ]
    return [compile_constraint(campaign, c, POLICIES) for c in wanted]


def calibrate_chunk(
    ref: CampaignRef, policy: str, ids: tuple[str, ...], base_seed: int, start: int, stop: int
) -> list[tuple[int, int]]:
    """Play games ``start``..``stop - 1`` with the policy; (counted, hits) per constraint."""
    key = (ref, ids)
    compiled = _COMPILED.get(key)
    campaign = ref.load()
    if compiled is None:
        compiled = compile_all(campaign, ids)
        compiled.sort(key=lambda c: ids.index(c.id))
        _COMPILED[key] = compiled
    chosen = get_policy(policy)
    totals = [[0, 0] for _ in compiled]
    begin = compiled[0].constraint.start if compiled else ""
    for i in range(start, stop):
        state = play(campaign, chosen, game_seed(base_seed, i), start=begin, lean=True).state
        for slot, con in zip(totals, compiled, strict=True):
            counted, hit = con.count(state)
            if counted:
                slot[0] += 1
                slot[1] += hit
    return [(a, b) for a, b in totals]


def _judge(result: ConstraintResult, con: CompiledConstraint, z: float, final: bool) -> None:
    result.low, result.high = wilson(result.hits, result.counted, z)
    exp = con.expect
    if result.counted and exp.low <= result.low and result.high <= exp.high:
        result.verdict = "pass"
    elif result.counted and (result.high < exp.low or result.low > exp.high):
        result.verdict = "fail"
    elif final:
        result.verdict = "borderline" if result.counted else "unmeasured"


def calibrate(
    ref: CampaignRef,
    campaign: Campaign,
    seed: int = 0,
    workers: int = 1,
    max_games: int = DEFAULT_MAX_GAMES,
    z: float = Z99,
    ids: Sequence[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    first_batch: int = FIRST_BATCH,
    start: str | None = None,
    executor: concurrent.futures.Executor | None = None,
) -> list[ConstraintResult]:
    """Measure the campaign's constraints (all starts', or one start's); results in the
    campaign's order. Constraints that share a start and a policy share their games.

    The games run on ``executor`` (any ``concurrent.futures`` executor) or, without one, on
    ``workers`` processes made for the run; the verdicts are the same whichever."""
    compiled = compile_all(campaign, ids, start)
    results = {
        c.id: ConstraintResult(
            campaign.id,
            c.id,
            c.constraint.claim,
            c.constraint.source,
            c.constraint.policy,
            describe_measure(c.constraint.measure),
            c.expect.text,
            c.constraint.given is not None,
            start=c.constraint.start,
        )
        for c in compiled
    }
    by_policy: dict[tuple[str, str], list[CompiledConstraint]] = {}
    for c in compiled:
        by_policy.setdefault((c.constraint.policy, c.constraint.start), []).append(c)
    played = dict.fromkeys(by_policy, 0)
    batch = dict.fromkeys(by_policy, first_batch)
    budget = max_games * len(by_policy)
    with pool_for(executor, workers, ref) as pool:
        width = max(1, int(getattr(pool, "width", workers))) if pool is not None else 1
        while True:
            active = [
                p
                for p, cons in by_policy.items()
                if played[p] < max_games and any(results[c.id].verdict == "undecided" for c in cons)
            ]
            if not active:
                break
            tasks: list[tuple[CampaignRef, str, tuple[str, ...], int, int, int]] = []
            for p in active:
                pname = p[0]
                ids_p = tuple(c.id for c in by_policy[p] if results[c.id].verdict == "undecided")
                stop = min(played[p] + batch[p], max_games)
                size = max(50, -(-(stop - played[p]) // (2 * width)))
                for a, b in chunks(played[p], stop, size):
                    tasks.append((ref, pname, ids_p, seed, a, b))
            done = sum(played.values())
            for task, part in zip(tasks, ordered(pool, calibrate_chunk, tasks), strict=True):
                _ref, _p, ids_p, _seed, a, b = task
                done += b - a
                for cid, (counted, hits) in zip(ids_p, part, strict=True):
                    results[cid].counted += counted
                    results[cid].hits += hits
                    results[cid].played += b - a
                if progress is not None:
                    progress(done, budget)
            for p in active:
                played[p] = min(played[p] + batch[p], max_games)
                batch[p] *= 2
                for c in by_policy[p]:
                    if results[c.id].verdict == "undecided":
                        _judge(results[c.id], c, z, final=played[p] >= max_games)
    for c in compiled:
        if results[c.id].verdict == "undecided":  # pragma: no cover - the loop always decides
            _judge(results[c.id], c, z, final=True)
    return [results[c.id] for c in compiled]
