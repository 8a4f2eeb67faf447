"""Wiring of ``divergence forecast`` (game.sim.forecast behind the CLI): the odds of every
ending and milestone from a saved game, or from an earlier decision of it."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.cli.errors import EXIT_OK, EXIT_USAGE, CliError
from game.cli.simulation import (
    MAX_SEED,
    add_policy_option,
    add_run_options,
    executor_for,
    int_in,
    simulation_parser,
)
from game.cli.wiring import load_for_play, resolve_mods
from game.content.loader import Content
from game.core.dates import month_label
from game.core.engine import Engine
from game.sim.forecast import DEFAULT_PRECISION, Forecast, as_data, forecast
from game.sim.lines import Line, open_line
from game.sim.runner import MAX_RUNS, CampaignRef, remember

PLAYER_MODEL = {
    "random": "if you play on at random",
    "historical": "if you play on as history did",
    "cautious": "if you play on like a cautious player",
    "bold": "if you play on like a bold player",
    "mixed": "if you play on like a player of mixed habits",
    "ambitious": "if you play on towards the campaign's goal",
}


def player_model(policy: str) -> str:
    """The words that say which player a forecast assumes."""
    return PLAYER_MODEL.get(policy, f"if you play on like the {policy} player")


def _precision(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--precision must be a number, not {text!r}") from None
    if not 0.0 < value <= 0.5:
        raise argparse.ArgumentTypeError(f"--precision must be above 0 and at most 0.5, not {value:g}")
    return value


def read_line(path: str, mods: list[str], content: Content | None = None) -> tuple[Content, Line]:
    """Load the content (unless given: a second save of the same command) and the save as a
    line of play; a usage error (exit 2) for a file that is missing, not a save, of another
    campaign or version, or no longer replaying."""
    from game.persist.errors import SaveError, naming
    from game.persist.reader import read_save

    file = Path(path)
    if not file.is_file():
        raise CliError(f"{path}: no such file", EXIT_USAGE)
    if content is None:
        content = load_for_play(mods)
    try:
        return content, open_line(content, read_save(file))
    except SaveError as exc:
        raise CliError(naming(path, exc), EXIT_USAGE) from None


def campaign_ref(line: Line, mods: list[str]) -> CampaignRef:
    """How a worker process loads the save's campaign (with the same mods)."""
    # resolved again without a word: loading the content has said what was wrong with them
    ref = CampaignRef(line.campaign.id, tuple((s.id, str(s.root.resolve())) for s in resolve_mods(mods)[0]))
    remember(ref, line.campaign)
    return ref


def engine_at(line: Line, decision: int | None) -> Engine:
    """The engine at ``--at`` (default: the end of the save); exit 2 outside the game."""
    try:
        return line.engine_at(line.total if decision is None else decision)
    except ValueError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None


def format_forecast(fc: Forecast, where: str) -> str:
    """The forecast as the player reads it."""
    lines = [f"Forecast {where}, {player_model(fc.policy)}:"]
    early = " (stopped early: every interval narrow enough)" if fc.stopped_early else ""
    lines.append(f"{fc.runs:,} continuations, seed {fc.seed}{early}")
    width = max((len(e.title) for e in (*fc.endings, *fc.milestones)), default=10)
    never = [e.title for e in fc.endings if e.hits == 0]
    for e in fc.endings:
        if e.hits:
            lines.append(f"  {e.title:<{width}}  {e.p:6.1%}  [{e.low:5.1%} – {e.high:5.1%}]")
    if never:
        lines.append(f"  never reached (under {fc.endings[-1].high:.1%} each): {', '.join(never)}")
    if fc.median_end is not None:
        lines.append(f"Median end: {month_label(round(fc.median_end))}")
    if fc.milestones:
        lines.append("Milestones:")
        for e in fc.milestones:
            lines.append(f"  {e.title:<{width}}  {e.p:6.1%}  [{e.low:5.1%} – {e.high:5.1%}]")
    return "\n".join(lines) + "\n"


