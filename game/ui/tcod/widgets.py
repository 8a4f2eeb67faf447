"""Drawing pieces the tcod screens share: rectangles, frames, wrapped text, bars, hot spots.

Everything that prints goes through ``put``, which cuts at the given width, so no screen can
write past the edge of its panel.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

import attrs
import tcod.console
import tcod.event

from game.core.view import EntryView, MeterView
from game.ui import present
from game.ui.tcod import theme
from game.ui.tcod.theme import RGB

T = TypeVar("T")


@attrs.frozen
class Rect:
    """A rectangle of cells."""

    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        """One past the last column."""
        return self.x + self.w

    @property
    def bottom(self) -> int:
        """One past the last row."""
        return self.y + self.h

    def inset(self, dx: int, dy: int = 0) -> Rect:
        """The rectangle shrunk by ``dx`` columns and ``dy`` rows on every side."""
        return Rect(self.x + dx, self.y + dy, max(0, self.w - 2 * dx), max(0, self.h - 2 * dy))

    def contains(self, x: int, y: int) -> bool:
        """Whether the cell is inside."""
        return self.x <= x < self.right and self.y <= y < self.bottom


class Hotspots(Generic[T]):
    """Clickable regions recorded while drawing, looked up by mouse position."""

    def __init__(self) -> None:
        self.spots: list[tuple[Rect, T]] = []

    def clear(self) -> None:
        """Forget every region (called at the start of each draw)."""
        self.spots = []

    def add(self, rect: Rect, value: T) -> None:
        """Record a region."""
        self.spots.append((rect, value))

    def at(self, x: int, y: int) -> T | None:
        """The value of the region under the cell, if any."""
        for rect, value in self.spots:
            if rect.contains(x, y):
                return value
        return None


def put(
    con: tcod.console.Console,
    x: int,
    y: int,
    text: str,
    fg: RGB = theme.TEXT,
    bg: RGB | None = None,
    width: int | None = None,
) -> int:
    """Print one line at (x, y), cut to ``width`` cells (and to the console); return its length."""
    if y < 0 or y >= con.height or x >= con.width:
        return 0
    limit = con.width - x if width is None else min(width, con.width - x)
    text = text[: max(0, limit)]
    if text:
        con.print(x, y, text, fg=fg, bg=bg)
    return len(text)


def fill(con: tcod.console.Console, rect: Rect, bg: RGB) -> None:
    """Paint a rectangle's background and clear its characters."""
    if rect.w > 0 and rect.h > 0:
        con.draw_rect(rect.x, rect.y, rect.w, rect.h, ord(" "), fg=theme.TEXT, bg=bg)


def frame(
    con: tcod.console.Console,
    rect: Rect,
    title: str = "",
    fg: RGB = theme.LINE,
    title_fg: RGB = theme.RED,
    bg: RGB = theme.PANEL,
) -> None:
    """A light box-drawing frame with an optional title set into its top line."""
    if rect.w < 2 or rect.h < 2:
        return
    con.draw_frame(rect.x, rect.y, rect.w, rect.h, clear=True, fg=fg, bg=bg, decoration="┌─┐│ │└─┘")
    if title:
        put(con, rect.x + 2, rect.y, f" {title} ", fg=title_fg, bg=bg, width=rect.w - 4)


def rule(con: tcod.console.Console, x: int, y: int, width: int, fg: RGB = theme.LINE) -> None:
    """A horizontal line."""
    put(con, x, y, "─" * width, fg=fg)


def spaced(text: str) -> str:
    """Letter-spaced capitals for small headings: ``E V E N T``."""
    return " ".join(text.upper())


def block(
    con: tcod.console.Console,
    x: int,
    y: int,
    lines: Sequence[str],
    width: int,
    fg: RGB = theme.TEXT,
    bottom: int | None = None,
) -> int:
    """Print pre-wrapped lines from row y (stopping at ``bottom``); return the next free row."""
    for line in lines:
        if bottom is not None and y >= bottom:
            break
        put(con, x, y, line, fg=fg, width=width)
        y += 1
    return y


