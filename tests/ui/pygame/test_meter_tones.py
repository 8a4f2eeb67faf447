"""Gauges of the pygame frontend: a change good for the player in green, a bad one in red,
a neutral one in grey; hovering a gauge shows the meter's sense and description; the replay
screen's footer shows its own keys."""

from __future__ import annotations

import pygame
import pytest

from game.core.engine import Engine
from game.core.model import Campaign
from game.core.view import MeterView
from game.ui.pygame import table as table_module
from game.ui.pygame.app import App
from game.ui.pygame.replay import REPLAY_HINTS
from game.ui.pygame.table import HINTS, TableScreen
from game.ui.pygame.theme import GREEN, GREY, RED, Theme
from game.ui.pygame.widgets import Gauge
from game.ui.services import CampaignInfo, Services


def pixels(surface: pygame.Surface, color: tuple[int, int, int]) -> int:
    """How many pixels have exactly this colour."""
    return pygame.mask.from_threshold(surface, (*color, 255), (1, 1, 1, 255)).count()


def arrow_pixels(meter: MeterView) -> dict[str, int]:
    """The gauge drawn at rest on white: how many pixels of each tone colour it shows."""
    surface = pygame.Surface((320, 60))
    surface.fill((255, 255, 255))
    gauge = Gauge.of(meter)
    gauge.sync(meter, 0, animate=False)
    gauge.draw(surface, Theme(), pygame.Rect(0, 0, 320, 60), 10_000, 18, True)
    return {"green": pixels(surface, GREEN), "red": pixels(surface, RED), "grey": pixels(surface, GREY)}


@pytest.mark.parametrize(
    ("good", "delta", "colour"),
    [("low", 5, "red"), ("low", -5, "green"), ("high", 5, "green"), ("high", -5, "red"), ("neutral", 5, "grey")],
)
def test_the_change_is_drawn_in_the_colour_of_its_tone(good: str, delta: int, colour: str) -> None:
    seen = arrow_pixels(MeterView("m", "Meter", 50, 0, 100, delta, good=good))
    assert seen[colour] > 10
    assert all(n == 0 for name, n in seen.items() if name != colour), seen


def test_no_change_draws_no_tone() -> None:
    assert arrow_pixels(MeterView("m", "Meter", 50, 0, 100, 0, good="low")) == {"green": 0, "red": 0, "grey": 0}


def test_a_gauge_follows_its_meter_view() -> None:
    g = Gauge.of(MeterView("m", "Meter", 50, 0, 100, good="low", description="Watch it."))
    assert (g.good, g.description, g.sense()) == ("low", "Watch it.", "better low")
    g.sync(MeterView("m", "Meter", 60, 0, 100, 10, good="low", description="Watch it."), 0, animate=True)
    assert g.tone == -1 and g.target == 60 and g.animating(100)


def make_app(campaign: Campaign) -> App:
    services = Services([CampaignInfo(campaign.id, campaign.title, "Geroev", "a test")], lambda c, s: Engine(c, s))
    app = App(services, (1280, 800))
    app.clock_ms = 0
    return app


def test_hovering_a_gauge_shows_its_sense_and_description(testcamp: Campaign) -> None:
    app = make_app(testcamp)
    app.start_engine(Engine(testcamp, 11))
    table = app.top
    assert isinstance(table, TableScreen)
    surface = pygame.Surface(app.size)
    app.draw(surface)
    plain = surface.copy()
    suspicion = table.gauge_rects[0]
    app.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=suspicion.center, rel=(0, 0), buttons=(0, 0, 0)))
    assert table.hover_gauge == 0 and app.dirty
    drawn: list[str] = []
    real = table.theme.text

    def spy(text: str, *args: object) -> pygame.Surface:
        drawn.append(text)
        return real(text, *args)  # type: ignore[arg-type]

    table.theme.text = spy  # type: ignore[method-assign]
    app.draw(surface)
    assert "Suspicion · better low" in drawn and "How far the boss trusts you." in drawn
    below = pygame.Rect(suspicion.x, suspicion.bottom + 4, suspicion.w, 30)
    assert pygame.image.tobytes(surface.subsurface(below), "RGB") != pygame.image.tobytes(
        plain.subsurface(below), "RGB"
    )
    app.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=(5, 5), rel=(0, 0), buttons=(0, 0, 0)))
    assert table.hover_gauge is None


def test_the_replay_footer_shows_the_replay_keys(monkeypatch: pytest.MonkeyPatch, testcamp: Campaign) -> None:
    from game.ui.pygame.replay import ReplayScreen

    shown: list[list[tuple[str, str]]] = []
    monkeypatch.setattr(table_module, "draw_footer", lambda *args, **_kw: shown.append(args[-1]))

    class Control:  # a replay of a game that has not begun: one step, no commands
        def __init__(self) -> None:
            self.engine = Engine(testcamp, 3)

        def total(self) -> int:
            return 0

        def position(self) -> int:
            return 0

        def goto(self, step: int):  # type: ignore[no-untyped-def]
            return self.engine.view()

        def view(self):  # type: ignore[no-untyped-def]
            return self.engine.view()

        def next_command(self) -> None:
            return None

        def locate(self, where: str) -> int:
            return 0

        def fork(self) -> Engine:
            return self.engine

        def forked_as(self) -> str:
            return "watched-fork-t1"

    app = make_app(testcamp)
    app.stack = [ReplayScreen(app, Control(), "watched")]
    app.draw(pygame.Surface(app.size))
    assert shown == [REPLAY_HINTS]
    words = " ".join(w for _, w in REPLAY_HINTS)
    for what in ("next", "back", "start", "end", "go to", "fork", "leave"):
        assert what in words
    assert not {k for k, _ in REPLAY_HINTS} & {"1-9", "S", "L"}
    app.start_engine(Engine(testcamp, 3))
    table = app.top
    assert isinstance(table, TableScreen)
    table.mode = "decision"
    app.draw(pygame.Surface(app.size))
    n = len(table.choices())
    assert shown[-1] == [(f"1-{n}", "choose"), *HINTS[1:]]  # the numbers this card takes
    table.mode = "aftermath"  # nothing to choose: Enter goes on
    app.draw(pygame.Surface(app.size))
    assert shown[-1][0] == ("Enter", "continue") and "1-9" not in dict(shown[-1]) and ("S", "save") in shown[-1]
