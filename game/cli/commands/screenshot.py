"""``divergence screenshot``: a screen of a game drawn without a display, to keep docs current.

The game is made from the campaign, the seed and the choices given (1-based option numbers,
as a player would type them); then the asked-for frontend draws the screen: tcod renders a
Console through the shipped font's tileset to PNG, text writes the screen as text, and
pygame is handed over to ``game.ui.pygame.screenshot.render``.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from game.cli.errors import EXIT_OK, EXIT_USAGE, CliError
from game.cli.wiring import add_mod_argument, add_ui_argument, load_for_play, make_services, resolve_campaign
from game.core.commands import Choose
from game.core.engine import Engine
from game.ui.services import CampaignInfo, Services

SCREENS = ("current", "title", "characters", "intro", "card", "reports", "chronicle", "help", "ending", "save", "load")
DEFAULT_SIZES = {"tcod": (80, 50), "text": (80, 0), "pygame": (1280, 800)}


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


def parse_size(text: str | None, ui: str) -> tuple[int, int]:
    """``WxH`` (or ``W`` for text) as two numbers, with the frontend's default."""
    if not text:
        return DEFAULT_SIZES[ui]
    parts = text.lower().split("x")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        numbers = []
    if ui == "text" and len(numbers) == 1:
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
    """Build the game, then have the frontend draw the screen."""
    size = parse_size(args.size, args.ui)
    choices = parse_choices(args.choices)
    content = load_for_play(args.mod)
    campaign = resolve_campaign(content, args.as_)
    services = make_services(content, args)
    engine = services.new_game(campaign, args.seed)
    play_choices(engine, choices)
    out = Path(args.out)
    if args.out != "-" and not out.parent.exists():
        raise CliError(f"{out.parent}: no such folder", EXIT_USAGE)
    if args.ui == "text":
        if args.screen not in SCREENS:
            raise CliError(f"--screen {args.screen}: the text frontend has {', '.join(SCREENS)}", EXIT_USAGE)
        text = render_text(services, engine, args.screen, size[0], args.historian)
        if args.out == "-":
            sys.stdout.write(text)
        else:
            out.write_text(text, encoding="utf-8")
        return EXIT_OK
    if args.out == "-":
        raise CliError("a PNG cannot go to stdout; give a file name", EXIT_USAGE)
    if args.ui == "tcod":
        return _tcod(services, engine, args, size, out)
    return _pygame(engine, args.screen, size, out, args.historian, services.campaigns)


def _tcod(services: Services, engine: Engine, args: argparse.Namespace, size: tuple[int, int], out: Path) -> int:
    from game.ui.tcod import font
    from game.ui.tcod.screenshot import ScreenError, render

    font_size = args.font_size or font.DEFAULT_SIZE
    if font_size not in font.SIZES:
        raise CliError(f"--font-size {font_size}: choose one of {', '.join(map(str, font.SIZES))}", EXIT_USAGE)
    if size[0] < 60 or size[1] < 24:
        raise CliError(f"--size {size[0]}x{size[1]}: the tcod screens need at least 60x24 cells", EXIT_USAGE)
    try:
        width, height = render(engine, args.screen, size, out, services, font_size, args.historian)
    except ScreenError as exc:
        raise CliError(f"--screen {args.screen}: {exc}", EXIT_USAGE) from None
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc}") from None
    print(f"{out}: {width}x{height} pixels ({size[0]}x{size[1]} cells)", file=sys.stderr)
    return EXIT_OK


# Names of this command's screens in the pygame frontend, where they differ.
PYGAME_NAMES = {"card": "table", "characters": "new", "reports": "aftermath", "chronicle": "timeline"}


def _pygame(
    engine: Engine, screen: str, size: tuple[int, int], out: Path, historian: bool, campaigns: list[CampaignInfo]
) -> int:
    """Hand over to the pygame frontend's renderer: ``render(engine, screen, size, out_path)``."""
    from game.ui.pygame.screenshot import render

    try:  # the new-game screen lists every campaign
        render(engine, PYGAME_NAMES.get(screen, screen), size, str(out), historian=historian, campaigns=campaigns)
    except ValueError as exc:  # an unknown screen, or one this game cannot show
        raise CliError(f"--screen {screen}: {exc}", EXIT_USAGE) from None
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc}") from None
    print(f"{out}: {size[0]}x{size[1]} pixels", file=sys.stderr)
    return EXIT_OK


def render_text(services: Services, engine: Engine, screen: str, width: int, historian: bool = False) -> str:
    """The screen as the text frontend prints it."""
    from game.ui.text.app import Quit, TextUI

    out = io.StringIO()
    ui = TextUI(services, io.StringIO("b\nq\n"), out, color=False, width=width, historian=historian)
    view = engine.view()
    try:
        if screen == "title":
            ui.title()
        elif screen == "characters":
            ui.new_game()
        elif screen == "load":
            ui.load_menu()
        elif screen == "help":
            ui.help()
        elif screen == "chronicle":
            ui.chronicle(view)
        elif screen == "intro":
            ui.out(view.campaign_title.upper())
            ui.prose(view.intro)
            ui.out(f"(seed {view.seed})")
        elif screen == "reports":
            if not view.reports:
                raise CliError("--screen reports: nothing to report at this point of the game", EXIT_USAGE)
            ui.show_reports(view)
        elif screen == "ending" or (view.is_over and screen in ("current", "card")):
            if not view.is_over:
                raise CliError(
                    "--screen ending: the game has not ended; give --choices that reach an ending", EXIT_USAGE
                )
            ui.show_reports(view)
            ui.show_ending(view)
        elif screen == "save":
            raise CliError(
                "--screen save: the text frontend saves with `s NAME` at its prompt; it has no save screen", EXIT_USAGE
            )
        else:
            if screen == "current":
                ui.show_reports(view)
            ui.show_decision(view)
    except Quit:
        pass
    return out.getvalue()
