"""The pygame new-game screen from the keyboard alone (issue 10 item 7): a digit picks a start and
Return begins it, with the shipped campaigns' several starts."""

from __future__ import annotations

import argparse
from pathlib import Path

import pygame

from game.cli.wiring import make_services
from game.content.loader import load_content
from game.ui.pygame.app import App
from game.ui.pygame.menus import NewGameScreen, TitleScreen
from game.ui.pygame.table import TableScreen


def press(app: App, k: int, unicode: str = "") -> None:
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=unicode))


def shipped_app(tmp_path: Path) -> App:
    services = make_services(load_content(), argparse.Namespace(mod=[], saves=str(tmp_path / "saves")))
    app = App(services, (1280, 800))
    app.stack = [TitleScreen(app)]
    return app


def test_a_digit_picks_a_start_and_return_begins_it(tmp_path: Path) -> None:
    app = shipped_app(tmp_path)
    press(app, pygame.K_n, "n")
    screen = app.top
    assert isinstance(screen, NewGameScreen)
    campaigns = app.game.campaigns()
    assert len(campaigns) >= 4
    press(app, pygame.K_2, "2")
    assert screen.campaign == 1
    press(app, pygame.K_RETURN)
    assert isinstance(app.top, TableScreen)
    engine = app.game.engine
    assert engine is not None
    assert f"{engine.campaign.id}:{engine.state.start}".startswith(campaigns[1].id.split(":")[0])
    assert campaigns[1].id.endswith(engine.state.start)


def test_return_on_a_focused_card_begins_that_start(tmp_path: Path) -> None:
    app = shipped_app(tmp_path)
    press(app, pygame.K_n, "n")
    screen = app.top
    assert isinstance(screen, NewGameScreen)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_DOWN)
    focused = screen.focus
    assert focused < len(app.game.campaigns())
    press(app, pygame.K_RETURN)
    engine = app.game.engine
    assert isinstance(app.top, TableScreen) and engine is not None
    assert app.game.campaigns()[focused].id.endswith(engine.state.start)
