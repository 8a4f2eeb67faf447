"""The state stack behind the tcod window: screens are states; the top one gets the events.

``App`` holds the stack and the session (services, current game, historian mode) and knows
nothing of windows, so tests drive it by feeding events and drawing into a plain Console.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import tcod.console
import tcod.event

from game.core.engine import Engine
from game.ui.services import Services, UserError
from game.ui.session import GameSession, Step
from game.ui.tcod import theme, widgets

DIGITS = {getattr(tcod.event.KeySym, f"N{i}"): i for i in range(10)}
DIGITS.update({getattr(tcod.event.KeySym, f"KP_{i}"): i for i in range(10) if hasattr(tcod.event.KeySym, f"KP_{i}")})
ENTER = {tcod.event.KeySym.RETURN, getattr(tcod.event.KeySym, "KP_ENTER", tcod.event.KeySym.RETURN)}
ALT = tcod.event.Modifier.ALT
CTRL = tcod.event.Modifier.CTRL
SHIFT = tcod.event.Modifier.SHIFT


def digit(event: tcod.event.KeyDown) -> int | None:
    """The digit a key press typed, if any."""
    return DIGITS.get(event.sym)


def letter(event: tcod.event.KeyDown) -> str:
    """The lower-case letter (or ``?``) a key press means, '' for anything else."""
    if event.mod & (ALT | CTRL):
        return ""
    name = event.sym.name
    if len(name) == 1 and name.isalpha():
        return name.lower()
    if (event.sym == tcod.event.KeySym.SLASH and event.mod & SHIFT) or event.sym == tcod.event.KeySym.QUESTION:
        return "?"
    return ""


def cell(event: tcod.event.MouseMotion | tcod.event.MouseButtonDown) -> tuple[int, int]:
    """The console cell under the mouse (events are converted to tile positions first)."""
    return int(event.position.x), int(event.position.y)


class Pointable(Protocol):
    """A screen with numbered rows under the mouse."""

    hot: widgets.Hotspots[Any]
    hover: int | None
    selected: int


def track_pointer(screen: Pointable, event: tcod.event.Event) -> int | None:
    """Hovering a numbered row selects it; a left click returns the row's index (else None)."""
    if isinstance(event, tcod.event.MouseMotion):
        spot = screen.hot.at(*cell(event))
        screen.hover = spot if isinstance(spot, int) else None
        if screen.hover is not None:
            screen.selected = screen.hover
    elif isinstance(event, tcod.event.MouseButtonDown) and event.button == tcod.event.MouseButton.LEFT:
        spot = screen.hot.at(*cell(event))
        if isinstance(spot, int):
            return spot
    return None


class State:
    """A screen. ``overlay`` screens draw over the screen beneath them, dimmed."""

    overlay = False

    def on_draw(self, con: tcod.console.Console, app: App) -> None:
        """Draw into the console."""

    def on_event(self, event: tcod.event.Event, app: App) -> None:
        """React to one event (keys, mouse)."""

    def on_resume(self, app: App) -> None:
        """Called when the screen above this one has been closed."""


class Session:
    """What every screen shares: the game session (``game.ui.session``: the game in progress
    and every flow around it), historian mode, and the footer's latest message."""

    def __init__(self, services: Services, historian: bool = False) -> None:
        self.game = GameSession(services)
        self.historian = historian
        self.message = ""
        self.error = False
        self.tone = "info"

    @property
    def services(self) -> Services:
        """The services the CLI handed in (screens ask only whether replays exist)."""
        return self.game.services

    @property
    def engine(self) -> Engine | None:
        """The game in progress (None on the title screen)."""
        return self.game.engine

    @engine.setter
    def engine(self, engine: Engine | None) -> None:  # tests draw screens over a made-up game
        self.game.engine = engine

    def say(self, text: str, error: bool = False, tone: str = "") -> None:
        """A one-line message for the footer (until the next one); ``tone`` as a session
        Note's (a hint is drawn dim)."""
        self.message, self.error = text, error
        self.tone = tone or ("bad" if error else "info")

    def show(self, step: Step) -> Step:
        """A session step's notes in the footer (clearing the last message when it has none)."""
        tone = "bad" if step.failed else (step.notes[-1].tone if step.notes else "info")
        self.say(step.text, step.failed, tone)
        return step


