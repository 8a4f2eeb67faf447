"""The pygame frontend from the keyboard alone (issue 10 item 7 and "Bad input"), screen by
screen, through the real App and the CLI's services: a key with no meaning only says so, Tab
follows the screen, the seed box keeps to the seed rule, Enter in the replay steps on, text
size and palette from any screen, and buttons drawn with their key on the label's line."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import attrs
import pygame
import pytest

from game.cli.wiring import make_services
from game.content.loader import CONTENT_ENV, load_content
from game.core.model import Campaign
from game.ui.pygame.app import App
from game.ui.pygame.base import Screen
from game.ui.pygame.menus import HelpScreen, NewGameScreen, SavesScreen, SettingsScreen, TitleScreen
from game.ui.pygame.mods import ModsScreen
from game.ui.pygame.replay import ReplayListScreen, ReplayScreen
from game.ui.pygame.table import TableScreen
from game.ui.pygame.theme import PAPER, RED, TEXT_SCALES, Theme, metrics
from game.ui.pygame.timeline import EndingScreen, TimelineScreen
from game.ui.pygame.widgets import Button, draw_button
from game.ui.session import SEED_MAX
from tests.ui.pygame.conftest import FIXTURE, SIZES
from tests.ui.pygame.test_play import make_app


def key(app: App, k: int, unicode: str = "", mod: int = 0) -> None:
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=unicode))


@pytest.fixture()
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[App]:
    monkeypatch.setenv(CONTENT_ENV, str(FIXTURE))
    services = make_services(load_content(), argparse.Namespace(mod=[], saves=str(tmp_path / "saves")))
    app = App(services, (1280, 800))
    app.stack = [TitleScreen(app)]
    yield app
    app.game.outlook.follow(None, False)


def play_to(app: App, decisions: int | None = None) -> TableScreen:
    """A new game of the test campaign from the keyboard, played with 1 and Enter."""
    key(app, pygame.K_n, "n")
    key(app, pygame.K_RETURN)  # Return on the focused campaign card begins it
    table = app.top
    assert isinstance(table, TableScreen)
    for _ in range(400):
        if not isinstance(app.top, TableScreen) or (decisions is not None and app.game.view().turn > decisions):
            break
        if table.mode == "decision":
            first = next(i for i, c in enumerate(table.choices()) if c.available)
            key(app, pygame.K_1 + first, str(first + 1))
        else:
            key(app, pygame.K_RETURN)
    return table


def state(app: App) -> tuple[object, ...]:
    """What a stray key must not change: the screens, the focus, the game's decisions."""
    engine = app.game.engine
    return (
        [type(s) for s in app.stack],
        app.top.focus,
        getattr(app.top, "mode", None),
        getattr(app.top, "page", None),
        getattr(app.top, "show_epilogue", None),
        engine.state.decisions if engine is not None else None,
        app.settings,
    )


def assert_only_a_hint(app: App, kind: type[Screen]) -> None:
    assert isinstance(app.top, kind), app.top
    app.message = ""
    before = state(app)
    key(app, pygame.K_x, "x")
    assert app.message.startswith("x: no such key here."), (kind.__name__, app.message)
    assert app.message != "x: no such key here. ."
    assert state(app) == before, kind.__name__
    app.draw(pygame.Surface(app.size))  # the hint is drawn without error


def test_a_key_with_no_meaning_only_hints_on_every_screen(app: App) -> None:
    key(app, pygame.K_n, "n")
    assert_only_a_hint(app, NewGameScreen)
    assert "1 to" in app.message or "Tab" in app.message
    key(app, pygame.K_ESCAPE)
    for opener, kind in (
        ("l", SavesScreen),
        ("r", ReplayListScreen),
        ("s", SettingsScreen),
        ("m", ModsScreen),
        ("h", HelpScreen),
    ):
        key(app, ord(opener), opener)
        assert_only_a_hint(app, kind)
        key(app, pygame.K_ESCAPE)
        assert isinstance(app.top, TitleScreen)
    table = play_to(app, decisions=2)
    key(app, pygame.K_t, "t")
    assert_only_a_hint(app, TimelineScreen)
    key(app, pygame.K_ESCAPE)
    assert app.top is table
    key(app, pygame.K_s, "s")  # saved, for the replay below
    play_to_end = play_to  # a second game, played to its ending
    key(app, pygame.K_ESCAPE)
    play_to_end(app)
    assert isinstance(app.top, EndingScreen) and app.top.show_epilogue
    assert_only_a_hint(app, EndingScreen)
    key(app, pygame.K_t, "t")
    assert not app.top.show_epilogue  # type: ignore[attr-defined]
    assert_only_a_hint(app, EndingScreen)
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_ESCAPE)
    assert isinstance(app.top, TitleScreen)
    key(app, pygame.K_r, "r")
    key(app, pygame.K_RETURN)
    assert_only_a_hint(app, ReplayScreen)


