"""The debug console for modders: fire a card, set a meter or a flag, ask why a card is or
is not eligible. Each change is a Command applied by the engine, so replays stay exact."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.core.commands import Command, DebugFire, DebugSetFlag, DebugSetMeter, IllegalCommand
from game.core.engine import Engine
from game.core.explain import explain
from game.ui.pygame.base import Screen
from game.ui.pygame.theme import CREAM_DIM, INK, PAPER, RED, blit_lines

if TYPE_CHECKING:
    from game.ui.pygame.app import App

USAGE = (
    "fire CARD · set METER VALUE · flag NAME [on|off] · why CARD · explain CARD · cards [TEXT] · meters · clear · help",
)


def parse(line: str) -> tuple[str, list[str]]:
    """The command word and its arguments."""
    parts = line.split()
    return (parts[0].lower(), parts[1:]) if parts else ("", [])


def run_command(engine: Engine, line: str) -> tuple[list[str], bool]:
    """Carry out one console line; return (lines to print, whether the game changed)."""
    word, args = parse(line)
    campaign = engine.campaign

    def card_id(name: str) -> str | None:
        if name in campaign.cards:
            return name
        full = f"{campaign.id}.{name}"
        return full if full in campaign.cards else None

    command: Command | None = None
    if word in ("", "help", "?"):
        return list(USAGE), False
    if word == "meters":
        return [
            f"{m.id} = {engine.state.meters[m.id]} ({m.min}..{m.max}) {m.label}" for m in campaign.meters.values()
        ], False
    if word == "cards":
        needle = args[0].lower() if args else ""
        ids = sorted(c for c in campaign.cards if needle in c.lower())
        return (ids[:30] + ([f"... and {len(ids) - 30} more"] if len(ids) > 30 else [])) or ["no card matches"], False
    if word == "why" and len(args) == 1:
        cid = card_id(args[0])
        if cid is None:
            return [f"no card {args[0]!r}"], False
        reasons = engine.explain(campaign.cards[cid])
        return (
            [f"{cid} is eligible now"] if not reasons else [f"{cid} is not eligible:", *("  " + r for r in reasons)]
        ), False
    if word == "explain" and len(args) == 1:
        cid = card_id(args[0])
        if cid is None:
            return [f"no card {args[0]!r}"], False
        return explain(engine, cid), False
    if word == "fire" and len(args) == 1:
        cid = card_id(args[0])
        if cid is None:
            return [f"no card {args[0]!r}"], False
        command = DebugFire(cid)
    elif word == "set" and len(args) == 2:
        try:
            command = DebugSetMeter(args[0], int(args[1]))
        except ValueError:
            return [f"not a number: {args[1]!r}"], False
    elif word == "flag" and len(args) in (1, 2):
        if len(args) == 2 and args[1].lower() not in ("on", "off"):
            return ["flag NAME [on|off]"], False
        command = DebugSetFlag(args[0], len(args) == 1 or args[1].lower() == "on")
    else:
        return [f"unknown command {line.strip()!r}", *USAGE], False
    try:
        engine.apply(command)
    except IllegalCommand as exc:
        return [f"refused: {exc}"], False
    return [f"done: {line.strip()}"], True


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
        game = self.app.current_game()
        if game is None:
            self.log.append("no game in progress")
            return
        out, changed = run_command(game.engine, line)
        self.log.extend(out)
        self.log = self.log[-200:]
        if changed:
            game.refresh()
            game.mode = "decision" if not game.engine.is_over else game.mode
            if game.engine.is_over:
                self.app.pop()
                self.app.show_ending(game.engine)

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
