"""Idle CPU and real-loop frame time of the pygame frontend.

Runs the REAL loop (``App.open_window`` + ``App.step``, the real clock) on a game in progress:

- idle: the game at rest for ``--seconds`` (default 5); CPU = ``time.process_time()`` of the
  loop over wall time, against a floor measured in the same run: a bare ``pygame.event.wait``
  loop over the same time (what SDL itself costs on this video driver; SDL's dummy driver
  polls every millisecond, X11 under Xvfb truly blocks). Target: under 3% of a core.
- frames: the gauges sliding at 1920x1080 in the real loop, the time of each frame's draw and
  flip (median and 95th percentile over ``--repeats`` slides).

Run: ``python bench/bench_pygame_idle.py`` (``SDL_VIDEODRIVER=x11 DISPLAY=:1`` for a real
window; dummy by default).
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
from game.core.engine import Engine
from game.ui.pygame.app import App
from game.ui.pygame.menus import TitleScreen
from game.ui.pygame.table import TableScreen
from game.ui.services import CampaignInfo, Services

WAKE = pygame.USEREVENT + 9
SIZE = (1920, 1080)


def cpu_share(loop_once: object, seconds: float) -> float:
    """CPU time over wall time of calling ``loop_once`` until ``seconds`` pass (a timer event
    every 250 ms ends a blocking wait so the clock is checked, as a player's idle would not)."""
    pygame.time.set_timer(WAKE, 250)
    t_wall, t_cpu = time.perf_counter(), time.process_time()
    while time.perf_counter() - t_wall < seconds:
        loop_once()  # type: ignore[operator]
    share = (time.process_time() - t_cpu) / (time.perf_counter() - t_wall)
    pygame.time.set_timer(WAKE, 0)
    return share


def settle(app: App) -> None:
    """Run the loop until nothing moves and the last frame is drawn (a timer keeps waking it)."""
    pygame.time.set_timer(WAKE, 20)
    while app.animating() or app.dirty:
        app.step()
    pygame.time.set_timer(WAKE, 0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    content = load_content()
    campaign = content.campaigns["bukharin"]
    services = Services([CampaignInfo("bukharin", campaign.title, "", "")], lambda _c, s: Engine(campaign, s))
    app = App(services, SIZE)
    app.stack = [TitleScreen(app)]
    app.open_window()
    app.window = pygame.display.set_mode(SIZE, pygame.RESIZABLE)
    app.resize(SIZE)
    app.start("bukharin", 11)
    table = app.top
    assert isinstance(table, TableScreen)
    settle(app)

    floor = cpu_share(lambda: pygame.event.wait(), args.seconds)
    idle = cpu_share(app.step, args.seconds)
    print(f"driver {pygame.display.get_driver()}; {args.seconds:.0f} s each")
    print(f"idle CPU: loop {idle * 100:.2f}% of a core; bare event.wait floor {floor * 100:.2f}%")
    print(f"  over the floor: {(idle - floor) * 100:+.2f} points ({'within' if idle < 0.03 else 'OVER'} 3%)")

    frames: list[float] = []
    draw = app.draw

    flip, update = pygame.display.flip, pygame.display.update
    started: list[tuple[float, float]] = []
    cpu: list[float] = []

    def timed_draw(surface: pygame.Surface) -> None:
        started.append((time.perf_counter(), time.thread_time()))
        draw(surface)

    def shown(*rects: object) -> None:  # the loop's flip or update ends the frame
        (update if rects else flip)(*rects)  # type: ignore[operator]
        if started:
            wall, thread = started.pop()
            frames.append((time.perf_counter() - wall) * 1000)
            cpu.append((time.thread_time() - thread) * 1000)

    app.draw = timed_draw  # type: ignore[method-assign]
    pygame.display.flip = shown  # type: ignore[assignment]
    pygame.display.update = shown  # type: ignore[assignment]
    for _ in range(args.repeats):
        for g in table.gauges:  # slide every gauge over its whole range again
            g.retarget(g.lo if g.target > (g.lo + g.hi) / 2 else g.hi, 1, app.now(), True)
        app.dirty = True
        pygame.time.set_timer(WAKE, 20)
        while app.animating() or app.dirty:
            app.step()
        pygame.time.set_timer(WAKE, 0)
    pygame.display.flip, pygame.display.update = flip, update  # type: ignore[assignment]
    frames.sort()
    cpu.sort()
    print(
        f"frames at {SIZE[0]}x{SIZE[1]} while sliding: {len(frames)} frames (draw + flip, or update of the changed"
        f" rects; budget 16 ms): wall median {statistics.median(frames):.2f} ms, p95"
        f" {frames[int(len(frames) * 0.95) - 1]:.2f} ms; CPU of the loop's thread median {statistics.median(cpu):.2f} ms,"
        f" p95 {cpu[int(len(cpu) * 0.95) - 1]:.2f} ms"
    )
    pygame.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
