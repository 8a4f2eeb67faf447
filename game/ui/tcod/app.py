"""The tcod frontend: a console window for the whole game (``divergence play --ui tcod``).

The window loop is the only part that touches SDL: it draws the state stack into a console
sized to the window, presents it with a tileset of the shipped font, and hands converted
events to ``App``. The tileset steps through whole font sizes as the window is resized (or
with Ctrl+= / Ctrl+-), and the panels reflow to the new number of cells.
"""

from __future__ import annotations

import sys

import tcod.console
import tcod.context
import tcod.event

from game.core.engine import Engine
from game.ui.replay import ReplayControl
from game.ui.services import Services, UserError
from game.ui.tcod import font, theme
from game.ui.tcod.base import App
from game.ui.tcod.menus import TitleScreen, enter_game, start_game
from game.ui.tcod.replay import ReplayScreen

START_COLUMNS, START_ROWS = 100, 40


def build(
    services: Services,
    campaign: str | None = None,
    seed: int | None = None,
    engine: Engine | None = None,
    historian: bool = False,
) -> App:
    """The app with its first screen: the title, a new game of ``campaign``, or ``engine``."""
    app = App(services, historian=historian)
    app.reset(TitleScreen())
    if engine is not None:
        start_game(app, engine, intro=False)
    elif campaign is not None:
        step = app.session.show(app.session.game.new_game(campaign, seed))
        if step.show == "same":
            raise UserError(step.text)
        enter_game(app, step, intro=True)
    return app


def build_replay(
    services: Services, control: ReplayControl, start: int = 0, name: str = "", historian: bool = False
) -> App:
    """The app showing a save's replay at step ``start`` (``divergence replay SAVE --ui tcod``).
    The replay is the only screen: leaving it ends the program, forking plays on."""
    app = App(services, historian=historian)
    control.goto(start)
    app.reset(ReplayScreen(control, name))
    return app


def run_replay(
    services: Services, control: ReplayControl, start: int = 0, name: str = "", historian: bool = False
) -> int:
    """Open the window on a save's replay; a fork is played on in the same window."""
    return window(build_replay(services, control, start, name, historian))


def run(
    services: Services,
    campaign: str | None = None,
    seed: int | None = None,
    engine: Engine | None = None,
    historian: bool = False,
) -> int:
    """Open the window and play until the player quits; return an exit status."""
    try:
        app = build(services, campaign, seed, engine, historian)
    except UserError as exc:
        print(f"divergence: {exc}", file=sys.stderr)
        return 1
    return window(app)


def window(app: App) -> int:
    """Run an app in a window until it stops; return an exit status."""
    chosen = app.font_size()  # the size the player picked last time, kept in the settings
    size = font.step(chosen, 0) if chosen else font.DEFAULT_SIZE
    auto = chosen is None  # the font size follows the window until the player picks one
    try:
        context = tcod.context.new(
            columns=START_COLUMNS,
            rows=START_ROWS,
            tileset=font.tileset(size),
            title="Divergence",
            vsync=True,
            sdl_window_flags=tcod.context.SDL_WINDOW_RESIZABLE,
        )
    except RuntimeError as exc:
        print(f"divergence: cannot open a window ({exc}); try --ui text", file=sys.stderr)
        return 1
    with context:
        window = context.sdl_window
        if window is not None:
            w, h = font.cell_size(size)
            window.min_size = (App.MIN_COLUMNS * w, App.MIN_ROWS * h)

            def set_fullscreen(on: bool) -> None:
                window.fullscreen = on

            def set_text_input(on: bool) -> None:
                if on:
                    window.start_text_input()
                else:
                    window.stop_text_input()

            app.on_fullscreen = set_fullscreen
            app.on_text_input = set_text_input
        try:
            _loop(app, context, size, auto)
        except KeyboardInterrupt:
            app.quit()
    return 0


