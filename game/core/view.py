"""The read-only View handed to frontends: everything a screen may show, nothing it may change."""

from __future__ import annotations

import attrs


@attrs.frozen
class MeterView:
    """A meter's value, bounds and its change since the previous decision."""

    id: str
    label: str
    value: int
    min: int
    max: int
    delta: int = 0
    good: str = "high"  # high | low | neutral: which way the player hopes it moves
    description: str = ""

    @property
    def tone(self) -> int:
        """+1 when the last change was good for the player, -1 when bad, 0 otherwise."""
        if not self.delta or self.good == "neutral":
            return 0
        return 1 if (self.delta > 0) == (self.good == "high") else -1


@attrs.frozen
class ChanceView:
    """One outcome of an option with its probability now and its historical source."""

    text: str
    probability: float
    source: str


@attrs.frozen
class ChoiceView:
    """A choice of the current decision; unavailable ones say what they require."""

    id: str
    text: str
    available: bool = True
    reason: str = ""
    stance: str = "neutral"
    historical: bool = False
    chances: tuple[ChanceView, ...] = ()
    detail: str = ""  # in the hand: the action card's prose


@attrs.frozen
class DecisionView:
    """What the player must answer now: a card (event or action) or the hand of actions."""

    kind: str  # event | hand | action
    card: str
    title: str
    text: str
    actor: str
    choices: tuple[ChoiceView, ...]
    sources: tuple[str, ...] = ()


@attrs.frozen
class ReportView:
    """What a card did: the player's answer and its outcome, or a world event's news."""

    kind: str
    card: str
    title: str
    text: str
    choice: str
    outcome: str
    result: str
    history: str
    sources: tuple[str, ...] = ()
    chance: float | None = None
    roll: float | None = None


@attrs.frozen
class EntryView:
    """A chronicle line."""

    turn: int
    date: str
    date_label: str
    kind: str
    card: str
    title: str
    text: str
    history: str = ""


@attrs.frozen
class MeterPointView:
    """The meters at one moment of the game: ``values`` are (meter id, value) in campaign order."""

    turn: int
    date: str
    date_label: str
    values: tuple[tuple[str, int], ...]


@attrs.frozen
class EndingView:
    """The ending reached: its epilogue and the real history beside it."""

    id: str
    title: str
    kind: str
    text: str
    history: str


@attrs.frozen
class View:
    """The whole of what a frontend may draw for the current moment of a game."""

    campaign: str
    campaign_title: str
    player: str
    seed: int
    turn: int
    date: str
    date_label: str
    meters: tuple[MeterView, ...]
    decision: DecisionView | None
    reports: tuple[ReportView, ...]
    chronicle: tuple[EntryView, ...]
    ending: EndingView | None
    intro: str = ""
    meter_history: tuple[MeterPointView, ...] = ()
    start: str = ""  # the campaign's start this game began from
    start_title: str = ""

    @property
    def is_over(self) -> bool:
        """True once an ending has been reached."""
        return self.ending is not None
