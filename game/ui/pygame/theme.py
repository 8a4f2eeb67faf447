"""The look of the pygame frontend: a 1930s poster palette, the fonts, cached text and the
metrics that scale with the window. Rendering text is the expensive part of a frame, so every
rendered line and every wrapped paragraph is cached."""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import pygame

from game.data import font_file

Color = tuple[int, int, int]
INK: Color = (26, 23, 20)
PAPER: Color = (239, 230, 210)
CARD: Color = (247, 241, 227)
RED: Color = (179, 38, 30)
DARK_RED: Color = (120, 22, 18)
GREY: Color = (109, 98, 83)
RULE: Color = (205, 191, 159)
GOLD: Color = (200, 144, 46)
SHADOW: Color = (190, 176, 146)
CREAM_DIM: Color = (217, 205, 178)
GREEN: Color = (36, 110, 52)  # a meter moved the way the player hopes (dark enough for cream)

TEXT_SCALES = (0.9, 1.0, 1.15)  # the player's text sizes: small, medium, large


TEXT_SIZE_NAMES = dict(zip(TEXT_SCALES, ("small", "medium", "large"), strict=True))


def text_size_name(scale: float) -> str:
    """A text size in words ("medium" for a scale not offered)."""
    return next((n for v, n in TEXT_SIZE_NAMES.items() if abs(v - scale) < 0.01), "medium")


def palette_name(palette: str) -> str:
    """A palette in words."""
    return "colour-blind safe" if palette == "colour-blind" else "standard"


FONT_FILES = {
    "prose": "DejaVuSerif.ttf",
    "italic": "DejaVuSerif-Italic.ttf",
    "title": "DejaVuSerif-Bold.ttf",
    "ui": "DejaVuSans.ttf",
    "bold": "DejaVuSans-Bold.ttf",
    "poster": "DejaVuSansCondensed-Bold.ttf",
}

# Cyrillic initials for the typographic emblems of the cards' actors.
ACTOR_LETTERS = {
    "bukharin": "Б",
    "stalin": "С",
    "tukhachevsky": "Т",
    "yezhov": "Е",
    "yagoda": "Я",
    "beria": "Б",
    "nkvd": "Н",
    "voroshilov": "В",
    "molotov": "М",
    "kaganovich": "К",
    "khrushchev": "Х",
    "zhukov": "Ж",
    "larina": "А",
    "vyshinsky": "В",
    "rykov": "Р",
    "tomsky": "Т",
}
LATIN_TO_CYRILLIC = dict(zip("abcdefghijklmnopqrstuvwxyz", "АБЦДЕФГХИЙКЛМНОПКРСТУВШХЫЗ", strict=True))


def actor_letter(actor: str) -> str:
    """The Cyrillic initial drawn on a card's emblem."""
    if actor in ACTOR_LETTERS:
        return ACTOR_LETTERS[actor]
    first = actor[:1].lower()
    return LATIN_TO_CYRILLIC.get(first, first.upper() or "Д")


@attrs.frozen
class Metrics:
    """Sizes for one window size: font sizes in points, margins and line heights in pixels."""

    prose: int
    ui: int
    small: int
    title: int
    poster: int
    margin: int


def metrics(size: tuple[int, int], scale: float = 1.0) -> Metrics:
    """Font sizes and margins that grow with the window (pure: the layout depends on it)."""
    w, h = size
    base = min(w / 1920 * 21, h / 1080 * 21)
    base = max(13.0, min(base, 30.0)) * scale
    return Metrics(
        prose=round(base),
        ui=round(base * 0.9),
        small=max(11, round(base * 0.74)),
        title=round(base * 1.6),
        poster=round(base * 1.25),
        margin=max(12, round(min(w, h * 1.6) * 0.014)),
    )


