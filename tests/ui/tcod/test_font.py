"""The shipped font as a tileset, and the PNG writer of screenshots."""

from __future__ import annotations

import zlib

import numpy as np
import pytest
import tcod.console

from game.ui.tcod import font, png


def test_the_font_ships_with_its_licence():
    path = font.font_path()
    assert path.is_file()
    licence = (path.parent / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream" in licence and "DejaVu" in licence


@pytest.mark.parametrize("size", [12, 16, 24])
def test_latin_cyrillic_and_box_drawing_have_glyphs(size):
    tiles = font.tileset(size)
    w, h = font.cell_size(size)
    assert (tiles.tile_width, tiles.tile_height) == (w, h)
    for ch in "AgЖщЁ—«»│┌┘█░▲★":
        alpha = tiles.get_tile(ord(ch))[..., 3]
        assert alpha.max() > 0, ch  # drawn, not blank
    letter = tiles.get_tile(ord("M"))[..., 3]
    rows = np.nonzero(letter.max(axis=1) > 128)[0]
    assert rows.max() - rows.min() >= h * 0.45  # letters fill the cell, not a corner of it
    line = tiles.get_tile(ord("─"))[..., 3]
    assert line[:, 0].max() == 255 and line[:, -1].max() == 255  # frames join across cells


def test_sizes_step_by_whole_pixels_and_fit_the_window():
    cells = [font.cell_size(s) for s in font.SIZES]
    assert cells == sorted(cells)
    assert font.step(16, 1) > 16 and font.step(16, -1) < 16 and font.step(font.SIZES[-1], 5) == font.SIZES[-1]
    small, large = font.fit_size(800, 600), font.fit_size(2560, 1440)
    assert small < large
    w, h = font.cell_size(large)
    assert 2560 // w >= 80 and 1440 // h >= 36


def test_png_writer_round_trip():
    rgba = np.zeros((3, 5, 4), dtype=np.uint8)
    rgba[1, 2] = (200, 10, 20, 255)
    data = png.encode(rgba)
    assert png.size_of(data) == (5, 3)
    idat = data[data.index(b"IDAT") + 4 :]
    raw = zlib.decompressobj().decompress(idat)
    assert raw[1 * (1 + 5 * 4) + 1 + 2 * 4 : 1 * (1 + 5 * 4) + 1 + 3 * 4] == bytes((200, 10, 20, 255))


def test_console_renders_to_an_image_of_the_cell_grid():
    con = tcod.console.Console(10, 4)
    con.print(0, 0, "Правда", fg=(255, 255, 255))
    rgba = font.tileset(16).render(con)
    w, h = font.cell_size(16)
    assert rgba.shape == (4 * h, 10 * w, 4)
    assert rgba[:h, : 6 * w, :3].max() > 200  # the word is drawn
