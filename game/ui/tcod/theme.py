"""The tcod frontend's palette: cream on near-black, Soviet red for accents, grey for the rest."""

from __future__ import annotations

RGB = tuple[int, int, int]

BG: RGB = (17, 15, 14)
PANEL: RGB = (23, 20, 19)
TEXT: RGB = (234, 226, 206)
BRIGHT: RGB = (250, 244, 228)
DIM: RGB = (146, 139, 128)
FAINT: RGB = (92, 84, 78)
LINE: RGB = (70, 62, 58)
RED: RGB = (205, 52, 44)
HEADER_BG: RGB = (122, 26, 22)
HOVER_BG: RGB = (70, 30, 27)
KEY: RGB = (232, 180, 92)
NOTE: RGB = (206, 184, 138)
GOOD: RGB = (120, 190, 120)
BAD: RGB = (226, 96, 84)
UP: RGB = (232, 180, 92)  # a neutral meter rose (direction, no judgement)
DOWN: RGB = (124, 164, 206)  # a neutral meter fell
BAR_FILL: RGB = (206, 196, 174)
BAR_EMPTY: RGB = (150, 140, 124)

# Good and bad (and a neutral meter's direction) in each palette; ``use_palette`` swaps them.
PALETTES: dict[str, dict[str, RGB]] = {
    "standard": {"GOOD": GOOD, "BAD": BAD, "UP": UP, "DOWN": DOWN},
    # Okabe-Ito sky blue and orange: apart for every common colour vision deficiency
    "colour-blind": {"GOOD": (86, 180, 233), "BAD": (230, 159, 0), "UP": (240, 228, 66), "DOWN": (204, 121, 167)},
}


def use_palette(name: str) -> str:
    """Switch the good/bad colours to a palette (an unknown name means the standard one); the
    name in use is returned. Widgets read ``theme.GOOD`` etc. when they draw."""
    chosen = name if name in PALETTES else "standard"
    globals().update(PALETTES[chosen])
    return chosen
