"""What a frontend needs to show a replay: a small protocol over core types only.

The persist layer's ``Replay`` satisfies it (the CLI hands it over), so frontends never
import persist. Steps run from 0 (the start) to ``total()``; at step ``p`` the game stands
after ``p`` decisions, the View's reports carry the dice of the decision that led there, and
``next_command()`` is the decision the player took next.
"""

from __future__ import annotations

from typing import Protocol

from game.core.commands import Command
from game.core.engine import Engine
from game.core.view import View


class ReplayControl(Protocol):
    """A saved game watched step by step."""

    def total(self) -> int:
        """How many decisions the save holds."""
        ...

    def position(self) -> int:
        """The current step."""
        ...

    def goto(self, step: int) -> View:
        """Move to a step (clamped) and return its View; cheap for any step (keyframes)."""
        ...

    def view(self) -> View:
        """The View at the current step."""
        ...

    def next_command(self) -> Command | None:
        """The decision taken at the current step; None at the end."""
        ...

    def locate(self, where: str) -> int:
        """The step of a turn number or a ``YYYY-MM`` date; ValueError with a message if neither."""
        ...

    def fork(self) -> Engine:
        """A new game from the current step, recorded (and saved) as a branch of the save."""
        ...

    def forked_as(self) -> str:
        """The save name the last fork was written under ("" before any fork)."""
        ...
