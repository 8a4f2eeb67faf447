"""The forecast panel beside the card: each ending's chance as a bar with its 95% interval,
under the player model it assumes, redrawn as the background runs finish.

The numbers come from ``game.ui.outlook`` (computed away from the loop; the app repaints when
an estimate lands) and the words from its ``panel_lines`` and ``Odds.text``, so the panel says
what the text and tcod panels say. The interval is drawn as a band behind the bar: it visibly
narrows as more futures are played.
"""

from __future__ import annotations

import pygame

from game.ui.outlook import Forecast, Odds, panel_lines
from game.ui.pygame.theme import CARD, GREY, INK, RED, RULE, Color, Metrics, Theme

BAND: Color = (226, 196, 170)  # the 95% interval behind the bar: light, but visible on the card
HEADING = "FORECAST"
TOP = 5  # the most endings listed when there are milestones to show under them


def _row_h(theme: Theme, m: Metrics) -> int:
    """One chance: a line of text and a bar under it."""
    return theme.line_height("ui", m.small) + _bar_h(m) + 6


def _bar_h(m: Metrics) -> int:
    return max(7, round(m.small * 0.6))


def draw_odds(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, m: Metrics, odds: Odds) -> None:
    """One chance in ``rect``: its title left, ``42% (38–46%)`` right, a bar to the chance over
    a band from the interval's low to its high end."""
    numbers = theme.text(odds.text, "bold", m.small, INK, CARD)
    title_w = rect.w - numbers.get_width() - 8
    title = theme.ellipsize(odds.title, "ui", m.small, title_w)
    surface.blit(theme.text(title, "ui", m.small, INK, CARD), rect.topleft)
    surface.blit(numbers, (rect.right - numbers.get_width(), rect.y))
    lh = theme.line_height("ui", m.small)
    bar = pygame.Rect(rect.x, rect.y + lh + 1, rect.w, _bar_h(m))
    surface.fill(CARD, bar)

    def x_at(p: float) -> int:
        return bar.x + round(bar.w * max(0.0, min(1.0, p)))

    lo, hi = x_at(odds.low), x_at(odds.high)
    surface.fill(BAND, (lo, bar.y, max(2, hi - lo), bar.h))
    inner = bar.inflate(0, -max(2, bar.h // 2))
    surface.fill(INK, (bar.x, inner.y, x_at(odds.p) - bar.x, inner.h))
    pygame.draw.rect(surface, RULE, bar, 1)
    surface.fill(RED, (lo, bar.y, 2, bar.h))  # the interval's two ends, so its width reads at a glance
    surface.fill(RED, (max(lo, hi - 2), bar.y, 2, bar.h))


def draw_panel(
    surface: pygame.Surface,
    theme: Theme,
    rect: pygame.Rect,
    m: Metrics,
    fc: Forecast | None,
    busy: bool,
    words: list[str],
) -> int:
    """The panel from the top of ``rect``, as many chances as fit; returns the y below it.
    ``words`` is ``Outlook.lines``: what the panel says while there is no estimate (still
    working, or why there is none)."""
    x, y, w = rect.x, rect.y, rect.w
    small = theme.line_height("ui", m.small)
    surface.blit(theme.text(HEADING, "poster", m.ui, RED, CARD), (x, y))
    y += theme.line_height("poster", m.ui) + 2
    if fc is None:
        for line in words[1:]:
            for part in theme.clamp_lines(line, "italic", m.small, w, 3):
                surface.blit(theme.text(part, "italic", m.small, GREY, CARD), (x, y))
                y += small
        return y
    model = theme.clamp_lines(fc.model, "italic", m.small, w, 2)
    for part in model:
        surface.blit(theme.text(part, "italic", m.small, GREY, CARD), (x, y))
        y += small
    y += 4
    n = len(fc.endings)
    words = panel_lines(fc, busy, top=n)  # heading, every ending, the milestones, [median end], status
    median, status = words[1 + n + len(fc.milestones) : -1], words[-1]
    status_parts = theme.clamp_lines(status, "ui", m.small, w, 2)
    bottom = rect.bottom - len(status_parts) * small - 4  # the status line is always shown
    row = _row_h(theme, m)
    # the likeliest endings, then the milestones: with milestones to show, at most ``TOP``
    # endings, so the milestones keep their place however many endings were reached
    fits = max(0, (bottom - y) // row)
    top = min(n, fits, TOP if fc.milestones else fits)
    more = ""
    if top < n:  # leave a line to say how many less likely endings are left out
        top = min(top, max(0, (bottom - y - small) // row))
        more = panel_lines(fc, busy, top=top)[1 + top]
    for odds in fc.endings[:top]:
        draw_odds(surface, theme, pygame.Rect(x, y, w, row), m, odds)
        y += row
    if more and y + small <= bottom:
        surface.blit(theme.text(theme.ellipsize(more, "italic", m.small, w), "italic", m.small, GREY, CARD), (x, y))
        y += small
    if fc.milestones and y + row + 6 <= bottom:  # a thin rule between the endings and the milestones
        pygame.draw.line(surface, RULE, (x, y + 2), (x + w, y + 2), 1)
        y += 6
    for odds in fc.milestones:  # the campaign's milestones, as far as there is room
        if y + row > bottom:
            break
        draw_odds(surface, theme, pygame.Rect(x, y, w, row), m, odds)
        y += row
    for line in median:
        if y + small <= bottom:
            surface.blit(theme.text(theme.ellipsize(line, "ui", m.small, w), "ui", m.small, GREY, CARD), (x, y))
            y += small
    for part in status_parts:
        surface.blit(theme.text(part, "ui", m.small, GREY, CARD), (x, y + 2))
        y += small
    return y + 2
