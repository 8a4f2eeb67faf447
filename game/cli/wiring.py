"""Wiring of the commands: content loading, the services a frontend gets, and choosing and
running a frontend from the registry. It joins the layers; it holds no rule of the game."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

from game.cli import saves, settings
from game.cli.errors import EXIT_USAGE, CliError
from game.content import installed as installed_mod
from game.content import mods as mods_mod
from game.content.diagnostics import Diagnostic
from game.content.dropped import dropped_lines
from game.content.files import display
from game.content.loader import Content, Source, default_content_dir, load_content
from game.core.dates import month_label
from game.core.engine import Engine
from game.persist.document import SaveFile
from game.persist.errors import SaveError, naming
from game.persist.reader import read_save
from game.persist.store import DEFAULT_AUTOSAVES, SaveStore
from game.ui import frontends
from game.ui.frontends import Frontend
from game.ui.replay import ReplayControl
from game.ui.services import CampaignInfo, ModInfo, ModsInfo, Services, UserError
from game.ui.session import read_seed
from game.ui.textsafe import printable

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
    if _user_mods_on(user):
        roots.extend(mods_mod.user_mod_roots())
    resolution = mods_mod.resolve(roots)
    sources = [Source(m.id, m.root, m.version) for m in resolution.order]
    return sources, resolution.diagnostics


def _given_roots(mods: Sequence[str]) -> list[Path]:
    return [Path(m) for m in mods]


def _user_mods_on(user: bool | None) -> bool:
    return not os.environ.get("DIVERGENCE_NO_USER_MODS") if user is None else user


def mods_info(mods: Sequence[str] = (), content: Content | None = None, user: bool | None = None) -> ModsInfo:
    """The title screen's Mods list (``game.content.installed``): each mod given with --mod,
    then each mod of the user mod folder (enabled or not), with its place in the resolved load
    order, why it does not load, and the messages about it (its manifest, the content of its
    files that was left out)."""
    on = _user_mods_on(user)
    found = installed_mod.list_installed(given=_given_roots(mods), extra=content.errors if content else ())
    out = []
    for m in found:
        if m.origin == "user" and not on:
            continue
        refusal = next((e for e in m.errors if " is not loaded: " in e), "")
        broken = m.enabled and not m.loads and not refusal  # its manifest did not read
        problem = ""
        if m.enabled and not m.loads:
            problem = refusal.split(" is not loaded: ", 1)[1] if refusal else "its manifest has errors"
        notes = [e for e in (*m.errors, *m.warnings) if e != refusal]
        out.append(
            ModInfo(
                "" if broken else m.id,
                m.name,
                m.version,
                display(m.root),
                m.origin,
                m.enabled,
                m.position,
                problem,
                tuple(notes),
            )
        )
    loaded = sorted((m for m in found if m.loads and (on or m.origin == "given")), key=lambda m: m.position or 0)
    order = ("base", *(f"{m.id} {m.version}" for m in loaded))
    return ModsInfo(str(mods_mod.user_mods_dir()) if on else "", tuple(out), order)


def set_mod_enabled(mod_id: str, enabled: bool) -> None:
    """Enable or disable a mod of the user mod folder by its id (the store `divergence mods
    enable|disable` writes); UserError for an id no installed mod has, or a store that cannot
    be written."""
    try:
        installed_mod.set_enabled(mod_id, enabled)
    except installed_mod.UnknownMod as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(f"cannot write the mod settings in {mods_mod.user_mods_dir()}: {exc.strerror or exc}") from None


def mod_sources(mods: Sequence[str], user: bool | None = None) -> list[Source]:
    """Mod folders given with --mod (and the user's enabled mods), as content sources in load
    order; what is left out is said on stderr, and the game goes on with the others."""
    sources, diagnostics = resolve_mods(mods, user)
    for d in diagnostics:
        print(f"divergence: {d}", file=sys.stderr)
    return sources


def report_dropped(content: Content, stream: IO[str] | None = None) -> None:
    """Say on stderr what content was left out and why (``dropped_lines``; issue 9 item 5)."""
    lines = dropped_lines(content)
    if lines:
        print("divergence: " + "\n".join(printable(line) for line in lines), file=stream or sys.stderr)


def content_mods(content: Content) -> tuple[tuple[str, str], ...]:
    """The mods a content was loaded with, as (id, folder) in load order: how a worker
    process loads the same content (``game.sim.runner.CampaignRef``)."""
    return tuple((s.id, str(s.root.resolve())) for s in content.sources if s.id != "base")


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
            title = f"{st.title} ({month_label(st.date)})"  # the player's name says whose campaign
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


# --- services ------------------------------------------------------------------------------


def make_services(content: Content, args: argparse.Namespace) -> Services:
    """The services a frontend gets: new games, saves, settings and F5 reload."""

    current = [content]  # the content of this session: F5 replaces it

    def new_game(key: str, seed: int) -> Engine:
        campaign, start = split_key(key)
        return saves.recorded(Engine(current[0].campaigns[campaign], seed, start=start))

    store = saves.store_for(content, args)
    infos = campaign_infos(content)

    def adopt(fresh: Content, engine: Engine | None) -> None:
        current[0] = fresh
        infos[:] = campaign_infos(fresh)  # the same list the frontends read: menus show the reloaded campaigns
        saves.adopt_content(store, fresh, engine)  # saves and loads from now on use (and stamp) the new content

    def reload(engine: Engine | None) -> tuple[Engine | None, list[str]]:
        return reload_engine(engine, getattr(args, "mod", []) or [], adopt)

    given = getattr(args, "mod", []) or []
    extra: dict[str, Callable[..., object]] = {
        "reload": reload,
        "dropped": lambda: dropped_lines(current[0]),
        "mods": lambda: mods_info(given, current[0]),
        "set_mod_enabled": set_mod_enabled,
    }
    extra.update(saves.save_services(content, args, store))
    extra.update(settings.settings_services(args))
    from game.cli.outlook import outlook_services  # the simulator, only for a session that plays

    # the workers load the mods of the content in use at each forecast: a Mods switch or F5
    # changes them (and nothing is resolved again, so no warning is said twice)
    extra.update(outlook_services(lambda: content_mods(current[0])))
    return Services(infos, new_game, **extra)  # type: ignore[arg-type]


def reload_engine(
    engine: Engine | None,
    mods: Sequence[str] = (),
    adopt: Callable[[Content, Engine | None], None] | None = None,
) -> tuple[Engine | None, list[str]]:
    """F5 for modders: reload the content from disk and go on with the same game state.

    Returns the engine to play on and the problems found. When the campaign no longer loads,
    or the cards in front of the player are gone, the old engine is kept unchanged; otherwise
    ``adopt(content, new_engine)`` lets the session switch to the new content. With no game
    in progress (a title screen), the new content is adopted when any campaign loaded.
    """
    try:
        content = load_content(mods=mod_sources(mods))
    except CliError as exc:
        return engine, [str(exc)]
    errors = [str(d) for d in content.errors]
    if engine is None:
        if not content.campaigns:
            return None, ["no campaign loaded; the game goes on with the old content", *errors]
        if adopt is not None:
            adopt(content, None)
        return None, errors
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
    # the saves layer's record of the game, when present; and what the last choice brought and
    # the meters before it, so that "what came of it" (and the meters' changes) still shows
    # after F5 (a new engine has no last choice to report)
    for attr in ("commands", "listeners", "_resolved", "_before"):
        if hasattr(engine, attr):
            setattr(fresh, attr, getattr(engine, attr))
    if adopt is not None:
        adopt(content, fresh)
    return fresh, errors


# --- frontends -----------------------------------------------------------------------------


def has_display() -> bool:
    """True when a graphical window can be opened."""
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) or sys.platform in ("win32", "darwin")


def choose_ui(requested: str | None) -> str:
    """The frontend to use: the one asked for, else pygame where a display exists, else text."""
    if requested:
        return requested
    return frontends.default(has_display()).name


def frontend(name: str | None) -> Frontend:
    """The registry's frontend for ``--ui NAME`` (or the default), refused when not installed."""
    chosen = frontends.BY_NAME[choose_ui(name)]
    if not chosen.available():
        raise CliError(
            f"the {chosen.name} frontend is not available here (is {chosen.name} installed?); try --ui text",
            EXIT_USAGE,
        )
    return chosen


def run_ui(
    ui: str | None,
    services: Services,
    campaign: str | None = None,
    seed: int | None = None,
    engine: Engine | None = None,
    historian: bool = False,
) -> int:
    """Run a frontend with the services."""
    return _host(ui, "run", services, campaign=campaign, seed=seed, engine=engine, historian=historian)


def run_replay_ui(
    ui: str | None, services: Services, control: ReplayControl, start: int, name: str, historian: bool
) -> int:
    """A frontend's replay screen opened straight on a save; a fork is played on in it."""
    return _host(ui, "run_replay", services, control, start=start, name=name, historian=historian)


def _host(ui: str | None, entry: str, *args: object, **kwargs: object) -> int:
    """Call one of the registry's entry points (``run``, ``run_replay``) of a frontend's app
    module; the in-game forecast's workers are shut down when it returns, however it ends."""
    call = getattr(frontend(ui).app(), entry)
    try:
        status: int = call(*args, **kwargs)
    finally:
        shutdown_forecasts()
    return status


def shutdown_forecasts() -> None:
    """Stop the in-game forecast's worker processes, if this process started any."""
    outlook = sys.modules.get("game.cli.outlook")  # never imported (no pool) when nothing played
    if outlook is not None:
        outlook.shutdown_pools()


def add_ui_argument(parser: argparse.ArgumentParser, default: str | None = None, help: str | None = None) -> None:
    """``--ui`` with the registry's names as its choices."""
    parser.add_argument(
        "--ui",
        choices=frontends.names(),
        default=default,
        help=help or "frontend (default: pygame with a display, else text)",
    )


def seed_argument(text: str) -> int:
    """An argparse type for a new game's ``--seed``: the session's one seed rule, refused
    with that rule in words (a usage error, not a game started with another range)."""
    try:
        seed = read_seed(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if seed is None:
        raise argparse.ArgumentTypeError("an empty --seed: leave it out for a random one")
    return seed


def add_mod_argument(parser: argparse.ArgumentParser, help: str = "load a mod folder (repeatable)") -> None:
    """``--mod DIR``, repeatable, and ``--no-cache`` (every command that loads content has both)."""
    parser.add_argument("--mod", action="append", default=[], metavar="DIR", help=help)
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="read and check every content file again instead of using the content cache",
    )


# --- saves ---------------------------------------------------------------------------------


def add_save_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments ``load`` and ``replay`` share: the save, the frontend, mods, folders."""
    parser.add_argument("save", metavar="SAVE", help="a save file, or the name of a save in the saves folder")
    add_ui_argument(parser)
    add_mod_argument(parser)
    parser.add_argument(
        "--saves",
        metavar="DIR",
        help="where saves go (default: saves/ in a checkout, else the user's data folder; see `divergence paths`)",
    )
    add_autosaves_argument(parser)
    parser.add_argument("--historian", action="store_true", help="show odds and sources")


def add_autosaves_argument(parser: argparse.ArgumentParser) -> None:
    """``--autosaves N``: how many autosaves to keep."""
    parser.add_argument("--autosaves", type=int, metavar="N", help=f"autosaves to keep (default {DEFAULT_AUTOSAVES})")


def content_and_save(args: argparse.Namespace) -> tuple[Content, SaveStore, SaveFile]:
    """Content with the mods given, the store, and the save read (before any replay)."""
    content = load_for_play(args.mod)
    store = saves.store_for(content, args)
    try:
        save = read_save(store.resolve(args.save))
    except SaveError as exc:
        raise CliError(naming(args.save, exc)) from None
    return content, store, save
