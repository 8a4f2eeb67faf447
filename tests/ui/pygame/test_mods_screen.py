"""The pygame title screen's Mods entry, with the CLI's real services: M opens the list built
from the shared document (``screens.mods_doc``), a mod's number or a click switches a mod of
the user mod folder off and on again (the content reloads, the list reads the new state), a
mod given with --mod says why it cannot be switched; a session without mod services has no
such entry."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pygame
import pytest

from game import cli
from game.cli.wiring import load_for_play, make_services
from game.content import mods as mods_mod
from game.core.model import Campaign
from game.ui import screens
from game.ui.pygame.app import App
from game.ui.pygame.menus import TitleScreen
from game.ui.pygame.mods import ModsScreen
from tests.ui.pygame.test_play import make_app

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "mods" / "ordzhonikidze"


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> App:
    folder = tmp_path / "user_mods"
    monkeypatch.setenv(mods_mod.MODS_ENV, str(folder))
    monkeypatch.delenv("DIVERGENCE_NO_USER_MODS", raising=False)
    shutil.copytree(EXAMPLE, folder / "ordzhonikidze")
    assert cli.main(["new-mod", "Given Mod", "--dir", str(tmp_path / "given")]) == 0
    given = tmp_path / "given" / "given_mod"
    content = load_for_play([str(given)])
    args = argparse.Namespace(mod=[str(given)], saves=str(tmp_path / "saves"))
    app = App(make_services(content, args), (1280, 720))
    app.stack = [TitleScreen(app)]
    return app


def press(app: App, k: int, text: str = "") -> None:
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=text))


def test_m_opens_the_list_and_a_number_switches_a_mod(app: App) -> None:
    assert "Mods" in [b.label for b in app.top.current_buttons()]
    press(app, pygame.K_m, "m")
    mods = app.top
    assert isinstance(mods, ModsScreen)
    app.draw(pygame.Surface(app.size))
    assert mods.info is not None
    # the buttons are the document's options: same words, same numbers, same order
    doc = screens.mods_doc(mods.info)
    heads = [blocks[0] for _i, blocks in sorted(doc.options().items())]
    shown = mods.current_buttons()[:-1]
    assert [(b.label, b.key, b.enabled) for b in shown] == [(h.text, h.key, h.role == "option") for h in heads]
    user = next(i for i, m in enumerate(mods.info.mods) if m.id == "ordzhonikidze")
    assert mods.info.mods[user].enabled
    key = heads[user].key
    press(app, pygame.K_0 + int(key), key)
    assert mods.info is not None and not next(m for m in mods.info.mods if m.id == "ordzhonikidze").enabled
    assert "disabled" in app.message
    assert not any("ordzhonikidze" in entry for entry in mods.info.order)
    # a click switches it on again
    button = next(b for b in mods.current_buttons() if b.key == key)
    app.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=button.rect.center, button=1))
    assert next(m for m in mods.info.mods if m.id == "ordzhonikidze").enabled
    assert "enabled" in app.message
    app.draw(pygame.Surface(app.size))


def test_a_given_mod_says_why_it_cannot_be_switched(app: App) -> None:
    app.open("mods")
    mods = app.top
    assert isinstance(mods, ModsScreen) and mods.info is not None
    given = next(i for i, m in enumerate(mods.info.mods) if m.origin == "given")
    button = next(b for b in mods.current_buttons() if b.label.startswith(mods.info.mods[given].name))
    assert not button.enabled
    app.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=button.rect.center, button=1))
    assert "--mod" in app.message
    assert next(m for m in mods.info.mods if m.origin == "given").enabled  # nothing changed


def test_no_entry_without_mod_services(testcamp: Campaign) -> None:
    app = make_app(testcamp)
    assert "Mods" not in [b.label for b in app.top.current_buttons()]
