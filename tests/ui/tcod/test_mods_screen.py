"""The tcod title screen's Mods list, keyboard only: 4 opens it, the arrows and Enter (or a
mod's number) switch a mod of the user mod folder on or off, Esc goes back."""

from __future__ import annotations

from pathlib import Path

import tcod.event

from game.content import mods as mods_mod
from game.ui.tcod.base import App
from game.ui.tcod.menus import ModsScreen, TitleScreen
from tests.ui.test_session_mods import given as given
from tests.ui.test_session_mods import make_session
from tests.ui.test_session_mods import user as user

from .helpers import find, press, rows

K = tcod.event.KeySym


def test_mods_from_the_title_by_keyboard(user: Path, given: Path, tmp_path: Path) -> None:
    app = App(make_session(tmp_path, given).services)
    app.reset(TitleScreen())
    con = press(app, K.N4)
    assert isinstance(app.top, ModsScreen)
    find(con, "Load order: base → given_mod 0.1.0 → ordzhonikidze 1.0.0")
    find(con, "Sergo Lives 1.0.0 · on, loaded 2nd")
    con = press(app, K.N1)  # the --mod one has no number: a hint
    assert "A mod's number or Enter switches it" in rows(con)[-1]
    con = press(app, K.HOME, K.RETURN)  # Enter on it says why it cannot be switched; nothing is written
    assert "given with --mod" in rows(con)[-1] and not (user / "mods.json").exists()
    con = press(app, K.END, K.RETURN)  # the last entry is the example mod
    assert mods_mod.disabled_mods() == {"ordzhonikidze"}
    find(con, "Sergo Lives 1.0.0 · off")
    assert "Sergo Lives disabled." in rows(con)[-1]
    con = press(app, K.N4)  # its number switches it back
    find(con, "Sergo Lives 1.0.0 · on, loaded 2nd")
    assert mods_mod.disabled_mods() == set()
    press(app, K.ESCAPE)
    assert isinstance(app.top, TitleScreen)


def test_a_long_list_keeps_the_selection_in_view(user: Path, given: Path, tmp_path: Path) -> None:
    for i in range(30):
        (user / f"extra{i:02}").mkdir()
        (user / f"extra{i:02}" / "mod.yaml").write_text(
            f'id: extra{i:02}\nname: "Extra {i:02}"\nversion: "1.0"\n', encoding="utf-8"
        )
    app = App(make_session(tmp_path, given).services)
    app.reset(TitleScreen(), ModsScreen())
    con = press(app, size=(80, 30))
    find(con, "more below")
    con = press(app, K.END, size=(80, 30))
    find(con, "more above")
    find(con, "Sergo Lives 1.0.0")  # the last one, selected, is drawn
    con = press(app, K.HOME, size=(80, 30))
    find(con, "Given Mod 0.1.0")
