"""``divergence diff SAVE_A SAVE_B``: where two games of one seed part, and what followed."""

from __future__ import annotations

import argparse
from pathlib import Path

from game.cli.commands.forecast import add_common, campaign_ref, emit, read_line
from game.cli.errors import EXIT_USAGE, CliError
from game.cli.simulation import executor_for, simulation_parser
from game.sim.diff import DiffError, as_data, check_comparable, diff, format_text


def cmd_diff(args: argparse.Namespace) -> int:
    """Compare two saves of one seed."""
    content, a = read_line(args.save_a, args.mod)
    _content, b = read_line(args.save_b, args.mod, content)  # the content loaded (and its warnings said) once
    try:
        check_comparable(a, b)
    except DiffError as exc:
        raise CliError(f"cannot compare {args.save_a} and {args.save_b}: {exc}", EXIT_USAGE) from None
    ref = campaign_ref(a, args.mod)
    names = (Path(args.save_a).stem, Path(args.save_b).stem)
    if names[0] == names[1]:
        names = (args.save_a, args.save_b)
    with executor_for(args, ref, a.campaign) as pool:
        result = diff(ref, a, b, names, args.policy, args.runs, args.seed, pool)
    return emit(args, lambda: {**as_data(result), "saves": [args.save_a, args.save_b]}, lambda: format_text(result))


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``diff`` subcommand."""
    p = simulation_parser(
        sub,
        "diff",
        "where two games of one seed part, side by side from there",
        "Compare two saves of the same campaign, start and seed: the decision, date and card where "
        "their choices first differ, the meters at the parting and at each game's end, both chronicles from "
        "there side by side, and the forecasts (each game's choice at the parting played on, on the same "
        "seeds, and each unfinished game from its end).",
    )
    p.add_argument("save_a", metavar="SAVE_A", help="a save file")
    p.add_argument("save_b", metavar="SAVE_B", help="another save of the same seed")
    add_common(p, 200)
    p.set_defaults(func=cmd_diff)
