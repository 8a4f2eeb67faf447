"""One plain record per simulated game, for ``divergence simulate --games FILE``.

A record says when things happened, so a historian or a modder can check any claim by date
in their own tools: the seed and start, the ending and its month, each flag's first month,
each character's status changes with their months, the cards fired and the choices made,
and the longest run of decisions in a row that offered only one choice (a content smell:
the player had nothing to decide).
The record is built by watching the game after each decision (``GameWatch``), which costs
nothing when no file is asked for.
"""

from __future__ import annotations

import json
from typing import Any

from game.core.dates import format_month
from game.core.engine import Engine
from game.core.model import Campaign
from game.sim.measures import Traces, traces


class GameWatch:
    """Notes each flag's first month and each status change while a game is played.

    Months are exact: each is the date of the card that did it (a walk of the records
    appended since the last decision, against the effects the content declares), not the
    month the game has reached when the decision is over."""

    def __init__(self, engine: Engine) -> None:
        s = engine.state
        self.engine = engine
        self.traces = _traces_of(engine.campaign)
        self.flags: dict[str, str] = {f: format_month(s.date) for f in s.flags}
        self.statuses = {k: v.status for k, v in s.characters.items()}
        self.changes: dict[str, list[tuple[str, str]]] = {}
        self.seen = 0  # history records already walked
        self.forced_run = 0  # decisions in a row, up to now, with a single legal choice
        self.longest_forced = 0
        self.observe()

    def observe(self) -> None:
        """Walk the records appended since the last look (after each decision)."""
        s = self.engine.state
        if not s.is_over:
            self.forced_run = self.forced_run + 1 if len(self.engine.choices()) == 1 else 0
            self.longest_forced = max(self.longest_forced, self.forced_run)
        flags, statuses = self.traces.flags, self.traces.statuses
        for rec in s.history[self.seen :]:
            month = format_month(rec.date)
            keys = [(rec.card, rec.option, -1)]
            if rec.roll is not None and rec.roll.outcome >= 0:
                keys.append((rec.card, rec.option, rec.roll.outcome))
            for key in keys:
                for flag in flags.get(key, ()):
                    self.flags.setdefault(flag, month)
                for who, to in statuses.get(key, ()):
                    if to != self.statuses.get(who):
                        self.statuses[who] = to
                        self.changes.setdefault(who, []).append((month, to))
        self.seen = len(s.history)

    def record(self, policy: str) -> dict[str, Any]:
        """The finished game as plain data (JSON-ready, keys in a stable order)."""
        s = self.engine.state
        return {
            "seed": s.seed,
            "campaign": s.campaign,
            "start": s.start,
            "policy": policy,
            "ending": s.ending,
            "end": format_month(s.date),
            "turns": s.turn,
            "flags": dict(sorted(self.flags.items(), key=lambda kv: (kv[1], kv[0]))),
            "characters": {who: [list(c) for c in ch] for who, ch in sorted(self.changes.items())},
            "cards": [[format_month(r.date), r.card] for r in s.history],
            "choices": [[format_month(r.date), r.card, r.option] for r in s.history if r.option],
            "longest_forced": self.longest_forced,
        }


_TRACES: dict[int, tuple[Campaign, Traces]] = {}


def _traces_of(campaign: Campaign) -> Traces:
    """The campaign's traces, built once per campaign object in a process."""
    found = _TRACES.get(id(campaign))
    if found is None or found[0] is not campaign:
        found = (campaign, traces(campaign))
        _TRACES[id(campaign)] = found
    return found[1]


def to_line(record: dict[str, Any]) -> str:
    """One JSON line (no spaces to spare, UTF-8 kept readable)."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
