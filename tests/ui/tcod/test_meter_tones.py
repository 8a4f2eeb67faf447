"""Meter changes in the tcod frontend: green and a check mark when good for the player, red and a
cross when bad (never colour alone), the direction-only hues for a meter that is neither; the
help lists the meters and their sense."""

from __future__ import annotations

import attrs
import tcod.console
import tcod.event

from game.core.view import MeterView
from game.ui.tcod import app as tcod_app
from game.ui.tcod import theme, widgets
from game.ui.tcod.menus import HelpScreen
from game.ui.tcod.play import GameScreen

from .helpers import draw, find, key, rows
from .test_screens import FakeEngine, make_view

K = tcod.event.KeySym


def drawn_change(meter: MeterView) -> tuple[str, tuple[int, int, int]]:
    """The change column of a meter as drawn: its text and the colour of its arrow."""
    con = tcod.console.Console(30, 3)
    widgets.draw_meter(con, 0, 0, 30, meter)
    row = rows(con)[1]
    x = max(row.find("▲"), row.find("▼"))
    assert x >= 0, row
    return row[x:].strip(), tuple(int(c) for c in con.fg[1, x])  # type: ignore[return-value]


def test_a_rise_of_a_meter_better_low_is_red_and_a_fall_green() -> None:
    suspicion = MeterView("suspicion", "Stalin's suspicion", 64, 0, 100, 11, good="low")
    assert drawn_change(suspicion) == ("▲+11✗", theme.BAD)
    assert drawn_change(attrs.evolve(suspicion, delta=-4)) == ("▼-4✓", theme.GOOD)


def test_a_rise_of_a_meter_better_high_is_green_and_a_fall_red() -> None:
    family = MeterView("family", "Safety of Anna and Yuri", 70, 0, 100, 5)
    assert drawn_change(family) == ("▲+5✓", theme.GOOD)
    assert drawn_change(attrs.evolve(family, delta=-3)) == ("▼-3✗", theme.BAD)


def test_a_neutral_meter_keeps_the_direction_hues() -> None:
    tide = MeterView("tide", "The tide", 50, 0, 100, 2, good="neutral")
    assert drawn_change(tide) == ("▲+2", theme.UP)
    assert drawn_change(attrs.evolve(tide, delta=-2)) == ("▼-2", theme.DOWN)
    assert len({theme.GOOD, theme.BAD, theme.UP, theme.DOWN}) == 4


def test_help_during_a_game_lists_the_meters_with_their_sense_and_description(memory) -> None:
    meters = (
        MeterView("suspicion", "Stalin's suspicion", 64, 0, 100, 11, good="low", description="How far Koba trusts."),
        MeterView("family", "Safety of Anna and Yuri", 70, 0, 100, -3),
    )
    app = tcod_app.App(memory.services())
    app.session.engine = FakeEngine(make_view(meters=meters))  # type: ignore[assignment]
    app.reset(GameScreen(), HelpScreen())
    con = draw(app, (80, 50))
    for _ in range(6):  # scroll to the end of the help
        app.dispatch(key(K.PAGEDOWN))
        con = draw(app, (80, 50))
    text = str(con)
    assert "Stalin's suspicion · better low (0–100)" in text
    assert "How far Koba trusts." in text
    assert "Safety of Anna and Yuri · better high (0–100)" in text
    assert isinstance(app.top, HelpScreen)  # scrolling keys do not close it
    app.dispatch(key(K.ESCAPE))
    assert isinstance(app.top, GameScreen)


def test_help_from_the_title_has_no_meters(memory) -> None:
    app = tcod_app.build(memory.services())
    app.push(HelpScreen())
    text = str(draw(app, (80, 50)))
    assert "How to play" in text and "T H E   M E T E R S" not in text
    find(draw(app, (80, 50)), "Esc: back")


def test_ctrl_p_switches_to_the_colour_blind_palette_and_keeps_it(memory) -> None:
    """Good and bad in blue and orange (still with their signs), kept in the settings; the
    next session starts with it."""
    stored: dict[str, object] = {"tcod_font_size": 20}
    services = attrs.evolve(memory.services(), load_settings=lambda: dict(stored), save_settings=stored.update)
    app = tcod_app.App(services)
    standard_good = theme.GOOD
    try:
        app.reset(GameScreen())
        app.dispatch(key(K.P, tcod.event.Modifier.LCTRL))
        assert stored == {"tcod_font_size": 20, "palette": "colour-blind"}
        assert standard_good != theme.GOOD and len({theme.GOOD, theme.BAD, theme.UP, theme.DOWN}) == 4
        family = MeterView("family", "Safety of Anna and Yuri", 70, 0, 100, 5)
        assert drawn_change(family) == ("▲+5✓", theme.GOOD)
        again = tcod_app.App(services)
        assert again.palette == "colour-blind" and again.font_size() == 20
        again.dispatch(key(K.P, tcod.event.Modifier.LCTRL))
        assert stored["palette"] == "standard" and standard_good == theme.GOOD
    finally:
        theme.use_palette("standard")
