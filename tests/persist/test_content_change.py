"""Loading after the content changed: a text edit changes nothing; a rule edit is named, never silent."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from game import cli
from game.persist.errors import SaveError
from game.persist.reader import read_save
from game.persist.replay import from_snapshot, replay_save
from game.persist.store import SaveStore
from tests.persist.conftest import load_saga, play


def saved_game(folder: Path, saves: Path, decisions: int = 200) -> Path:
    content = load_saga(folder)
    engine = play(content.campaigns["saga"], 21, decisions)
    return SaveStore(content, saves).save(engine, "before-edit")


def edit(folder: Path, old: str, new: str) -> None:
    path = folder / "cards.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_a_text_edit_changes_nothing(saga_copy: Path, tmp_path: Path) -> None:
    path = saved_game(saga_copy, tmp_path / "saves")
    edit(saga_copy, 'title: "A storm"', 'title: "A terrible storm over the river"')
    edit(saga_copy, 'text: "Profit."', 'text: "A handsome profit, for once."')
    content = load_saga(saga_copy)
    outcome = replay_save(content, read_save(path))
    assert outcome.divergence is None and outcome.changed_cards == []
    assert any(e.title == "A terrible storm over the river" for e in outcome.engine.state.chronicle)


def test_a_rule_edit_names_the_first_divergence(saga_copy: Path, tmp_path: Path) -> None:
    path = saved_game(saga_copy, tmp_path / "saves")
    save = read_save(path)
    edit(saga_copy, "effects: [{add: {gold: 1}}]\n      - id: risky", "effects: [{add: {gold: 2}}]\n      - id: risky")
    content = load_saga(saga_copy)
    outcome = replay_save(content, save)
    d = outcome.divergence
    assert d is not None and outcome.changed_cards == ["saga.trade"]
    first = next(i for i, s in enumerate(save.commands) if s.card == "saga.trade" and s.command.option == "careful")
    assert d.step == first and d.card == "saga.trade"
    assert (d.turn, d.date) == (save.commands[first].turn, save.commands[first].date)
    assert "rules of this card changed" in d.message() and f"turn {d.turn}" in d.message()
    # the player may continue from the snapshot: exactly the saved state, playable and saveable
    engine = from_snapshot(content, save)
    assert engine.state == save.final.state
    again = SaveStore(content, tmp_path / "saves").save(engine, "after-edit")
    assert replay_save(content, read_save(again)).divergence is None


def test_a_world_card_rule_edit_is_caught_too(saga_copy: Path, tmp_path: Path) -> None:
    path = saved_game(saga_copy, tmp_path / "saves")
    edit(saga_copy, "effects: [{add: {gold: -3, doom: 4}}]", "effects: [{add: {gold: -3, doom: 5}}]")
    outcome = replay_save(load_saga(saga_copy), read_save(path))
    assert outcome.divergence is not None


def test_a_snapshot_naming_a_removed_card_cannot_be_continued(saga_copy: Path, tmp_path: Path) -> None:
    path = saved_game(saga_copy, tmp_path / "saves")
    save = read_save(path)
    (saga_copy / "cards.yaml").write_text((saga_copy / "cards.yaml").read_text().replace("saga.pray", "saga.meditate"))
    content = load_saga(saga_copy)
    assert replay_save(content, save).divergence is not None
    if "saga.pray" in [*save.final.state.hand, *save.final.state.pending]:
        with pytest.raises(SaveError, match=r"saga\.pray"):
            from_snapshot(content, save)


@pytest.mark.parametrize(("answer", "status"), [("s\n", 1), ("", 1), ("c\n", 0)])
def test_the_load_command_asks_and_obeys(
    answer: str,
    status: int,
    saga_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = saved_game(saga_copy, tmp_path / "saves", 40)
    edit(saga_copy, "effects: [{add: {doom: -3}}]", "effects: [{add: {doom: -4}}]")
    edit(saga_copy, "effects: [{add: {gold: 1}}]\n      - id: risky", "effects: [{add: {gold: 2}}]\n      - id: risky")
    monkeypatch.setenv("DIVERGENCE_CONTENT", str(saga_copy))
    monkeypatch.setattr(sys, "stdin", io.StringIO(answer + "q\n"))
    before = path.read_bytes()
    assert cli.main(["load", str(path), "--ui", "text", "--saves", str(tmp_path / "saves")]) == status
    err = capsys.readouterr().err
    assert "diverges at decision" in err and "Traceback" not in err
    assert path.read_bytes() == before
