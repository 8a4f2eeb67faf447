"""The tcod frontend on the shared game session: undo by key and by the button, ironman on
the new-game screen, F5 on the title and in a game, hints for keys with no meaning, a failed
save that stays in its dialog, closing the window autosaves."""

from __future__ import annotations

import argparse
from pathlib import Path

import tcod.event

from game.cli.wiring import make_services
from game.content.loader import Content
from game.persist.reader import read_save
from game.ui.tcod import app as tcod_app
from game.ui.tcod.base import App
from game.ui.tcod.menus import CharactersScreen, SaveDialog, TitleScreen
from game.ui.tcod.play import GameScreen, ReportsScreen

from .helpers import click, draw, find, press, rows

K = tcod.event.KeySym


def real_app(content: Content, saves: Path, **kw: object) -> App:
    services = make_services(content, argparse.Namespace(mod=[], saves=str(saves)))
    return tcod_app.build(services, **kw)  # type: ignore[arg-type]


def to_card(app: App) -> None:
    for _ in range(20):
        if isinstance(app.top, GameScreen):
            return
        press(app, K.RETURN)
    raise AssertionError(f"no card: {app.top}")


def choose_first(app: App) -> None:
    press(app, K.N1)
    to_card(app)


def test_u_takes_back_decisions_to_the_start_with_the_same_dice(mini_content: Content, tmp_path: Path) -> None:
    app = real_app(mini_content, tmp_path, campaign="mini", seed=5)
    to_card(app)
    engine = app.session.engine
    assert engine is not None
    first = engine.state.meters.copy()
    choose_first(app)
    choose_first(app)
    after_two = app.session.engine.state  # type: ignore[union-attr]
    press(app, K.U)
    assert isinstance(app.top, GameScreen) and "Taken back" in str(draw(app))
    assert len(app.session.engine.commands) == 1  # type: ignore[union-attr]
    choose_first(app)
    assert app.session.engine.state == after_two  # type: ignore[union-attr]  # the same dice
    press(app, K.U)
    press(app, K.U)
    assert app.session.engine.state.meters == first and not app.session.engine.commands  # type: ignore[union-attr]
    press(app, K.U)
    assert "start of the game" in app.session.message


def test_the_undo_button_is_drawn_and_clicked(mini_content: Content, tmp_path: Path) -> None:
    app = real_app(mini_content, tmp_path, campaign="mini", seed=6)
    to_card(app)
    assert "undo" not in str(draw(app)).replace("u undo", "")  # nothing to take back yet
    choose_first(app)
    con = draw(app)
    x, y = find(con, "↶ u: undo")
    assert y == con.height - 2, "on the card's lower frame, clear of the footer's keys"
    app.dispatch(click(x + 2, y))
    assert app.session.engine is not None and not app.session.engine.commands
    assert isinstance(app.top, GameScreen)


def test_ironman_is_chosen_on_the_new_game_screen_and_turns_undo_off(mini_content: Content, tmp_path: Path) -> None:
    app = real_app(mini_content, tmp_path)
    press(app, K.N1)
    assert isinstance(app.top, CharactersScreen)
    assert "Ironman: off" in str(draw(app))
    press(app, K.I)
    assert "Ironman: on" in str(draw(app))
    press(app, K.N1)
    to_card(app)
    assert app.session.game.ironman
    choose_first(app)
    assert "ironman: no undo" in str(draw(app))
    press(app, K.U)
    assert "ironman" in app.session.message and len(app.session.engine.commands) == 1  # type: ignore[union-attr]


def test_a_key_with_no_meaning_shows_only_a_hint(mini_content: Content, tmp_path: Path) -> None:
    app = real_app(mini_content, tmp_path, campaign="mini", seed=7)
    to_card(app)
    before = app.session.engine.state  # type: ignore[union-attr]
    press(app, K.Z)
    assert "no such key" in app.session.message and app.session.tone == "hint"
    assert isinstance(app.top, GameScreen) and app.session.engine.state == before  # type: ignore[union-attr]
    press(app, K.N9)  # beyond the options
    assert "Choose 1 to" in app.session.message


