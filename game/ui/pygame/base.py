"""The screen protocol: each screen lays out rects for a size (pure), draws, handles events.

The app keeps a stack of screens; a modal screen is drawn over the ones below it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import pygame

from game.ui.pygame.theme import INK, PAPER, RED, Metrics, layer, metrics
from game.ui.pygame.widgets import Button, draw_button

if TYPE_CHECKING:
    from game.ui.pygame.app import App


class Screen:
    """A screen of the game. Subclasses fill ``layout`` and ``draw_content``."""

    modal = False  # drawn over the screen below
    # where the last draw changed the window (None: everywhere); a screen that redraws only
    # what changed lists the rects, and the app updates just those
    damage: list[pygame.Rect] | None = None
    dims_below = False  # the screens below are drawn darkened (and cached while it is open)
    name = "screen"

    def __init__(self, app: App) -> None:
        self.app = app
        self.theme = app.theme
        self.focus = 0
        self._buttons: list[Button] = []
        self._size: tuple[int, int] = (0, 0)

    # --- layout ---------------------------------------------------------------------------

    def metrics(self, size: tuple[int, int]) -> Metrics:
        """Font sizes and margins for a window size (with the player's text size setting)."""
        return metrics(size, self.app.settings.text_scale)

    def layout(self, size: tuple[int, int]) -> dict[str, pygame.Rect]:
        """Named rectangles of this screen at a window size (pure: no drawing, no state change)."""
        return {}

    def buttons(self, size: tuple[int, int]) -> list[Button]:
        """The screen's buttons, placed for a window size."""
        return []

    def regions(self, size: tuple[int, int]) -> list[pygame.Rect]:
        """Rects that must not overlap each other (for the layout tests)."""
        return []

    def current_buttons(self) -> list[Button]:
        """The buttons as last laid out for the window."""
        size = self.app.size
        if size != self._size or not self._buttons:
            self.relayout()
        return self._buttons

    def relayout(self) -> None:
        """Recompute the buttons for the app's window size."""
        self._size = self.app.size
        self._buttons = self.buttons(self._size)
        if self._buttons:
            self.focus = min(self.focus, len(self._buttons) - 1)

    # --- drawing --------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        """Draw the screen (background, content, buttons)."""
        self.draw_content(surface)
        m = self.metrics(surface.get_size())
        for i, b in enumerate(self.current_buttons()):
            draw_button(surface, self.theme, b, i == self.focus, m.ui, m.small)

    def draw_content(self, surface: pygame.Surface) -> None:
        """Everything but the buttons."""

    def animating(self) -> bool:
        """True while something moves (the app then draws on a timer instead of waiting)."""
        return False

    # --- events ---------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> None:
        """Keyboard focus, mouse hover and clicks on buttons; subclasses add their keys."""
        buttons = self.current_buttons()
        if event.type == pygame.MOUSEMOTION:
            for i, b in enumerate(buttons):
                if b.rect.collidepoint(event.pos) and b.enabled:
                    if self.focus != i:
                        self.focus = i
                        self.app.dirty = True
                    break
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for i, b in enumerate(buttons):
                if b.rect.collidepoint(event.pos):
                    self.focus = i
                    self.activate(b)
                    return
        elif event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_DOWN, pygame.K_TAB) and not event.mod & pygame.KMOD_SHIFT:
                self.move_focus(1)
            elif event.key in (pygame.K_UP, pygame.K_TAB):
                self.move_focus(-1)
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and buttons:
                self.activate(buttons[self.focus])
            elif event.key == pygame.K_ESCAPE:
                self.back()
            else:
                self.key(event)

    def key(self, event: pygame.event.Event) -> None:
        """Screen-specific keys (none here: any other key is only told so)."""
        self.unknown_key(event)

    def unknown_key(self, event: pygame.event.Event) -> None:
        """A printable key with no meaning on this screen: a hint with the keys that do
        something, and nothing else changes (a modifier, a function key or a lone Shift says
        nothing: they are no attempt at a command)."""
        ch = getattr(event, "unicode", "")
        if ch and ch.isprintable() and not ch.isspace() and not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            self.app.toast(f"{ch}: no such key here. {self.keys_help()}.")

    def keys_help(self) -> str:
        """The keys of this screen in a few words, for the hint a key with no meaning shows."""
        return "Tab or the arrows move, Enter or Space chooses, Esc goes back"

    def move_focus(self, step: int) -> None:
        """Move the keyboard focus to the next enabled button."""
        buttons = self.current_buttons()
        if not buttons:
            return
        i = self.focus
        for _ in range(len(buttons)):
            i = (i + step) % len(buttons)
            if buttons[i].enabled:
                break
        self.focus = i
        self.app.dirty = True

    def activate(self, button: Button) -> None:
        """Run a button's action (a disabled button says why it is closed)."""
        if not button.enabled:
            if button.sub:
                self.app.toast(button.sub)
            return
        button.action()
        self.app.dirty = True

    def back(self) -> None:
        """Escape: leave this screen."""
        self.app.pop()


