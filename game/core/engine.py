"""The turn engine: one code path for every frontend, the simulator and replay.

A turn (DESIGN §3): the date advances by the era's step and scheduled cards come due; the
world phase fires eligible world cards; the event phase draws event cards by weight for the
player to answer; the action phase offers a hand of action cards (with "lie low" always
there) and the player plays one. Each answer is a ``Choose`` command; outcomes are rolled
with keyed randomness, effects applied, endings checked, the chronicle extended.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from hashlib import blake2b

from game.core import rng
from game.core.commands import Choose, Command, DebugFire, DebugSetFlag, DebugSetMeter, IllegalCommand
from game.core.index import IndexEntry
from game.core.model import Campaign, Card, Option
from game.core.ops import Env, describe_condition, describe_window
from game.core.rules import rules_of
from game.core.state import (
    PHASE_ACTION,
    PHASE_EVENT,
    PHASE_HAND,
    PHASE_OVER,
    Entry,
    GameState,
    MeterSnapshot,
    Record,
    Roll,
    cast_of,
    copy_state,
)
from game.core.view import ReportView, View, ViewBuilder, preview

EVENTS_KEY = rng.key_rest("events")  # the key's rest of the draw of how many events a turn brings
_NO_DICE = (0, -2, rng.turn_dice(0, -2))  # an engine's dice before its first draw (no game has turn -2)


def new_state(campaign: Campaign, seed: int, start: str = "", shared: bool = False) -> GameState:
    """The state before the first turn's draws, at the campaign's start of this id ("" for the
    first). A start's flags count as set before the first turn (turn 0).

    With ``shared`` (a lean engine's game) the cast's CharacterStates are the opening's own,
    shared with every other such game: the engine never changes one in place, so only a
    caller that did (a test setting a status by hand) could tell, and such callers use a
    full engine. Making 29 new ones was a twentieth of a short simulated game."""
    opening = rules_of(campaign).opening(start)
    return GameState(
        campaign=campaign.id,
        seed=int(seed),
        turn=1,
        date=opening.date,
        meters=dict(opening.meters),
        flags=dict(opening.flags),
        characters=dict(opening.people) if shared else cast_of(opening.cast),
        start=opening.id,
    )


def _pool(entries: Iterable[IndexEntry], s: GameState, exclude: Sequence[str]) -> tuple[list[Card], list[float]]:
    """The cards that may be drawn now and their weights, in index order (``exclude``: ids
    left out, such as cards already pending). The weight is inlined: this runs every turn.

    A card whose needed flags are not all set, or one of whose barring flags is set, is
    skipped without calling its condition (it would be false, or no option open): most live
    cards wait on a flag or are closed by one, so a turn reads a lookup for each, not a
    condition."""
    cards: list[Card] = []
    weights: list[float] = []
    fired = s.fired
    flags = s.flags
    have = flags.keys()
    for card, cid, once, need, needs, bar, bars, condition, free_option, base, modifiers in entries:
        if (once and cid in fired) or cid in exclude:
            continue
        if (need and need not in flags) or (needs is not None and not have >= needs):
            continue
        if (bar and bar in flags) or (bars is not None and not have.isdisjoint(bars)):
            continue
        if condition is not None and not condition(s):
            continue
        if not free_option and not _open(card, s):
            continue
        if modifiers is None:
            w = base
        else:
            w, mul = base, 1.0
            for applies, add, factor in modifiers:
                if applies(s):
                    w += add
                    mul *= factor
            w *= mul
        if w > 0:
            cards.append(card)
            weights.append(w)
    return cards, weights


def _open(card: Card, s: GameState) -> bool:
    """Whether some option of the card is available now."""
    for o in card.options:
        if o.requires is None or o.requires(s):
            return True
    return False


class Engine:
    """Runs one game of one campaign. Mutates its state only through ``apply``.

    A ``lean`` engine (the simulator's) plays the same game, roll for roll, but writes only
    what the rules and the tallies read: no chronicle lines, meter snapshots or reports, so
    it has no View. Its state's chronicle and meter history stop where it began."""

    def __init__(
        self, campaign: Campaign, seed: int = 0, state: GameState | None = None, start: str = "", lean: bool = False
    ) -> None:
        self.campaign = campaign
        self.lean = lean
        self._rules = rules_of(campaign)
        self._dice: tuple[int, int, blake2b] = _NO_DICE  # (seed, turn, rng.turn_dice of them)
        # (card, option, outcome text, chance, roll) of each card resolved by the last command.
        self._resolved: list[tuple[Card, Option, str, float | None, Roll | None]] = []
        self._before: dict[str, int] = {}
        # Every command applied, in order: with the campaign and the seed they reproduce the game.
        self.commands: list[Command] = []
        # Called after each applied command with (engine, command, card answered); saves record here.
        self.listeners: list[Callable[[Engine, Command, str], None]] = []
        self._views: ViewBuilder | None = None  # made at the first view (simulated games never ask)
        self._view: View | None = None  # the View of the current decision, once asked for
        self._view_state: GameState | None = None
        if state is None:
            self.state = new_state(campaign, seed, start, shared=lean)
            self._before = {} if lean else dict(self.state.meters)
            self._begin_turn()
        else:
            self.state = state
            self._before = {} if lean else dict(state.meters)

    # --- queries ------------------------------------------------------------------------

    @property
    def is_over(self) -> bool:
        """True once an ending has been reached."""
        return self.state.phase == PHASE_OVER

    def current_card(self) -> Card | None:
        """The card the player must answer now (None in the hand phase or at the end)."""
        s = self.state
        if s.phase == PHASE_EVENT:
            return self.campaign.cards[s.pending[0]]
        if s.phase == PHASE_ACTION:
            return self.campaign.cards[s.action]
        return None

    def choices(self) -> list[str]:
        """Ids of the choices the player may take now (fast; used by the simulator)."""
        s = self.state
        phase = s.phase
        if phase == PHASE_HAND:
            return list(s.hand)
        if phase == PHASE_EVENT:
            card = self.campaign.cards[s.pending[0]]
        elif phase == PHASE_ACTION:
            card = self.campaign.cards[s.action]
        else:
            return []
        return [o.id for o in card.options if o.requires is None or o.requires(s)]

    def choice_options(self) -> list[Option]:
        """The available options of the current card, or the hand's cards' first options."""
        s = self.state
        if s.phase == PHASE_HAND:
            return [self.campaign.cards[c].options[0] for c in s.hand]
        card = self.current_card()
        if card is None:
            return []
        return [o for o in card.options if o.requires is None or o.requires(s)]

    def eligible(self, card: Card) -> bool:
        """Whether a card could be drawn now (ignoring the draw itself)."""
        return not self.explain(card)

    def explain(self, card: Card) -> list[str]:
        """Why a card is not eligible now; an empty list when it is (for the debug console)."""
        s = self.state
        reasons = []
        if card.campaign != s.campaign:
            reasons.append(f"belongs to campaign {card.campaign}")
        if not card.lo <= s.date <= card.hi:
            reasons.append(f"dated {describe_window(card.lo, card.hi)}")
        if card.once and card.id in s.fired:
            reasons.append("has already fired (once: true)")
        if card.condition is not None and not card.condition(s):
            env = Env({}, {m.id: m.label for m in self.campaign.meters.values()})
            reasons.append("condition is false: " + describe_condition(card.condition_data or {}, env))
        if card.weight.value(s) <= 0:
            reasons.append("its weight is 0 now")
        if card.kind != "world" and not any(o.requires is None or o.requires(s) for o in card.options):
            reasons.append("no option is available")
        return reasons

    # --- commands -----------------------------------------------------------------------

    def apply(self, command: Command) -> None:
        """Apply a command; raise IllegalCommand if it does not fit the current decision."""
        s = self.state
        if s.phase == PHASE_OVER:
            raise IllegalCommand("the game is over")
        answered = self._answering(command) if self.listeners else ""
        if not self.lean:
            self._resolved = []
            self._before = dict(s.meters)
            self._view = None
        if type(command) is Choose:  # the common command first, without the dispatch below
            self._choose(command)
        else:
            self._execute(command)
        self.commands.append(command)
        for listener in self.listeners:
            listener(self, command, answered)

    def _answering(self, command: Command) -> str:
        """The card a command answers: the card on the table, or the action card played from the hand."""
        if not isinstance(command, Choose):
            return ""
        if self.state.phase == PHASE_HAND:
            return command.option
        card = self.current_card()
        return card.id if card is not None else ""

    def _execute(self, command: Command) -> None:
        s = self.state
        if isinstance(command, Choose):
            self._choose(command)
        elif isinstance(command, DebugSetMeter):
            meter = self.campaign.meters.get(command.meter)
            if meter is None:
                raise IllegalCommand(f"no meter {command.meter!r}")
            s.meters[meter.id] = min(max(int(command.value), meter.min), meter.max)
            self._unstick()
        elif isinstance(command, DebugSetFlag):
            if command.on:
                s.flags.setdefault(command.flag, s.turn)
            else:
                s.flags.pop(command.flag, None)
            self._unstick()
        elif isinstance(command, DebugFire):
            card = self.campaign.cards.get(command.card)
            if card is None:
                raise IllegalCommand(f"no card {command.card!r} in campaign {s.campaign}")
            if card.kind == "world":
                self._fire_world(card)
                self._check_endings()
            else:
                # never a softlock: the card must be answerable now, and only once on the table
                if not any(o.requires is None or o.requires(s) for o in card.options):
                    raise IllegalCommand(f"no option of {card.id!r} is available now, so it cannot be shown")
                if card.id in s.pending:  # brought to the front, never queued twice
                    s.pending.remove(card.id)
                if card.id in s.drawn:  # fired, it comes whatever its when
                    s.drawn.remove(card.id)
                s.pending.insert(0, card.id)
                s.phase = PHASE_EVENT
                s.action = ""
        else:
            raise IllegalCommand(f"unknown command {command!r}")

    def _choose(self, command: Choose) -> None:
        s = self.state
        if s.phase == PHASE_HAND:
            if command.card and command.card != "@hand":
                raise IllegalCommand(f"expected the hand of actions, got card {command.card!r}")
            if command.option not in s.hand:
                raise IllegalCommand(f"{command.option!r} is not in the hand {s.hand}")
            card = self.campaign.cards[command.option]
            if not (card.free_option or _open(card, s)):  # only after a debug change: the hand was dealt answerable
                raise IllegalCommand(f"no option of {card.id!r} is available now")
            if len(card.options) == 1:
                s.decisions += 1
                self._resolve(card, card.options[0])
                self._after_action()
            else:
                s.phase = PHASE_ACTION
                s.action = card.id
            return
        current = self.campaign.cards[s.pending[0] if s.phase == PHASE_EVENT else s.action]
        self._answer(current, command)

    def _answer(self, card: Card, command: Choose) -> None:
        s = self.state
        if command.card and command.card != card.id:
            raise IllegalCommand(f"expected an answer to {card.id!r}, got one for {command.card!r}")
        option = card.option(command.option)
        if option is None:
            raise IllegalCommand(f"card {card.id!r} has no option {command.option!r}")
        if option.requires is not None and not option.requires(s):
            raise IllegalCommand(f"option {command.option!r} of {card.id!r} is not available: {option.requires_text}")
        s.decisions += 1
        self._resolve(card, option)
        if s.phase == PHASE_ACTION:
            s.action = ""
            self._after_action()
            return
        cid = s.pending.pop(0)  # ``_pop_pending``, inlined: once a decision
        if cid in s.drawn:
            s.drawn.remove(cid)
        if self._may_end() and self._check_endings():
            return
        self._settle()

    # --- the turn -----------------------------------------------------------------------

    def _begin_turn(self) -> None:
        s, c = self.state, self.campaign
        if not self.lean:
            s.meter_history.append(MeterSnapshot(s.turn, s.date, dict(s.meters)))
        if s.scheduled:
            due = [x for x in s.scheduled if x.due <= s.date]
            if due:
                s.scheduled = [x for x in s.scheduled if x.due > s.date]
                for item in due:
                    card = c.cards.get(item.card)
                    if card is None or (card.once and card.id in s.fired) or card.id in s.pending:
                        continue
                    if card.kind == "world":
                        self._fire_world(card)
                        if self._check_endings():
                            return
                    else:
                        s.pending.append(card.id)
        fired = 0
        world_max = c.world_max
        done = s.fired
        flags = s.flags
        have = flags.keys()
        rules = self._rules
        gates, world_keys = rules.gates, rules.world_keys
        dice, draw = self._turn_dice(), rng.draw_from
        # Each world card's weight is read after the cards before it have fired (their effects
        # count), so the weights are computed one at a time, in index order.
        for card, cid, once, need, needs, bar, bars, condition, _free, base, modifiers in c.index.entries(
            "world", s.date
        ):
            if fired >= world_max:
                break
            if (once and cid in done) or (need and need not in flags) or (needs is not None and not have >= needs):
                continue
            if (bar and bar in flags) or (bars is not None and not have.isdisjoint(bars)):
                continue
            if condition is not None and not condition(s):
                continue
            weight = base
            if modifiers is not None:
                mul = 1.0
                for applies, add, factor in modifiers:
                    if applies(s):
                        weight += add
                        mul *= factor
                weight *= mul
            if weight <= 0:
                continue
            # A draw lies in [0, 1): a weight of 100 or more always fires, and the draw (a
            # pure function of its key, read by nothing else) need not be made.
            if weight >= 100.0 or draw(dice, world_keys[cid]) < weight / 100.0:
                fired += 1
                self._resolve(card, card.options[0])
                # ``_may_end``, inlined: most fires end nothing and set no ending's gate
                if (s.ending or gates is None or not gates.isdisjoint(flags)) and self._check_endings():
                    return
        # How many events the turn brings is drawn only when there is an event to draw: the
        # draw (a pure function of its key, read by nothing else) cannot change an empty pool's
        # outcome, and most turns' pools are empty (every card waiting on a flag).
        if len(c.events_per_turn) > 1:
            pending = s.pending
            cards, weights = _pool(c.index.entries("event", s.date), s, pending)
            count = rules.events(draw(dice, EVENTS_KEY)) if cards else 0
            if count:
                drawn = self._draw(cards, weights, count, "event")
                pending.extend(drawn)
                s.drawn = list(drawn)
        self._settle()

    def _turn_dice(self) -> blake2b:
        """This game's seed and turn's ``rng.turn_dice``, made once a turn (checked against the
        state, which a caller may replace)."""
        s = self.state
        dice = self._dice
        if dice[1] != s.turn or dice[0] != s.seed:
            dice = self._dice = (s.seed, s.turn, rng.turn_dice(s.seed, s.turn))
        return dice[2]

    def _draw(self, cards: list[Card], weights: list[float], count: int, purpose: str) -> list[str]:
        """Draw up to ``count`` distinct cards by weight, with keyed draws (the two lists are
        the pool, consumed)."""
        chosen: list[str] = []
        draw, dice, keys = rng.draw_from, self._turn_dice(), self._rules.pick_keys_for(purpose, count)
        for i in range(min(count, len(cards))):
            if len(cards) == 1:  # the walk picks the last card whatever the draw: none is made
                chosen.append(cards.pop().id)
                break
            # rng.weighted_pick, inlined: the cumulative walk over the weights left
            target = draw(dice, keys[i]) * sum(weights)
            k, acc = len(weights) - 1, 0.0
            for j, w in enumerate(weights):
                acc += w
                if target < acc:
                    k = j
                    break
            del weights[k]
            chosen.append(cards.pop(k).id)
        return chosen

    def _unstick(self) -> None:
        """After a debug change of meters or flags: the card on the table must still have an
        open option, else it is dropped as a turn drops it (never a softlock)."""
        s = self.state
        if s.phase == PHASE_EVENT and s.pending:
            if not self._showable(self.campaign.cards[s.pending[0]]):
                self._settle()
        elif s.phase == PHASE_ACTION and s.action:
            card = self.campaign.cards[s.action]
            if not any(o.requires is None or o.requires(s) for o in card.options):
                s.action = ""
                s.phase = PHASE_HAND

    def _showable(self, card: Card) -> bool:
        """Whether a pending card can be shown now: an option is open, and a card drawn this
        turn still meets its ``when`` (an answer before it may have changed the game, as an
        arrest does). Scheduled and debug-fired cards come whatever their ``when``."""
        s = self.state
        if s.drawn and card.id in s.drawn and card.condition is not None and not card.condition(s):
            return False
        return card.free_option or _open(card, s)

    def _pop_pending(self) -> None:
        s = self.state
        cid = s.pending.pop(0)
        if cid in s.drawn:
            s.drawn.remove(cid)

    def _settle(self) -> None:
        """Drop pending cards that can no longer be shown (``_showable``); deal the hand when
        the events are answered."""
        s, c = self.state, self.campaign
        pending = s.pending
        while pending:
            if self._showable(c.cards[pending[0]]):
                s.phase = PHASE_EVENT
                return
            self._pop_pending()
        s.drawn = []
        s.phase = PHASE_HAND
        lie_low = c.lie_low
        cards, weights = _pool(c.index.entries("action", s.date), s, (lie_low,))
        if len(cards) > c.hand_size:
            hand = self._draw(cards, weights, c.hand_size, "hand")
            hand.sort()
        else:
            hand = [x.id for x in cards]
        hand.append(lie_low)
        s.hand = hand

    def _after_action(self) -> None:
        s, c = self.state, self.campaign
        s.hand = []
        if self._may_end() and self._check_endings():
            return
        nxt = self._rules.after(s.date)
        if nxt > c.end:
            self._finish(c.default_ending)
            return
        s.date = nxt
        s.turn += 1
        self._begin_turn()

    # --- resolution ---------------------------------------------------------------------

    def _fire_world(self, card: Card) -> None:
        self._resolve(card, card.options[0])

    def _resolve(self, card: Card, option: Option) -> None:
        s = self.state
        cid = card.id
        fired = s.fired
        fired[cid] = fired.get(cid, 0) + 1
        world = card.kind == "world"
        if not world:
            s.chosen[cid] = option.id
        for effect in option.effects:
            effect(s)
        roll = None
        outcome_text = ""
        chance_value: float | None = None
        outcomes = option.outcomes
        if outcomes:
            rest, fixed = self._rules.roll_plan(cid, option, s)
            u = rng.draw_from(self._turn_dice(), rest)
            chances = option.chances(s) if fixed is None else list(fixed)
            picked = -1
            acc = 0.0
            for i, p in enumerate(chances):
                acc += p
                if u < acc:
                    picked = i
                    break
            roll = Roll(cid, option.id, u, picked, chances)
            if picked >= 0:
                outcome = outcomes[picked]
                outcome_text = outcome.text
                chance_value = chances[picked]
                for effect in outcome.effects:
                    effect(s)
        s.history.append(Record(s.turn, s.date, cid, "" if world else option.id, roll))
        if self.lean:
            return
        result = option.result
        summary = (result + " " + outcome_text if outcome_text else result) if result else outcome_text
        s.chronicle.append(
            Entry(
                s.turn,
                s.date,
                card.kind,
                cid,
                card.title,
                summary or (card.text if world else option.text),
                option.text,
            )
        )
        # What the view reports of this card, built only when a view is asked for.
        self._resolved.append((card, option, outcome_text, chance_value, roll))

    def _may_end(self) -> bool:
        """False when no ending can be reached now: none is set by an effect, and every
        ending's condition has a gate flag (``Rules.gates``) of which none is set. A cheap
        test before ``_check_endings``, which runs after every card resolved."""
        s = self.state
        gates = self._rules.gates
        return bool(s.ending) or gates is None or not gates.isdisjoint(s.flags)

    def _check_endings(self) -> bool:
        s = self.state
        if s.phase == PHASE_OVER:
            return True
        if s.ending:
            self._finish(s.ending)
            return True
        flags = s.flags
        rules = self._rules
        gates = rules.gates
        if gates is not None and gates.isdisjoint(flags):
            return False
        for ending_id, gate, condition in rules.endings:
            if gate and gate not in flags:
                continue
            if condition(s):
                self._finish(ending_id)
                return True
        return False

    def _finish(self, ending_id: str) -> None:
        s = self.state
        s.ending = ending_id
        s.phase = PHASE_OVER
        s.pending = []
        s.drawn = []
        s.hand = []
        s.action = ""
        if self.lean:
            return
        ending = self.campaign.endings[ending_id]
        s.meter_history.append(MeterSnapshot(s.turn, s.date, dict(s.meters)))
        s.chronicle.append(Entry(s.turn, s.date, "ending", "", ending.title, ending.epilogue(s)))

    def fork(self, seed: int | None = None, lean: bool | None = None) -> Engine:
        """A cheap independent copy of this game for looking ahead (no listeners, no record).

        The append-only logs are copied shallowly: their entries are never changed after they
        are appended. With ``seed`` the copy rolls other dice from here on: a sampled
        continuation rather than the game's own future. ``lean`` (default: as this engine)
        makes a copy that plays on without writing its chronicle (see ``Engine``)."""
        copy_state_ = copy_state(self.state, seed)
        return Engine(self.campaign, copy_state_.seed, state=copy_state_, lean=self.lean if lean is None else lean)

    # --- the View -----------------------------------------------------------------------

    def preview(self, card: Card, option: Option) -> list[float]:
        """The outcome probabilities the option would face if taken now (exact: the
        option's own effects are applied to a copy of the state first)."""
        return preview(self.state, option)

    def view(self) -> View:
        """The read-only picture of the game for frontends.

        Built once per decision: the View is kept until the next ``apply`` (or until the
        state is replaced), so a frontend may ask for it on every frame."""
        if self.lean:
            raise ValueError("a lean engine keeps no chronicle or reports, so it has no view")
        if self._view is None or self._view_state is not self.state:
            if self._views is None:
                self._views = ViewBuilder(self.campaign)
            self._view = self._views.build(self.state, self._reports, self._before)
            self._view_state = self.state
        return self._view

    @property
    def _reports(self) -> tuple[ReportView, ...]:
        """What the last command's resolutions report (built only when a view is asked for)."""
        return tuple(self._report_views())

    def _report_views(self) -> Iterable[ReportView]:
        for card, option, outcome_text, chance_value, roll in self._resolved:
            world = card.kind == "world"
            yield ReportView(
                kind=card.kind,
                card=card.id,
                title=card.title,
                text=card.text if world else "",
                choice="" if world else option.text,
                outcome=outcome_text,
                result=option.result,
                history=card.history,
                sources=card.sources,
                chance=chance_value,
                roll=roll.value if roll else None,
            )
