"""Render any screen of the pygame frontend to a PNG without a window (for docs and tests)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from game.core.commands import Choose
from game.core.engine import Engine
from game.ui.outlook import ForecastWork, MatteredWork
from game.ui.services import CampaignInfo, ModsInfo, SaveInfo, Services

SCREENS = (
    "title",
    "new",
    "intro",
    "table",
    "forecast",
    "aftermath",
    "hand",
    "timeline",
    "ending",
    "load",
    "replay",
    "settings",
    "mods",
    "help",
    "console",
    "errors",
    "current",
    "save",
)
# the names `divergence screenshot --screen` uses for every frontend
ALIASES = {
    "card": "table",
    "game": "table",
    "chronicle": "timeline",
    "characters": "new",
    "reports": "aftermath",
    "report": "aftermath",
}


WAIT_S = 120.0  # the longest a screenshot waits for a forecast or the decisions that mattered


def services_for(
    engine: Engine,
    campaigns: list[CampaignInfo] | None = None,
    forecast: Callable[[Engine], ForecastWork] | None = None,
    mattered: Callable[[Engine], MatteredWork] | None = None,
    mods: Callable[[], ModsInfo] | None = None,
    rewind: Callable[[Engine], Engine] | None = None,
) -> Services:
    """Services enough to show the menus: the campaigns given (else the engine's), two sample
    saves, and the CLI's services when given (the forecast panel, the ending's decisions that
    mattered, the mods list, undo)."""
    c = engine.campaign
    saves = [
        SaveInfo("autosave-1", "saves/autosave-1.yaml", f"{c.title} · turn 12 · March 1937"),
        SaveInfo("before-the-plenum", "saves/before-the-plenum.yaml", f"{c.title} · turn 14 · February 1937"),
    ]

    def new_game(campaign: str, seed: int) -> Engine:
        return Engine(c, seed)

    infos = campaigns or [CampaignInfo(c.id, c.title, c.player.title(), c.summary)]
    return Services(
        list(infos),
        new_game,
        list_saves=lambda: saves,
        forecast=forecast,
        mattered=mattered,
        mods=mods,
        rewind=rewind,
    )


def _advance(engine: Engine, until: str, limit: int = 400) -> Engine:
    """A copy of the game moved forward by taking the first open option, for the screens that
    need one (an aftermath page, the hand, an ending). The caller's engine is not touched."""
    # replayed from the start, not a copy of the state: the probe's commands are the whole
    # game's, as the ending's decisions that mattered need
    probe = Engine(engine.campaign, engine.state.seed, start=engine.state.start)
    for command in engine.commands:
        probe.apply(command)
    for _ in range(limit):
        if probe.is_over:
            break
        view = probe.view()
        d = view.decision
        if until == "hand" and d is not None and d.kind == "hand":
            break
        if until == "aftermath" and view.reports and any(r.kind != "world" for r in view.reports):
            break
        assert d is not None
        choice = next(c for c in d.choices if c.available)
        probe.apply(Choose(choice.id, d.card))
    return probe


