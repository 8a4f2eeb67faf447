"""``divergence validate``: check content files and report problems with their positions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.cli.errors import EXIT_FAIL, EXIT_OK, EXIT_USAGE, CliError
from game.cli.wiring import add_mod_argument, resolve_mods
from game.content.loader import Source, default_content_dir, load_content


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``validate`` subcommand."""
    val = sub.add_parser("validate", help="check content files and report problems")
    val.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: all content)")
    add_mod_argument(val, "also load a mod folder")
    val.add_argument("--strict", action="store_true", help="treat warnings as errors")
    val.set_defaults(func=cmd_validate)


def cmd_validate(args: argparse.Namespace) -> int:
    """Check content; print diagnostics; exit 1 on errors (or on warnings with --strict)."""
    base = default_content_dir().resolve()
    paths = [Path(p) for p in args.paths]
    for p in paths:
        if not p.exists():
            raise CliError(f"{p}: no such file or folder", EXIT_USAGE)
    inside = [p for p in paths if p.resolve().is_relative_to(base)]
    outside = [p for p in paths if not p.resolve().is_relative_to(base)]
    mod_dirs = [*args.mod, *(str(p) for p in outside if p.is_dir())]
    sources, resolution = resolve_mods(mod_dirs, user=False)
    files_outside = [Source(p.resolve().name, p) for p in outside if not p.is_dir()]
    content = load_content(mods=[*sources, *files_outside])
    content.diagnostics[:0] = resolution
    diagnostics = content.diagnostics
    if paths:
        wanted = [p.resolve() for p in paths]
        diagnostics = [d for d in diagnostics if any(Path(d.path).resolve().is_relative_to(w) for w in wanted)]
        diagnostics += [d for d in content.diagnostics if d.is_error and d not in diagnostics and not inside]
    for d in diagnostics:
        print(d)
    errors = sum(1 for d in diagnostics if d.is_error)
    notes = sum(1 for d in diagnostics if d.severity == "note")
    warnings = len(diagnostics) - errors - notes
    cards = sum(len(c.cards) for c in content.campaigns.values())
    summary = (
        f"{_n(len(content.files), 'file')}, {_n(len(content.campaigns), 'campaign')}, {_n(cards, 'card')}: "
        f"{_n(errors, 'error')}, {_n(warnings, 'warning')}" + (f", {_n(notes, 'note')}" if notes else "")
    )
    print(summary, file=sys.stderr)
    if errors or (args.strict and warnings):
        return EXIT_FAIL
    return EXIT_OK


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