def test_the_replay_viewer_starts_with_forward_in_focus(app: App) -> None:
    play_to(app, decisions=3)
    key(app, pygame.K_s, "s")
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_r, "r")
    saves = app.top
    assert isinstance(saves, ReplayListScreen)
    named = next(i for i, s in enumerate(saves.saves) if not s.name.startswith("autosave"))
    for _ in range(named):
        key(app, pygame.K_DOWN)
    key(app, pygame.K_RETURN)
    viewer = app.top
    assert isinstance(viewer, ReplayScreen)
    assert viewer.control.position() == 0
    key(app, pygame.K_RETURN)  # Enter steps on, as → does
    assert viewer.control.position() == 1
    key(app, pygame.K_RETURN)
    assert viewer.control.position() == 2


def test_tab_follows_the_new_game_screen_top_to_bottom(app: App) -> None:
    key(app, pygame.K_n, "n")
    new = app.top
    assert isinstance(new, NewGameScreen)
    for size in SIZES:
        app.size = size
        new.relayout()
        places = [(b.rect.y, b.rect.x) for b in new.current_buttons()]
        assert places == sorted(places), size
    app.size = (1280, 800)
    new.relayout()
    labels = []
    for _ in range(len(new.current_buttons())):
        labels.append(new.current_buttons()[new.focus].label)
        key(app, pygame.K_TAB)
    assert labels.index("Historian") < labels.index("Immersive") < labels.index(new.seed + "▏")


def test_the_seed_box_takes_no_more_digits_than_the_largest_seed(app: App) -> None:
    key(app, pygame.K_n, "n")
    new = app.top
    assert isinstance(new, NewGameScreen)
    campaign = new.campaign
    while not new._seed_focused():
        key(app, pygame.K_TAB)
    for _ in range(20):
        key(app, pygame.K_BACKSPACE)
    assert new.seed == ""
    for ch in "222222222222":
        key(app, ord(ch), ch)
    assert new.seed == "2" * len(str(SEED_MAX))
    assert new.campaign == campaign and new._seed_focused()  # the extra 2s picked no campaign
    assert str(SEED_MAX) in app.message
    key(app, pygame.K_RETURN)
    engine = app.game.engine
    assert isinstance(app.top, TableScreen) and engine is not None
    assert engine.state.seed == int("2" * len(str(SEED_MAX)))


def test_text_size_and_palette_from_the_card_with_ctrl_keys(app: App, tmp_path: Path) -> None:
    table = play_to(app, decisions=1)
    assert app.settings.text_scale == 1.0 and app.settings.palette == "standard"
    surface = pygame.Surface(app.size)
    app.draw(surface)
    before = table.layout(app.size)["option0"].h
    key(app, pygame.K_EQUALS, "=", pygame.KMOD_LCTRL)
    assert app.settings.text_scale == max(TEXT_SCALES)
    assert "large" in app.message
    assert table.layout(app.size)["option0"].h > before
    key(app, pygame.K_EQUALS, "=", pygame.KMOD_LCTRL)
    assert app.settings.text_scale == max(TEXT_SCALES) and "as large as it goes" in app.message
    key(app, pygame.K_MINUS, "-", pygame.KMOD_LCTRL)
    key(app, pygame.K_MINUS, "-", pygame.KMOD_LCTRL)
    assert app.settings.text_scale == min(TEXT_SCALES)
    key(app, pygame.K_p, "p", pygame.KMOD_LCTRL)
    assert app.settings.palette == "colour-blind" and "colour-blind" in app.message
    assert isinstance(app.top, TableScreen) and app.top is table  # nothing else happened
    stored = (tmp_path / "saves" / "settings.json").read_text()
    assert '"palette": "colour-blind"' in stored and f'"text_scale": {min(TEXT_SCALES)}' in stored
    key(app, pygame.K_p, "p", pygame.KMOD_LCTRL)
    assert app.settings.palette == "standard"
    app.draw(surface)


def ink_columns(surface: pygame.Surface, rect: pygame.Rect, bg: tuple[int, int, int]) -> list[int]:
    """The x of every column inside a button's frame with a pixel not of its background."""
    inner = rect.inflate(-8, -8)
    return [
        x
        for x in range(inner.left, inner.right)
        if any(surface.get_at((x, y))[:3] != bg for y in range(inner.top, inner.bottom))
    ]


def ink_rows(surface: pygame.Surface, xs: range, rect: pygame.Rect, bg: tuple[int, int, int]) -> list[int]:
    inner = rect.inflate(-8, -8)
    return [y for y in range(inner.top, inner.bottom) if any(surface.get_at((x, y))[:3] != bg for x in xs)]


