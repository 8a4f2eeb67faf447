"""Widgets of the pygame frontend: buttons, scrolling rich text and animated gauges."""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pygame

from game.core.view import MeterView
from game.ui import present
from game.ui.pygame.theme import CARD, CREAM_DIM, GREEN, GREY, INK, PAPER, RED, RULE, Color, Theme, layer


@attrs.define
class Button:
    """A clickable, focusable control. ``key`` is the shortcut shown at its left."""

    rect: pygame.Rect
    label: str
    action: Callable[[], None]
    key: str = ""
    sub: str = ""  # a second, smaller line (odds, reasons, summaries)
    badge: str = ""  # a short tag at the right (odds in historian mode, stance)
    enabled: bool = True
    selected: bool = False  # radio buttons: the current choice
    lines: int = 1  # how many lines the label may take
    center: bool = False  # a one-line button: its key and label centred, not against the left


def draw_button(surface: pygame.Surface, theme: Theme, b: Button, focused: bool, size: int, small: int) -> None:
    """A button in the poster style: cream with an ink frame, red when focused."""
    r = b.rect
    if focused and b.enabled:
        bg, fg, sub_fg, frame = RED, PAPER, CREAM_DIM, INK
    elif b.selected:
        bg, fg, sub_fg, frame = INK, PAPER, CREAM_DIM, INK
    elif b.enabled:
        bg, fg, sub_fg, frame = CARD, INK, GREY, INK
    else:
        bg, fg, sub_fg, frame = PAPER, GREY, GREY, RULE
    if b.enabled:  # the shadow's two visible strips, not a fill under the whole button
        ink = INK if not focused else (60, 10, 8)
        surface.fill(ink, (r.right, r.y + 3, 3, r.h))
        surface.fill(ink, (r.x + 3, r.bottom, r.w - 3, 3))
    surface.fill(bg, r)
    clip = surface.get_clip()
    surface.set_clip(r.clip(clip))  # the opaque lines stay inside the button; its frame goes on top
    pad = max(6, size // 2)
    x = r.x + pad
    key_w = max(theme.width("9", "bold", size), theme.width(b.key, "bold", size)) + pad if b.key else 0
    if b.center and not b.sub and not b.badge:
        x = r.x + max(pad, (r.w - key_w - theme.width(b.label, "ui", size)) // 2)
    badge_w = 0
    if b.badge:
        bs = theme.text(b.badge, "bold", small, fg, bg)
        badge_w = bs.get_width() + pad
        surface.blit(bs, (r.right - pad - bs.get_width(), r.y + pad // 2 + 2))
    width = r.right - pad - x - key_w - badge_w
    lh = theme.line_height("ui", size)
    sub_lh = theme.line_height("ui", small) if b.sub else 0
    lines = theme.clamp_lines(b.label, "ui", size, width, max(1, b.lines))
    block = lh * len(lines) + sub_lh
    y = r.y + max(pad // 2, (r.h - block) // 2)
    if b.key:  # on the label's first line (a button with a second line used to have it above)
        ks = theme.text(b.key, "bold", size, fg if focused else RED if b.enabled else GREY, bg)
        surface.blit(ks, (x, y))
        x += key_w
    for line in lines:
        surface.blit(theme.text(line, "ui", size, fg, bg), (x, y))
        y += lh
    if b.sub:
        line = theme.ellipsize(b.sub, "ui", small, r.right - pad - x)
        surface.blit(theme.text(line, "ui", small, sub_fg, bg), (x, y))
    surface.set_clip(clip)
    pygame.draw.rect(surface, frame, r, 3 if focused else 2)


@attrs.define
class Para:
    """A paragraph of rich text: font role, size, colour, indent in pixels, space above."""

    text: str
    role: str = "prose"
    size: int = 16
    color: Color = INK
    indent: int = 0
    space: int = 0


class RichText:
    """Paragraphs wrapped to a width, drawn clipped in a rect with a scroll offset."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.paras: list[Para] = []
        self.offset = 0
        self._key: tuple[object, ...] = ()
        self._lines: list[tuple[int, str, Para]] = []  # (y, text, para)
        self.height = 0
        self._version = 0  # counts changes of content: the rendered page is kept until it moves
        self._page: pygame.Surface | None = None
        self._page_key: tuple[object, ...] = ()

    def set(self, paras: list[Para]) -> None:
        """Replace the content (the scroll goes back to the top when it changes)."""
        if paras != self.paras:
            self.paras = paras
            self.offset = 0
            self._key = ()
            self._version += 1

    def layout(self, width: int) -> None:
        """Wrap every paragraph to the width (cached until the content or width changes)."""
        key = (width, id(self.paras), len(self.paras))
        if key == self._key:
            return
        self._key = key
        self._lines = []
        y = 0
        for p in self.paras:
            y += p.space
            step = self.theme.line_height(p.role, p.size)
            for line in self.theme.wrap(p.text, p.role, p.size, width - p.indent) if p.text else [""]:
                self._lines.append((y, line, p))
                y += step
        self.height = y

    def scroll(self, dy: int, view_h: int) -> None:
        """Move the text by dy pixels, kept within its height."""
        self.offset = max(0, min(self.offset + dy, max(0, self.height - view_h)))

    def draw(self, surface: pygame.Surface, rect: pygame.Rect, bg: Color | None = None) -> None:
        """Draw the visible lines, and a scroll bar when the text is taller than the rect. Over
        a flat ``bg`` the visible page is rendered once (until the text, the scroll or the rect
        changes) and blitted as one opaque piece."""
        if bg is None:
            self._draw_lines(surface, rect, None)
            return
        key = (self._version, rect.size, self.offset, bg)
        if self._page is None or key != self._page_key:
            if key != self._seen:  # the first frame of new text draws it directly (no page to make)
                self._seen = key
                self._draw_lines(surface, rect, bg)
                return
            page = layer(rect.size)  # drawn a second time: worth keeping as one piece
            page.fill(bg)
            self._draw_lines(page, page.get_rect(), bg)
            self._page, self._page_key = page, key
        surface.blit(self._page, rect.topleft)

    _seen: tuple[object, ...] = ()  # the last text drawn directly

    def _draw_lines(self, surface: pygame.Surface, rect: pygame.Rect, bg: Color | None) -> None:
        self.layout(rect.w - 10)
        clip = surface.get_clip()
        surface.set_clip(rect.clip(clip) if clip else rect)
        for y, line, p in self._lines:
            top = rect.y + y - self.offset
            if top > rect.bottom:
                break
            if line and top + 60 > rect.y:
                surface.blit(self.theme.text(line, p.role, p.size, p.color, bg), (rect.x + p.indent, top))
        surface.set_clip(clip)
        if self.height > rect.h:
            track = pygame.Rect(rect.right - 4, rect.y, 4, rect.h)
            pygame.draw.rect(surface, RULE, track)
            th = max(20, rect.h * rect.h // self.height)
            ty = rect.y + (rect.h - th) * self.offset // max(1, self.height - rect.h)
            pygame.draw.rect(surface, RED, (track.x, ty, 4, th))


TONE_COLORS: dict[int, Color] = {1: GREEN, -1: RED, 0: GREY}  # good change, bad change, neither
# the colour-blind-safe pair (Okabe-Ito blue and vermilion, dark enough for the cream paper)
TONE_PALETTES: dict[str, dict[int, Color]] = {
    "standard": dict(TONE_COLORS),
    "colour-blind": {1: (0, 114, 178), -1: (213, 94, 0), 0: GREY},
}


def use_palette(name: str) -> str:
    """Switch the gauges' good/bad colours (an unknown name means the standard ones)."""
    chosen = name if name in TONE_PALETTES else "standard"
    TONE_COLORS.update(TONE_PALETTES[chosen])
    return chosen


class Gauge:
    """A meter shown as a bar whose value slides to its new value over a short tween; its
    last change is drawn green when good for the player, red when bad (``MeterView.tone``)."""

    DURATION_MS = 700

    def __init__(self, meter_id: str, label: str, value: int, lo: int, hi: int) -> None:
        self.id, self.label, self.lo, self.hi = meter_id, label, lo, hi
        self.start = self.target = float(value)
        self.delta = 0
        self.tone = 0
        self.good = "high"
        self.description = ""
        self.t0 = 0

    @classmethod
    def of(cls, meter: MeterView) -> Gauge:
        """A gauge standing still at a meter's value."""
        g = cls(meter.id, meter.label, meter.value, meter.min, meter.max)
        g.good, g.description = meter.good, meter.description
        return g

    def sync(self, meter: MeterView, now: int, animate: bool) -> None:
        """Follow a meter's new View: label, bounds, sense, and slide to its value."""
        self.label, self.lo, self.hi = meter.label, meter.min, meter.max
        self.good, self.description = meter.good, meter.description
        if self.target != meter.value or meter.delta != self.delta or meter.tone != self.tone:
            self.retarget(meter.value, meter.delta, now, animate)
        self.tone = meter.tone

    def retarget(self, value: int, delta: int, now: int, animate: bool) -> None:
        """Move towards a new value (at once when animations are off)."""
        current = self.value(now)
        self.start = current if animate else float(value)
        self.target = float(value)
        self.delta = delta
        self.t0 = now

    def value(self, now: int) -> float:
        """The value shown at time ``now`` (ms): an ease-out from start to target."""
        t = (now - self.t0) / self.DURATION_MS
        if t >= 1 or self.start == self.target:
            return self.target
        t = max(0.0, t)
        ease = 1 - (1 - t) ** 3
        return self.start + (self.target - self.start) * ease

    def animating(self, now: int) -> bool:
        """True while the bar is still sliding."""
        return self.start != self.target and now - self.t0 < self.DURATION_MS

    def sense(self) -> str:
        """Which way is good for the meter, in words."""
        return {"high": "better high", "low": "better low"}.get(self.good, "neither good nor bad")

    def draw(
        self, surface: pygame.Surface, theme: Theme, rect: pygame.Rect, now: int, size: int, numbers: bool
    ) -> None:
        """Label above, bar below; the number and the last change when ``numbers``. A gauge at
        rest is rendered once (on the side panel's card) and then blitted."""
        if self.animating(now):
            self._paint(surface, theme, rect, now, size, numbers)
            return
        tone = TONE_COLORS[self.tone if self.delta else 0]
        key: tuple[object, ...] = (rect.size, self.label, self.lo, self.hi, self.target, self.delta, self.tone, tone)
        key += (size, numbers, id(theme))
        if self._rest is None or key != self._rest_key:
            if key != self._seen:  # the first frame at rest draws directly; the second keeps a piece
                self._seen = key
                self._paint(surface, theme, rect, now, size, numbers)
                return
            piece = layer(rect.size)
            piece.fill(CARD)
            self._paint(piece, theme, piece.get_rect(), now, size, numbers)
            self._rest, self._rest_key = piece, key
        surface.blit(self._rest, rect.topleft)

    _rest: pygame.Surface | None = None
    _rest_key: tuple[object, ...] = ()
    _seen: tuple[object, ...] = ()

    def _paint(
        self, surface: pygame.Surface, theme: Theme, rect: pygame.Rect, now: int, size: int, numbers: bool
    ) -> None:
        lh = theme.line_height("ui", size)
        value = self.value(now)
        tone = TONE_COLORS[self.tone if self.delta else 0]
        right = ""
        if numbers:
            right = f"{round(value)}"
        label_w = rect.w - (
            theme.width(right + " ▲ +00 ✓", "bold", size) if right else theme.width("▲ ✓ ", "bold", size)
        )
        label = theme.ellipsize(self.label, "ui", size, label_w)
        surface.blit(theme.text(label, "ui", size, INK, CARD), (rect.x, rect.y))  # the side panel's card
        if right:
            rs = theme.text(right, "bold", size, INK, CARD)
            surface.blit(rs, (rect.right - rs.get_width(), rect.y))
        bar = pygame.Rect(rect.x, rect.y + lh + 2, rect.w, max(8, rect.h - lh - 4))
        pygame.draw.rect(surface, CARD, bar)
        span = max(1, self.hi - self.lo)
        frac = max(0.0, min(1.0, (value - self.lo) / span))
        fill = bar.copy()
        fill.w = round(bar.w * frac)
        pygame.draw.rect(surface, tone if self.animating(now) else INK, fill)
        for q in (0.25, 0.5, 0.75):
            x = bar.x + round(bar.w * q)
            pygame.draw.line(surface, PAPER if x < fill.right else RULE, (x, bar.y), (x, bar.y + 3))
        pygame.draw.rect(surface, INK, bar, 2)
        if self.delta:
            arrow = ("▲ " if self.delta > 0 else "▼ ") + (f"{abs(self.delta)}" if numbers else "")
            mark = present.TONE_MARKS[self.tone] if self.tone else ""  # good or bad never by colour alone
            ds = theme.text(f"{arrow.strip()} {mark}".strip(), "bold", size, tone, CARD)
            x = rect.right - ds.get_width() - (theme.width(right, "bold", size) + 8 if right else 0)
            surface.blit(ds, (x, rect.y))