def new_game_at_start(args: argparse.Namespace) -> tuple[Engine, CampaignRef]:
    """``forecast --as CAMPAIGN [--start ID]`` without a save: a new game of that start, at its
    first decision (seed ``--game-seed``), and how the workers load its campaign."""
    from game.cli.simulation import check_start, load, pick

    content, mods = load(args)
    cid = pick(content, args.as_)
    campaign = content.campaigns[cid]
    start = check_start(campaign, args.start)
    ref = CampaignRef(cid, mods)
    remember(ref, campaign)
    return Engine(campaign, args.game_seed, start=start), ref


def emit(args: argparse.Namespace, data: Callable[[], dict[str, Any]], text: Callable[[], str]) -> int:
    """Print the result as ``--json`` asks (indented JSON) or as text; exit 0."""
    sys.stdout.write(json.dumps(data(), indent=2) + "\n" if args.json else text())
    return EXIT_OK


def _from_save(args: argparse.Namespace) -> tuple[Engine, CampaignRef, dict[str, Any], str]:
    """The engine at the save's decision (``--at``), how workers load its campaign, what the
    JSON adds and where the text says the forecast is from."""
    if args.as_ or args.start:
        raise CliError("a save records its own campaign and start: give SAVE, or --as/--start, not both", EXIT_USAGE)
    _content, line = read_line(args.save, args.mod)
    engine = engine_at(line, args.at)
    at = line.total if args.at is None else args.at
    if engine.is_over:
        raise CliError(
            f"{args.save}: the game is over at decision {at} (forecast from an earlier one with --at)", EXIT_USAGE
        )
    where = f"from decision {at} of {line.total} ({month_label(engine.state.date)})"
    return engine, campaign_ref(line, args.mod), {"save": args.save, "decision": at}, where


def _from_start(args: argparse.Namespace) -> tuple[Engine, CampaignRef, dict[str, Any], str]:
    """``_from_save`` for ``--as CAMPAIGN [--start ID]``: a new game at its first decision."""
    if not args.as_:
        raise CliError("forecast needs a SAVE, or --as CAMPAIGN [--start ID] for a new game", EXIT_USAGE)
    if args.at is not None:
        raise CliError("--at reads a save's decisions; a new game has none", EXIT_USAGE)
    engine, ref = new_game_at_start(args)
    campaign, state = engine.campaign, engine.state
    title = campaign.get_start(state.start).title if campaign.starts else campaign.title
    extra = {"campaign": campaign.id, "start": state.start, "game_seed": args.game_seed}
    return engine, ref, extra, f"from the start of {title!r} ({month_label(state.date)}, game seed {args.game_seed})"


def cmd_forecast(args: argparse.Namespace) -> int:
    """Forecast a saved game from its end or from ``--at`` decision, or a new game from one of
    a campaign's starts (``--as CAMPAIGN --start ID``)."""
    engine, ref, extra, where = _from_start(args) if args.save is None else _from_save(args)
    campaign = engine.campaign
    with executor_for(args, ref, campaign) as pool:
        fc = forecast(ref, campaign, engine.state, args.policy, args.runs, args.seed, args.precision, pool)
    return emit(
        args,
        lambda: {**as_data(fc, month_label), **extra, "player_model": player_model(fc.policy)},
        lambda: format_forecast(fc, where),
    )


def cmd_regret(args: argparse.Namespace) -> int:
    """The decisions that mattered in a saved game."""
    from game.sim.regret import as_data as regret_data
    from game.sim.regret import format_text, regret

    _content, line = read_line(args.save, args.mod)
    ref = campaign_ref(line, args.mod)
    with executor_for(args, ref, line.campaign) as pool:
        result = regret(ref, line, args.policy, args.runs, args.seed, pool)
    return emit(args, lambda: {**regret_data(result), "save": args.save}, lambda: format_text(result))


