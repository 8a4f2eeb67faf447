"""What a frontend may ask of the outside world, handed in by the CLI.

Frontends import only ``game.core`` (and ``game.ui``); saving, loading and content live in
other layers, so the CLI wires them in through this small bundle of callables.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from game.core.engine import Engine
from game.ui.outlook import ForecastWork, MatteredWork
from game.ui.replay import ReplayControl


@attrs.frozen
class CampaignInfo:
    """A campaign as the title screen lists it."""

    id: str
    title: str
    player: str
    summary: str


@attrs.frozen
class SaveInfo:
    """A save as the load menu lists it."""

    name: str
    path: str
    summary: str


def _no_saves() -> list[SaveInfo]:
    return []


def _cannot(*_args: object) -> str:
    raise UserError("saving is not available in this session")


def _not_ironman(_engine: Engine) -> bool:
    return False


@attrs.frozen
class ModInfo:
    """An installed or given mod as the title screen's Mods list shows it.

    ``origin`` is ``user`` (a folder in the user mod folder: enabled and disabled from the
    title screen or ``divergence mods enable|disable``) or ``given`` (``--mod DIR``: loaded
    whenever it is given, so it cannot be switched off here). ``position`` is its place in the
    load order (1 = loaded first after the base game), None when it is not loaded; ``problem``
    says why a mod that should load does not (a broken manifest, a missing dependency, a cycle).
    ``notes`` are the other messages about it (a missing manifest, content it drops)."""

    id: str
    name: str
    version: str
    folder: str
    origin: str  # "user" | "given"
    enabled: bool
    position: int | None = None
    problem: str = ""
    notes: tuple[str, ...] = ()

    @property
    def can_toggle(self) -> bool:
        """Whether the player can switch it on or off here (mods of the user mod folder only)."""
        return self.origin == "user" and bool(self.id)


@attrs.frozen
class ModsInfo:
    """The Mods screen's data: where installed mods live, every mod, and the load order."""

    folder: str  # the user mod folder (it may not exist yet)
    mods: tuple[ModInfo, ...]
    order: tuple[str, ...]  # "base", then "id version" of each loaded mod, in load order


@attrs.frozen
class Loaded:
    """A save loaded and ready to play on, with what the player should read first (the mods
    that changed since it was saved, one sentence each)."""

    engine: Engine
    notes: tuple[str, ...] = ()


@attrs.frozen
class Services:
    """Callables a frontend uses; each returns data or raises ``UserError`` with a message."""

    campaigns: list[CampaignInfo]  # read when shown: F5 refreshes this list in place
    new_game: Callable[[str, int], Engine]
    save: Callable[[Engine, str], str] = _cannot  # -> a message naming the file
    autosave: Callable[[Engine], str] = lambda _e: ""
    list_saves: Callable[[], list[SaveInfo]] = _no_saves
    load: Callable[[str], Loaded] = _cannot  # type: ignore[assignment]  # raises ContentChanged to ask
    # F5 for modders: reload the content from disk; the game in progress (if any) goes on with
    # it, or is kept unchanged when it cannot; returns the engine to play on and the problems
    reload: Callable[[Engine | None], tuple[Engine | None, list[str]]] | None = None
    # undo: the game as it stood one decision earlier, replayed from its start (same dice) and
    # recorded as if the later decision never happened; UserError when there is none to take back
    rewind: Callable[[Engine], Engine] | None = None
    # ironman (no undo), kept in the save: whether a game is one, and making a new game one
    ironman_of: Callable[[Engine], bool] = _not_ironman
    set_ironman: Callable[[Engine], None] | None = None
    # what content was left out and why, for the title screen (game.content.dropped.dropped_lines
    # of the content in use, F5 included): a head line with the counts, the first errors, the
    # hint to run `divergence validate`; empty when everything loaded
    dropped: Callable[[], list[str]] = list
    replay: Callable[[str], ReplayControl] | None = None  # a save's path -> a step-by-step replay
    # the frontend's presentation settings (a JSON object) kept between sessions; load raises
    # UserError for an unusable file (the frontend shows it and goes on with its defaults)
    load_settings: Callable[[], dict[str, object]] | None = None
    save_settings: Callable[[dict[str, object]], None] | None = None
    # the historian's forecast (game.ui.outlook): given the engine in the frontend's thread, the
    # work to run in a background thread for the forecast panel / the ending's decisions that mattered
    forecast: Callable[[Engine], ForecastWork] | None = None
    mattered: Callable[[Engine], MatteredWork] | None = None
    forecast_off: str = ""  # why there is no forecast, when there is none ("turned off by ...")
    # the Mods screen of the title: the mods installed and given, and switching one of the user
    # mod folder on or off (the store `divergence mods enable|disable` writes; UserError when it
    # cannot be written); the session reloads the content after a switch
    mods: Callable[[], ModsInfo] | None = None
    set_mod_enabled: Callable[[str, bool], None] | None = None
    # the ending's export: write a game's chronicle page (the HTML of game.ui.chronicle_export)
    # beside the saves, never over another file; -> a message naming the file (UserError when
    # it cannot be written)
    export_chronicle: Callable[[Engine, str], str] | None = None


class UserError(Exception):
    """A problem the player caused or can fix (a bad save name, a corrupt file): shown, not raised."""


class ContentChanged(UserError):
    """Loading a save whose content's rules changed since it was made: it no longer replays as
    played. The frontend shows the message (where it diverges) and asks the player whether to
    go on from the state stored in the save, with ``continue_from_snapshot()`` (which may raise
    ``UserError``), or to stop."""

    def __init__(self, message: str, continue_from_snapshot: Callable[[], Engine], notes: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.continue_from_snapshot = continue_from_snapshot
        self.notes = notes  # the mods that changed since the save, read before the question
