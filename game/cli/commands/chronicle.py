"""``divergence chronicle SAVE``: a saved game's chronicle as HTML (with an SVG chart of the
meters) or Markdown. Wiring only: the saves layer loads, game.ui.chronicle_export writes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.cli.errors import EXIT_FAIL, EXIT_OK, EXIT_USAGE, CliError
from game.cli.wiring import add_mod_argument, load_for_play
from game.content.loader import Content
from game.core.engine import Engine
from game.persist.errors import SaveError, naming
from game.persist.reader import read_save
from game.persist.replay import from_snapshot, replay_save
from game.ui.chronicle_export import chronicle_html, chronicle_markdown


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``chronicle`` subcommand."""
    p = subparsers.add_parser("chronicle", help="export a saved game's chronicle (HTML with a chart, or Markdown)")
    p.add_argument("save", metavar="SAVE", help="a save file")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--html", metavar="FILE", help="write a self-contained HTML page (- for stdout)")
    out.add_argument("--md", metavar="FILE", help="write Markdown (- for stdout)")
    add_mod_argument(p, "load a mod folder the save was played with")
    p.add_argument(
        "--mattered",
        action="store_true",
        help="add the decisions that mattered (forecasts each other choice: takes a while)",
    )
    p.set_defaults(func=cmd_chronicle)


def load_engine(path: Path, mods: list[str], content: Content | None = None) -> Engine:
    """The saved game's engine at its last decision (its final snapshot when content changed),
    with the content given or loaded here."""
    if not path.is_file():
        raise CliError(f"{path}: no such file", EXIT_USAGE)
    if content is None:
        content = load_for_play(mods)
    try:
        save = read_save(path)
        outcome = replay_save(content, save)
        if outcome.divergence is None:
            return outcome.engine
        engine = from_snapshot(content, save)
        print(
            f"divergence: {path}: {outcome.divergence.message()}; the chronicle is the state stored in the save.",
            file=sys.stderr,
        )
        return engine
    except SaveError as exc:
        raise CliError(naming(path, exc), EXIT_FAIL) from None


def cmd_chronicle(args: argparse.Namespace) -> int:
    """Write the chronicle; Markdown to stdout when no file is given."""
    mattered: list[str] = []
    content = None
    if args.mattered:
        from game.cli.commands import forecast
        from game.sim.regret import regret, sentences

        content, line = forecast.read_line(args.save, args.mod)  # the content loaded (and its warnings said) once
        mattered = sentences(regret(forecast.campaign_ref(line, args.mod), line)) or [
            "No decision of this game moved its outcome."
        ]
    engine = load_engine(Path(args.save), args.mod, content)
    view = engine.view()
    target = args.html or args.md or "-"
    text = chronicle_html(view, mattered) if args.html else chronicle_markdown(view, mattered)
    if target == "-":
        sys.stdout.write(text)
        return EXIT_OK
    out = Path(target)
    if not out.parent.exists():
        raise CliError(f"{out.parent}: no such folder", EXIT_USAGE)
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc.strerror or exc}") from None
    print(f"{out}: {len(view.chronicle)} entries", file=sys.stderr)
    return EXIT_OK
