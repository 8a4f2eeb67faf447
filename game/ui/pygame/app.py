"""The pygame frontend's application: a stack of screens, the event loop, and the glue to the
Services the CLI hands in (new game, save, load, reload).

The loop waits on events while the player reads (CPU near zero) and only ticks on a timer
while something animates; a frame is drawn only when something changed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TypeVar

import attrs
import pygame

from game.core.engine import Engine
from game.ui import present
from game.ui.pygame.base import Screen, dim
from game.ui.pygame.console import ConsoleScreen
from game.ui.pygame.menus import ErrorsScreen, HelpScreen, NewGameScreen, SavesScreen, SettingsScreen, TitleScreen
from game.ui.pygame.mods import ModsScreen
from game.ui.pygame.table import TableScreen
from game.ui.pygame.theme import INK, PAPER, RED, TEXT_SCALES, Theme, metrics, palette_name, text_size_name
from game.ui.pygame.timeline import EndingScreen, TimelineScreen
from game.ui.pygame.widgets import use_palette
from game.ui.replay import ReplayControl
from game.ui.services import Services, UserError
from game.ui.session import GameSession, Step

MIN_SIZE = (1024, 640)
MAX_SIZE = (2560, 1440)
OUTLOOK_EVENT = pygame.USEREVENT + 2  # a background forecast reported: repaint (no polling while idle)
FRAME_MS = 16  # the wait between frames while something animates (about 60 per second)
INPUT_EVENTS = (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEWHEEL, pygame.TEXTINPUT)


@attrs.define
class Settings:
    """The player's choices of presentation (never of rules)."""

    historian: bool = False
    animate: bool = True
    text_scale: float = 1.0
    fullscreen: bool = False
    palette: str = "standard"  # or "colour-blind": blue and orange for good and bad


def settings_to_json(settings: Settings) -> dict[str, object]:
    """The settings kept between sessions (full screen is left to each session)."""
    return {
        "historian": settings.historian,
        "animate": settings.animate,
        "text_scale": settings.text_scale,
        "palette": settings.palette,
    }


def settings_from_json(data: dict[str, object]) -> tuple[Settings, list[str]]:
    """Settings from a stored JSON object, and what in it was ignored (wrong type or value);
    unknown keys are left alone, so an older or newer game's file still loads."""
    settings, problems = Settings(), []
    for name in ("historian", "animate"):
        if name in data:
            value = data[name]
            if isinstance(value, bool):
                setattr(settings, name, value)
            else:
                problems.append(f"{name} should be true or false")
    if "palette" in data:
        if data["palette"] in present.PALETTES:
            settings.palette = str(data["palette"])
        else:
            problems.append(f"palette should be one of {', '.join(present.PALETTES)}")
    if "text_scale" in data:
        scale = data["text_scale"]
        if isinstance(scale, int | float) and not isinstance(scale, bool) and scale in TEXT_SCALES:
            settings.text_scale = float(scale)
        else:
            problems.append(f"text_scale should be one of {', '.join(map(str, TEXT_SCALES))}")
    return settings, problems


_V = TypeVar("_V")
_Work = Callable[[Callable[[_V], None], Callable[[], bool]], None]


def wake_loop() -> None:
    """Wake the event loop from a background thread (SDL's event queue is thread-safe); a
    no-op before the window exists or after it has closed."""
    if not pygame.display.get_init():
        return
    with contextlib.suppress(pygame.error):  # the display went away while the job ran
        pygame.event.post(pygame.event.Event(OUTLOOK_EVENT))


def waking(service: Callable[[Engine], _Work[_V]] | None) -> Callable[[Engine], _Work[_V]] | None:
    """A forecast service whose background work wakes the loop after every estimate and when it
    ends, so the panel repaints as runs finish while the loop still blocks between them."""
    if service is None:
        return None

    def make(engine: Engine) -> _Work[_V]:
        work = service(engine)  # in the loop's thread: the service copies what it needs here

        def run(report: Callable[[_V], None], cancelled: Callable[[], bool]) -> None:
            def reported(value: _V) -> None:
                report(value)
                wake_loop()

            try:
                work(reported, cancelled)
            finally:
                wake_loop()

        return run

    return make