def test_f5_on_the_title_screen_and_in_a_game(mini_content: Content, tmp_path: Path) -> None:
    app = real_app(mini_content, tmp_path)
    press(app, K.F5)  # the shipped content, from disk: it loads
    assert "Content reloaded" in app.session.message and isinstance(app.top, TitleScreen)
    game = real_app(mini_content, tmp_path, campaign="mini", seed=8)
    to_card(game)
    engine = game.session.engine
    press(game, K.F5)  # the mini campaign is not in the shipped content: the game keeps its own
    assert game.session.engine is engine and "problem" in str(draw(game))


def test_a_failed_save_stays_in_its_dialog_and_says_why(mini_content: Content, tmp_path: Path) -> None:
    app = real_app(mini_content, tmp_path, campaign="mini", seed=9)
    to_card(app)
    press(app, K.S)
    assert isinstance(app.top, SaveDialog)
    app.dispatch(tcod.event.TextInput(text="../x"))
    press(app, K.RETURN)
    assert isinstance(app.top, SaveDialog) and "cannot be a save name" in app.top.error
    press(app, K.ESCAPE)
    assert isinstance(app.top, GameScreen)


def test_closing_the_window_autosaves(mini_content: Content, tmp_path: Path) -> None:
    app = real_app(mini_content, tmp_path, campaign="mini", seed=10)
    to_card(app)
    choose_first(app)
    if isinstance(app.top, ReportsScreen):
        press(app, K.RETURN)
    app.dispatch(tcod.event.Quit())
    assert not app.running
    newest = max(tmp_path.glob("autosave-*.json"), key=lambda p: p.stat().st_mtime_ns)
    assert len(read_save(newest).commands) == len(app.session.engine.commands)  # type: ignore[union-attr]


def test_f5_on_what_came_of_it_keeps_the_page_and_the_meters_changes(shipped: Content, tmp_path: Path) -> None:
    """F5 rebuilds the engine on the same state, with no last choice to report: the page goes
    on showing what came of the choice (and the meters' changes) until Continue."""
    app = real_app(shipped, tmp_path, campaign="bukharin:last_plea", seed=7)
    for _ in range(40):  # choose the first option until a choice reports something
        to_card(app)
        press(app, K.N1)
        if isinstance(app.top, ReportsScreen):
            break
    assert isinstance(app.top, ReportsScreen)
    before = rows(draw(app, (100, 40)))
    engine = app.session.engine
    press(app, K.F5)
    assert "Content reloaded" in app.session.message
    assert app.session.engine is not engine  # the engine was rebuilt on the same state
    after = rows(draw(app, (100, 40)))
    assert after[2:-2] == before[2:-2]  # everything but the header's edge and the footer's message
    press(app, K.RETURN)
    assert isinstance(app.top, GameScreen)


def test_e_at_the_ending_exports_the_chronicle_beside_the_saves(mini_content: Content, tmp_path: Path) -> None:
    from game.ui.tcod.play import EndingScreen

    app = real_app(mini_content, tmp_path, campaign="mini", seed=5)
    for _ in range(500):
        if isinstance(app.top, EndingScreen):
            break
        press(app, K.RETURN)
    assert isinstance(app.top, EndingScreen)
    assert "export it" in rows(draw(app, (100, 40)))[-1]
    press(app, K.E)
    pages = sorted(tmp_path.glob("*-chronicle*.html"))
    assert len(pages) == 1 and "Chronicle written to" in app.session.message
    page = pages[0].read_text(encoding="utf-8")
    assert app.session.engine is not None
    assert app.session.engine.view().ending.title in page  # type: ignore[union-attr]
    press(app, K.E)  # a second export never overwrites the first
    assert len(list(tmp_path.glob("*-chronicle*.html"))) == 2 and pages[0].read_text(encoding="utf-8") == page
    assert isinstance(app.top, EndingScreen)
