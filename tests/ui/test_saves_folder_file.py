"""A saves folder that is a file (``--saves`` naming one, or a file where the folder should
be): the load list says the folder cannot be used, in the text and tcod frontends, instead of
"There are no saved games yet"; a folder not made yet still lists no saves."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import pytest
import tcod.event

from game.cli.wiring import make_services
from game.content.loader import Content
from game.ui.services import Services, UserError
from game.ui.session import GameSession
from game.ui.tcod import app as tcod_app
from game.ui.tcod.menus import LoadScreen
from game.ui.text.app import TextUI
from tests.ui.tcod.helpers import draw, press, rows

K = tcod.event.KeySym


def services_at(content: Content, folder: Path) -> Services:
    return make_services(content, argparse.Namespace(mod=[], saves=str(folder)))


def test_a_saves_folder_that_is_a_file_is_said_in_the_load_list(mini_content: Content, tmp_path: Path) -> None:
    folder = tmp_path / "saves"
    folder.write_text("not a folder\n")
    services = services_at(mini_content, folder)
    with pytest.raises(UserError, match="is a file, not a folder"):
        services.list_saves()
    saves, problem = GameSession(services).saves()
    assert saves == [] and problem is not None and str(folder) in problem.text
    out = io.StringIO()
    assert TextUI(services, io.StringIO("b\n"), out, color=False, width=200).load_menu() is False
    text = out.getvalue()
    assert f"the saves folder {folder} is a file, not a folder" in text and "no saved games yet" not in text
    app = tcod_app.build(services)
    press(app, K.N2)
    assert isinstance(app.top, LoadScreen)
    shown = " ".join(" ".join(row.strip(" │") for row in rows(draw(app, (100, 40)))).split())
    assert "is a file, not a folder" in shown and "no saved games yet" not in shown, shown


def test_a_saves_folder_not_made_yet_has_no_saves(mini_content: Content, tmp_path: Path) -> None:
    services = services_at(mini_content, tmp_path / "not-yet")
    assert services.list_saves() == []
    out = io.StringIO()
    TextUI(services, io.StringIO("b\n"), out, color=False).load_menu()
    assert "There are no saved games yet." in out.getvalue()
