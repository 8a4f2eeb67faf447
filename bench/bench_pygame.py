"""Frame time of the pygame frontend at 1920x1080 (headless), median of repeats.

Draws each main screen many times onto an off-screen Surface and reports the median and
the 95th percentile per frame, and the first (uncached) frame for comparison: the text
cache is what keeps steady frames fast. Run: ``python bench/bench_pygame.py [--repeats N]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pygame

from game.content.loader import load_content
from game.core.commands import Choose
from game.core.engine import Engine
from game.ui.pygame.screenshot import build

SIZE = (1920, 1080)


def game() -> Engine:
    """A shipped-campaign game some decisions in, so the chronicle and chart have content."""
    content = load_content()
    campaign = content.campaigns[sorted(content.campaigns)[0]]
    engine = Engine(campaign, 1937)
    for _ in range(15):
        d = engine.view().decision
        if d is None:
            break
        engine.apply(Choose(next(c for c in d.choices if c.available).id, d.card))
    return engine


def bench(screen: str, engine: Engine, repeats: int) -> tuple[float, float, float]:
    """(first frame ms, median ms, p95 ms) of drawing one screen."""
    app = build(engine, screen, SIZE, historian=True)
    surface = pygame.Surface(SIZE)
    t = time.perf_counter()
    app.draw(surface)
    first = (time.perf_counter() - t) * 1000
    times = []
    for _ in range(repeats):
        app.dirty = True
        t = time.perf_counter()
        app.draw(surface)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return first, statistics.median(times), times[int(len(times) * 0.95) - 1]


def floor(repeats: int) -> float:
    """Median ms of the least a 1920x1080 frame can cost: one full fill and one full blit (the
    machine's memory bandwidth, measured in the same run so a loaded machine shows as such)."""
    surface, under = pygame.Surface(SIZE), pygame.Surface(SIZE)
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        surface.fill((239, 230, 210))
        surface.blit(under, (0, 0))
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def sliding(engine: Engine, repeats: int) -> float:
    """Median ms of a table frame while the gauges slide (the frames drawn 60 times a second)."""
    app = build(engine, "table", SIZE, historian=True)
    surface = pygame.Surface(SIZE)
    table = app.top
    times = []
    app.clock_ms = 1000
    for g in table.gauges:  # every gauge starts a slide across its whole range
        g.start, g.target, g.t0 = float(g.lo), float(g.hi), app.clock_ms
    for _ in range(repeats):
        app.clock_ms += 1  # still sliding: the slide lasts longer than the repeats
        assert table.animating()
        t = time.perf_counter()
        app.draw(surface)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times[1:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    pygame.display.init()
    pygame.font.init()
    engine = game()
    print(f"pygame frame time at {SIZE[0]}x{SIZE[1]} ({args.repeats} repeats; budget 8 ms)")
    print(f"{'screen':<12} {'first':>8} {'median':>8} {'p95':>8}")
    worst = 0.0
    for screen in ("title", "table", "aftermath", "timeline", "ending", "help", "console"):
        first, median, p95 = bench(screen, engine, args.repeats)
        worst = max(worst, median)
        print(f"{screen:<12} {first:>6.2f}ms {median:>6.2f}ms {p95:>6.2f}ms")
    print(f"worst median: {worst:.2f} ms ({'within' if worst < 8 else 'OVER'} the 8 ms budget)")
    base = floor(args.repeats)
    slide = sliding(engine, args.repeats)
    print(f"floor (one full fill + one full blit): {base:.2f} ms; worst full frame = {worst / base:.1f} floors")
    print(f"table while the gauges slide: {slide:.2f} ms = {slide / base:.1f} floors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
