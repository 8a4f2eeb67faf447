"""The text replay viewer: a saved game watched decision by decision.

Keys: Enter or ``n`` next, ``b`` back, ``j TURN`` or ``j YYYY-MM`` jump, ``e`` to the end,
``0`` to the start, ``f`` fork a new game here (through the session's fork, so it is saved
as a branch and becomes the viewer's game in progress), ``q`` quit. Each step shows what the
previous decision led to with the dice that fell, then the next decision with the choice
the player made marked. It reads a ``ReplayControl`` and holds no rule of the game.
"""

from __future__ import annotations

from typing import IO

from game.core.commands import Choose, Command
from game.core.engine import Engine
from game.core.view import View
from game.ui import present, screens
from game.ui.replay import ReplayControl
from game.ui.services import Services, UserError
from game.ui.text.app import Quit, TextUI

KEYS = (
    ("n or Enter", "next decision"),
    ("b", "back one decision"),
    ("j TURN|DATE", "jump to a turn (j 12) or a date (j 1937-06)"),
    ("0 / e", "the start / the end"),
    ("f", "fork: play a new game from this point (saved as a branch)"),
    ("q", "leave the replay"),
)


class ReplayViewer:
    """Watch a replay in a terminal or over a pipe; ``run`` returns a forked game or None."""

    def __init__(
        self,
        control: ReplayControl,
        stdin: IO[str],
        stdout: IO[str],
        color: bool | None = None,
        width: int | None = None,
        services: Services | None = None,
        ui: TextUI | None = None,
    ) -> None:
        self.control = control
        # the text frontend that opened it (its load list), or a TextUI of its own
        self.ui = ui or TextUI(services or _no_services(), stdin, stdout, color=color, width=width, historian=True)

    def run(self, start: int = 0) -> Engine | None:
        """Show steps until the player leaves (None) or forks (the new game)."""
        ui = self.ui
        view = self.control.goto(start)
        try:
            while True:
                self.show(view)
                answer = ui.ask("\nreplay (n b j e f q, h for help) > ")
                low = answer.lower()
                pos = self.control.position()
                if low in ("", "n"):
                    if pos >= self.control.total():
                        ui.out("This is the end of the save.", "dim")
                        continue
                    view = self.control.goto(pos + 1)
                elif low == "b":
                    view = self.control.goto(pos - 1)
                elif low == "0":
                    view = self.control.goto(0)
                elif low == "e":
                    view = self.control.goto(self.control.total())
                elif low.startswith("j") or _looks_like_a_place(low):
                    target = answer[1:].strip() if low.startswith("j") else answer
                    if not target:
                        target = ui.ask("Jump to (a turn number, or a date like 1937-06): ").strip()
                    try:
                        view = self.control.goto(self.control.locate(target))
                    except ValueError as exc:
                        ui.out(str(exc), "red")
                elif low == "f":  # the session's fork: saved as a branch, then the game in progress
                    step = ui.say(ui.session.fork(self.control))
                    if not step.failed and ui.session.engine is not None:
                        return ui.session.engine
                elif low in ("h", "?", "help"):
                    for key, what in KEYS:
                        ui.out(f"  {key:<12} {what}")
                elif low in ("q", "quit"):
                    return None
                else:
                    ui.out("Type n, b, j TURN|DATE, e, f or q.", "dim")
        except Quit:
            return None

    def show(self, view: View) -> None:
        """One step: the dice and outcomes that led here, then the decision taken next."""
        ui = self.ui
        pos, total = self.control.position(), self.control.total()
        ui.out()
        ui.rule(f"Replay · decision {pos}/{total} · {view.date_label} · turn {view.turn}")
        ui.out(present.status_line(view).split(" | ", 1)[-1], "dim")
        command = self.control.next_command()
        document = screens.replay_step_doc(view, command, pos, total, historian=True)
        ui.show(screens.Document(document.title, document.blocks[1:]))  # the rule said where
        if command is not None and not isinstance(command, Choose):
            ui.out(f"  (debug: {command})", "dim")


def _taken(command: Command | None) -> str:
    return command.option if isinstance(command, Choose) else ""


def _no_new_game(_key: str, _seed: int) -> Engine:
    raise UserError("no new games from the replay viewer")


def _no_services() -> Services:
    """A viewer opened without the CLI's services (tests): it draws and forks, nothing more."""
    return Services([], _no_new_game)


def _looks_like_a_place(text: str) -> bool:
    """A bare turn number or YYYY-MM typed at the prompt means "jump there"."""
    return (text.isdigit() and text != "0") or (len(text) == 7 and text[4] == "-" and text.replace("-", "").isdigit())
