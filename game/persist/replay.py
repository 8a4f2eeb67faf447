"""Replaying a save: checking it against today's content, and watching it step by step.

``replay_save`` applies a save's Commands from its seed, checks the state hash after each
one and the final state against the snapshot, and reports the first divergence (decision,
turn, date, card and why) instead of silently producing a different game.

``Replay`` is the step-by-step viewer's engine, for every frontend: ``goto`` any step (with
the View as it stood, including the dice of the decision that led there), jump to a turn or
a date, and ``fork`` a new game at any step, recorded as a branch of its parent. It keeps
in-memory keyframes every few steps, so back and jump cost at most a few decisions' work.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import attrs

from game.content.loader import Content
from game.core.commands import Command, IllegalCommand
from game.core.dates import format_month, month_label, parse_month
from game.core.engine import Engine
from game.core.model import Campaign
from game.core.state import PHASE_ACTION, PHASE_EVENT, PHASE_HAND, PHASE_OVER, STATUSES, GameState
from game.core.view import View
from game.persist.digest import LOG_FIELDS, LOGS, log_lengths, rules_of, same_state, step_hash
from game.persist.document import Parent, SaveFile, Step
from game.persist.errors import SaveError
from game.persist.recorder import Recorder

MEMORY_KEYFRAME_EVERY = 16


@attrs.frozen
class Divergence:
    """Where replaying a save under today's content stops matching the saved game."""

    step: int  # index of the decision (0-based); len(commands) for the final snapshot
    turn: int
    date: str
    card: str
    reason: str

    def message(self) -> str:
        """One sentence for the player."""
        when = month_label(parse_month(self.date)) if self.date else "the start"
        where = f", card {self.card}" if self.card else ""
        return f"the game's content has changed since this save: replaying it diverges at decision {self.step + 1}, turn {self.turn} ({when}){where}: {self.reason}"


@attrs.define
class Outcome:
    """The result of replaying a save: the engine (recording, ready to play on) or a divergence."""

    engine: Engine
    divergence: Divergence | None
    changed_cards: list[str]


def mod_changes(content: Content, save: SaveFile) -> list[str]:
    """How the loaded mods differ from the save's (changed version or files, new, reordered):
    one sentence each, for the player to read before the replay says whether it still holds."""
    saved = [m for m in save.content.mods if m.id != "base"]
    loaded = [s for s in content.sources if s.id != "base"]
    now = {s.id: s for s in loaded}
    notes = []
    for m in saved:
        s = now.get(m.id)
        if s is None:
            continue  # missing: campaign_for refuses the save and says so
        if m.version and s.version and m.version != s.version:
            notes.append(f"mod {m.id} was {m.version} when this game was saved and is {s.version} now")
        elif m.hash and m.hash != content.source_hashes.get(m.id, m.hash):
            notes.append(f"mod {m.id}'s files have changed since this game was saved")
    added = [s.id for s in loaded if s.id not in {m.id for m in saved}]
    if added:
        notes.append(f"mod(s) {', '.join(added)} are loaded now but were not when this game was saved")
    order_then = [m.id for m in saved if m.id in now]
    order_now = [s.id for s in loaded if s.id in set(order_then)]
    if order_then != order_now:
        notes.append(f"the mods load in another order than when this game was saved ({', '.join(order_then)} then)")
    return notes


def campaign_for(content: Content, save: SaveFile) -> Campaign:
    """The save's campaign in this content, and its mods present; SaveError otherwise."""
    present = {s.id for s in content.sources}
    missing = [m.id for m in save.content.mods if m.id != "base" and m.id not in present]
    if missing:
        raise SaveError(
            f"this save was played with the mod(s) {', '.join(missing)}, which are not loaded; add --mod FOLDER for each"
        )
    campaign = content.campaigns.get(save.campaign)
    if campaign is None:
        known = ", ".join(sorted(content.campaigns)) or "none"
        raise SaveError(
            f"this save is of the campaign {save.campaign!r}, which this game does not have (campaigns: {known})"
        )
    return campaign


def check_state(campaign: Campaign, state: GameState, what: str) -> None:
    """A snapshot must be a state this campaign's rules could reach, whatever its checksum says
    (a stranger can recompute a checksum): the cards, meters, endings, cast and start it names
    exist; meters are within their bounds; the date lies inside the campaign; the phase agrees
    with the cards on the table. SaveError naming the first problem otherwise."""
    problem = state_problem(campaign, state)
    if problem:
        raise SaveError(f"{what} {problem}")


