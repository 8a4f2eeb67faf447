"""Screens of the tcod frontend drawn without a window: to a Console, to text, to a PNG.

The same screens and the same drawing code as the window, so a screenshot is what a player
sees at that size (for docs/screenshots and for tests).
"""

from __future__ import annotations

from pathlib import Path

import tcod.console

from game.core.engine import Engine
from game.ui.services import Services
from game.ui.tcod import font, png
from game.ui.tcod.base import App
from game.ui.tcod.menus import (
    CharactersScreen,
    HelpScreen,
    IntroScreen,
    LoadScreen,
    SaveDialog,
    TitleScreen,
    start_game,
)
from game.ui.tcod.play import ChronicleScreen, EndingScreen, GameScreen, ReportsScreen

SCREENS = ("current", "title", "characters", "intro", "card", "reports", "chronicle", "help", "ending", "save", "load")


class ScreenError(ValueError):
    """The screen asked for cannot be shown for this game (e.g. the ending before the end)."""


def build(services: Services, engine: Engine, screen: str = "current", historian: bool = False) -> App:
    """An app showing ``screen`` for the game in ``engine``."""
    if screen not in SCREENS:
        raise ScreenError(f"unknown screen {screen!r}; choose from {', '.join(SCREENS)}")
    app = App(services, historian=historian)
    view = engine.view()
    if screen == "title":
        app.reset(TitleScreen())
        return app
    if screen == "characters":
        app.reset(TitleScreen(), CharactersScreen())
        return app
    start_game(app, engine, intro=False)
    if screen == "current":
        if view.is_over and not view.reports:
            app.replace(EndingScreen())
        return app
    if screen == "ending":
        if not view.is_over:
            raise ScreenError("the game has not ended; give --choices that reach an ending")
        app.reset(TitleScreen(), EndingScreen())
        return app
    if view.is_over and screen in ("card", "save", "help"):
        app.reset(TitleScreen(), EndingScreen())
    elif screen != "reports":
        app.reset(TitleScreen(), GameScreen())
    if screen == "reports":
        if not view.reports:
            raise ScreenError("nothing to report at this point of the game")
        app.reset(TitleScreen(), GameScreen(), ReportsScreen())
    elif screen == "intro":
        app.push(IntroScreen())
    elif screen == "chronicle":
        app.push(ChronicleScreen())
    elif screen == "help":
        app.push(HelpScreen())
    elif screen == "save":
        app.push(SaveDialog())
    elif screen == "load":
        app.push(LoadScreen())
    return app


def render_console(app: App, columns: int, rows: int) -> tcod.console.Console:
    """The app's screen drawn into a fresh console of this size."""
    console = tcod.console.Console(columns, rows)
    app.draw(console)
    return console


def render(
    engine: Engine,
    screen: str,
    size: tuple[int, int],
    out_path: Path,
    services: Services | None = None,
    font_size: int = font.DEFAULT_SIZE,
    historian: bool = False,
) -> tuple[int, int]:
    """Write a PNG of ``screen`` at ``size`` (columns, rows); return its size in pixels."""
    if services is None:
        services = Services([], lambda _c, _s: engine)
    app = build(services, engine, screen, historian)
    console = render_console(app, *size)
    rgba = font.tileset(font_size).render(console)
    png.write(out_path, rgba)
    return int(rgba.shape[1]), int(rgba.shape[0])


MIN_CELLS = (60, 24)


def shoot(
    services: Services,
    engine: Engine,
    screen: str,
    size: tuple[int, int] | None = None,
    out: Path | None = None,
    historian: bool = False,
    font_size: int | None = None,
) -> str:
    """The frontend registry's screenshot entry point: a PNG of the screen at ``size`` cells
    (default 80x50) in the shipped font at ``font_size`` pixels."""
    from game.ui.frontends import ScreenshotError

    if out is None:
        raise ScreenshotError("a PNG cannot go to stdout; give a file name", "OUT")
    columns, rows = size or (80, 50)
    chosen = font_size or font.DEFAULT_SIZE
    if chosen not in font.SIZES:
        raise ScreenshotError(f"choose one of {', '.join(map(str, font.SIZES))}", "--font-size")
    if columns < MIN_CELLS[0] or rows < MIN_CELLS[1]:
        raise ScreenshotError(f"{columns}x{rows} cells: the tcod screens need at least 60x24 cells", "--size")
    try:
        width, height = render(engine, screen, (columns, rows), out, services, chosen, historian)
    except ScreenError as exc:
        raise ScreenshotError(str(exc)) from None
    return f"{out}: {width}x{height} pixels ({columns}x{rows} cells)"
