"""The pygame replay screen: opened by `divergence replay SAVE --ui pygame`, jump to a turn or
a date with the G box, the dice that fell on the card, fork, leave."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game import cli
from game.persist.reader import read_save
from game.persist.store import SaveStore
from game.ui.pygame import app as pygame_app
from game.ui.pygame.app import App
from game.ui.pygame.replay import JumpScreen, ReplayScreen
from game.ui.pygame.table import TableScreen
from tests.persist.conftest import SAGA, load_saga, play


def key(app: App, k: int, unicode: str = "") -> None:
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=unicode))


def typed(app: App, text: str) -> None:
    app.handle(pygame.event.Event(pygame.TEXTINPUT, text=text))


@pytest.fixture
def saves(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    content = load_saga()
    folder = tmp_path / "saves"
    SaveStore(content, folder).save(play(content.campaigns["saga"], 8, 40), "watched")
    monkeypatch.setenv("DIVERGENCE_CONTENT", str(SAGA))
    return folder


def first_step_at(saves: Path, turn: int) -> int:
    return next(i for i, s in enumerate(read_save(saves / "watched.json").commands) if s.turn >= turn)


def drive(monkeypatch: pytest.MonkeyPatch, script) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Run the window loop as ``script(app)`` instead of opening a window."""
    seen: dict[str, object] = {}

    def run_window(self: App) -> int:
        seen["app"] = self
        script(self, seen)
        return 0

    monkeypatch.setattr(pygame_app.App, "run_window", run_window)
    return seen


def test_the_replay_command_opens_the_screen_at_the_step_asked(
    saves: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def script(app: App, seen: dict[str, object]) -> None:
        screen = app.top
        assert isinstance(screen, ReplayScreen) and screen.direct and screen.title == "watched"
        seen["start"] = screen.control.position()
        app.draw(pygame.Surface(app.size))
        key(app, pygame.K_RIGHT)
        key(app, pygame.K_f, "f")
        assert isinstance(app.top, TableScreen) and not app.top.replaying
        seen["decisions"] = len(app.top.engine.commands)

    seen = drive(monkeypatch, script)
    status = cli.main(["replay", "watched", "--ui", "pygame", "--to", "6", "--saves", str(saves)])
    err = capsys.readouterr().err
    assert status == 0, err
    assert seen["start"] == first_step_at(saves, 6)
    assert seen["decisions"] == first_step_at(saves, 6) + 1
    assert "Forked: saved as" in err and any(p.name.startswith("watched-fork-t") for p in saves.iterdir())


def test_the_jump_box_goes_to_a_turn_or_a_date_and_keeps_a_bad_one_with_its_reason(
    saves: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def script(app: App, seen: dict[str, object]) -> None:
        screen = app.top
        assert isinstance(screen, ReplayScreen)
        surface = pygame.Surface(app.size)
        key(app, pygame.K_g, "g")
        box = app.top
        assert isinstance(box, JumpScreen)
        typed(app, "g")  # the key that opened the box is not typed into it
        assert box.text == ""
        typed(app, "12")
        app.draw(surface)
        key(app, pygame.K_RETURN)
        assert app.top is screen
        seen["turn"] = screen.control.position()
        key(app, pygame.K_g, "g")
        box = app.top
        assert isinstance(box, JumpScreen)
        typed(app, "1900-13")
        key(app, pygame.K_RETURN)
        assert app.top is box and "13" in box.error
        app.draw(surface)
        for _ in range(7):
            key(app, pygame.K_BACKSPACE)
        typed(app, read_save(saves / "watched.json").commands[20].date)
        key(app, pygame.K_RETURN)
        seen["date"] = screen.control.position()
        key(app, pygame.K_g, "g")
        key(app, pygame.K_ESCAPE)  # Esc closes the box and stays in the replay
        assert app.top is screen
        key(app, pygame.K_ESCAPE)  # Esc in a replay opened by the command ends the program
        seen["running"] = app.running

    seen = drive(monkeypatch, script)
    assert cli.main(["replay", "watched", "--ui", "pygame", "--saves", str(saves)]) == 0
    commands = read_save(saves / "watched.json").commands
    assert seen["turn"] == first_step_at(saves, 12)
    assert seen["date"] == next(i for i, s in enumerate(commands) if s.date >= commands[20].date)
    assert seen["running"] is False


def test_the_card_shows_the_dice_that_fell(saves: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def script(app: App, seen: dict[str, object]) -> None:
        screen = app.top
        assert isinstance(screen, ReplayScreen)
        m = screen.metrics(app.size)
        shown = []
        for step in range(screen.control.total() + 1):
            screen.go(step)
            texts = [p.text for p in screen._card_paras(m)[3]]
            rolls = [r.roll for r in screen.view.reports if r.roll is not None]
            shown.append((rolls, texts))
        seen["shown"] = shown

    seen = drive(monkeypatch, script)
    assert cli.main(["replay", "watched", "--ui", "pygame", "--saves", str(saves)]) == 0
    shown = seen["shown"]
    assert any(rolls for rolls, _ in shown)  # the save has dice to show
    for rolls, texts in shown:  # type: ignore[attr-defined]
        for roll in rolls:
            assert any(t.startswith(f"dice: rolled {roll:.3f} -> ") for t in texts), texts
