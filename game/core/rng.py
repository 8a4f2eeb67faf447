"""Keyed deterministic randomness.

Every draw is a pure function of ``(seed, turn, purpose, card, option, index)`` hashed with
blake2b, so adding a card never reshuffles another card's rolls, and a replay or a fork
reproduces every roll exactly on any machine and under any PYTHONHASHSEED.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from hashlib import blake2b
from typing import Protocol

_SCALE = 1.0 / float(1 << 53)


class _Draw(Protocol):
    def __call__(
        self, seed: int, turn: int, purpose: str, card: str = "", option: str = "", index: int = 0
    ) -> float: ...


def _make_draw() -> _Draw:
    # The hash, the conversion and the scale are bound as closure cells (fast local reads):
    # a game makes a few draws per decision, so this is one of the engine's hottest lines.
    hasher, from_bytes, scale = blake2b, int.from_bytes, _SCALE

    def draw(seed: int, turn: int, purpose: str, card: str = "", option: str = "", index: int = 0) -> float:
        """Return a uniform float in [0, 1) determined only by the key."""
        key = f"{seed}|{turn}|{purpose}|{card}|{option}|{index}".encode()
        return (from_bytes(hasher(key, digest_size=8).digest(), "big") >> 11) * scale

    return draw


draw = _make_draw()


def key_prefix(seed: int, turn: int) -> bytes:
    """The first part of every key of this seed and turn (``draw_at`` takes the rest)."""
    return f"{seed}|{turn}|".encode()


def key_rest(purpose: str, card: str = "", option: str = "", index: int = 0) -> bytes:
    """The rest of a key, fixed for a card's purpose whatever the seed and turn."""
    return f"{purpose}|{card}|{option}|{index}".encode()


def _make_draw_at() -> Callable[[bytes, bytes], float]:
    hasher, from_bytes, scale = blake2b, int.from_bytes, _SCALE

    def draw_at(prefix: bytes, rest: bytes) -> float:
        """``draw`` of the key ``prefix + rest`` (the same bytes, so the same value), for a
        caller that keeps a turn's prefix and its cards' rests instead of formatting each key."""
        return (from_bytes(hasher(prefix + rest, digest_size=8).digest(), "big") >> 11) * scale

    return draw_at


draw_at = _make_draw_at()


def cosmetic(seed: int, label: str, index: int = 0) -> float:
    """A presentation-only draw (flavour, art); a separate stream that never feeds the rules."""
    return draw(seed, -1, "cosmetic:" + label, "", "", index)


def weighted_pick(weights: Sequence[float], u: float) -> int:
    """Index chosen by ``u`` in [0, 1) from positive weights (cumulative walk)."""
    total = sum(weights)
    target = u * total
    acc = 0.0
    for i, w in enumerate(weights):
        acc += w
        if target < acc:
            return i
    return len(weights) - 1
