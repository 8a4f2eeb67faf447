"""Each screen of the tcod frontend drawn headless into a Console, read back as text."""

from __future__ import annotations

import attrs
import pytest
import tcod.event

from game.core.view import ChoiceView, DecisionView, EndingView, EntryView, MeterView, ReportView, View
from game.ui.tcod import app as tcod_app
from game.ui.tcod import layout, screenshot
from game.ui.tcod.menus import HelpScreen
from game.ui.tcod.play import ChronicleScreen, EndingScreen, GameScreen, ReportsScreen

from .helpers import draw, find, press, rows, words

K = tcod.event.KeySym
LONG_WORDS = "Zinoviev-Kamenev-Trotskyite-Bukharinite-conspiracy"


class FakeEngine:
    """An engine that shows a fixed View (to draw cards the content does not have)."""

    def __init__(self, view: View) -> None:
        self._view = view
        self.applied: list[object] = []

    @property
    def is_over(self) -> bool:
        return self._view.is_over

    def view(self) -> View:
        return self._view

    def apply(self, command: object) -> None:
        self.applied.append(command)


def make_view(text: str = "A short card.", options: tuple[str, ...] = ("Yes", "No"), **changes: object) -> View:
    meters = (
        MeterView("suspicion", "Stalin's suspicion", 64, 0, 100, 11),
        MeterView("family", "Safety of Anna and Yuri", 70, 0, 100, -3),
        MeterView("influence", "Influence after Stalin", 5, 0, 100, 0),
    )
    choices = tuple(ChoiceView(f"o{i}", t) for i, t in enumerate(options))
    decision = DecisionView("event", "x.card", "The plenum of February 1937", text, "bukharin", choices)
    chronicle = (EntryView(1, "1936-01", "January 1936", "world", "x.a", "An errand to Paris", "Off to Paris."),)
    view = View(
        "x", "The Last Plea", "bukharin", 7, 14, "1937-02", "February 1937", meters, decision, (), chronicle, None
    )
    return attrs.evolve(view, **changes)


def app_with(engine: object, memory_services: object) -> tcod_app.App:
    app = tcod_app.App(memory_services)  # type: ignore[arg-type]
    app.session.engine = engine  # type: ignore[assignment]
    app.reset(GameScreen())
    return app


def test_title_screen_shows_the_menu(memory):
    text = str(draw(tcod_app.build(memory.services())))
    for item in ("D I V E R G E N C E", "New game", "Load a saved game", "How to play", "Quit"):
        assert item in text
    assert "The Hero" in text  # whom the campaigns let you play


def test_character_choice_lists_campaigns_with_their_player_and_summary(memory):
    con = press(tcod_app.build(memory.services()), K.N1)
    text = str(con)
    assert "Whom will you play?" in text
    assert "The Hero — A Small Test" in text
    assert "The test campaign." in text
    assert "Seed: random" in text


def test_card_screen_shows_title_prose_options_and_meters(memory):
    view = make_view(text="Pravda is on the desk. The editorial is yours to write.", options=("Write it", "Refuse"))
    text = str(draw(app_with(FakeEngine(view), memory.services())))
    assert "The plenum of February 1937" in text
    assert "E V E N T" in text
    assert "Pravda is on the desk." in text
    assert "▸1  Write it" in text and " 2  Refuse" in text  # the first is selected
    for label in ("Stalin's suspicion", "Safety of Anna and Yuri", "Influence after Stalin"):
        assert label in text
    assert "February 1937 · turn 14" in text
    assert "▲+11" in text and "▼-3" in text  # the change since the last choice
    assert "An errand to Paris" in text  # the latest chronicle entry in the side panel


@pytest.mark.parametrize("size", [(80, 50), (60, 24), (140, 45)])
def test_a_long_card_is_never_cut_off_and_scrolls_to_every_word(memory, size):
    prose = "\n\n".join(
        f"Paragraph {p}: the bureau meets at night, {LONG_WORDS} and the minutes are rewritten by morning. " * 4
        for p in range(8)
    )
    options = (
        "Denounce them all, as the Party asks of every honest Bolshevik, in a long letter " * 3,
        "Say nothing and wait",
        f"Write to Koba: {LONG_WORDS} is a lie " * 4,
    )
    engine = FakeEngine(make_view(text=prose, options=options))
    app = app_with(engine, memory.services())
    seen: set[str] = set()
    lay = layout.layout(*size)
    for _ in range(200):
        con = draw(app, size)
        screen = rows(con)
        for y in range(lay.main.y, lay.main.bottom):  # the panels' edges are intact on every row
            assert screen[y][lay.main.right - 1] in "│┐┘", (y, screen[y])
            assert screen[y][lay.side.right - 1] in "│┐┘┤", (y, screen[y])
        for y in range(lay.main.y + 1, lay.main.bottom - 1):
            seen |= words(screen[y][lay.main.x + 1 : lay.main.right - 1])
        before = app.top.scroll.offset  # type: ignore[union-attr]
        app.dispatch(tcod.event.KeyDown(scancode=tcod.event.Scancode.UNKNOWN, sym=K.PAGEDOWN, mod=0))
        if app.top.scroll.offset == before:  # type: ignore[union-attr]
            break
    missing = (words(prose) | set().union(*(words(o) for o in options))) - seen
    assert not missing


