"""Autosaves from before game ids (``autosave-NNNNNN.json``, format 2) are rotated with
their own game once it is played on, and only then: an old autosave is removed only when the
game that autosaves now continues it (the same game, its decisions a prefix of the game's),
as one of that game's oldest autosaves beyond the limit. Old autosaves of other games, of a
branch with the same seed, or that cannot be read are never removed (docs/PLAYING.md)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from game.content.loader import Content
from game.core.commands import Choose
from game.core.engine import Engine
from game.core.model import Campaign
from game.persist.document import checksum_of, dumps, to_document
from game.persist.reader import read_document, read_save
from game.persist.recorder import Recorder
from game.persist.replay import replay_save
from game.persist.store import SaveStore

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "fixtures" / "saves"


def as_v2(doc: dict[str, Any]) -> bytes:
    """A current save document written as format 2 wrote it (no game id, ironman, hash version
    or ``drawn``), resealed: what an old autosave holds."""
    for key in ("game_id", "ironman", "hash_version"):
        del doc[key]
    doc["format_version"] = 2
    for kf in doc["keyframes"]:
        kf["state"].pop("drawn")
    doc["checksum"] = checksum_of(doc)
    return json.dumps(doc, indent=1).encode()


def old_prefix(content: Content, campaign: Campaign, decisions: int) -> bytes:
    """The golden 556-decision v2 game cut at ``decisions``, saved as a format-2 autosave."""
    ended = read_save(GOLDEN / "v2-saga-ended.json")
    engine = Engine(campaign, ended.seed)
    Recorder(engine, game_id=ended.game_id, hash_version=2).attach(engine)
    for step in ended.commands[:decisions]:
        engine.apply(step.command)
    recorder = next(r for r in engine.listeners if isinstance(r, Recorder))
    return as_v2(to_document(recorder.to_save(engine, content, f"autosave-{decisions:06d}")))


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("autosave-"))


def test_old_autosaves_of_a_game_played_on_are_rotated_with_it_and_no_others(
    saga_content: Content, saga: Campaign, tmp_path: Path
) -> None:
    (tmp_path / "autosave-000001.json").write_bytes(old_prefix(saga_content, saga, 10))
    (tmp_path / "autosave-000002.json").write_bytes(old_prefix(saga_content, saga, 20))
    shutil.copy(GOLDEN / "v2-saga-fork.json", tmp_path / "autosave-000003.json")  # same seed, a branch
    shutil.copy(GOLDEN / "v2-saga-debug.json", tmp_path / "autosave-000004.json")  # another game
    (tmp_path / "autosave-000005.json").write_bytes(b"{ not a save")  # unreadable: never ours to remove
    store = SaveStore(saga_content, tmp_path, autosaves=3)
    ended = read_save(GOLDEN / "v2-saga-ended.json")
    fork = read_save(tmp_path / "autosave-000003.json")
    assert fork.game_id == ended.game_id  # one legacy id for both: only the prefix tells them apart
    assert fork.commands[20].command != ended.commands[20].command

    _, outcome = store.load(tmp_path / "autosave-000002.json")
    assert outcome.divergence is None
    engine = outcome.engine
    old_of_this_game = ["autosave-000001.json", "autosave-000002.json"]
    others = ["autosave-000003.json", "autosave-000004.json", "autosave-000005.json"]
    for n, step in enumerate(ended.commands[20:25], start=1):
        engine.apply(step.command)
        path = store.autosave(engine)
        assert path is not None
        left = [name for name in old_of_this_game if (tmp_path / name).exists()]
        # the game keeps 3 autosaves: its old ones go first, oldest first, once it has n new ones
        assert left == old_of_this_game[max(0, n - 1) :][: max(0, 3 - n)], (n, left)
        assert all((tmp_path / name).exists() for name in others)
    new = [name for name in _names(tmp_path) if name not in others]
    assert len(new) == 3 and all(read_save(tmp_path / name).game_id == ended.game_id for name in new)
    assert [len(read_save(tmp_path / name).commands) for name in new] == [23, 24, 25]


def test_a_new_game_never_removes_old_autosaves(saga_content: Content, saga: Campaign, tmp_path: Path) -> None:
    (tmp_path / "autosave-000001.json").write_bytes(old_prefix(saga_content, saga, 10))
    store = SaveStore(saga_content, tmp_path, autosaves=1)
    ended = read_save(GOLDEN / "v2-saga-ended.json")
    engine = Engine(saga, ended.seed)  # the same seed, but a new game (a new game id)
    for step in ended.commands[:12]:
        engine.apply(step.command)
        store.autosave(engine)
    assert (tmp_path / "autosave-000001.json").exists()


def test_an_old_autosave_that_only_starts_like_the_game_is_kept(
    saga_content: Content, saga: Campaign, tmp_path: Path
) -> None:
    """The game, loaded from its old autosave at 10, goes another way than its old autosave
    at 20 (a branch the player took after loading the earlier one): the 20 is not superseded."""
    (tmp_path / "autosave-000001.json").write_bytes(old_prefix(saga_content, saga, 10))
    (tmp_path / "autosave-000002.json").write_bytes(old_prefix(saga_content, saga, 20))
    store = SaveStore(saga_content, tmp_path, autosaves=1)
    ended = read_save(GOLDEN / "v2-saga-ended.json")
    _, outcome = store.load(tmp_path / "autosave-000001.json")
    engine = outcome.engine
    taken = ended.commands[10].command
    assert isinstance(taken, Choose)
    other = next(c for c in engine.choices() if c != taken.option)
    engine.apply(Choose(other))
    for _ in range(12):
        if engine.is_over:
            break
        engine.apply(Choose(engine.choices()[0]))
        store.autosave(engine)
    assert not (tmp_path / "autosave-000001.json").exists()  # continued: rotated away
    assert (tmp_path / "autosave-000002.json").exists()  # a different branch of the same seed: kept
    again = read_document(dumps(read_save(tmp_path / "autosave-000002.json")))
    assert replay_save(saga_content, again).divergence is None
