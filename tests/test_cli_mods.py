"""The CLI never drops content without a word (issue 9 item 5, modding review D4)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from game import cli
from game.cli import wiring
from game.cli.errors import CliError
from game.content.loader import default_content_dir

BROKEN = """cards:
  - id: bukharin.tutorial_bug
    kind: event
    campaign: bukharin
    title: "Broken"
    when: {meter: {suspicion: 3}}
    options: [{id: a, text: A}]
"""


def broken_mod(tmp_path: Path) -> Path:
    root = tmp_path / "tut_bug"
    root.mkdir()
    (root / "mod.yaml").write_text('id: tut_bug\nname: "Bug"\nversion: "1.0"\n')
    (root / "cards.yaml").write_text(BROKEN)
    return root


def test_simulate_refuses_a_deck_with_errors_with_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = cli.main(["simulate", "bukharin", "--runs", "2", "-q", "--mod", str(broken_mod(tmp_path))])
    assert status == 2
    err = capsys.readouterr().err
    assert "tut_bug/cards.yaml:6:" in err and "divergence validate" in err


def test_play_says_what_was_left_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    content = wiring.load_for_play([str(broken_mod(tmp_path))])
    assert "bukharin.tutorial_bug" not in content.campaigns["bukharin"].cards
    text = err.getvalue()
    assert "1 error in 1 file" in text and "tut_bug/cards.yaml:6:" in text and "divergence validate" in text


def test_a_mod_that_is_a_file_or_the_content_folder_is_named_as_such(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text("cards: []\n")
    with pytest.raises(CliError, match="this is a file; a mod is a folder"):
        wiring.mod_sources([str(tmp_path / "m.yaml")])
    with pytest.raises(CliError, match="the game's own content folder"):
        wiring.mod_sources([str(default_content_dir())])


SECOND = """cards:
  - id: bukharin.tutorial_bug_two
    kind: event
    campaign: bukharin
    title: "Broken too"
    weight: lots
    options: [{id: a, text: A}]
"""


def two_file_mod(tmp_path: Path) -> Path:
    root = broken_mod(tmp_path)
    (root / "more.yaml").write_text(SECOND)
    return root


def test_the_dropped_content_summary_counts_what_was_left_out_and_why(tmp_path: Path) -> None:
    from game.content.dropped import dropped_lines
    from game.content.loader import Source, load_content

    assert dropped_lines(load_content()) == []  # the shipped content loads whole: nothing to say
    content = load_content(mods=[Source("tut_bug", two_file_mod(tmp_path))])
    lines = dropped_lines(content)
    assert lines[0].startswith("Content left out: 2 cards (bukharin.tutorial_bug, bukharin.tutorial_bug_two)")
    assert "2 errors in 2 files" in lines[0]
    assert any("tut_bug/cards.yaml:6:" in line for line in lines[1:])
    assert lines[-1] == "Run `divergence validate` for the full report."


def test_calibrate_refuses_a_deck_with_errors_with_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = cli.main(["calibrate", "bukharin", "-q", "--mod", str(two_file_mod(tmp_path))])
    assert status == 2
    err = capsys.readouterr().err
    assert "2 cards" in err and "tut_bug/cards.yaml:6:" in err and "divergence validate" in err


def test_simulate_says_how_many_cards_were_left_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["simulate", "bukharin", "--runs", "2", "-q", "--mod", str(two_file_mod(tmp_path))]) == 2
    assert "Content left out: 2 cards" in capsys.readouterr().err


def test_play_says_how_many_cards_were_left_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    wiring.load_for_play([str(two_file_mod(tmp_path))])
    assert "Content left out: 2 cards" in err.getvalue() and "divergence validate" in err.getvalue()


def test_the_title_screens_read_the_summary_from_the_services(tmp_path: Path) -> None:
    import argparse

    args = argparse.Namespace(mod=[str(two_file_mod(tmp_path))], saves=str(tmp_path / "saves"), autosaves=None)
    services = wiring.make_services(wiring.load_for_play(args.mod), args)
    lines = services.dropped()
    assert lines[0].startswith("Content left out: 2 cards") and lines[-1].startswith("Run `divergence validate`")
    clean = argparse.Namespace(mod=[], saves=str(tmp_path / "saves"), autosaves=None)
    assert wiring.make_services(wiring.load_for_play([]), clean).dropped() == []


def test_the_text_title_screen_says_what_was_left_out(tmp_path: Path) -> None:
    import argparse

    from game.ui.text.app import TextUI

    args = argparse.Namespace(mod=[str(two_file_mod(tmp_path))], saves=str(tmp_path / "saves"), autosaves=None)
    services = wiring.make_services(wiring.load_for_play(args.mod), args)
    out = io.StringIO()
    TextUI(services, io.StringIO("q\n"), out, color=False).run()
    title = out.getvalue().split("New game")[0]
    assert "Content left out: 2 cards" in title and "Run `divergence validate`" in title


def _services_with_a_broken_mod(tmp_path: Path, mods: bool = True) -> object:
    import argparse

    args = argparse.Namespace(mod=[str(two_file_mod(tmp_path))] if mods else [], saves=str(tmp_path / "saves"))
    return wiring.make_services(wiring.load_for_play(args.mod), args)


def test_the_tcod_title_screen_says_what_was_left_out(tmp_path: Path) -> None:
    import tcod.console

    from game.ui.tcod import app as tcod_app

    con = tcod.console.Console(100, 50)
    tcod_app.build(_services_with_a_broken_mod(tmp_path)).draw(con)  # type: ignore[arg-type]
    screen = "\n".join("".join(chr(c) for c in row) for row in con.ch)
    assert "Content left out: 2 cards" in screen and "divergence validate" in screen
    clean = tcod.console.Console(100, 50)
    tcod_app.build(_services_with_a_broken_mod(tmp_path, mods=False)).draw(clean)  # type: ignore[arg-type]
    assert "Content left out" not in "\n".join("".join(chr(c) for c in row) for row in clean.ch)


def test_the_pygame_title_screen_says_what_was_left_out(tmp_path: Path) -> None:
    import pygame

    from game.ui.pygame.app import App
    from game.ui.pygame.menus import TitleScreen

    def title(services: object) -> tuple[pygame.Surface, pygame.Rect]:
        app = App(services, (1280, 800))  # type: ignore[arg-type]
        screen = TitleScreen(app)
        app.stack = [screen]
        surface = pygame.Surface((1280, 800))
        screen.draw(surface)
        menu = screen.layout((1280, 800))["menu"]  # the words go under the menu, in its column
        return surface, pygame.Rect(menu.x, menu.bottom, menu.w, 800 - menu.bottom)

    broken, below = title(_services_with_a_broken_mod(tmp_path))
    clean, _ = title(_services_with_a_broken_mod(tmp_path, mods=False))
    pygame.image.save(broken, str(tmp_path / "title.png"))
    differs = any(
        broken.get_at((x, y)) != clean.get_at((x, y))
        for x in range(below.left, below.right, 2)
        for y in range(below.top, below.bottom, 2)
    )
    assert differs, "the pygame title screen drew nothing for the content left out"
