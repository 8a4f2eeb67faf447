"""The entry point of ``divergence``: build the parser from the command registry, run the
command, and turn a user's mistake into a message and an exit status (never a traceback)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from game import __version__
from game.cli.commands import COMMANDS
from game.cli.errors import EXIT_FAIL, EXIT_OK, CliError
from game.content.yamlsafe import LibyamlMissingError
from game.ui.services import UserError
from game.ui.textsafe import one_line


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="divergence", description="Divergence: a game of Soviet alternate history.")
    parser.add_argument("--version", action="version", version=f"divergence {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for register in COMMANDS:
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: parse, run, turn user errors into messages and exit statuses."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        args = parser.parse_args(["play", *(argv or [])])
    try:
        return int(args.func(args))
    except CliError as exc:
        print(f"divergence: {one_line(str(exc))}", file=sys.stderr)
        return exc.status
    except UserError as exc:
        print(f"divergence: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_FAIL
    except LibyamlMissingError as exc:
        print(f"divergence: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_FAIL
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
