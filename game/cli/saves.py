"""Wiring for saves: the saves folder of a session, and the save services of frontends.

Joins the persist layer to the CLI and the frontends; holds no rule. Persist errors become
``UserError`` (frontends) or ``CliError`` (commands): one message, exit status 1.
"""

from __future__ import annotations

import argparse
import copy
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game import paths
from game.cli.errors import CliError
from game.content.loader import Content
from game.core.commands import Command
from game.core.dates import format_month
from game.core.engine import Engine
from game.core.view import View
from game.persist import SaveError
from game.persist.atomic import atomic_write
from game.persist.reader import read_save
from game.persist.recorder import Recorder, record, recorder_of
from game.persist.replay import Replay, from_snapshot, mod_changes, replay_save
from game.persist.store import DEFAULT_AUTOSAVES, SaveStore
from game.ui.services import ContentChanged, Loaded, SaveInfo, UserError

AUTOSAVES_ENV = "DIVERGENCE_AUTOSAVES"


def store_for(content: Content, args: argparse.Namespace) -> SaveStore:
    """The saves folder of this session (``--saves``, else ``paths.saves_dir()``) and the autosave count."""
    folder = Path(getattr(args, "saves", None) or paths.saves_dir())
    count = getattr(args, "autosaves", None) or os.environ.get(AUTOSAVES_ENV) or DEFAULT_AUTOSAVES
    try:
        count = int(count)
    except ValueError:
        raise CliError(f"{AUTOSAVES_ENV}={count!r} is not a number") from None
    return SaveStore(content, folder, count)


def open_save(store: SaveStore, where: str, on_change: str = "stop") -> Engine:
    """Read, check and replay a save; after a divergence, follow ``on_change``: snapshot, stop,
    or ask (raise ``ContentChanged`` so that the frontend asks the player)."""
    return load_save(store, where, on_change).engine


def load_save(store: SaveStore, where: str, on_change: str = "stop") -> Loaded:
    """``open_save`` with the notes on mods changed since the save (``mod_changes``), which
    the player reads before anything else."""
    save = read_save(store.resolve(where))
    notes = tuple(mod_changes(store.content, save))
    outcome = replay_save(store.content, save)
    if outcome.divergence is None:
        return Loaded(outcome.engine, notes)
    message = outcome.divergence.message()
    if on_change == "snapshot":
        return Loaded(from_snapshot(store.content, save), notes)
    if on_change == "ask":
        content = store.content
        raise ContentChanged(message[:1].upper() + message[1:], _user(lambda: from_snapshot(content, save)), notes)
    raise SaveError(f"{message}. Load it with --on-change snapshot to continue from the state stored in the save.")


def rewind(engine: Engine, keep: int | None = None) -> Engine:
    """Undo: the game as it stood after its first ``keep`` recorded decisions (one fewer than
    now by default), replayed from the record's start so the dice are the same. The record
    goes on as if the later decisions had never been taken: the same game (its identity,
    lineage, ironman flag), its steps and keyframes cut at ``keep``, and the next autosave
    written afresh. SaveError when there is nothing to take back."""
    recorder = record(engine)
    steps = len(recorder.steps)
    keep = steps - 1 if keep is None else keep
    if not 0 <= keep < steps:
        raise SaveError(
            "there is nothing to take back: this is where the game's record begins"
            if steps == 0
            else f"the game cannot go back to decision {keep} of {steps}"
        )
    start = recorder.start
    if start is None:
        fresh = Engine(recorder.campaign, recorder.seed, start=engine.state.start)
    else:
        fresh = Engine(recorder.campaign, recorder.seed, state=copy.deepcopy(start))
    for step in recorder.steps[:keep]:
        fresh.apply(step.command)
    kept = copy.copy(recorder)
    kept.steps = list(recorder.steps[:keep])
    kept.keyframes = [k for k in recorder.keyframes if k.step <= keep]
    kept.autosaved_at = -1
    kept._sync(fresh)
    fresh.listeners.append(kept)
    return fresh


def recorded(engine: Engine) -> Engine:
    """A new game with its record attached before its first decision, so the record (and its
    saves and replay) start at the game's start, and undo reaches the first decision."""
    Recorder(engine).attach(engine)
    return engine


def is_ironman(engine: Engine) -> bool:
    """Whether the game was started as ironman (no undo); the flag is kept in its saves."""
    recorder = recorder_of(engine)
    return recorder is not None and recorder.ironman