def clamp_size(size: tuple[int, int]) -> tuple[int, int]:
    """A window size within the supported range."""
    return (max(MIN_SIZE[0], min(size[0], MAX_SIZE[0])), max(MIN_SIZE[1], min(size[1], MAX_SIZE[1])))


class App:
    """The screens, the settings and the game in progress. Drawable onto any Surface, so
    tests and screenshots run it without a window."""

    def __init__(self, services: Services, size: tuple[int, int] = (1280, 800), historian: bool = False) -> None:
        if not pygame.font.get_init():
            pygame.font.init()
        services = attrs.evolve(services, forecast=waking(services.forecast), mattered=waking(services.mattered))
        self.services = services
        self.game = GameSession(services)  # the game in progress and every flow around it
        self.message = ""
        self.settings = Settings(historian=historian)
        self._stored: dict[str, object] = {}
        use_palette("standard")
        self._load_settings(historian)
        self.theme = Theme()
        self.size = size
        self.stack: list[Screen] = []
        self.running = True
        self.dirty = True
        self.text_input_events = False
        self.window: pygame.Surface | None = None
        self.clock_ms: int | None = None  # fixed time for tests and screenshots
        self._under: pygame.Surface | None = None
        self._under_key: tuple[object, ...] = ()
        self.damage: list[pygame.Rect] | None = None  # where the last frame changed the window (None: all of it)

    # --- settings kept between sessions ---------------------------------------------------

    def _load_settings(self, historian: bool) -> None:
        """Start from the stored settings (``--historian`` still wins); a bad file is a notice."""
        load = self.services.load_settings
        if load is None:
            return
        try:
            data = load()
        except (UserError, OSError) as exc:
            self.message = f"Settings ignored: {exc}"
            return
        settings, problems = settings_from_json(data)
        settings.historian = settings.historian or historian
        self.settings = settings
        self._stored = dict(data)  # other frontends' keys are written back untouched
        use_palette(settings.palette)
        if problems:
            self.message = "Some settings were ignored: " + "; ".join(problems)

    def settings_changed(self) -> None:
        """Store the settings after the player changed one (a failure is a notice)."""
        save = self.services.save_settings
        if save is None:
            return
        use_palette(self.settings.palette)
        try:
            save({**self._stored, **settings_to_json(self.settings)})
        except (UserError, OSError) as exc:
            self.toast(f"Settings not saved: {exc}")

    # --- time and notices -----------------------------------------------------------------

    def now(self) -> int:
        """Milliseconds for animations (fixed when ``clock_ms`` is set)."""
        return self.clock_ms if self.clock_ms is not None else pygame.time.get_ticks()

    def toast(self, message: str) -> None:
        """A short notice at the bottom of the window, kept until the player's next key or
        click (nothing is timed: a slow reader or a screen reader misses nothing)."""
        self.message = message
        self.dirty = True

    # --- the stack ------------------------------------------------------------------------

    @property
    def top(self) -> Screen:
        return self.stack[-1]

    def push(self, screen: Screen) -> None:
        self.stack.append(screen)
        self.dirty = True

    def pop(self) -> None:
        if len(self.stack) > 1:
            self.stack.pop()
        self.dirty = True

    def open(self, name: str) -> None:
        """Open a menu screen by name."""
        screens: dict[str, type[Screen]] = {
            "new": NewGameScreen,
            "load": SavesScreen,
            "replay": self._replay_screen(),
            "settings": SettingsScreen,
            "help": HelpScreen,
            "mods": ModsScreen,
        }
        self.push(screens[name](self))

    def _replay_screen(self) -> type[Screen]:
        from game.ui.pygame.replay import ReplayListScreen

        return ReplayListScreen

    def watch(self, control: ReplayControl, name: str) -> None:
        """Open the replay viewer on a save's replay, over the screen it was picked from."""
        from game.ui.pygame.replay import ReplayScreen

        self.push(ReplayScreen(self, control, name))

    def current_game(self) -> TableScreen | None:
        """The table of the game in progress (not over), if it is on the stack."""
        if self.game.engine is None or self.game.engine.is_over:
            return None
        for s in reversed(self.stack):
            if isinstance(s, TableScreen) and not s.replaying:
                return s
        return None

    def say(self, step: Step) -> Step:
        """A session step's notes as a toast (nothing when it has none)."""
        if step.notes:
            self.toast(step.text)
        return step

    def enter(self, step: Step) -> None:
        """Show the session's game after a step that started, loaded, resumed, forked or
        rewound it: the card table (its introduction or what came of the last decision first)
        or the ending, over the title screen. A step that changed nothing leaves the screens."""
        self.say(step)
        if step.show in ("same", "confirm", "title") or self.game.engine is None:
            return
        if self.game.screen() == "ending" and step.show != "reports":
            self.show_ending()
            return
        self.stack = [TitleScreen(self), TableScreen(self, intro=step.show == "intro")]
        self.dirty = True

    def to_title(self) -> None:
        """Back to the title (autosaved); a game in progress is kept there for Continue, its
        table as it was (the page read, the option in focus)."""
        self._parked = self.current_game()
        self.game.outlook.follow(None, False)  # no forecast is computed for a game not on the table
        self.say(self.game.quit_to_title())
        self.stack = [TitleScreen(self)]
        self.dirty = True

    _parked: TableScreen | None = None

    def resume(self) -> None:
        """Continue the game left for the title screen."""
        step, parked, self._parked = self.game.resume(), self._parked, None
        if step.show == "same" or parked is None:
            self.enter(step)
            return
        self.stack = [TitleScreen(self), parked]
        parked.relayout()
        self.dirty = True

    def start(self, campaign: str, seed: int | str | None = None, ironman: bool = False) -> None:
        """Start a new game of a campaign's start (the session's one seed rule)."""
        self.enter(self.game.new_game(campaign, seed, ironman=ironman))

    def start_engine(self, engine: Engine, intro: bool = False) -> None:
        """Play an engine made elsewhere (the command line's ``load``, a test)."""
        step = self.game.play(engine)
        if intro and self.game.view().intro:
            step = Step("intro", step.notes)
        self.enter(step)

    def show_ending(self, engine: Engine | None = None) -> None:
        """The ending of the session's game, over the title screen."""
        engine = engine or self.game.engine
        assert engine is not None
        self.game.outlook.follow(None, False)  # the last decision's forecast would only slow the ending's weighing
        self.stack = [TitleScreen(self), EndingScreen(self, engine)]
        self.dirty = True

    def show_timeline(self, engine: Engine) -> None:
        self.push(TimelineScreen(self, engine))

    def quit(self) -> None:
        """Leave (the window closes, or Quit): whatever is in progress is autosaved."""
        self.say(self.game.close())
        self.running = False

    # --- the session's flows that act on the table -------------------------------------------

    def save(self, engine: Engine | None = None) -> None:
        """Save under a name made up from the campaign, date and turn."""
        self.say(self.game.save(""))

    def undo(self) -> None:
        """Take back the last decision (U or the Undo button); in an ironman game, or at the
        start, only say why not."""
        step = self.say(self.game.undo())
        if step.show != "same":
            table = self.current_game()
            if table is None:
                self.enter(step)
            else:
                table.refresh()
                table.mode = "decision"
                table.relayout()

    def reload(self) -> None:
        """F5: reload the content from disk; show problems; never lose the game. On the title
        screen it reloads the campaigns."""
        step, problems, kept = self.game.reload()
        game = self.current_game()
        if not kept and game is not None:
            if game.mode == "aftermath" and not self.game.view().reports:
                # the reloaded game starts from its state, without the last choice's report:
                # the page goes on showing what came of it, and Continue takes the new View
                game.relayout()
            else:
                game.refresh()
        for screen in self.stack:  # menus under the game list the reloaded campaigns
            screen.relayout()
        if problems:
            self.push(ErrorsScreen(self, list(problems), kept or self.game.engine is None))
        else:
            self.say(step)

    def window_key(self, key: int) -> bool:
        """Ctrl with + or - (text size) or P (palette), as in the tcod frontend: on every
        screen, kept in the settings; whether the key was one of them."""
        if key in (pygame.K_EQUALS, pygame.K_PLUS, pygame.K_KP_PLUS):
            self.step_text_size(1)
        elif key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.step_text_size(-1)
        elif key == pygame.K_p:
            self.toggle_palette()
        else:
            return False
        return True

    def set_text_scale(self, scale: float) -> None:
        """Adopt a text size (one of ``TEXT_SCALES``): kept, and every screen laid out again."""
        self.settings.text_scale = scale
        self.settings_changed()
        for screen in self.stack:
            screen.relayout()
        self.dirty = True

    def step_text_size(self, by: int) -> None:
        """The next larger (1) or smaller (-1) text size; at either end only a notice."""
        scales = sorted(TEXT_SCALES)
        now = min(range(len(scales)), key=lambda i: abs(scales[i] - self.settings.text_scale))
        new = max(0, min(len(scales) - 1, now + by))
        if new == now:
            self.toast(f"The text is as {'large' if by > 0 else 'small'} as it goes.")
            return
        self.set_text_scale(scales[new])
        self.toast(f"Text size: {text_size_name(scales[new])}.")

    def toggle_palette(self) -> None:
        """The colour-blind-safe palette on or off (kept)."""
        s = self.settings
        s.palette = "standard" if s.palette == "colour-blind" else "colour-blind"
        self.settings_changed()
        self.dirty = True
        self.toast(f"Colours: {palette_name(s.palette)}.")

    def toggle_fullscreen(self) -> None:
        self.settings.fullscreen = not self.settings.fullscreen
        if self.window is not None:
            pygame.display.toggle_fullscreen()

    # --- events and drawing ---------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> None:
        """Global keys first, then the top screen."""
        if event.type == pygame.QUIT:
            self.quit()
            return
        if event.type == OUTLOOK_EVENT:  # a new estimate (or the decisions that mattered) to draw
            self.dirty = True
            return
        if event.type == pygame.TEXTINPUT:
            self.text_input_events = True
        if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            self.resize((event.w, event.h) if event.type == pygame.VIDEORESIZE else (event.x, event.y))
            return
        if event.type in (pygame.WINDOWEXPOSED, pygame.ACTIVEEVENT):
            self.dirty = True
            return
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN) and self.message:
            self.message = ""  # the notice has been seen; this key or click may say something new
            self.dirty = True
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_F5:
                self.reload()
                return
            if event.key in (pygame.K_F12, pygame.K_BACKQUOTE) and not isinstance(self.top, ConsoleScreen):
                self.push(ConsoleScreen(self))
                return
            if event.key == pygame.K_F11:
                self.toggle_fullscreen()
                return
            if event.mod & pygame.KMOD_CTRL and self.window_key(event.key):
                return
        if event.type in INPUT_EVENTS:
            # every key, click or wheel may change what a screen shows: repaint after it, so no
            # screen has to remember to ask (mouse motion repaints only where a screen says so)
            self.dirty = True
        if event.type in (
            pygame.KEYDOWN,
            pygame.MOUSEBUTTONDOWN,
            pygame.MOUSEBUTTONUP,
            pygame.MOUSEMOTION,
            pygame.MOUSEWHEEL,
            pygame.TEXTINPUT,
        ):
            self.top.handle(event)

    def resize(self, size: tuple[int, int]) -> None:
        """Adopt a new window size, within the supported range: a window dragged smaller than
        ``MIN_SIZE`` (or larger than ``MAX_SIZE``) is set back to the nearest supported size
        (pygame 2.6 has no minimum-size call, so the window itself is resized)."""
        self.size = (int(size[0]), int(size[1]))
        if self.window is not None:
            wanted = clamp_size(self.size)
            if wanted != self.size and not self.settings.fullscreen:
                self.window = pygame.display.set_mode(wanted, pygame.RESIZABLE)
            self.window = pygame.display.get_surface()
            if self.window is not None:
                self.size = self.window.get_size()
        for s in self.stack:
            s.relayout()
        self.dirty = True

    def draw(self, surface: pygame.Surface) -> None:
        """Draw the top screen, and the screens under it when it is a modal panel."""
        first = len(self.stack) - 1
        while first > 0 and self.stack[first].modal:
            first -= 1
        top = self.stack[-1]
        if top.dims_below and len(self.stack) > 1:
            # what lies under a panel does not change while the panel is open: draw it once
            key = (id(top), surface.get_size(), attrs.astuple(self.settings))
            if key != self._under_key or self._under is None:
                under = pygame.Surface(surface.get_size())
                for s in self.stack[first:-1]:
                    s.draw(under)
                dim(under)
                self._under, self._under_key = under, key
            surface.blit(self._under, (0, 0))
            top.draw(surface)
        else:
            for s in self.stack[first:]:
                s.draw(surface)
        self.damage = top.damage if first == len(self.stack) - 1 else None
        if self.message:
            m = metrics(surface.get_size(), self.settings.text_scale)
            text = self.theme.ellipsize(self.message, "bold", m.ui, surface.get_width() - 8 * m.margin)
            ts = self.theme.text(text, "bold", m.ui, PAPER)
            box = ts.get_rect()
            box.inflate_ip(3 * m.margin, m.margin)
            box.midbottom = (surface.get_width() // 2, surface.get_height() - 4 * m.margin)
            pygame.draw.rect(surface, INK, box)
            pygame.draw.rect(surface, RED, box, 3)
            surface.blit(ts, ts.get_rect(center=box.center))
            if self.damage is not None:
                self.damage.append(box)
        self.dirty = False

    def animating(self) -> bool:
        return any(s.animating() for s in self.stack)

    def open_window(self) -> pygame.Surface:
        """Initialise pygame (all of it: the clock the animations read starts here) and open
        a resizable window sized to the screen."""
        pygame.init()
        pygame.display.set_caption("Divergence")
        info = pygame.display.Info()
        want = (min(1600, max(MIN_SIZE[0], info.current_w - 80)), min(1000, max(MIN_SIZE[1], info.current_h - 120)))
        if info.current_w <= 0:
            want = (1280, 800)
        self.window = pygame.display.set_mode(want, pygame.RESIZABLE)
        self.size = self.window.get_size()
        pygame.key.set_repeat(400, 40)
        # typed text arrives as TEXTINPUT only (a KEYDOWN's character would type it twice)
        pygame.key.start_text_input()
        self.text_input_events = True
        return self.window

    def step(self) -> None:
        """One turn of the loop: draw if something changed, then wait for the next event —
        for ever while nothing moves (no CPU spent), at most a frame while something does."""
        window = self.window
        assert window is not None, "open_window() first"
        if self.dirty:
            self.draw(window)
            if self.damage is None:
                pygame.display.flip()
            elif self.damage:
                pygame.display.update(self.damage)  # only where the frame changed
        moving = self.animating()
        event = pygame.event.wait(FRAME_MS) if moving else pygame.event.wait()
        if event.type != pygame.NOEVENT:
            self.handle(event)
            for more in pygame.event.get():
                self.handle(more)
        if moving:  # one more frame after the last moving one, so the bars rest on their values
            self.dirty = True

    def run_window(self) -> int:
        """Open the window and run until the player quits."""
        self.open_window()
        while self.running:
            self.step()
        pygame.display.quit()
        return 0


def run(
    services: Services,
    campaign: str | None = None,
    seed: int | None = None,
    engine: Engine | None = None,
    historian: bool = False,
) -> int:
    """Run the pygame frontend (the CLI's entry point); return an exit status."""
    pygame.init()
    try:
        app = App(services, historian=historian)
        app.stack = [TitleScreen(app)]
        if engine is not None:
            app.start_engine(engine)
        elif campaign is not None:
            app.start(campaign, seed)
        return app.run_window()
    finally:
        pygame.quit()


def build_replay(
    services: Services,
    control: ReplayControl,
    start: int = 0,
    name: str = "",
    historian: bool = False,
    size: tuple[int, int] = (1280, 800),
) -> App:
    """The app showing a save's replay at step ``start`` (``divergence replay SAVE --ui pygame``):
    Esc leaves the program; a fork plays on in the same window."""
    from game.ui.pygame.replay import ReplayScreen

    app = App(services, size, historian=historian)
    app.stack = [TitleScreen(app), ReplayScreen(app, control, name, start=start, direct=True)]
    return app


def run_replay(
    services: Services, control: ReplayControl, start: int = 0, name: str = "", historian: bool = False
) -> int:
    """Open the window on a save's replay; return an exit status."""
    pygame.init()
    try:
        return build_replay(services, control, start, name, historian).run_window()
    finally:
        pygame.quit()
