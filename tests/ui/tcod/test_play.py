"""Games driven through the tcod state stack by feeding it events, as the window would."""

from __future__ import annotations

import tcod.event

from game.ui.tcod import app as tcod_app
from game.ui.tcod.menus import IntroScreen, LoadScreen, TitleScreen
from game.ui.tcod.play import ChronicleScreen, EndingScreen, GameScreen, ReportsScreen

from .helpers import click, draw, find, key, mouse_move, press

K = tcod.event.KeySym


def play_to_the_end(app: tcod_app.App, limit: int = 500) -> None:
    """Press Enter (begin, continue, take the selected option) until the ending shows."""
    for _ in range(limit):
        if isinstance(app.top, EndingScreen):
            return
        draw(app)
        app.dispatch(key(K.RETURN))
    raise AssertionError("no ending after many key presses")


def test_a_game_is_played_to_its_ending_with_the_keyboard(memory):
    app = tcod_app.build(memory.services(), campaign="mini", seed=5)
    assert isinstance(app.top, IntroScreen)
    assert "A short story for tests." in str(draw(app))
    play_to_the_end(app)
    engine = app.session.engine
    assert engine is not None and engine.is_over
    text = str(draw(app))
    assert engine.view().ending.title in text  # type: ignore[union-attr]
    assert "T H E   E N D" in text
    assert memory.autosaves >= 2  # each new turn, and the ending
    app.dispatch(key(K.RETURN))
    assert isinstance(app.top, TitleScreen) and app.session.engine is None


def test_the_same_seed_and_keys_give_the_same_game(memory):
    endings = []
    for _ in range(2):
        app = tcod_app.build(memory.services(), campaign="mini", seed=11)
        play_to_the_end(app)
        view = app.session.engine.view()  # type: ignore[union-attr]
        endings.append((view.ending, view.turn, view.chronicle))
    assert endings[0] == endings[1]


def test_from_the_title_screen_to_a_new_game(memory):
    app = tcod_app.build(memory.services())
    press(app, K.N1, K.N1)  # New game, then the first campaign
    assert isinstance(app.top, IntroScreen)
    press(app, K.RETURN)
    while isinstance(app.top, ReportsScreen):
        press(app, K.RETURN)
    assert isinstance(app.top, GameScreen)
    assert app.session.engine is not None and app.session.engine.campaign.id == "mini"


def test_the_seed_can_be_typed_on_the_character_screen(memory):
    app = tcod_app.build(memory.services())
    press(app, K.N1, K.S)
    app.dispatch(tcod.event.TextInput(text="42x"))  # letters are ignored in a seed
    press(app, K.RETURN)
    assert "Seed: 42" in str(draw(app))
    press(app, K.N1)
    assert app.session.engine is not None and app.session.engine.state.seed == 42


def test_mouse_hover_highlights_an_option_and_a_click_takes_it(memory):
    app = tcod_app.build(memory.services(), campaign="mini", seed=5)
    press(app, K.RETURN)  # past the introduction
    while isinstance(app.top, ReportsScreen):
        press(app, K.RETURN)
    engine = app.session.engine
    decision = engine.view().decision  # type: ignore[union-attr]
    second = next((i for i, c in enumerate(decision.choices) if c.available and i > 0), 0)
    con = draw(app)
    x, y = find(con, decision.choices[second].text)
    app.dispatch(mouse_move(x, y))
    con = draw(app)
    from game.ui.tcod import theme

    assert tuple(con.rgb["bg"][y, x]) == theme.HOVER_BG
    before = engine.state.decisions  # type: ignore[union-attr]
    app.dispatch(click(x, y))
    assert engine.state.decisions == before + 1  # type: ignore[union-attr]
    reports = engine.view().reports  # type: ignore[union-attr]
    if decision.kind != "hand":
        assert any(r.choice == decision.choices[second].text for r in reports)


def test_quitting_the_window_from_any_screen_autosaves(memory):
    app = tcod_app.build(memory.services(), campaign="mini", seed=5)
    press(app, K.RETURN)
    app.push(ChronicleScreen())
    app.dispatch(tcod.event.Quit())
    assert not app.running and memory.autosaves == 1
    title_only = tcod_app.build(memory.services())
    title_only.dispatch(tcod.event.Quit())
    assert not title_only.running and memory.autosaves == 1  # nothing to save


def test_q_saves_and_returns_to_the_title(memory):
    app = tcod_app.build(memory.services(), campaign="mini", seed=5)
    press(app, K.RETURN, K.Q)
    assert isinstance(app.top, TitleScreen) and memory.autosaves >= 1


