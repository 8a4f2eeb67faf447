"""Two games of one seed side by side: where they part (the decision, its date and card, the
choice each made), their meters and chronicles from there, and their forecasts.

Two saves of the same campaign, start, seed and game version roll the same dice until their
choices differ, so the first decision where their commands differ is where the histories part;
everything after it is the consequence of that choice (and of the later ones). The forecasts
are taken at the parting, each game's choice forced on the same seeds (common random numbers:
the difference is the choice's, not the sample's), and at each game's end.
"""

from __future__ import annotations

import concurrent.futures
from typing import Any

import attrs

from game.core.dates import format_month, month_label
from game.core.engine import Engine
from game.sim.forecast import Forecast, forecast
from game.sim.lines import Line, choice_title, decision_title
from game.sim.runner import CampaignRef

DEFAULT_RUNS = 200


class DiffError(ValueError):
    """Two saves that cannot be compared (other campaigns, seeds, starts or game versions)."""


@attrs.frozen
class Side:
    """One game from the parting on."""

    name: str
    choice: str  # the id chosen at the parting ("" when this game stops there)
    choice_title: str
    decisions: int  # the game's decisions in all
    ending: str  # the ending's title ("" while the game goes on)
    meters: tuple[tuple[str, int], ...]  # (label, value) at the game's end
    chronicle: tuple[tuple[str, str, str], ...]  # (date, title, text) of every entry after the parting
    at_parting: Forecast | None  # the odds at the parting with this game's choice forced
    at_end: Forecast | None  # the odds from the game's end (None once it has ended)


@attrs.frozen
class Diff:
    """Where two games part and what followed in each."""

    campaign: str
    seed: int
    index: int  # decisions the games share (they part at decision index + 1)
    date: str
    card: str
    card_title: str
    meters: tuple[tuple[str, int], ...]  # (label, value) at the parting, the same in both
    a: Side
    b: Side
    identical: bool  # the two games are the same game


def check_comparable(a: Line, b: Line) -> None:
    """DiffError unless the two saves are games of one campaign, start, seed and game version."""
    sa, sb = a.save, b.save
    if sa.campaign != sb.campaign:
        raise DiffError(f"the saves are of different campaigns ({sa.campaign} and {sb.campaign})")
    if sa.seed != sb.seed:
        raise DiffError(f"the saves are games of different seeds ({sa.seed} and {sb.seed}): they share no history")
    if sa.game_version != sb.game_version:
        raise DiffError(f"the saves were made by different game versions ({sa.game_version} and {sb.game_version})")
    if sa.final.state.start != sb.final.state.start or (sa.start is None) != (sb.start is None):
        raise DiffError("the saves begin from different starts")
    if sa.start is not None and sb.start is not None and sa.start != sb.start:
        raise DiffError("the saves continue from different snapshots")


def parting(a: Line, b: Line) -> int:
    """How many decisions the two games share (the index of the first that differs)."""
    n = min(a.total, b.total)
    for i in range(n):
        if a.save.commands[i].command != b.save.commands[i].command:
            return i
    return n


def _meters(engine: Engine) -> tuple[tuple[str, int], ...]:
    return tuple((m.label, engine.state.meters[m.id]) for m in engine.campaign.meters.values())


def diff(
    ref: CampaignRef,
    a: Line,
    b: Line,
    names: tuple[str, str] = ("A", "B"),
    policy: str = "cautious",
    runs: int = DEFAULT_RUNS,
    seed: int = 0,
    executor: concurrent.futures.Executor | None = None,
) -> Diff:
    """Compare two games of one seed (``check_comparable`` first)."""
    check_comparable(a, b)
    campaign = a.campaign
    index = parting(a, b)
    at = a.engine_at(index)
    known = len(at.state.chronicle)
    card = at.current_card()
    card_title = decision_title(at)
    identical = index == a.total == b.total

    def side(line: Line, name: str) -> Side:
        choice = line.chosen(index) if index < line.total else ""
        forced = None
        if choice and not at.is_over:
            forced = forecast(ref, campaign, at.state, policy, runs, seed, None, executor, forced=choice)
        end = line.engine_at(line.total)
        s = end.state
        chronicle = tuple(
            (month_label(e.date), e.title, e.text if not e.option or e.text == e.option else f"{e.option}. {e.text}")
            for e in s.chronicle[known:]
        )
        return Side(
            name,
            choice,
            choice_title(at, choice) if choice else "",
            line.total,
            campaign.endings[s.ending].title if s.ending and end.is_over else "",
            _meters(end),
            chronicle,
            forced,
            None if end.is_over else forecast(ref, campaign, s, policy, runs, seed, None, executor),
        )

    return Diff(
        campaign.id,
        a.save.seed,
        index,
        format_month(at.state.date),
        card.id if card is not None else "",
        card_title,
        _meters(at),
        side(a, names[0]),
        side(b, names[1]),
        identical,
    )


