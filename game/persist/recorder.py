"""Recording a game as it is played: every Command with its card, card hash and state hash.

A ``Recorder`` listens to an Engine (``engine.listeners``) and keeps the save's command list
and in-file keyframes up to date, so saving is only writing what is already there. Engines
made elsewhere (a frontend's new game) are adopted on first contact: their commands are
replayed once from the seed to rebuild the record.
"""

from __future__ import annotations

import copy
import secrets
from typing import Any

import attrs

from game import __version__
from game.content.loader import Content
from game.core.commands import Command
from game.core.dates import format_month
from game.core.engine import Engine
from game.core.model import Campaign
from game.core.state import GameState
from game.persist.digest import HASH_VERSION, LOG_FIELDS, log_lengths, state_hash, step_hash
from game.persist.document import (
    FORMAT_NAME,
    FORMAT_VERSION,
    ContentStamp,
    Keyframe,
    ModStamp,
    Parent,
    SaveFile,
    Step,
)

KEYFRAME_EVERY = 50
_LOGS = [f.name for f in attrs.fields(GameState) if f.name in LOG_FIELDS]


def compact(state: GameState) -> tuple[GameState, dict[str, int]]:
    """A copy of the state without its append-only logs, and the logs' lengths."""
    lengths = {name: len(getattr(state, name)) for name in _LOGS}
    empty: dict[str, Any] = {name: [] for name in _LOGS}
    return copy.deepcopy(attrs.evolve(state, **empty)), lengths


def new_game_id() -> str:
    """A fresh id for a new game: 8 random hex digits. It names the game's autosaves and is
    not part of its rules (the same seed and choices still give the same game)."""
    return secrets.token_hex(4)


def content_stamp(content: Content, campaign: Campaign) -> ContentStamp:
    """The fingerprint of the content: each source (base, mods) in load order, each card's rules."""
    mods = [ModStamp(s.id, content.source_hashes.get(s.id, ""), s.version) for s in content.sources]
    return ContentStamp(mods, {cid: card.fingerprint for cid, card in sorted(campaign.cards.items())})


class Recorder:
    """Keeps the record of one Engine's game; attach with ``attach``."""

    def __init__(
        self,
        engine: Engine,
        start: GameState | None = None,
        steps: list[Step] | None = None,
        keyframes: list[Keyframe] | None = None,
        parent: Parent | None = None,
        name: str = "",
        game_id: str = "",
        ironman: bool = False,
        hash_version: int = HASH_VERSION,
    ) -> None:
        self.campaign = engine.campaign
        self.game_id = game_id or new_game_id()
        self.ironman = ironman
        self.hash_version = hash_version
        self.seed = engine.state.seed
        self.start = start
        self.steps: list[Step] = list(steps or [])
        self.keyframes: list[Keyframe] = list(keyframes or [])
        self.known = log_lengths(engine.state)
        self.parent = parent
        self.name = name
        self.autosaved_at = -1
        self._turn = engine.state.turn
        self._date = engine.state.date

    def attach(self, engine: Engine) -> Recorder:
        """Listen to the engine from now on."""
        engine.listeners.append(self)
        self._sync(engine)
        return self

    def _sync(self, engine: Engine) -> None:
        self._turn, self._date = engine.state.turn, engine.state.date
        self.known = log_lengths(engine.state)

    def __call__(self, engine: Engine, command: Command, answered: str) -> None:
        card = self.campaign.cards.get(answered)
        self.steps.append(
            Step(
                turn=self._turn,
                date=format_month(self._date),
                card=answered,
                card_hash=card.fingerprint if card is not None else "",
                command=command,
                state=step_hash(engine.state, self.known, self.hash_version),
            )
        )
        self._sync(engine)
        if len(self.steps) % KEYFRAME_EVERY == 0:
            state, lengths = compact(engine.state)
            self.keyframes.append(Keyframe(len(self.steps), state, lengths))

    def to_save(self, engine: Engine, content: Content, name: str) -> SaveFile:
        """The save of the game as it stands. It shares the live state (no copy, for speed):
        write it out before the game goes on."""
        final = Keyframe(len(self.steps), engine.state, None)
        return SaveFile(
            format=FORMAT_NAME,
            format_version=FORMAT_VERSION,
            game_version=__version__,
            name=name,
            campaign=self.campaign.id,
            seed=self.seed,
            game_id=self.game_id,
            ironman=self.ironman,
            hash_version=self.hash_version,
            content=content_stamp(content, self.campaign),
            parent=self.parent,
            start=self.start,
            commands=list(self.steps),
            keyframes=[*(k for k in self.keyframes if k.step < final.step), final],
        )


def recorder_of(engine: Engine) -> Recorder | None:
    """The recorder attached to an engine, if any."""
    for listener in engine.listeners:
        if isinstance(listener, Recorder):
            return listener
    return None


def record(
    engine: Engine,
    start: GameState | None = None,
    parent: Parent | None = None,
    name: str = "",
    ironman: bool | None = None,
) -> Recorder:
    """The engine's recorder, adopting the engine on first contact (a new game: a new game id).
    ``ironman`` sets the game's ironman flag when given.

    An engine with no recorder is rebuilt from its seed and commands; if that does not give
    its state (it was started from a snapshot elsewhere), its current state becomes the
    start of the record, so nothing played is ever lost.
    """
    found = recorder_of(engine)
    if found is not None:
        if ironman is not None:
            found.ironman = ironman
        return found
    recorder: Recorder | None = None
    shadow: Engine | None = None
    try:
        if start is not None:
            shadow = Engine(engine.campaign, engine.state.seed, state=copy.deepcopy(start))
        else:  # from the seed, on the start the game was begun from (a later start is not the first)
            shadow = Engine(engine.campaign, engine.state.seed, start=engine.state.start)
        recorder = Recorder(shadow, start=start, parent=parent, name=name).attach(shadow)
        for command in engine.commands:
            shadow.apply(command)
        same = state_hash(shadow.state) == state_hash(engine.state)
    except Exception:  # a start or a command that no longer applies: fall back to the snapshot below
        same = False
    if not same or recorder is None:
        snapshot = copy.deepcopy(engine.state)
        recorder = Recorder(engine, start=snapshot, parent=parent, name=name)
    if shadow is not None:
        shadow.listeners.clear()
    recorder.ironman = bool(ironman)
    engine.listeners.append(recorder)
    recorder._sync(engine)
    return recorder


def summary_of(save: SaveFile) -> dict[str, Any]:
    """A few facts for menus: campaign, date, turn, decisions, ending."""
    state = save.final.state
    return {
        "campaign": save.campaign,
        "turn": state.turn,
        "date": state.date,
        "decisions": len(save.commands),
        "ending": state.ending,
    }