@pytest.mark.parametrize("size", SIZES)
def test_the_timeline_button_has_its_label_in_the_middle(app: App, size: tuple[int, int]) -> None:
    app.size = size
    play_to(app, decisions=2)
    key(app, pygame.K_t, "t")
    timeline = app.top
    assert isinstance(timeline, TimelineScreen)
    surface = pygame.Surface(size)
    app.draw(surface)
    (button,) = timeline.current_buttons()
    assert timeline.focus == 0  # drawn focused: paper on red
    xs = ink_columns(surface, button.rect, RED)
    inner = button.rect.inflate(-8, -8)
    left, right = xs[0] - inner.left, inner.right - 1 - xs[-1]
    m = metrics(size, app.settings.text_scale)
    assert left >= m.margin, (left, right)
    assert abs(left - right) <= 4, (left, right)
    assert button.key == "T"  # the key the footer names


def test_a_button_with_a_second_line_has_its_key_on_the_label_line() -> None:
    pygame.font.init()
    theme = Theme()
    m = metrics((1280, 800), 1.0)
    surface = pygame.Surface((900, 200))
    surface.fill(PAPER)
    rect = pygame.Rect(20, 20, 800, 2 * theme.line_height("ui", m.ui) + theme.line_height("ui", m.small) + 8)
    b = Button(rect, "Talk as you have not talked in years", lambda: None, key="1", sub="35% fragments")
    draw_button(surface, theme, b, True, m.ui, m.small)
    pad = max(6, m.ui // 2)
    key_w = theme.width("9", "bold", m.ui)
    key_rows = ink_rows(surface, range(rect.x + pad, rect.x + pad + key_w), rect, RED)
    label_x = rect.x + pad + key_w + pad
    label_rows = ink_rows(surface, range(label_x, label_x + theme.width("Talk", "ui", m.ui)), rect, RED)
    assert key_rows and label_rows
    assert abs(key_rows[0] - label_rows[0]) <= 3, (key_rows[0], label_rows[0])


def test_r_in_the_load_list_watches_the_focused_save(app: App) -> None:
    play_to(app, decisions=3)
    key(app, pygame.K_s, "s")
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_l, "l")
    saves = app.top
    assert isinstance(saves, SavesScreen) and not isinstance(saves, ReplayListScreen)
    assert "R watches its replay" in saves.keys_help()
    key(app, pygame.K_DOWN)
    focused = saves.focused_save()
    assert focused is not None and focused is saves.saves[1]
    key(app, pygame.K_r, "r")
    viewer = app.top
    assert isinstance(viewer, ReplayScreen) and viewer.title == focused.name
    key(app, pygame.K_ESCAPE)
    assert app.top is saves  # back to the list, not the title
    while saves.focused_save() is not None:  # on Back, R has no save to watch: only a hint
        key(app, pygame.K_DOWN)
    key(app, pygame.K_r, "r")
    assert app.top is saves and app.message.startswith("r: no such key here.")


