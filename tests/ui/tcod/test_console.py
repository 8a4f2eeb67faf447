"""The tcod debug console: F12 or the backquote opens it, lines run through the shared
registry against the game in progress, Esc closes it."""

from __future__ import annotations

import tcod.event

from game.ui.tcod import app as tcod_app
from game.ui.tcod.menus import ConsoleDialog
from game.ui.tcod.play import GameScreen

from .helpers import draw, find, key

K = tcod.event.KeySym


def _type(app: tcod_app.App, text: str) -> None:
    app.dispatch(tcod.event.TextInput(text=text))
    draw(app)
    app.dispatch(key(K.RETURN))
    draw(app)


def test_the_console_sets_a_meter_in_the_game(memory):
    app = tcod_app.build(memory.services(), campaign="mini", seed=5)
    while not isinstance(app.top, GameScreen):
        draw(app)
        app.dispatch(key(K.RETURN))
    draw(app)
    app.dispatch(key(K.F12))
    assert isinstance(app.top, ConsoleDialog)
    _type(app, "set heat 3")
    assert app.session.engine is not None and app.session.engine.state.meters["heat"] == 3
    _type(app, "meters")
    con = draw(app)
    find(con, "done: set heat 3")
    find(con, "heat = 3")
    app.dispatch(key(K.ESCAPE))
    assert isinstance(app.top, GameScreen)
    app.dispatch(key(K.GRAVE))
    assert isinstance(app.top, ConsoleDialog)
