"""Fixtures shared by the frontends' tests: services over a save whose content changed."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest

from game.cli.wiring import make_services
from game.content.loader import Content
from game.core.commands import Choose
from game.core.engine import Engine
from game.persist.document import dumps
from game.persist.reader import read_save
from game.persist.recorder import record
from game.persist.replay import replay_save
from game.persist.store import SaveStore
from game.ui.services import Services
from tests.persist.conftest import SAGA, load_saga, play

CAREFUL = "effects: [{add: {gold: 1}}]\n      - id: risky"


@pytest.fixture
def changed(tmp_path: Path) -> tuple[Services, Path, Path]:
    """Services over a copy of the saga whose rules changed after a 40-decision game was saved."""
    folder, saves = tmp_path / "content", tmp_path / "saves"
    shutil.copytree(SAGA, folder)
    path = SaveStore(load_saga(folder), saves).save(play(load_saga(folder).campaigns["saga"], 21, 40), "before-edit")
    cards = folder / "cards.yaml"
    text = cards.read_text()
    for old, new in (
        ("effects: [{add: {doom: -3}}]", "effects: [{add: {doom: -4}}]"),
        (CAREFUL, CAREFUL.replace("gold: 1", "gold: 2")),
    ):
        assert old in text
        text = text.replace(old, new, 1)
    cards.write_text(text)
    content = load_saga(folder)
    assert replay_save(content, read_save(path)).divergence is not None
    return make_services(content, argparse.Namespace(mod=[], saves=str(saves))), path, saves


def short_save(content: Content, folder: Path, decisions: int = 4) -> Path:
    """A saved Tukhachevsky game (seed 5) of its first ``decisions`` decisions, each the last
    choice offered: a save for the commands that read one (regret, forecast, chronicle)."""
    engine = Engine(content.campaigns["tukhachevsky"], 5)
    recorder = record(engine)
    for _ in range(decisions):
        engine.apply(Choose(engine.choices()[-1]))
    save = folder / "g.json"
    save.write_bytes(dumps(recorder.to_save(engine, content, "g")))
    return save
