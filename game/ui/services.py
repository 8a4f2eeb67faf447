"""What a frontend may ask of the outside world, handed in by the CLI.

Frontends import only ``game.core`` (and ``game.ui``); saving, loading and content live in
other layers, so the CLI wires them in through this small bundle of callables.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from game.core.engine import Engine
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
    raise RuntimeError("saving is not available in this session")


@attrs.frozen
class Services:
    """Callables a frontend uses; each returns data or raises ``UserError`` with a message."""

    campaigns: list[CampaignInfo]  # read when shown: F5 refreshes this list in place
    new_game: Callable[[str, int], Engine]
    save: Callable[[Engine, str], str] = _cannot  # -> a message naming the file
    autosave: Callable[[Engine], str] = lambda _e: ""
    list_saves: Callable[[], list[SaveInfo]] = _no_saves
    load: Callable[[str], Engine] = _cannot  # type: ignore[assignment]
    reload: Callable[[Engine], tuple[Engine, list[str]]] | None = None  # F5 for modders
    replay: Callable[[str], ReplayControl] | None = None  # a save's path -> a step-by-step replay
    # the frontend's presentation settings (a JSON object) kept between sessions; load raises
    # UserError for an unusable file (the frontend shows it and goes on with its defaults)
    load_settings: Callable[[], dict[str, object]] | None = None
    save_settings: Callable[[dict[str, object]], None] | None = None


class UserError(Exception):
    """A problem the player caused or can fix (a bad save name, a corrupt file): shown, not raised."""


class ContentChanged(UserError):
    """Loading a save whose content's rules changed since it was made: it no longer replays as
    played. The frontend shows the message (where it diverges) and asks the player whether to
    go on from the state stored in the save, with ``continue_from_snapshot()`` (which may raise
    ``UserError``), or to stop."""

    def __init__(self, message: str, continue_from_snapshot: Callable[[], Engine]) -> None:
        super().__init__(message)
        self.continue_from_snapshot = continue_from_snapshot