def _card_problem(campaign: Campaign, ids: list[str], kinds: tuple[str, ...], where: str) -> str:
    for cid in ids:
        card = campaign.cards.get(cid)
        if card is None:
            return f"names the card {cid!r}, which the campaign {campaign.id!r} does not have"
        if card.kind not in kinds:
            return f"has the {card.kind} card {cid!r} {where}"
    return ""


def state_problem(campaign: Campaign, state: GameState) -> str:
    """What makes a state impossible for the campaign, in words ("" when it is possible)."""
    cid = campaign.id
    if state.campaign != cid:
        return f"belongs to the campaign {state.campaign!r}, not {cid!r}"
    if state.start and state.start not in {s.id for s in campaign.starts}:
        return f"begins from the start {state.start!r}, which the campaign {cid!r} does not have"
    problem = (
        _card_problem(campaign, state.pending, ("event", "action"), "among the pending events")
        or _card_problem(campaign, state.hand, ("action",), "in the hand")
        or _card_problem(campaign, [state.action] if state.action else [], ("action",), "as the action played")
        or _card_problem(campaign, [x.card for x in state.scheduled], ("event", "action", "world"), "scheduled")
    )
    if problem:
        return problem
    stray = [c for c in state.drawn if c not in state.pending]
    if stray or len(set(state.drawn)) != len(state.drawn):
        return f"lists drawn events {state.drawn} that are not all once among the pending events"
    if set(state.meters) != set(campaign.meters):
        return f"has meters {sorted(state.meters)}, not those of the campaign {cid!r}"
    for mid, value in state.meters.items():
        meter = campaign.meters[mid]
        if not meter.min <= value <= meter.max:
            return f"has {meter.label or mid} at {value}, outside {meter.min}-{meter.max}"
    if set(state.characters) != set(campaign.cast):
        missing = sorted(set(campaign.cast) - set(state.characters))
        extra = sorted(set(state.characters) - set(campaign.cast))
        return f"does not have the campaign's cast (missing {missing or 'none'}, unknown {extra or 'none'})"
    for who, character in state.characters.items():
        if character.status not in STATUSES:
            return f"gives {who} the status {character.status!r}, which is not one of {', '.join(STATUSES)}"
    first = min([campaign.start, *(s.date for s in campaign.starts)])
    if not first <= state.date <= campaign.end:
        return (
            f"is dated {format_month(state.date) if state.date >= 0 else state.date}, outside the campaign "
            f"({format_month(first)} to {format_month(campaign.end)})"
        )
    if state.turn < 1 or state.decisions < 0:
        return f"is at turn {state.turn} after {state.decisions} decisions, which no game reaches"
    return _phase_problem(campaign, state)


def _phase_problem(campaign: Campaign, state: GameState) -> str:
    if state.ending and state.ending not in campaign.endings:
        return f"names the ending {state.ending!r}, which the campaign {campaign.id!r} does not have"
    phase = state.phase
    if phase == PHASE_OVER:
        return "" if state.ending else "is over without an ending"
    if state.ending:
        return f"has the ending {state.ending!r} but the game is not over"
    if phase in (PHASE_EVENT, PHASE_ACTION):
        cid = (state.pending[:1] or [""])[0] if phase == PHASE_EVENT else state.action
        if not cid:
            return f"waits for an {phase} card but there is none on the table"
        card = campaign.cards[cid]
        if not any(o.requires is None or o.requires(state) for o in card.options):
            return f"waits for an answer to {cid!r}, but none of its options is available"
        return ""
    if phase == PHASE_HAND:
        return "" if state.hand else "offers a hand of actions with no card in it"
    return f"is in the phase {phase!r}, which the game does not have"


def start_engine(campaign: Campaign, save: SaveFile) -> Engine:
    """A fresh engine at the save's step 0."""
    if save.start is None:
        begin = save.final.state.start
        if begin and begin not in {s.id for s in campaign.starts}:
            raise SaveError(
                f"the save begins from the start {begin!r}, which the campaign {campaign.id!r} does not have"
            )
        return Engine(campaign, save.seed, start=begin)
    check_state(campaign, save.start, "the save's starting snapshot")
    return Engine(campaign, save.seed, state=copy.deepcopy(save.start))


def _diverged(campaign: Campaign, step: Step, index: int, reason: str) -> Divergence:
    card = campaign.cards.get(step.card)
    if card is not None and step.card_hash and card.fingerprint != step.card_hash:
        reason += " (the rules of this card changed since the save)"
    return Divergence(index, step.turn, step.date, step.card, reason)