def build(  # type: ignore[no-untyped-def]
    engine: Engine,
    screen: str,
    size: tuple[int, int],
    historian: bool = False,
    campaigns: list[CampaignInfo] | None = None,
    forecast: Callable[[Engine], ForecastWork] | None = None,
    mattered: Callable[[Engine], MatteredWork] | None = None,
    mods: Callable[[], ModsInfo] | None = None,
    rewind: Callable[[Engine], Engine] | None = None,
):
    """An App showing the named screen over the given game (the app is returned for tests).

    ``forecast`` shows the card with the forecast panel open, drawn once every run is in;
    ``ending`` waits for the decisions that mattered when ``mattered`` is given."""
    from game.ui.pygame.app import App
    from game.ui.pygame.menus import ErrorsScreen, TitleScreen
    from game.ui.pygame.table import TableScreen

    screen = ALIASES.get(screen, screen)
    if screen not in SCREENS:
        raise ValueError(f"unknown screen {screen!r}; known: {', '.join(SCREENS)}")
    if screen == "forecast" and forecast is None:
        raise ValueError("no forecast in this session (is DIVERGENCE_NO_FORECAST set?)")
    app = App(services_for(engine, campaigns, forecast, mattered, mods, rewind), size, historian=historian)
    app.clock_ms = 10**9  # animations finished
    app.stack = [TitleScreen(app)]
    if screen == "title":
        app.stack = [TitleScreen(app)]
    elif screen in ("new", "load", "replay", "settings", "help", "mods"):
        app.open(screen)
    elif screen == "ending":
        app.start_engine(_advance(engine, "end"))
        app.show_ending()  # the ending itself, not the page of what came of the last decision
        over = app.game.engine
        if over is not None and mattered is not None:
            app.game.outlook.weigh(over)
            app.game.outlook.wait_mattered(over, WAIT_S)
    else:
        own = screen in ("table", "forecast", "timeline", "console", "errors", "current", "save", "intro")
        if screen == "aftermath" and engine.view().reports and any(r.kind != "world" for r in engine.view().reports):
            own = True
        game = engine if own else _advance(engine, screen)
        app.game.play(game)
        if game.is_over:
            app.show_ending(game)
            return app
        table = TableScreen(app, intro=screen == "intro")
        app.stack = [TitleScreen(app), table]
        if screen in ("table", "hand", "forecast"):
            table.mode = "decision"
        if screen == "forecast" and not app.game.forecast_shown(historian):
            app.game.toggle_forecast(historian)
        if screen in ("table", "hand", "forecast") and app.game.forecast_shown(historian):
            # the panel shows (historian mode shows it by default): drawn once every run is in
            app.game.outlook.follow(game, True)
            _wait(lambda: app.game.outlook.busy(game))
        if screen == "aftermath":
            table.mode = "aftermath"
        elif screen == "save":
            app.message = "Saved: saves/before-the-plenum.yaml"
        if screen == "timeline":
            app.show_timeline(game)
        elif screen == "console":
            from game.ui.pygame.console import ConsoleScreen

            con = ConsoleScreen(app)
            for line in ("why " + next(iter(game.campaign.cards)), "meters"):
                con.submit(line)
            app.push(con)
        elif screen == "errors":
            app.push(
                ErrorsScreen(
                    app,
                    [
                        "content/campaigns/x/cards/broken.yaml:12:5: error: unknown meter 'nerv'; did you mean 'nerve'? [options[0].effects[0].add]"
                    ],
                    kept=False,
                )
            )
    return app


def _wait(pending: Callable[[], bool]) -> None:
    """Wait (up to ``WAIT_S``) while the background work a screenshot shows is still running."""
    deadline = time.monotonic() + WAIT_S
    while pending() and time.monotonic() < deadline:
        time.sleep(0.02)


def render(
    engine: Engine,
    screen: str,
    size: tuple[int, int],
    out_path: str,
    historian: bool = False,
    campaigns: list[CampaignInfo] | None = None,
    forecast: Callable[[Engine], ForecastWork] | None = None,
    mattered: Callable[[Engine], MatteredWork] | None = None,
    mods: Callable[[], ModsInfo] | None = None,
    rewind: Callable[[Engine], Engine] | None = None,
) -> None:
    """Draw one screen of the game at a window size and save it as a PNG.

    ``current`` is what the player sees now; ``aftermath``, ``hand`` and ``ending`` move a
    copy of the game on (first open option each time) when it is not yet at such a point.
    Raises ValueError for an unknown screen name.
    """
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    pygame.display.init()
    pygame.font.init()
    app = build(
        engine,
        screen,
        size,
        historian,
        campaigns=campaigns,
        forecast=forecast,
        mattered=mattered,
        mods=mods,
        rewind=rewind,
    )
    surface = pygame.Surface(size)
    app.draw(surface)
    pygame.image.save(surface, str(out_path))


def shoot(
    services: Services,
    engine: Engine,
    screen: str,
    size: tuple[int, int] | None = None,
    out: object = None,
    historian: bool = False,
    font_size: int | None = None,
) -> str:
    """The frontend registry's screenshot entry point (``game.ui.frontends``): a PNG of the
    screen at ``size`` pixels (default 1280x800); the shared screen names are mapped by ``ALIASES``."""
    from game.ui.frontends import ScreenshotError

    if out is None:
        raise ScreenshotError("a PNG cannot go to stdout; give a file name", "OUT")
    if font_size is not None:
        raise ScreenshotError("the pygame frontend sizes its text in Settings", "--font-size")
    width, height = size or (1280, 800)
    if width <= 0 or height <= 0:
        raise ScreenshotError(f"{width}x{height}: a window size is two positive numbers of pixels", "--size")
    try:
        render(
            engine,
            ALIASES.get(screen, screen),
            (width, height),
            str(out),
            historian,
            list(services.campaigns),
            forecast=services.forecast,  # the forecast panel, the ending's decisions that mattered
            mattered=services.mattered,
            mods=services.mods,
            rewind=services.rewind,
        )
    except ValueError as exc:  # an unknown screen, or one this game cannot show
        raise ScreenshotError(str(exc)) from None
    return f"{out}: {width}x{height} pixels"
