"""Saving, loading and watching a replay in the pygame frontend, through the CLI's services."""

from __future__ import annotations

import argparse
from pathlib import Path

import pygame
import pytest

from game.cli.wiring import make_services
from game.content.loader import CONTENT_ENV, load_content
from game.ui.pygame.app import App
from game.ui.pygame.menus import SavesScreen, TitleScreen
from game.ui.pygame.replay import ReplayListScreen, ReplayScreen
from game.ui.pygame.table import TableScreen
from tests.ui.pygame.conftest import FIXTURE


def key(app: App, k: int, unicode: str = "") -> None:
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=unicode))


@pytest.fixture()
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> App:
    monkeypatch.setenv(CONTENT_ENV, str(FIXTURE))
    services = make_services(load_content(), argparse.Namespace(mod=[], saves=str(tmp_path / "saves")))
    app = App(services, (1280, 800))
    app.stack = [TitleScreen(app)]
    return app


def play_some(app: App, decisions: int) -> TableScreen:
    app.start("testcamp", 21)
    table = app.top
    assert isinstance(table, TableScreen)
    while table.engine.state.decisions < decisions and not table.engine.is_over:
        key(app, pygame.K_RETURN if table.mode != "decision" else pygame.K_1, "1")
    return table


def test_save_then_load_from_the_title(app: App) -> None:
    table = play_some(app, 2)
    key(app, pygame.K_s, "s")
    assert "Not saved" not in app.message
    state = (table.engine.state.turn, table.engine.state.decisions)
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_l, "l")
    assert isinstance(app.top, SavesScreen) and app.top.saves
    app.top.activate(app.top.current_buttons()[0])
    loaded = app.top
    assert isinstance(loaded, TableScreen) and loaded is not table
    assert (loaded.engine.state.turn, loaded.engine.state.decisions) in (state, (state[0], state[1]))
    app.draw(pygame.Surface(app.size))


def test_replay_steps_forward_and_back_and_forks(app: App) -> None:
    table = play_some(app, 3)
    key(app, pygame.K_s, "s")
    decisions = table.engine.state.decisions
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_r, "r")
    assert isinstance(app.top, ReplayListScreen)
    app.top.activate(app.top.current_buttons()[0])
    replay = app.top
    assert isinstance(replay, ReplayScreen), getattr(app.top, "error", "")
    assert replay.control.total() == decisions
    surface = pygame.Surface(app.size)
    app.draw(surface)
    key(app, pygame.K_RIGHT)
    key(app, pygame.K_RIGHT)
    assert replay.control.position() == 2
    key(app, pygame.K_LEFT)
    assert replay.control.position() == 1
    key(app, pygame.K_END)
    assert replay.control.position() == decisions
    app.draw(surface)
    key(app, pygame.K_HOME)
    key(app, pygame.K_RIGHT)
    key(app, pygame.K_f, "f")
    forked = app.top
    assert isinstance(forked, TableScreen) and not forked.replaying
    assert forked.engine.state.decisions == 1
