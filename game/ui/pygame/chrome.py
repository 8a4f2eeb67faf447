"""The frame around the game screens: the black top bar with the date, and the key hints."""

from __future__ import annotations

import pygame

from game.core.view import View
from game.ui.pygame.theme import CREAM_DIM, INK, PAPER, RED, Metrics, Theme


def bars(size: tuple[int, int], theme: Theme, m: Metrics) -> tuple[pygame.Rect, pygame.Rect]:
    """The top bar and the footer for a window size."""
    w, h = size
    top_h = theme.line_height("poster", m.poster) + theme.line_height("ui", m.small) + m.margin // 2
    foot_h = theme.line_height("ui", m.small) + m.margin // 2 + 4
    return pygame.Rect(0, 0, w, top_h), pygame.Rect(0, h - foot_h, w, foot_h)


def draw_topbar(
    surface: pygame.Surface, theme: Theme, rect: pygame.Rect, m: Metrics, view: View | None, mode: str
) -> None:
    """Black band: the game's name and a red square at the left, the date at the right."""
    pygame.draw.rect(surface, INK, rect)
    pygame.draw.rect(surface, RED, (rect.x, rect.bottom - 4, rect.w, 4))
    pad = m.margin
    sq = rect.h - pad
    pygame.draw.rect(surface, RED, (pad, (rect.h - 4 - sq) // 2, sq, sq))
    name = theme.text("DIVERGENCE", "poster", m.poster, PAPER)
    x = pad * 2 + sq
    surface.blit(name, (x, (rect.h - 4 - name.get_height()) // 2))
    x += name.get_width() + pad
    if view is None:
        return
    right = theme.text(view.date_label.upper(), "poster", m.poster, PAPER)
    sub = theme.text(f"turn {view.turn} · {mode}", "ui", m.small, CREAM_DIM)
    rx = rect.right - pad - max(right.get_width(), sub.get_width())
    surface.blit(right, (rect.right - pad - right.get_width(), 2))
    surface.blit(sub, (rect.right - pad - sub.get_width(), 2 + right.get_height() - 2))
    middle = theme.ellipsize(view.campaign_title, "italic", m.ui, max(0, rx - x - pad))
    if middle:
        ms = theme.text(middle, "italic", m.ui, CREAM_DIM)
        surface.blit(ms, (x, (rect.h - 4 - ms.get_height()) // 2))


def draw_footer(
    surface: pygame.Surface, theme: Theme, rect: pygame.Rect, m: Metrics, hints: list[tuple[str, str]]
) -> None:
    """Key hints along the bottom; the ones that do not fit are left out, never overlapped."""
    pygame.draw.rect(surface, INK, rect)
    x = m.margin
    y = rect.y + (rect.h - theme.line_height("ui", m.small)) // 2
    for key, what in hints:
        ks = theme.text(key, "bold", m.small, RED)
        ws = theme.text(what, "ui", m.small, PAPER)
        need = ks.get_width() + 6 + ws.get_width()
        if x + need > rect.right - m.margin:
            break
        surface.blit(ks, (x, y))
        surface.blit(ws, (x + ks.get_width() + 6, y))
        x += need + m.margin
