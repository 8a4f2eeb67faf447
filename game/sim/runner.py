"""The Monte-Carlo runner: play many headless games with a policy, in parallel, and tally.

Game ``i`` of a run with base seed ``S`` is played with the engine seed ``S * MAX_RUNS + i``
(so ``divergence play --seed`` can replay any of them), and the policy's draws are keyed on
that seed too. Games are split into chunks; each chunk's tally is a sum, and chunks are
merged in order, so the report is identical whatever the number of worker processes.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import attrs

from game.core.commands import Choose
from game.core.engine import Engine
from game.core.model import Campaign
from game.core.state import PHASE_HAND, PHASE_OVER
from game.sim.executors import local_executor, ordered
from game.sim.policies import Policy, get_policy

MAX_RUNS = 1_000_000
MAX_WORKERS = 64
MAX_DECISIONS = 50_000  # a game longer than this is a content bug (an endless loop)

T = TypeVar("T")


class SimError(Exception):
    """A game could not be played to its end (a content bug, reported with the seed)."""


# One immutable command per option id, made once per process (bounded by the content's ids).
COMMANDS: dict[str, Choose] = {}


def game_seed(base: int, index: int) -> int:
    """The engine seed of game ``index`` of a run with base seed ``base``."""
    return base * MAX_RUNS + index


# --- one game -----------------------------------------------------------------------------


def play(
    campaign: Campaign,
    policy: Policy,
    seed: int,
    available: dict[str, int] | None = None,
    start: str = "",
    watch: Callable[[Engine], Any] | None = None,
    lean: bool = False,
) -> Engine:
    """Play one game from the campaign's start (default the first) to its end; count the
    options offered into ``available`` if given; ``watch(engine)`` is called at the start and
    its result's ``observe()`` after each decision (for game records). With ``lean`` (the
    simulator's tallies) the engine keeps the history they read but no chronicle and has
    no view (``Engine``)."""
    engine = Engine(campaign, seed, start=start, lean=lean)
    choose = policy.choose
    state = engine.state
    observer = watch(engine) if watch is not None else None
    commands = COMMANDS
    step = 0
    while state.phase != PHASE_OVER:
        if available is not None:
            _count_available(engine, available)
        option = choose(engine, step)
        command = commands.get(option)
        if command is None:
            command = commands[option] = Choose(option)
        engine.apply(command)
        if observer is not None:
            observer.observe()
        step += 1
        if step > MAX_DECISIONS:
            raise SimError(f"game with seed {seed} did not end after {MAX_DECISIONS} decisions (turn {state.turn})")
    return engine


def _count_available(engine: Engine, available: dict[str, int]) -> None:
    state = engine.state
    if state.phase == PHASE_HAND:
        cards = engine.campaign.cards
        for cid in state.hand:
            card = cards[cid]
            if len(card.options) == 1:
                key = f"{cid}#{card.options[0].id}"
                available[key] = available.get(key, 0) + 1
        return
    current = engine.current_card()
    if current is None:
        return
    for oid in engine.choices():
        key = f"{current.id}#{oid}"
        available[key] = available.get(key, 0) + 1


# --- tallies ------------------------------------------------------------------------------


def _add(into: dict[Any, int], other: dict[Any, int]) -> None:
    for k, v in other.items():
        into[k] = into.get(k, 0) + v


@attrs.define
class Tally:
    """Counts over a set of games; tallies add up (chunk order never changes the sum)."""

    games: int = 0
    endings: dict[str, int] = attrs.Factory(dict)
    turns: dict[int, int] = attrs.Factory(dict)  # game length in turns -> games
    decisions: dict[int, int] = attrs.Factory(dict)  # decisions per game -> games
    fired_games: dict[str, int] = attrs.Factory(dict)  # card -> games in which it fired
    fired_times: dict[str, int] = attrs.Factory(dict)  # card -> times fired
    taken: dict[str, int] = attrs.Factory(dict)  # "card#option" -> times chosen
    rolled: dict[str, int] = attrs.Factory(dict)  # "card#option#outcome" -> times rolled
    available: dict[str, int] = attrs.Factory(dict)  # "card#option" -> decisions it was offered in
    records: list[dict[str, Any]] = attrs.Factory(list)  # one per game, in game order, when asked for

    def add_game(self, engine: Engine) -> None:
        """Count one finished game."""
        s = engine.state
        self.games += 1
        self.endings[s.ending] = self.endings.get(s.ending, 0) + 1
        self.turns[s.turn] = self.turns.get(s.turn, 0) + 1
        self.decisions[s.decisions] = self.decisions.get(s.decisions, 0) + 1
        for card, times in s.fired.items():
            self.fired_games[card] = self.fired_games.get(card, 0) + 1
            self.fired_times[card] = self.fired_times.get(card, 0) + times
        taken, rolled = self.taken, self.rolled
        for rec in s.history:
            if rec.option:
                key = f"{rec.card}#{rec.option}"
                taken[key] = taken.get(key, 0) + 1
            if rec.roll is not None:
                rkey = f"{rec.card}#{rec.option or 'fire'}#{rec.roll.outcome}"
                rolled[rkey] = rolled.get(rkey, 0) + 1

    def merge(self, other: Tally) -> None:
        """Add another tally's counts to this one."""
        self.games += other.games
        for name in ("endings", "turns", "decisions", "fired_games", "fired_times", "taken", "rolled", "available"):
            _add(getattr(self, name), getattr(other, name))
        self.records.extend(other.records)


