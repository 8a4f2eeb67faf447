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
_BLANK = blake2b(digest_size=8)  # copied, never updated: the state of a hash of no bytes yet


class _Draw(Protocol):
    def __call__(
        self, seed: int, turn: int, purpose: str, card: str = "", option: str = "", index: int = 0
    ) -> float: ...


def _make_draw() -> _Draw:
    # The hash, the conversion and the scale are bound as closure cells (fast local reads):
    # a game makes a few draws per decision, so this is one of the engine's hottest lines.
    # Each draw copies a blank hasher rather than calling ``blake2b(key, digest_size=8)``:
    # the constructor parses its dozen keyword parameters on every call, a copy does not,
    # and the bytes hashed (so the value) are the same.
    copy, from_bytes, scale = _BLANK.copy, int.from_bytes, _SCALE

    def draw(seed: int, turn: int, purpose: str, card: str = "", option: str = "", index: int = 0) -> float:
        """Return a uniform float in [0, 1) determined only by the key."""
        hasher = copy()
        hasher.update(f"{seed}|{turn}|{purpose}|{card}|{option}|{index}".encode())
        return (from_bytes(hasher.digest(), "big") >> 11) * scale

    return draw


draw = _make_draw()


def key_prefix(seed: int, turn: int) -> bytes:
    """The first part of every key of this seed and turn (``draw_at`` takes the rest)."""
    return f"{seed}|{turn}|".encode()


def key_rest(purpose: str, card: str = "", option: str = "", index: int = 0) -> bytes:
    """The rest of a key, fixed for a card's purpose whatever the seed and turn."""
    return f"{purpose}|{card}|{option}|{index}".encode()


def turn_dice(seed: int, turn: int) -> blake2b:
    """A hasher fed this seed and turn's key prefix (``key_prefix``), for ``draw_from``: an
    engine makes it once a turn, and each draw of the turn copies it and adds its key's rest."""
    hasher = _BLANK.copy()
    hasher.update(f"{seed}|{turn}|".encode())  # ``key_prefix``, inlined: once a turn of every game
    return hasher


def _make_draw_from() -> Callable[[blake2b, bytes], float]:
    from_bytes, scale = int.from_bytes, _SCALE

    def draw_from(dice: blake2b, rest: bytes) -> float:
        """``draw`` of the key ``prefix + rest``, with ``dice`` the ``turn_dice`` of the prefix:
        the same bytes are hashed, so the value is the same."""
        hasher = dice.copy()
        hasher.update(rest)
        return (from_bytes(hasher.digest(), "big") >> 11) * scale

    return draw_from


draw_from = _make_draw_from()


def draw_at(prefix: bytes, rest: bytes) -> float:
    """``draw`` of the key ``prefix + rest`` (the same bytes, so the same value), for a caller
    that keeps a key's prefix and rest apart."""
    hasher = _BLANK.copy()
    hasher.update(prefix + rest)
    return (int.from_bytes(hasher.digest(), "big") >> 11) * _SCALE


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
