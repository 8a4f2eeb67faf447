"""The saves folder: atomic writes, names, autosave rotation, the load menu's list."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.content.loader import Content
from game.core.commands import Choose
from game.core.model import Campaign
from game.persist import atomic
from game.persist.errors import SaveError
from game.persist.reader import read_save
from game.persist.recorder import record
from game.persist.store import SaveStore
from tests.persist.conftest import play


def test_an_interrupted_save_leaves_the_previous_one_intact(
    saga_content: Content, saga: Campaign, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SaveStore(saga_content, tmp_path)
    engine = play(saga, 1, 30)
    path = store.save(engine, "mine")
    before = path.read_bytes()
    engine.apply(Choose(engine.choices()[0]))

    def crash(*_args: object) -> None:  # the power fails between the write and the rename
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(atomic.os, "replace", crash)
    with pytest.raises(SaveError, match="Input/output error"):
        store.save(engine, "mine")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.json"]  # no temporary file left
    assert len(read_save(path).commands) == 30


def test_an_interrupt_during_the_write_also_leaves_it_intact(
    saga_content: Content, saga: Campaign, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SaveStore(saga_content, tmp_path)
    engine = play(saga, 1, 30)
    path = store.save(engine, "mine")
    before = path.read_bytes()

    def interrupted(_fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.save(engine, "mine")
    assert path.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["mine.json"]


@pytest.mark.parametrize("name", ["../escape", "a/b", "", "autosave-000001", ".hidden", "x" * 80, "a\\b"])
def test_names_that_could_leave_the_folder_are_refused(saga_content: Content, tmp_path: Path, name: str) -> None:
    store = SaveStore(saga_content, tmp_path)
    with pytest.raises(SaveError, match="cannot be a save name"):
        store.path_for(name)


def test_generated_names_never_overwrite(saga_content: Content, saga: Campaign, tmp_path: Path) -> None:
    store = SaveStore(saga_content, tmp_path)
    engine = play(saga, 2, 10)
    first, second = store.save(engine), store.save(engine)
    assert first != second and first.exists() and second.exists()
    assert first.stem.startswith("saga-1900-")


def test_autosaves_rotate_keeping_the_last_n(saga_content: Content, saga: Campaign, tmp_path: Path) -> None:
    store = SaveStore(saga_content, tmp_path, autosaves=3)
    engine = play(saga, 3, 0)
    written = []
    for _ in range(7):
        engine.apply(Choose(engine.choices()[0]))
        written.append(store.autosave(engine))
    assert store.autosave(engine) is None  # nothing new since the last one
    names = sorted(p.name for p in tmp_path.iterdir())
    game = record(engine).game_id
    assert names == [f"autosave-saga-{game}-00000{n}.json" for n in (5, 6, 7)]
    assert len(read_save(tmp_path / names[-1]).commands) == 7


def test_the_list_shows_every_save_newest_first_and_unreadable_ones_too(
    saga_content: Content, saga: Campaign, tmp_path: Path
) -> None:
    store = SaveStore(saga_content, tmp_path)
    old = store.save(play(saga, 2, 10), "old")
    os.utime(old, (1, 1))
    store.save(play(saga, 3, 20), "new")
    (tmp_path / "junk.json").write_text("{")
    entries = store.entries()
    assert [e.name for e in entries] == ["new", "old", "junk"]
    assert "A Long Saga" in entries[0].summary and "20 decisions" in entries[0].summary
    assert "cannot be read" in entries[2].summary


def test_a_read_only_folder_gives_a_clear_error(
    saga_content: Content, saga: Campaign, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_a: object, **_k: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    with pytest.raises(SaveError, match=r"cannot write in .*Permission denied"):
        SaveStore(saga_content, tmp_path).save(play(saga, 2, 5), "x")
    assert list(tmp_path.iterdir()) == []
