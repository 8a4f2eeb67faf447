"""The text frontend's screens written without a terminal (``divergence screenshot --ui text``).

The screens are drawn by the same ``TextUI`` methods a player sees, into a string, so the
text in docs and tests is what the terminal shows at that width (no colour codes).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from game.core.engine import Engine
from game.ui.frontends import SCREEN_NAMES, ScreenshotError
from game.ui.services import Services
from game.ui.text.app import Quit, TextUI

SCREENS = SCREEN_NAMES
DEFAULT_WIDTH = 80


def render(services: Services, engine: Engine, screen: str, width: int = DEFAULT_WIDTH, historian: bool = False) -> str:
    """The screen as the text frontend prints it; ScreenshotError for one it cannot show."""
    if screen not in SCREENS:
        raise ScreenshotError(f"unknown screen {screen!r}; the text frontend has {', '.join(SCREENS)}")
    if screen == "save":
        raise ScreenshotError("the text frontend saves with `s NAME` at its prompt; it has no save screen")
    out = io.StringIO()
    ui = TextUI(services, io.StringIO("b\nq\n"), out, color=False, width=width, historian=historian)
    view = engine.view()
    try:
        if screen == "title":
            ui.title()
        elif screen == "characters":
            ui.new_game()
        elif screen == "load":
            ui.load_menu()
        elif screen == "help":
            ui.help()
        elif screen == "chronicle":
            ui.chronicle(view)
        elif screen == "intro":
            ui.intro(view)
        elif screen == "reports":
            if not view.reports:
                raise ScreenshotError("nothing to report at this point of the game")
            ui.show_reports(view)
        elif screen == "ending" or (view.is_over and screen in ("current", "card")):
            if not view.is_over:
                raise ScreenshotError("the game has not ended; give --choices that reach an ending")
            ui.show_reports(view)
            ui.show_ending(view)
        else:
            if screen == "current":
                ui.show_reports(view)
            ui.show_decision(view)
    except Quit:
        pass
    return out.getvalue()


def shoot(
    services: Services,
    engine: Engine,
    screen: str,
    size: tuple[int, int] | None = None,
    out: Path | None = None,
    historian: bool = False,
    font_size: int | None = None,
) -> str:
    """The frontend registry's screenshot entry point: write the screen's text to ``out`` (or
    standard output); ``size`` is (columns, ignored)."""
    if font_size is not None:
        raise ScreenshotError("the text frontend has no font size", "--font-size")
    width = size[0] if size else DEFAULT_WIDTH
    if width < 40:
        raise ScreenshotError(f"{width} columns: the text frontend needs at least 40", "--size")
    text = render(services, engine, screen, width, historian)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
    return ""
