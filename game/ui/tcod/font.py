"""The tcod frontend's tileset: DejaVu Sans Mono from ``assets/fonts`` at whole pixel sizes.

``tcod.tileset.load_truetype_font`` fits the font's whole bounding box into a cell, which
leaves letters five pixels high in a 10x20 cell; so glyphs are rasterised here with
pygame.freetype at the size the cell really has. Box-drawing lines and block elements are
drawn as pixels, so frames join up and bars are solid at every size.
"""

from __future__ import annotations

import functools
import math
import os
from pathlib import Path

import numpy as np
import tcod.tileset

from game.data import font_file

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame
import pygame.freetype

FONT_FILE = "DejaVuSansMono.ttf"

# Font sizes in pixels (em) that the window steps through; each gives a whole-pixel cell.
SIZES = (10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 24, 26, 28, 32)
DEFAULT_SIZE = 16

# Unicode blocks rasterised from the font (only glyphs the font has are added).
RANGES = (
    (0x20, 0x7E),  # ASCII
    (0xA0, 0x24F),  # Latin-1, Latin Extended-A and -B
    (0x370, 0x3FF),  # Greek
    (0x400, 0x52F),  # Cyrillic and its supplement
    (0x2010, 0x205E),  # dashes, quotes, ellipsis, bullets
    (0x20A0, 0x20BF),  # currency
    (0x2100, 0x214F),  # letterlike (№)
    (0x2190, 0x21FF),  # arrows
    (0x2500, 0x259F),  # box drawing and blocks (lines and blocks replaced below)
    (0x25A0, 0x25FF),  # geometric shapes
    (0x2600, 0x26FF),  # miscellaneous symbols (☭, ★)
    (0x2713, 0x2718),  # check and cross marks (a meter's change for the better or the worse)
)

# Box-drawing characters drawn as pixels: (up, down, left, right), 1 light, 2 heavy, 3 double.
# fmt: off
_BOX = {
    "─": (0, 0, 1, 1), "│": (1, 1, 0, 0), "┌": (0, 1, 0, 1), "┐": (0, 1, 1, 0),
    "└": (1, 0, 0, 1), "┘": (1, 0, 1, 0), "├": (1, 1, 0, 1), "┤": (1, 1, 1, 0),
    "┬": (0, 1, 1, 1), "┴": (1, 0, 1, 1), "┼": (1, 1, 1, 1),
    "━": (0, 0, 2, 2), "┃": (2, 2, 0, 0), "┏": (0, 2, 0, 2), "┓": (0, 2, 2, 0),
    "┗": (2, 0, 0, 2), "┛": (2, 0, 2, 0), "┣": (2, 2, 0, 2), "┫": (2, 2, 2, 0),
    "┳": (0, 2, 2, 2), "┻": (2, 0, 2, 2), "╋": (2, 2, 2, 2),
    "═": (0, 0, 3, 3), "║": (3, 3, 0, 0), "╔": (0, 3, 0, 3), "╗": (0, 3, 3, 0),
    "╚": (3, 0, 0, 3), "╝": (3, 0, 3, 0), "╠": (3, 3, 0, 3), "╣": (3, 3, 3, 0),
    "╦": (0, 3, 3, 3), "╩": (3, 0, 3, 3), "╬": (3, 3, 3, 3),
    "╞": (1, 1, 0, 3), "╡": (1, 1, 3, 0), "╤": (0, 1, 3, 3), "╧": (1, 0, 3, 3),
    "╭": (0, 1, 0, 1), "╮": (0, 1, 1, 0), "╰": (1, 0, 0, 1), "╯": (1, 0, 1, 0),
    "╴": (0, 0, 1, 0), "╶": (0, 0, 0, 1), "╵": (1, 0, 0, 0), "╷": (0, 1, 0, 0),
}
# fmt: on


def font_path() -> Path:
    """The shipped font file (package data, ``game.data.assets``)."""
    return font_file(FONT_FILE)


def step(size: int, by: int) -> int:
    """The font size ``by`` whole steps from ``size`` (clamped to the known sizes)."""
    i = min(range(len(SIZES)), key=lambda k: abs(SIZES[k] - size))
    return SIZES[max(0, min(len(SIZES) - 1, i + by))]


def cell_size(size: int) -> tuple[int, int]:
    """The cell (width, height) in pixels of the tileset at a font size."""
    return _metrics(size)[:2]


def fit_size(width_px: int, height_px: int, min_columns: int = 80, min_rows: int = 36) -> int:
    """The largest font size whose grid still holds ``min_columns`` x ``min_rows`` cells in a
    window of this many pixels (the smallest size when none does)."""
    best = SIZES[0]
    for size in SIZES:
        w, h = cell_size(size)
        if width_px // w >= min_columns and height_px // h >= min_rows:
            best = size
    return best


