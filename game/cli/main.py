"""The entry point of ``divergence``: build the parser from the command registry, run the
command, and turn a user's mistake into a message and an exit status (never a traceback)."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator, Sequence

from game import __version__
from game.cli.commands import COMMANDS
from game.cli.errors import EXIT_FAIL, EXIT_OK, CliError
from game.content.cache import NO_CACHE_ENV
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
    words = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(_with_command(words))
    if getattr(args, "no_cache", False):
        with _no_cache():  # this command and any worker process it starts read every file
            return _run(args)
    return _run(args)


def _with_command(words: list[str]) -> list[str]:
    """The words with ``play`` put first when they name no command.

    ``divergence`` alone plays, and so does ``divergence --ui tcod --seed 7``: options before
    any command are the play command's (only ``-h`` and ``--version`` are the program's own).
    """
    if not words or (words[0].startswith("-") and words[0] not in _PROGRAM_OPTIONS):
        return ["play", *words]
    return words


_PROGRAM_OPTIONS = frozenset({"-h", "--help", "--version"})


@contextlib.contextmanager
def _no_cache() -> Iterator[None]:
    before = os.environ.get(NO_CACHE_ENV)
    os.environ[NO_CACHE_ENV] = "1"
    try:
        yield
    finally:
        if before is None:
            del os.environ[NO_CACHE_ENV]
        else:
            os.environ[NO_CACHE_ENV] = before


def _run(args: argparse.Namespace) -> int:
    """Run the parsed command; user errors become messages and exit statuses."""
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
