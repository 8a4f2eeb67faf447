"""``divergence calibrate``: measure every historical constraint by simulation; exit 1 if one fails."""

from __future__ import annotations

import argparse
import sys

from game.cli.errors import EXIT_FAIL, EXIT_OK, EXIT_USAGE, CliError
from game.cli.simulation import (
    Progress,
    add_run_options,
    campaign_errors,
    check_start,
    int_in,
    load,
    pick,
    show_progress,
    simulation_parser,
    site_for,
)
from game.sim import report
from game.sim.calibrate import DEFAULT_MAX_GAMES, Z99, ConstraintResult, calibrate
from game.sim.measures import ConstraintError
from game.sim.runner import MAX_RUNS, CampaignRef, SimError, default_workers, remember
from game.sim.stats import Z95


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``calibrate`` subcommand."""
    cal = simulation_parser(
        sub,
        "calibrate",
        "check the campaigns' historical constraints by simulation (exit 1 on a failure)",
        "Run each historical constraint's policy for as many seeded games as its Wilson interval "
        "needs to decide it (capped), and print claim, source, measured rate and verdict.",
    )
    cal.add_argument("campaign", nargs="?", metavar="CAMPAIGN", help="campaign id (default: every campaign)")
    cal.add_argument("--constraint", action="append", metavar="ID", help="only this constraint (repeatable)")
    cal.add_argument("--start", metavar="ID", help="only the constraints of this start (default: every start)")
    add_run_options(cal, default_workers(), "processes (default: all cores)", "base seed (default 0)")
    cal.add_argument(
        "--max-games",
        type=int_in("--max-games", 100, MAX_RUNS),
        default=DEFAULT_MAX_GAMES,
        help=f"most games per policy and campaign (default {DEFAULT_MAX_GAMES:,})",
    )
    cal.add_argument(
        "--confidence",
        type=int,
        choices=(95, 99),
        default=99,
        help="confidence of the Wilson interval, in percent (default 99)",
    )
    cal.add_argument("--json", action="store_true", help="print JSON")
    cal.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    cal.set_defaults(func=cmd_calibrate)


def cmd_calibrate(args: argparse.Namespace) -> int:
    """Measure every historical constraint; exit 1 if one fails."""
    content, mods = load(args)
    if args.campaign:
        names = [pick(content, args.campaign)]
    else:
        names = sorted(content.campaigns)
        for cid in sorted(content.broken_campaigns):
            raise CliError(campaign_errors(content, cid), EXIT_USAGE)
        if not names:
            raise CliError("no campaign could be loaded (run `divergence validate`)", EXIT_USAGE)
    if args.constraint:
        known = {c.id for cid in names for c in content.campaigns[cid].constraints}
        missing = [i for i in args.constraint if i not in known]
        if missing:
            where = f"campaign {names[0]} has no" if args.campaign else "no campaign has a"
            shown = ", ".join(sorted(known)) or "none"
            raise CliError(f"{where} constraint {', '.join(missing)}; known: {shown}", EXIT_USAGE)
    z = Z95 if args.confidence == 95 else Z99
    results: list[ConstraintResult] = []
    with site_for(args) as site:  # one pool or cluster for the whole run, campaign after campaign
        for cid in names:
            campaign = content.campaigns[cid]
            start = check_start(campaign, args.start) if args.start else None
            ref = CampaignRef(cid, mods)
            remember(ref, campaign)
            ids = args.constraint or None
            bar = Progress(f"calibrate {cid}", show_progress(args))
            try:
                with site.executor(ref, campaign) as pool:
                    results += calibrate(
                        ref, campaign, args.seed, args.workers, args.max_games, z, ids, bar, start=start, executor=pool
                    )
            except ConstraintError as exc:
                raise CliError(str(exc), EXIT_USAGE) from None
            except SimError as exc:
                raise CliError(str(exc), EXIT_FAIL) from None
            finally:
                bar.close()
    if not results:
        print("no constraints to calibrate", file=sys.stderr)
    if args.json:
        sys.stdout.write(report.format_json(report.calibration_data(results)))
    else:
        sys.stdout.write(report.format_calibration(results, f"{args.confidence}%"))
    return EXIT_OK if all(r.ok for r in results) else EXIT_FAIL
