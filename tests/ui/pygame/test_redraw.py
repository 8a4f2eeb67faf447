"""The cheap redraws are exact: when only the focus moves, the table redraws the buttons whose
look changed (and the historian's side notes) and the window then holds exactly what a full
redraw of the same state draws; the cached pieces (gauges at rest, pages of text, the bars,
the backdrop) never show a stale state."""

from __future__ import annotations

from collections.abc import Iterator

import pygame
import pytest

from game.core.model import Campaign
from game.ui.pygame import chrome
from game.ui.pygame.app import App
from game.ui.pygame.table import TableScreen
from tests.ui.pygame.test_play import make_app


@pytest.fixture()
def app(testcamp: Campaign) -> Iterator[App]:
    app = make_app(testcamp)
    app.open_window()
    app.window = pygame.display.set_mode((1280, 720))
    app.resize((1280, 720))
    yield app
    pygame.event.clear()
    pygame.display.set_mode((1280, 800))


def pixels(surface: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surface, "RGB")


def full(app: App) -> bytes:
    """What a full redraw of the app's state draws (a new surface is never redrawn in part)."""
    fresh = pygame.Surface(app.size)
    app.draw(fresh)
    assert app.damage is None
    return pixels(fresh)


@pytest.mark.parametrize("historian", [False, True], ids=["immersive", "historian"])
def test_a_moved_focus_redraws_only_what_changed_and_exactly(app: App, historian: bool) -> None:
    app.settings.historian = historian
    app.start("testcamp", 11)
    table = app.top
    assert isinstance(table, TableScreen)
    table.mode = "decision"
    table.relayout()
    window = app.window
    assert window is not None
    app.draw(window)
    assert app.damage is None  # the first frame is a full one
    moves = 0
    for step in (1, 1, -1, 1):
        table.move_focus(step)
        app.draw(window)
        assert app.damage is not None, "a focus move is a partial redraw"
        area = sum(r.w * r.h for r in app.damage)
        assert area < (0.4 if historian else 0.1) * window.get_width() * window.get_height()
        assert pixels(window) == full(app), "the partial redraw left the window as a full one would"
        app.draw(window)  # back on the window: the full redraw above went elsewhere
        moves += 1
    assert moves == 4


def uncached(app: App) -> bytes:
    """What a table made afresh draws, with no piece cached (the reference for the caches)."""
    old = app.top
    assert isinstance(old, TableScreen)
    chrome._STRIPS.clear()
    table = TableScreen(app)
    table.mode, table.focus = old.mode, old.focus
    table.relayout()
    app.stack[-1] = table
    try:
        return full(app)
    finally:
        app.stack[-1] = old


def test_cached_pieces_follow_the_state(app: App) -> None:
    app.start("testcamp", 11)
    table = app.top
    assert isinstance(table, TableScreen)
    table.mode = "decision"
    table.relayout()
    window = app.window
    assert window is not None
    app.draw(window)
    # a decision changes the card, the gauges, the chronicle, the top bar's date
    turn = table.view.turn
    while table.view.turn == turn:  # decide until a new turn: the top bar's date moves too
        table.mode = "decision"
        table.choose(0)
        app.draw(window)
    app.clock_ms = 10**9  # the gauges have slid to their new values
    app.draw(window)
    assert pixels(window) == uncached(app)
    # text size and palette change the pieces too
    app.settings.text_scale = 1.15
    table.relayout()
    app.draw(window)
    assert pixels(window) == uncached(app)
    app.settings.palette = "colour-blind"
    app.settings_changed()
    app.draw(window)
    assert pixels(window) == uncached(app)


class Screen:
    """What the display shows: the whole window after a full frame, only the damaged rects
    after a partial one (as ``display.update(rects)`` copies them)."""

    def __init__(self, window: pygame.Surface) -> None:
        self.window = window
        self.shown = window.copy()

    def frame(self, app: App) -> list[pygame.Rect] | None:
        app.draw(self.window)
        if app.damage is None:
            self.shown = self.window.copy()
        else:
            for r in app.damage:
                self.shown.blit(self.window, r, r)
        assert pixels(self.shown) == pixels(self.window), "a changed pixel lies outside the damage"
        return app.damage


@pytest.mark.parametrize("historian", [False, True], ids=["immersive", "historian"])
def test_the_damage_covers_every_changed_pixel(app: App, historian: bool) -> None:
    app.settings.historian = historian
    app.start("testcamp", 11)
    table = app.top
    assert isinstance(table, TableScreen)
    table.mode = "decision"
    table.relayout()
    window = app.window
    assert window is not None
    screen = Screen(window)
    app.clock_ms = 1000
    assert screen.frame(app) is None
    for step in (1, 1, -1):  # focus moves
        table.move_focus(step)
        assert screen.frame(app) is not None
    for g in table.gauges:  # a slide of every gauge over its range, frame by frame
        g.retarget(g.lo if g.target > (g.lo + g.hi) / 2 else g.hi, 1, app.now(), True)
    partial = 0
    while table.animating():
        partial += screen.frame(app) is not None
        app.clock_ms += 40
    screen.frame(app)  # the frame at rest
    assert partial >= 5, "the frames of a slide update only the gauges"
    app.toast("A notice.")  # a toast over the table, then gone
    screen.frame(app)
    app.message = ""
    screen.frame(app)
