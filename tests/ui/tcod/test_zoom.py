"""Ctrl+= / Ctrl+- in the tcod window: every letter lands on whole pixels at every text size
and window size (no glyph smeared across two pixel columns), a step up stops where the
window can no longer hold the smallest grid, and the size chosen is kept in the settings.

The window is a real SDL window (the ``offscreen`` video driver) and what it shows is read
back from the renderer, pixel by pixel, against the tileset's own rendering of the console.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs
import numpy as np
import pytest
import tcod.console
import tcod.context
import tcod.event
from hypothesis import given
from hypothesis import strategies as st

from game.ui.tcod import app as tcod_app
from game.ui.tcod import font
from game.ui.tcod.menus import TitleScreen

from .conftest import MemoryServices
from .helpers import key

K = tcod.event.KeySym
CTRL = tcod.event.Modifier.LCTRL
# An odd window (1501x947) and the one the game opens at size 16 and is then zoomed in (1000x840).
WINDOWS = [(1000, 840), (1501, 947)]


def open_window(width: int, height: int) -> tcod.context.Context:
    """A real SDL window with no screen: SDL 3 reads its environment once, so the driver is
    chosen with a hint, which it reads when the window opens."""
    from tcod.cffi import lib

    lib.SDL_SetHint(b"SDL_VIDEO_DRIVER", b"offscreen")
    return tcod.context.new(width=width, height=height, tileset=font.tileset(16), sdl_window_flags=0)


@pytest.fixture
def window() -> Iterator[tcod.context.Context]:
    context = open_window(1000, 840)
    try:
        yield context
    finally:
        context.close()


def shown_and_drawn(
    context: tcod.context.Context, size: int, align: tuple[float, float] | None = None
) -> tuple[np.ndarray, np.ndarray, tuple[int, int]]:
    """What the window shows after presenting a console of text, what the tileset draws for
    that console, and where (in pixels) the console was meant to land."""
    columns, rows = context.recommended_console_size(1, 1)
    con = tcod.console.Console(columns, rows)
    for y in range(0, rows, 3):
        con.print(0, y, "memorising from know Marx NEWS wk — Правда ┌─┐ █▒", fg=(255, 255, 255), bg=(0, 0, 0))
    w, h = font.cell_size(size)
    out = context.sdl_renderer.output_size  # type: ignore[union-attr]
    chosen = tcod_app.whole_pixel_align(out, (columns * w, rows * h)) if align is None else align
    context.present(con, keep_aspect=True, integer_scaling=True, clear_color=(0, 0, 0), align=chosen)
    shown = context.sdl_renderer.read_pixels(format="RGB")  # type: ignore[union-attr]
    drawn = font.tileset(size).render(con)[..., :3]
    x = (out[0] - columns * w) // 2
    y = (out[1] - rows * h) // 2
    return shown, drawn, (x, y)


def same_pixels(shown: np.ndarray, drawn: np.ndarray, at: tuple[int, int]) -> bool:
    x, y = at
    part = shown[y : y + drawn.shape[0], x : x + drawn.shape[1]]
    return part.shape == drawn.shape and bool((part == drawn).all())


@pytest.mark.parametrize("window_px", WINDOWS)
def test_every_text_size_lands_on_whole_pixels_after_a_zoom(window_px: tuple[int, int]) -> None:
    window = open_window(*window_px)
    smeared = []
    for size in font.SIZES:
        window.change_tileset(font.tileset(size))  # what Ctrl+= / Ctrl+- does
        shown, drawn, at = shown_and_drawn(window, size)
        assert same_pixels(shown, drawn, at), f"size {size} in {window_px}: glyphs are not pixel-exact"
        # The old centring (0.5) puts the console half a pixel off wherever the margin is odd.
        old, _, _ = shown_and_drawn(window, size, align=(0.5, 0.5))
        if not any(same_pixels(old, drawn, (at[0] + dx, at[1] + dy)) for dx in (0, 1) for dy in (0, 1)):
            smeared.append(size)
    window.close()
    assert smeared, "the check would not see the half-pixel smear it guards against"


@given(
    st.integers(200, 4000),
    st.integers(200, 4000),
    st.integers(100, 4000),
    st.integers(100, 4000),
)
def test_the_alignment_splits_the_margin_in_whole_pixels(ww: int, wh: int, cw: int, ch: int) -> None:
    ax, ay = tcod_app.whole_pixel_align((ww, wh), (cw, ch))
    for window, console, a in ((ww, cw, ax), (wh, ch, ay)):
        margin = window - console
        if margin > 0:
            offset = a * margin
            assert abs(offset - round(offset)) < 1e-9 and abs(offset - margin / 2) <= 0.5


@given(st.sampled_from(font.SIZES), st.integers(1, 20), st.integers(300, 3000), st.integers(300, 2000))
def test_a_step_up_never_leaves_a_grid_too_small_and_a_step_down_is_never_refused(
    size: int, by: int, ww: int, wh: int
) -> None:
    up = tcod_app.zoom(size, by, (ww, wh))
    assert size <= up <= font.step(size, by)
    w, h = font.cell_size(up)
    assert up == size or (ww // w >= tcod_app.App.MIN_COLUMNS and wh // h >= tcod_app.App.MIN_ROWS)
    bigger = font.step(up, 1)
    if up < font.step(size, by) and bigger != up:  # stopped early: the next size would not fit
        bw, bh = font.cell_size(bigger)
        assert ww // bw < tcod_app.App.MIN_COLUMNS or wh // bh < tcod_app.App.MIN_ROWS
    assert tcod_app.zoom(size, -by, (ww, wh)) == font.step(size, -by)


def test_ctrl_equal_in_the_window_changes_the_size_keeps_it_and_stops_with_a_hint(
    window: tcod.context.Context, memory: MemoryServices
) -> None:
    stored: dict[str, object] = {}
    services = attrs.evolve(memory.services(), load_settings=lambda: dict(stored), save_settings=stored.update)
    app = tcod_app.App(services)
    app.reset(TitleScreen())
    size = 16
    window.sdl_window.size = (1000, 840)  # type: ignore[union-attr]
    seen = []
    for _ in range(12):
        app.dispatch(key(K.EQUALS, CTRL))
        size = tcod_app.apply_zoom(app, window, size)
        seen.append(size)
        tcod_app.present(app, window, size)
        shown = window.sdl_renderer.read_pixels(format="RGB")  # type: ignore[union-attr]
        assert shown.shape[:2] == (840, 1000)
    assert seen[:5] == [18, 20, 22, 24, 26] and seen[-1] == 26  # 28 would leave fewer than 60 columns
    assert stored == {"tcod_font_size": 26}
    assert "as large as this window allows" in app.session.message and app.session.tone == "hint"
    columns, rows = window.recommended_console_size(1, 1)
    assert columns >= app.MIN_COLUMNS and rows >= app.MIN_ROWS
    app.dispatch(key(K.MINUS, CTRL))
    assert tcod_app.apply_zoom(app, window, size) == 24 and stored == {"tcod_font_size": 24}
    again = tcod_app.App(services)
    assert again.font_size() == 24  # the next session starts at the size chosen