def apply_step(engine: Engine, campaign: Campaign, step: Step, index: int) -> Divergence | None:
    """Apply one saved decision; a Divergence when it cannot be made any more."""
    if step.card and step.card not in campaign.cards:
        return Divergence(
            index, step.turn, step.date, step.card, "the save answers this card, which the content no longer has"
        )
    try:
        engine.apply(step.command)
    except IllegalCommand as exc:
        return _diverged(campaign, step, index, f"the saved choice cannot be made any more ({exc})")
    return None


Frames = dict[int, tuple[tuple[Any, ...], dict[str, int]]]


def _replay(
    campaign: Campaign, save: SaveFile, every: int, frames: Frames | None = None
) -> tuple[Engine, Divergence | None]:
    """Apply every decision, checking the state hash (of the save's hash version) after every
    ``every``-th one and the last (every=1 checks each decision: the slow pass that names the
    first divergence). ``frames``, keyed by step, is filled with the rules and log lengths of
    the state after that many decisions (to check the save's keyframes against)."""
    version = save.hash_version
    engine = start_engine(campaign, save)
    steps = save.commands
    last = len(steps) - 1
    known = log_lengths(engine.state)
    for index, step in enumerate(steps):
        check = every == 1 or (index + 1) % every == 0 or index == last
        divergence = apply_step(engine, campaign, step, index)
        if divergence is not None:
            return engine, divergence
        if frames is not None and index + 1 in frames:
            s = engine.state
            frames[index + 1] = (rules_of(s, version), {name: len(getattr(s, name)) for name in LOGS})
        if check and step_hash(engine.state, known, version) != step.state:
            return engine, _diverged(campaign, step, index, "the state after it is not the saved game's")
        if every == 1 or (index + 2) % every == 0 or index + 1 == last:
            known = log_lengths(engine.state)  # the lengths before the next checked decision
    return engine, None


CHECK_EVERY = 16


def replay_save(content: Content, save: SaveFile) -> Outcome:
    """Replay a save from its seed (or start snapshot), checking decisions and the snapshot.

    The fast pass checks every ``CHECK_EVERY``-th decision and the whole final state against
    the snapshot (which covers every log entry). If anything differs, a slow pass checks
    every decision to name the first one that diverges.
    """
    campaign = campaign_for(content, save)
    changed = sorted(
        cid for cid, h in save.content.cards.items() if cid in campaign.cards and campaign.cards[cid].fingerprint != h
    )
    middle = save.keyframes[:-1]
    frames: Frames = {k.step: ((), {}) for k in middle}
    engine, divergence = _replay(campaign, save, CHECK_EVERY, frames)
    if divergence is None and same_state(engine.state, save.final.state, save.hash_version):
        check_keyframes(campaign, save, frames)
        recorder = Recorder(
            engine,
            start=save.start,
            steps=save.commands,
            keyframes=save.keyframes[:-1],
            parent=save.parent,
            name=save.name,
            game_id=save.game_id,
            ironman=save.ironman,
            hash_version=save.hash_version,
        ).attach(engine)
        recorder.autosaved_at = len(engine.commands)  # loading it is nothing new to autosave
        return Outcome(engine, None, changed)
    engine, divergence = _replay(campaign, save, 1)
    if divergence is None:
        last = save.commands[-1] if save.commands else None
        divergence = Divergence(
            len(save.commands),
            engine.state.turn,
            format_month(engine.state.date),
            last.card if last else "",
            "the final state is not the saved snapshot",
        )
    return Outcome(engine, divergence, changed)


def check_keyframes(campaign: Campaign, save: SaveFile, frames: Frames) -> None:
    """The save's intermediate keyframes, which a game that replays carries into its next
    saves, checked whatever the checksum says: each must be a state the campaign allows and
    the very state (rules and log lengths) the save's decisions reach at its step. SaveError
    naming the first that is not."""
    for kf in save.keyframes[:-1]:
        what = f"not a valid save: its snapshot after decision {kf.step}"
        check_state(campaign, kf.state, what)
        rules, lengths = frames.get(kf.step, ((), {}))
        if (
            kf.logs != lengths
            or any(getattr(kf.state, name) for name in LOGS)  # a keyframe keeps no logs of its own
            or rules_of(kf.state, save.hash_version) != rules
        ):
            raise SaveError(f"{what} is not the state the game's decisions lead to; the file was edited")


