"""`divergence screenshot --ui pygame` through the real renderer: --historian reaches it, an
unknown screen is a usage error, and `current` is what the player sees now."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.cli import main
from game.ui.pygame import screenshot

BASE = ["screenshot", "--ui", "pygame", "--as", "bukharin", "--seed", "3", "--size", "1024x640"]


def test_historian_reaches_the_renderer_and_changes_the_picture(tmp_path: Path, monkeypatch) -> None:
    asked = []
    real = screenshot.build

    def spy(engine, screen, size, historian=False, **kw):  # type: ignore[no-untyped-def]
        asked.append(historian)
        return real(engine, screen, size, historian, **kw)

    monkeypatch.setattr(screenshot, "build", spy)
    plain, odds = tmp_path / "plain.png", tmp_path / "odds.png"
    assert main([*BASE, "--screen", "card", str(plain)]) == 0
    assert main([*BASE, "--screen", "card", "--historian", str(odds)]) == 0
    assert asked == [False, True]
    a, b = pygame.image.load(str(plain)), pygame.image.load(str(odds))
    assert a.get_size() == b.get_size() == (1024, 640)
    assert pygame.image.tobytes(a, "RGB") != pygame.image.tobytes(b, "RGB")


def test_an_unknown_screen_is_a_usage_error_without_a_traceback(tmp_path: Path, capsys) -> None:
    out = tmp_path / "x.png"
    assert main([*BASE, "--screen", "nonsense", str(out)]) == 2
    err = capsys.readouterr().err
    assert "--screen nonsense" in err and "unknown screen" in err and "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize("choices", ["", "1", "1,1"])
def test_current_is_the_screen_the_player_sees(tmp_path: Path, monkeypatch, choices: str) -> None:
    shown = []
    real = screenshot.build

    def spy(engine, screen, size, historian=False, **kw):  # type: ignore[no-untyped-def]
        app = real(engine, screen, size, historian, **kw)
        shown.append((engine.view().reports != (), getattr(app.top, "mode", app.top.name)))
        return app

    monkeypatch.setattr(screenshot, "build", spy)
    assert main([*BASE, "--choices", choices, str(tmp_path / "now.png")]) == 0
    ((had_reports, mode),) = shown
    assert mode == ("aftermath" if had_reports else "decision")


def test_the_new_game_screen_lists_every_campaign_with_its_summary(tmp_path: Path, monkeypatch) -> None:
    seen = []
    real = screenshot.build

    def spy(engine, screen, size, historian=False, **kw):  # type: ignore[no-untyped-def]
        app = real(engine, screen, size, historian, **kw)
        seen.append(app)
        return app

    monkeypatch.setattr(screenshot, "build", spy)
    assert main([*BASE, "--screen", "characters", str(tmp_path / "new.png")]) == 0
    (app,) = seen
    infos = app.services.campaigns
    # one entry per campaign start ("campaign" for the first, "campaign:start" for the others)
    assert sorted({c.id.split(":")[0] for c in infos}) == ["bukharin", "tukhachevsky"]
    assert all(c.summary for c in infos)
    labels = [b.label for b in app.top.current_buttons()]
    assert any("Tukhachevsky" in label for label in labels) and any("Bukharin" in label for label in labels)
