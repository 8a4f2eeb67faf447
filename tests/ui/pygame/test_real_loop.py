"""The pygame frontend through its real loop and the real clock (SDL's dummy video driver):
gauges slide to their new values and come to rest, the loop then draws nothing while idle,
typed text arrives once, and the window cannot be made smaller than the minimum."""

from __future__ import annotations

from collections.abc import Iterator

import pygame
import pytest

from game.core.model import Campaign
from game.ui.pygame.app import MIN_SIZE, App
from game.ui.pygame.console import ConsoleScreen
from game.ui.pygame.table import TableScreen
from game.ui.pygame.widgets import Gauge
from tests.ui.pygame.test_play import make_app

IDLE = pygame.USEREVENT + 7


@pytest.fixture()
def app(testcamp: Campaign) -> Iterator[App]:
    app = make_app(testcamp)
    app.open_window()
    yield app
    pygame.event.clear()
    pygame.display.set_mode((1280, 800))  # leave the shared headless display as the other tests expect


def post_key(k: int, text: str = "") -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=text, scancode=0))
    if text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))


def run_until(app: App, done: object, limit_ms: int = 5000) -> None:
    """Turn the real loop until ``done()``; a safety timer event keeps a bug from hanging."""
    start = pygame.time.get_ticks()
    pygame.time.set_timer(IDLE, 50)
    try:
        while not done():  # type: ignore[operator]
            assert pygame.time.get_ticks() - start < limit_ms, "the loop did not get there in time"
            app.step()
    finally:
        pygame.time.set_timer(IDLE, 0)


def test_gauges_reach_their_new_values_then_the_loop_rests(app: App) -> None:
    app.start("testcamp", 11)
    table = app.top
    assert isinstance(table, TableScreen)
    post_key(pygame.K_RETURN)  # leave the intro
    run_until(app, lambda: table.mode == "decision")
    before = {m.id: m.value for m in table.view.meters}
    t0 = pygame.time.get_ticks()
    for _ in range(8):  # decide until a decision moves a meter
        post_key(pygame.K_1, "1")
        run_until(app, lambda: table.mode != "decision" or table.engine.is_over)
        if {m.id: m.value for m in table.view.meters} != before or table.engine.is_over:
            break
        post_key(pygame.K_RETURN)
        run_until(app, lambda: table.mode == "decision")
    after = {m.id: m.value for m in table.view.meters}
    assert after != before, "no decision moved a meter in this seed"
    assert app.animating(), "a moved meter slides (animations are on by default)"
    frames = 0
    draw = app.draw

    def counting(surface: pygame.Surface) -> None:
        nonlocal frames
        frames += 1
        draw(surface)

    app.draw = counting  # type: ignore[method-assign]
    run_until(app, lambda: not app.animating() and not app.dirty)
    assert pygame.time.get_ticks() - t0 >= Gauge.DURATION_MS, "the real clock drives the slide"
    assert frames >= 3, "the slide is drawn frame by frame"
    now = app.now()
    assert {g.id: g.value(now) for g in table.gauges} == {k: float(v) for k, v in after.items()}
    # at rest: a foreign event wakes the loop but nothing is drawn
    resting = frames
    pygame.event.post(pygame.event.Event(IDLE))
    app.step()
    assert frames == resting


def test_typed_text_arrives_once_in_the_console(app: App) -> None:
    app.start("testcamp", 11)
    post_key(pygame.K_F12)
    run_until(app, lambda: isinstance(app.top, ConsoleScreen))
    for ch in "meters":
        post_key(ord(ch), ch)
    console = app.top
    assert isinstance(console, ConsoleScreen)
    run_until(app, lambda: len(console.line) >= 6 and not pygame.event.peek())
    assert console.line == "meters"


def test_the_window_is_kept_at_least_the_minimum_size(app: App) -> None:
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=700, h=450, size=(700, 450)))
    pygame.event.post(pygame.event.Event(IDLE))
    app.step()
    window = pygame.display.get_surface()
    assert window is not None
    assert window.get_size() == MIN_SIZE
    assert app.size == MIN_SIZE
