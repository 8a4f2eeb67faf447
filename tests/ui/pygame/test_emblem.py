"""The card emblem: a red disc, a cream ring and the initial, legible at card size (no dark
wedge to read as a blot), centred, and cached."""

from __future__ import annotations

import pygame
import pytest

from game.ui.pygame.theme import emblem


@pytest.mark.parametrize("size", [40, 56, 96])
def test_the_light_emblem_has_no_dark_blot_and_a_centred_initial(size: int) -> None:
    surf = emblem("Б", size)
    assert surf.get_size() == (size, size)
    dark = sum(
        1 for x in range(size) for y in range(size) if (c := surf.get_at((x, y))).a > 200 and max(c.r, c.g, c.b) < 90
    )
    assert dark == 0
    cream = pygame.mask.from_threshold(surf, (239, 230, 210, 255), (40, 40, 40, 255))
    inner = cream.overlap_area(_disc_mask(size, 0.7), (0, 0))  # the initial, inside the ring
    assert inner > size  # the letter is there, and big enough to read
    cx, cy = _centroid(cream, _disc_mask(size, 0.7))
    assert abs(cx - size / 2) < size * 0.08 and abs(cy - size / 2) < size * 0.08


def test_emblems_are_cached_by_letter_size_and_variant() -> None:
    assert emblem("Т", 48) is emblem("Т", 48)
    assert emblem("Т", 48) is not emblem("Т", 48, dark=True)


def _disc_mask(size: int, frac: float) -> pygame.mask.Mask:
    s = pygame.Surface((size, size), pygame.SRCALPHA)
    pygame.draw.circle(s, (255, 255, 255, 255), (size // 2, size // 2), round(size / 2 * frac))
    return pygame.mask.from_surface(s)


def _centroid(mask: pygame.mask.Mask, within: pygame.mask.Mask) -> tuple[float, float]:
    both = mask.overlap_mask(within, (0, 0))
    return both.centroid()
