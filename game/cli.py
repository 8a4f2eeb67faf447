"""The ``divergence`` command: wiring only. Each subcommand is a small function that joins
the layers (content, persist, sim, ui) around the core; none holds a rule of the game."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from game import __version__
from game.content import mods as mods_mod
from game.content.diagnostics import Diagnostic
from game.content.loader import Content, Source, default_content_dir, load_content
from game.content.yamlsafe import LibyamlMissingError
from game.core.dates import month_label
from game.core.engine import Engine
from game.ui.services import CampaignInfo, Services, UserError

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """A user's mistake: print the message, exit with the status, no traceback."""

    def __init__(self, message: str, status: int = EXIT_FAIL) -> None:
        super().__init__(message)
        self.status = status


# --- content -------------------------------------------------------------------------------


def resolve_mods(mods: Sequence[str], user: bool | None = None) -> tuple[list[Source], list[Diagnostic]]:
    """The mods to load: the folders given with --mod, then the enabled mods of the user mod
    folder, in dependency order; with what was left out and why (as diagnostics)."""
    roots = []
    for m in mods:
        path = Path(m)
        if not path.exists():
            raise CliError(f"--mod {m}: no such folder", EXIT_USAGE)
        if not path.is_dir():
            raise CliError(f"--mod {m}: this is a file; a mod is a folder (with a mod.yaml)", EXIT_USAGE)
        if path.resolve() == default_content_dir().resolve():
            raise CliError(f"--mod {m}: this is the game's own content folder, which always loads", EXIT_USAGE)
        roots.append(path)
    if user is None:
        user = not os.environ.get("DIVERGENCE_NO_USER_MODS")
    if user:
        roots.extend(mods_mod.user_mod_roots())
    resolution = mods_mod.resolve(roots)
    sources = [Source(m.id, m.root, m.version) for m in resolution.order]
    return sources, resolution.diagnostics


def mod_sources(mods: Sequence[str], user: bool | None = None) -> list[Source]:
    """Mod folders given with --mod (and the user's enabled mods), as content sources in load
    order; what is left out is said on stderr, and the game goes on with the others."""
    sources, diagnostics = resolve_mods(mods, user)
    for d in diagnostics:
        print(f"divergence: {d}", file=sys.stderr)
    return sources


def report_dropped(content: Content, stream: object = None) -> None:
    """Say on stderr that content was left out, with the first errors (issue 9 item 5)."""
    errors = content.errors
    if not errors:
        return
    out = stream or sys.stderr
    shown = "\n".join(f"  {d}" for d in errors[:3])
    more = f"\n  ... and {len(errors) - 3} more" if len(errors) > 3 else ""
    broken = f"; campaigns left out: {', '.join(sorted(content.broken_campaigns))}" if content.broken_campaigns else ""
    print(
        f"divergence: the content has {len(errors)} error(s): the cards or files they are in are left out{broken}:\n"
        f"{shown}{more}\n(run `divergence validate` for the full report)",
        file=out,  # type: ignore[arg-type]
    )


def load_for_play(mods: Sequence[str] = ()) -> Content:
    """Load the content; say what was left out; refuse to go on only if no campaign loaded."""
    content = load_content(mods=mod_sources(mods))
    if not content.campaigns:
        shown = "\n".join(str(d) for d in content.errors[:20])
        raise CliError(f"no campaign could be loaded:\n{shown}\n(run `divergence validate` for the full report)")
    report_dropped(content)
    return content


def campaign_infos(content: Content) -> list[CampaignInfo]:
    """The campaigns for the title screen, in a stable order: one entry per start of a
    campaign with several (its id ``campaign:start``, which ``new_game`` understands)."""
    infos = []
    for c in sorted(content.campaigns.values(), key=lambda c: c.id):
        player = content.characters.get(c.player)
        name = player.name if player else c.player
        named = [s for s in c.starts if s.id]
        if len(named) < 2:
            infos.append(CampaignInfo(c.id, c.title, name, c.summary))
            continue
        for st in named:
            title = f"{c.title}: {st.title} ({month_label(st.date)})"
            infos.append(CampaignInfo(start_key(c.id, st.id), title, name, st.summary or c.summary))
    return infos


def start_key(campaign: str, start: str) -> str:
    """The new-game key of a campaign's start (``campaign:start``; the campaign alone for its first)."""
    return f"{campaign}:{start}" if start else campaign


def split_key(key: str) -> tuple[str, str]:
    """(campaign, start) from a new-game key."""
    campaign, _, start = key.partition(":")
    return campaign, start


def resolve_campaign(content: Content, name: str) -> str:
    """A campaign id from the --as argument (its id or its player's id)."""
    for c in content.campaigns.values():
        if name in (c.id, c.player):
            return c.id
    if name in content.broken_campaigns:
        raise CliError(f"campaign {name!r} did not load: {content.broken_campaigns[name]}")
    known = ", ".join(sorted(content.campaigns))
    raise CliError(f"unknown campaign {name!r}; known: {known}", EXIT_USAGE)