def delta_colour(meter: MeterView) -> RGB:
    """A change the player hopes for in green, one they fear in red (``MeterView.tone``); a
    meter with no good direction keeps the two hues that say only which way it moved."""
    if meter.tone:
        return theme.GOOD if meter.tone > 0 else theme.BAD
    return theme.UP if meter.delta > 0 else theme.DOWN


def draw_meter(con: tcod.console.Console, x: int, y: int, width: int, meter: MeterView) -> None:
    """Label on one row; bar, value and change on the next."""
    put(con, x, y, meter.label, fg=theme.TEXT, width=width)
    value = f"{meter.value:>4}"
    delta = ""
    if meter.delta:
        delta = ("▲" if meter.delta > 0 else "▼") + present.delta_text(meter) + present.tone_mark(meter)
    tail = 5 + 6  # value (4 + space) and the change column
    bar_w = max(4, width - tail)
    filled = round(present.meter_fraction(meter) * bar_w)
    put(con, x, y + 1, "█" * filled, fg=theme.BAR_FILL)
    put(con, x + filled, y + 1, "░" * (bar_w - filled), fg=theme.BAR_EMPTY)
    put(con, x + bar_w, y + 1, value, fg=theme.BRIGHT, width=width - bar_w)
    if delta:
        put(con, x + bar_w + 5, y + 1, delta, fg=delta_colour(meter), width=width - bar_w - 5)


def draw_meters(con: tcod.console.Console, rect: Rect, meters: Sequence[MeterView]) -> int:
    """Every meter that fits in the rectangle; return the next free row."""
    y = rect.y
    for m in meters:
        if y + 2 > rect.bottom:
            break
        draw_meter(con, rect.x, y, rect.w, m)
        y += 3
    return y


def entry_lines(entry: EntryView, width: int) -> list[str]:
    """A chronicle entry for the side panel: its date, then its title wrapped."""
    return [entry.date_label, *present.wrap(entry.title or entry.text or entry.kind, width - 2)]


def draw_recent(con: tcod.console.Console, rect: Rect, entries: Sequence[EntryView]) -> None:
    """The latest chronicle entries, newest first, as many as fit."""
    y = rect.y
    for entry in reversed(entries):
        lines = entry_lines(entry, rect.w)
        if y + len(lines) > rect.bottom:
            break
        put(con, rect.x, y, lines[0], fg=theme.DIM, width=rect.w)
        block(con, rect.x + 2, y + 1, lines[1:], rect.w - 2, fg=theme.TEXT)
        y += len(lines) + 1


def keys_line(
    con: tcod.console.Console, x: int, y: int, width: int, keys: Sequence[tuple[str, str]], bg: RGB = theme.BG
) -> None:
    """A footer of ``key label`` pairs, keys in the accent colour, cut to the width."""
    end = x + width
    for key, label in keys:
        need = len(key) + 1 + len(label) + 3
        if x + need - 3 > end:
            break
        x += put(con, x, y, key, fg=theme.KEY, bg=bg, width=end - x) + 1
        x += put(con, x, y, label, fg=theme.DIM, bg=bg, width=end - x) + 3


def scroll_marks(con: tcod.console.Console, x: int, top: int, bottom: int, offset: int, total: int, shown: int) -> None:
    """Small ▲/▼ marks at the edge of a scrolled region that has more above or below."""
    if offset > 0:
        put(con, x, top, "▲", fg=theme.KEY)
    if offset + shown < total:
        put(con, x, bottom - 1, "▼", fg=theme.KEY)


def dim(con: tcod.console.Console) -> None:
    """Darken everything drawn so far (under a dialog)."""
    con.rgb["fg"] //= 4
    con.rgb["bg"] //= 2


@attrs.frozen
class Line:
    """One row of a document: its text, colour, indent and the hot-spot value it belongs to."""

    text: str
    fg: RGB = theme.TEXT
    indent: int = 0
    tag: object = None
    bg: RGB | None = None
    lead: int = 0  # how many leading cells are drawn in ``lead_fg`` (a hotkey, a date)
    lead_fg: RGB = theme.RED


