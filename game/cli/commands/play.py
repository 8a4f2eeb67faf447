"""``divergence play``: the title screen, or straight into a campaign."""

from __future__ import annotations

import argparse

from game.cli.errors import EXIT_USAGE, CliError
from game.cli.wiring import (
    add_autosaves_argument,
    add_mod_argument,
    add_ui_argument,
    load_for_play,
    make_services,
    resolve_campaign,
    run_ui,
    seed_argument,
    start_key,
)
from game.ui.text import app as text_app


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``play`` subcommand (also what ``divergence`` alone runs)."""
    play = sub.add_parser("play", help="play a campaign")
    play.add_argument("--as", dest="as_", metavar="CAMPAIGN", help="bukharin or tukhachevsky (skips the title screen)")
    add_ui_argument(play)
    play.add_argument("--seed", type=seed_argument, help="the game's seed, 1 to 999999999 (default: random)")
    play.add_argument("--start", metavar="ID", help="the campaign's start (with --as; default: its first)")
    add_mod_argument(play)
    play.add_argument("--historian", action="store_true", help="show odds and sources")
    play.add_argument(
        "--plain",
        action="store_true",
        help="the text frontend with no colour or other escape sequences (screen readers)",
    )
    play.add_argument("--saves", metavar="DIR", help="where saves go (default: saves/)")
    add_autosaves_argument(play)
    play.set_defaults(func=cmd_play)


def cmd_play(args: argparse.Namespace) -> int:
    """Start a game (or the title screen)."""
    content = load_for_play(args.mod)
    services = make_services(content, args)
    campaign = resolve_campaign(content, args.as_) if args.as_ else None
    if args.start:
        if campaign is None:
            raise CliError("--start needs --as CAMPAIGN", EXIT_USAGE)
        known = [s.id for s in content.campaigns[campaign].starts if s.id]
        if args.start not in known:
            shown = ", ".join(known) or "none (this campaign has one start)"
            raise CliError(f"campaign {campaign!r} has no start {args.start!r}; starts: {shown}", EXIT_USAGE)
        campaign = start_key(campaign, args.start)
    if args.plain:
        if args.ui not in (None, "text"):
            raise CliError("--plain is the text frontend: leave out --ui or use --ui text", EXIT_USAGE)
        return text_app.run(services, campaign=campaign, seed=args.seed, historian=args.historian, plain=True)
    return run_ui(args.ui, services, campaign=campaign, seed=args.seed, historian=args.historian)