def make_services(content: Content, args: argparse.Namespace) -> Services:
    """The services a frontend gets: new games, and saves when the persist layer is present."""

    current = [content]  # the content of this session: F5 replaces it

    def new_game(key: str, seed: int) -> Engine:
        campaign, start = split_key(key)
        return Engine(current[0].campaigns[campaign], seed, start=start)

    try:
        from game import cli_saves
    except ImportError:
        cli_saves = None  # type: ignore[assignment]
    store = cli_saves.store_for(content, args) if cli_saves is not None else None

    infos = campaign_infos(content)

    def adopt(fresh: Content, engine: Engine) -> None:
        current[0] = fresh
        infos[:] = campaign_infos(fresh)  # the same list the frontends read: menus show the reloaded campaigns
        if cli_saves is not None:  # saves and loads from now on use (and stamp) the new content
            cli_saves.adopt_content(store, fresh, engine)

    def reload(engine: Engine) -> tuple[Engine, list[str]]:
        return reload_engine(engine, getattr(args, "mod", []) or [], adopt)

    extra: dict[str, Callable[..., object]] = {"reload": reload}
    if cli_saves is not None:
        extra.update(cli_saves.save_services(content, args, store))
    try:
        from game import cli_settings
    except ImportError:
        cli_settings = None  # type: ignore[assignment]
    if cli_settings is not None:
        extra.update(cli_settings.settings_services(args))
    return Services(infos, new_game, **extra)  # type: ignore[arg-type]


def reload_engine(
    engine: Engine, mods: Sequence[str] = (), adopt: Callable[[Content, Engine], None] | None = None
) -> tuple[Engine, list[str]]:
    """F5 for modders: reload the content from disk and go on with the same game state.

    Returns the engine to play on and the problems found. When the campaign no longer loads,
    or the cards in front of the player are gone, the old engine is kept unchanged; otherwise
    ``adopt(content, new_engine)`` lets the session switch to the new content.
    """
    try:
        content = load_content(mods=mod_sources(mods))
    except CliError as exc:
        return engine, [str(exc)]
    errors = [str(d) for d in content.errors]
    state = engine.state
    campaign = content.campaigns.get(state.campaign)
    if campaign is None:
        why = content.broken_campaigns.get(state.campaign, "it is no longer in the content")
        return engine, [
            f"campaign {state.campaign!r} did not load: {why}; the game goes on with the old content",
            *errors,
        ]
    needed = [*state.pending, *state.hand, *([state.action] if state.action else [])]
    missing = [c for c in needed if c not in campaign.cards]
    if missing:
        return engine, [f"card {missing[0]!r} in play did not load; the game goes on with the old content", *errors]
    fresh = Engine(campaign, state.seed, state=state)
    for attr in ("commands", "listeners"):  # the saves layer's record of the game, when present
        if hasattr(engine, attr):
            setattr(fresh, attr, getattr(engine, attr))
    if adopt is not None:
        adopt(content, fresh)
    return fresh, errors


# --- subcommands ---------------------------------------------------------------------------


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
    return run_ui(args.ui, services, campaign=campaign, seed=args.seed, historian=args.historian)


def choose_ui(requested: str | None) -> str:
    """The frontend to use: the one asked for, else pygame where a display exists, else text."""
    if requested:
        return requested
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or sys.platform in ("win32", "darwin"):
        for name in ("pygame", "tcod"):
            if _ui_available(name):
                return name
    return "text"


def _ui_available(name: str) -> bool:
    try:
        __import__(f"game.ui.{name}.app")
    except ImportError:
        return False
    return True


def run_ui(
    ui: str | None,
    services: Services,
    campaign: str | None = None,
    seed: int | None = None,
    engine: Engine | None = None,
    historian: bool = False,
) -> int:
    """Run a frontend with the services."""
    name = choose_ui(ui)
    if name == "text":
        from game.ui.text.app import TextUI

        return TextUI(services, sys.stdin, sys.stdout, historian=historian).run(campaign, seed, engine)
    if not _ui_available(name):
        raise CliError(f"the {name} frontend is not available here (is {name} installed?); try --ui text", EXIT_USAGE)
    module = __import__(f"game.ui.{name}.app", fromlist=["run"])
    status: int = module.run(services, campaign=campaign, seed=seed, engine=engine, historian=historian)
    return status


