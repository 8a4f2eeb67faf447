"""Frame time of the pygame frontend at 1920x1080 (headless), median of repeats.

Draws each main screen many times onto an off-screen Surface and reports the median and
the 95th percentile per frame (CPU time of the drawing thread), and the first (uncached)
frame for comparison, each beside a floor measured in the same run: one full-window fill and
one full-window blit, the least any frame costs. Run: ``python bench/bench_pygame.py [--repeats N]``.
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
from game.ui.outlook import Forecast, ForecastWork, Odds
from game.ui.pygame.screenshot import build

SIZE = (1920, 1080)
# CPU time of this thread, not wall time: on a machine shared with other work a wall clock
# counts the time the process waits for a core; the floor is measured the same way
clock = time.thread_time


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


def canned_forecast(_engine: Engine) -> ForecastWork:
    """A forecast panel's worth of estimates (the numbers do not matter to the frame time)."""
    endings = tuple(Odds(f"Ending {i}", 0.5 / (i + 1), 0.4 / (i + 1), 0.6 / (i + 1)) for i in range(8))
    fc = Forecast("if you play on like a cautious player", 900, 2000, False, endings, endings[:3], "May 1938")
    return lambda report, _cancelled: report(fc)


def floor_once(surface: pygame.Surface, under: pygame.Surface) -> float:
    """Ms of the least a 1920x1080 frame can cost: one full fill and one full blit (the
    machine's memory bandwidth; measured beside every frame, so a loaded machine shows as such)."""
    t = clock()
    surface.fill((239, 230, 210))
    surface.blit(under, (0, 0))
    return (clock() - t) * 1000


def bench(screen: str, engine: Engine, repeats: int) -> tuple[float, float, float, float]:
    """(first frame ms, median ms, p95 ms, median ratio to the floor) of fully redrawing one
    screen: every repeat draws the whole screen (dirty, nothing skipped), right after a floor
    measurement on the same surfaces, so both see the same load."""
    extra = {"forecast": canned_forecast} if screen == "forecast" else {}
    app = build(engine, screen, SIZE, historian=True, **extra)  # type: ignore[arg-type]
    surface = pygame.Surface(SIZE)
    under = pygame.Surface(SIZE)
    t = clock()
    app.draw(surface)
    first = (clock() - t) * 1000
    times, ratios = [], []
    for _ in range(repeats):
        base = floor_once(surface, under)
        app.dirty = True
        t = clock()
        app.draw(surface)
        ms = (clock() - t) * 1000
        times.append(ms)
        ratios.append(ms / base)
    times.sort()
    return first, statistics.median(times), times[int(len(times) * 0.95) - 1], statistics.median(ratios)


def floor(repeats: int) -> float:
    """Median ms of the floor on its own."""
    surface, under = pygame.Surface(SIZE), pygame.Surface(SIZE)
    return statistics.median(floor_once(surface, under) for _ in range(repeats))


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
        t = clock()
        app.draw(surface)
        times.append((clock() - t) * 1000)
    return statistics.median(times[1:])


def new_pages(engine: Engine, decisions: int) -> tuple[float, float, float]:
    """(median, max ms, floors) of the first frame of each new page while playing on: what came
    of a choice, then the next decision (new prose, gauges, chronicle: nothing of it cached but
    the fonts)."""
    app = build(engine, "table", SIZE, historian=True)
    surface = pygame.Surface(SIZE)
    under = pygame.Surface(SIZE)
    app.draw(surface)
    table = app.top
    times, ratios = [], []
    for _ in range(decisions):
        table.choose(0)
        if app.top is not table:
            break
        app.clock_ms = (app.clock_ms or 0) + 10**6  # the gauges at rest on their new values
        for _page in range(2):
            base = floor_once(surface, under)
            t = clock()
            app.draw(surface)
            ms = (clock() - t) * 1000
            times.append(ms)
            ratios.append(ms / base)
            table.proceed()
    return statistics.median(times), max(times), statistics.median(ratios)


def focus_move(engine: Engine, repeats: int) -> float:
    """Median ms of the table's frame after the focus moved to the next option (arrow keys, the
    mouse over the options): only the two buttons are redrawn."""
    app = build(engine, "table", SIZE, historian=False)
    surface = pygame.Surface(SIZE)
    table = app.top
    app.draw(surface)
    times = []
    for _ in range(repeats):
        table.move_focus(1)
        t = clock()
        app.draw(surface)
        times.append((clock() - t) * 1000)
        assert app.damage is not None, "a focus move redraws only what changed"
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_mode(SIZE)  # as in play: text lines are converted to the window's pixel format
    engine = game()
    print(f"pygame full redraw at {SIZE[0]}x{SIZE[1]} ({args.repeats} repeats; budget 8 ms)")
    print(f"{'screen':<12} {'first':>8} {'median':>8} {'p95':>8} {'floors':>7}")
    worst, worst_ratio = 0.0, 0.0
    for screen in ("title", "table", "forecast", "aftermath", "timeline", "ending", "help", "console"):
        first, median, p95, ratio = bench(screen, engine, args.repeats)
        worst, worst_ratio = max(worst, median), max(worst_ratio, ratio)
        print(f"{screen:<12} {first:>6.2f}ms {median:>6.2f}ms {p95:>6.2f}ms {ratio:>6.1f}x")
    base = floor(args.repeats)
    print(f"worst median: {worst:.2f} ms ({'within' if worst < 8 else 'OVER'} the 8 ms budget)")
    print(f"floor (one full fill + one full blit): {base:.2f} ms; worst screen = {worst_ratio:.1f} floors (paired)")
    slide = sliding(engine, args.repeats)
    print(f"table while the gauges slide: {slide:.2f} ms = {slide / base:.1f} floors")
    median, most, ratio = new_pages(engine, 12)
    print(
        f"first frame of each new page (12 decisions): median {median:.2f} ms, max {most:.2f} ms = {ratio:.1f} floors"
    )
    moved = focus_move(engine, args.repeats)
    print(f"table after a focus move (two buttons redrawn): {moved:.2f} ms = {moved / base:.2f} floors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
