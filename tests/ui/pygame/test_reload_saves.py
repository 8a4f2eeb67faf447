"""F5 (reload the content) keeps the saves layer's record: a save made after a text edit and
F5 loads and replays cleanly, and is stamped with the content it was played with."""

from __future__ import annotations

import argparse
import io
import shutil
import sys
from pathlib import Path

import pygame
import pytest

from game import cli
from game.cli.wiring import make_services
from game.content.loader import CONTENT_ENV, load_content
from game.persist.reader import read_save
from game.ui.pygame.app import App
from game.ui.pygame.menus import TitleScreen
from game.ui.pygame.table import TableScreen
from tests.ui.pygame.conftest import FIXTURE

OLD, NEW = "Nothing comes of it.", "Nothing at all comes of it, this time."


def key(app: App, k: int, unicode: str = "") -> None:
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=unicode))


def play(app: App, table: TableScreen, decisions: int) -> None:
    goal = len(table.engine.commands) + decisions
    while len(table.engine.commands) < goal and not table.engine.is_over:
        key(app, pygame.K_RETURN if table.mode != "decision" else pygame.K_1, "1")


def test_a_save_after_f5_with_a_text_edit_loads_and_replays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    content_dir, saves = tmp_path / "content", tmp_path / "saves"
    shutil.copytree(FIXTURE, content_dir)
    monkeypatch.setenv(CONTENT_ENV, str(content_dir))
    args = argparse.Namespace(mod=[], saves=str(saves))
    app = App(make_services(load_content(), args), (1280, 800))
    app.stack = [TitleScreen(app)]
    app.start("testcamp", 21)
    table = app.top
    assert isinstance(table, TableScreen)
    play(app, table, 2)
    cards = content_dir / "cards" / "cards.yaml"
    assert OLD in cards.read_text()
    cards.write_text(cards.read_text().replace(OLD, NEW))
    before = table.engine
    key(app, pygame.K_F5)
    assert "no problems" in app.message and table.engine is not before
    play(app, table, 2)
    assert len(table.engine.commands) == 4
    key(app, pygame.K_s, "s")
    assert app.message.startswith("Saved as"), app.message
    (path,) = [p for p in saves.iterdir() if not p.name.startswith("autosave-")]
    save = read_save(path)
    assert len(save.commands) == 4
    fresh = load_content()
    assert {m.id: m.hash for m in save.content.mods} == {s.id: fresh.source_hashes[s.id] for s in fresh.sources}
    capsys.readouterr()
    monkeypatch.setattr(sys, "stdin", io.StringIO("q\n"))
    assert cli.main(["load", str(path), "--ui", "text", "--saves", str(saves)]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("e\nq\n"))
    assert cli.main(["replay", str(path), "--ui", "text", "--saves", str(saves)]) == 0
    captured = capsys.readouterr()
    assert "diverges" not in captured.err and "Traceback" not in captured.err, captured.err
    assert "decision 4/4" in captured.out


def test_after_f5_the_new_game_screen_lists_the_reloaded_campaigns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.ui.pygame.menus import NewGameScreen

    content_dir = tmp_path / "content"
    shutil.copytree(FIXTURE, content_dir)
    monkeypatch.setenv(CONTENT_ENV, str(content_dir))
    app = App(make_services(load_content(), argparse.Namespace(mod=[], saves=str(tmp_path / "saves"))), (1280, 800))
    app.stack = [TitleScreen(app)]
    app.start("testcamp", 21)
    campaign = content_dir / "campaign.yaml"
    campaign.write_text(campaign.read_text().replace("A Short Test of Nerve", "A Longer Test of Nerve"))
    key(app, pygame.K_F5)
    assert "no problems" in app.message
    assert [c.title for c in app.services.campaigns] == ["A Longer Test of Nerve"]
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_n, "n")
    assert isinstance(app.top, NewGameScreen)
    assert any("A Longer Test of Nerve" in b.label for b in app.top.current_buttons())
