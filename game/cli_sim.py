"""Wiring of ``divergence simulate`` and ``divergence calibrate`` (game.sim behind the CLI)."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from game.cli import EXIT_FAIL, EXIT_OK, EXIT_USAGE, CliError, mod_sources
from game.content.loader import Content, load_content
from game.core.model import Campaign
from game.sim import report
from game.sim.calibrate import DEFAULT_MAX_GAMES, Z99, ConstraintResult, calibrate
from game.sim.games import to_line
from game.sim.measures import ConstraintError
from game.sim.policies import POLICIES, describe_policies
from game.sim.runner import MAX_RUNS, MAX_WORKERS, CampaignRef, SimError, default_workers, remember, simulate
from game.sim.stats import Z95

MAX_SEED = 10**12


def _int_in(name: str, lo: int, hi: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} must be a whole number, not {text!r}") from None
        if not lo <= value <= hi:
            raise argparse.ArgumentTypeError(f"{name} must be between {lo:,} and {hi:,}, not {value:,}")
        return value

    return parse


class Progress:
    """A one-line progress bar on stderr, shown only on a terminal."""

    def __init__(self, label: str, enabled: bool) -> None:
        self.label = label
        self.enabled = enabled
        self.start = time.monotonic()
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last < 0.1 and done < total:
            return
        self.last = now
        frac = min(1.0, done / total) if total else 1.0
        bar = "#" * int(30 * frac)
        rate = done / max(now - self.start, 1e-9)
        sys.stderr.write(f"\r{self.label} [{bar:<30}] {done:,}/{total:,} games, {rate:,.0f}/s ")
        sys.stderr.flush()

    def close(self) -> None:
        """End the bar's line."""
        if self.enabled:
            sys.stderr.write("\n")
            sys.stderr.flush()


def _load(args: argparse.Namespace) -> tuple[Content, tuple[tuple[str, str], ...]]:
    sources = mod_sources(args.mod)
    content = load_content(mods=sources)
    if content.errors:  # balance numbers from a deck with cards missing would mislead (CALIBRATION.md)
        shown = "\n".join(str(d) for d in content.errors[:20])
        raise CliError(
            f"the content has {len(content.errors)} error(s), so it cannot be simulated: cards are missing from the deck and the figures "
            f"would mislead:\n{shown}\n(run `divergence validate` for the full report)",
            EXIT_USAGE,
        )
    return content, tuple((s.id, str(s.root.resolve())) for s in sources)


def _campaign_errors(content: Content, cid: str) -> str:
    lines = [str(d) for d in content.errors][:20]
    return (
        f"campaign {cid!r} has content errors and cannot be simulated:\n"
        + "\n".join(lines)
        + "\n(run `divergence validate`)"
    )


def _pick(content: Content, name: str) -> str:
    for c in content.campaigns.values():
        if name in (c.id, c.player):
            return c.id
    if name in content.broken_campaigns:
        raise CliError(_campaign_errors(content, name), EXIT_USAGE)
    known = ", ".join(sorted(content.campaigns)) or "none"
    raise CliError(f"unknown campaign {name!r}; known: {known}", EXIT_USAGE)


def _show_progress(args: argparse.Namespace) -> bool:
    return not args.quiet and sys.stderr.isatty()


def check_start(campaign: Campaign, start: str | None) -> str:
    """The start id asked for ("" for the default); a usage error naming the known ones."""
    if not start:
        return ""
    known = [s.id for s in campaign.starts if s.id]
    if start not in known:
        shown = ", ".join(known) or "none (this campaign has one start)"
        raise CliError(f"campaign {campaign.id!r} has no start {start!r}; starts: {shown}", EXIT_USAGE)
    return start


