"""The one list of frontends: ``--ui`` choices, the default frontend, play, replay and
screenshot all read it, so a fourth frontend is one package and one line here.

Each frontend's ``app`` module offers the same two entry points (the host side of the
frontend protocol)::

    run(services, campaign=None, seed=None, engine=None, historian=False) -> int
    run_replay(services, control, start=0, name="", historian=False) -> int

and its ``screenshot`` module draws one screen of a game without a display (``divergence
screenshot``; the screen names of ``SCREEN_NAMES``, more where a frontend has them)::

    shoot(services, engine, screen, size=None, out=None, historian=False, font_size=None) -> str

``size`` is the frontend's own unit (cells, columns or pixels; None for its default), ``out``
the file to write (None: standard output, for a frontend that draws text); it returns the line
to say on stderr and raises ``ScreenshotError`` with a sentence for a screen, size or font size
it cannot draw.

Whether a frontend can run here depends only on its third-party library being installed
(``requires``); the project's own modules are imported plainly, so a broken import is a
traceback, never a frontend that silently vanishes.
"""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

import attrs

# The screens every frontend's screenshot draws (``divergence screenshot --screen``).
SCREEN_NAMES = (
    "current",
    "title",
    "characters",
    "intro",
    "card",
    "reports",
    "chronicle",
    "help",
    "ending",
    "save",
    "load",
)


class ScreenshotError(ValueError):
    """A screenshot that cannot be drawn as asked (the screen, the size, the font size), said
    in a sentence; ``option`` names the argument at fault (``--screen``, ``--size``,
    ``--font-size``) and the command shows it as a usage error."""

    def __init__(self, message: str, option: str = "--screen") -> None:
        super().__init__(message)
        self.option = option


@attrs.frozen
class Frontend:
    """One frontend: its ``--ui`` name, its app module, its screenshot module, what it needs
    installed."""

    name: str
    module: str
    requires: tuple[str, ...] = ()
    graphical: bool = False
    summary: str = ""
    screenshot: str = ""

    def shooter(self) -> ModuleType:
        """The frontend's screenshot module (``shoot``; imported on first use)."""
        return importlib.import_module(self.screenshot or self.module.rsplit(".", 1)[0] + ".screenshot")

    def available(self) -> bool:
        """True when the libraries it needs are installed."""
        return all(importlib.util.find_spec(lib) is not None for lib in self.requires)

    def app(self) -> ModuleType:
        """The frontend's app module (imported on first use: pygame and tcod are heavy)."""
        return importlib.import_module(self.module)


FRONTENDS: tuple[Frontend, ...] = (
    Frontend("text", "game.ui.text.app", (), False, "plain lines in a terminal or a pipe"),
    Frontend("tcod", "game.ui.tcod.app", ("tcod",), True, "a character-cell window"),
    Frontend("pygame", "game.ui.pygame.app", ("pygame",), True, "a graphical window"),
)

BY_NAME: dict[str, Frontend] = {f.name: f for f in FRONTENDS}

# The graphical frontend tried first when a display exists.
PREFERRED: tuple[str, ...] = ("pygame", "tcod")


def names() -> tuple[str, ...]:
    """Every frontend's name, for ``--ui`` choices."""
    return tuple(f.name for f in FRONTENDS)


def default(has_display: bool) -> Frontend:
    """The frontend to use when none is asked for: a graphical one with a display, else text."""
    if has_display:
        for name in PREFERRED:
            if BY_NAME[name].available():
                return BY_NAME[name]
    return BY_NAME["text"]
