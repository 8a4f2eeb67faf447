"""The card index: which cards of a kind can be eligible in a given month.

Cards are bucketed by kind and sorted by the start of their date window; the list for a
month is computed once and cached, so a turn looks only at the cards whose window contains
the date (about fifty in a large mod set), never at every card.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from game.core.model import Card
from game.core.ops import CondFn

# (card, id, once, the flag it needs when it needs one or "", the flags it needs when it needs
#  several or None, the flag that bars it when one does or "", the flags that bar it when
#  several do or None, the condition less the tests of those flags, free_option, weight
#  base, (condition, add, mul) per modifier or None). One flag is the common case, and
#  ``flag in flags`` is a quarter of the cost of a set operation.
IndexEntry = tuple[
    Card,
    str,
    bool,
    str,
    frozenset[str] | None,
    str,
    frozenset[str] | None,
    CondFn | None,
    bool,
    float,
    tuple[tuple[CondFn, float, float], ...] | None,
]


class CardIndex:
    """Cards of one campaign, by kind and date window."""

    def __init__(self, cards: Iterable[Card]) -> None:
        self._by_kind: dict[str, list[Card]] = {"event": [], "action": [], "world": []}
        for card in sorted(cards, key=lambda c: (c.lo, c.id)):
            self._by_kind[card.kind].append(card)
        self._starts = {kind: [c.lo for c in lst] for kind, lst in self._by_kind.items()}
        self._cache: dict[tuple[str, int], tuple[Card, ...]] = {}
        # kind -> month -> entries: two plain lookups a turn, no key tuple built
        self._entries: dict[str, dict[int, tuple[IndexEntry, ...]]] = {kind: {} for kind in self._by_kind}

    def at(self, kind: str, month: int) -> tuple[Card, ...]:
        """Cards of this kind whose date window contains the month, sorted by id."""
        key = (kind, month)
        found = self._cache.get(key)
        if found is None:
            cards = self._by_kind[kind]
            stop = bisect_right(self._starts[kind], month)
            found = tuple(sorted((c for c in cards[:stop] if c.hi >= month), key=lambda c: c.id))
            self._cache[key] = found
        return found

    def entries(self, kind: str, month: int) -> tuple[IndexEntry, ...]:
        """``at`` as flat tuples of what eligibility reads, built together per month so a
        turn reads a few compact tuples rather than every card's scattered objects. A card
        of weight 0 without modifiers is left out: it is never drawn (it comes only when
        scheduled or fired by the console), so a turn need not read its condition."""
        found = self._entries[kind].get(month)
        if found is None:
            found = tuple(
                (
                    c,
                    c.id,
                    c.once,
                    min(c.needs) if len(c.needs) == 1 else "",
                    c.needs if len(c.needs) > 1 else None,
                    min(c.bars) if len(c.bars) == 1 else "",
                    c.bars if len(c.bars) > 1 else None,
                    c.gated,
                    c.free_option,
                    c.weight.base,
                    tuple((m.condition, m.add, m.mul) for m in c.weight.modifiers) or None,
                )
                for c in self.at(kind, month)
                if c.weight.base > 0 or c.weight.modifiers
            )
            self._entries[kind][month] = found
        return found

    def count(self, kind: str) -> int:
        """How many cards of this kind the campaign has."""
        return len(self._by_kind[kind])