def from_snapshot(content: Content, save: SaveFile) -> Engine:
    """Continue from the save's final snapshot (the player's choice after a divergence).

    The new game's record starts at that snapshot: its earlier decisions no longer replay
    under today's content, so they are not claimed to.
    """
    campaign = campaign_for(content, save)
    state = copy.deepcopy(save.final.state)
    check_state(campaign, state, "the save's snapshot")
    engine = Engine(campaign, save.seed, state=state)
    Recorder(
        engine,
        start=copy.deepcopy(state),
        parent=save.parent,
        name=save.name,
        game_id=save.game_id,
        ironman=save.ironman,
    ).attach(engine)
    return engine


def fast_copy(state: GameState) -> GameState:
    """A copy of a state sharing the entries of its append-only logs (which are never changed)."""
    changes: dict[str, Any] = {}
    for field in attrs.fields(GameState):
        value = getattr(state, field.name)
        if field.name in LOG_FIELDS:
            changes[field.name] = list(value)
        elif isinstance(value, dict):
            changes[field.name] = {k: copy.copy(v) if attrs.has(type(v)) else v for k, v in value.items()}
        elif isinstance(value, list):
            changes[field.name] = [copy.copy(v) if attrs.has(type(v)) else v for v in value]
    return attrs.evolve(state, **changes)


_DATE = re.compile(r"^\d{4}-\d{2}$")


class Replay:
    """A save watched decision by decision. Steps run from 0 (the start) to ``total()``.

    At step ``p`` the game stands after ``p`` decisions; ``next_command()`` is the decision
    the player took there. Content must replay the save exactly (check with ``replay_save``).
    """

    def __init__(self, content: Content, save: SaveFile, every: int = MEMORY_KEYFRAME_EVERY) -> None:
        self.content = content
        self.save = save
        self.campaign = campaign_for(content, save)
        self.every = max(1, every)
        engine = start_engine(self.campaign, save)
        self._frames: list[GameState] = [fast_copy(engine.state)]
        for index, step in enumerate(save.commands):
            try:
                engine.apply(step.command)
            except IllegalCommand as exc:
                raise SaveError(
                    _diverged(self.campaign, step, index, f"the saved choice cannot be made any more ({exc})").message()
                ) from None
            if (index + 1) % self.every == 0:
                self._frames.append(fast_copy(engine.state))
        self._position = 0
        self._engine = self._restore(0)

    # --- the protocol frontends use -----------------------------------------------------

    def total(self) -> int:
        """How many decisions the save holds."""
        return len(self.save.commands)

    def position(self) -> int:
        """The current step."""
        return self._position

    def goto(self, step: int) -> View:
        """Move to a step (clamped to the game) and return its View; reports show the dice
        of the decision that led there."""
        step = min(max(step, 0), self.total())
        self._engine = self._restore(step)
        self._position = step
        return self._engine.view()

    def view(self) -> View:
        """The View at the current step."""
        return self._engine.view()

    def next_command(self) -> Command | None:
        """The decision taken at the current step (None at the end)."""
        if self._position >= self.total():
            return None
        return self.save.commands[self._position].command

    def locate(self, where: str) -> int:
        """The step of the first decision on or after a turn number or a ``YYYY-MM`` date
        (ValueError for anything else)."""
        where = where.strip()
        if where.isdigit():
            turn = int(where)
            return next((i for i, s in enumerate(self.save.commands) if s.turn >= turn), self.total())
        if _DATE.match(where):
            month = parse_month(where)  # ValueError with a message for a month like 13
            return next((i for i, s in enumerate(self.save.commands) if parse_month(s.date) >= month), self.total())
        raise ValueError(f"{where!r} is neither a turn number nor a date like 1937-06")

    def fork(self) -> Engine:
        """A new game from the current step, recorded as a branch of this save."""
        engine = start_engine(self.campaign, self.save)
        Recorder(
            engine, start=self.save.start, parent=self.parent_at(self._position), ironman=self.save.ironman
        ).attach(engine)
        for command in (s.command for s in self.save.commands[: self._position]):
            engine.apply(command)
        return engine

    def parent_at(self, step: int) -> Parent:
        """The lineage of a fork at a step."""
        state = self._restore(step).state if step != self._position else self._engine.state
        return Parent(self.save.name, self.save.checksum, step, state.turn, format_month(state.date))

    # --- internals ----------------------------------------------------------------------

    def _restore(self, step: int) -> Engine:
        """An engine at ``step``, rebuilt from the nearest keyframe so that the last decision
        is re-applied (its reports carry the dice)."""
        base = 0 if step == 0 else ((step - 1) // self.every) * self.every
        engine = Engine(self.campaign, self.save.seed, state=fast_copy(self._frames[base // self.every]))
        for s in self.save.commands[base:step]:
            engine.apply(s.command)
        return engine
