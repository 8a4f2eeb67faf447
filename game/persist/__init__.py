"""Saves, autosaves, replays and forks (DESIGN §6).

A save holds the campaign, the seed and the Commands of a game, each with the card it
answered and a short hash of the state after it, plus keyframe snapshots and a checksum.
Loading replays the Commands and checks every hash, so a content change that alters the
rules is named (turn, date, card) instead of silently making a different game.
"""

from game.persist.errors import SaveError

__all__ = ["SaveError"]
