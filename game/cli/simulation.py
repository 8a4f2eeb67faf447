"""Wiring of game.sim shared by the simulation commands (``simulate``, ``calibrate``, and
those added beside them): argument types, the progress bar, content and campaign lookup."""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

from game.cli.errors import EXIT_USAGE, CliError
from game.cli.wiring import add_mod_argument, mod_sources
from game.content.dropped import dropped_lines
from game.content.loader import Content, load_content
from game.core.model import Campaign
from game.sim.executors import EXECUTOR_HELP, ExecutorError, Site, check_kind, open_site
from game.sim.policies import POLICIES, describe_policies
from game.sim.runner import MAX_WORKERS

MAX_SEED = 10**12


def int_in(name: str, lo: int, hi: int) -> Callable[[str], int]:
    """An argparse type: a whole number from lo to hi, with a message naming the option."""

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


def load(args: argparse.Namespace) -> tuple[Content, tuple[tuple[str, str], ...]]:
    """The content with ``--mod`` folders, and the mods as (id, folder) for the workers."""
    sources = mod_sources(args.mod)
    content = load_content(mods=sources)
    if content.errors:  # balance numbers from a deck with cards missing would mislead (CALIBRATION.md)
        head, *rest = dropped_lines(content, errors_shown=10)
        raise CliError(
            f"the content cannot be simulated: the figures would mislead with content missing from the deck. {head}\n"
            + "\n".join(rest),
            EXIT_USAGE,
        )
    return content, tuple((s.id, str(s.root.resolve())) for s in sources)


def campaign_errors(content: Content, cid: str) -> str:
    """Why a campaign cannot be simulated: its first content errors."""
    lines = [str(d) for d in content.errors][:20]
    return (
        f"campaign {cid!r} has content errors and cannot be simulated:\n"
        + "\n".join(lines)
        + "\n(run `divergence validate`)"
    )


def pick(content: Content, name: str) -> str:
    """A campaign id from its id or its player's id; a usage error when it is unknown or broken."""
    for c in content.campaigns.values():
        if name in (c.id, c.player):
            return c.id
    if name in content.broken_campaigns:
        raise CliError(campaign_errors(content, name), EXIT_USAGE)
    known = ", ".join(sorted(content.campaigns)) or "none"
    raise CliError(f"unknown campaign {name!r}; known: {known}", EXIT_USAGE)


def show_progress(args: argparse.Namespace) -> bool:
    """A progress bar only on a terminal and without --quiet."""
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


def _executor_kind(text: str) -> str:
    try:
        return check_kind(text)
    except ExecutorError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_executor_argument(parser: argparse.ArgumentParser) -> None:
    """``--executor local|dask|dask://HOST:PORT`` (with ``--workers``: how many processes)."""
    parser.add_argument("--executor", type=_executor_kind, default="local", metavar="WHERE", help=EXECUTOR_HELP)


def simulation_parser(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    name: str,
    help: str,
    description: str,
) -> argparse.ArgumentParser:
    """A subcommand of the simulation family, its help ending with the list of policies."""
    return sub.add_parser(  # type: ignore[no-any-return]
        name,
        help=help,
        description=description,
        epilog="policies:\n" + describe_policies(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def add_policy_option(parser: argparse.ArgumentParser, default: str, help: str) -> None:
    """``--policy P``: the simulated player, one of the policies listed below the options."""
    parser.add_argument(
        "--policy", choices=sorted(POLICIES), default=default, metavar="P", help=f"{help} (default {default})"
    )


def add_run_options(parser: argparse.ArgumentParser, workers: int, workers_help: str, seed_help: str) -> None:
    """What every simulation command takes: ``--seed``, ``--workers`` (default ``workers``),
    ``--executor`` and ``--mod``."""
    parser.add_argument("--seed", type=int_in("--seed", -MAX_SEED, MAX_SEED), default=0, help=seed_help)
    parser.add_argument("--workers", type=int_in("--workers", 1, MAX_WORKERS), default=workers, help=workers_help)
    add_executor_argument(parser)
    add_mod_argument(parser, "load a mod folder (repeatable)")


@contextlib.contextmanager
def site_for(args: argparse.Namespace) -> Iterator[Site]:
    """Where ``--executor``/``--workers`` ask the run's games to be played, opened once for
    the run (one Dask cluster for every campaign of it) and closed on leaving; a usage error
    (exit 2, one message) when it cannot be had or a worker is refused, then or mid-run."""
    from game.sim.runner import _init_worker

    try:
        with open_site(getattr(args, "executor", "local"), args.workers, _init_worker) as site:
            yield site
    except ExecutorError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None


@contextlib.contextmanager
def executor_for(
    args: argparse.Namespace, ref: Any, campaign: Campaign
) -> Iterator[concurrent.futures.Executor | None]:
    """The executor ``--executor``/``--workers`` ask for, for one campaign's run (``site_for``)."""
    with site_for(args) as site, site.executor(ref, campaign) as pool:
        yield pool
