"""A saved game as a line of play for the forecast tools: its campaign, and the engine at any
of its decisions (replayed from its seed or start snapshot through ``game.persist``)."""

from __future__ import annotations

import attrs

from game.content.loader import Content
from game.core.commands import Choose, Command
from game.core.engine import Engine
from game.core.model import Campaign
from game.core.state import PHASE_HAND
from game.persist.document import SaveFile
from game.persist.errors import SaveError
from game.persist.replay import apply_step, campaign_for, replay_save, start_engine


@attrs.frozen
class Line:
    """A save that replays exactly under the loaded content."""

    campaign: Campaign
    save: SaveFile

    @property
    def total(self) -> int:
        """How many decisions the game holds."""
        return len(self.save.commands)

    def engine_at(self, decision: int) -> Engine:
        """The game standing before decision ``decision + 1`` (after ``decision`` of them);
        ValueError naming the range for a decision outside the game."""
        if not 0 <= decision <= self.total:
            raise ValueError(f"decision {decision} is outside this game (it has decisions 0 to {self.total})")
        engine = start_engine(self.campaign, self.save)
        for index, step in enumerate(self.save.commands[:decision]):
            divergence = apply_step(engine, self.campaign, step, index)
            if divergence is not None:  # pragma: no cover - open_line replayed it already
                raise SaveError(divergence.message())
        return engine

    def command(self, decision: int) -> Command:
        """The command the player gave at a decision (0-based)."""
        return self.save.commands[decision].command

    def chosen(self, decision: int) -> str:
        """The id the player chose at a decision ("" for a debug command)."""
        command = self.command(decision)
        return command.option if isinstance(command, Choose) else ""


def open_line(content: Content, save: SaveFile) -> Line:
    """The save as a line of play; SaveError when it is of another campaign or no longer
    replays under this content (the forecast of a game that is not this one would lie)."""
    campaign = campaign_for(content, save)
    outcome = replay_save(content, save)
    if outcome.divergence is not None:
        raise SaveError(outcome.divergence.message())
    return Line(campaign, save)


@attrs.frozen
class PlayedLine:
    """A game in memory as a line of play (the same reading as ``Line``): the campaign, the
    seed and start it began from, and every command applied since."""

    campaign: Campaign
    seed: int
    start: str
    commands: tuple[Command, ...]

    @classmethod
    def of(cls, engine: Engine) -> PlayedLine:
        """The line of an engine's game; ValueError when replaying its commands from the
        start does not give its state (a game continued from a saved snapshot)."""
        line = cls(engine.campaign, engine.state.seed, engine.state.start, tuple(engine.commands))
        if line.engine_at(line.total).state.history != engine.state.history:
            raise ValueError("this game cannot be replayed from its start (it continues from a saved snapshot)")
        return line

    @property
    def total(self) -> int:
        """How many decisions the game holds."""
        return len(self.commands)

    def engine_at(self, decision: int) -> Engine:
        """The game after ``decision`` commands; ValueError outside the game."""
        if not 0 <= decision <= self.total:
            raise ValueError(f"decision {decision} is outside this game (it has decisions 0 to {self.total})")
        engine = Engine(self.campaign, self.seed, start=self.start)
        for command in self.commands[:decision]:
            engine.apply(command)
        return engine

    def command(self, decision: int) -> Command:
        """The command given at a decision (0-based)."""
        return self.commands[decision]

    def chosen(self, decision: int) -> str:
        """The id chosen at a decision ("" for a debug command)."""
        command = self.commands[decision]
        return command.option if isinstance(command, Choose) else ""


def choice_title(engine: Engine, choice: str) -> str:
    """What a choice at the engine's decision reads as: in the hand, the action card's title;
    on a card, the option's text (the id itself when neither is found)."""
    if engine.state.phase == PHASE_HAND:
        card = engine.campaign.cards.get(choice)
        return card.title if card is not None else choice
    for option in engine.choice_options():
        if option.id == choice:
            return option.text
    return choice


def decision_title(engine: Engine) -> str:
    """What the engine's decision is about: the card on the table, the turn's action in the
    hand, nothing once the game is over."""
    card = engine.current_card()
    if card is not None:
        return card.title
    return "The turn's action" if engine.state.phase == PHASE_HAND else ""