# --- as the player reads it -------------------------------------------------------------------


def _odds(fc: Forecast | None, top: int = 4) -> list[str]:
    if fc is None:
        return []
    return [f"{e.title} {e.p:.0%} [{e.low:.0%}-{e.high:.0%}]" for e in fc.endings if e.hits][:top]


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def format_text(d: Diff, width: int = 100) -> str:
    """The comparison as two columns of text."""
    if d.identical:
        return f"The two saves are the same game (seed {d.seed}, {d.index} decisions): nothing parts them.\n"
    col = (width - 3) // 2
    a, b = d.a, d.b
    where = f"{d.card_title!r}" if d.card_title else "the end of one game"
    out = [f"The games part at decision {d.index + 1} ({month_label_of(d.date)}), {where}:"]
    for s in (a, b):
        out.append(
            f"  {s.name}: {s.choice_title!r}" if s.choice else f"  {s.name}: stops here ({s.decisions} decisions)"
        )
    out.append("")
    out.append(f"{'':<24}{'at the parting':>16}{a.name[:14]:>16}{b.name[:14]:>16}")
    for (label, v0), (_la, va), (_lb, vb) in zip(d.meters, a.meters, b.meters, strict=True):
        out.append(f"{_fit(label, 24):<24}{v0:>16}{va:>16}{vb:>16}")
    out.append(f"{'ending':<24}{'':>16}{_fit(a.ending or 'goes on', 15):>16}{_fit(b.ending or 'goes on', 15):>16}")
    for title, fa, fb in (
        ("At the parting, each choice played on", a.at_parting, b.at_parting),
        ("From each game's end", a.at_end, b.at_end),
    ):
        if fa is None and fb is None:
            continue
        policy = (fa or fb).policy  # type: ignore[union-attr]
        out += ["", f"{title} by the {policy} player ({(fa or fb).runs} runs):"]  # type: ignore[union-attr]
        rows_a, rows_b = _odds(fa), _odds(fb)
        for i in range(max(len(rows_a), len(rows_b))):
            left = rows_a[i] if i < len(rows_a) else ""
            right = rows_b[i] if i < len(rows_b) else ""
            out.append(f"{_fit(left, col):<{col}} | {_fit(right, col)}")
    out += ["", f"{_fit(a.name, col):<{col}} | {_fit(b.name, col)}", f"{'-' * col}-+-{'-' * col}"]
    rows_a = [f"{date}  {title}: {text}" for date, title, text in a.chronicle]
    rows_b = [f"{date}  {title}: {text}" for date, title, text in b.chronicle]
    for i in range(max(len(rows_a), len(rows_b))):
        left = rows_a[i] if i < len(rows_a) else ""
        right = rows_b[i] if i < len(rows_b) else ""
        out.append(f"{_fit(left, col):<{col}} | {_fit(right, col)}")
    return "\n".join(out) + "\n"


def month_label_of(date: str) -> str:
    """A written month ("1937-03") as the reader's label."""
    from game.core.dates import parse_month

    return month_label(parse_month(date))


def as_data(d: Diff) -> dict[str, Any]:
    """The comparison as plain data (for ``--json``)."""

    def odds(fc: Forecast | None) -> list[dict[str, Any]] | None:
        if fc is None:
            return None
        return [
            {"id": e.id, "title": e.title, "p": round(e.p, 6), "low": round(e.low, 6), "high": round(e.high, 6)}
            for e in fc.endings
        ]

    def side(s: Side) -> dict[str, Any]:
        return {
            "name": s.name,
            "choice": s.choice,
            "choice_title": s.choice_title,
            "decisions": s.decisions,
            "ending": s.ending,
            "meters": dict(s.meters),
            "chronicle": [{"date": x, "title": t, "text": y} for x, t, y in s.chronicle],
            "at_parting": odds(s.at_parting),
            "at_end": odds(s.at_end),
        }

    return {
        "campaign": d.campaign,
        "seed": d.seed,
        "identical": d.identical,
        "parting": {"decision": d.index + 1, "date": d.date, "card": d.card, "title": d.card_title},
        "meters": dict(d.meters),
        "a": side(d.a),
        "b": side(d.b),
    }