class Theme:
    """Fonts by role and size, rendered lines and wrapped paragraphs, all cached."""

    MAX_LINES = 6000

    def __init__(self) -> None:
        if not pygame.font.get_init():
            pygame.font.init()
        self._fonts: dict[tuple[str, int], pygame.font.Font] = {}
        self._lines: dict[tuple[str, str, int, Color, Color | None], pygame.Surface] = {}
        self._wraps: dict[tuple[str, str, int, int], list[str]] = {}

    def font(self, role: str, size: int) -> pygame.font.Font:
        """The font of a role ('prose', 'italic', 'title', 'ui', 'bold', 'poster') at a size."""
        key = (role, size)
        font = self._fonts.get(key)
        if font is None:
            path = font_file(FONT_FILES[role])
            font = pygame.font.Font(str(path) if path.exists() else None, size)
            self._fonts[key] = font
        return font

    def line_height(self, role: str, size: int) -> int:
        """Pixels from one line of text to the next."""
        return self.font(role, size).get_linesize()

    def text(self, text: str, role: str, size: int, color: Color, bg: Color | None = None) -> pygame.Surface:
        """One line rendered (antialiased), from the cache. Over a flat ``bg`` the line is
        rendered onto that colour, opaque: such a blit is a few times cheaper than blending a
        transparent line (most of a frame's text lies on the card, the paper or the ink bars).
        Without ``bg`` it is transparent."""
        key = (text, role, size, color, bg)
        surf = self._lines.get(key)
        if surf is None:
            if len(self._lines) > self.MAX_LINES:
                self._lines.clear()
            if bg is None:
                surf = self.font(role, size).render(text, True, color)
            else:
                # an 8-bit line with its own palette: blitting it is a few times cheaper than
                # blending a transparent one, and converting it first would cost more than it saves
                surf = self.font(role, size).render(text, True, color, bg)
            self._lines[key] = surf
        return surf

    def width(self, text: str, role: str, size: int) -> int:
        """The width of a line in pixels."""
        return self.font(role, size).size(text)[0]

    def wrap(self, text: str, role: str, size: int, width: int) -> list[str]:
        """Prose wrapped to a width in pixels; blank lines between paragraphs are kept."""
        key = (text, role, size, width)
        lines = self._wraps.get(key)
        if lines is None:
            if len(self._wraps) > self.MAX_LINES:
                self._wraps.clear()
            lines = _wrap(self.font(role, size), text, max(20, width))
            self._wraps[key] = lines
        return lines

    def ellipsize(self, text: str, role: str, size: int, width: int) -> str:
        """The line cut with an ellipsis to fit a width."""
        font = self.font(role, size)
        if font.size(text)[0] <= width:
            return text
        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if font.size(text[:mid].rstrip() + "…")[0] <= width:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo].rstrip() + "…"

    def clamp_lines(self, text: str, role: str, size: int, width: int, most: int) -> list[str]:
        """Wrapped lines, at most ``most`` of them, the last one ellipsized if cut."""
        lines = [x for x in self.wrap(text, role, size, width) if x]
        if len(lines) <= most:
            return lines
        return [*lines[: most - 1], self.ellipsize(" ".join(lines[most - 1 :]), role, size, width)]


def _wrap(font: pygame.font.Font, text: str, width: int) -> list[str]:
    lines: list[str] = []
    for para in text.strip().split("\n\n"):
        words = para.split()
        if not words:
            continue
        if lines:
            lines.append("")
        line = ""
        for word in words:
            trial = f"{line} {word}" if line else word
            if font.size(trial)[0] <= width:
                line = trial
                continue
            if line:
                lines.append(line)
            while font.size(word)[0] > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and font.size(word[:cut])[0] > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        if line:
            lines.append(line)
    return lines


def layer(size: tuple[int, int]) -> pygame.Surface:
    """A new opaque surface in the window's pixel format when a window exists (blits from it
    are plain copies; made in that format, not converted: a conversion is another copy)."""
    window = pygame.display.get_surface() if pygame.display.get_init() else None
    return pygame.Surface(size, 0, window) if window is not None else pygame.Surface(size)


def blit_lines(
    surface: pygame.Surface,
    theme: Theme,
    lines: Sequence[str],
    role: str,
    size: int,
    color: Color,
    x: int,
    y: int,
    align: str = "left",
    width: int = 0,
    bg: Color | None = None,
) -> int:
    """Draw lines one under another (opaque over a flat ``bg``); return the y below the last."""
    step = theme.line_height(role, size)
    for line in lines:
        if line:
            surf = theme.text(line, role, size, color, bg)
            dx = 0
            if align == "center":
                dx = (width - surf.get_width()) // 2
            elif align == "right":
                dx = width - surf.get_width()
            surface.blit(surf, (x + dx, y))
        y += step
    return y


_EMBLEMS: dict[tuple[str, int, bool], pygame.Surface] = {}


def emblem(letter: str, size: int, dark: bool = False) -> pygame.Surface:
    """The typographic emblem: a disc with a thin cream ring and a Cyrillic initial, in the
    manner of a constructivist badge (red disc; ink disc with a red ring when ``dark``).

    Drawn at 4x and smoothly scaled down so edges stay clean at card size; the initial is
    centred on its visible outline, not its font box. Cached by letter, size and variant.
    """
    key = (letter, size, dark)
    surf = _EMBLEMS.get(key)
    if surf is not None:
        return surf
    big = max(8, size) * 4
    r = big / 2
    disc, ring = (INK, RED) if dark else (RED, PAPER)
    art = pygame.Surface((big, big), pygame.SRCALPHA)
    centre = (big // 2, big // 2)
    pygame.draw.circle(art, disc, centre, big // 2)
    pygame.draw.circle(art, ring, centre, round(r * 0.86), max(2, round(r * 0.06)))
    font = pygame.font.Font(str(font_file(FONT_FILES["poster"])), round(big * 0.56))
    glyph = font.render(letter, True, PAPER)
    box = glyph.get_bounding_rect()
    art.blit(glyph, (centre[0] - box.centerx, centre[1] - box.centery), special_flags=0)
    surf = pygame.transform.smoothscale(art, (size, size))
    _EMBLEMS[key] = surf
    return surf
