"""Watching a saved game step by step: forward, back, to the start or the end, and forking
a new game from any step (through the saves layer's ReplayControl handed in by the CLI)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.core.commands import Choose
from game.ui.pygame.menus import SavesScreen
from game.ui.pygame.table import TableScreen, table_layout
from game.ui.pygame.theme import RED, Metrics
from game.ui.pygame.widgets import Button, Gauge, Para, RichText
from game.ui.replay import ReplayControl
from game.ui.services import SaveInfo, UserError

if TYPE_CHECKING:
    from game.ui.pygame.app import App


class ReplayListScreen(SavesScreen):
    """Pick a save to watch."""

    name = "replay"
    title = "Watch a replay"
    subtitle = "Pick a saved game to watch from its first decision."

    def pick(self, save: SaveInfo) -> None:
        if self.app.services.replay is None:
            self.error = "Replays are not available in this session."
            return
        try:
            control = self.app.services.replay(save.path)
        except (UserError, RuntimeError, OSError) as exc:
            self.error = f"Cannot replay {save.name}: {exc}"
            return
        self.app.push(ReplayScreen(self.app, control, save.name))


class ReplayScreen(TableScreen):
    """The card table, read-only: each decision of the save with the choice that was made."""

    name = "replay_view"
    replaying = True

    def __init__(self, app: App, control: ReplayControl, title: str) -> None:
        self.app = app
        self.theme = app.theme
        self.focus = 1
        self._buttons = []
        self._size = (0, 0)
        self.control = control
        self.title = title
        self.prose = RichText(self.theme)
        self.notes = RichText(self.theme)
        self.mode = "decision"
        control.goto(0)
        self.view = control.view()
        self.gauges = [Gauge(m.id, m.label, m.value, m.min, m.max) for m in self.view.meters]

    def refresh(self) -> None:
        self.view = self.control.view()
        now = self.app.now()
        for g, mv in zip(self.gauges, self.view.meters, strict=False):
            g.retarget(mv.value, mv.delta, now, self.app.settings.animate)
        self.app.dirty = True

    def _n_buttons(self) -> int:
        return 5

    def layout(self, size: tuple[int, int]) -> dict[str, pygame.Rect]:
        r = table_layout(size, self.theme, self.metrics(size), 1, False)
        row = r["option0"]
        gap = self.metrics(size).margin // 2
        w = (row.w - 4 * gap) // 5
        for i in range(5):
            r[f"control{i}"] = pygame.Rect(row.x + i * (w + gap), row.y, w, row.h)
        del r["option0"]
        return r

    def buttons(self, size: tuple[int, int]) -> list[Button]:
        r = self.layout(size)
        items = [("|◀ Start", "Home", lambda: self.go(0)), ("◀ Back", "←", lambda: self.go(self.control.position() - 1)),
                 ("Forward ▶", "→", lambda: self.go(self.control.position() + 1)), ("End ▶|", "End", lambda: self.go(self.control.total())),
                 ("Fork here", "F", self.fork)]  # fmt: skip
        return [Button(r[f"control{i}"], label, action, key=key) for i, (label, key, action) in enumerate(items)]

    def go(self, step: int) -> None:
        self.control.goto(max(0, min(step, self.control.total())))
        self.refresh()

    def fork(self) -> None:
        try:
            engine = self.control.fork()
        except (UserError, RuntimeError, OSError) as exc:
            self.app.toast(f"Cannot fork: {exc}")
            return
        self.app.start_engine(engine)
        self.app.toast("A new game branches from here.")

    def key(self, event: pygame.event.Event) -> None:
        steps = {pygame.K_RIGHT: 1, pygame.K_LEFT: -1}
        if event.key in steps:
            self.go(self.control.position() + steps[event.key])
        elif event.key == pygame.K_HOME:
            self.go(0)
        elif event.key == pygame.K_END:
            self.go(self.control.total())
        elif event.key == pygame.K_f:
            self.fork()

    def back(self) -> None:
        self.app.pop()

    def _card_paras(self, m: Metrics) -> tuple[str, str, str, list[Para]]:
        title, label, letter, paras = super()._card_paras(m)
        step = f"decision {self.control.position()} of {self.control.total()} · replay of {self.title}"
        command = self.control.next_command()
        d = self.view.decision
        if isinstance(command, Choose) and d is not None:
            chosen = next((c.text for c in d.choices if c.id == command.option), command.option)
            paras = [*paras, Para(f"The choice made: {chosen}", "bold", m.ui, RED, space=m.margin)]
        elif self.view.ending is not None:
            title, paras = self.view.ending.title, [Para(self.view.ending.text, "prose", m.prose)]
        return title, f"{label} · {step}", letter, paras
