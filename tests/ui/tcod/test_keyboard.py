"""Keyboard-only use of the tcod frontend (the audit of session 3): a message lasts until the
next key, so the footer shows the screen's keys again; Esc on a card hints how to leave; the
help lists every key the footer shows."""

from __future__ import annotations

from pathlib import Path

import tcod.event

from game.content.loader import Content
from game.ui.tcod.layout import GAME_KEYS
from game.ui.tcod.menus import TCOD_KEYS, LoadScreen
from game.ui.tcod.play import GameScreen

from .helpers import press, rows
from .test_session_flows import real_app, to_card

K = tcod.event.KeySym


def test_a_message_gives_way_to_the_keys_at_the_next_key(mini_content: Content, tmp_path: Path) -> None:
    app = real_app(mini_content, tmp_path, campaign="mini", seed=5)
    to_card(app)
    app.session.show(app.session.game.save("kept"))
    assert "Saved as kept" in rows(press(app))[-1]
    con = press(app, K.L)  # the load list: its own keys, not the old message
    assert isinstance(app.top, LoadScreen)
    footer = rows(con)[-1]
    assert "Saved as" not in footer and "Esc" in footer and "watch the replay" in footer


def test_escape_on_a_card_says_how_to_leave(mini_content: Content, tmp_path: Path) -> None:
    app = real_app(mini_content, tmp_path, campaign="mini", seed=5)
    to_card(app)
    con = press(app, K.ESCAPE)
    assert isinstance(app.top, GameScreen)
    assert "q saves and goes to the title screen" in rows(con)[-1]


def test_the_help_lists_every_key_of_the_game_footer() -> None:
    helped = " ".join(key for key, _ in TCOD_KEYS)
    for key, _what in GAME_KEYS:
        first = key.split("/")[0].split("-")[0]
        assert first in helped, key
