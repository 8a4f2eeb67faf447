"""Loading a save whose content's rules changed, in the pygame frontend: it asks, then goes on
from the saved state or stops."""

from __future__ import annotations

import pygame

from game.persist.reader import read_save
from game.ui.pygame.app import App
from game.ui.pygame.menus import ContentChangedScreen, SavesScreen, TitleScreen
from game.ui.pygame.table import TableScreen


def key(app: App, k: int, unicode: str = "") -> None:
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=unicode))


def test_pygame_asks_and_continues_or_stops(changed) -> None:  # type: ignore[no-untyped-def]
    services, path, _ = changed
    app = App(services, (1280, 800))
    app.stack = [TitleScreen(app)]
    key(app, pygame.K_l, "l")
    saves = app.top
    assert isinstance(saves, SavesScreen)
    saves.activate(saves.current_buttons()[0])
    assert isinstance(app.top, ContentChangedScreen)
    app.draw(pygame.Surface(app.size))
    key(app, pygame.K_ESCAPE)
    assert app.top is saves and "Not loaded" in app.message
    saves.activate(saves.current_buttons()[0])
    key(app, pygame.K_c, "c")
    table = app.top
    assert isinstance(table, TableScreen) and not table.replaying
    assert table.engine.state == read_save(path).final.state
    assert "Continuing" in app.message
