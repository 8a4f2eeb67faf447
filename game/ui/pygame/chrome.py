"""The frame around the game screens: the black top bar with the date, and the key hints."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.core.view import View
from game.ui.pygame.theme import CREAM_DIM, INK, PAPER, RED, Metrics, Theme, layer


def bars(size: tuple[int, int], theme: Theme, m: Metrics) -> tuple[pygame.Rect, pygame.Rect]:
    """The top bar and the footer for a window size."""
    w, h = size
    top_h = theme.line_height("poster", m.poster) + theme.line_height("ui", m.small) + m.margin // 2
    foot_h = theme.line_height("ui", m.small) + m.margin // 2 + 4
    return pygame.Rect(0, 0, w, top_h), pygame.Rect(0, h - foot_h, w, foot_h)


def topbar_band(surface: pygame.Surface, rect: pygame.Rect) -> None:
    """The top bar's black band and red rule (a backdrop draws it once)."""
    surface.fill(INK, rect)
    surface.fill(RED, (rect.x, rect.bottom - 4, rect.w, 4))


_STRIPS: dict[tuple[object, ...], pygame.Surface] = {}  # the bars as last drawn, by what they show


def _strip(
    key: tuple[object, ...], rect: pygame.Rect, paint: Callable[[pygame.Surface, pygame.Rect], None]
) -> pygame.Surface:
    """A bar rendered once per content and size (a few are kept: the table's, the timeline's...)."""
    piece = _STRIPS.get(key)
    if piece is None:
        if len(_STRIPS) > 16:
            _STRIPS.clear()
        piece = layer(rect.size)
        paint(piece, piece.get_rect())
        _STRIPS[key] = piece
    return piece


def draw_topbar(
    surface: pygame.Surface, theme: Theme, rect: pygame.Rect, m: Metrics, view: View | None, mode: str
) -> None:
    """Black band: the game's name and a red square at the left, the date at the right."""
    shown = (view.date_label, view.turn, view.campaign_title) if view is not None else None
    key = ("top", id(theme), rect.size, m, shown, mode)
    piece = _strip(key, rect, lambda s, r: _paint_topbar(s, theme, r, m, view, mode))
    surface.blit(piece, rect.topleft)


def _paint_topbar(
    surface: pygame.Surface, theme: Theme, rect: pygame.Rect, m: Metrics, view: View | None, mode: str
) -> None:
    topbar_band(surface, rect)
    pad = m.margin
    sq = rect.h - pad
    pygame.draw.rect(surface, RED, (pad, (rect.h - 4 - sq) // 2, sq, sq))
    name = theme.text("DIVERGENCE", "poster", m.poster, PAPER, INK)
    x = pad * 2 + sq
    surface.blit(name, (x, (rect.h - 4 - name.get_height()) // 2))
    x += name.get_width() + pad
    if view is not None:  # the lines end above the red rule (their opaque boxes never cover it)
        _topbar_view(surface, theme, rect, m, view, mode, x)


def _topbar_view(
    surface: pygame.Surface, theme: Theme, rect: pygame.Rect, m: Metrics, view: View, mode: str, x: int
) -> None:
    """The date, the turn and mode, and the campaign's title between the name and the date."""
    pad = m.margin
    right = theme.text(view.date_label.upper(), "poster", m.poster, PAPER, INK)
    sub = theme.text(f"turn {view.turn} · {mode}", "ui", m.small, CREAM_DIM, INK)
    rx = rect.right - pad - max(right.get_width(), sub.get_width())
    surface.blit(right, (rect.right - pad - right.get_width(), 2))
    surface.blit(sub, (rect.right - pad - sub.get_width(), 2 + right.get_height() - 2))
    middle = theme.ellipsize(view.campaign_title, "italic", m.ui, max(0, rx - x - pad))
    if middle:
        ms = theme.text(middle, "italic", m.ui, CREAM_DIM, INK)
        surface.blit(ms, (x, (rect.h - 4 - ms.get_height()) // 2))


def draw_footer(
    surface: pygame.Surface, theme: Theme, rect: pygame.Rect, m: Metrics, hints: list[tuple[str, str]]
) -> None:
    """Key hints along the bottom; the ones that do not fit are left out, never overlapped."""
    key = ("foot", id(theme), rect.size, m, tuple(hints))
    piece = _strip(key, rect, lambda s, r: _paint_footer(s, theme, r, m, hints))
    surface.blit(piece, rect.topleft)


def _paint_footer(
    surface: pygame.Surface, theme: Theme, rect: pygame.Rect, m: Metrics, hints: list[tuple[str, str]]
) -> None:
    surface.fill(INK, rect)
    x = m.margin
    y = rect.y + (rect.h - theme.line_height("ui", m.small)) // 2
    for key, what in hints:
        ks = theme.text(key, "bold", m.small, RED, INK)
        ws = theme.text(what, "ui", m.small, PAPER, INK)
        need = ks.get_width() + 6 + ws.get_width()
        if x + need > rect.right - m.margin:
            break
        surface.blit(ks, (x, y))
        surface.blit(ws, (x + ks.get_width() + 6, y))
        x += need + m.margin
