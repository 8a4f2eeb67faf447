"""``divergence screenshot``: screens drawn without a display, for docs and checks."""

from __future__ import annotations

import sys
import types

import pytest

from game.cli import main
from game.ui.tcod import font, png

CAMPAIGN = "bukharin"


def test_tcod_screenshot_is_a_png_of_the_expected_size(tmp_path, capsys):
    out = tmp_path / "card.png"
    status = main(["screenshot", "--ui", "tcod", "--as", CAMPAIGN, "--seed", "3", "--choices", "1", str(out)])
    assert status == 0
    w, h = font.cell_size(font.DEFAULT_SIZE)
    assert png.size_of(out.read_bytes()) == (80 * w, 50 * h)
    assert "80x50 cells" in capsys.readouterr().err


def test_tcod_screenshot_size_and_font_size(tmp_path):
    out = tmp_path / "wide.png"
    assert main(["screenshot", "--as", CAMPAIGN, "--size", "120x40", "--font-size", "12", str(out)]) == 0
    w, h = font.cell_size(12)
    assert png.size_of(out.read_bytes()) == (120 * w, 40 * h)


def test_text_screenshot_is_the_text_frontends_screen(tmp_path):
    out = tmp_path / "card.txt"
    assert main(["screenshot", "--ui", "text", "--as", CAMPAIGN, "--seed", "3", "--size", "70", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "turn 1" in text and "  1  " in text
    assert max(len(line) for line in text.splitlines()) <= 200
    out2 = tmp_path / "help.txt"
    assert main(["screenshot", "--ui", "text", "--as", CAMPAIGN, "--screen", "help", str(out2)]) == 0
    assert "How to play" in out2.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--choices", "1,x"], "expected option numbers"),
        (["--choices", "99"], "has options 1-"),
        (["--size", "big"], "expected WIDTHxHEIGHT"),
        (["--size", "30x10"], "at least 60x24"),
        (["--screen", "ending"], "has not ended"),
        (["--screen", "nonsense"], "unknown screen"),
        (["--font-size", "17"], "choose one of"),
    ],
)
def test_bad_arguments_are_clear_errors_and_write_nothing(tmp_path, capsys, args, message):
    out = tmp_path / "x.png"
    assert main(["screenshot", "--as", CAMPAIGN, *args, str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_unknown_campaign_and_missing_folder(tmp_path, capsys):
    assert main(["screenshot", "--as", "trotsky", str(tmp_path / "x.png")]) == 2
    assert main(["screenshot", "--as", CAMPAIGN, str(tmp_path / "no" / "x.png")]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_each_frontend_is_handed_to_its_registry_screenshot_module(tmp_path, monkeypatch, capsys):
    calls = []

    def shoot(services, engine, screen, size, out, historian, font_size):
        calls.append((engine.view().turn, screen, size, out, historian, font_size, len(services.campaigns) > 0))
        return "drawn"

    fake = types.ModuleType("game.ui.pygame.screenshot")
    fake.shoot = shoot  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "game.ui.pygame.screenshot", fake)
    monkeypatch.setattr("game.ui.frontends.Frontend.available", lambda self: True)
    out = tmp_path / "p.png"
    argv = ["screenshot", "--ui", "pygame", "--as", CAMPAIGN, "--screen", "card", "--size", "1024x768", str(out)]
    assert main(argv) == 0
    assert calls == [(1, "card", (1024, 768), out, False, None, True)]
    assert "drawn" in capsys.readouterr().err
    from game.ui import frontends

    for f in frontends.FRONTENDS:  # every frontend has a screenshot module with the entry point
        if f.available():
            assert callable(f.shooter().shoot), f.name


def test_the_text_screenshot_lives_in_the_text_frontend(tmp_path, capsys):
    from game.ui import frontends

    assert frontends.BY_NAME["text"].shooter().__name__ == "game.ui.text.screenshot"
    assert main(["screenshot", "--ui", "text", "--as", CAMPAIGN, "--screen", "save", str(tmp_path / "s.txt")]) == 2
    assert "no save screen" in capsys.readouterr().err
    assert main(["screenshot", "--ui", "text", "--as", CAMPAIGN, "--screen", "title", "-"]) == 0
    assert "  4  Mods" in capsys.readouterr().out