# --- loading campaigns in worker processes ------------------------------------------------


@attrs.frozen
class CampaignRef:
    """How a worker process finds the campaign: its id, the mods, or explicit content paths;
    and which of the campaign's starts its games begin from ("" for the first)."""

    campaign: str
    mods: tuple[tuple[str, str], ...] = ()  # (mod id, folder)
    paths: tuple[str, ...] | None = None  # content files/folders instead of the shipped content
    start: str = ""

    def load(self) -> Campaign:
        """Load the content and return the campaign (cached per process)."""
        if self.start:
            return attrs.evolve(self, start="").load()
        found = _CAMPAIGNS.get(self)
        if found is not None:
            return found
        from game.content.loader import Source, load_content

        mods = [Source(mid, Path(root)) for mid, root in self.mods]
        paths = None if self.paths is None else [Path(p) for p in self.paths]
        content = load_content(paths, mods=mods)
        if self.campaign not in content.campaigns:
            raise SimError(f"campaign {self.campaign!r} did not load in a worker process")
        campaign = content.campaigns[self.campaign]
        _CAMPAIGNS[self] = campaign
        return campaign


_CAMPAIGNS: dict[CampaignRef, Campaign] = {}


def remember(ref: CampaignRef, campaign: Campaign) -> None:
    """Register an already-loaded campaign for ``ref`` (forked workers inherit it)."""
    _CAMPAIGNS[attrs.evolve(ref, start="")] = campaign


def _init_worker(ref: CampaignRef) -> None:
    # Ctrl-C is the parent's to handle: it cancels the pool; workers must not print tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A failing initializer would make the pool respawn workers forever: leave the error to
    # the first task, which loads again and raises it to the parent.
    with contextlib.suppress(Exception):
        ref.load()


def pool_for(
    executor: concurrent.futures.Executor | None, workers: int, ref: CampaignRef
) -> contextlib.AbstractContextManager[concurrent.futures.Executor | None]:
    """The executor given (left open: its owner shuts it), else one made for this run: none
    for one worker, a process pool for more (Ctrl-C ignored in the workers; the parent
    cancels)."""
    if executor is not None:
        return contextlib.nullcontext(executor)
    return local_executor(workers, ref, _init_worker)


def chunks(start: int, stop: int, size: int) -> list[tuple[int, int]]:
    """[start, stop) cut into consecutive ranges of at most ``size``."""
    return [(a, min(a + size, stop)) for a in range(start, stop, max(1, size))]


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


# --- simulate -----------------------------------------------------------------------------


def simulate_chunk(
    ref: CampaignRef, policy: str, base_seed: int, start: int, stop: int, records: bool = False
) -> Tally:
    """Play games ``start``..``stop - 1`` and tally them (runs in a worker process); with
    ``records``, keep one plain record per game (``game.sim.games``)."""
    from game.sim.games import GameWatch

    campaign = ref.load()
    chosen = get_policy(policy)
    tally = Tally()
    for i in range(start, stop):
        watches: list[GameWatch] = []

        def watch(engine: Engine, into: list[GameWatch] = watches) -> GameWatch:
            into.append(GameWatch(engine))
            return into[-1]

        engine = play(
            campaign, chosen, game_seed(base_seed, i), tally.available, ref.start, watch if records else None, lean=True
        )
        tally.add_game(engine)
        if records:
            tally.records.append(watches[0].record(policy))
    return tally


def simulate(
    ref: CampaignRef,
    runs: int,
    policy: str,
    seed: int = 0,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
    chunk: int = 200,
    records: Callable[[list[dict[str, Any]]], None] | None = None,
    executor: concurrent.futures.Executor | None = None,
) -> Tally:
    """Play ``runs`` games of the campaign (from ``ref.start``) with the policy and tally
    them; ``records`` receives each chunk's game records, in game order, as they arrive
    (so a file of them is written as the run goes and memory stays small).

    The chunks run on ``executor`` (any ``concurrent.futures`` executor: a process pool, a
    Dask cluster's) or, without one, on a pool of ``workers`` processes made for the run;
    the tally is the same whichever."""
    get_policy(policy)
    total = Tally()
    with pool_for(executor, workers, ref) as pool:
        parts = chunks(0, runs, chunk)
        tasks = [(ref, policy, seed, a, b, records is not None) for a, b in parts]
        for (_a, b), part in zip(parts, ordered(pool, simulate_chunk, tasks), strict=True):
            if records is not None:
                records(part.records)
                part.records = []
            total.merge(part)
            if progress is not None:
                progress(b, runs)
    return total