def test_the_load_list_says_r_watches_a_replay(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    said: list[str] = []
    key(app, pygame.K_l, "l")
    from game.ui.pygame import menus

    real = menus.heading

    def heading(*args: object) -> int:
        said.append(str(args[-1]))
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(menus, "heading", heading)
    app.draw(pygame.Surface(app.size))
    assert any("R watches its replay" in s for s in said), said


def test_f5_on_the_page_of_what_came_of_a_choice_keeps_that_page(app: App) -> None:
    table = play_to(app, decisions=0)
    while table.mode != "decision":
        key(app, pygame.K_RETURN)
    turn = app.game.view().turn
    while app.game.view().turn == turn or table.mode != "aftermath":  # choose until a report shows
        if table.mode == "decision":
            key(app, pygame.K_1, "1")
        else:
            key(app, pygame.K_RETURN)
    shown = table.view
    assert shown.reports
    key(app, pygame.K_F5)
    assert "Content reloaded" in app.message
    assert table.mode == "aftermath" and table.view.reports == shown.reports  # not a blank page
    surface = pygame.Surface(app.size)
    app.draw(surface)
    key(app, pygame.K_RETURN)  # Continue: the decision of the reloaded content
    assert table.mode == "decision" and table.view is app.game.view()
    first = next(i for i, c in enumerate(table.choices()) if c.available)
    before = table.engine.state.decisions
    key(app, pygame.K_1 + first, str(first + 1))
    assert table.engine.state.decisions == before + 1


def test_e_on_the_ending_saves_the_chronicle_beside_the_saves(app: App, tmp_path: Path) -> None:
    play_to(app)
    ending = app.top
    assert isinstance(ending, EndingScreen) and ending.show_epilogue
    assert any(b.key == "E" for b in ending.current_buttons())
    key(app, pygame.K_e, "e")
    pages = sorted((tmp_path / "saves").glob("*-chronicle*.html"))
    assert len(pages) == 1 and str(pages[0]) in app.message
    html = pages[0].read_text(encoding="utf-8")
    view = app.game.view()
    assert view.ending is not None and view.ending.title in html
    assert isinstance(app.top, EndingScreen)  # the ending stays
    key(app, pygame.K_e, "e")  # a second export never replaces the first
    assert len(sorted((tmp_path / "saves").glob("*-chronicle*.html"))) == 2
    assert pages[0].read_text(encoding="utf-8") == html
    saved = [s.name for s in app.services.list_saves()]
    assert not any("chronicle" in name for name in saved)  # the page is no save


def test_a_failed_export_says_why_and_stays(app: App, tmp_path: Path) -> None:
    play_to(app)
    (tmp_path / "saves").rename(tmp_path / "moved")
    (tmp_path / "saves").write_text("a file where the folder was")
    key(app, pygame.K_e, "e")
    assert app.message.startswith("Not exported:") and "saves" in app.message
    assert isinstance(app.top, EndingScreen)


def test_the_ending_footer_names_the_epilogue_keys_and_they_work(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    from game.ui.pygame import timeline

    shown: list[list[tuple[str, str]]] = []
    monkeypatch.setattr(timeline, "draw_footer", lambda *args, **_kw: shown.append(args[-1]))
    play_to(app)
    ending = app.top
    assert isinstance(ending, EndingScreen) and ending.show_epilogue
    app.draw(pygame.Surface(app.size))
    hints = dict(shown[-1])  # drawn last: over the dimmed timeline's footer
    assert hints == dict(timeline.EPILOGUE_HINTS)
    key(app, pygame.K_t, "t")  # "T the timeline"
    assert not ending.show_epilogue
    app.draw(pygame.Surface(app.size))
    assert dict(shown[-1]) == dict(timeline.TIMELINE_HINTS)
    key(app, pygame.K_ESCAPE)  # "T / Esc back": to the epilogue
    assert ending.show_epilogue
    key(app, pygame.K_ESCAPE)  # "Esc title"
    assert isinstance(app.top, TitleScreen)


def test_the_help_names_the_keys_of_the_load_list_and_the_ending() -> None:
    from game.ui.pygame.menus import HELP_KEYS

    keys = dict(HELP_KEYS)
    assert any(k.startswith("R") for k in keys) and any(k.startswith("E") for k in keys)
    assert any("?" in k for k in keys)


def test_the_last_page_of_a_finished_game_shows_no_forecast_panel(app: App) -> None:
    def forecast(_engine: object) -> object:  # a forecast that never reports (no simulator)
        return lambda _report, _cancelled: None

    app = App(attrs.evolve(app.services, forecast=forecast), app.size)
    app.stack = [TitleScreen(app)]
    table = play_to(app, decisions=1)
    if not table.forecast_shown():
        key(app, pygame.K_f, "f")
    assert table.forecast_shown()
    while not table.engine.is_over:
        if table.mode == "decision":
            first = next(i for i, c in enumerate(table.choices()) if c.available)
            table.choose(first)
        else:
            table.proceed()
    app.stack = [TitleScreen(app), table]  # the page of what came of the last decision
    table.mode = "aftermath"
    assert not table.forecast_shown()
    app.draw(pygame.Surface(app.size))
    key(app, pygame.K_RETURN)  # See how it ends
    assert isinstance(app.top, EndingScreen)


def test_a_notice_stays_until_the_next_key_and_nothing_is_timed(
    testcamp: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    timers: list[tuple[object, ...]] = []
    monkeypatch.setattr(pygame.time, "set_timer", lambda *args, **_kw: timers.append(args))
    app = make_app(testcamp)
    app.open_window()  # the real loop (SDL's dummy driver)
    try:
        app.clock_ms = None
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_x, mod=0, unicode="x", scancode=0))
        app.step()
        assert app.message.startswith("x: no such key here.")
        for _ in range(5):  # frames and other events come and go: the notice stays
            pygame.event.post(pygame.event.Event(pygame.WINDOWEXPOSED))
            app.step()
            assert app.message.startswith("x: no such key here.")
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_n, mod=0, unicode="n", scancode=0))
        app.step()
        assert isinstance(app.top, NewGameScreen) and app.message == ""  # seen: the next key clears it
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_x, mod=0, unicode="x", scancode=0))
        app.step()
        assert app.message.startswith("x: no such key here.")  # a key may say something new at once
        assert not timers, "a notice never starts a timer"
    finally:
        pygame.event.clear()
        pygame.display.set_mode((1280, 800))  # the shared headless display as the other tests expect
