"""Loading, from inside a game, a save whose content's rules changed: the text and tcod
frontends say where it diverges and ask whether to continue from the saved state or stop."""

from __future__ import annotations

import io

import pytest
import tcod.console
import tcod.event

from game.persist.reader import read_save
from game.ui.services import ContentChanged
from game.ui.tcod import app as tcod_app
from game.ui.tcod.menus import ContentChangedScreen, LoadScreen
from game.ui.tcod.play import GameScreen, ReportsScreen
from game.ui.text.app import TextUI
from tests.ui.tcod.helpers import draw, press

K = tcod.event.KeySym


def test_services_load_raises_content_changed_with_a_way_to_continue(changed) -> None:  # type: ignore[no-untyped-def]
    services, path, _ = changed
    with pytest.raises(ContentChanged, match="diverges at decision") as info:
        services.load(str(path))
    engine = info.value.continue_from_snapshot()
    assert engine.state == read_save(path).final.state


def test_text_continue_plays_on_from_the_saved_state(changed) -> None:  # type: ignore[no-untyped-def]
    services, path, saves = changed
    before = path.read_bytes()
    out = io.StringIO()
    TextUI(services, io.StringIO("2\n1\nx\nc\nq\n"), out, color=False, width=100).run()
    text = out.getvalue()
    assert "diverges at" in text and "Type c or s." in text
    assert "Continuing from the state stored in the save." in text
    state = read_save(path).final.state
    assert f"turn {state.turn}" in text  # the game shown is the saved one
    assert path.read_bytes() == before
    autosave = next(p for p in saves.iterdir() if p.name.startswith("autosave-"))
    assert read_save(autosave).final.state.turn == state.turn


def test_text_stop_loads_nothing(changed) -> None:  # type: ignore[no-untyped-def]
    services, _path, saves = changed
    out = io.StringIO()
    TextUI(services, io.StringIO("2\n1\ns\nq\n"), out, color=False).run()
    text = out.getvalue()
    assert "diverges at" in text and "Not loaded: the save is unchanged." in text, text
    assert "Your move" not in text, text
    assert sorted(p.name for p in saves.iterdir()) == ["before-edit.json"]


def test_tcod_asks_and_continues_or_stops(changed) -> None:  # type: ignore[no-untyped-def]
    services, path, _ = changed
    app = tcod_app.build(services)
    press(app, K.N2, K.N1)
    assert isinstance(app.top, ContentChangedScreen)
    shown = str(draw(app, (100, 40)))
    assert "diverges at" in shown and "Continue from the saved state" in shown
    press(app, K.S)
    assert isinstance(app.top, LoadScreen) and "Not loaded" in app.session.message
    press(app, K.N1, K.C)
    assert isinstance(app.top, (GameScreen, ReportsScreen))
    assert app.session.engine is not None and app.session.engine.state == read_save(path).final.state
    assert isinstance(draw(app), tcod.console.Console)
