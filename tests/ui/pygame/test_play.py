"""Driving the pygame frontend with clicks and keys, from the title screen to an ending."""

from __future__ import annotations

import pygame

from game.core.engine import Engine
from game.core.model import Campaign
from game.ui.pygame.app import App
from game.ui.pygame.menus import NewGameScreen, TitleScreen
from game.ui.pygame.table import TableScreen
from game.ui.pygame.timeline import EndingScreen, TimelineScreen
from game.ui.pygame.widgets import Gauge
from game.ui.services import CampaignInfo, Services


def key(app: App, k: int, unicode: str = "") -> None:
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=unicode))


def click(app: App, rect: pygame.Rect) -> None:
    app.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=rect.center, button=1))


def make_app(campaign: Campaign, saved: list[int] | None = None) -> App:
    def autosave(engine: Engine) -> str:
        if saved is not None:
            saved.append(engine.state.decisions)
        return ""

    services = Services(
        [CampaignInfo(campaign.id, campaign.title, "Geroev", "a test")],
        lambda c, seed: Engine(campaign, seed),
        autosave=autosave,
    )
    app = App(services, (1280, 800))
    app.stack = [TitleScreen(app)]
    return app


def test_clicks_and_keys_reach_an_ending(testcamp: Campaign) -> None:
    saved: list[int] = []
    app = make_app(testcamp, saved)
    surface = pygame.Surface(app.size)
    key(app, pygame.K_n, "n")
    assert isinstance(app.top, NewGameScreen)
    new = app.top
    seed_button = new.current_buttons()[new._seed_index()]
    click(app, seed_button.rect)
    key(app, pygame.K_BACKSPACE)
    for _ in range(12):
        key(app, pygame.K_BACKSPACE)
    for ch in "42":
        key(app, ord(ch), ch)
    start = next(b for b in new.current_buttons() if b.label == "Begin the game")
    click(app, start.rect)
    assert isinstance(app.top, TableScreen)
    table = app.top
    assert table.engine.state.seed == 42
    assert table.mode == "intro"
    app.draw(surface)
    key(app, pygame.K_RETURN)
    assert table.mode == "decision"
    steps = 0
    use_mouse = False
    while isinstance(app.top, TableScreen) and steps < 200:
        steps += 1
        app.draw(surface)
        if table.mode == "decision":
            buttons = table.current_buttons()
            first = next(i for i, b in enumerate(buttons) if b.enabled)
            if use_mouse:
                click(app, buttons[first].rect)
            else:
                key(app, pygame.K_1 + first, str(first + 1))
            use_mouse = not use_mouse
        else:
            key(app, pygame.K_RETURN)
    assert isinstance(app.top, EndingScreen), app.top
    assert table.engine.is_over
    assert saved and saved[-1] == table.engine.state.decisions
    app.draw(surface)
    assert app.top.view.ending is not None
    # the ending's "Read the timeline" shows the chronicle under the epilogue
    key(app, pygame.K_t, "t")
    assert not app.top.show_epilogue
    app.draw(surface)
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_ESCAPE)
    assert isinstance(app.top, TitleScreen)


def test_disabled_option_is_refused_and_focus_moves_with_keys(testcamp: Campaign) -> None:
    app = make_app(testcamp)
    app.start("testcamp", 3)
    table = app.top
    assert isinstance(table, TableScreen)
    key(app, pygame.K_RETURN)  # leave the intro
    while table.view.decision is not None and table.view.decision.card != "testcamp.letter":
        key(app, pygame.K_RETURN if table.mode != "decision" else pygame.K_1, "1")
    decisions = table.engine.state.decisions
    key(app, pygame.K_3, "3")  # "Report the letter" needs suspicion >= 95
    assert table.engine.state.decisions == decisions
    assert "not open to you" in app.message
    table.focus = 0
    key(app, pygame.K_DOWN)
    assert table.focus == 1
    key(app, pygame.K_DOWN)  # skips the disabled third option, wraps to the first
    assert table.focus == 0
    key(app, pygame.K_DOWN)
    key(app, pygame.K_RETURN)
    assert table.engine.state.chosen["testcamp.letter"] == "burn"


def test_timeline_opens_and_returns(testcamp: Campaign) -> None:
    app = make_app(testcamp)
    app.start("testcamp", 5)
    key(app, pygame.K_t, "t")
    assert isinstance(app.top, TimelineScreen)
    app.draw(pygame.Surface(app.size))
    key(app, pygame.K_ESCAPE)
    assert isinstance(app.top, TableScreen)


def test_escape_goes_to_title_and_continue_resumes(testcamp: Campaign) -> None:
    app = make_app(testcamp)
    app.start("testcamp", 5)
    game = app.top
    key(app, pygame.K_ESCAPE)
    assert isinstance(app.top, TitleScreen)
    assert app.top.items()[0][0] == "Continue"
    key(app, pygame.K_c, "c")
    assert app.top is game


def test_gauge_tween_runs_only_while_animating() -> None:
    g = Gauge("m", "Meter", 50, 0, 100)
    g.retarget(80, 30, now=1000, animate=True)
    assert g.value(1000) == 50
    values = [g.value(1000 + t) for t in range(0, Gauge.DURATION_MS + 1, 50)]
    assert values == sorted(values) and values[-1] == 80
    assert g.animating(1100) and not g.animating(1000 + Gauge.DURATION_MS)
    g.retarget(20, -60, now=5000, animate=False)
    assert g.value(5000) == 20 and not g.animating(5000)


def test_resize_relayouts_within_the_window(testcamp: Campaign) -> None:
    app = make_app(testcamp)
    app.start("testcamp", 5)
    for size in ((1024, 640), (2560, 1440), (1500, 700)):
        app.handle(pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size))
        assert app.size == size
        window = pygame.Rect(0, 0, *size)
        assert all(window.contains(b.rect) for b in app.top.current_buttons())
