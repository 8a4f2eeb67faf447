"""Simulation speed on the shipped content (issues 4 and 14).

Targets: at least 500 complete games per second per core; `--workers 2` at least 1.8x
`--workers 1`; a full calibration of both campaigns within 60 s on a 2-core machine.

The `--workers` figure is taken honestly on a shared machine: each run (1 worker, then 2,
alternating, `--repeats` times) is a fresh process playing the same games, and reports its
wall time, its CPU time with its worker processes' (so the CPU time per game, which shows
what a second process costs in overhead), the cores it actually had (CPU / wall) and the
load average around it. The speed-up is the median of wall times; on a machine whose other
work leaves less than two cores free it cannot reach 2x, and the cores-had column says so.
Run: python bench/bench_sim.py [--games N] [--repeats R] [--part rate|workers|calibrate|all]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.content.loader import load_content
from game.sim.calibrate import calibrate
from game.sim.policies import POLICIES
from game.sim.runner import CampaignRef, default_workers, play, remember, simulate

SPEED_UP = 1.8


def games_per_second(campaign, policy: str, games: int) -> float:  # type: ignore[no-untyped-def]
    start = time.process_time()
    for i in range(games):
        play(campaign, POLICIES[policy], i, lean=True)
    return games / (time.process_time() - start)


def one_run(campaign: str, games: int, workers: int) -> dict[str, Any]:
    """In this (fresh) process: simulate the games with this many workers; the figures."""
    content = load_content()
    ref = CampaignRef(campaign)
    remember(ref, content.campaigns[campaign])
    load = os.getloadavg()[0]
    cpu0 = resource.getrusage(resource.RUSAGE_SELF).ru_utime + resource.getrusage(resource.RUSAGE_SELF).ru_stime
    start = time.perf_counter()
    simulate(ref, games, "random", seed=1, workers=workers)  # the pool is joined on return
    wall = time.perf_counter() - start
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = me.ru_utime + me.ru_stime - cpu0 + kids.ru_utime + kids.ru_stime
    return {"wall": wall, "cpu": cpu, "load": (load + os.getloadavg()[0]) / 2}


def workers_speed_up(campaign: str, games: int, repeats: int) -> bool:
    """Alternate fresh processes with 1 and 2 workers; print medians and the speed-up."""
    runs: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
    for _ in range(repeats):
        for workers in (1, 2):
            out = subprocess.run(
                [sys.executable, __file__, "--one-run", campaign, str(games), str(workers)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            runs[workers].append(json.loads(out.strip().splitlines()[-1]))
    wall = {w: statistics.median(r["wall"] for r in runs[w]) for w in runs}
    for w in (1, 2):
        cpu = statistics.median(r["cpu"] for r in runs[w])
        had = statistics.median(r["cpu"] / r["wall"] for r in runs[w])
        load = statistics.median(r["load"] for r in runs[w])
        print(
            f"{campaign:>13} {games} games, workers {w}: wall {wall[w]:6.2f} s, CPU {cpu:6.2f} s "
            f"({cpu / games * 1e3:.2f} ms a game), cores had {had:4.2f}, load average {load:4.1f}"
        )
    ratio = wall[1] / wall[2]
    print(f"{campaign:>13} --workers 2 speed-up {ratio:.2f}x (median of {repeats}; target >= {SPEED_UP}x)")
    return ratio >= SPEED_UP


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--games", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--part", choices=("rate", "workers", "calibrate", "all"), default="all")
    parser.add_argument("--one-run", nargs=3, metavar=("CAMPAIGN", "GAMES", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_run:
        campaign, games, workers = args.one_run
        print(json.dumps(one_run(campaign, int(games), int(workers))))
        return 0
    content = load_content()
    ok = True
    print(f"cores available: {default_workers()}, load average {os.getloadavg()[0]:.1f}")
    if args.part in ("rate", "all"):
        for cid, campaign in sorted(content.campaigns.items()):
            for policy in ("random", "historical", "bold"):
                rates = [games_per_second(campaign, policy, args.games // 2) for _ in range(args.repeats)]
                rate = statistics.median(rates)
                ok &= rate >= 500
                print(
                    f"{cid:>13} {policy:>10}: {rate:8.0f} games/s per core, CPU time (median of {args.repeats}; target >= 500)"
                )
    if args.part in ("workers", "all"):
        for cid in sorted(content.campaigns):
            ok &= workers_speed_up(cid, args.games * 2, args.repeats)
    if args.part in ("calibrate", "all"):
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
