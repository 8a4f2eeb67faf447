"""Every screen of the pygame frontend at three window sizes: it draws, and its buttons and
regions lie inside the window without overlapping."""

from __future__ import annotations

import itertools

import attrs
import pygame
import pytest

from game.core.engine import Engine
from game.ui.outlook import Forecast, ForecastWork, Odds
from game.ui.pygame.screenshot import SCREENS, build
from tests.ui.pygame.conftest import SIZES


def canned_forecast(_engine: Engine) -> ForecastWork:
    """A forecast service with one estimate of many long-named endings (the panel must fit)."""
    endings = tuple(Odds(f"An ending with a long name, number {i}", 0.1, 0.04, 0.17) for i in range(9))
    fc = Forecast("if you play on like a cautious player", 300, 2000, False, endings, endings[:3], "May 1937")
    return lambda report, _cancelled: report(fc)


def overlaps(rects: list[pygame.Rect]) -> list[tuple[pygame.Rect, pygame.Rect]]:
    return [(a, b) for a, b in itertools.combinations(rects, 2) if a.colliderect(b)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("historian", [False, True], ids=["immersive", "historian"])
def test_screen_draws_and_nothing_overlaps(engine: Engine, screen: str, size: tuple[int, int], historian: bool) -> None:
    extra = {"forecast": canned_forecast} if screen == "forecast" else {}
    app = build(engine, screen, size, historian, **extra)
    surface = pygame.Surface(size)
    app.draw(surface)
    window = pygame.Rect(0, 0, *size)
    top = app.top
    buttons = top.current_buttons()
    if screen not in ("console", "errors", "help"):
        assert buttons, f"{screen} has no buttons"
    for b in buttons:
        assert window.contains(b.rect), f"{screen}: {b.label!r} {b.rect} is outside {window}"
        assert b.rect.w > 0 and b.rect.h > 0
    assert not overlaps([b.rect for b in buttons]), f"{screen}: buttons overlap"
    regions = top.regions(size)
    for r in regions:
        assert window.contains(r), f"{screen}: region {r} outside the window"
    assert not overlaps(regions), f"{screen}: regions overlap"
    for b, r in itertools.product(buttons, regions):
        # a button is either inside a region or clear of it, never half over one
        assert r.contains(b.rect) or not r.colliderect(b.rect), f"{screen}: {b.label!r} straddles {r}"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_table_layout_keeps_prose_above_options_and_text_fits(engine: Engine, size: tuple[int, int]) -> None:
    app = build(engine, "table", size, True)
    table = app.top
    r = table.layout(size)
    assert r["prose"].bottom <= r["options"].top
    assert r["card"].contains(r["prose"]) and r["card"].contains(r["options"])
    assert r["card"].right < r["side"].left
    m = table.metrics(size)
    for b in table.current_buttons():
        # a button is tall enough for at least one line of its label
        assert b.rect.h >= app.theme.line_height("ui", m.ui)


def test_long_prose_scrolls(engine: Engine) -> None:
    size = (1024, 640)
    app = build(engine, "intro", size)
    table = app.top
    surface = pygame.Surface(size)
    long = " ".join(["A very long sentence of the intro that goes on and on."] * 120)
    table.view = attrs.evolve(engine.view(), intro=long)
    app.draw(surface)
    rect = table.layout(size)["prose"]
    assert table.prose.height > rect.h
    before = table.prose.offset
    table.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_PAGEDOWN, mod=0, unicode=""))
    assert table.prose.offset > before
    table.prose.scroll(10**9, rect.h)
    assert table.prose.offset == table.prose.height - rect.h