def cmd_validate(args: argparse.Namespace) -> int:
    """Check content; print diagnostics; exit 1 on errors (or on warnings with --strict)."""
    base = default_content_dir().resolve()
    paths = [Path(p) for p in args.paths]
    for p in paths:
        if not p.exists():
            raise CliError(f"{p}: no such file or folder", EXIT_USAGE)
    inside = [p for p in paths if p.resolve().is_relative_to(base)]
    outside = [p for p in paths if not p.resolve().is_relative_to(base)]
    mod_dirs = [*args.mod, *(str(p) for p in outside if p.is_dir())]
    sources, resolution = resolve_mods(mod_dirs, user=False)
    files_outside = [Source(p.resolve().name, p) for p in outside if not p.is_dir()]
    content = load_content(mods=[*sources, *files_outside])
    content.diagnostics[:0] = resolution
    diagnostics = content.diagnostics
    if paths:
        wanted = [p.resolve() for p in paths]
        diagnostics = [d for d in diagnostics if any(Path(d.path).resolve().is_relative_to(w) for w in wanted)]
        diagnostics += [d for d in content.diagnostics if d.is_error and d not in diagnostics and not inside]
    for d in diagnostics:
        print(d)
    errors = sum(1 for d in diagnostics if d.is_error)
    notes = sum(1 for d in diagnostics if d.severity == "note")
    warnings = len(diagnostics) - errors - notes
    cards = sum(len(c.cards) for c in content.campaigns.values())
    summary = (
        f"{_n(len(content.files), 'file')}, {_n(len(content.campaigns), 'campaign')}, {_n(cards, 'card')}: "
        f"{_n(errors, 'error')}, {_n(warnings, 'warning')}" + (f", {_n(notes, 'note')}" if notes else "")
    )
    print(summary, file=sys.stderr)
    if errors or (args.strict and warnings):
        return EXIT_FAIL
    return EXIT_OK


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of content files (draft 7) for editors."""
    import json

    from game.content.jsonschema import content_schema

    ids = None
    if args.with_content:
        ids = load_content(mods=mod_sources(args.mod)).ids
    text = json.dumps(content_schema(ids), indent=2, sort_keys=True)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return EXIT_OK


# --- the parser ----------------------------------------------------------------------------

SUBCOMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="divergence", description="Divergence: a game of Soviet alternate history.")
    parser.add_argument("--version", action="version", version=f"divergence {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = sub.add_parser("play", help="play a campaign")
    play.add_argument("--as", dest="as_", metavar="CAMPAIGN", help="bukharin or tukhachevsky (skips the title screen)")
    play.add_argument(
        "--ui", choices=("text", "tcod", "pygame"), help="frontend (default: pygame with a display, else text)"
    )
    play.add_argument("--seed", type=int, help="the game's seed (default: random)")
    play.add_argument("--start", metavar="ID", help="the campaign's start (with --as; default: its first)")
    play.add_argument("--mod", action="append", default=[], metavar="DIR", help="load a mod folder (repeatable)")
    play.add_argument("--historian", action="store_true", help="show odds and sources")
    play.add_argument("--saves", metavar="DIR", help="where saves go (default: saves/)")
    play.set_defaults(func=cmd_play)

    val = sub.add_parser("validate", help="check content files and report problems")
    val.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: all content)")
    val.add_argument("--mod", action="append", default=[], metavar="DIR", help="also load a mod folder")
    val.add_argument("--strict", action="store_true", help="treat warnings as errors")
    val.set_defaults(func=cmd_validate)

    sch = sub.add_parser("schema", help="print the JSON Schema of content files (for editors)")
    sch.add_argument("-o", "--output", metavar="FILE", help="write to a file")
    sch.add_argument(
        "--with-content",
        action="store_true",
        help="list the ids of meters, flags, cards, characters and endings (with --mod: the mods' too)",
    )
    sch.add_argument("--mod", action="append", default=[], metavar="DIR", help="also a mod folder (repeatable)")
    sch.set_defaults(func=cmd_schema)

    for _name, register in EXTENSIONS:
        register(sub)
    return parser


# Wiring modules beside this one (game/cli_*.py) add their subcommands here.
EXTENSIONS: list[tuple[str, Callable[[argparse._SubParsersAction], None]]] = []  # type: ignore[type-arg]


def _load_extensions() -> None:
    for module in (
        "game.cli_saves",
        "game.cli_sim",
        "game.cli_screenshot",
        "game.cli_chronicle",
        "game.cli_mods",
        "game.cli_forecast",
        "game.cli_explain",
    ):
        try:
            mod = __import__(module, fromlist=["register"])
        except ImportError:
            continue
        EXTENSIONS.append((module, mod.register))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: parse, run, turn user errors into messages and exit statuses."""
    if not EXTENSIONS:
        _load_extensions()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        args = parser.parse_args(["play", *(argv or [])])
    try:
        return int(args.func(args))
    except CliError as exc:
        print(f"divergence: {exc}", file=sys.stderr)
        return exc.status
    except UserError as exc:
        print(f"divergence: {exc}", file=sys.stderr)
        return EXIT_FAIL
    except LibyamlMissingError as exc:
        print(f"divergence: {exc}", file=sys.stderr)
        return EXIT_FAIL
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
