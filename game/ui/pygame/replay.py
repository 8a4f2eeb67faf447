"""Watching a saved game step by step: forward, back, to the start or the end, to a turn or a
date, with the dice that fell, and forking a new game from any step (through the saves
layer's ReplayControl handed in by the CLI)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.ui import screens
from game.ui.pygame import documents
from game.ui.pygame.base import Screen, panel
from game.ui.pygame.menus import SavesScreen, heading
from game.ui.pygame.table import TableScreen, table_layout
from game.ui.pygame.theme import GREY, INK, RED, Metrics, blit_lines
from game.ui.pygame.widgets import Button, Gauge, Para, RichText
from game.ui.replay import ReplayControl
from game.ui.services import SaveInfo

if TYPE_CHECKING:
    from game.ui.pygame.app import App

N_CONTROLS = 6
REPLAY_HINTS = [
    ("→", "next"),
    ("←", "back"),
    ("Home", "start"),
    ("End", "end"),
    ("G", "go to"),
    ("F", "fork here"),
    ("Esc", "leave"),
]


class ReplayListScreen(SavesScreen):
    """Pick a save to watch."""

    name = "replay"
    title = "Watch a replay"
    verb = "watches"
    subtitle = "Pick a saved game to watch from its first decision."

    def pick(self, save: SaveInfo) -> None:
        self.watch(save)


class ReplayScreen(TableScreen):
    """The card table, read-only: each decision of the save with the choice that was made."""

    name = "replay_view"
    replaying = True
    hints = REPLAY_HINTS

    def __init__(self, app: App, control: ReplayControl, title: str, start: int = 0, direct: bool = False) -> None:
        self.app = app
        self.direct = direct  # opened by `divergence replay`: leaving it ends the program
        self.theme = app.theme
        self.focus = 2  # Forward: Enter steps on, as → does
        self._buttons = []
        self._size = (0, 0)
        self.control = control
        self.title = title
        self.prose = RichText(self.theme)
        self.notes = RichText(self.theme)
        self.mode = "decision"
        control.goto(start)
        self.view = control.view()
        self.gauges = [Gauge.of(m) for m in self.view.meters]

    def refresh(self) -> None:
        self.view = self.control.view()
        now = self.app.now()
        for g, mv in zip(self.gauges, self.view.meters, strict=False):
            g.sync(mv, now, self.app.settings.animate)
        self.app.dirty = True

    def _n_buttons(self) -> int:
        return N_CONTROLS

    def layout(self, size: tuple[int, int]) -> dict[str, pygame.Rect]:
        r = table_layout(size, self.theme, self.metrics(size), 1, False)
        row = r["option0"]
        gap = self.metrics(size).margin // 2
        w = (row.w - (N_CONTROLS - 1) * gap) // N_CONTROLS
        for i in range(N_CONTROLS):
            r[f"control{i}"] = pygame.Rect(row.x + i * (w + gap), row.y, w, row.h)
        del r["option0"]
        return r

    def buttons(self, size: tuple[int, int]) -> list[Button]:
        r = self.layout(size)
        items = [("|◀ Start", "Home", lambda: self.go(0)), ("◀ Back", "←", lambda: self.go(self.control.position() - 1)),
                 ("Forward ▶", "→", lambda: self.go(self.control.position() + 1)), ("End ▶|", "End", lambda: self.go(self.control.total())),
                 ("Go to…", "G", self.ask_jump), ("Fork here", "F", self.fork)]  # fmt: skip
        return [Button(r[f"control{i}"], label, action, key=key) for i, (label, key, action) in enumerate(items)]

    def go(self, step: int) -> None:
        self.control.goto(max(0, min(step, self.control.total())))
        self.refresh()

    def ask_jump(self) -> None:
        """Open the box that takes a turn number or a date."""
        self.app.push(JumpScreen(self.app, self.jump))

    def jump(self, where: str) -> str:
        """Go to the first decision on or after a turn or a ``YYYY-MM`` date; the problem, if any."""
        try:
            step = self.control.locate(where)
        except ValueError as exc:
            return str(exc)
        self.go(step)
        return ""

    def fork(self) -> None:
        """Play on from here: a new game, saved at once as a branch of this save."""
        self.app.enter(self.app.game.fork(self.control))

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
        elif event.key in (pygame.K_g, pygame.K_j):
            self.ask_jump()
        else:
            self.unknown_key(event)

    def keys_help(self) -> str:
        return "→ and ← step, Home and End go to the start and the end, G goes to a turn, F forks, Esc leaves"

    def back(self) -> None:
        if self.direct:
            self.app.quit()
        else:
            self.app.pop()

    def _card_paras(self, m: Metrics) -> tuple[str, str, str, list[Para]]:
        title, label, letter, _ = super()._card_paras(m)
        step = f"decision {self.control.position()} of {self.control.total()} · replay of {self.title}"
        document = screens.replay_step_doc(
            self.view, self.control.next_command(), self.control.position(), self.control.total(), self.title
        )
        paras = documents.paras(document.blocks[1:], m)  # the header says where
        if self.view.ending is not None:
            title = self.view.ending.title
        return title, f"{label or self.view.date_label} · {step}", letter, paras


class JumpScreen(Screen):
    """A small box over the replay: type a turn number or a date (YYYY-MM), Enter goes there."""

    modal = True
    dims_below = True
    name = "replay_jump"
    LIMIT = 16

    def __init__(self, app: App, done: Callable[[str], str]) -> None:
        super().__init__(app)
        self.done = done  # returns the problem with the text, or "" when it went there
        self.text = ""
        self.error = ""

    def layout(self, size: tuple[int, int]) -> dict[str, pygame.Rect]:
        w, h = size
        m = self.metrics(size)
        th = self.theme
        pad = 2 * m.margin
        bw = min(w - 4 * m.margin, 640)
        field_h = th.line_height("ui", m.prose) + m.margin
        hint_h = 2 * th.line_height("italic", m.ui)
        button_h = th.line_height("ui", m.ui) + m.margin
        head_h = th.line_height("poster", m.title) + 12
        bh = pad + head_h + m.margin + field_h + m.margin + hint_h + m.margin + button_h + pad
        box = pygame.Rect((w - bw) // 2, (h - bh) // 2, bw, bh)
        y = box.y + pad + head_h + m.margin
        field = pygame.Rect(box.x + pad, y, box.w - 2 * pad, field_h)
        hint = pygame.Rect(field.x, field.bottom + m.margin, field.w, hint_h)
        go_w = th.width("Go there", "ui", m.ui) + 6 * m.margin
        cancel_w = th.width("Cancel", "ui", m.ui) + 6 * m.margin
        go = pygame.Rect(box.right - pad - go_w, hint.bottom + m.margin, go_w, button_h)
        cancel = pygame.Rect(go.x - m.margin - cancel_w, go.y, cancel_w, button_h)
        return {"box": box, "field": field, "hint": hint, "go": go, "cancel": cancel}

    def regions(self, size: tuple[int, int]) -> list[pygame.Rect]:
        return [self.layout(size)["box"]]

    def buttons(self, size: tuple[int, int]) -> list[Button]:
        r = self.layout(size)
        return [Button(r["go"], "Go there", self.submit, key="↵"), Button(r["cancel"], "Cancel", self.back, key="Esc")]

    def type(self, text: str) -> None:
        """Add typed characters to the field."""
        for ch in text:
            if (ch.isdigit() or ch == "-") and len(self.text) < self.LIMIT:  # never the G that opened it
                self.text += ch
        self.error = ""
        self.app.dirty = True

    def submit(self) -> None:
        """Go to the turn or date typed; a problem stays in the box with its message."""
        problem = self.done(self.text.strip())
        if problem:
            self.error = problem
            self.app.dirty = True
            return
        self.app.pop()

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.TEXTINPUT:
            self.type(event.text)
            return
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.back()
            elif event.key == pygame.K_BACKSPACE:
                self.text = self.text[:-1]
                self.app.dirty = True
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.submit()
            elif event.unicode and not self.app.text_input_events:
                self.type(event.unicode)
            return
        super().handle(event)

    def draw_content(self, surface: pygame.Surface) -> None:
        m = self.metrics(surface.get_size())
        r = self.layout(surface.get_size())
        panel(surface, r["box"])
        pad = 2 * m.margin
        heading(surface, self.theme, m, "Go to", r["box"].x + pad, r["box"].y + pad // 2 + 6)
        f = r["field"]
        pygame.draw.rect(surface, (255, 255, 255), f)
        pygame.draw.rect(surface, INK, f, 2)
        shown = self.theme.ellipsize(self.text + "▏", "ui", m.prose, f.w - m.margin)
        ts = self.theme.text(shown, "ui", m.prose, INK)
        surface.blit(ts, (f.x + m.margin // 2, f.centery - ts.get_height() // 2))
        hint = self.error or "A turn number (12) or a date (1937-06): the first decision on or after it."
        lines = self.theme.clamp_lines(hint, "italic", m.ui, r["hint"].w, 2)
        blit_lines(surface, self.theme, lines, "italic", m.ui, RED if self.error else GREY, r["hint"].x, r["hint"].y)