def make_ironman(engine: Engine) -> None:
    """Make a new game ironman: its record (attached now) carries the flag into every save."""
    record(engine, ironman=True)


class UiReplay:
    """The persist Replay as the frontends' ReplayControl: errors become UserError, and a fork
    is saved at once as a branch of its parent."""

    def __init__(self, store: SaveStore, replay: Replay) -> None:
        self.store = store
        self.replay = replay
        self.fork_path: Path | None = None

    def forked_as(self) -> str:
        return self.fork_path.stem if self.fork_path is not None else ""

    def total(self) -> int:
        return self.replay.total()

    def position(self) -> int:
        return self.replay.position()

    def goto(self, step: int) -> View:
        return self.replay.goto(step)

    def view(self) -> View:
        return self.replay.view()

    def next_command(self) -> Command | None:
        return self.replay.next_command()

    def locate(self, where: str) -> int:
        return self.replay.locate(where)

    def fork(self) -> Engine:
        try:
            engine = self.replay.fork()
            name = self.store.fork_name(self.replay.save.name, engine)
            self.fork_path = self.store.save(engine, name)
        except SaveError as exc:
            raise UserError(str(exc)) from None
        return engine


def open_replay(store: SaveStore, where: str) -> UiReplay:
    """A replay of a save that today's content reproduces exactly."""
    save = read_save(store.resolve(where))
    outcome = replay_save(store.content, save)
    if outcome.divergence is not None:
        raise SaveError(outcome.divergence.message() + "; a replay needs the content the game was played with")
    return UiReplay(store, Replay(store.content, save))


def folder_usable(folder: Path) -> None:
    """UserError when the saves folder cannot be listed (a file stands at its path, or it may
    not be read), so that the load list says so rather than "no saved games yet"; a folder not
    made yet is fine (the first save makes it)."""
    try:
        os.listdir(folder)
    except FileNotFoundError:
        return
    except NotADirectoryError:
        raise UserError(f"the saves folder {folder} is a file, not a folder: no save can be kept there") from None
    except OSError as exc:
        raise UserError(f"cannot read the saves folder {folder}: {exc.strerror or exc}") from None


def _user(fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapped(*args: Any) -> Any:
        try:
            return fn(*args)
        except SaveError as exc:
            raise UserError(str(exc)) from None

    wrapped.__doc__ = fn.__doc__
    return wrapped


def adopt_content(store: SaveStore | None, content: Content, engine: Engine | None) -> None:
    """After F5: the session's saves use the reloaded content, and the game's record goes on
    with the reloaded campaign (so later decisions carry the new cards' rules hashes)."""
    if store is not None:
        store.content = content
    if engine is None:
        return
    recorder = recorder_of(engine)
    if recorder is not None:
        recorder.campaign = engine.campaign


def save_services(
    content: Content, args: argparse.Namespace, store: SaveStore | None = None
) -> dict[str, Callable[..., object]]:
    """The Services fields for saving: save, autosave, list_saves, load, replay, and undo and
    ironman (which live in the game's record)."""
    store = store or store_for(content, args)

    def save(engine: Engine, name: str) -> str:
        path = store.save(engine, name)
        return f"Saved as {path.stem} ({path})."

    def autosave(engine: Engine) -> str:
        path = store.autosave(engine)
        return f"Autosaved ({path.name})." if path else ""

    def list_saves() -> list[SaveInfo]:
        folder_usable(store.folder)
        return [SaveInfo(e.name, str(e.path), e.summary) for e in store.entries()]

    def export_chronicle(engine: Engine, page: str) -> str:
        """The chronicle page beside the saves, named like a save of the game (never over a file)."""
        s = engine.state
        base, n = f"{s.campaign}-{format_month(s.date)}-t{s.turn}-chronicle", 2
        path = store.folder / f"{base}.html"
        while not atomic_write(path, page.encode("utf-8"), replace=False):
            path, n = store.folder / f"{base}-{n}.html", n + 1
        return f"Chronicle written to {path}."

    return {
        "save": _user(save),
        "autosave": _user(autosave),
        "list_saves": list_saves,
        "export_chronicle": _user(export_chronicle),
        "load": _user(lambda path: load_save(store, path, "ask")),
        "replay": _user(lambda path: open_replay(store, path)),
        "rewind": _user(rewind),
        "ironman_of": is_ironman,
        "set_ironman": _user(make_ironman),
    }
