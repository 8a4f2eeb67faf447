"""Simulation speed on the shipped content (issue 4).

Targets: at least 500 complete games per second per core; `--workers 2` at least 1.7x
`--workers 1`; a full calibration of both campaigns within 60 s on a 2-core machine.
Figures are medians over repeats; the parallel figure is a ratio measured in the same run.
Run: python bench/bench_sim.py [--games N] [--repeats R] [--skip-calibrate]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.content.loader import load_content
from game.sim.calibrate import calibrate
from game.sim.policies import POLICIES
from game.sim.runner import CampaignRef, default_workers, play, remember, simulate


def games_per_second(campaign, policy: str, games: int) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    for i in range(games):
        play(campaign, POLICIES[policy], i)
    return games / (time.perf_counter() - start)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--games", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip-calibrate", action="store_true")
    args = parser.parse_args()
    content = load_content()
    ok = True
    print(f"cores available: {default_workers()}")
    for cid, campaign in sorted(content.campaigns.items()):
        for policy in ("random", "historical", "bold"):
            rates = [games_per_second(campaign, policy, args.games // 2) for _ in range(args.repeats)]
            rate = statistics.median(rates)
            ok &= rate >= 500
            print(f"{cid:>13} {policy:>10}: {rate:8.0f} games/s on one core (median of {args.repeats}; target >= 500)")
    for cid, campaign in sorted(content.campaigns.items()):
        ref = CampaignRef(cid)
        remember(ref, campaign)
        timings: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(args.repeats):
            for workers in (1, 2):
                start = time.perf_counter()
                simulate(ref, args.games * 2, "random", seed=1, workers=workers)
                timings[workers].append(time.perf_counter() - start)
        t1, t2 = statistics.median(timings[1]), statistics.median(timings[2])
        ok &= t1 / t2 >= 1.7
        print(
            f"{cid:>13} simulate {args.games * 2} games: workers 1 {t1:.2f} s, workers 2 {t2:.2f} s, speed-up {t1 / t2:.2f}x (target >= 1.7x)"
        )
    if not args.skip_calibrate:
        start = time.perf_counter()
        total = 0
        for cid, campaign in sorted(content.campaigns.items()):
            ref = CampaignRef(cid)
            remember(ref, campaign)
            results = calibrate(ref, campaign, workers=default_workers())
            total += len(results)
        elapsed = time.perf_counter() - start
        ok &= elapsed <= 60
        print(
            f"full calibration: {total} constraints of {len(content.campaigns)} campaigns in {elapsed:.1f} s (target <= 60 s)"
        )
    print("all targets met" if ok else "SOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
