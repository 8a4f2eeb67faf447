"""F5 reload (real content reload through the CLI's services) and the debug console."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pygame
import pytest

from game.cli.wiring import make_services
from game.content.loader import CONTENT_ENV, load_content
from game.core.model import Campaign
from game.ui.pygame.app import App
from game.ui.pygame.console import ConsoleScreen, run_command
from game.ui.pygame.menus import ErrorsScreen, TitleScreen
from game.ui.pygame.table import TableScreen
from tests.ui.pygame.conftest import FIXTURE


def key(app: App, k: int, unicode: str = "") -> None:
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=unicode))


@pytest.fixture()
def content_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root)
    monkeypatch.setenv(CONTENT_ENV, str(root))
    return root


def start(content_dir: Path) -> tuple[App, TableScreen]:
    content = load_content()
    services = make_services(content, argparse.Namespace(mod=[], saves=str(content_dir.parent / "saves")))
    assert services.reload is not None
    app = App(services, (1280, 800))
    app.stack = [TitleScreen(app)]
    app.start("testcamp", 9)
    table = app.top
    assert isinstance(table, TableScreen)
    key(app, pygame.K_RETURN)  # leave the intro
    return app, table


def break_card(content_dir: Path, card_title: str) -> None:
    path = content_dir / "cards" / "cards.yaml"
    text = path.read_text(encoding="utf-8")
    marker = f'title: "{card_title}"'
    assert marker in text
    # an effect on a meter that does not exist: a validation error in that card
    head, tail = text.split(marker, 1)
    tail = tail.replace("add: {suspicion:", "add: {suspicon:", 1)
    path.write_text(head + marker + tail, encoding="utf-8")


def test_f5_with_a_broken_card_shows_the_error_and_keeps_the_game(content_dir: Path) -> None:
    app, table = start(content_dir)
    key(app, pygame.K_1, "1")
    state_before = (table.engine.state.turn, table.engine.state.decisions, dict(table.engine.state.meters))
    break_card(content_dir, "A speech in the Kremlin")
    key(app, pygame.K_F5)
    assert isinstance(app.top, ErrorsScreen)
    assert any("cards.yaml" in e and "suspicon" in e for e in app.top.errors)
    surface = pygame.Surface(app.size)
    app.draw(surface)  # the error is drawn over the game
    assert app.top.text.height > 0
    key(app, pygame.K_ESCAPE)
    assert app.top is table
    assert (table.engine.state.turn, table.engine.state.decisions, dict(table.engine.state.meters)) == state_before
    assert "testcamp.w_news" not in table.engine.campaign.cards  # the broken card is left out
    # the game goes on
    while table.mode != "decision":
        key(app, pygame.K_RETURN)
    key(app, pygame.K_1, "1")
    assert table.engine.state.decisions == state_before[1] + 1


def test_f5_keeps_the_old_engine_when_the_card_in_play_breaks(content_dir: Path) -> None:
    app, table = start(content_dir)
    assert table.view.decision is not None and table.view.decision.card == "testcamp.letter"
    old = table.engine
    break_card(content_dir, "A letter from an old friend")
    key(app, pygame.K_F5)
    assert isinstance(app.top, ErrorsScreen) and app.top.kept
    assert table.engine is old
    assert "testcamp.letter" in app.top.errors[0]


def test_f5_picks_up_text_edits(content_dir: Path) -> None:
    app, table = start(content_dir)
    path = content_dir / "cards" / "cards.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("A letter from an old friend", "A letter, rewritten"), encoding="utf-8"
    )
    key(app, pygame.K_F5)
    assert isinstance(app.top, TableScreen)
    assert "no problems" in app.message
    assert table.view.decision is not None and table.view.decision.title == "A letter, rewritten"


def test_console_commands(testcamp: Campaign) -> None:
    from game.core.engine import Engine

    engine = Engine(testcamp, 4)
    out, changed = run_command(engine, "set nerve 12")
    assert changed and engine.state.meters["nerve"] == 12
    out, changed = run_command(engine, "flag secret on")
    assert changed and "secret" in engine.state.flags
    run_command(engine, "flag secret off")
    assert "secret" not in engine.state.flags
    out, _ = run_command(engine, "why w_news")
    assert any("already fired" in line or "dated" in line for line in out)
    out, changed = run_command(engine, "fire speak")
    assert changed and engine.view().decision is not None and engine.view().decision.card == "testcamp.speak"
    out, changed = run_command(engine, "set nosuch 3")
    assert not changed and "refused" in out[0]
    out, changed = run_command(engine, "frobnicate")
    assert not changed and "unknown command" in out[0]


def test_console_toggles_and_types(testcamp: Campaign) -> None:
    from game.core.engine import Engine
    from game.ui.services import CampaignInfo, Services

    app = App(Services([CampaignInfo("testcamp", "t", "p", "")], lambda c, s: Engine(testcamp, s)), (1024, 640))
    app.stack = [TitleScreen(app)]
    app.start("testcamp", 2)
    table = app.top
    key(app, pygame.K_F12)
    assert isinstance(app.top, ConsoleScreen)
    for ch in "set nerve 5":
        key(app, ord(ch) if ch != " " else pygame.K_SPACE, ch)
    key(app, pygame.K_RETURN)
    assert table.engine.state.meters["nerve"] == 5
    assert table.view.meters[1].value == 5  # the table shows the change
    app.draw(pygame.Surface(app.size))
    key(app, pygame.K_F12)
    assert app.top is table
