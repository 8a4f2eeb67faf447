"""The forecast panel beside the card, through the real loop and the real clock (SDL's dummy
driver) with the real simulator behind it: off by default in immersive mode, F or its button
opens it, the estimates are computed in the background and the panel is repainted as runs
finish (the intervals narrow), labelled with its player model; never in an ironman game."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pygame
import pytest

from game.cli.outlook import outlook_services, shutdown_pools
from game.content.loader import Content
from game.core.engine import Engine
from game.ui.outlook import Forecast, Odds
from game.ui.pygame.app import App
from game.ui.pygame.menus import TitleScreen
from game.ui.pygame.table import TableScreen
from game.ui.services import CampaignInfo, Services
from tests.ui.pygame.test_real_loop import post_key, run_until

MODEL = "if you play on like a cautious player"


def slowed(service: Callable[[Engine], Any], seconds: float) -> Callable[[Engine], Any]:
    """The real service on a slow machine: each estimate lands ``seconds`` after the last."""

    def make(engine: Engine) -> Any:
        work = service(engine)

        def run(report: Callable[[Any], None], cancelled: Callable[[], bool]) -> None:
            def later(value: Any) -> None:
                time.sleep(seconds)
                report(value)

            work(later, cancelled)

        return run

    return make


def _app(content: Content, extra: dict[str, Any], historian: bool = False) -> App:
    campaign = content.campaigns["fate"]
    services = Services(
        [CampaignInfo("fate", campaign.title, "Fate", "a test")],
        lambda _c, seed: Engine(campaign, seed),
        **extra,
    )
    app = App(services, (1280, 720), historian=historian)
    app.stack = [TitleScreen(app)]
    return app


@pytest.fixture()
def real(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    monkeypatch.delenv("DIVERGENCE_NO_FORECAST", raising=False)
    services = outlook_services(workers=1)
    services["forecast"] = slowed(services["forecast"], 0.06)
    yield services
    shutdown_pools()


@pytest.fixture()
def window() -> Iterator[None]:
    yield
    pygame.event.clear()
    pygame.display.set_mode((1280, 800))  # leave the shared headless display as the other tests expect


def test_the_panel_opens_on_f_and_is_repainted_as_runs_finish(
    fate_content: Content, real: dict[str, Any], window: None
) -> None:
    app = _app(fate_content, real)
    app.open_window()
    app.start("fate", 4)
    table = app.top
    assert isinstance(table, TableScreen)
    if table.mode == "intro":
        post_key(pygame.K_RETURN)
    run_until(app, lambda: table.mode == "decision" and not app.dirty)
    # immersive mode: no panel, nothing computed
    assert table.forecast_drawn is None and not app.game.outlook.busy(app.game.engine)
    drawn: list[Forecast] = []
    draw = app.draw

    def recording(surface: pygame.Surface) -> None:
        draw(surface)
        fc = table.forecast_drawn
        if isinstance(fc, Forecast) and (not drawn or drawn[-1] is not fc):
            drawn.append(fc)

    app.draw = recording  # type: ignore[method-assign]
    post_key(pygame.K_f, "f")
    run_until(app, lambda: bool(drawn) and drawn[-1].finished and not app.dirty, limit_ms=60_000)
    assert app.message == "Forecast shown."
    final = drawn[-1]
    assert final.model == MODEL
    assert {e.title for e in final.endings} <= {"Fallen", "Survived"}
    assert len(drawn) >= 2, "the panel was repainted as runs finished, not only at the end"
    assert [fc.runs for fc in drawn] == sorted(fc.runs for fc in drawn) and drawn[0].runs < final.runs
    width = [max(e.high - e.low for e in fc.endings) for fc in drawn]
    assert width[-1] < width[0], "the intervals narrowed"
    # the loop blocked between estimates: every repaint came from an input or a landed estimate
    button = next(b for b in table.current_buttons() if b.label == "Forecast")
    assert button.selected and button.key == "F"
    # the button closes it again; a hidden panel computes nothing
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=button.rect.center, button=1))
    run_until(app, lambda: table.forecast_drawn is None and not app.dirty)
    assert app.message == "Forecast hidden."
    assert not app.game.outlook.busy(app.game.engine)


class Canned:
    """A forecast service that reports one fixed estimate (for what shows, not the numbers)."""

    def __init__(self) -> None:
        self.asked = 0

    def __call__(self, _engine: Engine) -> Any:
        self.asked += 1

        def work(report: Callable[[Forecast], None], cancelled: Callable[[], bool]) -> None:
            report(Forecast(MODEL, 50, 2000, True, (Odds("Fallen", 0.6, 0.5, 0.7), Odds("Survived", 0.4, 0.3, 0.5))))

        return work


def _table(app: App) -> TableScreen:
    table = app.top
    assert isinstance(table, TableScreen)
    table.mode = "decision"
    table.relayout()
    return table


def _draw_until_drawn(app: App, table: TableScreen) -> None:
    surface = pygame.Surface(app.size)
    for _ in range(200):
        app.draw(surface)
        if table.forecast_drawn is not None:
            return
        time.sleep(0.01)


def test_historian_mode_shows_it_by_default_and_the_panel_says_its_model(fate_content: Content) -> None:
    canned = Canned()
    app = _app(fate_content, {"forecast": canned}, historian=True)
    app.start("fate", 4)
    table = _table(app)
    _draw_until_drawn(app, table)
    assert canned.asked == 1 and isinstance(table.forecast_drawn, Forecast)
    assert table.forecast_drawn.model == MODEL


def test_never_in_an_ironman_game(fate_content: Content) -> None:
    canned = Canned()
    app = _app(fate_content, {"forecast": canned}, historian=True)
    app.start("fate", 4, ironman=True)
    table = _table(app)
    surface = pygame.Surface(app.size)
    app.draw(surface)
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_f, mod=0, unicode="f"))
    app.draw(surface)
    assert app.message == "No forecast in an ironman game."
    assert table.forecast_drawn is None and canned.asked == 0
    button = next(b for b in table.current_buttons() if b.label == "No forecast")
    assert not button.enabled


def test_no_toggle_without_a_forecast_service(fate_content: Content) -> None:
    app = _app(fate_content, {})
    app.start("fate", 4)
    table = _table(app)
    assert not any("orecast" in b.label for b in table.current_buttons())
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_f, mod=0, unicode="f"))
    assert app.message == "No forecast in this session."


@pytest.mark.parametrize("size", [(1024, 640), (1280, 720), (1920, 1080)])
def test_the_panel_fits_the_side_panel(fate_content: Content, size: tuple[int, int]) -> None:
    many = tuple(Odds(f"Ending number {i} with a long title to cut", 0.1, 0.05, 0.15) for i in range(12))

    def service(_engine: Engine) -> Any:
        return lambda report, _cancelled: report(Forecast(MODEL, 50, 2000, False, many, many[:4], "March 1938"))

    app = _app(fate_content, {"forecast": service}, historian=True)
    app.size = size
    app.start("fate", 4)
    table = _table(app)
    _draw_until_drawn(app, table)
    r = table.layout(size)
    assert table.forecast_bottom <= r["undo"].y, "the panel ends above the buttons"
    assert table.forecast_bottom > r["gauges"].y


def test_leaving_the_table_stops_the_forecast(fate_content: Content) -> None:
    """Esc to the title (or the ending) cancels the forecast of the decision left behind."""
    started, stopped = threading.Event(), threading.Event()

    def endless(_engine: Engine) -> Any:
        def work(report: Callable[[Forecast], None], cancelled: Callable[[], bool]) -> None:
            started.set()
            while not cancelled():
                time.sleep(0.005)
            stopped.set()

        return work

    app = _app(fate_content, {"forecast": endless}, historian=True)
    app.start("fate", 4)
    table = _table(app)
    app.draw(pygame.Surface(app.size))
    assert started.wait(5) and table.forecast_shown()
    app.to_title()
    assert stopped.wait(5), "the forecast of the game left for the title was cancelled"
