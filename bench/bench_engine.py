"""Engine speed: decisions per second per core on the shipped campaigns, beside the floor; and
the cost of a turn with 10,000 cards loaded against 100.

Speed (issue 14 item 6; target >= 60,000 decisions per second per core): complete games of
every shipped campaign and start, played by the simulator's random policy (``runner.play``),
timed in CPU seconds of this process (so a busy machine slows the figure less than wall time
would). Beside it, in the same run, the FLOOR: the same games' live cards — at every turn
every card of each kind whose date window holds the date — with their compiled conditions
and weight modifiers evaluated alone, as the engine's eligibility check did before its
shortcuts (a fired ``once`` card skipped, a false condition stopping the card; no gate of
needed flags, cards of weight 0 read too), and nothing else: no dice, no effects, no logs.
The engine now skips much of that reading (``Card.needs``), so it may beat parts of the
floor; the floor is kept as it was so that the ratio is the same yardstick as before. The ratio engine / floor says how much the engine spends beyond reading its cards.
Both sides see the same decisions count, run alternately in each repeat after a
``gc.collect()`` with the same objects alive, and the figures are medians over repeats (the
ratio is the median of the paired ratios).

Scale (issue 2; target: a turn with 10,000 cards within 2x of a turn with 100, about 50
live at any date either way): synthetic content from ``bench.gen``.

Run: python bench/bench_engine.py [--repeats R] [--games N] [--part speed|scale|all]
"""

from __future__ import annotations

import argparse
import gc
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
from game.core.model import Campaign, Card
from game.core.ops import CondFn
from game.core.state import GameState
from game.sim.policies import POLICIES
from game.sim.runner import play as sim_play

TARGET = 60_000
KINDS = ("world", "event", "action")


# --- speed: decisions per second per core beside the floor -----------------------------------


def engine_side(campaign: Campaign, start: str, seeds: range) -> tuple[float, int]:
    """CPU seconds to play one random-policy game per seed, and the decisions taken."""
    policy = POLICIES["random"]
    decisions = 0
    gc.collect()
    t0 = time.process_time()
    for seed in seeds:
        decisions += sim_play(campaign, policy, seed, start=start, lean=True).state.decisions
    return time.process_time() - t0, decisions


def turn_states(campaign: Campaign, start: str, seeds: range) -> list[GameState]:
    """The state at the first decision of every turn of the same games (untimed)."""
    policy = POLICIES["random"]
    states: list[GameState] = []
    for seed in seeds:
        engine = Engine(campaign, seed, start=start)
        turn, step = -1, 0
        while not engine.is_over:
            if engine.state.turn != turn:
                turn = engine.state.turn
                states.append(engine.fork().state)
            engine.apply(Choose(policy.choose(engine, step)))
            step += 1
    return states


FloorEntry = tuple[Card, str, bool, CondFn | None, bool, tuple[tuple[CondFn, float, float], ...] | None]


def floor_table(campaign: Campaign, kind: str, month: int) -> tuple[FloorEntry, ...]:
    """Every card of the kind whose date window holds the month, as flat tuples.

    The floor reads the cards as the engine did before its shortcuts (no gate of needed
    flags, cards of weight 0 included, the whole condition), so its figure stays the same
    yardstick from one change of the engine to the next."""
    return tuple(
        (
            c,
            c.id,
            c.once,
            c.condition,
            c.free_option,
            tuple((m.condition, m.add, m.mul) for m in c.weight.modifiers) or None,
        )
        for c in campaign.index.at(kind, month)
    )


def floor_side(campaign: Campaign, states: list[GameState]) -> float:
    """CPU seconds to evaluate the live cards' conditions and weights once per turn state."""
    tables = [[floor_table(campaign, kind, s.date) for kind in KINDS] for s in states]  # outside the clock
    gc.collect()
    t0 = time.process_time()
    for s, per_kind in zip(states, tables, strict=True):
        fired = s.fired
        for entries in per_kind:
            for card, cid, once, condition, free_option, modifiers in entries:
                if once and cid in fired:
                    continue
                if condition is not None and not condition(s):
                    continue
                if not free_option:
                    for o in card.options:
                        if o.requires is None or o.requires(s):
                            break
                if modifiers is not None:
                    for applies, _add, _mul in modifiers:
                        applies(s)
    return time.process_time() - t0


