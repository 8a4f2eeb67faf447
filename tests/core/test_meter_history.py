"""The engine's per-turn meter snapshots (GameState.meter_history, View.meter_history)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from game.content.loader import load_content
from game.core.commands import Choose
from game.core.engine import Engine

FIXTURE = Path(__file__).resolve().parents[1] / "ui" / "pygame" / "fixture"
CAMPAIGN = load_content(paths=[FIXTURE]).campaigns["testcamp"]


def play(seed: int, picks: list[int]) -> Engine:
    engine = Engine(CAMPAIGN, seed)
    i = 0
    while not engine.is_over:
        d = engine.view().decision
        assert d is not None
        open_ = [c for c in d.choices if c.available]
        engine.apply(Choose(open_[picks[i % len(picks)] % len(open_)].id, d.card))
        i += 1
    return engine


def test_first_snapshot_is_the_campaign_start() -> None:
    engine = Engine(CAMPAIGN, 3)
    first = engine.view().meter_history[0]
    assert first.turn == 1
    assert first.date == "1936-01"
    assert dict(first.values) == {m.id: m.start for m in CAMPAIGN.meters.values()}


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6), st.lists(st.integers(0, 5), min_size=1, max_size=6))
def test_one_snapshot_per_turn_and_one_at_the_end(seed: int, picks: list[int]) -> None:
    engine = play(seed, picks)
    view = engine.view()
    turns = [p.turn for p in view.meter_history]
    assert turns[:-1] == list(range(1, view.turn + 1))
    assert turns[-1] == view.turn
    assert dict(view.meter_history[-1].values) == {m.id: m.value for m in view.meters}
    assert [m for m, _ in view.meter_history[0].values] == list(CAMPAIGN.meters)


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10**6), st.lists(st.integers(0, 5), min_size=1, max_size=6))
def test_history_is_deterministic(seed: int, picks: list[int]) -> None:
    assert play(seed, picks).view().meter_history == play(seed, picks).view().meter_history
