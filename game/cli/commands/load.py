"""``divergence load SAVE``: replay a save, check it, then play on in a frontend."""

from __future__ import annotations

import argparse
import sys

from game.cli.errors import CliError
from game.cli.wiring import add_save_arguments, content_and_save, make_services, run_ui
from game.persist.errors import SaveError, naming
from game.persist.replay import from_snapshot, mod_changes, replay_save


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``load`` subcommand."""
    load = sub.add_parser("load", help="load a saved game and play on")
    add_save_arguments(load)
    load.add_argument(
        "--on-change",
        choices=("snapshot", "stop"),
        help="if the content changed so the save no longer replays: continue from its stored state, or stop (default: ask)",
    )
    load.set_defaults(func=cmd_load)


def ask_on_change(message: str) -> str:
    """Ask the player what to do after a divergence; stop when nobody can answer."""
    print(f"divergence: {message}.", file=sys.stderr)
    print("Continue from the state stored in the save (c), or stop (s)? ", end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline().strip().lower()
    return "snapshot" if answer in ("c", "continue", "snapshot") else "stop"


def cmd_load(args: argparse.Namespace) -> int:
    """Load a save: replay it, check it, then play on in the chosen frontend."""
    _content, store, save = content_and_save(args)
    for note in mod_changes(store.content, save):
        print(f"divergence: {args.save}: {note}", file=sys.stderr)
    try:
        outcome = replay_save(store.content, save)
        engine = outcome.engine
        if outcome.divergence is not None:
            message = outcome.divergence.message()
            choice = args.on_change or ask_on_change(message)
            if choice != "snapshot":
                raise CliError(
                    f"{args.save}: {message}. Not loaded (use --on-change snapshot to continue from the saved state)."
                )
            engine = from_snapshot(store.content, save)
            print("divergence: continuing from the state stored in the save.", file=sys.stderr)
    except SaveError as exc:
        raise CliError(naming(args.save, exc)) from None
    services = make_services(store.content, args)
    return run_ui(args.ui, services, engine=engine, historian=args.historian)
