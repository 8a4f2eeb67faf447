"""Commands: every change a player (or the debug console) can make to a game.

A game is reproduced exactly by its campaign, its seed and its list of Commands.
"""

from __future__ import annotations

import attrs


@attrs.frozen
class Choose:
    """Answer the current decision with one of its choices.

    ``card`` names the card being answered; when given, the engine checks it matches, so a
    replay that has drifted fails loudly instead of answering the wrong card.
    """

    option: str
    card: str = ""


@attrs.frozen
class DebugSetMeter:
    """Debug console: set a meter (recorded like any command, so replays stay exact)."""

    meter: str
    value: int


@attrs.frozen
class DebugSetFlag:
    """Debug console: set or clear a flag."""

    flag: str
    on: bool = True


@attrs.frozen
class DebugFire:
    """Debug console: put a card in front of the player now (or fire a world card)."""

    card: str


Command = Choose | DebugSetMeter | DebugSetFlag | DebugFire

COMMAND_TYPES: dict[str, type] = {
    "choose": Choose,
    "set_meter": DebugSetMeter,
    "set_flag": DebugSetFlag,
    "fire": DebugFire,
}


class IllegalCommand(ValueError):
    """The command does not fit the game's current decision (a bug or a drifted replay)."""