class App:
    """The stack of screens and the session; fed events, asked to draw."""

    MIN_COLUMNS, MIN_ROWS = 60, 24

    def __init__(self, services: Services, historian: bool = False) -> None:
        self.session = Session(services, historian)
        self.stack: list[State] = []
        self.running = True
        self.fullscreen = False
        self.font_change = 0  # whole steps asked for with Ctrl+= / Ctrl+-, read by the window loop
        self.settings: dict[str, object] = self._load_settings(services)
        self.palette = theme.use_palette(str(self.settings.get("palette", "standard")))
        self.on_fullscreen: Callable[[bool], None] | None = None
        self.on_text_input: Callable[[bool], None] | None = None

    # --- settings kept between sessions (settings.json, shared with the other frontends) --

    def _load_settings(self, services: Services) -> dict[str, object]:
        if services.load_settings is None:
            return {}
        try:
            return dict(services.load_settings())
        except UserError as exc:
            self.session.say(f"Settings ignored: {exc}", error=True)
            return {}

    def remember(self, key: str, value: object) -> None:
        """Keep one setting for the next session (the file's other keys are left as they are)."""
        self.settings[key] = value
        save = self.session.services.save_settings
        if save is None:
            return
        try:
            save(dict(self.settings))
        except UserError as exc:
            self.session.say(f"Settings not saved: {exc}", error=True)

    def font_size(self) -> int | None:
        """The font size the player chose last time (None: follow the window)."""
        size = self.settings.get("tcod_font_size")
        return size if isinstance(size, int) and not isinstance(size, bool) and 8 <= size <= 64 else None

    def toggle_palette(self) -> None:
        """Ctrl+P: the standard colours or the colour-blind-safe ones, kept in the settings."""
        names = list(theme.PALETTES)
        self.palette = theme.use_palette(names[(names.index(self.palette) + 1) % len(names)])
        self.remember("palette", self.palette)
        self.session.say(f"Colours: {'colour-blind safe' if self.palette == 'colour-blind' else 'standard'}.")

    # --- the stack ----------------------------------------------------------------------

    @property
    def top(self) -> State | None:
        """The screen that gets the events."""
        return self.stack[-1] if self.stack else None

    def push(self, state: State) -> None:
        """Open a screen over the current one."""
        self.stack.append(state)

    def pop(self) -> None:
        """Close the top screen and tell the one beneath."""
        if self.stack:
            self.stack.pop()
        if self.stack:
            self.stack[-1].on_resume(self)
        else:
            self.running = False

    def replace(self, state: State) -> None:
        """Swap the top screen for another."""
        if self.stack:
            self.stack.pop()
        self.stack.append(state)

    def reset(self, *states: State) -> None:
        """Throw the whole stack away for these screens."""
        self.stack = list(states)

    def quit(self) -> None:
        """Leave the game (the window closed, or Quit): autosave whatever is in progress, stop."""
        self.session.show(self.session.game.close())
        self.running = False

    def text_input(self, on: bool) -> None:
        """Ask the window for typed text (names) or stop it."""
        if self.on_text_input is not None:
            self.on_text_input(on)

    # --- events and drawing -------------------------------------------------------------

    def dispatch(self, event: tcod.event.Event) -> None:
        """Handle one event: window-wide keys here, everything else to the top screen."""
        if isinstance(event, tcod.event.Quit):
            self.quit()
            return
        if isinstance(event, tcod.event.KeyDown):
            if event.sym in ENTER and event.mod & ALT:
                self.fullscreen = not self.fullscreen
                if self.on_fullscreen is not None:
                    self.on_fullscreen(self.fullscreen)
                return
            if event.mod & CTRL and event.sym in (
                tcod.event.KeySym.EQUALS,
                tcod.event.KeySym.PLUS,
                getattr(tcod.event.KeySym, "KP_PLUS", tcod.event.KeySym.PLUS),
            ):
                self.font_change += 1
                return
            if event.mod & CTRL and event.sym == tcod.event.KeySym.P:
                self.toggle_palette()
                return
            if event.mod & CTRL and event.sym in (
                tcod.event.KeySym.MINUS,
                getattr(tcod.event.KeySym, "KP_MINUS", tcod.event.KeySym.MINUS),
            ):
                self.font_change -= 1
                return
        if isinstance(event, tcod.event.KeyDown):
            # a message lasts until the next key, so the footer shows the screen's keys again
            # (a key that says something sets a new one below)
            self.session.say("")
        top = self.top
        if top is not None:
            top.on_event(event, self)

    def draw(self, con: tcod.console.Console) -> None:
        """Draw the top screen (over the dimmed screens beneath it when it is an overlay)."""
        con.clear(fg=theme.TEXT, bg=theme.BG)
        if con.width < self.MIN_COLUMNS or con.height < self.MIN_ROWS:
            widgets.put(con, 1, 1, "The window is too small.", fg=theme.TEXT)
            widgets.put(con, 1, 2, f"Make it at least {self.MIN_COLUMNS}x{self.MIN_ROWS} cells.", fg=theme.DIM)
            return
        first = len(self.stack) - 1
        while first > 0 and self.stack[first].overlay:
            first -= 1
        for i in range(max(0, first), len(self.stack)):
            if i > max(0, first):
                widgets.dim(con)
            self.stack[i].on_draw(con, self)
