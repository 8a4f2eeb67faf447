"""The decisions that mattered (ending screens, the chronicle export, ``divergence regret``)
name each decision's turn as the game does on screen ("March 1936", "1939", a card's own
display date), never the save format's "1936-03"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.cli import main
from game.content.loader import Content
from game.core.commands import Choose
from game.core.dates import month_label
from game.core.engine import Engine
from game.persist.reader import read_save
from game.persist.recorder import record
from game.sim.lines import open_line
from game.sim.regret import format_text, regret, sentences, turn_name
from game.sim.runner import CampaignRef, remember
from tests.ui.conftest import short_save

FATE = Path(__file__).resolve().parents[1] / "fixtures" / "fate"
ISO = re.compile(r"\b\d{4}-\d{2}\b")


def test_the_sentences_name_the_month_as_the_game_does(fate_content: Content) -> None:
    campaign = fate_content.campaigns["fate"]
    engine = Engine(campaign, 77)
    recorder = record(engine)
    while not engine.is_over:
        choices = engine.choices()
        engine.apply(Choose("go" if "go" in choices else choices[0]))
    ref = CampaignRef("fate", paths=(str(FATE),))
    remember(ref, campaign)
    result = regret(ref, open_line(fate_content, recorder.to_save(engine, fate_content, "g")), "random", runs=100)
    said = sentences(result)
    assert said, "the crossroads moved the outcome"
    top = result.top[0]
    assert f"Decision {top.index + 1} ({month_label(int(top.date[:4]) * 12 + int(top.date[5:]) - 1)}, " in said[0]
    for text in (*said, format_text(result)):
        assert not ISO.search(text), text


@pytest.mark.parametrize("key", ["bukharin:last_plea", "tukhachevsky:gambit"])
def test_the_turn_name_is_the_views_turn_label_at_every_decision(shipped: Content, key: str) -> None:
    cid, _, start = key.partition(":")
    for seed in (3, 11):
        engine = Engine(shipped.campaigns[cid], seed, start=start)
        while not engine.is_over:
            assert turn_name(engine) == engine.view().date_label
            choices = engine.choices()
            engine.apply(Choose(choices[seed % len(choices)]))


def test_the_regret_command_and_the_chronicle_export_show_no_iso_dates(
    shipped: Content, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save = short_save(shipped, tmp_path)
    final = read_save(save).final.state
    assert main(["regret", str(save), "--runs", "20"]) == 0
    out = capsys.readouterr().out
    listed = out.split("Every decision", 1)[1].splitlines()[1:]
    assert listed and all(not ISO.search(line) for line in listed), out
    assert any(month_label(final.date).split()[1] in line for line in listed)
    assert main(["chronicle", str(save), "--md", "-", "--mattered"]) == 0
    mattered = capsys.readouterr().out.split("## The decisions that mattered", 1)[1]
    assert not ISO.search(mattered), mattered
