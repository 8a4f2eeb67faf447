"""Watching a saved game as a replay (placeholder until the saves layer offers replays)."""

from __future__ import annotations

from game.ui.pygame.menus import SavesScreen


class ReplayListScreen(SavesScreen):
    """Pick a save to watch."""

    name = "replay"
    title = "Watch a replay"
    subtitle = "Pick a saved game to watch from its first turn."
