"""Where the panels go for a console of any size, and the chrome every game screen shares:
the header (campaign, date, turn), the side panel (meters, latest chronicle) and the footer.

Panels reflow with the window: the side panel takes about a third of the width within
bounds, and prose keeps a readable measure (at most ``MEASURE`` columns) centred in its panel.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import tcod.console

from game.core.view import View
from game.ui.tcod import theme, widgets
from game.ui.tcod.base import Session
from game.ui.tcod.widgets import Rect

MEASURE = 76  # the longest line of prose, in columns


@attrs.frozen
class Layout:
    """The rectangles of a game screen."""

    header: Rect
    main: Rect
    side: Rect
    footer: Rect

    @property
    def text(self) -> Rect:
        """The column of prose inside the main panel: margins, and no wider than MEASURE."""
        inner = self.main.inset(2, 2)
        inner = Rect(inner.x + 1, inner.y, max(10, inner.w - 2), inner.h + 1)
        if inner.w > MEASURE:
            return Rect(inner.x + (inner.w - MEASURE) // 2, inner.y, MEASURE, inner.h)
        return inner


def layout(width: int, height: int) -> Layout:
    """Panels for a console of this size."""
    side_w = max(28, min(44, width * 3 // 10))
    header = Rect(0, 0, width, 1)
    footer = Rect(0, height - 1, width, 1)
    main = Rect(0, 1, width - side_w, height - 2)
    side = Rect(width - side_w, 1, side_w, height - 2)
    return Layout(header, main, side, footer)


def draw_header(con: tcod.console.Console, rect: Rect, view: View) -> None:
    """The red bar: game and campaign on the left, date and turn on the right."""
    widgets.fill(con, rect, theme.HEADER_BG)
    left = f" DIVERGENCE · {view.campaign_title}"
    right = f"{view.date_label} · turn {view.turn} "
    widgets.put(con, rect.x, rect.y, left, fg=theme.BRIGHT, bg=theme.HEADER_BG, width=rect.w - len(right) - 1)
    widgets.put(con, rect.right - len(right), rect.y, right, fg=theme.BRIGHT, bg=theme.HEADER_BG)


def draw_side(con: tcod.console.Console, rect: Rect, view: View, forecast: Sequence[str] | None = None) -> None:
    """Meters as bars with their last change, then the newest chronicle entries, or the
    forecast panel (``game.ui.outlook.panel_lines``: its first line is the heading) when given."""
    widgets.frame(con, rect, "Standing")
    inner = rect.inset(2, 1)
    y = widgets.draw_meters(con, Rect(inner.x, inner.y + 1, inner.w, inner.h - 1), view.meters)
    if y + 4 < inner.bottom:
        title = " Forecast " if forecast else " Chronicle "
        widgets.put(con, rect.x, y, "├" + "─" * (rect.w - 2) + "┤", fg=theme.LINE)
        widgets.put(con, rect.x + 2, y, title, fg=theme.RED, bg=theme.PANEL)
        area = Rect(inner.x, y + 2, inner.w, inner.bottom - y - 2)
        if not forecast:
            widgets.draw_recent(con, area, view.chronicle)
            return
        doc = widgets.Doc(area.w)
        head, *rows = forecast
        doc.para(head.removeprefix("Forecast, "), theme.DIM)
        for row in rows[:-1]:
            doc.para(row, theme.TEXT)
        if rows:
            doc.para(rows[-1], theme.FAINT)
        widgets.draw_doc(con, area, doc.lines)


def draw_footer(con: tcod.console.Console, rect: Rect, session: Session, keys: Sequence[tuple[str, str]]) -> None:
    """The keys of the screen, or the latest message (a save done, an error)."""
    widgets.fill(con, rect, theme.BG)
    if session.message:
        colour = theme.BAD if session.error else (theme.DIM if session.tone == "hint" else theme.GOOD)
        widgets.put(con, rect.x + 1, rect.y, session.message, fg=colour, width=rect.w - 2)
        return
    widgets.keys_line(con, rect.x + 1, rect.y, rect.w - 2, keys)


GAME_KEYS = (
    ("1-9", "choose"),
    ("c", "chronicle"),
    ("f", "forecast"),
    ("s", "save"),
    ("l", "load"),
    ("o", "odds"),
    ("u", "undo"),
    ("?", "help"),
    ("q", "quit"),
    ("PgUp/PgDn", "scroll"),
)
