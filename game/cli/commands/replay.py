"""``divergence replay SAVE``: watch a save decision by decision in a frontend, or fork it."""

from __future__ import annotations

import argparse
import sys

from game.cli.errors import EXIT_USAGE, CliError
from game.cli.saves import open_replay
from game.cli.wiring import add_save_arguments, content_and_save, make_services, run_replay_ui, run_ui
from game.persist.errors import SaveError, naming
from game.ui.session import GameSession


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``replay`` subcommand."""
    rep = sub.add_parser("replay", help="watch a saved game decision by decision")
    add_save_arguments(rep)
    rep.add_argument("--to", metavar="TURN|DATE", help="start at a turn number or a date (YYYY-MM)")
    rep.add_argument("--fork", action="store_true", help="start a new game from that point, saved as a branch")
    rep.set_defaults(func=cmd_replay)


def cmd_replay(args: argparse.Namespace) -> int:
    """Watch a save decision by decision; fork it into a new game if asked."""
    _content, store, _save = content_and_save(args)
    try:
        control = open_replay(store, args.save)
        start = control.locate(args.to) if args.to else 0
    except SaveError as exc:
        raise CliError(naming(args.save, exc)) from None
    except ValueError as exc:
        raise CliError(f"--to: {exc}", EXIT_USAGE) from None
    services = make_services(store.content, args)
    if not args.fork:
        name = store.resolve(args.save).stem
        status = run_replay_ui(args.ui, services, control, start, name, args.historian)
        if control.fork_path is not None:
            print(f"Forked: saved as {control.fork_path}.", file=sys.stderr)
        return status
    control.goto(start)
    session = GameSession(services)  # the one fork flow every frontend's replay screen uses
    step = session.fork(control)
    if step.failed or session.engine is None:
        said = step.text or "Cannot fork."
        raise CliError(said[:1].lower() + said[1:])  # "divergence: cannot fork: ..."
    print(f"Forked at decision {start}: saved as {control.fork_path}.", file=sys.stderr)
    return run_ui(args.ui, services, engine=session.engine, historian=args.historian)
