"""The pygame settings (mode, animations, text size) kept in settings.json in the saves
folder: written atomically on each change, read at the next start; a corrupt or odd file is
ignored with a notice, never a crash."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pygame
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.cli.settings import read_settings, settings_path
from game.cli.wiring import make_services
from game.content.loader import CONTENT_ENV, load_content
from game.ui.pygame import widgets
from game.ui.pygame.app import App, Settings, settings_from_json, settings_to_json
from game.ui.pygame.menus import SettingsScreen, TitleScreen
from game.ui.pygame.table import TableScreen
from game.ui.pygame.theme import GREEN
from game.ui.services import UserError
from tests.ui.pygame.conftest import FIXTURE


def key(app: App, k: int, unicode: str = "") -> None:
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=unicode))


@pytest.fixture
def session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A function making the app of a new session whose saves (and so settings.json) go to tmp_path."""
    monkeypatch.setenv(CONTENT_ENV, str(FIXTURE))
    content = load_content()

    def start(historian: bool = False) -> App:
        args = argparse.Namespace(mod=[], saves=str(tmp_path))
        app = App(make_services(content, args), (1280, 800), historian=historian)
        app.stack = [TitleScreen(app)]
        return app

    return start


def press_button(app: App, prefix: str) -> None:
    screen = app.top
    button = next(b for b in screen.current_buttons() if b.label.startswith(prefix))
    app.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=button.rect.center, button=1))


def test_settings_changed_in_one_session_are_there_in_the_next(session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = session()
    assert (app.settings.historian, app.settings.animate, app.settings.text_scale) == (False, True, 1.0)
    app.open("settings")
    assert isinstance(app.top, SettingsScreen)
    press_button(app, "Mode")
    press_button(app, "Animations")
    press_button(app, "Text size")
    assert widgets.TONE_COLORS[1] == GREEN
    press_button(app, "Colours")
    assert widgets.TONE_COLORS[1] != GREEN, "the colour-blind palette is in use at once"
    path = tmp_path / "settings.json"
    assert path.exists() and settings_path(argparse.Namespace(saves=str(tmp_path))) == path
    assert json.loads(path.read_text()) == {
        "historian": True,
        "animate": False,
        "text_scale": 1.15,
        "palette": "colour-blind",
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]  # no temporary file left
    again = session()
    assert (again.settings.historian, again.settings.animate, again.settings.text_scale) == (True, False, 1.15)
    assert again.settings.palette == "colour-blind" and widgets.TONE_COLORS[1] != GREEN
    assert again.message == ""
    widgets.use_palette("standard")


def test_keys_of_other_frontends_in_the_settings_file_are_kept(session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "settings.json").write_text(json.dumps({"tcod_font_size": 20}))
    app = session()
    app.open("settings")
    press_button(app, "Mode")
    assert json.loads((tmp_path / "settings.json").read_text())["tcod_font_size"] == 20


def test_the_odds_key_in_a_game_is_remembered(session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = session()
    app.start("testcamp", 5)
    assert isinstance(app.top, TableScreen)
    key(app, pygame.K_o, "o")
    assert json.loads((tmp_path / "settings.json").read_text())["historian"] is True


def test_the_historian_flag_wins_for_the_session_without_being_stored(session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "settings.json").write_text('{"historian": false, "animate": false}')
    app = session(historian=True)
    assert app.settings.historian and not app.settings.animate
    assert json.loads((tmp_path / "settings.json").read_text())["historian"] is False


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", '"historian"', "\xff\xfe", ""])
def test_a_corrupt_settings_file_is_ignored_with_a_notice(session, tmp_path: Path, text: str) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "settings.json").write_bytes(text.encode("latin-1"))
    app = session()
    assert app.settings == Settings()
    assert app.message.startswith("Settings ignored:") and "settings.json" in app.message
    app.draw(pygame.Surface(app.size))  # the notice is drawn, nothing raised
    app.open("settings")
    press_button(app, "Animations")  # the next change writes a good file over it
    assert json.loads((tmp_path / "settings.json").read_text())["animate"] is False


def test_wrong_values_are_ignored_one_by_one(session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "settings.json").write_text('{"historian": "yes", "animate": false, "text_scale": 9, "future": 1}')
    app = session()
    assert (app.settings.historian, app.settings.animate, app.settings.text_scale) == (False, False, 1.0)
    assert "historian" in app.message and "text_scale" in app.message and "future" not in app.message


def test_a_settings_file_that_cannot_be_written_is_a_notice(session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "settings.json").mkdir()  # a folder where the file should be
    app = session()
    app.open("settings")
    press_button(app, "Animations")
    assert app.message.startswith("Settings not saved:")
    assert not app.settings.animate  # the change holds for this session


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
KEYS = st.sampled_from(["historian", "animate", "text_scale", "other"])


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(KEYS, JSON, max_size=4))
def test_any_json_object_gives_valid_settings(data: dict[str, object]) -> None:
    result, problems = settings_from_json(data)
    assert isinstance(result.historian, bool) and isinstance(result.animate, bool)
    assert result.text_scale in (0.9, 1.0, 1.15)
    if not problems:
        stored = settings_to_json(result)
        assert all(stored[k] == data[k] for k in data if k in stored)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=200))
def test_reading_any_bytes_is_settings_or_a_user_error(data: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "settings.json"
        path.write_bytes(data)
        try:
            result = read_settings(path)
        except UserError as exc:
            assert "using the defaults" in str(exc)
        else:
            assert isinstance(result, dict)
