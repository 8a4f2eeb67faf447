"""Forecast speed (issue 14): time to the first estimate and to 1,000 continuations from a
mid-game save, the ``--workers 2`` speed-up, and sensitivity's time for a whole campaign.

- First estimate: wall time from asking (content already loaded, as in a game) to the first
  block's estimate (``progress`` callback). Target: within half a second.
- 1,000 runs: wall time for 1,000 continuations (no early stop), one process.
- Speed-up: 1,000 continuations on a pool of 2 processes against 1 (the pool started before
  the clock, as a game's background service keeps it), measured alternately in each repeat;
  the median of the paired ratios. Target >= 1.8x on 2 idle cores: on a shared machine the
  figure is what the other processes leave, and the cores' load is printed beside it.
- Sensitivity: ``divergence sensitivity CAMPAIGN`` in process for every knob with
  ``--runs`` games per deck (default 20 here; the command's default is 200), one process.

Each side runs after a ``gc.collect()``; medians over repeats.
Run: python bench/bench_forecast.py [--repeats R] [--sensitivity-runs N] [--skip-sensitivity]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.content.loader import load_content
from game.core.commands import Choose
from game.core.dates import month_label
from game.core.engine import Engine
from game.core.model import Campaign
from game.core.state import GameState
from game.sim.executors import process_executor
from game.sim.forecast import Forecast, forecast
from game.sim.policies import POLICIES
from game.sim.runner import CampaignRef, _init_worker, remember
from game.sim.sensitivity import knobs, sensitivity

MID = {"bukharin": 15, "tukhachevsky": 6}  # decisions into the game: about mid-game for each


def mid_game(campaign: Campaign, decisions: int, seed: int = 24) -> GameState:
    """A game played by the cautious player for ``decisions`` decisions (or to one before its end)."""
    engine = Engine(campaign, seed)
    policy = POLICIES["cautious"]
    for step in range(decisions):
        probe = engine.fork()
        probe.apply(Choose(policy.choose(engine, step)))
        if probe.is_over:
            break
        engine.apply(Choose(policy.choose(engine, step)))
    return engine.state


def first_estimate(ref: CampaignRef, campaign: Campaign, state: GameState) -> tuple[float, float, int]:
    """(seconds to the first estimate, seconds to 1,000 runs, decisions played)."""
    marks: list[float] = []
    gc.collect()
    t0 = time.perf_counter()

    def seen(_fc: Forecast) -> None:
        marks.append(time.perf_counter() - t0)

    fc = forecast(ref, campaign, state, "cautious", runs=1000, seed=7, precision=None, progress=seen)
    return marks[0], marks[-1], fc.decisions


def pooled(ref: CampaignRef, campaign: Campaign, state: GameState, repeats: int) -> tuple[float, float, float]:
    """Median seconds for 1,000 runs on 1 and on 2 processes, and the median paired ratio."""
    ones, twos, ratios = [], [], []
    with process_executor(2, _init_worker, (ref,)) as pool:
        forecast(ref, campaign, state, "cautious", runs=100, seed=1, precision=None, executor=pool)  # warm
        for _ in range(repeats):
            gc.collect()
            t = time.perf_counter()
            one = forecast(ref, campaign, state, "cautious", runs=1000, seed=7, precision=None)
            t1 = time.perf_counter() - t
            gc.collect()
            t = time.perf_counter()
            two = forecast(ref, campaign, state, "cautious", runs=1000, seed=7, precision=None, executor=pool)
            t2 = time.perf_counter() - t
            assert one == two, "the forecast must not depend on the workers"
            ones.append(t1)
            twos.append(t2)
            ratios.append(t1 / t2)
    return statistics.median(ones), statistics.median(twos), statistics.median(ratios)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--sensitivity-runs", type=int, default=20)
    parser.add_argument("--skip-sensitivity", action="store_true")
    args = parser.parse_args()
    content = load_content()
    ok = True
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    for cid, campaign in sorted(content.campaigns.items()):
        ref = CampaignRef(cid)
        remember(ref, campaign)
        state = mid_game(campaign, MID.get(cid, 10))
        firsts, totals, decisions = [], [], 0
        for _ in range(args.repeats):
            first, total, decisions = first_estimate(ref, campaign, state)
            firsts.append(first)
            totals.append(total)
        first = statistics.median(firsts)
        ok &= first <= 0.5
        print(
            f"{cid}: from decision {state.decisions} ({month_label(state.date)}): first estimate (50 runs) "
            f"{first:.3f} s (target <= 0.5 s); 1,000 runs {statistics.median(totals):.2f} s, "
            f"{decisions / statistics.median(totals):,.0f} decisions/s"
        )
        t1, t2, ratio = pooled(ref, campaign, state, args.repeats)
        ok &= ratio >= 1.8
        print(f"{cid}: 1,000 runs on 1 process {t1:.2f} s, on 2 {t2:.2f} s: speed-up {ratio:.2f}x (target >= 1.8x)")
    if not args.skip_sensitivity:
        for cid, campaign in sorted(content.campaigns.items()):
            ref = CampaignRef(cid)
            remember(ref, campaign)
            gc.collect()
            t = time.perf_counter()
            results = sensitivity(ref, campaign, ("random",), args.sensitivity_runs, 0)
            elapsed = time.perf_counter() - t
            print(
                f"{cid}: sensitivity of {len(knobs(campaign))} knobs ({len(results)} reported), "
                f"{args.sensitivity_runs} games per deck, one process: {elapsed:.1f} s"
            )
    print("all targets met" if ok else "SOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
