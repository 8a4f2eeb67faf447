"""The pygame frontend on the shared game session: undo by key and by its button, ironman on
the new-game screen, hints for keys with no meaning, long save lists that say there is more,
F5 on the title screen, closing the window autosaves."""

from __future__ import annotations

import argparse
from pathlib import Path

import pygame
import pytest

from game.cli.wiring import make_services
from game.content.loader import CONTENT_ENV, load_content
from game.persist.reader import read_save
from game.ui.pygame.app import App
from game.ui.pygame.menus import NewGameScreen, SavesScreen, TitleScreen
from game.ui.pygame.table import TableScreen
from tests.ui.pygame.conftest import FIXTURE


def key(app: App, k: int, unicode: str = "") -> None:
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=unicode))


def click(app: App, pos: tuple[int, int]) -> None:
    app.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))


@pytest.fixture()
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> App:
    monkeypatch.setenv(CONTENT_ENV, str(FIXTURE))
    services = make_services(load_content(), argparse.Namespace(mod=[], saves=str(tmp_path / "saves")))
    app = App(services, (1280, 800))
    app.stack = [TitleScreen(app)]
    return app


def decide(app: App, table: TableScreen, n: int) -> None:
    goal = len(table.engine.commands) + n
    while len(table.engine.commands) < goal and not table.engine.is_over:
        key(app, pygame.K_RETURN if table.mode != "decision" else pygame.K_1, "1")
    while table.mode != "decision" and not table.engine.is_over:
        key(app, pygame.K_RETURN)


def undo_button(table: TableScreen):  # type: ignore[no-untyped-def]
    return next(b for b in table.current_buttons() if "ndo" in b.label or "Ironman" in b.label)


def test_u_and_the_undo_button_take_decisions_back_with_the_same_dice(app: App) -> None:
    app.start("testcamp", 21)
    table = app.top
    assert isinstance(table, TableScreen)
    key(app, pygame.K_RETURN)  # leave the intro
    assert not undo_button(table).enabled  # nothing to take back yet
    decide(app, table, 2)
    state = table.engine.state
    key(app, pygame.K_u, "u")
    assert "Taken back" in app.message and len(table.engine.commands) == 1 and table.mode == "decision"
    decide(app, table, 1)
    assert table.engine.state == state  # the same dice
    button = undo_button(table)
    assert button.enabled and button.key == "U"
    click(app, button.rect.center)
    assert len(table.engine.commands) == 1 and app.top is table
    surface = pygame.Surface(app.size)
    app.draw(surface)  # the button is drawn inside the side panel, clear of the notes
    side = table.layout(app.size)["side"]
    assert side.contains(button.rect) and table.notes_rect.bottom <= button.rect.y


def test_ironman_is_chosen_on_the_new_game_screen(app: App, tmp_path: Path) -> None:
    app.open("new")
    screen = app.top
    assert isinstance(screen, NewGameScreen)
    toggle = next(b for b in screen.current_buttons() if b.label.startswith("Ironman"))
    assert toggle.label == "Ironman: off"
    click(app, toggle.rect.center)
    assert screen.ironman and next(b for b in screen.current_buttons() if b.label.startswith("Ironman")).selected
    screen.start()
    table = app.top
    assert isinstance(table, TableScreen) and app.game.ironman
    key(app, pygame.K_RETURN)
    decide(app, table, 1)
    assert undo_button(table).label == "Ironman: no undo" and not undo_button(table).enabled
    key(app, pygame.K_u, "u")
    assert "ironman" in app.message and len(table.engine.commands) == 1


def test_the_seed_typed_is_the_game_s_seed_in_the_one_range(app: App) -> None:
    app.open("new")
    screen = app.top
    assert isinstance(screen, NewGameScreen)
    assert 1 <= int(screen.seed) < 10**9
    screen.seed = "4242"
    screen.start()
    assert app.game.engine is not None and app.game.engine.state.seed == 4242


def test_a_key_with_no_meaning_shows_only_a_hint(app: App) -> None:
    key(app, pygame.K_z, "z")
    assert "no such key" in app.message and isinstance(app.top, TitleScreen)
    app.start("testcamp", 5)
    table = app.top
    assert isinstance(table, TableScreen)
    key(app, pygame.K_RETURN)
    before = table.engine.state
    key(app, pygame.K_z, "z")
    assert "no such key" in app.message and table.engine.state == before and app.top is table


def test_a_long_save_list_says_there_is_more(app: App) -> None:
    app.start("testcamp", 5)
    for i in range(14):
        assert not app.game.save(f"save {i:02d}").failed
    app.to_title()
    app.open("load")
    screen = app.top
    assert isinstance(screen, SavesScreen) and len(screen.saves) >= 15
    assert screen.pages() > 1 and screen.page_text().startswith(f"Page 1 of {screen.pages()}")
    first = [b.label for b in screen.current_buttons()]
    key(app, pygame.K_PAGEDOWN)
    assert screen.page == 1 and [b.label for b in screen.current_buttons()] != first
    assert app.dirty  # repainted after the key
    assert screen.page_text().startswith("Page 2")


def test_f5_on_the_title_screen_reloads_the_campaigns(app: App) -> None:
    key(app, pygame.K_F5)
    assert "Content reloaded" in app.message and isinstance(app.top, TitleScreen)


def test_closing_the_window_autosaves(app: App, tmp_path: Path) -> None:
    app.start("testcamp", 8)
    table = app.top
    assert isinstance(table, TableScreen)
    key(app, pygame.K_RETURN)
    decide(app, table, 1)
    app.handle(pygame.event.Event(pygame.QUIT))
    assert not app.running
    newest = max((tmp_path / "saves").glob("autosave-*.json"), key=lambda p: p.stat().st_mtime_ns)
    assert len(read_save(newest).commands) == len(table.engine.commands)
