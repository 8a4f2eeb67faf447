"""The screen protocol: each screen lays out rects for a size (pure), draws, handles events.

The app keeps a stack of screens; a modal screen is drawn over the ones below it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.pygame.theme import INK, PAPER, RED, Metrics, metrics
from game.ui.pygame.widgets import Button, draw_button

if TYPE_CHECKING:
    from game.ui.pygame.app import App


class Screen:
    """A screen of the game. Subclasses fill ``layout`` and ``draw_content``."""

    modal = False  # drawn over the screen below
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
        """Screen-specific keys."""

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


def fill_paper(surface: pygame.Surface) -> None:
    """The cream background with a thin red rule at the top, as on a poster."""
    surface.fill(PAPER)


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
    pygame.draw.rect(surface, INK if dark else PAPER, rect)
    pygame.draw.rect(surface, INK, rect, 3)
    pygame.draw.rect(surface, RED, (rect.x, rect.y, rect.w, 6))
