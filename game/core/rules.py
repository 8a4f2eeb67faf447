"""What the engine works out once per campaign rather than once per game or per turn.

A simulated game is short (six to fifty decisions), so whatever the engine derives from the
campaign alone — the endings to check and their gates, each start's opening state, the
month after a month — is derived here once, kept per campaign object, and read by every
game of it. Everything here is a pure function of the compiled campaign.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from game.core import rng
from game.core.model import Campaign, Option
from game.core.ops import CondFn
from game.core.state import CharacterState, GameState, cast_of

# (ending id, a flag its condition cannot hold without or "", the condition)
EndingCheck = tuple[str, str, CondFn]
# (the rest of an outcome roll's key, the outcomes' chances when they never change)
RollPlan = tuple[bytes, tuple[float, ...] | None]


@attrs.frozen
class Opening:
    """A start's state before the first turn, as plain values the engine copies."""

    id: str
    date: int
    meters: Mapping[str, int]
    flags: Mapping[str, int]
    cast: tuple[tuple[str, str], ...]  # (character, starting status), in the campaign's order
    # the cast as states, made once and shared by every lean game of the start: nothing
    # changes a CharacterState in place (the status effect puts a new one in its place)
    people: Mapping[str, CharacterState]


class Rules:
    """The campaign's derived tables (see the module docstring)."""

    def __init__(self, campaign: Campaign) -> None:
        self.campaign = campaign
        # Endings with a condition, in order: the first that holds is the one reached.
        self.endings: tuple[EndingCheck, ...] = tuple(
            (e.id, min(e.needs) if e.needs else "", e.condition)
            for e in campaign.endings.values()
            if e.condition is not None
        )
        # When every such ending has a gate, the gates: none of them set, no ending can hold.
        self.gates: frozenset[str] | None = (
            frozenset(g for _e, g, _c in self.endings) if all(g for _e, g, _c in self.endings) else None
        )
        # How many events a turn draws: the cumulative walk of ``rng.weighted_pick`` over the
        # campaign's odds, its sums made once (the same floats, added in the same order).
        odds = campaign.events_per_turn
        self.events_total = sum(odds)
        self.events_walk: tuple[float, ...] = tuple(sum(odds[: i + 1], 0.0) for i in range(len(odds)))
        # The keys' fixed parts (``rng.key_rest``): each world card's (all made here, so a
        # turn reads them with one lookup), each outcome's and each pick's (made when first used).
        self.world_keys: dict[str, bytes] = {
            cid: rng.key_rest("world", cid) for cid, card in campaign.cards.items() if card.kind == "world"
        }
        self.rolls: dict[str, dict[str, RollPlan]] = {}  # card -> option -> ``roll_plan``
        self.pick_keys: dict[str, list[bytes]] = {}
        self._openings: dict[str, Opening] = {}
        self._after: dict[int, int] = {}

    def opening(self, start: str = "") -> Opening:
        """The opening state of the start of this id ("" for the first)."""
        found = self._openings.get(start)
        if found is None:
            found = self._openings[start] = self._open(start)
        return found

    def _open(self, start: str) -> Opening:
        c = self.campaign
        if not c.starts:
            cast = tuple(c.cast.items())
            return Opening("", c.start, {m.id: m.start for m in c.meters.values()}, {}, cast, cast_of(cast))
        st = c.get_start(start)
        cast = tuple((cid, st.cast.get(cid, status)) for cid, status in c.cast.items())
        return Opening(
            st.id,
            st.date,
            {m.id: st.meters.get(m.id, m.start) for m in c.meters.values()},
            dict.fromkeys(st.flags, 0),
            cast,
            cast_of(cast),
        )

    def events(self, u: float) -> int:
        """``rng.weighted_pick(events_per_turn, u)``: how many events the draw ``u`` brings."""
        target = u * self.events_total
        for i, acc in enumerate(self.events_walk):
            if target < acc:
                return i
        return len(self.events_walk) - 1

    def roll_plan(self, card: str, option: Option, state: GameState) -> RollPlan:
        """The rest of the key of an option's outcome roll, and its outcomes' chances when no
        chance has a modifier (then they are the same in every state: worked out once, by
        ``Option.chances`` itself, so they are the same floats); None when they must be
        worked out in each state."""
        of_card = self.rolls.get(card)
        if of_card is None:
            of_card = self.rolls[card] = {}
        found = of_card.get(option.id)
        if found is None:
            fixed = all(o.chance is None or not o.chance.modifiers for o in option.outcomes)
            found = of_card[option.id] = (
                rng.key_rest("outcome", card, option.id),
                tuple(option.chances(state)) if fixed else None,
            )
        return found

    def pick_keys_for(self, purpose: str, count: int) -> list[bytes]:
        """The rests of the keys of the picks of a draw of several cards ("event", "hand"):
        the ``i``-th pick's is item ``i``, for ``i`` below ``count`` at least."""
        keys = self.pick_keys.get(purpose)
        if keys is None:
            keys = self.pick_keys[purpose] = []
        while len(keys) < count:
            keys.append(rng.key_rest(purpose, "", "", len(keys)))
        return keys

    def after(self, month: int) -> int:
        """The month of the turn after a turn in ``month``: the era's step on, or the next
        era's first month when the step leaves the era (past the campaign's end: the game
        is over)."""
        found = self._after.get(month)
        if found is None:
            c = self.campaign
            era = c.era_at(month)
            found = month + era.step
            if found > era.end:
                later = [e for e in c.eras if e.start > month]
                found = later[0].start if later else found
            self._after[month] = found
        return found


_RULES: dict[int, Rules] = {}


def rules_of(campaign: Campaign) -> Rules:
    """The campaign's rules tables, built at its first game in this process."""
    found = _RULES.get(id(campaign))
    if found is None or found.campaign is not campaign:
        if len(_RULES) >= 512:  # many short-lived campaigns (tests, sensitivity decks): start afresh
            _RULES.clear()
        found = _RULES[id(campaign)] = Rules(campaign)
    return found