class Doc:
    """Styled, wrapped lines built for one width, drawn whole or scrolled."""

    def __init__(self, width: int) -> None:
        self.width = max(10, width)
        self.lines: list[Line] = []

    def __len__(self) -> int:
        return len(self.lines)

    def para(
        self,
        text: str,
        fg: RGB = theme.TEXT,
        indent: int = 0,
        tag: object = None,
        first: str = "",
        lead_fg: RGB | None = None,
    ) -> None:
        """Wrapped prose (blank lines between its paragraphs); ``first`` prefixes the first
        line (drawn in ``lead_fg`` when given) and later lines hang under the text."""
        wrapped = present.wrap(text, self.width - indent - len(first)) if text.strip() else []
        for i, line in enumerate(wrapped):
            prefix = first if i == 0 else " " * len(first)
            lead = len(first.rstrip()) if i == 0 and lead_fg is not None else 0
            self.lines.append(Line(prefix + line if line else "", fg, indent, tag, None, lead, lead_fg or fg))

    def line(self, text: str, fg: RGB = theme.TEXT, indent: int = 0, tag: object = None) -> None:
        """One line as given (cut at the width when drawn)."""
        self.lines.append(Line(text, fg, indent, tag))

    def blank(self) -> None:
        """An empty line (never two in a row, never first)."""
        if self.lines and self.lines[-1].text:
            self.lines.append(Line(""))


def draw_doc(
    con: tcod.console.Console,
    rect: Rect,
    lines: Sequence[Line],
    offset: int = 0,
    hot: Hotspots[object] | None = None,
    hover: object = None,
) -> int:
    """Draw ``lines[offset:]`` into the rectangle; tagged lines become hot spots and the
    hovered tag's lines are highlighted. Return how many lines were shown."""
    shown = 0
    for i, line in enumerate(lines[offset : offset + rect.h]):
        y = rect.y + i
        if line.tag is not None and hot is not None:
            hot.add(Rect(rect.x - 1, y, rect.w + 2, 1), line.tag)
        bg = line.bg
        fg = line.fg
        if line.tag is not None and line.tag == hover:
            bg = theme.HOVER_BG
            fg = theme.BRIGHT if line.fg == theme.TEXT else line.fg
        if bg is not None:
            fill(con, Rect(rect.x - 1, y, rect.w + 2, 1), bg)
        put(con, rect.x + line.indent, y, line.text, fg=fg, bg=bg, width=rect.w - line.indent)
        if line.lead:
            put(
                con, rect.x + line.indent, y, line.text[: line.lead], fg=line.lead_fg, bg=bg, width=rect.w - line.indent
            )
        shown += 1
    return shown


class Scroll:
    """A scroll offset kept within bounds; keys and the wheel move it."""

    def __init__(self) -> None:
        self.offset = 0
        self.total = 0
        self.page = 1

    def fit(self, total: int, page: int) -> None:
        """Note the document's and the window's heights (on each draw) and clamp the offset."""
        self.total, self.page = total, max(1, page)
        self.offset = max(0, min(self.offset, self.total - self.page))

    def by(self, rows: int) -> None:
        """Move by some rows (clamped at the next draw and now)."""
        self.offset = max(0, min(self.offset + rows, max(0, self.total - self.page)))

    def to_end(self) -> None:
        """Jump to the end."""
        self.offset = max(0, self.total - self.page)

    def key(self, sym: object) -> bool:
        """Handle PgUp/PgDn/Home/End; True when the key was a scrolling key."""
        keys = tcod.event.KeySym
        if sym == keys.PAGEUP:
            self.by(-max(1, self.page - 2))
        elif sym == keys.PAGEDOWN:
            self.by(max(1, self.page - 2))
        elif sym == keys.HOME:
            self.offset = 0
        elif sym == keys.END:
            self.to_end()
        else:
            return False
        return True