def fill_paper(surface: pygame.Surface, holes: Sequence[pygame.Rect] = ()) -> None:
    """The cream background; with ``holes`` (rects drawn over entirely afterwards, which must
    not overlap) only around them: a screen that covers most of the window with panels then
    fills each pixel once, not twice (a 1920x1080 fill is most of a frame's floor)."""
    if not holes:
        surface.fill(PAPER)
        return
    w, h = surface.get_size()
    cuts = sorted({0, h, *(max(0, min(h, y)) for r in holes for y in (r.top, r.bottom))})
    for top, bottom in itertools.pairwise(cuts):
        if bottom <= top:
            continue
        x = 0
        for r in sorted((r for r in holes if r.top < bottom and r.bottom > top), key=lambda r: r.x):
            if r.x > x:
                surface.fill(PAPER, (x, top, r.x - x, bottom - top))
            x = max(x, r.right)
        if x < w:
            surface.fill(PAPER, (x, top, w - x, bottom - top))


class Backdrop:
    """A screen's static layer (the paper, the bars, the panels' boxes and frames) painted once
    per window size and layout and then blitted: one full-window copy instead of the several
    large fills it is made of (a fill of a big panel costs about as much as the whole window)."""

    def __init__(self) -> None:
        self._key: object = None
        self._surface: pygame.Surface | None = None

    def blit(self, surface: pygame.Surface, key: object, paint: Callable[[pygame.Surface], None]) -> None:
        """Copy the layer for ``key`` onto ``surface`` (painting it first when the key is new)."""
        size = surface.get_size()
        if self._surface is None or self._key != (size, key):
            backdrop = layer(size)
            paint(backdrop)
            self._surface, self._key = backdrop, (size, key)
        surface.blit(self._surface, (0, 0))


_VEILS: dict[tuple[int, int], pygame.Surface] = {}


def dim(surface: pygame.Surface) -> None:
    """Darken what is under a modal panel: a veil with one surface-wide alpha (much faster
    to blend than per-pixel alpha), made once per window size."""
    size = surface.get_size()
    veil = _VEILS.get(size)
    if veil is None:
        _VEILS.clear()
        veil = pygame.Surface(size)
        veil.fill((20, 16, 14))
        veil.set_alpha(150)
        _VEILS[size] = veil
    surface.blit(veil, (0, 0))


def shadow(surface: pygame.Surface, rect: pygame.Rect, offset: int) -> None:
    """The hard ink shadow of a panel, ``offset`` pixels down and right: only the two strips
    that show (filling the whole rect under the panel cost a full-size fill a frame)."""
    surface.fill(INK, (rect.right, rect.y + offset, offset, rect.h))
    surface.fill(INK, (rect.x + offset, rect.bottom, rect.w - offset, offset))


def panel(surface: pygame.Surface, rect: pygame.Rect, dark: bool = False) -> None:
    """A card-like panel with an ink frame and a red band at the top."""
    shadow(surface, rect, 5)
    surface.fill(INK if dark else PAPER, rect)
    pygame.draw.rect(surface, INK, rect, 3)
    surface.fill(RED, (rect.x, rect.y, rect.w, 6))
