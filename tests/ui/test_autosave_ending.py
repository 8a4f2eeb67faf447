"""An ended game is in the save list once: however the same ended game comes to be
autosaved again (continued from its snapshot after the rules changed, or another record of
it), no second "ended" autosave holding the same game is written; and nothing is lost: the
ending is autosaved the first time, and a game that goes on is autosaved as before."""

from __future__ import annotations

import argparse
import copy
import shutil
from pathlib import Path

from game.cli.saves import rewind
from game.cli.wiring import make_services
from game.persist.reader import read_save
from game.persist.recorder import recorder_of
from game.persist.replay import replay_save
from game.persist.store import SaveStore
from game.ui.session import GameSession
from tests.persist.conftest import SAGA, load_saga, play
from tests.ui.conftest import CAREFUL


def ended_autosaves(saves: Path) -> list[Path]:
    return [p for p in sorted(saves.glob("autosave-*.json")) if read_save(p).final.state.ending]


def ended_game(folder: Path, saves: Path) -> Path:
    """A saga game played to its ending and autosaved; the path of its ending's autosave."""
    shutil.copytree(SAGA, folder)
    content = load_saga(folder)
    for seed in range(1, 60):
        engine = play(content.campaigns["saga"], seed, 10_000)
        if engine.is_over:
            break
    assert engine.is_over
    path = SaveStore(content, saves).autosave(engine)
    assert path is not None and ended_autosaves(saves) == [path]
    return path


def test_an_ended_game_continued_from_its_snapshot_is_not_autosaved_again(tmp_path: Path) -> None:
    folder, saves = tmp_path / "content", tmp_path / "saves"
    path = ended_game(folder, saves)
    cards = folder / "cards.yaml"
    text = cards.read_text()
    cards.write_text(text.replace(CAREFUL, CAREFUL.replace("gold: 1", "gold: 3"), 1).replace("doom: -3", "doom: -5", 1))
    content = load_saga(folder)
    assert replay_save(content, read_save(path)).divergence is not None  # the rules changed
    session = GameSession(make_services(content, argparse.Namespace(mod=[], saves=str(saves))))
    assert session.load(str(path)).show == "confirm"
    assert session.continue_from_snapshot().show == "ending"
    session.quit_to_title()
    session.close()
    assert ended_autosaves(saves) == [path]


def test_another_record_of_the_same_ended_game_adds_no_autosave(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    path = ended_game(tmp_path / "content", saves)
    content = load_saga(tmp_path / "content")
    engine = replay_save(content, read_save(path)).engine
    recorder = recorder_of(engine)
    assert recorder is not None
    again = copy.copy(recorder)  # a second record of it, never autosaved (another process, a copy)
    again.autosaved_at = -1
    engine.listeners[engine.listeners.index(recorder)] = again
    assert SaveStore(content, saves).autosave(engine) is None
    assert ended_autosaves(saves) == [path]
    # the same game one decision earlier (taken back): not the state the autosave holds, so written
    earlier = rewind(engine)
    assert not earlier.is_over
    assert SaveStore(content, saves).autosave(earlier) is not None
    assert len(list(saves.glob("autosave-*.json"))) == 2 and ended_autosaves(saves) == [path]
