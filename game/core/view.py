"""The read-only View handed to frontends: everything a screen may show, nothing it may change.

``ViewBuilder`` makes a View from a campaign and a state. It is pure (the View depends only on
its arguments) and cheap late in a game: an option's chances are previewed on a log-sharing
copy of the state (``state.copy_state``) rather than a deep copy, and the chronicle and the
meter chart, which only ever grow, are converted once per entry and kept between builds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Generic, TypeVar

import attrs

from game.core.dates import format_month, turn_label
from game.core.model import Campaign, Card, Option
from game.core.state import PHASE_ACTION, PHASE_HAND, PHASE_OVER, Entry, GameState, MeterSnapshot, copy_state


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


def preview(state: GameState, option: Option) -> list[float]:
    """The outcome probabilities the option would face if taken now. Exact: the option's own
    effects are applied first, to a copy of the state, which is left unchanged."""
    if not option.effects:
        return option.chances(state)
    probe = copy_state(state)
    for effect in option.effects:
        effect(probe)
    return option.chances(probe)


Probe = Callable[[GameState, Option], list[float]]


Citations = Mapping[str, tuple[tuple[str, str], ...]]

# A source tag as the content writes it: "FACTS 1a", "FACTS C14", "FACTS 5.1", "seed 002", and
# a bare "C12" after one ("FACTS 1a; C13, C14").
_TAG = re.compile(r"\b(?:FACTS\s+(?:C\d+|\d+[a-z]?(?:\.\d+)?)|seed\s+\d{3}|C\d{2})\b")


def _tag_key(tag: str) -> str:
    tag = " ".join(tag.split())
    return f"FACTS {tag}" if re.fullmatch(r"C\d{2}", tag) else tag


def cite(citations: Citations, tags: Sequence[str]) -> tuple[str, ...]:
    """Source tags as the citations of their works, each work once, in order (a tag without a
    bibliography entry stays as it is)."""
    out: dict[str, None] = {}
    for tag in tags:
        works = citations.get(_tag_key(tag))
        for full in [w[0] for w in works] if works else [tag]:
            out[full] = None
    return tuple(out)


def cite_text(citations: Citations, text: str) -> str:
    """A chance's source note with its tags read out: the tags leave the sentence and the
    works behind them follow it in brackets, shortly ("... (Kotkin 2017; forum discussion)")."""
    if not citations or not _TAG.search(text):
        return text
    shorts: dict[str, None] = {}
    for found in _TAG.finditer(text):
        for _full, short in citations.get(_tag_key(found.group(0)), ()):
            shorts[short] = None
    rest = _TAG.sub("", text)
    rest = re.sub(r"\(\s*[,;:]?\s*\)", "", rest)  # brackets left empty
    rest = re.sub(r"^[\s,;:]+|[\s,;:]+$", "", re.sub(r"\s*([,;:])(\s*[,;:])+", r"\1", rest))
    rest = re.sub(r"\(\s*[,;:]\s*", "(", rest)
    rest = re.sub(r"\s{2,}", " ", rest).strip()
    if rest.startswith("(") and rest.endswith(")") and rest.count("(") == 1:
        rest = rest[1:-1]  # only a bracketed remark was left: it is the note
    rest = rest[:1].upper() + rest[1:]
    cites = "; ".join(shorts)
    if not rest:
        return cites
    return f"{rest} ({cites})" if cites else rest


def _chance_views(option: Option, state: GameState, probe: Probe, citations: Citations) -> tuple[ChanceView, ...]:
    if not option.outcomes:
        return ()
    probabilities = probe(state, option)
    return tuple(
        ChanceView(o.text, p, cite_text(citations, o.chance.source) if o.chance else "otherwise")
        for o, p in zip(option.outcomes, probabilities, strict=True)
    )


_T = TypeVar("_T")
_V = TypeVar("_V")


class _Log(Generic[_T, _V]):
    """The views of an append-only log's entries, converted once each and kept.

    A build checks that the log still begins with the entries seen last time (the first and
    the last seen are the very same objects) and converts only the new ones; any other log
    (a reloaded state, another game) is converted from scratch."""

    def __init__(self) -> None:
        self._source: list[_T] = []
        self._views: list[_V] = []
        self._tuple: tuple[_V, ...] = ()

    def views(self, log: Sequence[_T], convert: Callable[[_T], _V]) -> tuple[_V, ...]:
        n = len(self._source)
        if not (n <= len(log) and (n == 0 or (log[0] is self._source[0] and log[n - 1] is self._source[-1]))):
            self._source, self._views, n = [], [], 0
        if n == len(log) and len(self._tuple) == n:
            return self._tuple
        fresh = log[n:]
        self._source.extend(fresh)
        self._views.extend(convert(x) for x in fresh)
        self._tuple = tuple(self._views)
        return self._tuple


class ViewBuilder:
    """Builds the Views of one campaign's games (see the module docstring). ``probe`` gives an
    option's chances if taken now (``preview``; tests and benches pass a reference one)."""

    def __init__(self, campaign: Campaign, probe: Probe = preview) -> None:
        self.campaign = campaign
        self._probe = probe
        self._chronicle: _Log[Entry, EntryView] = _Log()
        self._points: _Log[MeterSnapshot, MeterPointView] = _Log()
        self._order = tuple(campaign.meters)
        self._dates: dict[int, tuple[str, str]] = {}  # month -> (written form, the turn's name)

    def build(
        self, state: GameState, reports: Sequence[ReportView] = (), before: Mapping[str, int] | None = None
    ) -> View:
        """The View of ``state``: ``reports`` say what the last decision did, ``before`` holds
        the meters before it (the deltas; none when omitted)."""
        s, c = state, self.campaign
        before = before or {}
        meters = tuple(
            MeterView(
                m.id,
                m.label,
                s.meters[m.id],
                m.min,
                m.max,
                s.meters[m.id] - before.get(m.id, s.meters[m.id]),
                m.good,
                m.description,
            )
            for m in c.meters.values()
        )
        ending = None
        if s.phase == PHASE_OVER:
            e = c.endings[s.ending]
            ending = EndingView(e.id, e.title, e.kind, e.epilogue(s), e.history)
        decision = self.decision(s)
        return View(
            campaign=c.id,
            campaign_title=c.title,
            player=c.player,
            seed=s.seed,
            turn=s.turn,
            date=format_month(s.date),
            date_label=self._label(s.date, c.cards.get(decision.card) if decision is not None else None),
            meters=meters,
            decision=decision,
            reports=tuple(
                attrs.evolve(r, sources=cite(c.citations, r.sources)) if r.sources and c.citations else r
                for r in reports
            ),
            chronicle=self._chronicle.views(s.chronicle, self._entry),
            ending=ending,
            intro=self._intro(s),
            meter_history=self._points.views(s.meter_history, self._point),
            start=s.start,
            start_title=c.get_start(s.start).title if c.starts else "",
        )

    def _intro(self, s: GameState) -> str:
        c = self.campaign
        if not c.starts:
            return c.intro
        return c.get_start(s.start).intro or c.intro

    def _date(self, month: int) -> tuple[str, str]:
        known = self._dates.get(month)
        if known is None:
            known = self._dates[month] = (format_month(month), turn_label(month, self.campaign.era_at(month).step))
        return known

    def _label(self, month: int, card: Card | None) -> str:
        """The turn's label: the card's own display date when it has one, else the era's."""
        return card.date_label if card is not None and card.date_label else self._date(month)[1]

    def _point(self, snap: MeterSnapshot) -> MeterPointView:
        values = tuple((m, snap.meters[m]) for m in self._order if m in snap.meters)
        return MeterPointView(snap.turn, *self._date(snap.date), values)

    def _entry(self, e: Entry) -> EntryView:
        card = self.campaign.cards.get(e.card)
        if not e.option or e.kind == "world":
            text = e.text
        elif e.text != e.option:
            text = f"{e.option}. {e.text}"
        else:
            text = e.option
        return EntryView(
            e.turn,
            self._date(e.date)[0],
            self._label(e.date, card),
            e.kind,
            e.card,
            e.title,
            text,
            card.history if card else "",
        )

    def decision(self, s: GameState) -> DecisionView | None:
        """What the player must answer in this state (None once the game is over)."""
        c = self.campaign
        if s.phase == PHASE_OVER:
            return None
        if s.phase == PHASE_HAND:
            choices = []
            for cid in s.hand:
                card = c.cards[cid]
                first = card.options[0]
                single = len(card.options) == 1
                choices.append(
                    ChoiceView(
                        id=cid,
                        text=card.title,
                        stance=first.stance if single else "neutral",
                        chances=_chance_views(first, s, self._probe, c.citations) if single else (),
                        detail=card.text,
                    )
                )
            return DecisionView("hand", "@hand", "Your move", "", c.player, tuple(choices))
        card = c.cards[s.pending[0]] if s.phase != PHASE_ACTION else c.cards[s.action]
        return self._card_decision(card, s)

    def _card_decision(self, card: Card, s: GameState) -> DecisionView:
        choices = []
        for o in card.options:
            ok = o.available(s)
            choices.append(
                ChoiceView(
                    id=o.id,
                    text=o.text,
                    available=ok,
                    reason="" if ok else "needs: " + o.requires_text,
                    stance=o.stance,
                    historical=o.historical,
                    chances=_chance_views(o, s, self._probe, self.campaign.citations),
                )
            )
        sources = cite(self.campaign.citations, card.sources)
        return DecisionView(s.phase, card.id, card.title, card.text, card.actor, tuple(choices), sources)
