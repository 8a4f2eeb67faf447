"""The decisions that mattered: at each decision of a saved game, the forecast had each of
its choices been taken, and how far that moved the chance of the game's final outcome.

Every alternative at a decision is forecast on the same seeds (common random numbers): two
options that lead to the same future get exactly the same counts, so a decision that did
not matter shows a movement of zero, not sampling noise.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable
from typing import Any

import attrs

from game.core.dates import format_month, turn_label
from game.core.engine import Engine
from game.sim.forecast import forecast
from game.sim.lines import Line, PlayedLine, choice_title, decision_title
from game.sim.runner import CampaignRef

DEFAULT_RUNS = 200
TOP = 5


@attrs.frozen
class Alternative:
    """One choice at a decision and the chance of the final outcome had it been taken."""

    choice: str
    title: str
    p: float
    low: float
    high: float
    taken: bool


@attrs.frozen
class Decision:
    """One decision of the game with its alternatives' forecasts."""

    index: int  # 0-based: the game stood after ``index`` decisions
    turn: int
    date: str  # "1937-05", for --json
    card: str
    title: str
    alternatives: tuple[Alternative, ...]
    label: str = ""  # the turn as the game names it ("May 1937", "1939", a card's own date)

    @property
    def taken(self) -> Alternative:
        """The alternative the player chose."""
        return next(a for a in self.alternatives if a.taken)

    @property
    def moved(self) -> float:
        """How far the best other choice would have moved the outcome's chance (signed: above
        zero, another choice made the outcome likelier)."""
        others = [a.p - self.taken.p for a in self.alternatives if not a.taken]
        return max(others, key=abs) if others else 0.0


@attrs.frozen
class Regret:
    """A game's decisions and the five that moved its final outcome most."""

    campaign: str
    outcome: str  # the ending the game reached (or the likeliest one, if it has not ended)
    outcome_title: str
    policy: str
    runs: int
    decisions: tuple[Decision, ...]  # every decision with more than one choice, in order

    @property
    def top(self) -> tuple[Decision, ...]:
        """The decisions that moved the outcome's chance most (at most five, largest first)."""
        ranked = sorted(self.decisions, key=lambda d: (-abs(d.moved), d.index))
        return tuple(d for d in ranked[:TOP] if d.moved != 0.0)


def regret(
    ref: CampaignRef,
    line: Line | PlayedLine,
    policy: str = "cautious",
    runs: int = DEFAULT_RUNS,
    seed: int = 0,
    executor: concurrent.futures.Executor | None = None,
    progress: Callable[[int, int], Any] | None = None,
) -> Regret:
    """Forecast every alternative at every decision of the line (``runs`` continuations each,
    the same seeds for all), measured against the game's final outcome."""
    campaign = line.campaign
    final = line.engine_at(line.total)
    if final.is_over:
        outcome = final.state.ending
    else:
        outcome = forecast(ref, campaign, final.state, policy, runs, seed, None, executor).endings[0].id
    engine = line.engine_at(0)
    found: list[Decision] = []
    for index in range(line.total):
        choices = engine.choices()
        chosen = line.chosen(index)
        if len(choices) > 1 and chosen in choices:
            card = engine.current_card()
            alternatives = []
            for choice in choices:
                fc = forecast(ref, campaign, engine.state, policy, runs, seed, None, executor, forced=choice)
                est = fc.ending(outcome)
                alternatives.append(
                    Alternative(choice, choice_title(engine, choice), est.p, est.low, est.high, choice == chosen)
                )
            s = engine.state
            found.append(
                Decision(
                    index,
                    s.turn,
                    format_month(s.date),
                    card.id if card is not None else "hand",
                    decision_title(engine),
                    tuple(alternatives),
                    turn_name(engine),
                )
            )
        engine.apply(line.command(index))
        if progress is not None:
            progress(index + 1, line.total)
    return Regret(campaign.id, outcome, campaign.endings[outcome].title, policy, runs, tuple(found))


def turn_name(engine: Engine) -> str:
    """The decision's turn as the game names it on screen: the card's own display date, else
    the era's label ("May 1937", "Spring 1953", "1939"), as the View's turn label."""
    card = engine.current_card()
    if card is not None and card.date_label:
        return card.date_label
    month = engine.state.date
    return turn_label(month, engine.campaign.era_at(month).step)


def as_data(result: Regret) -> dict[str, Any]:
    """Regret as plain data (for ``--json``)."""

    def decision(d: Decision) -> dict[str, Any]:
        return {
            "decision": d.index + 1,
            "turn": d.turn,
            "date": d.date,
            "date_label": d.label,
            "card": d.card,
            "title": d.title,
            "moved": round(d.moved, 6),
            "alternatives": [
                {
                    "choice": a.choice,
                    "title": a.title,
                    "p": round(a.p, 6),
                    "low": round(a.low, 6),
                    "high": round(a.high, 6),
                    "taken": a.taken,
                }
                for a in d.alternatives
            ],
        }

    return {
        "campaign": result.campaign,
        "outcome": result.outcome,
        "outcome_title": result.outcome_title,
        "policy": result.policy,
        "runs": result.runs,
        "top": [d.index + 1 for d in result.top],
        "decisions": [decision(d) for d in result.decisions],
    }


def sentences(result: Regret) -> list[str]:
    """ "The decisions that mattered" in plain sentences, largest movement first (the
    chronicle export and the ending screens show these)."""
    lines = []
    for d in result.top:
        best = max((a for a in d.alternatives if not a.taken), key=lambda a: abs(a.p - d.taken.p))
        lines.append(
            f"Decision {d.index + 1} ({d.label or d.date}, {d.title}): you chose \u201c{d.taken.title}\u201d, and "
            f"{result.outcome_title} followed {d.taken.p:.0%} of the time; \u201c{best.title}\u201d would have made "
            f"it {best.p:.0%} ({(best.p - d.taken.p) * 100:+.0f} points)."
        )
    return lines


def format_text(result: Regret) -> str:
    """The whole regret report as the player reads it."""
    out = [
        f"The decisions that mattered to the ending {result.outcome_title!r} "
        f"({result.runs} continuations per choice, played on by the {result.policy} player):",
    ]
    out += [f"  {i}. {line}" for i, line in enumerate(sentences(result), 1)] or ["  no decision of this game moved it"]
    out.append("")
    out.append("Every decision (chance of that ending had each choice been taken; * = yours):")
    for d in result.decisions:
        alts = ", ".join(f"{'*' if a.taken else ''}{a.title} {a.p:.0%}" for a in d.alternatives)
        out.append(f"  {d.index + 1:>3} {d.label or d.date} {d.title}: {alts}")
    return "\n".join(out) + "\n"
