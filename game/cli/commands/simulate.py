"""``divergence simulate``: play many headless games and print the balance report."""

from __future__ import annotations

import argparse
import sys

from game.cli.errors import EXIT_FAIL, EXIT_OK, EXIT_USAGE, CliError
from game.cli.simulation import (
    Progress,
    add_policy_option,
    add_run_options,
    check_start,
    executor_for,
    int_in,
    load,
    pick,
    show_progress,
    simulation_parser,
)
from game.sim import report
from game.sim.games import to_line
from game.sim.runner import MAX_RUNS, CampaignRef, SimError, default_workers, remember, simulate


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``simulate`` subcommand."""
    sim = simulation_parser(
        sub,
        "simulate",
        "play many headless games and report outcomes (the balance report)",
        "Play a campaign headless many times with a simulated player and report how it ends, "
        "what fires, what is chosen and what never happens.",
    )
    sim.add_argument("campaign", metavar="CAMPAIGN", help="campaign id (or its player's id)")
    sim.add_argument("--start", metavar="ID", help="the campaign's start to play from (default: its first)")
    sim.add_argument(
        "--games",
        metavar="FILE",
        help="also write one JSON line per game (seed, start, ending, end date, flags' first months, "
        "status changes, cards fired, choices)",
    )
    sim.add_argument("--runs", type=int_in("--runs", 1, MAX_RUNS), default=1000, help="games to play (default 1000)")
    add_policy_option(sim, "random", "the simulated player, see below")
    add_run_options(
        sim,
        default_workers(),
        "processes (default: all cores); results do not depend on it",
        "base seed; game i uses seed SEED*1000000+i",
    )
    fmt = sim.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print JSON")
    fmt.add_argument("--csv", action="store_true", help="print CSV")
    sim.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    sim.set_defaults(func=cmd_simulate)


def cmd_simulate(args: argparse.Namespace) -> int:
    """Play many headless games and print the balance report."""
    content, mods = load(args)
    cid = pick(content, args.campaign)
    start = check_start(content.campaigns[cid], args.start)
    ref = CampaignRef(cid, mods, start=start)
    remember(ref, content.campaigns[cid])
    bar = Progress(f"{cid}/{args.policy}", show_progress(args) and args.runs >= 500)
    out = None
    if args.games:
        try:
            out = open(args.games, "w", encoding="utf-8")  # noqa: SIM115 - closed in finally
        except OSError as exc:
            raise CliError(f"cannot write {args.games}: {exc.strerror or exc}", EXIT_USAGE) from None

    def write(records: list[dict[str, object]]) -> None:
        assert out is not None
        out.writelines(to_line(r) for r in records)

    try:
        with executor_for(args, ref, content.campaigns[cid]) as pool:
            tally = simulate(
                ref,
                args.runs,
                args.policy,
                args.seed,
                args.workers,
                bar,
                records=write if out is not None else None,
                executor=pool,
            )
    except SimError as exc:
        raise CliError(str(exc), EXIT_FAIL) from None
    finally:
        bar.close()
        if out is not None:
            out.close()
    data = report.simulation_report(content.campaigns[cid], tally, args.policy, args.seed)
    data["start"] = content.campaigns[cid].get_start(start).id
    if args.json:
        sys.stdout.write(report.format_json(data))
    elif args.csv:
        sys.stdout.write(report.format_csv(data))
    else:
        sys.stdout.write(report.format_text(data))
    return EXIT_OK
