"""The forecast panel's background service: never in ironman, on by default only in historian
mode, estimates arriving from a background thread (real simulator services), a new decision
cancelling the old job; the text frontend's f command and the decisions that mattered at its
ending; tcod's side panel."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator

import attrs
import pytest

from game.cli.outlook import outlook_services, shutdown_pools
from game.content.loader import Content
from game.core.commands import Choose
from game.core.engine import Engine
from game.ui.outlook import Forecast, Odds, Outlook, Visibility, panel_lines
from game.ui.services import CampaignInfo, Services
from game.ui.text.app import LeaveGame, TextUI


def test_visibility_never_in_ironman_and_by_default_only_for_historians() -> None:
    v = Visibility()
    assert v.shown(historian=True, ironman=False) and not v.shown(historian=False, ironman=False)
    assert not v.shown(historian=True, ironman=True)
    assert v.toggle(historian=False, ironman=False) == "Forecast shown." and v.shown(False, False)
    assert not v.shown(False, True)  # the toggle never opens it in an ironman game
    assert v.toggle(historian=False, ironman=True) == "No forecast in an ironman game."


@pytest.fixture(autouse=True)
def _no_pool_left() -> Iterator[None]:
    """Each test's forecast pools are shut down after it (one left running printed
    "Exception ignored in ... weakref_cb" at the interpreter's exit)."""
    yield
    shutdown_pools()


def _real(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    monkeypatch.delenv("DIVERGENCE_NO_FORECAST", raising=False)
    return outlook_services(workers=1)


def test_estimates_arrive_from_the_background_and_narrow(
    monkeypatch: pytest.MonkeyPatch, fate_content: Content
) -> None:
    services = _real(monkeypatch)
    seen: list[Forecast] = []
    inner = services["forecast"]

    def recording(engine: Engine):  # type: ignore[no-untyped-def]
        work = inner(engine)  # type: ignore[operator]
        return lambda report, cancelled: work(lambda fc: (seen.append(fc), report(fc)), cancelled)

    outlook = Outlook(recording, services["mattered"])  # type: ignore[arg-type]
    engine = Engine(fate_content.campaigns["fate"], 4)
    outlook.follow(engine, True)
    deadline = time.monotonic() + 60
    while outlook.busy(engine) and time.monotonic() < deadline:
        time.sleep(0.01)
    final = outlook.latest(engine)
    assert final is not None and final.finished and final.model == "if you play on like a cautious player"
    assert {e.title for e in final.endings} <= {"Fallen", "Survived"}
    assert abs(sum(e.p for e in final.endings) - 1) < 1e-9
    assert len(seen) >= 2 and seen[0].runs < final.runs == seen[-1].runs  # early estimates came first
    width = [max(e.high - e.low for e in fc.endings) for fc in seen]
    assert width[-1] < width[0]  # and the intervals narrowed as runs finished
    lines = outlook.lines(engine)
    assert lines[0] == "Forecast, if you play on like a cautious player" and "futures played" in lines[-1]
    # another decision: the old result is not shown for it
    engine.apply(Choose(engine.choices()[0]))
    assert outlook.latest(engine) is None
    outlook.close()


def test_a_new_decision_cancels_the_running_job() -> None:
    started, stopped = threading.Event(), threading.Event()

    def forecast(_engine: Engine):  # type: ignore[no-untyped-def]
        def work(report, cancelled):  # type: ignore[no-untyped-def]
            started.set()
            while not cancelled():
                report(Forecast("model", 1, 10, False, (Odds("X", 1.0, 0.5, 1.0),)))
                time.sleep(0.005)
            stopped.set()

        return work

    outlook = Outlook(forecast)

    class FakeState:
        seed, turn, decisions, history, phase, pending, action = 1, 1, 0, [], "event", [], ""

    engine = attrs.make_class("E", ["state", "is_over"])(FakeState(), False)
    outlook.follow(engine, True)  # type: ignore[arg-type]
    assert started.wait(5)
    outlook.follow(engine, False)  # type: ignore[arg-type]  # hidden: the job is cancelled
    assert stopped.wait(5)


def test_panel_lines_say_the_model_and_what_is_known() -> None:
    assert panel_lines(None, busy=True) == ["Forecast", "working out the odds\u2026"]
    fc = Forecast("if you play on like a cautious player", 150, 2000, False, (Odds("Shot", 0.4, 0.32, 0.48),))
    assert panel_lines(fc, busy=True) == [
        "Forecast, if you play on like a cautious player",
        "Shot: 40% (32%\u201348%)",
        "150 of up to 2,000 futures played, more coming",
    ]


def _text_services(content: Content, cid: str, extra: dict[str, object]) -> Services:
    infos = [CampaignInfo(c.id, c.title, c.player, c.summary) for c in content.campaigns.values()]
    return Services(infos, lambda key, seed: Engine(content.campaigns[key], seed), **extra)  # type: ignore[arg-type]


def test_text_frontend_f_shows_the_forecast_and_the_ending_the_decisions_that_mattered(
    monkeypatch: pytest.MonkeyPatch, fate_content: Content
) -> None:
    services = _text_services(fate_content, "fate", _real(monkeypatch))
    out = io.StringIO()
    ui = TextUI(services, io.StringIO("f\n" + "1\n" * 40), out, color=False, width=90)
    assert ui.run(campaign="fate", seed=3) == 0
    text = out.getvalue()
    assert "Forecast, if you play on like a cautious player" in text
    assert "futures played" in text
    assert "THE DECISIONS THAT MATTERED" in text  # the shared kicker (screens.mattered_doc)
    assert "Decision " in text or "No single decision of this game moved its ending." in text


def test_text_frontend_refuses_the_forecast_in_an_ironman_game(
    monkeypatch: pytest.MonkeyPatch, fate_content: Content
) -> None:
    services = _text_services(fate_content, "fate", _real(monkeypatch))
    out = io.StringIO()
    ui = TextUI(services, io.StringIO("f\nq\nq\n"), out, color=False)
    ui.session.new_game("fate", 3, ironman=True)
    ui.session.ironman = True
    with pytest.raises(LeaveGame):  # q leaves the game
        ui.play(intro=False)
    assert "No forecast in an ironman game." in out.getvalue()
    assert "Forecast, if you play" not in out.getvalue()


def test_tcod_shows_the_panel_in_historian_mode_and_the_key_toggles_it(mini_content: Content) -> None:
    import tcod.event

    from game.ui.tcod import app as tcod_app
    from game.ui.tcod.play import GameScreen
    from tests.ui.tcod.helpers import draw, press

    fixed = Forecast("if you play on like a cautious player", 300, 2000, False, (Odds("Outlived", 0.7, 0.65, 0.75),))

    def forecast(_engine: Engine):  # type: ignore[no-untyped-def]
        return lambda report, cancelled: report(fixed)

    services = _text_services(mini_content, "mini", {"forecast": forecast})
    app = tcod_app.App(services)
    app.session.game.play(Engine(mini_content.campaigns["mini"], 5))
    app.reset(GameScreen())
    assert "Forecast" not in str(draw(app))  # immersive mode: off by default
    press(app, tcod.event.KeySym.F)
    deadline = time.monotonic() + 5
    text = str(draw(app))
    while "Outlived: 70%" not in text and time.monotonic() < deadline:
        time.sleep(0.02)
        text = str(draw(app))
    assert "Forecast" in text and "Outlived: 70% (65%\u201375%)" in text and "cautious player" in text
    app.session.game.ironman = True
    assert "Outlived: 70%" not in str(draw(app))  # never in an ironman game