def test_save_then_load_from_the_title_screen(memory):
    app = tcod_app.build(memory.services(), campaign="mini", seed=5)
    press(app, K.RETURN)
    while isinstance(app.top, ReportsScreen):
        press(app, K.RETURN)
    turn = app.session.engine.state.turn  # type: ignore[union-attr]
    press(app, K.S)
    app.dispatch(tcod.event.TextInput(text="before-the-plenum"))
    con = press(app, K.RETURN)
    assert "Saved as before-the-plenum." in str(con)
    assert list(memory.saves) == ["before-the-plenum"]
    press(app, K.Q, K.N2)
    assert isinstance(app.top, LoadScreen)
    assert "before-the-plenum" in str(draw(app))
    press(app, K.N1)
    assert app.session.engine is not None and app.session.engine.state.turn == turn
    assert isinstance(app.top, (GameScreen, ReportsScreen))


def test_a_failed_save_keeps_the_dialog_open_with_the_reason(memory):
    memory.fail_save = True
    app = tcod_app.build(memory.services(), campaign="mini", seed=5)
    press(app, K.RETURN)
    while isinstance(app.top, ReportsScreen):
        press(app, K.RETURN)
    con = press(app, K.S, K.RETURN)
    assert "the disk is full" in str(con) and "Save the game" in str(con)


def test_load_screen_without_saves_says_so(memory):
    app = tcod_app.build(memory.services())
    assert "no saved games yet" in str(press(app, K.N2))


def test_historian_mode_shows_the_odds(memory):
    app = tcod_app.build(memory.services(), campaign="mini", seed=5, historian=False)
    press(app, K.RETURN)
    while isinstance(app.top, ReportsScreen):
        press(app, K.RETURN)
    press(app, K.O)
    assert app.session.historian
    text = str(draw(app))
    decision = app.session.engine.view().decision  # type: ignore[union-attr]
    if any(c.chances for c in decision.choices):
        assert "%" in text


def test_alt_enter_toggles_fullscreen_and_ctrl_keys_step_the_font(memory):
    app = tcod_app.build(memory.services())
    calls = []
    app.on_fullscreen = calls.append
    app.dispatch(key(K.RETURN, tcod.event.Modifier.LALT))
    app.dispatch(key(K.RETURN, tcod.event.Modifier.LALT))
    assert calls == [True, False]
    assert isinstance(app.top, TitleScreen)  # Alt+Enter did not take a menu entry
    app.dispatch(key(K.EQUALS, tcod.event.Modifier.LCTRL))
    app.dispatch(key(K.EQUALS, tcod.event.Modifier.LCTRL))
    app.dispatch(key(K.MINUS, tcod.event.Modifier.LCTRL))
    assert app.font_change == 1


class FakeReplay:
    """A replay over a recorded list of views (the persist layer's Replay is tested there)."""

    def __init__(self, engine_factory, commands):
        self.factory, self.commands, self.step = engine_factory, commands, 0

    def total(self):
        return len(self.commands)

    def position(self):
        return self.step

    def _engine(self):
        engine = self.factory()
        for c in self.commands[: self.step]:
            engine.apply(c)
        return engine

    def goto(self, step):
        self.step = max(0, min(step, self.total()))
        return self.view()

    def view(self):
        return self._engine().view()

    def next_command(self):
        return self.commands[self.step] if self.step < self.total() else None

    def locate(self, where):
        if not where.isdigit():
            raise ValueError(f"{where!r} is neither a turn nor a date")
        return int(where)

    def fork(self):
        return self._engine()

    def forked_as(self):
        return "fake-fork-t1"


def test_replay_steps_through_a_save_and_forks_a_game(memory, mini_content):
    import attrs

    from game.core.commands import Choose
    from game.core.engine import Engine
    from game.ui.tcod.replay import ReplayScreen

    campaign = mini_content.campaigns["mini"]
    engine, commands = Engine(campaign, 5), []
    for _ in range(4):
        d = engine.view().decision
        command = Choose(next(c.id for c in d.choices if c.available), d.card)
        engine.apply(command)
        commands.append(command)
    memory.saves["game-1"] = engine
    replay = FakeReplay(lambda: Engine(campaign, 5), commands)
    services = attrs.evolve(memory.services(), replay=lambda path: replay)
    app = tcod_app.build(services)
    press(app, K.N2, K.R)
    assert isinstance(app.top, ReplayScreen)
    assert "step 0 of 4" in str(draw(app)) and "N e x t" not in str(draw(app))
    press(app, K.RIGHT, K.RIGHT)
    text = str(draw(app))
    assert "step 2 of 4" in text and "N E X T   D E C I S I O N" in text and "▸" in text
    press(app, K.END)
    assert "step 4 of 4" in str(draw(app))
    press(app, K.G)
    app.dispatch(tcod.event.TextInput(text="x"))
    assert "neither a turn nor a date" in str(press(app, K.RETURN))
    press(app, K.ESCAPE, K.HOME, K.RIGHT, K.F)
    assert isinstance(app.top, (GameScreen, ReportsScreen))
    assert app.session.engine is not None and app.session.engine.state.decisions == 1
