"""Regret: a game whose decisions did not matter shows none; a decisive choice is found."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.content.loader import Content
from game.core.commands import Choose
from game.core.engine import Engine
from game.persist.document import dumps
from game.persist.recorder import record
from game.sim.lines import Line, open_line
from game.sim.regret import regret, sentences
from game.sim.runner import CampaignRef, remember

FATE = Path(__file__).resolve().parents[1] / "fixtures" / "fate"


def played(content: Content, cid: str, prefer: str) -> tuple[Line, CampaignRef]:
    """A game of the campaign taking ``prefer`` where it is offered, else the first choice."""
    campaign = content.campaigns[cid]
    engine = Engine(campaign, 77)
    recorder = record(engine)
    while not engine.is_over:
        choices = engine.choices()
        engine.apply(Choose(prefer if prefer in choices else choices[0]))
    ref = CampaignRef(cid, paths=(str(FATE),))
    remember(ref, campaign)
    return open_line(content, recorder.to_save(engine, content, cid)), ref


def test_regret_of_a_game_whose_decisions_did_not_matter_is_zero(fate_content: Content) -> None:
    line, ref = played(fate_content, "calm", "right")
    result = regret(ref, line, "random", runs=100)
    assert result.decisions, "the game has decisions with several choices"
    assert all(d.moved == 0.0 for d in result.decisions)
    assert result.top == () and sentences(result) == []


def test_regret_finds_the_decisive_choice(fate_content: Content) -> None:
    line, ref = played(fate_content, "fate", "go")
    assert line.engine_at(line.total).state.ending in ("fallen", "survived")
    result = regret(ref, line, "random", runs=200)
    top = result.top[0]
    assert top.card == "fate.crossroads"
    assert abs(top.moved) > 0.7
    taken = top.taken
    assert taken.choice == "go"
    # the idle question's two answers have the same effects: no movement at all
    idle = [d for d in result.decisions if d.card == "fate.idle"]
    assert idle and all(d.moved == 0.0 for d in idle)
    assert "The crossroads" in sentences(result)[0]


def test_regret_cli_and_the_chronicle_export(
    shipped: Content, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    campaign = shipped.campaigns["tukhachevsky"]
    engine = Engine(campaign, 5)
    recorder = record(engine)
    for _ in range(4):
        engine.apply(Choose(engine.choices()[-1]))
    save = tmp_path / "g.json"
    save.write_bytes(dumps(recorder.to_save(engine, shipped, "g")))
    assert main(["regret", str(save), "--runs", "20"]) == 0
    out = capsys.readouterr().out
    assert "The decisions that mattered" in out and "Every decision" in out
    assert main(["chronicle", str(save), "--md", "-", "--mattered"]) == 0
    assert "## The decisions that mattered" in capsys.readouterr().out