def test_option_text_wraps_inside_the_panel(memory):
    option = "Go to the Lubyanka yourself and ask, politely, to see the file they keep on you " * 2
    engine = FakeEngine(make_view(options=(option, "Stay")))
    con = draw(app_with(engine, memory.services()), (80, 50))
    text = " ".join(rows(con))
    x, y = find(con, "1  Go to the Lubyanka")
    lay = layout.layout(80, 50)
    following = rows(con)[y + 1][lay.main.x + 1 : lay.main.right - 1]
    assert following.startswith(" " * (x - lay.main.x - 1) + "   ")  # hanging indent under the text
    assert following.strip()
    assert "Stay" in text


def test_unavailable_option_is_greyed_with_its_reason_and_cannot_be_taken(memory):
    view = make_view()
    choices = (
        ChoiceView("a", "Bribe the postman", available=False, reason="requires Luck at least 5"),
        ChoiceView("b", "Wait"),
    )
    engine = FakeEngine(attrs.evolve(view, decision=attrs.evolve(view.decision, choices=choices)))
    app = app_with(engine, memory.services())
    con = press(app, K.N1)
    assert "needs: Luck at least 5" in str(con)
    assert "That option is not open to you" in str(con)
    assert engine.applied == []


def test_reports_show_the_outcome_and_the_history_note(memory):
    report = ReportView(
        "event",
        "x.card",
        "The plenum",
        "",
        "Speak for Rykov",
        "",
        "The hall goes silent.",
        "In February 1937 Bukharin and Rykov were arrested at the plenum.",
    )
    news = ReportView("world", "x.n", "The Kirov murder", "Leningrad, December.", "", "", "", "Kirov was shot.")
    engine = FakeEngine(make_view(reports=(report, news)))
    app = app_with(engine, memory.services())
    app.push(ReportsScreen())
    text = str(draw(app))
    for part in (
        "Y O U   C H O S E",
        "Speak for Rykov",
        "The hall goes silent.",
        "In history",
        "arrested at the plenum",
        "N E W S",
        "The Kirov murder",
        "Kirov was shot.",
        "Continue",
    ):
        assert part in text
    app.dispatch(tcod.event.KeyDown(scancode=tcod.event.Scancode.UNKNOWN, sym=K.RETURN, mod=0))
    assert isinstance(app.top, GameScreen)


def test_ending_shows_epilogue_and_real_history(memory):
    ending = EndingView(
        "shot",
        "Shot in the Lubyanka",
        "death",
        "On 15 March 1938 the sentence is carried out.",
        "Bukharin was shot on 15 March 1938 and rehabilitated in 1988.",
    )
    engine = FakeEngine(make_view(decision=None, ending=ending))
    app = app_with(engine, memory.services())
    app.replace(EndingScreen())
    text = str(draw(app))
    for part in (
        "T H E   E N D",
        "Shot in the Lubyanka",
        "Death · February 1937",
        "the sentence is carried out",
        "What really happened",
        "rehabilitated in 1988",
        "14 turns",
    ):
        assert part in text


def test_chronicle_and_help_screens(memory):
    engine = FakeEngine(make_view())
    app = app_with(engine, memory.services())
    app.push(ChronicleScreen())
    text = str(draw(app))
    assert (
        "The chronicle" in text and "January 1936" in text and "An errand to Paris" in text and "Off to Paris." in text
    )
    app.reset(GameScreen(), HelpScreen())
    text = str(draw(app))
    assert "How to play" in text and "Alt+Enter" in text and "the chronicle so far" in text


@pytest.mark.parametrize("size", [(60, 24), (80, 50), (120, 40), (200, 60)])
def test_panels_reflow_with_the_console_size(memory, size):
    engine = FakeEngine(make_view(text="Words " * 300))
    con = draw(app_with(engine, memory.services()), size)
    screen = rows(con)
    lay = layout.layout(*size)
    assert screen[lay.side.y][lay.side.right - 1] == "┐"  # the side panel reaches the right edge
    assert lay.text.w <= layout.MEASURE
    prose_rows = [r[lay.text.x : lay.text.right] for r in screen[lay.text.y : lay.text.bottom] if "Words" in r]
    assert prose_rows and all(len(r.rstrip()) <= lay.text.w for r in prose_rows)
    assert "Stalin's suspicion" in str(con)


def test_a_too_small_console_says_so(memory):
    assert "too small" in str(draw(tcod_app.build(memory.services()), (40, 15)))


def test_every_named_screenshot_screen_draws(memory, mini_content):
    from game.core.engine import Engine

    engine = Engine(mini_content.campaigns["mini"], 3)
    for name in screenshot.SCREENS:
        if name == "ending" or (name == "reports" and not engine.view().reports):
            with pytest.raises(screenshot.ScreenError):
                screenshot.build(memory.services(), engine, name)
            continue
        text = str(screenshot.render_console(screenshot.build(memory.services(), engine, name), 80, 50))
        assert text.strip(), name
