"""The replay screen: a saved game watched step by step, and forked into a new game at any step.

It drives a ``game.ui.replay.ReplayControl`` (handed over by the CLI through the services,
or by ``divergence replay SAVE --ui tcod``) and shows each step with the game screen's
panels: what came of the decision that led there with the dice that fell, and the decision
the player took next.
"""

from __future__ import annotations

import tcod.console
import tcod.event

from game.ui import screens
from game.ui.replay import ReplayControl
from game.ui.services import UserError
from game.ui.tcod import documents, theme, widgets
from game.ui.tcod.base import App, State, letter
from game.ui.tcod.layout import draw_footer, draw_header, draw_side, layout
from game.ui.tcod.widgets import Scroll

KEYS = (
    ("→ ←", "step"),
    ("Home End", "start, end"),
    ("g", "go to turn or date"),
    ("f", "fork a new game here"),
    ("Esc", "back"),
)


class ReplayScreen(State):
    """Step through a save; ``f`` forks a game from the step shown."""

    def __init__(self, control: ReplayControl, name: str = "") -> None:
        self.control = control
        self.name = name
        self.scroll = Scroll()

    def on_draw(self, con: tcod.console.Console, app: App) -> None:
        view = self.control.view()
        lay = layout(con.width, con.height)
        draw_header(con, lay.header, view)
        draw_side(con, lay.side, view)
        step, total = self.control.position(), self.control.total()
        widgets.frame(con, lay.main, f"Replay{' of ' + self.name if self.name else ''} · step {step} of {total}")
        draw_footer(con, lay.footer, app.session, KEYS)
        t = lay.text
        document = screens.replay_step_doc(view, self.control.next_command(), step, total, historian=True)
        doc = documents.render(document.blocks[1:], t.w)  # the frame says where
        if step == 0:
            doc.lines.insert(0, widgets.Line("The start of the game.", theme.DIM))
        self.scroll.fit(len(doc), t.h)
        widgets.draw_doc(con, t, doc.lines, self.scroll.offset)
        widgets.scroll_marks(con, t.right, t.y, t.bottom, self.scroll.offset, len(doc), t.h)

    def go(self, step: int) -> None:
        """Move to a step (the control clamps it)."""
        self.control.goto(step)
        self.scroll = Scroll()

    def on_event(self, event: tcod.event.Event, app: App) -> None:
        from game.ui.tcod.menus import InputDialog, enter_game

        if not isinstance(event, tcod.event.KeyDown):
            if isinstance(event, tcod.event.MouseWheel):
                self.scroll.by(-3 * event.y)
            return
        keys = tcod.event.KeySym
        key = letter(event)
        step = self.control.position()
        if event.sym in (keys.RIGHT, keys.SPACE) or key == "n":
            self.go(step + 1)
        elif event.sym == keys.LEFT or key == "p":
            self.go(max(0, step - 1))
        elif event.sym == keys.HOME:
            self.go(0)
        elif event.sym == keys.END:
            self.go(self.control.total())
        elif event.sym == keys.ESCAPE or key == "q":
            app.pop()
        elif key == "g":
            app.push(InputDialog("Go to", "A turn number, or a date as YYYY-MM.", self._goto))
        elif key == "f":
            enter_game(app, app.session.show(app.session.game.fork(self.control)), intro=False)
        else:
            self.scroll.key(event.sym)

    def _goto(self, app: App, where: str) -> None:
        try:
            self.go(self.control.locate(where))
        except ValueError as exc:
            raise UserError(str(exc)) from exc
