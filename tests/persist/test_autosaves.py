"""Autosaves are per game: two games autosaving into one folder keep all their autosaves,
and finishing one game never removes another's last autosave (issue 9 item 4; review D8,
play review D22)."""

from __future__ import annotations

import random
from pathlib import Path

from game.content.loader import Content
from game.core.commands import Choose
from game.core.engine import Engine
from game.core.model import Campaign
from game.persist import store as store_module
from game.persist.reader import read_save
from game.persist.recorder import record
from game.persist.store import SaveStore


def _autosaves(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith("autosave-"))


def _by_game(folder: Path) -> dict[str, list[int]]:
    games: dict[str, list[int]] = {}
    for path in _autosaves(folder):
        save = read_save(path)
        games.setdefault(save.game_id, []).append(len(save.commands))
    return {k: sorted(v) for k, v in games.items()}


def test_two_interleaved_games_keep_their_own_last_autosaves(
    saga_content: Content, saga: Campaign, tmp_path: Path
) -> None:
    one, two = SaveStore(saga_content, tmp_path, autosaves=3), SaveStore(saga_content, tmp_path, autosaves=3)
    a, b = Engine(saga, 1), Engine(saga, 1)  # even the same seed: two games, not one
    rnd = random.Random(5)
    for _ in range(8):
        for engine, store in ((a, one), (b, two)):
            engine.apply(Choose(rnd.choice(engine.choices())))
            assert store.autosave(engine) is not None
    ids = {record(a).game_id, record(b).game_id}
    assert len(ids) == 2 and "" not in ids
    assert _by_game(tmp_path) == {record(a).game_id: [6, 7, 8], record(b).game_id: [6, 7, 8]}


def test_finishing_one_game_never_removes_the_others_last_autosave(
    saga_content: Content, saga: Campaign, tmp_path: Path
) -> None:
    store = SaveStore(saga_content, tmp_path, autosaves=2)
    waiting = Engine(saga, 7)
    waiting.apply(Choose(waiting.choices()[0]))
    store.autosave(waiting)
    (kept,) = _autosaves(tmp_path)
    busy = Engine(saga, 8)
    rnd = random.Random(8)
    while not busy.is_over:
        busy.apply(Choose(rnd.choice(busy.choices())))
        store.autosave(busy)
    assert kept.exists() and read_save(kept).game_id == record(waiting).game_id
    assert _by_game(tmp_path)[record(busy).game_id] == [len(busy.commands) - 1, len(busy.commands)]


def test_a_loaded_game_continues_its_own_rotation_and_a_fork_starts_a_new_one(
    saga_content: Content, saga: Campaign, tmp_path: Path
) -> None:
    store = SaveStore(saga_content, tmp_path, autosaves=5)
    engine = Engine(saga, 4)
    for _ in range(3):
        engine.apply(Choose(engine.choices()[0]))
        store.autosave(engine)
    game = record(engine).game_id
    save, outcome = store.load(_autosaves(tmp_path)[-1])
    assert save.game_id == game and record(outcome.engine).game_id == game
    assert store.autosave(outcome.engine) is None  # loading writes no duplicate autosave (D22)
    outcome.engine.apply(Choose(outcome.engine.choices()[0]))
    store.autosave(outcome.engine)
    assert _by_game(tmp_path) == {game: [1, 2, 3, 4]}


def test_a_number_taken_meanwhile_by_another_process_is_never_overwritten(
    saga_content: Content, saga: Campaign, tmp_path: Path, monkeypatch
) -> None:
    store = SaveStore(saga_content, tmp_path, autosaves=5)
    engine = Engine(saga, 2)
    engine.apply(Choose(engine.choices()[0]))
    first = store.autosave(engine)
    assert first is not None
    other = first.with_name(first.name.replace("000001", "000002"))
    listed = store._autosave_numbers

    def stale(game_id: str) -> list[int]:  # another writer took 2 after we listed the folder
        found = listed(game_id)
        if not other.exists():
            other.write_bytes(first.read_bytes())
        return found

    monkeypatch.setattr(store, "_autosave_numbers", stale)
    engine.apply(Choose(engine.choices()[0]))
    path = store.autosave(engine)
    assert path is not None and path != other and path.exists()
    assert other.read_bytes() == first.read_bytes() and len(read_save(path).commands) == 2


def test_autosave_names_carry_the_campaign_and_the_game(saga_content: Content, saga: Campaign, tmp_path: Path) -> None:
    store = SaveStore(saga_content, tmp_path)
    engine = Engine(saga, 2)
    engine.apply(Choose(engine.choices()[0]))
    path = store.autosave(engine)
    assert path is not None
    assert path.name == f"autosave-saga-{record(engine).game_id}-000001.json"
    assert store_module.autosave_game(path.name) == record(engine).game_id
    assert not store_module.valid_name(path.stem)  # never a player's save name
