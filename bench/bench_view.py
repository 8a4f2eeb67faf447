"""The cost of building a View late in a Bukharin game (issue 10 item 9; target under 1 ms).

Two positions from random play (a seeded random policy, so they are the same every run):

- ``chances``: seed 24 after 113 decisions (1957): *The anti-party group*, three options with
  chances, 128 chronicle lines: the case the old deep copy per option made expensive;
- ``hand``: seed 29 after 137 decisions (1970), the longest of 40 games: a hand, 134 lines.

Each side is timed in the same run and the same GC state (collected before each side, off
while timing), median over ``--repeats``:

- ``old``: the View as defined before (a ``copy.deepcopy`` of the state per option with
  chances, every chronicle line and chart point converted afresh);
- ``new``: what the engine does at a new decision: the builder that built the previous
  decision's View builds this one (only the new lines are converted);
- ``cold``: a new builder (the first View after a load);
- ``again``: ``engine.view()`` asked again within the decision (a frontend's redraw): kept.

Run: ``python bench/bench_view.py [--repeats N]``.
"""

from __future__ import annotations

import argparse
import copy
import gc
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.content.loader import load_content
from game.core.commands import Choose
from game.core.engine import Engine
from game.core.model import Campaign, Option
from game.core.state import GameState, copy_state
from game.core.view import ViewBuilder

POSITIONS = {"chances": (24, 113), "hand": (29, 137)}


def deep_probe(state: GameState, option: Option) -> list[float]:
    """The old preview: the option's effects applied to a deep copy of the whole state."""
    probe = copy.deepcopy(state)
    for effect in option.effects:
        effect(probe)
    return option.chances(probe)


def position(campaign: Campaign, seed: int, decisions: int) -> tuple[Engine, GameState]:
    """The engine after ``decisions`` random choices, and a copy of its state one decision before."""
    engine = Engine(campaign, seed)
    rnd = random.Random(seed)
    previous = copy_state(engine.state)
    for _ in range(decisions):
        previous = copy_state(engine.state)
        engine.apply(Choose(rnd.choice(engine.choices())))
    return engine, previous


def median_ms(run: Callable[[], object], repeats: int) -> float:
    """Median milliseconds of ``run`` over repeats, with the collector run first and then off."""
    gc.collect()
    gc.disable()
    try:
        times = []
        for _ in range(repeats):
            t = time.perf_counter()
            run()
            times.append(time.perf_counter() - t)
    finally:
        gc.enable()
    return statistics.median(times) * 1000


def measure(engine: Engine, previous: GameState, repeats: int) -> dict[str, float]:
    campaign, state = engine.campaign, engine.state
    reports, before = engine._reports, engine._before

    def old() -> object:
        return ViewBuilder(campaign, probe=deep_probe).build(state, reports, before)

    def new() -> float:
        builder = ViewBuilder(campaign)
        builder.build(previous)  # the previous decision's View, as the engine built it
        t = time.perf_counter()
        builder.build(state, reports, before)
        return time.perf_counter() - t

    def cold() -> object:
        return ViewBuilder(campaign).build(state, reports, before)

    # ``new`` times only its second build: collect per-call times directly.
    gc.collect()
    gc.disable()
    try:
        new_ms = statistics.median([new() for _ in range(repeats)]) * 1000
    finally:
        gc.enable()
    engine.view()
    return {
        "old": median_ms(old, repeats),
        "new": new_ms,
        "cold": median_ms(cold, repeats),
        "again": median_ms(engine.view, repeats),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=100)
    args = parser.parse_args()
    campaign = load_content().campaigns["bukharin"]
    print(f"View build late in a Bukharin game, median of {args.repeats} (target: new < 1 ms)")
    print(f"{'position':<10} {'old':>9} {'new':>9} {'cold':>9} {'again':>9} {'old/new':>8}")
    worst = 0.0
    for name, (seed, decisions) in POSITIONS.items():
        engine, previous = position(campaign, seed, decisions)
        r = measure(engine, previous, args.repeats)
        worst = max(worst, r["new"])
        print(
            f"{name:<10} {r['old']:>7.3f}ms {r['new']:>7.3f}ms {r['cold']:>7.3f}ms {r['again']:>7.4f}ms"
            f" {r['old'] / r['new']:>7.0f}x"
        )
    print(f"worst new: {worst:.3f} ms ({'within' if worst < 1 else 'OVER'} the 1 ms target)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
