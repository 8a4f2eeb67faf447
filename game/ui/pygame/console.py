"""The debug console for modders, drawn by pygame: the commands are the shared registry in
``game.ui.console`` (fire, set, flag, why, explain, cards, meters), the same in every frontend."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.core.engine import Engine
from game.ui import console
from game.ui.pygame.base import Screen
from game.ui.pygame.theme import CREAM_DIM, INK, PAPER, RED, blit_lines

if TYPE_CHECKING:
    from game.ui.pygame.app import App


def run_command(engine: Engine, line: str) -> tuple[list[str], bool]:
    """Carry out one console line (the shared registry in game.ui.console); (lines, changed)."""
    outcome = console.run_line(engine, line)
    return outcome.lines, outcome.changed


class ConsoleScreen(Screen):
    """A dark band over the lower part of the screen with an input line and its log."""

    modal = True
    name = "console"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.line = ""
        self.log: list[str] = ["Debug console. Type help. F12, ` or Esc closes it."]

    def layout(self, size: tuple[int, int]) -> dict[str, pygame.Rect]:
        w, h = size
        box = pygame.Rect(0, h - max(200, h * 2 // 5), w, max(200, h * 2 // 5))
        return {"box": box}

    def regions(self, size: tuple[int, int]) -> list[pygame.Rect]:
        return [self.layout(size)["box"]]

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.TEXTINPUT:
            if event.text != "`":
                self.line += event.text
                self.app.dirty = True
            return
        if event.type != pygame.KEYDOWN:
            return
        if event.key in (pygame.K_ESCAPE, pygame.K_F12, pygame.K_BACKQUOTE):
            self.app.pop()
        elif event.key == pygame.K_BACKSPACE:
            self.line = self.line[:-1]
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.submit(self.line)
        elif event.unicode and event.unicode.isprintable() and event.unicode != "`" and not self.app.text_input_events:
            self.line += event.unicode
        self.app.dirty = True

    def submit(self, line: str) -> None:
        """Run a line against the game in progress."""
        self.line = ""
        self.log.append("> " + line)
        if line.strip() == "clear":
            self.log = []
            return
        out, step = self.app.game.console(line)
        self.log.extend(out)
        self.log = self.log[-200:]
        if step.show == "same":
            return
        game = self.app.current_game()
        if game is not None:
            game.refresh()
            game.mode = "decision"
            game.relayout()
        elif step.show == "ending":
            self.app.pop()
            self.app.show_ending()

    def draw_content(self, surface: pygame.Surface) -> None:
        m = self.metrics(surface.get_size())
        box = self.layout(surface.get_size())["box"]
        pygame.draw.rect(surface, INK, box)
        pygame.draw.rect(surface, RED, (box.x, box.y, box.w, 4))
        lh = self.theme.line_height("ui", m.small)
        rows = max(1, (box.h - 3 * lh) // lh)
        y = box.y + m.margin // 2 + 4
        blit_lines(
            surface,
            self.theme,
            [self.theme.ellipsize(x, "ui", m.small, box.w - 2 * m.margin) for x in self.log[-rows:]],
            "ui",
            m.small,
            CREAM_DIM,
            box.x + m.margin,
            y,
        )
        prompt = self.theme.text("> " + self.line + "▏", "bold", m.ui, PAPER)
        surface.blit(prompt, (box.x + m.margin, box.bottom - prompt.get_height() - m.margin // 2))