def speed(repeats: int, games: int) -> bool:
    """Print decisions/s/core and the floor for every shipped campaign and start."""
    content = load_content()
    ok = True
    print(f"decisions per second per core, random policy, {games} games per repeat, median of {repeats}")
    print(f"{'campaign:start':<28} {'dec/game':>8} {'engine dec/s':>13} {'floor dec/s':>12} {'ratio':>6}  target")
    for cid, campaign in sorted(content.campaigns.items()):
        for st in campaign.starts:
            seeds = range(10_000, 10_000 + games)
            states = turn_states(campaign, st.id, seeds)
            engine_side(campaign, st.id, range(3))  # warm the index's per-month cache
            rates, floors, ratios = [], [], []
            decisions = 0
            for _ in range(repeats):
                seconds, decisions = engine_side(campaign, st.id, seeds)
                floor = floor_side(campaign, states)
                rates.append(decisions / seconds)
                floors.append(decisions / floor)
                ratios.append(seconds / floor)
            rate = statistics.median(rates)
            ok &= rate >= TARGET
            print(
                f"{cid + ':' + st.id:<28} {decisions / games:8.1f} {rate:13,.0f} {statistics.median(floors):12,.0f}"
                f" {statistics.median(ratios):5.1f}x  {'met' if rate >= TARGET else 'MISSED'} (>= {TARGET:,})"
            )
    return ok


# --- scale: 10,000 cards against 100 ---------------------------------------------------------


def play_random(campaign: Campaign, seeds: range) -> tuple[float, int]:
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
        play_random(campaign, range(3))  # warm the index's per-month cache
    costs: dict[int, list[float]] = {0: [], 1: []}
    ratios = []
    for r in range(repeats):
        seeds = range(100 + r * games, 100 + (r + 1) * games)
        pair = []
        for i, campaign in enumerate((small, large)):
            gc.collect()
            seconds, turns = play_random(campaign, seeds)
            costs[i].append(seconds / turns)
            pair.append(seconds / turns)
        ratios.append(pair[1] / pair[0])
    return statistics.median(costs[0]), statistics.median(costs[1]), statistics.median(ratios)


def live(campaign: Campaign) -> float:
    """Cards of any kind live at a date, on average over the synthetic span."""
    return (
        statistics.mean(len(campaign.index.at(k, m)) for k in ("event", "action", "world") for m in range(23160, 23400))
        * 3
    )


def scale(repeats: int, games: int) -> bool:
    """Print the per-turn cost with 100 and with 10,000 cards."""
    with tempfile.TemporaryDirectory() as tmp:
        small = load_content([write(Path(tmp) / "small", 100)]).campaigns["big"]
        large = load_content([write(Path(tmp) / "large", 10_000)]).campaigns["big"]
    s, big, ratio = paired_per_turn(small, large, games, repeats)
    print(f"100 cards    (~{live(small):.0f} in the date window): {s * 1e6:.1f} us per turn")
    print(f"10,000 cards (~{live(large):.0f} in the date window): {big * 1e6:.1f} us per turn")
    print(f"ratio (median of {repeats} paired runs): {ratio:.2f}x (target <= 2.0x)")
    return ratio <= 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--games", type=int, default=300, help="games per campaign start and repeat (speed)")
    parser.add_argument("--part", choices=("speed", "scale", "all"), default="all")
    args = parser.parse_args()
    ok = True
    if args.part in ("speed", "all"):
        ok &= speed(args.repeats, args.games)
    if args.part in ("scale", "all"):
        ok &= scale(args.repeats, 20)
    print("all targets met" if ok else "SOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
