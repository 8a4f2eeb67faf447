"""Feeding events to the tcod app and reading what it drew."""

from __future__ import annotations

import re

import tcod.console
import tcod.event

from game.ui.tcod.base import App


def key(sym: tcod.event.KeySym, mod: tcod.event.Modifier = tcod.event.Modifier.NONE) -> tcod.event.KeyDown:
    """A key press."""
    return tcod.event.KeyDown(scancode=tcod.event.Scancode.UNKNOWN, sym=sym, mod=mod)


def press(app: App, *syms: tcod.event.KeySym, size: tuple[int, int] = (80, 50)) -> tcod.console.Console:
    """Draw, then press each key (drawing between, as the window loop does); return the last draw."""
    con = tcod.console.Console(*size)
    for sym in syms:
        app.draw(con)
        app.dispatch(key(sym))
    app.draw(con)
    return con


def draw(app: App, size: tuple[int, int] = (80, 50)) -> tcod.console.Console:
    """The app drawn into a fresh console."""
    con = tcod.console.Console(*size)
    app.draw(con)
    return con


def rows(con: tcod.console.Console) -> list[str]:
    """The console's text, one string a row (without str()'s < > border)."""
    return ["".join(chr(c) for c in row) for row in con.ch]


def find(con: tcod.console.Console, text: str) -> tuple[int, int]:
    """(x, y) of the first place the text is drawn; AssertionError when it is not on screen."""
    for y, row in enumerate(rows(con)):
        x = row.find(text)
        if x >= 0:
            return x, y
    raise AssertionError(f"{text!r} is not on screen:\n" + "\n".join(rows(con)))


def words(text: str) -> set[str]:
    """The words of a text, for checking that nothing was cut (wrapping may break at hyphens)."""
    return {w for w in re.split(r"[\s-]+", text) if w}


def mouse_move(x: int, y: int) -> tcod.event.MouseMotion:
    """The mouse moved onto a cell."""
    return tcod.event.MouseMotion(position=tcod.event.Point(x + 0.5, y + 0.5))


def click(x: int, y: int) -> tcod.event.MouseButtonDown:
    """A left click on a cell."""
    return tcod.event.MouseButtonDown(position=tcod.event.Point(x + 0.5, y + 0.5), button=tcod.event.MouseButton.LEFT)
