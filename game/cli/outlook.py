"""The simulator behind the frontends' forecast panels and ending screens (``game.ui.outlook``).

A frontend may not import the simulator, so the CLI hands it two services: ``forecast(engine)``
and ``mattered(engine)``. Each is called in the frontend's thread, copies the state it needs and
returns the work the frontend runs in a background thread. The continuations themselves are
played in a separate process (a pool made once, in the frontend's thread, and remade when F5
loads new content), so the frontend's own thread is never starved: the background thread only
waits for the pool's answers and merges them.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import os
from collections.abc import Callable
from typing import Any

from game.core.dates import month_label
from game.core.engine import Engine
from game.core.model import Campaign
from game.core.state import copy_state
from game.sim import forecast as fc_mod
from game.sim.executors import process_executor
from game.sim.lines import PlayedLine
from game.sim.regret import regret, sentences
from game.sim.runner import CampaignRef, _init_worker, default_workers, remember
from game.ui import outlook

POLICY = "cautious"  # the player model of the in-game panel
PLAYER_MODEL = "if you play on like a cautious player"
RUNS = 2000  # most continuations per decision; the panel stops once every interval is narrow
PRECISION = 0.02
MATTERED_RUNS = 40  # continuations per choice and decision for the ending screen


class _Stop(Exception):
    """The frontend no longer wants this result."""


def panel_forecast(result: fc_mod.Forecast) -> outlook.Forecast:
    """The simulator's forecast as the frontends draw it."""

    def odds(e: fc_mod.Estimate) -> outlook.Odds:
        return outlook.Odds(e.title, e.p, e.low, e.high)

    median = month_label(round(result.median_end)) if result.median_end is not None else ""
    return outlook.Forecast(
        PLAYER_MODEL,
        result.runs,
        result.asked,
        result.finished,
        tuple(odds(e) for e in result.endings if e.hits),
        tuple(odds(m) for m in result.milestones),
        median,
    )


class Pools:
    """One process pool for the session's campaign, made in the caller's thread."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._campaign: Campaign | None = None
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None
        _OPEN.append(self)

    def shutdown(self) -> None:
        """Shut the pool down and wait for its workers, so the interpreter's own exit finds
        nothing half-closed (a pool left running printed a traceback from
        ``concurrent.futures`` at exit)."""
        pool, self._pool, self._campaign = self._pool, None, None
        if pool is not None:
            with contextlib.suppress(OSError):
                pool.shutdown(wait=True, cancel_futures=True)

    def get(self, ref: CampaignRef, campaign: Campaign) -> concurrent.futures.Executor | None:
        """The pool for this campaign (a new one after F5 brought a new campaign object)."""
        if self._campaign is not campaign:
            self.close()
            self._campaign = campaign
            try:
                self._pool = process_executor(self.workers, _init_worker, (ref,))
                self._pool.submit(int).result()  # start the workers now, from this thread
            except OSError:  # no processes to be had: play in the background thread itself
                self._pool = None
        return self._pool

    def close(self) -> None:
        """Shut the pool down (running blocks are cancelled)."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = None


_OPEN: list[Pools] = []


def shutdown_pools() -> None:
    """Shut down every forecast pool this process made (the frontend has returned)."""
    while _OPEN:
        _OPEN.pop().shutdown()


OFF_ENV = "DIVERGENCE_NO_FORECAST"
OFF_VALUES = ("1", "true", "yes")


def forecast_off() -> str:
    """Why the in-game forecast is off, in words ("" when it is on): the environment sets
    DIVERGENCE_NO_FORECAST to 1, true or yes (any case). Any other value, "0" or "no" among
    them, leaves it on."""
    value = os.environ.get(OFF_ENV, "").strip()
    return f"turned off by {OFF_ENV}={value}" if value.lower() in OFF_VALUES else ""


Mods = tuple[tuple[str, str], ...]  # (mod id, folder) of each mod loaded, in load order


def outlook_services(mods: Mods | Callable[[], Mods] = (), workers: int | None = None) -> dict[str, Any]:
    """``forecast`` and ``mattered`` for ``game.ui.services.Services``; only ``forecast_off``,
    the reason, when ``forecast_off()`` gives one (the test suite, a machine that wants no pool).

    ``mods`` may be a function giving the mods of the content in use at each call, so that
    the workers load the mods of today's content after a Mods switch or F5, not those the
    session started with."""
    off = forecast_off()
    if off:
        return {"forecast_off": off}
    pools = Pools(workers or max(1, default_workers() - 1))
    current_mods = mods if callable(mods) else lambda: mods

    def ref_for(campaign: Campaign) -> CampaignRef:
        ref = CampaignRef(campaign.id, current_mods())
        remember(ref, campaign)
        return ref

    def forecast(engine: Engine) -> outlook.ForecastWork:
        campaign = engine.campaign
        state = copy_state(engine.state)
        ref = ref_for(campaign)
        pool = pools.get(ref, campaign)

        def work(report: Callable[[outlook.Forecast], None], cancelled: Callable[[], bool]) -> None:
            def progress(result: fc_mod.Forecast) -> None:
                if cancelled():
                    raise _Stop
                report(panel_forecast(result))

            with contextlib.suppress(_Stop):
                fc_mod.forecast(ref, campaign, state, POLICY, RUNS, 0, PRECISION, pool, progress=progress)

        return work

    def mattered(engine: Engine) -> outlook.MatteredWork:
        campaign = engine.campaign
        ref = ref_for(campaign)
        pool = pools.get(ref, campaign)
        commands = tuple(engine.commands)
        seed, start, history = engine.state.seed, engine.state.start, list(engine.state.history)

        def work(report: Callable[[list[str]], None], cancelled: Callable[[], bool]) -> None:
            line = PlayedLine(campaign, seed, start, commands)
            if line.engine_at(line.total).state.history != history:
                raise ValueError("this game cannot be replayed from its start (it continues from a saved snapshot)")

            def progress(_done: int, _total: int) -> None:
                if cancelled():
                    raise _Stop

            with contextlib.suppress(_Stop):
                report(sentences(regret(ref, line, POLICY, MATTERED_RUNS, 0, pool, progress=progress)))

        return work

    return {"forecast": forecast, "mattered": mattered}
