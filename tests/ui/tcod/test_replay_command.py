"""`divergence replay SAVE --ui tcod`: the replay screen opened straight on a real save."""

from __future__ import annotations

from pathlib import Path

import pytest
import tcod.event

from game import cli
from game.persist.store import SaveStore
from game.ui.tcod import app as tcod_app
from game.ui.tcod.base import App
from game.ui.tcod.play import GameScreen, ReportsScreen
from game.ui.tcod.replay import ReplayScreen
from tests.persist.conftest import SAGA, load_saga, play
from tests.ui.tcod.helpers import draw, press

K = tcod.event.KeySym


@pytest.fixture
def saves(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with one save of the saga campaign (40 decisions), the content pointed at it."""
    content = load_saga()
    folder = tmp_path / "saves"
    SaveStore(content, folder).save(play(content.campaigns["saga"], 8, 40), "watched")
    monkeypatch.setenv("DIVERGENCE_CONTENT", str(SAGA))
    return folder


def test_the_replay_command_opens_the_tcod_screen_at_the_turn_asked_and_forks(
    saves: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: dict[str, object] = {}

    def window(app: App) -> int:  # stands in for the SDL window: drives the app with keys
        screen = app.top
        assert isinstance(screen, ReplayScreen) and len(app.stack) == 1
        seen["start"], seen["total"] = screen.control.position(), screen.control.total()
        assert "Replay of watched" in str(draw(app, (100, 50)))
        dice = False
        for _ in range(screen.control.total()):
            if "dice: rolled" in str(draw(app, (100, 50))):
                dice = True
                break
            press(app, K.RIGHT)
        seen["dice"] = dice
        press(app, K.HOME, K.RIGHT, K.RIGHT, K.F)
        assert isinstance(app.top, (GameScreen, ReportsScreen))
        seen["forked"] = app.session.engine
        return 0

    monkeypatch.setattr(tcod_app, "window", window)
    status = cli.main(["replay", "watched", "--ui", "tcod", "--to", "5", "--saves", str(saves)])
    err = capsys.readouterr().err
    assert status == 0, err
    assert seen["start"] == next(i for i, s in enumerate(_commands(saves)) if s.turn >= 5)
    assert seen["dice"] is True
    forked = seen["forked"]
    assert forked is not None and len(forked.commands) == 2  # type: ignore[attr-defined]
    assert "Forked: saved as" in err
    assert any(p.name.startswith("watched-fork-t") for p in saves.iterdir())


def test_leaving_the_direct_replay_ends_the_program(saves: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def window(app: App) -> int:
        press(app, K.RIGHT, K.ESCAPE)
        assert not app.running
        return 0

    monkeypatch.setattr(tcod_app, "window", window)
    assert cli.main(["replay", "watched", "--ui", "tcod", "--saves", str(saves)]) == 0
    assert sorted(p.name for p in saves.iterdir()) == ["watched.json"]


def test_a_bad_turn_or_date_is_a_usage_error(saves: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["replay", "watched", "--ui", "tcod", "--to", "soon", "--saves", str(saves)]) == 2
    assert "neither a turn number nor a date" in capsys.readouterr().err


def _commands(saves: Path) -> list:  # type: ignore[type-arg]
    from game.persist.reader import read_save

    return read_save(saves / "watched.json").commands


def test_with_odds_shown_the_replay_names_each_chance_once(saves: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def window(app: App) -> int:
        screen = app.top
        assert isinstance(screen, ReplayScreen) and app.session.historian
        for _ in range(screen.control.total()):
            text = str(draw(app, (100, 50)))
            if "dice: rolled" in text and "% outcome" in text:
                seen.append(text)
            press(app, K.RIGHT)
        return 0

    monkeypatch.setattr(tcod_app, "window", window)
    assert cli.main(["replay", "watched", "--ui", "tcod", "--historian", "--saves", str(saves)]) == 0
    assert seen, "no step of the save rolled dice"
    for text in seen:
        assert "% chance)" not in text  # the dice line says it; the outcome does not repeat it
