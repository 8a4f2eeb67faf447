"""``divergence screenshot --ui pygame`` renders every screen to a PNG of the asked size."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.cli import main
from game.cli.commands.screenshot import SCREENS as CLI_SCREENS
from game.core.engine import Engine
from game.ui.pygame.screenshot import render
from tests.ui.pygame.conftest import FIXTURE


@pytest.mark.parametrize("screen", CLI_SCREENS)
def test_cli_screenshot_every_screen(screen: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIVERGENCE_CONTENT", str(FIXTURE))
    out = tmp_path / f"{screen}.png"
    status = main(
        [
            "screenshot",
            str(out),
            "--ui",
            "pygame",
            "--as",
            "testcamp",
            "--seed",
            "3",
            "--choices",
            "1",
            "--screen",
            screen,
            "--size",
            "1024x640",
        ]
    )
    assert status == 0
    image = pygame.image.load(str(out))
    assert image.get_size() == (1024, 640)
    # not a blank frame: the poster palette is there
    colours = {tuple(image.get_at((x, y)))[:3] for x in range(0, 1024, 37) for y in range(0, 640, 23)}
    assert len(colours) > 4


def test_render_rejects_an_unknown_screen(engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown screen"):
        render(engine, "nonsense", (1024, 640), str(tmp_path / "x.png"))