@functools.cache
def _font() -> pygame.freetype.Font:
    pygame.freetype.init()
    font = pygame.freetype.Font(str(font_path()))
    font.origin = True
    font.pad = False
    return font


@functools.cache
def _metrics(size: int) -> tuple[int, int, int]:
    font = _font()
    advance = font.get_metrics("M", size)[0][4]
    width = max(4, round(advance))
    ascender = font.get_sized_ascender(size)
    descender = font.get_sized_descender(size)  # negative
    height = max(8, math.ceil((ascender - descender) * 1.08))
    baseline = ascender + (height - (ascender - descender)) // 2
    return width, height, baseline


@functools.cache
def tileset(size: int = DEFAULT_SIZE) -> tcod.tileset.Tileset:
    """A tcod Tileset of the shipped font at ``size`` pixels (built once per size)."""
    font = _font()
    width, height, baseline = _metrics(size)
    tiles = tcod.tileset.Tileset(width, height)
    surface = pygame.Surface((width, height), pygame.SRCALPHA, 32)
    for lo, hi in RANGES:
        chars = "".join(chr(c) for c in range(lo, hi + 1))
        metrics = font.get_metrics(chars, size)
        for ch, m in zip(chars, metrics, strict=True):
            if m is None:
                continue
            surface.fill((0, 0, 0, 0))
            glyph_w = m[4]
            x = max(0, round((width - glyph_w) / 2))
            font.render_to(surface, (x, baseline), ch, fgcolor=(255, 255, 255, 255), size=size)
            alpha = pygame.surfarray.array_alpha(surface).T
            tiles[ord(ch)] = _white(alpha)
    for ch, arms in _BOX.items():
        tiles[ord(ch)] = _white(_box(width, height, arms))
    for ch, alpha in _blocks(width, height).items():
        tiles[ord(ch)] = _white(alpha)
    return tiles


def _white(alpha: np.ndarray) -> np.ndarray:
    tile = np.full((*alpha.shape, 4), 255, dtype=np.uint8)
    tile[..., 3] = alpha
    return tile


def _box(width: int, height: int, arms: tuple[int, int, int, int]) -> np.ndarray:
    """A box-drawing tile whose lines reach the cell edges (so frames join)."""
    a = np.zeros((height, width), dtype=np.uint8)
    thin = max(1, round(width / 10))
    cx, cy = (width - thin) // 2, (height - thin) // 2
    gap = thin + 1  # between the two strokes of a double line
    up, down, left, right = arms

    def hline(x0: int, x1: int, kind: int) -> None:
        if kind == 3:
            a[cy - gap : cy - gap + thin, x0:x1] = 255
            a[cy + gap : cy + gap + thin, x0:x1] = 255
        elif kind:
            t = thin * kind
            a[cy - (t - thin) // 2 : cy - (t - thin) // 2 + t, x0:x1] = 255

    def vline(y0: int, y1: int, kind: int) -> None:
        if kind == 3:
            a[y0:y1, cx - gap : cx - gap + thin] = 255
            a[y0:y1, cx + gap : cx + gap + thin] = 255
        elif kind:
            t = thin * kind
            a[y0:y1, cx - (t - thin) // 2 : cx - (t - thin) // 2 + t] = 255

    double_v = 3 in (up, down)
    double_h = 3 in (left, right)
    reach_h = cx + thin + (gap if double_v else 0)
    reach_v = cy + thin + (gap if double_h else 0)
    hline(0, reach_h, left)
    hline(cx - (gap if double_v else 0), width, right)
    vline(0, reach_v, up)
    vline(cy - (gap if double_h else 0), height, down)
    return a


def _blocks(width: int, height: int) -> dict[str, np.ndarray]:
    """Block elements as solid pixels; shades as even dot patterns."""
    full = np.full((height, width), 255, dtype=np.uint8)
    out = {"█": full}
    top = np.zeros_like(full)
    top[: height // 2] = 255
    out["▀"] = top
    out["▄"] = 255 - top
    left = np.zeros_like(full)
    left[:, : width // 2] = 255
    out["▌"] = left
    out["▐"] = 255 - left
    for ch, level in (("░", 64), ("▒", 128), ("▓", 192)):
        out[ch] = np.full((height, width), level, dtype=np.uint8)
    for eighths in range(1, 8):  # ▁▂▃▄▅▆▇ lower blocks
        ch = chr(0x2580 + eighths)
        if ch == "▄":
            continue
        tile = np.zeros_like(full)
        tile[height - round(height * eighths / 8) :] = 255
        out[ch] = tile
    return out
