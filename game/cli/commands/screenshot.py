"""``divergence screenshot``: a screen of a game drawn without a display, to keep docs current.

The game is made from the campaign, the seed and the choices given (1-based option numbers,
as a player would type them); then the frontend registry's screenshot module of the asked-for
frontend draws the screen (``game.ui.frontends``: ``shoot``): tcod renders a Console through
the shipped font's tileset to PNG, text writes the screen as text, pygame draws a PNG.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.cli.errors import EXIT_OK, EXIT_USAGE, CliError
from game.cli.wiring import (
    add_mod_argument,
    add_ui_argument,
    frontend,
    load_for_play,
    make_services,
    resolve_campaign,
    shutdown_forecasts,
)
from game.core.commands import Choose
from game.core.engine import Engine
from game.ui.frontends import SCREEN_NAMES, ScreenshotError

SCREENS = SCREEN_NAMES


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``screenshot`` subcommand."""
    p = subparsers.add_parser(
        "screenshot",
        help="draw a screen of a game to a file without a display (PNG, or text for --ui text)",
        description="Play CAMPAIGN with SEED through the given choices, then draw one screen to OUT.",
    )
    p.add_argument(
        "out", metavar="OUT", help="the file to write (PNG for tcod and pygame; text for text; - for stdout)"
    )
    add_ui_argument(p, default="tcod", help="which frontend draws (default tcod)")
    p.add_argument("--as", dest="as_", metavar="CAMPAIGN", required=True, help="campaign id or its player's id")
    p.add_argument("--seed", type=int, default=1, help="the game's seed (default 1)")
    p.add_argument(
        "--choices", default="", metavar="1,2,1", help="option numbers to choose first, as a player types them"
    )
    p.add_argument(
        "--screen",
        default="current",
        metavar="NAME",
        help=f"which screen: {', '.join(SCREENS)} (pygame has more: timeline, hand, console...); "
        "default: the one the player would see now",
    )
    p.add_argument(
        "--size",
        metavar="WxH",
        help="tcod: cells (default 80x50); text: columns (default 80); pygame: pixels (default 1280x800)",
    )
    p.add_argument("--font-size", type=int, metavar="PX", help="tcod: the font size in pixels (default 16)")
    p.add_argument("--historian", action="store_true", help="show odds and sources")
    add_mod_argument(p)
    p.add_argument("--saves", metavar="DIR", help="where saves are listed from (for --screen load)")
    p.set_defaults(func=cmd_screenshot)


def parse_size(text: str | None) -> tuple[int, int] | None:
    """``WxH`` (or ``W`` alone: a text frontend's columns) as two numbers; None for the
    frontend's default."""
    if not text:
        return None
    parts = text.lower().split("x")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        numbers = []
    if len(numbers) == 1:
        numbers.append(0)
    if len(numbers) != 2 or numbers[0] <= 0 or numbers[1] < 0:
        raise CliError(f"--size {text}: expected WIDTHxHEIGHT, e.g. 80x50", EXIT_USAGE)
    return numbers[0], numbers[1]


def parse_choices(text: str) -> list[int]:
    """``1,2,1`` as numbers."""
    if not text.strip():
        return []
    try:
        return [int(part) for part in text.replace(" ", "").split(",")]
    except ValueError:
        raise CliError(
            f"--choices {text}: expected option numbers separated by commas, e.g. 1,2,1", EXIT_USAGE
        ) from None


def play_choices(engine: Engine, choices: list[int]) -> None:
    """Answer the game's decisions with the given option numbers (1-based)."""
    for i, number in enumerate(choices, 1):
        view = engine.view()
        decision = view.decision
        if decision is None:
            raise CliError(
                f"--choices: the game ended after {i - 1} choices ({view.ending.title if view.ending else ''})",
                EXIT_USAGE,
            )
        if not 1 <= number <= len(decision.choices):
            raise CliError(
                f"--choices: choice {i} is {number}, but {decision.title!r} ({view.date_label}) has options "
                f"1-{len(decision.choices)}",
                EXIT_USAGE,
            )
        choice = decision.choices[number - 1]
        if not choice.available:
            raise CliError(
                f"--choices: choice {i}: option {number} of {decision.title!r} is not open ({choice.reason})",
                EXIT_USAGE,
            )
        engine.apply(Choose(choice.id, decision.card))


def cmd_screenshot(args: argparse.Namespace) -> int:
    """Build the game, then have the frontend's screenshot module (from the registry) draw it."""
    chosen = frontend(args.ui)
    size = parse_size(args.size)
    choices = parse_choices(args.choices)
    content = load_for_play(args.mod)
    campaign = resolve_campaign(content, args.as_)
    services = make_services(content, args)
    engine = services.new_game(campaign, args.seed)
    play_choices(engine, choices)
    out = None if args.out == "-" else Path(args.out)
    if out is not None and not out.parent.exists():
        raise CliError(f"{out.parent}: no such folder", EXIT_USAGE)
    try:
        said: str = chosen.shooter().shoot(services, engine, args.screen, size, out, args.historian, args.font_size)
    except ScreenshotError as exc:
        value = {"--screen": args.screen, "--size": args.size, "--font-size": args.font_size}.get(exc.option, "")
        raise CliError(f"{exc.option} {value}: {exc}" if value else f"{exc.option}: {exc}", EXIT_USAGE) from None
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc}") from None
    finally:
        shutdown_forecasts()  # a screen that shows the forecast may have started its workers
    if said:
        print(said, file=sys.stderr)
    return EXIT_OK
