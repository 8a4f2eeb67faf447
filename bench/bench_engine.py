"""Engine cost per turn with 10,000 cards loaded vs 100 (about 50 eligible at any date either way),
and complete headless games per second with the shipped content.

Targets (issue 2): per-turn cost with 10,000 cards within 2x of the cost with 100 (the index,
not a scan, decides); at least 500 complete games per second on one core.
Run: python bench/bench_engine.py [--repeats R]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.gen import write
from game.content.loader import load_content
from game.core.commands import Choose
from game.core.engine import Engine
from game.core.model import Campaign


def play(campaign: Campaign, seeds: range) -> tuple[float, int]:
    """Play one game per seed with seeded random choices; return (seconds, turns)."""
    turns = 0
    start = time.perf_counter()
    for seed in seeds:
        engine = Engine(campaign, seed)
        rnd = random.Random(seed)
        while not engine.is_over:
            engine.apply(Choose(rnd.choice(engine.choices())))
        turns += engine.state.turn
    return time.perf_counter() - start, turns


def paired_per_turn(small: Campaign, large: Campaign, games: int, repeats: int) -> tuple[float, float, float]:
    """Per-turn cost of each set, timed in alternation so machine load falls on both alike.

    Returns the median cost of each and the median of the paired ratios.
    """
    for campaign in (small, large):
        play(campaign, range(3))  # warm the index's per-month cache
    costs: dict[int, list[float]] = {0: [], 1: []}
    ratios = []
    for r in range(repeats):
        seeds = range(100 + r * games, 100 + (r + 1) * games)
        pair = []
        for i, campaign in enumerate((small, large)):
            seconds, turns = play(campaign, seeds)
            costs[i].append(seconds / turns)
            pair.append(seconds / turns)
        ratios.append(pair[1] / pair[0])
    return statistics.median(costs[0]), statistics.median(costs[1]), statistics.median(ratios)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--games", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small = load_content([write(Path(tmp) / "small", 100)]).campaigns["big"]
        large = load_content([write(Path(tmp) / "large", 10_000)]).campaigns["big"]
    live_small = (
        statistics.mean(len(small.index.at(k, m)) for k in ("event", "action", "world") for m in range(23160, 23400))
        * 3
    )
    live_large = (
        statistics.mean(len(large.index.at(k, m)) for k in ("event", "action", "world") for m in range(23160, 23400))
        * 3
    )
    s, big, ratio = paired_per_turn(small, large, args.games, args.repeats)
    print(f"100 cards    (~{live_small:.0f} in the date window): {s * 1e6:.1f} us per turn")
    print(f"10,000 cards (~{live_large:.0f} in the date window): {big * 1e6:.1f} us per turn")
    print(f"ratio (median of {args.repeats} paired runs): {ratio:.2f}x (target <= 2.0x)")

    shipped = load_content()
    for cid, campaign in sorted(shipped.campaigns.items()):
        rates = []
        for r in range(args.repeats):
            seconds, _ = play(campaign, range(r * 200, (r + 1) * 200))
            rates.append(200 / seconds)
        print(f"shipped {cid}: {statistics.median(rates):.0f} complete random games per second (target >= 500)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
