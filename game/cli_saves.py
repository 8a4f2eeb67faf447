"""Wiring for saves: the ``load`` and ``replay`` subcommands and the save services of frontends.

Joins the persist layer to the CLI and the frontends; holds no rule. Persist errors become
``UserError`` (frontends) or ``CliError`` (commands): one message, exit status 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.cli import EXIT_FAIL, EXIT_OK, CliError, choose_ui, load_for_play, make_services, run_ui
from game.content.loader import Content
from game.core.commands import Command
from game.core.engine import Engine
from game.core.view import View
from game.persist import SaveError
from game.persist.document import SaveFile
from game.persist.reader import read_save
from game.persist.recorder import recorder_of
from game.persist.replay import Replay, from_snapshot, replay_save
from game.persist.store import DEFAULT_AUTOSAVES, DEFAULT_FOLDER, SaveStore
from game.ui.services import ContentChanged, SaveInfo, UserError

AUTOSAVES_ENV = "DIVERGENCE_AUTOSAVES"


def store_for(content: Content, args: argparse.Namespace) -> SaveStore:
    """The saves folder of this session (``--saves`` or ``saves/``) and the autosave count."""
    folder = Path(getattr(args, "saves", None) or DEFAULT_FOLDER)
    count = getattr(args, "autosaves", None) or os.environ.get(AUTOSAVES_ENV) or DEFAULT_AUTOSAVES
    try:
        count = int(count)
    except ValueError:
        raise CliError(f"{AUTOSAVES_ENV}={count!r} is not a number") from None
    return SaveStore(content, folder, count)


def open_save(store: SaveStore, where: str, on_change: str = "stop") -> Engine:
    """Read, check and replay a save; after a divergence, follow ``on_change``: snapshot, stop,
    or ask (raise ``ContentChanged`` so that the frontend asks the player)."""
    save = read_save(store.resolve(where))
    outcome = replay_save(store.content, save)
    if outcome.divergence is None:
        return outcome.engine
    message = outcome.divergence.message()
    if on_change == "snapshot":
        return from_snapshot(store.content, save)
    if on_change == "ask":
        content = store.content
        raise ContentChanged(message[:1].upper() + message[1:], _user(lambda: from_snapshot(content, save)))
    raise SaveError(f"{message}. Load it with --on-change snapshot to continue from the state stored in the save.")


class UiReplay:
    """The persist Replay as the frontends' ReplayControl: errors become UserError, and a fork
    is saved at once as a branch of its parent."""

    def __init__(self, store: SaveStore, replay: Replay) -> None:
        self.store = store
        self.replay = replay
        self.fork_path: Path | None = None

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


def _user(fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapped(*args: Any) -> Any:
        try:
            return fn(*args)
        except SaveError as exc:
            raise UserError(str(exc)) from None

    wrapped.__doc__ = fn.__doc__
    return wrapped


def adopt_content(store: SaveStore | None, content: Content, engine: Engine) -> None:
    """After F5: the session's saves use the reloaded content, and the game's record goes on
    with the reloaded campaign (so later decisions carry the new cards' rules hashes)."""
    if store is not None:
        store.content = content
    recorder = recorder_of(engine)
    if recorder is not None:
        recorder.campaign = engine.campaign


def save_services(
    content: Content, args: argparse.Namespace, store: SaveStore | None = None
) -> dict[str, Callable[..., object]]:
    """The Services fields for saving: save, autosave, list_saves, load, replay."""
    store = store or store_for(content, args)

    def save(engine: Engine, name: str) -> str:
        path = store.save(engine, name)
        return f"Saved as {path.stem} ({path})."

    def autosave(engine: Engine) -> str:
        path = store.autosave(engine)
        return f"Autosaved ({path.name})." if path else ""

    def list_saves() -> list[SaveInfo]:
        return [SaveInfo(e.name, str(e.path), e.summary) for e in store.entries()]

    return {
        "save": _user(save),
        "autosave": _user(autosave),
        "list_saves": list_saves,
        "load": _user(lambda path: open_save(store, path, "ask")),
        "replay": _user(lambda path: open_replay(store, path)),
    }


# --- subcommands ---------------------------------------------------------------------------


def _content_for(args: argparse.Namespace) -> tuple[Content, SaveStore, SaveFile]:
    """Content with the mods given, the store, and the save read (before any replay)."""
    content = load_for_play(args.mod)
    store = store_for(content, args)
    try:
        save = read_save(store.resolve(args.save))
    except SaveError as exc:
        raise CliError(f"{args.save}: {exc}") from None
    return content, store, save


def _ask_on_change(message: str) -> str:
    """Ask the player what to do after a divergence; stop when nobody can answer."""
    print(f"divergence: {message}.", file=sys.stderr)
    print("Continue from the state stored in the save (c), or stop (s)? ", end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline().strip().lower()
    return "snapshot" if answer in ("c", "continue", "snapshot") else "stop"


def cmd_load(args: argparse.Namespace) -> int:
    """Load a save: replay it, check it, then play on in the chosen frontend."""
    _content, store, save = _content_for(args)
    from game.persist.replay import mod_changes

    for note in mod_changes(store.content, save):
        print(f"divergence: {args.save}: {note}", file=sys.stderr)
    try:
        outcome = replay_save(store.content, save)
        engine = outcome.engine
        if outcome.divergence is not None:
            message = outcome.divergence.message()
            choice = args.on_change or _ask_on_change(message)
            if choice != "snapshot":
                raise CliError(
                    f"{args.save}: {message}. Not loaded (use --on-change snapshot to continue from the saved state)."
                )
            engine = from_snapshot(store.content, save)
            print("divergence: continuing from the state stored in the save.", file=sys.stderr)
    except SaveError as exc:
        raise CliError(f"{args.save}: {exc}") from None
    services = make_services(store.content, args)
    return run_ui(args.ui, services, engine=engine, historian=args.historian)


def cmd_replay(args: argparse.Namespace) -> int:
    """Watch a save decision by decision; fork it into a new game if asked."""
    _content, store, _save = _content_for(args)
    try:
        control = open_replay(store, args.save)
        start = control.locate(args.to) if args.to else 0
    except SaveError as exc:
        raise CliError(f"{args.save}: {exc}") from None
    except ValueError as exc:
        raise CliError(f"--to: {exc}", 2) from None
    if args.fork:
        control.goto(start)
        try:
            engine = control.fork()
        except UserError as exc:
            raise CliError(f"cannot fork: {exc}") from None
        print(f"Forked at decision {start}: saved as {control.fork_path}.", file=sys.stderr)
    else:
        ui = choose_ui(args.ui)
        if ui != "text":
            return _graphical_replay(ui, store, args, control, start)
        from game.ui.text.replay import ReplayViewer

        forked = ReplayViewer(control, sys.stdin, sys.stdout).run(start)
        if forked is None:
            return EXIT_OK
        engine = forked
        print(f"Forked: saved as {control.fork_path}.", file=sys.stderr)
    services = make_services(store.content, args)
    return run_ui(args.ui, services, engine=engine, historian=args.historian)


def _graphical_replay(ui: str, store: SaveStore, args: argparse.Namespace, control: UiReplay, start: int) -> int:
    """The replay screen of the tcod or pygame frontend, opened straight on the save; a fork
    made there is played on in the same window."""
    try:
        module = __import__(f"game.ui.{ui}.app", fromlist=["run_replay"])
    except ImportError:
        raise CliError(f"the {ui} frontend is not available here (is {ui} installed?); try --ui text", 2) from None
    services = make_services(store.content, args)
    status: int = module.run_replay(
        services, control, start=start, name=store.resolve(args.save).stem, historian=args.historian
    )
    if control.fork_path is not None:
        print(f"Forked: saved as {control.fork_path}.", file=sys.stderr)
    return status


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("save", metavar="SAVE", help="a save file, or the name of a save in the saves folder")
    parser.add_argument(
        "--ui", choices=("text", "tcod", "pygame"), help="frontend (default: pygame with a display, else text)"
    )
    parser.add_argument("--mod", action="append", default=[], metavar="DIR", help="load a mod folder (repeatable)")
    parser.add_argument("--saves", metavar="DIR", help="where saves go (default: saves/)")
    parser.add_argument("--autosaves", type=int, metavar="N", help=f"autosaves to keep (default {DEFAULT_AUTOSAVES})")
    parser.add_argument("--historian", action="store_true", help="show odds and sources")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``load`` and ``replay`` (and ``--autosaves`` to ``play``)."""
    play = sub.choices.get("play")
    if play is not None:
        play.add_argument("--autosaves", type=int, metavar="N", help=f"autosaves to keep (default {DEFAULT_AUTOSAVES})")
    load = sub.add_parser("load", help="load a saved game and play on")
    _common(load)
    load.add_argument(
        "--on-change",
        choices=("snapshot", "stop"),
        help="if the content changed so the save no longer replays: continue from its stored state, or stop (default: ask)",
    )
    load.set_defaults(func=cmd_load)
    rep = sub.add_parser("replay", help="watch a saved game decision by decision")
    _common(rep)
    rep.add_argument("--to", metavar="TURN|DATE", help="start at a turn number or a date (YYYY-MM)")
    rep.add_argument("--fork", action="store_true", help="start a new game from that point, saved as a branch")
    rep.set_defaults(func=cmd_replay)


__all__ = ["EXIT_FAIL", "register", "save_services"]