def whole_pixel_align(window_px: tuple[int, int], console_px: tuple[int, int]) -> tuple[float, float]:
    """The ``align`` for ``Context.present`` that centres the console on whole pixels.

    The console rarely fills the window exactly (a window 1000 pixels wide holds 111 cells of
    9 pixels, 999 pixels); the default centring (0.5) then puts it half a pixel off the
    pixel grid, and the renderer's filtering smears every glyph across two columns: the
    "garbled letters" after Ctrl+= / Ctrl+-, or after resizing the window. Here the margin
    is split in whole pixels (the odd pixel goes right or below)."""

    def one(window: int, console: int) -> float:
        margin = window - console
        return (margin // 2) / margin if margin > 0 else 0.5

    return one(window_px[0], console_px[0]), one(window_px[1], console_px[1])


def zoom(size: int, by: int, window_px: tuple[int, int] | None) -> int:
    """The font size ``by`` whole steps from ``size``; a step up stops at the largest size
    whose grid still holds ``App.MIN_COLUMNS`` x ``App.MIN_ROWS`` cells in the window (a
    larger one would leave only "the window is too small"). Steps down are never refused."""
    wanted = font.step(size, by)
    if by <= 0 or window_px is None:
        return wanted
    fits = [
        s
        for s in font.SIZES
        if size <= s <= wanted
        and window_px[0] // font.cell_size(s)[0] >= App.MIN_COLUMNS
        and window_px[1] // font.cell_size(s)[1] >= App.MIN_ROWS
    ]
    return max(fits, default=size)


def _output_size(context: tcod.context.Context) -> tuple[int, int] | None:
    renderer = context.sdl_renderer
    if renderer is not None:
        w, h = renderer.output_size
        return int(w), int(h)
    window = context.sdl_window
    return None if window is None else tuple(window.size)  # type: ignore[return-value]


def apply_zoom(app: App, context: tcod.context.Context, size: int) -> int:
    """Ctrl+= / Ctrl+-: the steps ``app.font_change`` asks for, taken (``zoom``), the
    tileset changed, the window's minimum size kept at the smallest grid, and the size kept
    in the settings for the next session; a refused step up says why. Returns the size."""
    by, app.font_change = app.font_change, 0
    new = zoom(size, by, _output_size(context))
    if by > 0 and new == size and font.step(size, by) != size:
        app.session.say("Text as large as this window allows; enlarge it first.", tone="hint")
    if new == size:
        return size
    context.change_tileset(font.tileset(new))
    if context.sdl_window is not None:
        w, h = font.cell_size(new)
        context.sdl_window.min_size = (App.MIN_COLUMNS * w, App.MIN_ROWS * h)
    app.remember("tcod_font_size", new)
    return new


def present(app: App, context: tcod.context.Context, size: int) -> None:
    """Draw the app into a console the size of the window and show it on whole pixels."""
    columns, rows = context.recommended_console_size(1, 1)
    console = tcod.console.Console(columns, rows)
    app.draw(console)
    out = _output_size(context)
    w, h = font.cell_size(size)
    align = (0.5, 0.5) if out is None else whole_pixel_align(out, (columns * w, rows * h))
    context.present(console, keep_aspect=True, integer_scaling=True, clear_color=theme.BG, align=align)


def _loop(app: App, context: tcod.context.Context, size: int, auto: bool) -> None:
    """Draw, present, wait for events; follow the window's size with whole font steps."""
    while app.running:
        present(app, context, size)
        for event in tcod.event.wait(timeout=0.5):
            event = context.convert_event(event)
            if isinstance(event, tcod.event.WindowResized) and auto and context.sdl_window is not None:
                width, height = context.sdl_window.size
                wanted = font.fit_size(width, height)
                if wanted != size:
                    size = wanted
                    context.change_tileset(font.tileset(size))
            app.dispatch(event)
            if app.font_change:
                new = apply_zoom(app, context, size)
                size, auto = new, auto and new == size
            if not app.running:
                break