def cmd_simulate(args: argparse.Namespace) -> int:
    """Play many headless games and print the balance report."""
    content, mods = _load(args)
    cid = _pick(content, args.campaign)
    start = check_start(content.campaigns[cid], args.start)
    ref = CampaignRef(cid, mods, start=start)
    remember(ref, content.campaigns[cid])
    bar = Progress(f"{cid}/{args.policy}", _show_progress(args) and args.runs >= 500)
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
        tally = simulate(
            ref, args.runs, args.policy, args.seed, args.workers, bar, records=write if out is not None else None
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


def cmd_calibrate(args: argparse.Namespace) -> int:
    """Measure every historical constraint; exit 1 if one fails."""
    content, mods = _load(args)
    if args.campaign:
        names = [_pick(content, args.campaign)]
    else:
        names = sorted(content.campaigns)
        for cid in sorted(content.broken_campaigns):
            raise CliError(_campaign_errors(content, cid), EXIT_USAGE)
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
    for cid in names:
        campaign = content.campaigns[cid]
        start = check_start(campaign, args.start) if args.start else None
        ref = CampaignRef(cid, mods)
        remember(ref, campaign)
        ids = args.constraint or None
        bar = Progress(f"calibrate {cid}", _show_progress(args))
        try:
            results += calibrate(ref, campaign, args.seed, args.workers, args.max_games, z, ids, bar, start=start)
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


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``simulate`` and ``calibrate`` subcommands."""
    policies = "policies:\n" + describe_policies()
    sim = sub.add_parser(
        "simulate",
        help="play many headless games and report outcomes (the balance report)",
        description="Play a campaign headless many times with a simulated player and report how it ends, "
        "what fires, what is chosen and what never happens.",
        epilog=policies,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sim.add_argument("campaign", metavar="CAMPAIGN", help="campaign id (or its player's id)")
    sim.add_argument("--start", metavar="ID", help="the campaign's start to play from (default: its first)")
    sim.add_argument(
        "--games",
        metavar="FILE",
        help="also write one JSON line per game (seed, start, ending, end date, flags' first months, "
        "status changes, cards fired, choices)",
    )
    sim.add_argument("--runs", type=_int_in("--runs", 1, MAX_RUNS), default=1000, help="games to play (default 1000)")
    sim.add_argument(
        "--policy",
        choices=sorted(POLICIES),
        default="random",
        metavar="P",
        help="the simulated player (see below; default random)",
    )
    sim.add_argument(
        "--workers",
        type=_int_in("--workers", 1, MAX_WORKERS),
        default=default_workers(),
        help="processes (default: all cores); results do not depend on it",
    )
    sim.add_argument(
        "--seed",
        type=_int_in("--seed", -MAX_SEED, MAX_SEED),
        default=0,
        help="base seed; game i uses seed SEED*1000000+i",
    )
    fmt = sim.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print JSON")
    fmt.add_argument("--csv", action="store_true", help="print CSV")
    sim.add_argument("--mod", action="append", default=[], metavar="DIR", help="load a mod folder (repeatable)")
    sim.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    sim.set_defaults(func=cmd_simulate)

    cal = sub.add_parser(
        "calibrate",
        help="check the campaigns' historical constraints by simulation (exit 1 on a failure)",
        description="Run each historical constraint's policy for as many seeded games as its Wilson interval "
        "needs to decide it (capped), and print claim, source, measured rate and verdict.",
        epilog=policies,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cal.add_argument("campaign", nargs="?", metavar="CAMPAIGN", help="campaign id (default: every campaign)")
    cal.add_argument("--constraint", action="append", metavar="ID", help="only this constraint (repeatable)")
    cal.add_argument("--start", metavar="ID", help="only the constraints of this start (default: every start)")
    cal.add_argument("--seed", type=_int_in("--seed", -MAX_SEED, MAX_SEED), default=0, help="base seed (default 0)")
    cal.add_argument(
        "--workers",
        type=_int_in("--workers", 1, MAX_WORKERS),
        default=default_workers(),
        help="processes (default: all cores)",
    )
    cal.add_argument(
        "--max-games",
        type=_int_in("--max-games", 100, MAX_RUNS),
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
    cal.add_argument("--mod", action="append", default=[], metavar="DIR", help="load a mod folder (repeatable)")
    cal.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    cal.set_defaults(func=cmd_calibrate)