def cmd_sensitivity(args: argparse.Namespace) -> int:
    """Nudge every sourced chance and world weight and report what moves."""
    from game.cli.simulation import check_start, load, pick
    from game.sim import sensitivity as sens

    content, mods = load(args)
    cid = pick(content, args.campaign)
    campaign = content.campaigns[cid]
    start = check_start(campaign, args.start)
    ref = CampaignRef(cid, mods, start=start)
    remember(ref, campaign)
    wanted = campaign.constraints_for(start) if campaign.starts else campaign.constraints
    policies = tuple(dict.fromkeys([args.policy, *(c.policy for c in wanted if c.policy != "ambitious")]))
    with executor_for(args, ref, campaign) as pool:
        results = sens.sensitivity(ref, campaign, policies, args.runs, args.seed, pool)
    head = {"campaign": cid, "start": campaign.get_start(start).id, "policies": list(policies), "runs": args.runs}
    return emit(args, lambda: {**head, "knobs": sens.as_data(results)}, lambda: sens.format_text(results, args.runs))


def add_common(p: argparse.ArgumentParser, runs: int) -> None:
    """Options every forecasting command shares."""
    p.add_argument(
        "--runs", type=int_in("--runs", 1, MAX_RUNS), default=runs, help=f"most continuations (default {runs:,})"
    )
    add_policy_option(p, "cautious", "the player model the future is played with")
    add_run_options(p, 1, "processes (default 1); results do not depend on it", "base seed (default 0)")
    p.add_argument("--json", action="store_true", help="print JSON")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``forecast`` subcommand."""
    p = simulation_parser(
        sub,
        "forecast",
        "the odds of every ending from a saved game or a campaign's start (with 95%% intervals)",
        "Play the future of a saved game many times with a player model and report each ending's "
        "probability with a 95%% Wilson interval, the median end date and the campaign's milestones. "
        "The result is the same for any number of workers.",
    )
    p.add_argument("save", metavar="SAVE", nargs="?", help="a save file (or --as CAMPAIGN for a new game)")
    p.add_argument(
        "--as",
        dest="as_",
        metavar="CAMPAIGN",
        help="forecast a new game of this campaign from its first decision, without a save",
    )
    p.add_argument("--start", metavar="ID", help="with --as: the campaign's start (default: its first)")
    p.add_argument(
        "--game-seed",
        type=int_in("--game-seed", -MAX_SEED, MAX_SEED),
        default=0,
        help="with --as: the new game's seed (default 0); the continuations roll their own dice",
    )
    p.add_argument(
        "--at",
        type=int_in("--at", 0, 10**7),
        metavar="DECISION",
        help="forecast after this many decisions (default: all)",
    )
    p.add_argument(
        "--precision",
        type=_precision,
        default=DEFAULT_PRECISION,
        help=f"stop once every 95%% interval is within this of its estimate (default {DEFAULT_PRECISION})",
    )
    add_common(p, 1000)
    p.set_defaults(func=cmd_forecast)

    r = simulation_parser(
        sub,
        "regret",
        "the decisions that mattered in a saved game",
        "For each decision of a saved game, forecast the game had each other choice been taken "
        "(the same seeds for every choice), and name the five decisions that moved the chance of its final "
        "outcome most.",
    )
    r.add_argument("save", metavar="SAVE", help="a save file")
    add_common(r, 200)
    r.set_defaults(func=cmd_regret)

    sv = simulation_parser(
        sub,
        "sensitivity",
        "which sourced chances and world weights move the endings and constraints most",
        "Move each sourced chance by +-0.05 and each world card's weight by +-20%%, play the same "
        "seeds with each deck (common random numbers) and report, sorted by effect and with each chance's "
        "source, how far every ending and every constraint's measure moves. Endings are measured with "
        "--policy; each constraint with its own policy (ambitious constraints are left out: too slow).",
    )
    sv.add_argument("campaign", metavar="CAMPAIGN", help="campaign id (or its player's id)")
    sv.add_argument("--start", metavar="ID", help="the campaign's start to play from (default: its first)")
    add_common(sv, 200)
    sv.set_defaults(func=cmd_sensitivity, policy="random")
